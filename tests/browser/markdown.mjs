// The timetable page of tests/browser/markdown.sh in headless Chromium at
// 320 CSS px (WCAG 1.4.10 reflow): axe-core clean, no sideways scroll of
// the page, code blocks wrap inside it, the table scrolls inside its
// focusable box named by its caption (with the keyboard too), task checkboxes and notes named, and
// the print layout shows the whole table with its header row repeated.
//
// usage: node markdown.mjs OUT_DIR PATH   (prints ok / not ok lines)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { check } from './tap.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [out, path] = process.argv.slice(2);


const { server, origin } = await serve(out);
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
	const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	await page.goto(origin + path, { waitUntil: 'load' });

	await page.addScriptTag({ content: AXE });
	const res = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
		resultTypes: ['violations'],
	}));
	check('axe at 320 px: no WCAG 2.1 A/AA or best-practice violation', res.violations.length === 0,
		...res.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));

	const r = await page.evaluate(() => {
		const box = document.querySelector('div.table[role="region"]');
		const label = box && document.getElementById(box.getAttribute('aria-labelledby'));
		return {
			page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			box: box ? box.scrollWidth - box.clientWidth : -1,
			boxRight: box ? box.getBoundingClientRect().right : 1e9,
			tabindex: box?.getAttribute('tabindex'),
			label: label?.tagName === 'CAPTION' ? label.textContent : null,
			scopes: [...document.querySelectorAll('thead th')].map((th) => th.getAttribute('scope')),
			align: document.querySelector('[align]') !== null,
			right: box ? getComputedStyle(box.querySelector('tbody td:nth-child(5)')).textAlign : '',
			h1: document.querySelectorAll('h1').length,
		};
	});
	check('the page does not scroll sideways at 320 px', r.page <= 0, `overflow: ${r.page}px`);
	// A code block (tester19 F16): its long lines wrap inside the page,
	// every word of it visible on the screen.
	const pre = await page.evaluate(() => [...document.querySelectorAll('pre')].map((e) => ({
		right: e.getBoundingClientRect().right, overflow: e.scrollWidth - e.clientWidth })));
	check('each code block wraps inside the page at 320 px', pre.length === 2 &&
		pre.every((p) => p.right <= 320 && p.overflow <= 0), JSON.stringify(pre));
	check('the table scrolls inside its box instead', r.box > 0 && r.boxRight <= 320, `box overflow: ${r.box}px, right edge ${r.boxRight}`);
	check('the box is focusable and named by the caption', r.tabindex === '0' &&
		r.label === 'Horaires des ateliers du samedi 23 mai', JSON.stringify(r));
	check('header cells have scope="col"', r.scopes.length === 6 && r.scopes.every((s) => s === 'col'), r.scopes);
	check('no align attribute; the right-aligned column is right-aligned by CSS', !r.align && r.right === 'right', r.right);
	check('the page keeps one <h1>', r.h1 === 1, r.h1);

	// Keyboard users reach the box with Tab and scroll it with the arrows.
	let focused = false;
	for (let i = 0; i < 40 && !focused; i++) {
		await page.keyboard.press('Tab');
		focused = await page.evaluate(() => document.activeElement?.matches('div.table') ?? false);
	}
	for (let i = 0; i < 5; i++)
		await page.keyboard.press('ArrowRight');
	// Chromium animates keyboard scrolling: the box may still be at 0
	// just after the key presses, so wait (up to 3 s) for it to move.
	await page.waitForFunction(() => document.querySelector('div.table').scrollLeft > 0,
		null, { timeout: 3000 }).catch(() => {});
	const scrolled = await page.evaluate(() => document.querySelector('div.table').scrollLeft);
	check('Tab reaches the table box and the arrow keys scroll it', focused && scrolled > 0, `focused ${focused}, scrollLeft ${scrolled}`);

	const names = await page.evaluate(() => [...document.querySelectorAll('input[type="checkbox"]')]
		.map((c) => `${c.disabled}:${c.labels.length ? c.labels[0].textContent.trim() : ''}`));
	check('task checkboxes are disabled and named by their text', names.join('|') ===
		'true:Des gants de jardinage|true:Une gourde', names);
	// The tasks' state is the information (WCAG 1.4.11, tester17 F10): the
	// browser's disabled box is pale grey (1.3:1) under a bullet.  Each box
	// is drawn by the theme (appearance none, so its computed colours are
	// what shows), its outline at 3:1 against the page, a ticked box filled
	// at 3:1 and an empty one not, no bullet besides; on screen in both
	// schemes and printed from a phone in dark mode.  Screen readers hear
	// the checkbox's state (accessibility tree).
	const tree = await page.locator('main ul:has(input[type="checkbox"])').ariaSnapshot();
	check('screen readers get each task\'s name and state', /checkbox "Des gants de jardinage" \[disabled\]/.test(tree) &&
		/checkbox "Une gourde" \[checked\] \[disabled\]/.test(tree), tree);
	for (const [scheme, media] of [['light', 'screen'], ['dark', 'screen'], ['dark', 'print']]) {
		await page.emulateMedia({ media, colorScheme: scheme });
		const boxes = await page.evaluate(() => {
			const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
			const opaque = (c) => { const v = rgb(c); return v.length === 3 || (v.length === 4 && v[3] > 0.5); };
			const lum = (c) => {
				const [r, g, b] = rgb(c).slice(0, 3).map((v) => {
					v /= 255;
					return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
				});
				return 0.2126 * r + 0.7152 * g + 0.0722 * b;
			};
			const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
			return [...document.querySelectorAll('main input[type="checkbox"]')].map((c) => {
				let page = null;
				for (let e = c.parentElement; e && !page; e = e.parentElement)
					if (opaque(getComputedStyle(e).backgroundColor))
						page = getComputedStyle(e).backgroundColor;
				page ??= 'rgb(255, 255, 255)';
				const s = getComputedStyle(c);
				const fill = opaque(s.backgroundColor) ? s.backgroundColor : page;
				return { checked: c.checked, appearance: s.appearance, bullet: getComputedStyle(c.closest('li')).listStyleType,
					border: parseFloat(s.borderTopWidth) >= 1.5 ? ratio(s.borderTopColor, page) : 0,
					fill: ratio(fill, page) };
			});
		});
		const bad = boxes.filter((b) => b.appearance !== 'none' || b.bullet !== 'none' || b.border < 3 ||
			(b.checked ? b.fill < 3 : b.fill > 1.5));
		check(`${media} ${scheme}: each task's box is drawn at 3:1, filled when done, without a bullet`,
			boxes.length === 2 && bad.length === 0, JSON.stringify(boxes));
	}
	await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
	const notes = await page.evaluate(() => ({
		heading: document.querySelector('section.footnotes h2')?.textContent,
		back: document.querySelector('.footnote-backref')?.getAttribute('aria-label'),
	}));
	check('notes are headed "Notes", the way back says "Retour au texte"',
		notes.heading === 'Notes' && notes.back === 'Retour au texte', JSON.stringify(notes));

	await page.emulateMedia({ media: 'print' });
	const p = await page.evaluate(() => {
		const box = document.querySelector('div.table');
		return {
			overflow: getComputedStyle(box).overflowX,
			thead: getComputedStyle(document.querySelector('thead')).display,
			border: getComputedStyle(document.querySelector('td')).borderTopStyle,
		};
	});
	check('print: no scroll box, the header row repeats on each page, cells have borders',
		p.overflow === 'visible' && p.thead === 'table-header-group' && p.border === 'solid', JSON.stringify(p));
	await context.close();
} finally {
	await browser.close();
	server.close();
}
