// A large site offline, in headless Chromium (tests/browser/offline-budget.sh):
// the precache the service worker installs stays within the budget
// (measured twice: the files its list names, and the bodies in Cache
// Storage); a workshop opened online is there offline; a workshop kept
// with the "Garder hors ligne" button is there offline even when the
// visited pages are gone; a page never opened shows the offline page;
// the pages opened are capped at 200.  Prints TAP-like lines.
//
// Usage: node budget.mjs OUT_DIR BUDGET_BYTES
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openBrowser, serveSite, tap } from './harness.mjs';

const [root, budgetArg] = process.argv.slice(2);
const budget = Number(budgetArg);
const { ok, notOk, check, failures } = tap('offline-budget');

const { server, origin, fileFor } = await serveSite(root);
// The site's caches, named with its path (/) since addr25 (sw.mustache).
const VISITED = 'fabrique:/:visites';
const KEPT = 'gardes-hors-ligne-fabrique:/';

// The list the build wrote into sw.js, and its size on disk.
const sw = await readFile(join(root, 'sw.js'), 'utf8');
const precache = JSON.parse(sw.match(/var PRECACHE = (\[[\s\S]*?\]);/)[1]);
let listed = 0;
for (const u of precache)
	listed += (await stat(await fileFor(u))).size;
const workshops = [];
for (const m of (await readFile(join(root, 'programme/index.html'), 'utf8'))
	.matchAll(/href="(\/ateliers\/[^/"]+\/)"/g))
	if (!precache.includes(m[1]) && !workshops.includes(m[1]))
		workshops.push(m[1]);

const { browser, context, page } = await openBrowser(30000);

async function h1(url) {
	const res = await page.goto(origin + url);
	const text = (await page.locator('h1').first().textContent()).trim();
	return { status: res?.status(), text, fromSW: res?.fromServiceWorker() };
}
async function want(url) {
	const html = await readFile(await fileFor(url), 'utf8');
	return html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)[1].replace(/<[^>]+>/g, '')
		.replace(/&#39;|&amp;|&quot;/g, (m) => ({'&#39;': "'", '&amp;': '&', '&quot;': '"'})[m]).trim();
}
// True once url is in the cache named (any cache when name is null).
function cached(url, name) {
	return page.evaluate(([u, n]) => caches.match(u, n ? {cacheName: n} : {})
		.then((r) => Boolean(r)), [url, name]);
}
async function until(fn, what) {
	const deadline = Date.now() + 20000;
	while (Date.now() < deadline) {
		if (await fn())
			return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`timed out waiting for ${what}`);
}

try {
	await check(`the list in sw.js is within the budget (${precache.length} URLs, ${listed} of ${budget} bytes)`,
		() => listed <= budget || `${listed} bytes listed`);
	await check('the site is larger than the budget: pages are left out',
		() => workshops.length >= 3 || `only ${workshops.length} workshops left out`);
	await page.goto(origin + '/');
	await check('the service worker controls the page', async () => {
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	});
	await check('what Chromium stored ahead is the list, within the budget', async () => {
		const r = await page.evaluate(async () => {
			const name = (await caches.keys()).find((k) => /^fabrique:\/:precache-[0-9a-f]{16}$/.test(k));
			const cache = await caches.open(name);
			let bytes = 0;
			const keys = await cache.keys();
			for (const k of keys)
				bytes += (await (await cache.match(k)).arrayBuffer()).byteLength;
			return { n: keys.length, bytes };
		});
		if (r.n !== precache.length)
			return `${r.n} entries stored, ${precache.length} listed`;
		return r.bytes <= budget || `${r.bytes} bytes stored`;
	});
	const [visitedUrl, keptUrl, neverUrl] = workshops;
	await page.goto(origin + visitedUrl);
	await until(() => cached(visitedUrl, VISITED), `${visitedUrl} in ${VISITED}`);

	await page.goto(origin + keptUrl);
	const button = page.locator('.garder button');
	await check('a workshop page shows the "Garder hors ligne" button', async () => {
		await button.waitFor({ state: 'visible' });
		return (await button.getAttribute('aria-pressed')) === 'false' || 'pressed already';
	});
	await button.click();
	await check('pressed, it says the workshop is kept, and it is', async () => {
		await page.waitForFunction(() =>
			document.querySelector('.garder button').getAttribute('aria-pressed') === 'true');
		const said = await page.locator('.garder-etat').textContent();
		if (!/gardé/i.test(said))
			return `status: "${said}"`;
		return await cached(keptUrl, KEPT) || `not in ${KEPT}`;
	});
	// As if the 200 pages opened last had pushed it out: only the kept
	// copy is left.
	await page.evaluate(([v, u]) => caches.open(v).then((c) => c.delete(u)), [VISITED, keptUrl]);
	await check('reloaded, the button says it is kept', async () => {
		await page.reload();
		await button.waitFor({ state: 'visible' });
		return (await button.getAttribute('aria-pressed')) === 'true' || 'not pressed';
	});
	await page.evaluate(([v, u]) => caches.open(v).then((c) => c.delete(u)), [VISITED, keptUrl]);

	await context.setOffline(true);
	await check('offline: no network indeed', async () => {
		const r = await page.evaluate((u) => fetch(u).then(() => 'fetched', () => 'failed'), neverUrl);
		return r === 'failed' || `${neverUrl} (not precached) was fetched while offline`;
	});
	for (const [what, url] of [['a workshop opened online', visitedUrl], ['a workshop kept', keptUrl]]) {
		await check(`offline: ${what} (${url}) renders with its content`, async () => {
			const r = await h1(url);
			if (r.status !== 200 || !r.fromSW)
				return `status ${r.status}, from the service worker: ${r.fromSW}`;
			const expected = await want(url);
			return r.text === expected || `h1 "${r.text}", expected "${expected}"`;
		});
	}
	await check(`offline: a workshop never opened (${neverUrl}) shows the offline page`, async () => {
		const r = await h1(neverUrl);
		return /hors ligne/i.test(r.text) || `h1 "${r.text}"`;
	});
	await check('offline: the offline page lists the workshop kept, by its title', async () => {
		await page.locator('.gardes a').first().waitFor({ state: 'visible' });
		const links = await page.$$eval('.gardes a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
		const expected = await want(keptUrl);
		return (links.length === 1 && links[0][0] === keptUrl && links[0][1] === expected) ||
			`links: ${JSON.stringify(links)}, expected ${keptUrl} "${expected}"`;
	});
	await check('offline: the programme (precached) renders', async () => {
		if (!precache.includes('/programme/'))
			return 'the programme is not in the list';
		const r = await h1('/programme/');
		return (r.status === 200 && r.text === await want('/programme/')) || `status ${r.status}, h1 "${r.text}"`;
	});

	await context.setOffline(false);
	await check('online, pressed again, the workshop is no longer kept', async () => {
		await page.goto(origin + keptUrl);
		await button.waitFor({ state: 'visible' });
		await button.click();
		await page.waitForFunction(() =>
			document.querySelector('.garder button').getAttribute('aria-pressed') === 'false');
		return !(await cached(keptUrl, KEPT)) || `still in ${KEPT}`;
	});
	await check('the pages opened are capped at 200, the oldest dropped', async () => {
		const rest = workshops.slice(3, 3 + 210);
		if (rest.length < 210)
			return `only ${rest.length} workshops to open`;
		await page.evaluate(async (urls) => {
			for (const u of urls)
				await fetch(u);
		}, rest);
		await until(async () => cached(rest[rest.length - 1], VISITED), 'the last page opened');
		await new Promise((r) => setTimeout(r, 1000));
		const keys = await page.evaluate((v) => caches.open(v).then((c) => c.keys()).then((k) => k.length), VISITED);
		if (keys > 200 || keys < 150)
			return `${keys} pages kept`;
		return !(await cached(visitedUrl, VISITED)) || `${visitedUrl}, opened first, is still there`;
	});
} catch (e) {
	notOk('the browser session', e.stack ?? e);
} finally {
	await browser.close();
	server.close();
}
process.exit(failures() > 0 ? 1 : 0);
