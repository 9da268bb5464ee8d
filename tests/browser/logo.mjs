// The commune's logo in the header as residents see it (outside tester 20
// F15), in headless Chromium: a wide transparent logo (900 x 300) keeps
// its proportions (its drawn box, padding aside, is 3:1, not a 48 px
// square nor a circle), is 48 px high on a computer and 36 px on a
// 320 px phone, loads one of its PNG sizes (the one for the screen's
// density), and the page neither scrolls sideways nor breaks WCAG A/AA,
// in the light and the dark scheme.
//
// An SVG logo (3:1 viewBox) takes its 3:1 box from the first layout,
// before the drawing arrives (its response held back here), rather than a
// 48 px square the header jumps from.
//
// usage: node logo.mjs OUT_DIR [OUT_DIR_SVG]   (prints ok / not ok lines)
import { serve } from './serve.mjs';
import { launch, localContext, axe, describe } from './chromium.mjs';
import { notOk, check } from './tap.mjs';

const [out, outSvg] = process.argv.slice(2);

const { server, origin } = await serve(out);
const browser = await launch();
try {
	for (const [w, h, scale, high] of [[1280, 800, 1, 48], [320, 640, 2, 36]])
		for (const scheme of ['light', 'dark']) {
			const context = await localContext(browser,
				{ viewport: { width: w, height: h }, deviceScaleFactor: scale, colorScheme: scheme });
			const page = await context.newPage();
			await page.goto(origin + '/', { waitUntil: 'load' });
			const r = await page.evaluate(() => {
				const img = document.querySelector('.site-nom img');
				if (!img) return null;
				const cs = getComputedStyle(img);
				const pad = (a, b) => parseFloat(cs[a]) + parseFloat(cs[b]);
				return {
					w: img.clientWidth - pad('paddingLeft', 'paddingRight'),
					h: img.clientHeight - pad('paddingTop', 'paddingBottom'),
					outer: img.getBoundingClientRect().height,
					radius: cs.borderTopLeftRadius,
					fit: cs.objectFit,
					natural: img.naturalWidth / (img.naturalHeight || 1),
					loaded: img.complete && img.naturalWidth > 0,
					src: img.currentSrc,
					sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
				};
			});
			const at = `${w} px, ${scheme}`;
			if (r === null) { notOk(`${at}: the header shows the logo`); await context.close(); continue; }
			check(`${at}: the logo is loaded, a PNG of its sizes`, r.loaded && /\/logo-\d+\.png$/.test(r.src), r.src);
			check(`${at}: its drawn box keeps its 3:1 proportions (${r.w.toFixed(1)} x ${r.h.toFixed(1)})`,
				r.h > 0 && Math.abs(r.w / r.h - 3) < 0.1, JSON.stringify(r));
			check(`${at}: the image itself is 3:1 (never squashed)`, Math.abs(r.natural - 3) < 0.05, JSON.stringify(r));
			check(`${at}: ${high} px high with its plate`, Math.abs(r.outer - high) <= 1, JSON.stringify(r));
			check(`${at}: not cut to a circle`, !r.radius.includes('%') && parseFloat(r.radius) < 10, r.radius);
			check(`${at}: the page does not scroll sideways`, r.sideways <= 0, `${r.sideways}px`);
			const res = await axe(page);
			check(`${at}: axe, no WCAG 2.1 A/AA violation`, res.violations.length === 0, describe(res.violations));
			check(`${at}: no request to another origin`, context.foreign.length === 0, context.foreign.join('\n'));
			await context.close();
		}
	if (outSvg) {
		const svg = await serve(outSvg);
		const context = await localContext(browser, { viewport: { width: 1280, height: 800 } });
		let release;
		const held = new Promise((r) => { release = r; });
		await context.route('**/logo.svg', async (route) => { await held; await route.continue(); });
		const page = await context.newPage();
		await page.goto(svg.origin + '/', { waitUntil: 'domcontentloaded' });
		const box = () => page.evaluate(() => {
			const img = document.querySelector('.site-nom img');
			const cs = getComputedStyle(img);
			return { w: img.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
				h: img.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom),
				loaded: img.complete && img.naturalWidth > 0 };
		});
		const before = await box();
		check(`SVG logo, not yet loaded: its box is already 3:1 (${before.w.toFixed(1)} x ${before.h.toFixed(1)})`,
			!before.loaded && before.h > 0 && Math.abs(before.w / before.h - 3) < 0.1, JSON.stringify(before));
		release();
		await page.waitForFunction(() => { const i = document.querySelector('.site-nom img'); return i.complete && i.naturalWidth > 0; });
		const after = await box();
		check(`SVG logo, loaded: the same box (${after.w.toFixed(1)} x ${after.h.toFixed(1)}), the header does not jump`,
			Math.abs(after.w - before.w) < 1 && Math.abs(after.h - before.h) < 1, JSON.stringify({ before, after }));
		await context.close();
		svg.server.close();
	}
} finally {
	await browser.close();
	server.close();
}
