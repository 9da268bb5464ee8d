// A site that moved (docs/deploy.md, « Changer l'adresse du site »;
// outside tester 23 F12; addr25) in headless Chromium
// (tests/browser/oldaddress.sh): a resident's phone has the old site's
// service worker, registered at the old address's root.  The old address
// then answers every address with a 301 to the new one: without the sw.js
// fabrique redirect writes (sw.js redirected too) the old worker stays
// registered and serves the old programme offline; with the kit's
// nginx.conf, the worker removes itself and its caches (the pages kept
// offline stay), and the page open at the old address is reloaded and
// leads to the new one.  The kit served as a plain folder (a host without
// redirections) leads there too, by its pages and its 404.html.  Both
// addresses are real nginx servers.  Prints TAP-like lines.
//
// Usage: node oldaddress.mjs OLD_ORIGIN NEW_ORIGIN MODE_SH BASE (like
// /journee); sh MODE_SH site|moved|kit|static sets what the old address
// serves.
import { execFileSync } from 'node:child_process';
import { openBrowser, tap } from './harness.mjs';

const [oldOrigin, newOrigin, modeSh, base] = process.argv.slice(2);
const { check, failures } = tap('oldaddress');
// the kept pages' cache of the site at the old root (sw.mustache)
const KEPT = 'gardes-hors-ligne-fabrique:/';
const old = { origin: oldOrigin };
const neu = { origin: newOrigin };
const moved = (mode) => execFileSync('sh', [modeSh, mode], { stdio: 'inherit' });
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
	moved('moved');
	await check('without the kit\'s sw.js, the old worker stays after its update fails', async () => {
		const why = await update();
		const rs = await registrations();
		return rs.length === 1 || `update: ${why}; registrations: ${JSON.stringify(rs)}`;
	});
	await check('and serves the old programme, offline, at the old address', async () => {
		const r = await offlineProgramme();
		return (r.fromWorker && r.url === old.origin + '/programme/') || JSON.stringify(r);
	});

	// the kit's nginx.conf at the old address; a page open there (read
	// offline, from the old worker's cache) when the worker updates
	// (switched while offline: the update Chromium schedules after a
	// navigation must not reach the kit before the page is open)
	await context.setOffline(true);
	await page.goto(old.origin + '/programme/');
	moved('kit');
	await context.setOffline(false);
	await page.evaluate(() => navigator.serviceWorker.getRegistration()
		.then((r) => r && r.update()).catch(() => {}));
	await check('with the kit\'s sw.js, the page open at the old address is reloaded to the new one', () =>
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
		// the old address answers with its 301 (not the old worker's
		// page); the new site's own worker may serve the new one
		const res = await page.goto(old.origin + '/ateliers/');
		const first = res?.request().redirectedFrom();
		return (first?.url() === old.origin + '/ateliers/' &&
			(await first.response())?.status() === 301 &&
			page.url() === `${neu.origin}${base}/ateliers/` && res?.status() === 200) ||
			`${first?.url()} then ${res?.status()} at ${page.url()}`;
	});
	// (the browser may follow the 301 it cached to the new address,
	// whose own worker then answers: the new programme, as wanted)
	await check('offline, the old address no longer shows the old programme', async () => {
		const r = await offlineProgramme();
		return !(r.fromWorker && r.url.startsWith(old.origin)) || JSON.stringify(r);
	});

	// a host without redirections: the kit as a plain folder, in a
	// browser of its own (the first one keeps the 301s in its cache)
	moved('static');
	const other = await browser.newContext();
	const p2 = await other.newPage();
	p2.setDefaultTimeout(20000);
	await check('as a plain folder, an old page leads to the same page at the new address', async () => {
		const raw = await other.request.get(old.origin + '/ateliers/', { maxRedirects: 0 });
		if (raw.status() !== 200 || !(await raw.text()).includes('http-equiv="refresh"'))
			return `the old address answered ${raw.status()}, not the kit's page`;
		await p2.goto(old.origin + '/ateliers/');
		return until(() => p2.url() === `${neu.origin}${base}/ateliers/` || p2.url(), 'the new address');
	});
	await check('and an address the kit has no page for (404.html) to the same at the new one', async () => {
		const res = await p2.goto(old.origin + '/ateliers/plus-la/?x=1').catch(() => null);
		if (res !== null && res.status() !== 404)
			return `the old address answered ${res.status()}, not the kit's 404.html`;
		return until(() => p2.url() === `${neu.origin}${base}/ateliers/plus-la/?x=1` || p2.url(),
			'the new address');
	});
	await other.close();
} catch (e) {
	console.log(`not ok - oldaddress: the run went to its end\n#   ${e.stack ?? e}`);
} finally {
	await browser.close();
}
process.exitCode = failures() > 0 ? 1 : 0;
