// A workshop in several slots as a screen reader meets it (tests/browser/
// slots.sh, outside tester 23 F11 and F13), read from Chromium's own
// accessibility tree (CDP Accessibility.getFullAXTree) with the
// stylesheet loaded: the text of each card (an article), region by
// region of the programme; the names of a workshop page's links; axe
// (WCAG 2.1 AA) on each page.  With a second output, the same site with
// its 10 h 30 slot cancelled (slots33): the « Annulé » badge read with
// its slot's times, axe on the pages that show it, at 320 px too, and a
// screenshot there (ARTIFACTS/slots-annule-320.png); slots34: no time cut
// over two lines at 320 px, the sign-up box without the cancelled slot's
// links (ARTIFACTS/slots-annule-320-inscription.png).  Prints TAP lines.
// Usage: node slots.mjs OUT_DIR [CANCELLED_OUT_DIR ARTIFACTS]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { launch, localContext, axe, describe } from './chromium.mjs';

function ok(name) { console.log(`ok - ${name}`); }
function notOk(name, lines) {
	console.log(`not ok - ${name}`);
	for (const line of lines)
		for (const l of String(line).split('\n'))
			console.log(`#   ${l}`);
}
function check(name, cond, lines) { cond ? ok(name) : notOk(name, lines); }

// The text a reader walks through under node: its StaticText, in order
// (CSS generated content included, as Chromium exposes it).
function text(byId, node) {
	if (node.role?.value === 'StaticText') return node.name?.value ?? '';
	return (node.childIds ?? []).map((c) => byId.get(c)).filter(Boolean)
		.map((c) => text(byId, c)).join('');
}

// {regions: {name: [card text]}, cards: [card text], links: [name]}.
async function read(context, url) {
	const page = await context.newPage();
	await page.goto(url);
	const cdp = await context.newCDPSession(page);
	const { nodes } = await cdp.send('Accessibility.getFullAXTree');
	const byId = new Map(nodes.map((n) => [n.nodeId, n]));
	const r = { regions: {}, cards: [], links: [] };
	for (const n of nodes) {
		const role = n.role?.value;
		if (role === 'link') r.links.push(n.name?.value ?? '');
		if (role === 'article') r.cards.push(text(byId, n).replace(/\s+/g, ' ').trim());
		if (role === 'region') {
			const cards = [];
			const walk = (m) => {
				if (m.role?.value === 'article') cards.push(text(byId, m).replace(/\s+/g, ' ').trim());
				else (m.childIds ?? []).forEach((c) => byId.has(c) && walk(byId.get(c)));
			};
			walk(n);
			r.regions[n.name?.value ?? ''] = cards;
		}
	}
	r.axe = (await axe(page)).violations;
	await page.close();
	return r;
}

const [out, off, artifacts] = process.argv.slice(2);

// Run in the page: every time in the text of main (« 8 h », « 10 h 30 »)
// and whether it is laid out on more than one line (its range's boxes
// on two tops): {times, broken: [« 10 h 30 » in « its line »]}.
function brokenTimes() {
	const walker = document.createTreeWalker(document.querySelector('main') ?? document.body,
		NodeFilter.SHOW_TEXT);
	const re = /\b\d{1,2}[ \u00a0]h(?:[ \u00a0]\d{2})?\b/g;
	let times = 0;
	const broken = [];
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		if (!n.parentElement || n.parentElement.closest('[hidden], .visuellement-cache, .impression-seule'))
			continue;
		for (const m of n.data.matchAll(re)) {
			const r = document.createRange();
			r.setStart(n, m.index);
			r.setEnd(n, m.index + m[0].length);
			const tops = new Set([...r.getClientRects()].filter((b) => b.width > 0)
				.map((b) => Math.round(b.top)));
			if (tops.size === 0) continue;
			times++;
			if (tops.size > 1)
				broken.push(`« ${m[0]} » in « ${n.parentElement.closest('li, p, a, dd')?.innerText.replace(/\s+/g, ' ')} »`);
		}
	}
	return { times, broken };
}

// The cancelled slot's badge (slots33): read with its times, axe on the
// workshop page and the programme, then at 320 px (a phone held
// upright): no violation, no sideways scroll, the badge on screen.
async function cancelled(browser) {
	const { server, origin } = await serve(off);
	try {
		const context = await localContext(browser);
		const at = await read(context, `${origin}/ateliers/barnums/`);
		const page = await context.newPage();
		await page.goto(`${origin}/ateliers/barnums/`);
		const items = (await page.locator('ul.creneaux li').allInnerTexts())
			.map((t) => t.replace(/\s+/g, ' ').trim());
		await page.close();
		check('the cancelled slot reads « 10 h 30 – 12 h Annulé », no calendar link',
			items.some((t) => t.startsWith('samedi 23 mai 2026, 10 h 30 – 12 h Annulé') &&
				!t.includes('Ajouter')) &&
			items.filter((t) => t.includes('Annulé')).length === 1, [JSON.stringify(items)]);
		check('axe: no violation on the page with the cancelled slot', at.axe.length === 0,
			describe(at.axe));
		const prog = await read(context, `${origin}/programme/`);
		check('axe: no violation on the programme with the cancelled slot', prog.axe.length === 0,
			describe(prog.axe));
		await context.close();

		const phone = await localContext(browser, { viewport: { width: 320, height: 640 } });
		const pp = await phone.newPage();
		await pp.goto(`${origin}/ateliers/barnums/`);
		const badge = pp.locator('ul.creneaux .badge-annule').first();
		await badge.scrollIntoViewIfNeeded();
		const box = await badge.boundingBox();
		const wide = await pp.evaluate(() => document.documentElement.scrollWidth);
		check('at 320 px the page does not scroll sideways, the badge is on screen',
			wide <= 320 && box && box.x >= 0 && box.x + box.width <= 320,
			[`scrollWidth ${wide}`, JSON.stringify(box)]);
		const v = (await axe(pp)).violations;
		check('axe at 320 px: no violation with the cancelled slot', v.length === 0, describe(v));
		// slots34: no time cut over two lines (« 10 h » then « 30 »),
		// on the workshop page and the programme
		for (const [what, path] of [['the workshop page', '/ateliers/barnums/'],
			['the programme', '/programme/']]) {
			await pp.goto(`${origin}${path}`);
			const cut = await pp.evaluate(brokenTimes);
			const w = await pp.evaluate(() => document.documentElement.scrollWidth);
			check(`at 320 px no time on ${what} is cut over two lines, no sideways scroll`,
				cut.times > 0 && cut.broken.length === 0 && w <= 320,
				[`times measured: ${cut.times}`, `scrollWidth ${w}`, ...cut.broken]);
		}
		await pp.goto(`${origin}/ateliers/barnums/`);
		// the sign-up box (slots34): the cancelled slot named with
		// « Annulé », no link to sign up for it, the others kept
		const signup = pp.locator('section.inscrire');
		const names = (await signup.getByRole('link').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
		const boxText = (await signup.innerText()).replace(/\s+/g, ' ');
		check('at 320 px the sign-up box says « 10 h 30 – 12 h Annulé » and links only the slots still open',
			boxText.includes('10 h 30 – 12 h Annulé') && !names.some((n) => n.includes('10 h 30')) &&
			names.filter((n) => n.includes('8 h – 10 h')).length === 2 &&
			names.filter((n) => n.includes('16 h – 18 h')).length === 2, [boxText, JSON.stringify(names)]);
		if (artifacts) {
			mkdirSync(artifacts, { recursive: true });
			await signup.screenshot({ path: join(artifacts, 'slots-annule-320-inscription.png') });
			await pp.locator('ul.creneaux').screenshot({ path: join(artifacts, 'slots-annule-320-creneaux.png') });
			await pp.screenshot({ path: join(artifacts, 'slots-annule-320.png'), fullPage: true });
		}
		await phone.close();
	} finally {
		server.close();
	}
}

const { server, origin } = await serve(out);
const browser = await launch();
try {
	const context = await localContext(browser);
	const prog = await read(context, `${origin}/programme/`);
	const names = Object.keys(prog.regions);
	const pm = names.find((n) => n.startsWith('L’après-midi'));
	const am = names.find((n) => n.startsWith('Le matin'));
	const barnums = (k) => (prog.regions[k] ?? []).filter((c) => c.includes('Monter les barnums'));
	check('the programme has a region « L’après-midi » holding the workshop with its slot',
		pm && barnums(pm).length === 1 && barnums(pm)[0].includes('16 h – 18 h') &&
		!barnums(pm)[0].includes('8 h – 10 h'), [`regions: ${JSON.stringify(prog.regions, null, 1)}`]);
	check('« Le matin » reads its three slots apart, « et » once',
		am && barnums(am).length === 1 &&
		barnums(am)[0].includes('8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h') &&
		!barnums(am)[0].includes('et et'), [`« Le matin »: ${JSON.stringify(barnums(am))}`]);
	check('axe: no violation on the programme', prog.axe.length === 0, describe(prog.axe));

	// the afternoon's count as a reader sees it, on screen and on paper
	// (slots25): its two cards on screen, one of them also in the morning;
	// the one card printed
	const pg = await context.newPage();
	await pg.goto(`${origin}/programme/`);
	const heading = () => pg.locator('#moment-apres-midi').innerText();
	const screen = (await heading()).replace(/\s+/g, ' ').trim();
	await pg.emulateMedia({ media: 'print' });
	const paper = (await heading()).replace(/\s+/g, ' ').trim();
	const printed = await pg.locator('section.moment:has(#moment-apres-midi) article:visible').count();
	await pg.close();
	check('on screen the afternoon says « (2, dont 1 aussi listé à un autre moment) »',
		screen === 'L’après-midi (2, dont 1 aussi listé à un autre moment)', [screen]);
	check('on paper it says « (1) », the cards printed under it', paper === 'L’après-midi (1)' && printed === 1,
		[paper, `cards printed: ${printed}`]);

	const cat = await read(context, `${origin}/categories/nature/`);
	const card = cat.cards.find((c) => c.includes('Monter les barnums')) ?? '';
	check('a card reads « 8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h »',
		card.includes('8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h') && !card.includes('et et'), [card]);

	const at = await read(context, `${origin}/ateliers/barnums/`);
	const mails = at.links.filter((l) => l.startsWith('S’inscrire par courriel'));
	check('the workshop page has one e-mail link per slot, each named by its hours',
		mails.length === 3 && new Set(mails).size === 3 &&
		mails.includes('S’inscrire par courriel au créneau 16 h – 18 h'), [JSON.stringify(mails)]);
	// a calendar and a form per slot (slots25), named apart
	const slotCal = at.links.filter((l) => l.startsWith('Ajouter ce créneau à mon agenda'));
	check('one « Ajouter ce créneau à mon agenda » per slot, each named by its hours',
		slotCal.length === 3 && new Set(slotCal).size === 3 &&
		slotCal.includes('Ajouter ce créneau à mon agenda (samedi 23 mai 2026, 16 h – 18 h)'),
		[JSON.stringify(slotCal)]);
	check('the workshop\'s own calendar says it holds every slot',
		at.links.includes('Ajouter tous les créneaux à mon agenda'), [JSON.stringify(at.links)]);
	const forms = at.links.filter((l) => l.startsWith('S’inscrire en ligne'));
	check('one link to the form per slot, each named by its hours',
		forms.length === 3 && new Set(forms).size === 3 &&
		forms.includes('S’inscrire en ligne au créneau 10 h 30 – 12 h'), [JSON.stringify(forms)]);
	// the second slot's link, followed as Chromium downloads it
	const pd = await context.newPage();
	await pd.goto(`${origin}/ateliers/barnums/`);
	const [dl] = await Promise.all([
		pd.waitForEvent('download'),
		pd.getByRole('link', { name: 'Ajouter ce créneau à mon agenda (samedi 23 mai 2026, 10 h 30 – 12 h)' }).click(),
	]);
	const ics = await (async () => {
		const chunks = [];
		for await (const c of await dl.createReadStream()) chunks.push(c);
		return Buffer.concat(chunks).toString('utf8');
	})();
	await pd.close();
	// its events' starts (the VTIMEZONE's DTSTARTs left aside)
	const starts = (ics.match(/BEGIN:VEVENT[\s\S]*?END:VEVENT/g) ?? [])
		.map((ev) => (ev.match(/^DTSTART[^\r\n]*/m) ?? [''])[0]);
	check('the 10 h 30 slot\'s link downloads a calendar of that slot alone',
		dl.suggestedFilename() === 'creneau-2.ics' && starts.length === 1 &&
		starts[0] === 'DTSTART;TZID=Europe/Paris:20260523T103000',
		[dl.suggestedFilename(), JSON.stringify(starts)]);
	check('axe: no violation on the workshop page', at.axe.length === 0, describe(at.axe));
	if (off)
		await cancelled(browser);
} finally {
	await browser.close();
	server.close();
}
