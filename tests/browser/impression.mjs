// A workshop printed for the notice board (outside tester 25 F11), in
// headless Chromium: each of the three bicycle workshops impression.sh
// wrote (landscape photo, portrait photo, none) printed to an A4 PDF,
// as page.pdf() prints, fits one page, its description and its partner
// on it; a photo prints whole (not cropped, not squashed) and large enough
// to see, its box no taller than a third of the page.  On screen, the
// landscape workshop passes axe-core (WCAG A/AA) in both schemes.
//
// usage: node impression.mjs OUT_DIR ARTIFACTS_DIR   (prints ok / not ok)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, localContext, axe, describe } from './chromium.mjs';
import { notOk, check } from './tap.mjs';

const [out, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const MM = 96 / 25.4; // CSS pixels in a millimetre

const { server, origin } = await serve(out);
const browser = await launch();
try {
	for (const [slug, ratio] of [['reparer-les-velos', 4 / 3], ['reparer-les-velos-portrait', 3 / 4],
		['reparer-les-velos-sans-photo', null]]) {
		// the viewport A4's width inside its margins (190 mm), as page.pdf() lays it out
		const context = await localContext(browser, { viewport: { width: 718, height: 1040 } });
		const page = await context.newPage();
		await page.goto(`${origin}/ateliers/${slug}/`, { waitUntil: 'load' });
		await page.emulateMedia({ media: 'print' });
		const img = await page.evaluate(() => {
			const i = document.querySelector('.illustration img');
			if (!i) return null;
			const b = i.getBoundingClientRect(), cs = getComputedStyle(i);
			return { w: b.width, h: b.height, fit: cs.objectFit, loaded: i.complete && i.naturalWidth > 0,
				natural: i.naturalWidth / i.naturalHeight };
		});
		const pdfFile = join(artifacts, `${slug}-impression.pdf`);
		await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
		const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1]);
		const text = execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		check(`print: ${slug} fits one A4 page (${pages})`, pages === 1);
		check(`print: ${slug}'s page has its description, its partner and where to sign up`,
			text.includes('Apportez votre vélo : on le répare ensemble.') && text.includes('La Rustine') &&
			text.includes('/participer/'), text.slice(0, 1500));
		if (ratio === null) {
			check(`print: ${slug} has no photo`, img === null);
		} else if (img === null) {
			notOk(`print: ${slug} shows its photo`);
		} else {
			// the box drawn is the photo's own shape (nothing cropped or
			// letterboxed), the photo the one in the file
			check(`print: ${slug}'s photo is whole, its own shape (${(img.w / MM).toFixed(0)} x ${(img.h / MM).toFixed(0)} mm)`,
				img.loaded && Math.abs(img.natural - ratio) < 0.01 && Math.abs(img.w / img.h - ratio) < 0.02,
				JSON.stringify(img));
			check(`print: ${slug}'s photo is at least 5 cm high and at most a third of the page`,
				img.h >= 50 * MM && img.h <= 297 / 3 * MM, JSON.stringify(img));
		}
		execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdfFile, join(artifacts, `${slug}-impression`)]);
		await context.close();
	}
	for (const colorScheme of ['light', 'dark']) {
		const context = await localContext(browser, { viewport: { width: 1280, height: 800 }, colorScheme });
		const page = await context.newPage();
		await page.goto(`${origin}/ateliers/reparer-les-velos/`, { waitUntil: 'load' });
		const res = await axe(page);
		check(`axe-core: the workshop with a photo, ${colorScheme} scheme, no WCAG A/AA violation`,
			res.violations.length === 0, describe(res.violations));
		check(`${colorScheme} scheme: no request to another origin`, context.foreign.length === 0, context.foreign.join('\n'));
		await context.close();
	}
} finally {
	await browser.close();
	server.close();
}
