// What every browser test shares: Debian's Chromium launched headless,
// contexts that record every request and let only 127.0.0.1 through
// (context.foreign lists the others, aborted; context.requests counts
// them all), and axe-core (WCAG 2.1 A and AA) run on a page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
}

export async function localContext(browser, options) {
	const context = await browser.newContext(options);
	context.foreign = [];
	context.requests = 0;
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		context.requests++;
		if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1')
			return route.continue();
		context.foreign.push(url.href);
		return route.abort();
	});
	return context;
}

export async function axe(page) {
	await page.addScriptTag({ content: AXE });
	return page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
		resultTypes: ['violations'],
	}));
}

export function describe(violations) {
	return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
		v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n'));
}
