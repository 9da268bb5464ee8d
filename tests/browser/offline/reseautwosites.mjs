// The network's site and a commune's on one origin, /b/ and /a/, in
// headless Chromium (tests/browser/reseautwosites.sh): the network's
// worker names its precache with its scope, as a commune's does, deletes
// its own earlier (unscoped) precache, and leaves the commune's caches
// alone, the earlier ones too; the commune's page stays readable offline.
// Prints TAP-like lines.
//
// Usage: node reseautwosites.mjs SERVED_DIR STEP_SH (sh STEP_SH WHAT
// puts the version WHAT says in place: "b-new" the network's worker as
// built, "b-next" a new one of the same precache, "a-new" the commune's)
import { execFileSync } from 'node:child_process';
import {
	openBrowser, scoped, serveSite, tap, UNSCOPED, until, visitSite,
} from './harness.mjs';

const [root, stepSh] = process.argv.slice(2);
const { check, failures } = tap('reseautwosites');

const { server, origin } = await serveSite(root);
const { browser, context, page } = await openBrowser(30000);
const keys = () => page.evaluate(() => caches.keys());
const visit = (s) => visitSite(page, origin, s);
const step = (what) => execFileSync('sh', [stepSh, what], { stdio: 'inherit' });
const unscoped = async () => (await keys()).filter((k) => UNSCOPED.test(k));
const count = async (re) => (await keys()).filter((k) => re.test(k)).length;

try {
	// the network's worker as version 1 of its template wrote it
	await visit('b');
	await check("the network's earlier worker stores its unscoped precache", () =>
		until(async () => (await unscoped()).length === 1 || (await keys()).join(' '),
			"/b/'s unscoped precache"));
	const bBefore = (await unscoped())[0];
	// a commune's page of the network, read with the earlier worker:
	// kept in the origin's shared visited pages' cache
	const seen = `${origin}/b/communes/${process.env.RESEAU_COMMUNE ?? '37261-tours-sur-cher'}/`;
	await page.goto(seen);
	await check("the network's earlier worker keeps a visited page in the shared cache", () =>
		until(async () => (await page.evaluate(async (u) =>
			!!(await caches.open('fabrique-visites').then((c) => c.match(u))), seen)) ||
			(await keys()).join(' '), 'the visit in fabrique-visites'));
	step('b-new');
	await visit('b');
	await check("the network's new worker moves it into /b/'s own visited pages' cache", () =>
		until(async () => ((await page.evaluate(async (u) =>
			!!(await caches.open('fabrique:/b/:visites').then((c) => c.match(u))), seen)) &&
			!(await keys()).includes('fabrique-visites')) || (await keys()).join(' '),
			"/b/'s visited pages' cache"));
	await check("the network's new worker stores a precache named with its scope", () =>
		until(async () => (await count(scoped('b'))) === 1 || (await keys()).join(' '),
			"/b/'s scoped precache"));
	await check('and deletes its own earlier, unscoped one', () =>
		until(async () => !(await keys()).includes(bBefore) || (await keys()).join(' '),
			"/b/'s earlier precache to go"));

	// a commune's site beside it, its worker an earlier one
	await visit('a');
	await check("the commune's earlier worker stores its unscoped precache", () =>
		until(async () => (await unscoped()).length === 1 || (await keys()).join(' '),
			"/a/'s unscoped precache"));
	const aBefore = (await unscoped())[0];
	await check("and leaves the network's scoped one alone", async () =>
		(await count(scoped('b'))) === 1 || (await keys()).join(' '));
	step('b-next');
	await page.goto(`${origin}/b/`);
	// its activation done ('activated' once its activate handler has
	// deleted what it deletes)
	const claimed = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		const before = reg.active;
		await reg.update().catch(() => {});
		const t0 = Date.now();
		while (Date.now() - t0 < 20000) {
			if (reg.active && reg.active !== before && reg.active.state === 'activated')
				return true;
			await new Promise((r) => setTimeout(r, 100));
		}
		return false;
	});
	await check("the network's next worker, once active, left the commune's unscoped precache alone",
		async () => (claimed && (await keys()).includes(aBefore)) ||
			`activated: ${claimed}; caches: ${(await keys()).join(' ')}`);
	await context.setOffline(true);
	await check("offline, the commune's programme still opens from its worker", async () => {
		const res = await page.goto(`${origin}/a/programme/`);
		return (res?.ok() && res?.fromServiceWorker()) ||
			`status ${res?.status()}, from the worker: ${res?.fromServiceWorker()}`;
	});
	// the network under /b/ offline: its home and, for a page never
	// read, its « Hors ligne » page, from the precache; the page visited
	// with the earlier worker, from the cache it was moved into
	const offline = async (url) => {
		const res = await page.goto(url).catch((e) => e);
		if (res instanceof Error)
			return `${res.message.split('\n')[0]}`;
		const h1 = (await page.locator('h1').innerText().catch(() => '')).trim();
		return { ok: res.ok(), sw: res.fromServiceWorker(), h1 };
	};
	for (const [what, url, want] of [
		['the home', `${origin}/b/`, (h) => h !== '' && h !== 'Hors ligne'],
		["a page never read shows the site's « Hors ligne » page", `${origin}/b/carte/`, (h) => h === 'Hors ligne'],
		['the commune page visited with the earlier worker', seen, (h) => h.includes('Tours')],
	]) {
		await check(`offline, the network under /b/: ${what}`, async () => {
			const r = await offline(url);
			return (r.ok && r.sw && want(r.h1)) || JSON.stringify(r);
		});
	}
	await context.setOffline(false);
	step('a-new');
	await visit('a');
	await check("the commune's new worker replaces its precache, the network's stays", () =>
		until(async () => ((await count(scoped('a'))) === 1 &&
			!(await keys()).includes(aBefore) && (await count(scoped('b'))) === 1) ||
			(await keys()).join(' '), "/a/'s scoped precache"));
} catch (e) {
	console.log(`not ok - reseautwosites: the run went to its end\n#   ${e.stack ?? e}`);
} finally {
	await browser.close();
	server.close();
}
process.exitCode = failures() > 0 ? 1 : 0;
