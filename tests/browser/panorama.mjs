// A panorama in the commune theme's photo viewer (outside tester 22 F4),
// in headless Chromium: a 6000 x 1000 photo, whose largest size the
// pipeline makes 3394 x 566 (not 1600 x 267), is drawn in the viewer up
// to 70 % of the window's height from that size, its picture scrolling
// sideways (reached with Tab, scrolled with the arrow keys) while the
// page itself does not; Escape gives the focus back to the photo; axe
// finds no WCAG A/AA violation.  A 4:3 photo opens as before: the
// dialog's width, no scrolling.
//
// usage: node panorama.mjs OUT_DIR ARTIFACTS   (prints ok / not ok lines)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { launch, localContext, axe, describe } from './chromium.mjs';
import { check } from './tap.mjs';

const [out, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });

async function opened(page, nth) {
	await page.locator('a.photo').nth(nth).click();
	await page.waitForFunction(() => {
		const i = document.querySelector('dialog[open] img');
		return i && i.complete && i.naturalWidth > 0 && i.currentSrc !== '';
	});
	return page.evaluate(() => {
		const d = document.querySelector('dialog[open]');
		const i = d.querySelector('img'), p = d.querySelector('picture');
		const r = i.getBoundingClientRect();
		return {
			panorama: d.classList.contains('panorama'),
			w: r.width, h: r.height, src: i.currentSrc,
			scroller: p.scrollWidth - p.clientWidth, box: p.clientWidth,
			sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			inner: window.innerHeight,
		};
	});
}

const { server, origin } = await serve(out);
const browser = await launch();
try {
	for (const [w, h, scale] of [[1280, 800, 1], [390, 844, 3], [844, 390, 3]]) {
		const at = `${w} x ${h}`;
		const context = await localContext(browser, { viewport: { width: w, height: h }, deviceScaleFactor: scale });
		const page = await context.newPage();
		await page.goto(origin + '/retours/fete-2025/', { waitUntil: 'load' });
		// the gallery: the panorama's thumbnail whole, across the row
		const g = await page.evaluate(async () => {
			const imgs = [...document.querySelectorAll('.galerie img')];
			await Promise.all(imgs.map(i => i.decode().catch(() => {})));
			const box = e => e.getBoundingClientRect();
			const [pano, other] = imgs;
			return {
				ratio: box(pano).width / box(pano).height,
				row: box(pano).width / box(document.querySelector('.galerie')).width,
				fit: getComputedStyle(pano).objectFit,
				drawn: pano.naturalWidth / pano.naturalHeight,
				other: box(other).width / box(other).height,
			};
		});
		check(`${at}: the panorama's thumbnail shows the whole photo (6:1, not cropped 4:3), across the gallery's row`,
			Math.abs(g.ratio - 6) < 0.1 && Math.abs(g.drawn - 6) < 0.1 && g.row > 0.99, JSON.stringify(g));
		check(`${at}: the other photos keep their 4:3 thumbnails`, Math.abs(g.other - 4 / 3) < 0.02, JSON.stringify(g));
		await page.screenshot({ path: join(artifacts, `panorama-gallery-${w}x${h}.png`), fullPage: true });
		const p = await opened(page, 0);
		const file = Number((p.src.match(/-(\d+)\.(?:webp|jpe?g)$/) ?? [])[1]);
		const high = Math.min(p.inner * 0.7, 566);
		check(`${at}: the panorama is drawn ${Math.round(high)} px high (70 % of the window, at most its 566), not a strip (${p.w.toFixed(0)} x ${p.h.toFixed(0)})`,
			p.panorama && Math.abs(p.h - high) <= 1.5 && Math.abs(p.w / p.h - 6) < 0.05, JSON.stringify(p));
		check(`${at}: from its larger size (${file} px wide)`, file === 3394, JSON.stringify(p));
		check(`${at}: its picture scrolls sideways, the page does not`, p.scroller > 100 && p.sideways <= 0, JSON.stringify(p));
		await page.screenshot({ path: join(artifacts, `panorama-${w}x${h}.png`) });
		await page.keyboard.press('Tab');
		const focus = await page.evaluate(() => document.activeElement.tagName);
		check(`${at}: Tab from « Fermer » reaches the picture`, focus === 'PICTURE', focus);
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('End');
		// scrolling is smooth: wait for it, not a fixed time (load)
		await page.waitForFunction(() => document.querySelector('dialog[open] picture').scrollLeft > 0,
			null, { timeout: 5000 }).catch(() => {});
		const left = await page.evaluate(() => document.querySelector('dialog[open] picture').scrollLeft);
		check(`${at}: the arrow keys scroll it`, left > 0, String(left));
		const res = await axe(page);
		check(`${at}: axe, no WCAG 2.1 A/AA violation with the viewer open`, res.violations.length === 0, describe(res.violations));
		await page.keyboard.press('Escape');
		const back = await page.evaluate(() => document.activeElement.matches('a.photo') &&
			document.activeElement === document.querySelectorAll('a.photo')[0]);
		check(`${at}: Escape gives the focus back to the panorama's link`, back);
		const q = await opened(page, 1);
		check(`${at}: a 4:3 photo opens as before: no panorama, nothing to scroll`,
			!q.panorama && q.scroller <= 0 && q.sideways <= 0 && Math.abs(q.w / q.h - 4 / 3) < 0.02, JSON.stringify(q));
		check(`${at}: no request to another origin`, context.foreign.length === 0, context.foreign.join('\n'));
		await context.close();
	}
} finally {
	await browser.close();
	server.close();
}
