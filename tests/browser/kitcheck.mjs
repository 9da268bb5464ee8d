// The pages `fabrique redirect` writes for a site's old address, in
// headless Chromium (kitcheck.sh): each is opened from a server on
// 127.0.0.1, its refresh to the new address (elsewhere) held back, and
// axe-core (WCAG 2.1 A/AA) run on it in light and dark schemes, as
// residents with an old link or QR code see it before they are led on.
// Arguments: the kit's base URL, then the pages' paths under it.
import { launch, axe, describe } from './chromium.mjs';
import { ok, notOk } from './tap.mjs';

const [base, ...paths] = process.argv.slice(2);
const browser = await launch();
try {
	for (const scheme of ['light', 'dark']) {
		const context = await browser.newContext({ colorScheme: scheme });
		// the new address is not served here: its navigation is
		// cancelled (not failed), so the kit's page stays open.
		// 404.html leads on from a script in its head, which stops the
		// parser before its body: it is checked as a browser without
		// script shows it, the script taken out
		await context.route('**/*', async (route) => {
			const url = new URL(route.request().url());
			if (url.hostname !== '127.0.0.1')
				return route.abort('aborted');
			if (!url.pathname.endsWith('/404.html'))
				return route.continue();
			const res = await route.fetch();
			const body = (await res.text()).replace(/<script>[^]*?<\/script>/g, '');
			return route.fulfill({ response: res, body });
		});
		const page = await context.newPage();
		for (const p of paths) {
			const at = `/${p} (${scheme})`;
			// 404.html leads on from a script in its head: the load
			// the navigation waits for is of the page it cancels
			const res = await page.goto(base + p, { waitUntil: 'commit' });
			await page.waitForLoadState('load', { timeout: 5000 }).catch(() => {});
			await page.waitForTimeout(300);
			if (res === null || res.status() !== 200 || page.url() !== base + p) {
				notOk(`${at}: stays open while its refresh is held`,
					`status ${res && res.status()}, at ${page.url()}`);
				continue;
			}
			const h1 = await page.textContent('h1').catch(() => null);
			if (h1 !== 'Le site a changé d’adresse') {
				notOk(`${at}: the kit's page is the one open`, `h1: ${h1}`);
				continue;
			}
			const v = await axe(page);
			if (v.violations.length === 0)
				ok(`${at}: axe, no WCAG 2.1 A/AA violation`);
			else
				notOk(`${at}: axe, no WCAG 2.1 A/AA violation`, describe(v.violations));
		}
		await context.close();
	}
} finally {
	await browser.close();
}
