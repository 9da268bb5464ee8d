// The pages a resident kept offline survive an upgrade of the site and a
// rollback to a release whose service worker is an earlier fabrique's
// (tests/browser/rollback.sh).  Prints TAP-like lines.
//
// Usage: node rollback.mjs ROOT PUBLISH_SH ROLLBACK_SH KEPT_BEFORE KEPT_NOW
// ROOT is the deploy folder's `current` link, served as a web server
// follows it; KEPT_BEFORE is kept as the earlier button did (the cache
// fabrique-gardes), KEPT_NOW with this version's button.
import { execFileSync } from 'node:child_process';
import { openBrowser, serveSite, tap, until } from './harness.mjs';

const [root, publishSh, rollbackSh, keptBefore, keptNow] = process.argv.slice(2);
const { check, failures } = tap('rollback');
// the kept pages' cache, named with the site's path since addr25
const KEPT = 'gardes-hors-ligne-fabrique:/';
const EARLIER = /^fabrique-[0-9a-f]{16}$/;

const { server, origin } = await serveSite(root);
const { browser, context, page } = await openBrowser(30000);

const keys = () => page.evaluate(() => caches.keys());
function cached(url, name) {
	return page.evaluate(([u, n]) => caches.has(n).then((has) => has &&
		caches.match(u, {cacheName: n}).then((r) => Boolean(r))), [url, name]);
}
// The page reloaded and the worker asked to check sw.js again.
async function update() {
	await page.goto(origin + '/');
	await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()));
}

try {
	await page.goto(origin + '/');
	await check('the earlier worker controls the page', async () => {
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		return until(async () => (await keys()).some((k) => EARLIER.test(k)) ||
			(await keys()).join(' '), 'the earlier precache');
	});
	// As the earlier « Garder hors ligne » button did.
	await page.evaluate((u) => caches.open('fabrique-gardes').then((c) => c.add(u)), keptBefore);

	execFileSync('sh', [publishSh], { stdio: 'inherit' });
	await update();
	await check('after the upgrade, the page kept before is in the new cache', () =>
		until(async () => (await cached(keptBefore, KEPT)) && !(await keys()).includes('fabrique-gardes') ||
			(await keys()).join(' '), 'the kept pages moved'));
	await check('the earlier precache is gone', () =>
		until(async () => !(await keys()).some((k) => EARLIER.test(k)) || (await keys()).join(' '),
			'the earlier precache to go'));

	await page.goto(origin + keptNow);
	await page.locator('.garder button').click();
	await check('this version\'s button keeps a page', () =>
		until(async () => (await cached(keptNow, KEPT)) || 'not kept', 'the page kept'));

	execFileSync('sh', [rollbackSh], { stdio: 'inherit' });
	await update();
	await check('after the rollback, the earlier worker is back', () =>
		until(async () => (await keys()).some((k) => EARLIER.test(k)) &&
			!(await keys()).some((k) => k.startsWith('fabrique-precache-')) ||
			(await keys()).join(' '), 'the earlier worker to activate'));
	await check('the pages kept are still kept', async () =>
		((await cached(keptBefore, KEPT)) && (await cached(keptNow, KEPT))) ||
		`caches: ${(await keys()).join(' ')}`);
	await context.setOffline(true);
	await check('offline, a kept workshop opens', async () => {
		const res = await page.goto(origin + keptNow);
		return (res?.ok() && (await page.locator('h1').count()) > 0) || `status ${res?.status()}`;
	});
} catch (e) {
	console.log(`not ok - rollback: ${e.stack ?? e}`);
}
await browser.close();
server.close();
process.exit(failures() > 0 ? 1 : 0);
