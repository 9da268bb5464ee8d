// A static file server for the generated site, on 127.0.0.1 only: what
// a host serving public/ does (/x/ -> /x/index.html, unknown -> 404.html
// with status 404), so the browser tests need no server package.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.gif': 'image/gif',
	'.ics': 'text/calendar; charset=utf-8',
	'.xml': 'application/xml',
	'.txt': 'text/plain; charset=utf-8',
	'.pdf': 'application/pdf',
};

async function resolve(root, urlPath) {
	let p = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
	const full = normalize(join(root, p));
	if (full !== root && !full.startsWith(root + sep))
		return null;
	try {
		const st = await stat(full);
		if (st.isDirectory())
			return (await stat(join(full, 'index.html'))).isFile() ? join(full, 'index.html') : null;
		return st.isFile() ? full : null;
	} catch {
		return null;
	}
}

// Resolves to {server, origin}; close with server.close().
export function serve(root) {
	root = normalize(root);
	const server = createServer(async (req, res) => {
		const file = await resolve(root, req.url);
		const status = file ? 200 : 404;
		const path = file ?? join(root, '404.html');
		try {
			const body = await readFile(path);
			res.writeHead(status, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
			res.end(body);
		} catch {
			res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('not found');
		}
	});
	return new Promise((ok) => {
		server.listen(0, '127.0.0.1', () => {
			ok({ server, origin: `http://127.0.0.1:${server.address().port}` });
		});
	});
}
