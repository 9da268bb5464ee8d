// A workshop cancelled after a resident opened its page, on a host that
// sends pages the way most do: Last-Modified and ETag, no Cache-Control
// (nginx's and Apache's defaults).  The browser may then keep a page
// unchanged for a week fresh in its HTTP cache for hours (RFC 9111
// 4.2.2); the service worker must revalidate pages, or a resident who
// follows the link again is shown the workshop as still open (outside
// tester, session 21, F7).  Prints TAP-like lines.
//
// Usage: node fresh.mjs OUT_DIR REBUILD_SCRIPT WORKSHOP_URL OLD_TEXT NEW_TEXT
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { openBrowser, tap } from './harness.mjs';

const [root, rebuild, url, oldText, newText] = process.argv.slice(2);
const { check, failures } = tap('fresh');

const TYPES = {
	'.html': 'text/html; charset=utf-8', '.css': 'text/css',
	'.js': 'text/javascript', '.json': 'application/json',
	'.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
	'.ics': 'text/calendar', '.xml': 'application/xml',
};

// A plain static host: validators from the file, 304 on a match, and no
// Cache-Control at all.  Counts the requests for the workshop's page.
let asked = 0;
const server = createServer(async (req, res) => {
	const path = decodeURIComponent(req.url.split('?')[0]);
	let p = normalize(join(root, path));
	if (p !== root && !p.startsWith(root + sep)) { res.writeHead(403); res.end(); return; }
	if (path === url) asked++;
	try {
		if ((await stat(p)).isDirectory()) p = join(p, 'index.html');
		const st = await stat(p);
		const body = await readFile(p);
		const etag = '"' + createHash('sha1').update(body).digest('hex').slice(0, 16) + '"';
		const head = {
			'content-type': TYPES[extname(p)] ?? 'application/octet-stream',
			'last-modified': st.mtime.toUTCString(), etag,
		};
		if (req.headers['if-none-match'] === etag) { res.writeHead(304, head); res.end(); return; }
		res.writeHead(200, head);
		res.end(body);
	} catch {
		res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
		res.end('<h1>404</h1>');
	}
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const { browser, context, page } = await openBrowser(20000);

// Follows the programme's link to the workshop, as a
// resident does (not a reload, which would revalidate anyway).
async function follow() {
	await page.goto(origin + '/programme/');
	await Promise.all([page.waitForURL(origin + url), page.click(`a[href="${url}"]`)]);
	return page.locator('main').textContent();
}

try {
	await page.goto(origin + '/');
	await check('the service worker controls the page', async () => {
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	});
	await check('the workshop is shown open', async () => {
		const text = await follow();
		return text.includes(oldText) || `"${oldText}" is not on the page`;
	});
	execFileSync('sh', [rebuild], { stdio: 'inherit' });
	const before = asked;
	await check('after the rebuild, following the link again shows it cancelled', async () => {
		const text = await follow();
		if (text.includes(newText))
			return true;
		return `"${newText}" is not on the page (the server was asked ${asked - before} time(s) for it)`;
	});
} catch (e) {
	check('the run ends', () => String(e.stack ?? e));
} finally {
	await browser.close();
	server.close();
}
process.exitCode = failures() > 0 ? 1 : 0;
