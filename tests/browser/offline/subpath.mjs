// A site published under a path, in headless Chromium
// (tests/browser/subpath.sh): served from a folder holding journee/, the
// output, as a host serves a sub-folder, with a Content-Security-Policy
// that lets no inline script run (script-src 'self', as a careful host
// sends); the service worker registers with the scope /journee/ (from
// the theme's own script, which finds it beside the manifest), controls
// the page, and once offline the programme and a visited workshop still
// show, an unvisited page shows the offline page.  Prints TAP-like lines.
//
// Usage: node subpath.mjs SERVED_DIR BASE (like /journee)
import { openBrowser, serveSite, tap } from './harness.mjs';

const [root, base] = process.argv.slice(2);
const { check, failures } = tap('subpath');
const CSP = "script-src 'self'";
const { server, origin } = await serveSite(root, { 'content-security-policy': CSP });

const { browser, context, page } = await openBrowser(20000);
const asked = [];
page.on('request', (r) => asked.push(new URL(r.url()).pathname));
const refused = [];
page.on('console', (m) => {
	if (/Content Security Policy/i.test(m.text()))
		refused.push(m.text());
});

try {
	await page.goto(`${origin}${base}/`);
	await check(`the service worker registers with the scope ${base}/`, async () => {
		// ready never settles when nothing registers: 10 s at most
		const scope = await page.evaluate(() => Promise.race([
			navigator.serviceWorker.ready.then((r) => r.scope),
			new Promise((r) => setTimeout(() => r('none after 10 s'), 10000))]));
		return scope === `${origin}${base}/` || `scope ${scope}`;
	});
	await check('and controls the page', async () => {
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	});
	await check(`under ${CSP}, no script of the page was refused`, () =>
		refused.length === 0 || refused.join('\n'));
	await check(`the page asked for nothing outside ${base}/`, () => {
		const out = asked.filter((p) => !p.startsWith(`${base}/`));
		return out.length === 0 || out.join(', ');
	});
	const workshop = await page.$$eval(`a[href^="${base}/ateliers/"]`,
		(as) => as.map((a) => a.getAttribute('href'))[0]);
	await check('the home links a workshop under the path', () =>
		Boolean(workshop) || 'no link to a workshop');
	await page.goto(origin + workshop);
	await context.setOffline(true);
	for (const url of [`${base}/programme/`, workshop]) {
		await check(`offline: ${url} shows`, async () => {
			const res = await page.goto(origin + url);
			const h1 = (await page.locator('h1').first().textContent()).trim();
			return (res?.status() === 200 && res?.fromServiceWorker() && h1.length > 0) ||
				`status ${res?.status()}, from the worker: ${res?.fromServiceWorker()}`;
		});
	}
	await check('offline: a page never opened shows the offline page', async () => {
		const res = await page.goto(`${origin}${base}/mentions-legales/`);
		const html = await res.text();
		return (res?.fromServiceWorker() && html.includes('hors-ligne')) ||
			'not the offline page';
	});
} catch (e) {
	console.log(`not ok - subpath: the run went to its end\n#   ${e.stack ?? e}`);
} finally {
	await browser.close();
	server.close();
}
process.exitCode = failures() > 0 ? 1 : 0;
