// A site that moved (docs/deploy.md, « Changer l'adresse du site »;
// outside tester 23 F12) in headless Chromium (tests/browser/oldaddress.sh):
// a resident's phone has the old site's service worker, registered at the
// old address's root.  The old host then answers every address with a 301
// to the new one: without the docs' sw.js (sw.js redirected too) the old
// worker stays registered and serves the old programme offline; with it,
// served at the old root, the worker removes itself and its caches, and
// the page open at the old address is reloaded and leads to the new one.
// Prints TAP-like lines.
//
// Usage: node oldaddress.mjs OLD_DIR NEW_DIR RETIRE_SW BASE (like /journee)
import { readFile } from 'node:fs/promises';
import { openBrowser, serveSite, tap } from './harness.mjs';

const [oldRoot, newRoot, retireSw, base] = process.argv.slice(2);
const { check, failures } = tap('oldaddress');
const KEPT = 'gardes-hors-ligne-fabrique';
const neu = await serveSite(newRoot);
const old = await serveSite(oldRoot);
const retire = await readFile(retireSw);
// The old host once the site moved: 301 to the same address under the
// new one, but sw.js (the docs' one) when keep is true, and /__probe, a
// blank page of the test's own, to look at the old origin's worker.
function moved(keep) {
	old.server.removeAllListeners('request');
	old.server.on('request', (req, res) => {
		if (req.url === '/__probe') {
			res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
			return res.end('<!doctype html><title>probe</title>');
		}
		if (keep && req.url.split('?')[0] === '/sw.js') {
			res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
			return res.end(retire);
		}
		res.writeHead(301, { location: neu.origin + base + req.url });
		res.end();
	});
}
const { browser, context, page } = await openBrowser(20000);
async function until(fn, what) {
	const deadline = Date.now() + 15000;
	let last;
	while (Date.now() < deadline) {
		try {
			last = await fn();
		} catch (e) {
			last = String(e.message ?? e).split('\n')[0];
		}
		if (last === true)
			return true;
		await new Promise((r) => setTimeout(r, 250));
	}
	return `timed out waiting for ${what}: ${last}`;
}
// fn evaluated in a page of the old origin (its worker's scope).
async function atOld(fn) {
	const p = await context.newPage();
	try {
		await p.goto(old.origin + '/__probe');
		return await p.evaluate(fn);
	} finally {
		await p.close();
	}
}
const registrations = () => atOld(() => navigator.serviceWorker.getRegistrations()
	.then((rs) => rs.map((r) => r.scope)));
const update = () => atOld(() => navigator.serviceWorker.getRegistration()
	.then((r) => r && r.update()).then(() => 'updated', (e) => String(e)));
// The old programme, offline: from the old worker's cache?
async function offlineProgramme() {
	await context.setOffline(true);
	try {
		const res = await page.goto(old.origin + '/programme/').catch(() => null);
		return { fromWorker: Boolean(res?.fromServiceWorker()), url: page.url() };
	} finally {
		await context.setOffline(false);
	}
}

try {
	await page.goto(old.origin + '/');
	await check('the old site\'s worker registers at the old root and controls the page', async () => {
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	});
	await page.goto(old.origin + '/programme/');
	await page.evaluate((k) => caches.open(k).then((c) => c.put('/kept/', new Response('kept'))), KEPT);

	// what tester 23 saw: every address redirected, sw.js too
	moved(false);
	await check('without the docs\' sw.js, the old worker stays after its update fails', async () => {
		const why = await update();
		const rs = await registrations();
		return rs.length === 1 || `update: ${why}; registrations: ${JSON.stringify(rs)}`;
	});
	await check('and serves the old programme, offline, at the old address', async () => {
		const r = await offlineProgramme();
		return (r.fromWorker && r.url === old.origin + '/programme/') || JSON.stringify(r);
	});

	// the docs' files at the old root; a page open at the old address
	// (read offline, from the old worker's cache) when the worker updates
	moved(true);
	await context.setOffline(true);
	await page.goto(old.origin + '/programme/');
	await context.setOffline(false);
	await page.evaluate(() => navigator.serviceWorker.getRegistration()
		.then((r) => r && r.update()).catch(() => {}));
	await check('with the docs\' sw.js, the page open at the old address is reloaded to the new one', () =>
		until(() => page.url() === `${neu.origin}${base}/programme/` || page.url(), 'the new address'));
	await check('the old worker is no longer registered', () =>
		until(async () => {
			const rs = await registrations();
			return rs.length === 0 || JSON.stringify(rs);
		}, 'no registration'));
	await check(`the old site's caches are gone, the pages kept offline (${KEPT}) are not`, async () => {
		const keys = await atOld(() => caches.keys());
		return JSON.stringify(keys) === JSON.stringify([KEPT]) || `caches: ${JSON.stringify(keys)}`;
	});
	await check('a later visit to an old address (a QR code) leads to the new one', async () => {
		const res = await page.goto(old.origin + '/ateliers/');
		return (!res?.fromServiceWorker() && page.url() === `${neu.origin}${base}/ateliers/` &&
			res?.status() === 200) || `${res?.status()} at ${page.url()}`;
	});
	await check('offline, the old address no longer shows the old programme', async () => {
		const r = await offlineProgramme();
		return !r.fromWorker || JSON.stringify(r);
	});
} catch (e) {
	console.log(`not ok - oldaddress: the run went to its end\n#   ${e.stack ?? e}`);
} finally {
	await browser.close();
	old.server.close();
	neu.server.close();
}
process.exitCode = failures() > 0 ? 1 : 0;
