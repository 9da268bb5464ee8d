// What the offline tests (offline.mjs, budget.mjs, subpath.mjs, twosites.mjs,
// reseautwosites.mjs, rollback.mjs) share:
// TAP-like lines under a prefix, a headless Chromium, and a static host serving a built site the way
// a plain web server does (/x/ -> x/index.html, else 404.html), on
// 127.0.0.1 and a free port.
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

// A headless Chromium (CHROMIUM, else Debian's) with one page whose
// waits give up after timeout ms.
export async function openBrowser(timeout) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: ['--no-sandbox'],
	});
	const context = await browser.newContext();
	const page = await context.newPage();
	page.setDefaultTimeout(timeout);
	return { browser, context, page };
}

// ok/notOk/check printing "ok - PREFIX: name"; failures() counts the
// not-ok lines so far.
export function tap(prefix) {
	let failed = 0;
	const ok = (name) => console.log(`ok - ${prefix}: ${name}`);
	const notOk = (name, why) => {
		failed++;
		console.log(`not ok - ${prefix}: ${name}`);
		for (const l of String(why ?? '').split('\n').slice(0, 15))
			console.log(`#   ${l}`);
	};
	// check(name, fn): fn returns true or undefined when it holds, else
	// why it does not
	const check = async (name, fn) => {
		try {
			const why = await fn();
			if (why === true || why === undefined) ok(name);
			else notOk(name, why);
		} catch (e) {
			notOk(name, e.stack ?? e);
		}
	};
	return { ok, notOk, check, failures: () => failed };
}

const TYPES = {
	'.html': 'text/html; charset=utf-8', '.css': 'text/css',
	'.js': 'text/javascript', '.json': 'application/json',
	'.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
	'.jpg': 'image/jpeg', '.webp': 'image/webp', '.png': 'image/png',
	'.ics': 'text/calendar', '.xml': 'application/xml',
};

// Serves the folder root, each answer with the extra headers given
// (e.g. a Content-Security-Policy); resolves to {server, origin, fileFor}, where
// fileFor(urlPath) is the file a URL is served from (null: the 404 page).
export async function serveSite(root, headers = {}) {
	async function fileFor(urlPath) {
		const p = normalize(join(root, decodeURIComponent(urlPath.split('?')[0])));
		if (p !== root && !p.startsWith(root + sep))
			return null;
		try {
			const st = await stat(p);
			const f = st.isDirectory() ? join(p, 'index.html') : p;
			return (await stat(f)).isFile() ? f : null;
		} catch {
			return null;
		}
	}
	const server = createServer(async (req, res) => {
		const file = await fileFor(req.url);
		const path = file ?? join(root, '404.html');
		try {
			const body = await readFile(path);
			res.writeHead(file ? 200 : 404, {
				'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
				'cache-control': 'no-cache',
				...headers,
			});
			res.end(body);
		} catch {
			res.writeHead(500);
			res.end();
		}
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { server, origin: `http://127.0.0.1:${server.address().port}`, fileFor };
}

// Polls fn (every 250 ms, for 20 s) until it returns true; then true,
// else why it did not, with its last answer.
export async function until(fn, what) {
	const deadline = Date.now() + 20000;
	let last;
	while (Date.now() < deadline) {
		last = await fn();
		if (last === true)
			return true;
		await new Promise((r) => setTimeout(r, 250));
	}
	return `timed out waiting for ${what}: ${last}`;
}

// Site s's home (origin/s/) opened in page, its worker controlling it,
// asked to check sw.js again (the worker of sw.js as served then takes
// over): how the suites with two sites on one origin step a site.
export async function visitSite(page, origin, s) {
	await page.goto(`${origin}/${s}/`);
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()));
}

// The names of a site's precache: an earlier fabrique's, without its
// scope, and this one's for the site at /s/.
export const UNSCOPED = /^fabrique-precache-[0-9a-f]{16}$/;
export const scoped = (s) => new RegExp(`^fabrique:/${s}/:precache-[0-9a-f]{16}$`);
