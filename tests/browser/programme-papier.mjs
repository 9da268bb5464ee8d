// The printed programme's QR block and sign-up box (outside tester 26
// F4), in headless Chromium: each site programme-papier.sh built, its
// /programme/ in print media at the width page.pdf() lays A4 out (190 mm
// inside the margins), then printed to an A4 PDF.  The QR block (code and
// caption, floated right of the title) overlaps neither the sign-up box
// nor any drawn border (the box's ran through the caption and its printed
// address); in the PDF, no line of the box starts with « · » and there is
// one « · » between two ways to sign up.
//
// usage: node programme-papier.mjs ARTIFACTS NAME:WAYS:OUT_DIR...
//   (WAYS: how many ways to sign up the box shows, 0 when sign-up is
//   closed and the box is left off; prints ok / not ok)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, localContext } from './chromium.mjs';
import { notOk, check } from './tap.mjs';

const [artifacts, ...sites] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });

// What the page lays out in print media: the QR block's box, the sign-up
// box's (null when not shown), and each drawn border side (a thin box of
// its own) outside the QR block that crosses the QR block's box.
function layout() {
	const rect = (e) => { const b = e.getBoundingClientRect(); return { x: b.left, y: b.top, w: b.width, h: b.height }; };
	const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
	const shown = (e) => e && e.getClientRects().length > 0;
	const qrEl = document.querySelector('.qr'), boxEl = document.querySelector('.inscription-imprimee');
	if (!shown(qrEl)) return { qr: null };
	const qr = rect(qrEl), crossing = [];
	for (const e of document.querySelectorAll('main *')) {
		if (qrEl.contains(e) || !shown(e)) continue;
		const cs = getComputedStyle(e), b = rect(e);
		const sides = {
			top: { x: b.x, y: b.y, w: b.w, h: parseFloat(cs.borderTopWidth) },
			bottom: { x: b.x, y: b.y + b.h - parseFloat(cs.borderBottomWidth), w: b.w, h: parseFloat(cs.borderBottomWidth) },
			left: { x: b.x, y: b.y, w: parseFloat(cs.borderLeftWidth), h: b.h },
			right: { x: b.x + b.w - parseFloat(cs.borderRightWidth), y: b.y, w: parseFloat(cs.borderRightWidth), h: b.h },
		};
		for (const [side, r] of Object.entries(sides)) {
			const style = cs.getPropertyValue(`border-${side}-style`);
			if (r.w > 0 && r.h > 0 && style !== 'none' && style !== 'hidden' && meets(r, qr))
				crossing.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${side} border`);
		}
	}
	return { qr, box: shown(boxEl) ? rect(boxEl) : null, crossing, text: qrEl.textContent.replace(/\s+/g, ' ').trim() };
}

const browser = await launch();
try {
	for (const arg of sites) {
		const [name, ways, ...dir] = arg.split(':');
		const n = Number(ways);
		const { server, origin } = await serve(dir.join(':'));
		const context = await localContext(browser, { viewport: { width: 718, height: 1040 } });
		const page = await context.newPage();
		await page.goto(`${origin}/programme/`, { waitUntil: 'load' });
		await page.emulateMedia({ media: 'print' });
		const l = await page.evaluate(layout);
		if (l.qr === null) {
			notOk(`${name}: the printed programme shows its QR block`);
			await context.close();
			server.close();
			continue;
		}
		check(`${name}: the QR block carries the programme's printed address`, /https:\/\/\S+\/programme\//.test(l.text), l.text);
		if (n === 0) {
			check(`${name}: sign-up closed, no sign-up box is printed`, l.box === null, JSON.stringify(l.box));
		} else {
			const apart = l.box !== null && (l.box.x + l.box.w <= l.qr.x || l.qr.x + l.qr.w <= l.box.x ||
				l.box.y + l.box.h <= l.qr.y || l.qr.y + l.qr.h <= l.box.y);
			check(`${name}: the sign-up box and the QR block (code and caption) do not overlap`, apart,
				`box ${JSON.stringify(l.box)}`, `QR block ${JSON.stringify(l.qr)}`);
		}
		check(`${name}: no border runs through the QR block`, l.crossing.length === 0, ...l.crossing);
		const pdfFile = join(artifacts, `programme-papier-${name}.pdf`);
		await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
		execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(artifacts, `programme-papier-${name}`)]);
		if (n > 0) {
			// the box's lines as printed: from its title to the next
			// section's (the QR caption beside them is on their right)
			const lines = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdfFile, '-'], { encoding: 'utf8' }).split('\n');
			const first = lines.findIndex((s) => s.includes('Pour vous inscrire'));
			const end = lines.findIndex((s, i) => i > first && s.includes('La journée en pratique'));
			const box = first < 0 || end < 0 ? [] : lines.slice(first, end).map((s) => s.trim()).filter((s) => s !== '');
			check(`${name}: the sign-up box is printed, ${n} way(s) to sign up in it`, box.length >= 2 &&
				(box.join(' ').match(/ : /g) ?? []).length === n, ...box);
			check(`${name}: no line of the sign-up box starts with « · »`, box.length > 0 && !box.some((s) => s.startsWith('·')), ...box);
			check(`${name}: one « · » between two ways to sign up (${n - 1})`,
				box.join(' ').split('·').length - 1 === n - 1, ...box);
		}
		await context.close();
		server.close();
	}
} finally {
	await browser.close();
}
