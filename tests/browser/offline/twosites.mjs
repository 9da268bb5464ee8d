// Two fabrique sites on one origin, /a/ and /b/, in headless Chromium
// (tests/browser/twosites.sh): /a/ starts with the earlier worker, whose
// precache is named without its scope, /b/ with this one; then each site publishes new
// versions, and each new worker deletes its own site's earlier precaches
// (unscoped or scoped), never the other site's, which stays readable
// offline.  The pages a resident visited or kept with « Garder hors
// ligne » are in caches named with the site's path too (addr25): each
// site's earlier entries move out of the caches earlier versions shared,
// the other site's stay there, and /b/'s offline page lists only the
// workshops kept from /b/.  Prints TAP-like lines.
//
// Usage: node twosites.mjs SERVED_DIR STEP_SH (sh STEP_SH SITE N builds
// version N of SITE into SERVED_DIR/SITE)
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
	openBrowser, scoped, serveSite, tap, UNSCOPED, until,
} from './harness.mjs';

const [root, stepSh] = process.argv.slice(2);
const { check, failures } = tap('twosites');

const { server, origin } = await serveSite(root);
const { browser, context, page } = await openBrowser(30000);
const keys = () => page.evaluate(() => caches.keys());
// Site s's home opened, its worker controlling it, asked to check sw.js
// again; resolves once the worker of sw.js as served is the active one.
async function visit(s) {
	await page.goto(`${origin}/${s}/`);
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()));
}
const precacheOf = async (s, re) => (await keys()).filter((k) => re.test(k) &&
	k !== undefined).length;
// Whether the cache named k holds site s's home.
const holdsHome = (k, s) => page.evaluate(([n, u]) => caches.open(n)
	.then((c) => c.match(u)).then((r) => Boolean(r)), [k, `${origin}/${s}/`]);
async function unscopedOf(s) {
	const out = [];
	for (const k of (await keys()).filter((n) => UNSCOPED.test(n)))
		if (await holdsHome(k, s))
			out.push(k);
	return out;
}

try {
	await visit('a');
	await check('the earlier worker of /a/ stores its unscoped precache', () =>
		until(async () => (await unscopedOf('a')).length === 1 || (await keys()).join(' '),
			"/a/'s precache"));
	const aBefore = (await unscopedOf('a'))[0];
	await visit('b');
	await check("/b/'s worker stores a precache named with its scope", () =>
		until(async () => (await precacheOf('b', scoped('b'))) === 1 ||
			(await keys()).join(' '), "/b/'s scoped precache"));
	await check("and leaves /a/'s unscoped one alone", async () =>
		(await keys()).includes(aBefore) || (await keys()).join(' '));
	await context.setOffline(true);
	await check("offline, /a/'s programme still opens from its worker", async () => {
		const res = await page.goto(`${origin}/a/programme/`);
		return (res?.ok() && res?.fromServiceWorker()) ||
			`status ${res?.status()}, from the worker: ${res?.fromServiceWorker()}`;
	});
	await context.setOffline(false);

	execFileSync('sh', [stepSh, 'a', '2'], { stdio: 'inherit' });
	await visit('a');
	await check("/a/'s new worker stores a precache named with its scope", () =>
		until(async () => (await precacheOf('a', scoped('a'))) === 1 ||
			(await keys()).join(' '), "/a/'s scoped precache"));
	await check("and deletes /a/'s earlier, unscoped one", () =>
		until(async () => !(await keys()).includes(aBefore) || (await keys()).join(' '),
			"/a/'s earlier precache to go"));
	await check("/b/'s precache is left alone", async () =>
		(await precacheOf('b', scoped('b'))) === 1 || (await keys()).join(' '));

	const bBefore = (await keys()).find((k) => scoped('b').test(k));
	execFileSync('sh', [stepSh, 'b', '2'], { stdio: 'inherit' });
	await visit('b');
	await check("/b/'s new worker stores its scoped precache and drops its earlier one", () =>
		until(async () => ((await precacheOf('b', scoped('b'))) === 1 &&
			!(await keys()).includes(bBefore)) || (await keys()).join(' '),
			"/b/'s precaches"));
	await check("/a/'s scoped precache is left alone", async () =>
		(await precacheOf('a', scoped('a'))) === 1 || (await keys()).join(' '));

	const aScoped = (await keys()).find((k) => scoped('a').test(k));
	execFileSync('sh', [stepSh, 'a', '3'], { stdio: 'inherit' });
	await visit('a');
	await check("/a/'s next version replaces its scoped precache", () =>
		until(async () => ((await precacheOf('a', scoped('a'))) === 1 &&
			!(await keys()).includes(aScoped)) || (await keys()).join(' '),
			"/a/'s previous scoped precache to go"));
	await check("and /b/'s is still there", async () =>
		(await precacheOf('b', scoped('b'))) === 1 || (await keys()).join(' '));

	// What an earlier version kept in the caches it shared: a page
	// visited and one kept, of each site.
	const held = (name, path) => page.evaluate(([n, u]) => caches.has(n).then((has) =>
		has && caches.match(u, { cacheName: n }).then((r) => Boolean(r))), [name, origin + path]);
	await page.evaluate(async (o) => {
		const html = (t) => new Response(`<!doctype html><h1>${t}</h1>`,
			{ headers: { 'content-type': 'text/html' } });
		const v = await caches.open('fabrique-visites');
		await v.put(o + '/a/vu-avant/', html('A vu'));
		await v.put(o + '/b/vu-avant/', html('B vu'));
		const k = await caches.open('gardes-hors-ligne-fabrique');
		await k.put(o + '/a/garde-avant/', html('A gardé'));
		await k.put(o + '/b/garde-avant/', html('B gardé'));
	}, origin);
	execFileSync('sh', [stepSh, 'a', '4'], { stdio: 'inherit' });
	await visit('a');
	await check("/a/'s new worker moves its visited and kept pages into its own caches", () =>
		until(async () => ((await held('fabrique:/a/:visites', '/a/vu-avant/')) &&
			(await held('gardes-hors-ligne-fabrique:/a/', '/a/garde-avant/'))) ||
			(await keys()).join(' '), "/a/'s pages moved"));
	await check("and leaves /b/'s where they were", async () =>
		((await held('fabrique-visites', '/b/vu-avant/')) &&
			(await held('gardes-hors-ligne-fabrique', '/b/garde-avant/')) &&
			!(await held('fabrique-visites', '/a/vu-avant/')) &&
			!(await held('fabrique:/a/:visites', '/b/vu-avant/'))) || (await keys()).join(' '));
	execFileSync('sh', [stepSh, 'b', '3'], { stdio: 'inherit' });
	await visit('b');
	await check("/b/'s then, and the shared caches, empty, go", () =>
		until(async () => ((await held('fabrique:/b/:visites', '/b/vu-avant/')) &&
			(await held('gardes-hors-ligne-fabrique:/b/', '/b/garde-avant/')) &&
			!(await keys()).includes('fabrique-visites') &&
			!(await keys()).includes('gardes-hors-ligne-fabrique')) ||
			(await keys()).join(' '), "/b/'s pages moved"));

	// A page fetched now goes into its own site's visited pages.
	for (const s of ['a', 'b'])
		await writeFile(join(root, s, 'vu.txt'), `vu ${s}`);
	await page.goto(`${origin}/a/`);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.evaluate(() => fetch('vu.txt').then((r) => r.text()));
	await check("a page fetched on /a/ is kept among /a/'s visited pages, not /b/'s", () =>
		until(async () => ((await held('fabrique:/a/:visites', '/a/vu.txt')) &&
			!(await held('fabrique:/b/:visites', '/a/vu.txt'))) || (await keys()).join(' '),
			'/a/vu.txt visited'));
	await page.goto(`${origin}/b/hors-ligne/`);
	await check("/b/'s offline page lists the workshops kept from /b/, not /a/'s", () =>
		until(async () => {
			const links = await page.locator('.gardes a').evaluateAll((as) =>
				as.map((a) => new URL(a.href).pathname));
			return JSON.stringify(links) === JSON.stringify(['/b/garde-avant/']) ||
				`links: ${JSON.stringify(links)}`;
		}, "/b/'s kept list"));
} catch (e) {
	console.log(`not ok - twosites: the run went to its end\n#   ${e.stack ?? e}`);
} finally {
	await browser.close();
	server.close();
}
process.exitCode = failures() > 0 ? 1 : 0;
