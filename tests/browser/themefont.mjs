// A site's own theme files as residents' browsers load them (outside
// tester 30 F10): the site built with a copied base.mustache and a
// site.css calling a font copied into theme/assets/fonts/, as check
// advises instead of Google Fonts; in headless Chromium the home page
// loads that font from the site itself and makes no request to another
// origin (site.css and the copy included).
//
// usage: node themefont.mjs OUT_DIR   (prints ok / not ok lines)
import { serve } from './serve.mjs';
import { launch, localContext } from './chromium.mjs';
import { check } from './tap.mjs';

const [out] = process.argv.slice(2);
const { server, origin } = await serve(out);
const browser = await launch();
try {
	const context = await localContext(browser, { viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	const fonts = [];
	page.on('response', (r) => { if (/\/assets\/fonts\//.test(r.url())) fonts.push(`${r.status()} ${r.url()}`); });
	await page.goto(origin + '/', { waitUntil: 'load' });
	await page.evaluate(() => document.fonts.ready);
	const css = await page.evaluate(() =>
		[...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')));
	check('the home page links the site\'s own stylesheet', css.some((h) => /\/assets\/css\/site\.[0-9a-f]+\.css$/.test(h)), css.join(' '));
	check('the copied font is asked of the site, and found', fonts.length > 0 && fonts.every((f) => f.startsWith('200 ')), fonts.join('\n'));
	check(`no request to another origin (${context.requests} requests)`, context.foreign.length === 0 && context.requests > 0, context.foreign.join('\n'));
	await context.close();
} finally {
	await browser.close();
	server.close();
}
