// The generated example site in headless Chromium: axe-core (WCAG 2.1 A
// and AA) in light and dark schemes, no request leaving 127.0.0.1, the
// recap gallery with the keyboard, the skip link, the programme's print
// layout, and screenshots kept as artifacts for a person to look at.
//
// usage: node site.mjs OUT_DIR ARTIFACTS_DIR
// Prints "ok - ..." / "not ok - ..." lines (tests/run.sh counts them).
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, localContext, axe, describe } from './chromium.mjs';
import { serve } from './serve.mjs';

const [out, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });

let failures = 0;
function ok(name) { console.log(`ok - ${name}`); }
function notOk(name, ...details) {
	failures++;
	console.log(`not ok - ${name}`);
	for (const d of details)
		for (const line of String(d).split('\n').slice(0, 40))
			console.log(`#   ${line}`);
}
function check(name, cond, ...details) { cond ? ok(name) : notOk(name, ...details); }
// Relative luminance (WCAG) of a computed "rgb(r, g, b)" colour.
function lum(c) {
	const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
		v /= 255;
		return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// The first page of a section (sorted, so the choice is stable), or one
// whose HTML holds a marker.
function pick(section, marker) {
	const dir = join(out, section);
	if (!existsSync(dir))
		return null;
	for (const name of readdirSync(dir).sort()) {
		const f = join(dir, name, 'index.html');
		if (existsSync(f) && (!marker || readFileSync(f, 'utf8').includes(marker)))
			return `/${section}/${name}/`;
	}
	return null;
}

const pages = [
	['accueil', '/'],
	['programme', '/programme/'],
	['atelier', pick('ateliers', 'application/ld+json')],
	['histoire', pick('patrimoine', 'class="sources"')],
	['retour', pick('retours', 'class="avant-apres"') ?? pick('retours', 'class="photo"')],
	['taxonomie', pick('categories')],
	['recherche', '/recherche/'],
	['404', '/cette-page-n-existe-pas/'],
];
for (const [name, path] of pages)
	check(`a ${name} page exists in the build`, path !== null);

const { server, origin } = await serve(out);
const browser = await launch();
const newContext = (options) => localContext(browser, options);

// axe and third-party requests, every page in both colour schemes.
for (const scheme of ['light', 'dark']) {
	const context = await newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
	for (const [name, path] of pages) {
		if (path === null)
			continue;
		const page = await context.newPage();
		const resp = await page.goto(origin + path, { waitUntil: 'load' });
		if (name === '404')
			check(`404: unknown URLs get the 404 page with status 404`, resp.status() === 404 &&
				(await page.locator('h1').count()) === 1);
		const res = await axe(page);
		check(`axe ${scheme}: ${name} (${path}) has no WCAG 2.1 A/AA violation`,
			res.violations.length === 0, ...describe(res.violations));
		// Landmarks of one kind told apart by their names (axe's
		// best-practice rule; tester17 F6: /recherche/'s two forms).
		if (scheme === 'light') {
			const lm = await page.evaluate(() => window.axe.run(document, {
				runOnly: { type: 'rule', values: ['landmark-unique'] }, resultTypes: ['violations'] }));
			check(`${name}: each landmark of a kind has a name of its own (${path})`,
				lm.violations.length === 0, ...describe(lm.violations));
		}
		await page.close();
	}
	check(`no request leaves 127.0.0.1 (${scheme}, ${context.requests} requests)`,
		context.foreign.length === 0 && context.requests > 0, ...context.foreign);
	await context.close();
}

// Screenshots: every page at phone and desktop widths, light; the home
// and a workshop in dark too.
for (const [w, h] of [[360, 800], [1280, 800]]) {
	for (const scheme of ['light', 'dark']) {
		const context = await newContext({ colorScheme: scheme, viewport: { width: w, height: h } });
		const page = await context.newPage();
		for (const [name, path] of pages) {
			if (path === null || (scheme === 'dark' && !['accueil', 'atelier', 'programme'].includes(name)))
				continue;
			await page.goto(origin + path, { waitUntil: 'load' });
			// A full-page shot does not scroll: load the lazy images first.
			await page.evaluate(() => Promise.all([...document.images].map((img) => {
				img.loading = 'eager';
				return img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; });
			})));
			const file = join(artifacts, `${name}-${w}x${h}${scheme === 'dark' ? '-sombre' : ''}.png`);
			await page.screenshot({ path: file, fullPage: true });
			// Nothing may stick out sideways on a phone.
			if (w === 360 && scheme === 'light') {
				const overflow = await page.evaluate(() =>
					document.documentElement.scrollWidth - document.documentElement.clientWidth);
				check(`${name} at 360 px wide has no horizontal scroll`, overflow <= 0, `overflow: ${overflow}px`);
			}
		}
		check(`screenshots at ${w}x${h} ${scheme} make no third-party request`, context.foreign.length === 0, ...context.foreign);
		await context.close();
	}
}

// Reflow (WCAG 1.4.10): at 320 CSS px, no page type scrolls sideways;
// every page has the search form in its header.
{
	const context = await newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	for (const [name, path] of pages) {
		if (path === null)
			continue;
		await page.goto(origin + path, { waitUntil: 'load' });
		const r = await page.evaluate(() => {
			const f = document.querySelector('header.entete form[role="search"]');
			return {
				overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
				search: f !== null && f.getAttribute('action') === '/recherche/' &&
					f.querySelector('input[name="q"]') !== null &&
					document.querySelector('label[for="' + f.querySelector('input').id + '"]') !== null,
			};
		});
		check(`${name} at 320 px wide has no horizontal scroll`, r.overflow <= 0, `overflow: ${r.overflow}px`);
		if (name === 'accueil' || name === 'atelier')
			await page.screenshot({ path: join(artifacts, `${name}-320x640.png`) });
		check(`${name} has a labelled search form to /recherche/ in its header`, r.search);
	}
	// The header form works without JavaScript's help: it lands on the
	// search page with the words in the URL, and the results come.
	await page.goto(origin + '/', { waitUntil: 'load' });
	await page.fill('#q-entete', 'lavoir');
	await Promise.all([page.waitForURL(/\/recherche\/\?q=lavoir/), page.press('#q-entete', 'Enter')]);
	await page.waitForSelector('.recherche-resultats li', { timeout: 5000 }).catch(() => null);
	const found = await page.locator('.recherche-resultats li').count();
	check(`the header's search leads to results (${found} for "lavoir")`, found > 0);
	// Last year's workshop on the wash-house and this year's: each result
	// says its edition.
	const kinds = await page.locator('.recherche-resultats .recherche-type').allTextContents();
	check(`search results say the edition's year (${kinds.join(' ')})`,
		kinds.some((k) => /Atelier 2025/.test(k)) && kinds.some((k) => /Atelier 2026/.test(k)));
	// A phone keyboard's slip (tester21 F10): two letters swapped found
	// nothing; now the results of the word one slip away, said so.
	for (const [typed, meant] of [['lavior', 'lavoir'], ['nettyoer', 'nettoyer']]) {
		await page.goto(origin + '/recherche/?q=' + typed, { waitUntil: 'load' });
		await page.waitForFunction(() => /résultat/.test(document.querySelector('.recherche-etat').textContent), null, { timeout: 5000 }).catch(() => null);
		const st = await page.locator('.recherche-etat').textContent();
		const n = await page.locator('.recherche-resultats li').count();
		check(`"${typed}" finds the results of "${meant}", and says so (${n}: ${st})`,
			n > 0 && st.includes(`Aucun résultat pour « ${typed} » ;`) && st.includes(`pour « ${meant} »`));
		check(`with results, no help to go elsewhere ("${typed}")`,
			await page.locator('.recherche-aide').isHidden());
	}
	// Outside tester 25 F7: a doubled consonant typed once, the commonest
	// French slip, corrected like the others, typed or sent.
	for (const [typed, meant] of [['netoyer', 'nettoyer'], ['netoyage', 'nettoyage'], ['repeindr%20', 'repeindre']]) {
		await page.goto(origin + '/recherche/?q=' + typed, { waitUntil: 'load' });
		await page.waitForFunction(() => /résultat/.test(document.querySelector('.recherche-etat').textContent), null, { timeout: 5000 }).catch(() => null);
		const st = await page.locator('.recherche-etat').textContent();
		const n = await page.locator('.recherche-resultats li').count();
		const shown = decodeURIComponent(typed).trim();
		check(`"${shown}" finds the results of "${meant}", and says so (${n}: ${st})`,
			n > 0 && st.includes(`Aucun résultat pour « ${shown} » ;`) && st.includes(`pour « ${meant} »`));
	}
	// A word being typed finds the pages of the word it begins, its
	// ending included: "repeindr" is "repeindre", indexed as "repeint"
	// (so do "repeind" and "repein", on the way to it).
	await page.goto(origin + '/recherche/', { waitUntil: 'load' });
	await page.waitForFunction(() => document.documentElement.classList.contains('recherche-prete'), null, { timeout: 5000 }).catch(() => null);
	let whole = null;
	for (const typed of ['repeindre', 'repeindr', 'repeind', 'repein']) {
		await page.fill('#recherche-q', typed);
		await page.waitForFunction((t) => document.querySelector('.recherche-etat').textContent.includes(`« ${t} »`), typed, { timeout: 5000 }).catch(() => null);
		const st = await page.locator('.recherche-etat').textContent();
		const titles = (await page.locator('.recherche-resultats li > a').allTextContents()).join(' | ');
		whole ??= titles;
		check(`typing "${typed}" finds what "repeindre" finds, as found (${st})`,
			/^\d+ résultats? pour/.test(st) && /repeindre/i.test(titles.split(' | ')[0]) && titles === whole, titles);
	}
	// Short words are left as typed: four letters one slip from "place"
	// are near too many words to be corrected.
	await page.goto(origin + '/recherche/?q=plce%20', { waitUntil: 'load' });
	await page.waitForFunction(() => /résultat/.test(document.querySelector('.recherche-etat').textContent), null, { timeout: 5000 }).catch(() => null);
	check('a four-letter word found nowhere is not corrected ("plce")',
		await page.locator('.recherche-etat').textContent() === 'Aucun résultat pour « plce ».');
	// Nothing at all: a way on, to the programme and the workshops.
	await page.goto(origin + '/recherche/?q=xqzwv', { waitUntil: 'load' });
	await page.waitForFunction(() => /Aucun/.test(document.querySelector('.recherche-etat').textContent), null, { timeout: 5000 }).catch(() => null);
	const aide = page.locator('.recherche-aide');
	check('no result: a visible way on, to the whole programme',
		await aide.isVisible() && await aide.locator('a[href$="/programme/"]').count() === 1);
	await context.close();
}

// The menu: on a phone behind its button, opened with the keyboard, the
// list then full width on screen; on a wide screen shown, without
// JavaScript too.
{
	const context = await newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	await page.goto(origin + '/', { waitUntil: 'load' });
	const before = await page.locator('.menu a').first().isVisible();
	await page.focus('.menu-details > summary');
	await page.keyboard.press('Enter');
	const r = await page.evaluate(() => {
		const links = [...document.querySelectorAll('.menu a')].map((a) => a.getBoundingClientRect());
		return { n: links.length, shown: links.every((b) => b.width > 0 && b.left >= 0 && b.right <= innerWidth),
			overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			expanded: document.querySelector('.menu-details').open };
	});
	check('320 px: the menu is closed behind its button, and Enter opens it on screen',
		!before && r.n > 3 && r.shown && r.expanded && r.overflow <= 0, JSON.stringify(r));
	await context.close();
	for (const js of [true, false]) {
		const wide = await newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: js });
		const p = await wide.newPage();
		await p.goto(origin + '/', { waitUntil: 'load' });
		const links = await p.locator('.menu a').count();
		const visible = await p.locator('.menu a').first().isVisible();
		const button = await p.locator('.menu-details > summary').isVisible();
		check(`1280 px${js ? '' : ' without JavaScript'}: the menu's ${links} links are shown, not its button`,
			links > 3 && visible && !button);
		await wide.close();
	}
}

// Focus rings (WCAG 2.4.7, 1.4.11): Tab through the skip link and the
// header (menu opened) on a phone and a wide screen, and through the
// whole home page and a past workshop (its banner's link) on a wide one,
// light and dark, with the example's colours and two other communes'
// (an accent equal to the principal colour, the header's; a green).
// Each focused control's outline, read from its computed style, must
// reach 3:1 against the colour on either side of it (the element or
// page under the ring, a border included) on each of its four sides.
// Tester17 F5: the search button ringed in the header's own colour.
{
	const communes = [
		['the example\'s colours', ''],
		['accent = principale', ':root{--principale:#1d5a84;--accent:#1d5a84}@media (prefers-color-scheme:dark){:root{--principale:#6b9ccc;--accent:#6b9ccc}}'],
		['a green commune', ':root{--principale:#0b6b3a;--accent:#8a1c7c}@media (prefers-color-scheme:dark){:root{--principale:#5fbf8a;--accent:#d98ccf}}'],
	];
	const past = pick('ateliers', 'class="lien-fleche"');
	const runs = [];
	for (const [commune, css] of communes)
		for (const w of [320, 1280])
			runs.push([commune, css, w, '/', true]);
	for (const path of ['/', past])
		if (path !== null)
			runs.push(['the example\'s colours', '', 1280, path, false]);
	for (const scheme of ['light', 'dark']) {
		for (const [commune, css, w, path, headerOnly] of runs) {
			const context = await newContext({ colorScheme: scheme, viewport: { width: w, height: 800 } });
			const page = await context.newPage();
			await page.goto(origin + path, { waitUntil: 'load' });
			if (css)
				await page.addStyleTag({ content: css });
			await page.evaluate(() => { document.querySelector('.menu-details').open = true; });
			const bad = [];
			let seen = 0;
			for (let i = 0; i < 400; i++) {
				await page.keyboard.press('Tab');
				const r = await page.evaluate(focusRing, headerOnly);
				if (r === null)
					break;
				seen++;
				if (r.bad.length > 0)
					bad.push(`${r.el}: ${r.outline}: ${r.bad.join(', ')}`);
			}
			check(`${scheme}, ${w} px, ${commune}: each of the ${seen} focus rings ${headerOnly ? 'in the header' : `on ${path}`} reaches 3:1 against its surroundings`,
				seen >= (headerOnly ? 5 : 10) && bad.length === 0, ...bad.slice(0, 8));
			await context.close();
		}
	}
}

// Arrow links on a 320 px phone (tester17 F3): a past workshop's banner
// links to its recap without a bullet, and each arrow link's arrow stays
// on the line of its last word (the ::after's text measured in a span put
// where the ::after is).  The home page's arrow links too.
{
	const context = await newContext({ viewport: { width: 320, height: 800 } });
	const page = await context.newPage();
	const past = existsSync(join(out, 'ateliers/degager-le-lavoir/index.html')) ? '/ateliers/degager-le-lavoir/' : pick('ateliers', 'class="lien-fleche"');
	for (const path of ['/', past]) {
		if (path === null)
			continue;
		await page.goto(origin + path, { waitUntil: 'load' });
		const r = await page.evaluate(() => {
			const links = [...document.querySelectorAll('a.lien-fleche')];
			const arrows = links.map((a) => JSON.parse(getComputedStyle(a, '::after').content));
			const style = document.createElement('style');
			style.textContent = '.lien-fleche::after { content: none !important; }';
			document.head.append(style);
			return links.map((a, i) => {
				const span = document.createElement('span');
				span.textContent = arrows[i];
				a.append(span);
				const texts = [];
				const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
				for (let n; (n = walk.nextNode());)
					if (n.parentElement !== span && !n.parentElement.closest('.visuellement-cache') && n.textContent.trim())
						texts.push(n);
				const last = texts.at(-1), range = document.createRange();
				const end = last.textContent.trimEnd().length;
				range.setStart(last, Math.max(0, last.textContent.lastIndexOf(' ', end - 1) + 1));
				range.setEnd(last, end);
				const word = [...range.getClientRects()].at(-1), arrow = [...span.getClientRects()].at(-1);
				const li = a.closest('li');
				return { text: a.textContent, sameLine: Math.abs(word.bottom - arrow.bottom) < 2,
					bullet: li && a.closest('.bandeau') ? getComputedStyle(li).listStyleType : 'none' };
			});
		});
		const bad = r.filter((x) => !x.sameLine || x.bullet !== 'none');
		check(`320 px: the ${r.length} arrow link(s) of ${path} keep the arrow with the last word, no bullet in a banner`,
			r.length > 0 && bad.length === 0, ...bad.map((x) => JSON.stringify(x)));
		if (path === past)
			await page.locator('.bandeau').screenshot({ path: join(artifacts, 'bandeau-passe-320.png') });
	}
	await context.close();
}

// Dark scheme on a phone's first screen, for a person to look at.
{
	const context = await newContext({ colorScheme: 'dark', viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	for (const name of ['accueil', 'atelier']) {
		await page.goto(origin + pages.find(([n]) => n === name)[1], { waitUntil: 'load' });
		await page.screenshot({ path: join(artifacts, `${name}-320x640-sombre.png`) });
	}
	await context.close();
}

// Text at 200 % (WCAG 1.4.4) at 320 and 1280 CSS px: no page scrolls
// sideways; the header's name, search field and button and the menu are
// inside the screen and overlap nothing; on a 320 × 640 phone the content
// starts on the first screen.  Screenshots for a person.
for (const [w, h] of [[320, 640], [1280, 800]]) {
	const context = await newContext({ viewport: { width: w, height: h } });
	const page = await context.newPage();
	for (const [name, path] of pages) {
		if (path === null)
			continue;
		await page.goto(origin + path, { waitUntil: 'load' });
		await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
		const r = await page.evaluate(() => {
			const box = (sel) => {
				const e = document.querySelector(sel);
				if (e === null || e.getClientRects().length === 0)
					return null;
				const b = e.getBoundingClientRect();
				return { l: b.left, r: b.right, t: b.top + scrollY, b: b.bottom + scrollY, w: b.width };
			};
			const parts = { nom: box('.site-nom'), champ: box('#q-entete'), bouton: box('.recherche-entete button'),
				menu: box('.menu-details > summary') ?? box('.menu') };
			const over = (a, b) => a && b && a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
			const keys = Object.keys(parts);
			const overlaps = [];
			for (let i = 0; i < keys.length; i++)
				for (let j = i + 1; j < keys.length; j++)
					if (over(parts[keys[i]], parts[keys[j]]))
						overlaps.push(`${keys[i]}/${keys[j]}`);
			const out = keys.filter((k) => parts[k] === null || parts[k].l < 0 || parts[k].r > innerWidth + 0.5 || parts[k].w < 20);
			return {
				overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
				header: document.querySelector('header.entete').getBoundingClientRect().height,
				h1: document.querySelector('h1').getBoundingClientRect().top + scrollY,
				overlaps, out,
			};
		});
		check(`200 % text, ${w} px: ${name} has no horizontal scroll`, r.overflow <= 0, `overflow: ${r.overflow}px`);
		check(`200 % text, ${w} px: ${name}'s header parts are on screen and do not overlap`,
			r.overlaps.length === 0 && r.out.length === 0, JSON.stringify(r));
		if (w === 320)
			check(`200 % text, 320 × 640: ${name}'s header leaves most of the screen to the content (header ${Math.round(r.header)} px < ${h / 2})`,
				r.header < h / 2, JSON.stringify(r));
		if (name === 'accueil' || name === 'atelier')
			await page.screenshot({ path: join(artifacts, `${name}-${w}x${h}-texte-200.png`) });
	}
	await context.close();
}

// Sign-up: every open workshop page offers a way to sign up near its top;
// no cancelled one does.
{
	const context = await newContext({ viewport: { width: 360, height: 800 } });
	const page = await context.newPage();
	let open = 0, openBad = [], cancelled = 0, cancelledBad = [];
	for (const name of readdirSync(join(out, 'ateliers')).sort()) {
		const f = join(out, 'ateliers', name, 'index.html');
		if (!existsSync(f))
			continue;
		const html = readFileSync(f, 'utf8');
		const isOpen = /<article class="atelier statut-(confirme|propose)"/.test(html) &&
			!html.includes('bandeau-passe') && !html.includes('Inscriptions closes') && !html.includes('<strong>Complet</strong>');
		const isCancelled = html.includes('statut-annule');
		if (!isOpen && !isCancelled)
			continue;
		await page.goto(`${origin}/ateliers/${name}/`, { waitUntil: 'load' });
		const r = await page.evaluate(() => {
			const links = [...document.querySelectorAll('.inscrire a[href]')];
			const first = links[0]?.getBoundingClientRect();
			return { n: links.length, top: first ? first.top + window.scrollY : null,
				hrefs: links.map((a) => a.getAttribute('href')),
				agenda: document.querySelector('a[href$=".ics"]') !== null };
		});
		if (isOpen) {
			open++;
			if (!(r.n > 0 && r.top < 800 && r.hrefs.some((h) => /^(https?:|mailto:|tel:)/.test(h))))
				openBad.push(`${name}: ${JSON.stringify(r)}`);
		} else {
			cancelled++;
			if (r.n > 0 || r.agenda)
				cancelledBad.push(`${name}: ${JSON.stringify(r)}`);
		}
	}
	check(`each of the ${open} open workshops offers to sign up in its first screen at 360×800`, open > 0 && openBad.length === 0, ...openBad);
	check(`none of the ${cancelled} cancelled workshops offers to sign up or a calendar`, cancelled > 0 && cancelledBad.length === 0, ...cancelledBad);
	await context.close();
}

// JSON-LD of a workshop: valid JSON, a schema.org Event with offsets.
{
	const context = await newContext({});
	const page = await context.newPage();
	await page.goto(origin + pages.find(([n]) => n === 'atelier')[1], { waitUntil: 'load' });
	const texts = await page.$$eval('script[type="application/ld+json"]', (s) => s.map((e) => e.textContent));
	let ev = null, error = '';
	try {
		ev = JSON.parse(texts[0]);
	} catch (e) {
		error = String(e);
	}
	check('workshop JSON-LD is valid JSON', texts.length === 1 && ev !== null, error, texts[0] ?? 'none');
	if (ev !== null) {
		const dt = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
		check('JSON-LD: an Event with start and end dates carrying their offset',
			ev['@type'] === 'Event' && dt.test(ev.startDate) && dt.test(ev.endDate), JSON.stringify(ev));
		check('JSON-LD: a Place with a PostalAddress, an organizer, status and attendance mode',
			ev.location?.['@type'] === 'Place' && ev.location?.address?.['@type'] === 'PostalAddress' &&
			ev.organizer?.name && /^https:\/\/schema.org\/Event/.test(ev.eventStatus) &&
			ev.eventAttendanceMode === 'https://schema.org/OfflineEventAttendanceMode');
		check('JSON-LD: the day itself is the superEvent', ev.superEvent?.['@type'] === 'Event' &&
			dt.test(ev.superEvent?.startDate ?? ''), JSON.stringify(ev.superEvent));
	}
	await context.close();
}

// Keyboard: the skip link, then the gallery opened and closed.
{
	const context = await newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	const recap = pages.find(([n]) => n === 'retour')[1];
	await page.goto(origin + recap, { waitUntil: 'load' });
	await page.keyboard.press('Tab');
	const skip = await page.evaluate(() => {
		const a = document.activeElement;
		const r = a.getBoundingClientRect();
		return { cls: a.className, top: r.top, height: r.height, target: a.getAttribute('href') };
	});
	check('the first Tab reaches a visible skip link to the content', skip.cls === 'evitement' &&
		skip.top >= 0 && skip.height > 0 && skip.target === '#contenu', JSON.stringify(skip));
	let reached = null;
	for (let i = 0; i < 80 && reached === null; i++) {
		await page.keyboard.press('Tab');
		reached = await page.evaluate(() => {
			const a = document.activeElement;
			if (!a.matches('a.photo'))
				return null;
			const style = getComputedStyle(a);
			return { href: a.href, outline: style.outlineStyle, width: style.outlineWidth };
		});
	}
	check('Tab reaches a photo of the gallery', reached !== null);
	if (reached !== null) {
		check('the focused photo shows a focus outline', reached.outline !== 'none' && reached.width !== '0px',
			JSON.stringify(reached));
		await page.keyboard.press('Enter');
		const opened = await page.evaluate(() => {
			const d = document.querySelector('dialog[open]');
			return d && { src: d.querySelector('img').src, alt: d.querySelector('img').alt,
				focus: d.contains(document.activeElement) };
		});
		check('Enter opens the photo in a dialog', opened !== null && opened.src === reached.href &&
			opened.alt.length > 0, JSON.stringify(opened));
		check('the focus moves into the dialog', opened !== null && opened.focus);
		await page.keyboard.press('Escape');
		const closed = await page.evaluate(() => ({
			open: document.querySelector('dialog[open]') !== null,
			back: document.activeElement.matches('a.photo') ? document.activeElement.href : null,
		}));
		check('Escape closes the dialog', !closed.open);
		check('the focus returns to the photo', closed.back === reached.href, JSON.stringify(closed));
	}
	await context.close();
}

// The viewer on a 320 px phone loads a phone-sized file of the photo
// (the pipeline writes 480, 960 and 1600 px wide ones), not the 1600 px
// JPEG the link points to; the screenshot shows it opened.
{
	const context = await newContext({ viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	const recap = pages.find(([n]) => n === 'retour')[1];
	await page.goto(origin + recap, { waitUntil: 'load' });
	await page.locator('a.photo').first().click();
	await page.waitForFunction(() => {
		const i = document.querySelector('dialog[open] img');
		return i && i.complete && i.currentSrc !== '';
	});
	const shown = await page.evaluate(() => {
		const i = document.querySelector('dialog[open] img');
		return { natural: i.naturalWidth, src: i.currentSrc, width: i.getBoundingClientRect().width,
			scroll: document.documentElement.scrollWidth };
	});
	// naturalWidth is in CSS pixels once a srcset picked the file: the
	// file's own width is in its name (photo-480.webp).
	const file = Number((shown.src.match(/-(\d+)\.(?:webp|jpe?g)$/) ?? [])[1]);
	check(`320 px phone: the viewer loads a phone-sized file of the photo (${file} px), not the 1600 px one`,
		shown.natural > 0 && file > 0 && file <= 960 && shown.width <= 320 && shown.scroll <= 320,
		JSON.stringify(shown));
	await page.screenshot({ path: join(artifacts, 'visionneuse-320.png') });
	await context.close();
}

// The search page's own field, on a 320 px phone in both schemes: at
// least 16 px (iOS Safari zooms in on a smaller field), its label shown,
// inside the screen, a visible focus, and the scheme's colours.
for (const scheme of ['light', 'dark']) {
	const context = await newContext({ colorScheme: scheme, viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	await page.goto(origin + '/recherche/', { waitUntil: 'load' });
	await page.focus('#recherche-q');
	const f = await page.evaluate(() => {
		const i = document.querySelector('#recherche-q');
		const l = document.querySelector('label[for="recherche-q"]');
		const s = getComputedStyle(i);
		const b = i.getBoundingClientRect();
		const lb = l.getBoundingClientRect();
		// relative luminance of an rgb() colour
		const lum = (c) => {
			const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
				v /= 255;
				return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
		};
		return {
			font: parseFloat(s.fontSize), left: b.left, right: b.right, height: b.height,
			label: lb.width > 1 && lb.height > 1 && getComputedStyle(l).display !== 'none',
			outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
			bg: lum(s.backgroundColor), fg: lum(s.color),
			overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
		};
	});
	check(`search page, 320 px ${scheme}: its field is at least 16 px (${f.font} px), labelled, inside the screen`,
		f.font >= 16 && f.label && f.left >= 0 && f.right <= 320 && f.height >= 40 && f.overflow <= 0,
		JSON.stringify(f));
	check(`search page, 320 px ${scheme}: the focused field shows an outline`, f.outline, JSON.stringify(f));
	check(`search page, 320 px ${scheme}: the field has the scheme's colours`,
		scheme === 'dark' ? f.bg < 0.05 && f.fg > 0.6 : f.bg > 0.9 && f.fg < 0.05, JSON.stringify(f));
	await page.fill('#recherche-q', 'lavoir');
	await page.waitForSelector('.recherche-resultats li', { timeout: 5000 }).catch(() => null);
	await page.screenshot({ path: join(artifacts, `recherche-320x640${scheme === 'dark' ? '-sombre' : ''}.png`) });
	await context.close();
}

// Without JavaScript the photos are plain links to the full images.
{
	const context = await newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const recap = pages.find(([n]) => n === 'retour')[1];
	await page.goto(origin + recap, { waitUntil: 'load' });
	const hrefs = await page.$$eval('a.photo', (as) => as.map((a) => a.getAttribute('href')));
	let okLinks = hrefs.length > 0;
	for (const h of hrefs) {
		const r = await page.request.get(origin + h);
		okLinks = okLinks && r.status() === 200 && (r.headers()['content-type'] ?? '').startsWith('image/');
	}
	check(`without JavaScript, each of the ${hrefs.length} photos links to its image`, okLinks);
	await context.close();
}

// Printing from a phone or computer in dark mode: dark text on white
// paper, every page type.  Each element with text of its own is checked
// against the first background behind it; the programme's PDF too.
{
	const context = await newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	for (const [name, path] of pages) {
		if (path === null)
			continue;
		await page.goto(origin + path, { waitUntil: 'load' });
		await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
		const r = await page.evaluate(() => {
			const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
			const lum = (c) => {
				const [r, g, b] = rgb(c).slice(0, 3).map((v) => {
					v /= 255;
					return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
				});
				return 0.2126 * r + 0.7152 * g + 0.0722 * b;
			};
			const opaque = (c) => { const v = rgb(c); return v.length === 3 || (v.length === 4 && v[3] > 0.5); };
			const behind = (e) => {
				for (; e; e = e.parentElement) {
					const c = getComputedStyle(e).backgroundColor;
					if (opaque(c))
						return c;
				}
				return null;
			};
			const page = getComputedStyle(document.documentElement).backgroundColor;
			const canvas = opaque(page) ? page : getComputedStyle(document.body).backgroundColor;
			const bad = [];
			for (const e of document.body.querySelectorAll('*')) {
				const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
				const s = getComputedStyle(e);
				if (!own || e.getClientRects().length === 0 || s.visibility === 'hidden')
					continue;
				const bg = behind(e) ?? canvas;
				if (lum(s.color) > 0.2 || lum(bg) < 0.8)
					bad.push(`${e.tagName.toLowerCase()}.${e.className}: ${s.color} on ${bg}`);
			}
			return { canvas, body: getComputedStyle(document.body).color, bad };
		});
		check(`print in dark mode: ${name} prints dark text on white (${r.canvas}, ${r.body})`,
			lum(r.canvas) > 0.95 && lum(r.body) < 0.05 && r.bad.length === 0, ...r.bad.slice(0, 10));
	}
	await page.goto(origin + '/programme/', { waitUntil: 'load' });
	await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
	const pdfFile = join(artifacts, 'programme-impression-sombre.pdf');
	await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
	execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(artifacts, 'programme-impression-sombre')]);
	await context.close();
}

// Print: the programme as an A4 leaflet.
{
	const context = await newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.goto(origin + '/programme/', { waitUntil: 'load' });
	await page.emulateMedia({ media: 'print' });
	const print = await page.evaluate(() => {
		const shown = (sel) => {
			const e = document.querySelector(sel);
			return e !== null && getComputedStyle(e).display !== 'none';
		};
		const cards = [...document.querySelectorAll('.carte')];
		return {
			menu: shown('.menu'), footer: shown('.pied'), filters: shown('.filtres'),
			qr: shown('.qr') && document.querySelector('.qr svg path') !== null,
			cards: cards.length,
			unbroken: cards.every((c) => getComputedStyle(c).breakInside === 'avoid'),
		};
	});
	// A printed workshop keeps its street address (tester17 F12: the
	// leaflet's rule hiding the day's details hid it on every page).
	{
		const w = await context.newPage();
		const path = pick('ateliers', 'class="detail"');
		await w.goto(origin + path, { waitUntil: 'load' });
		await w.emulateMedia({ media: 'print' });
		const where = await w.evaluate(() => [...document.querySelectorAll('.essentiel .detail')]
			.map((d) => d.getClientRects().length > 0 ? d.textContent : `hidden: ${d.textContent}`));
		check(`print: a workshop page (${path}) shows its street address`,
			where.length > 0 && where.every((t) => !t.startsWith('hidden')), ...where);
		await w.close();
	}
	check('print: the menu, the footer and the filters are hidden',
		!print.menu && !print.footer && !print.filters, JSON.stringify(print));
	check('print: the QR code is shown', print.qr);
	check('print: each workshop is kept in one block', print.cards > 0 && print.unbroken, JSON.stringify(print));
	const titles = await page.$$eval('.carte h3', (hs) => hs.map((h) => h.textContent.trim()));
	const summaries = await page.$$eval('.carte .carte-resume', (ps) => ps.map((p) => p.textContent.trim()));
	const addresses = await page.$$eval('.carte .carte-adresse', (ps) => ps.map((p) => p.textContent.trim()));
	const signup = await page.evaluate(() => {
		const e = document.querySelector('.inscription-imprimee');
		return e && getComputedStyle(e).display !== 'none' ? e.textContent : null;
	});
	const pdfFile = join(artifacts, 'programme-impression.pdf');
	await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
	// The PDF read back by poppler, as a person printing it would see it.
	const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
	const pagesInPdf = Number((info.match(/^Pages:\s+(\d+)/m) ?? [])[1]);
	const a4 = /^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m.test(info) || /\(A4\)/.test(info);
	check(`print: the programme is an A4 leaflet of at most 2 pages (${pagesInPdf})`, a4 && pagesInPdf >= 1 && pagesInPdf <= 2, info);
	const flat = (t) => t.replace(/\s+/g, '');
	const text = flat(execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' }));
	const missing = titles.filter((t) => !text.includes(flat(t)));
	check(`print: the PDF's text holds the title of each of the ${titles.length} workshops`, titles.length > 0 && missing.length === 0, ...missing);
	const noSummary = summaries.filter((s) => !text.includes(flat(s)));
	check(`print: the PDF holds the summary of each of the ${summaries.length} workshops`,
		summaries.length === titles.length && noSummary.length === 0, ...noSummary);
	const noAddress = addresses.filter((s) => !text.includes(flat(s)));
	check(`print: the PDF holds the full address of each of the ${addresses.length} workshops`,
		addresses.length === titles.length && noAddress.length === 0, ...noAddress);
	const ways = ['https://journee-citoyenne.saint-aubin-des-levees.example/participer/', '0261914020',
		'journee-citoyenne@saint-aubin-des-levees.example', 'vendredi15mai2026'];
	const absent = ways.filter((w) => !text.includes(w));
	check('print: the PDF says how to sign up (web address, phone, e-mail as text) and by when',
		signup !== null && absent.length === 0, ...absent);
	// The site's announcement (site.yaml annonce: a postponed day) is on
	// the leaflet pinned up for weeks: on its first page, above the title.
	const notice = await page.evaluate(() => {
		const e = document.querySelector('.annonce');
		const link = e && e.querySelector('a');
		const text = e && e.textContent.replace(link ? link.textContent : '', '').trim();
		return e && { text, shown: getComputedStyle(e).display !== 'none' };
	});
	const first = flat(execFileSync('pdftotext', ['-raw', '-f', '1', '-l', '1', pdfFile, '-'], { encoding: 'utf8' }));
	const title = flat(await page.$eval('h1', (h) => h.textContent));
	// (its label is in capitals on paper: text-transform)
	const at = notice ? first.toLowerCase().indexOf(flat(notice.text).toLowerCase()) : -1;
	check('print: the site\'s announcement is on the first page of the PDF, above the title',
		notice !== null && notice.shown && at >= 0 && at < first.indexOf(title),
		JSON.stringify(notice), first.slice(0, 300));
	execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(artifacts, 'programme-impression')]);
	await context.close();
}

// Print: a workshop open for sign-up says on paper where to sign up (its
// buttons lead nowhere there): the form's full address, the e-mail
// address, and a QR code a phone reads back to the form's address.
{
	const context = await newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	const path = pick('ateliers', 'class="moyens-inscription"');
	await page.goto(origin + path, { waitUntil: 'load' });
	await page.emulateMedia({ media: 'print' });
	const ways = await page.evaluate(() => {
		const form = document.querySelector('.moyens-inscription a.bouton[href^="http"], .moyens-inscription a.bouton[href^="/"]');
		const mail = document.querySelector('.moyens-inscription a[href^="mailto:"]');
		return { form: form && form.href, email: mail && mail.getAttribute('href').slice(7).split('?')[0] };
	});
	const pdfFile = join(artifacts, 'atelier-impression.pdf');
	await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
	const text = execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
	const absent = [ways.form, ways.email].filter((w) => !w || !text.includes(w));
	check(`print: a workshop (${path}) prints its sign-up form's full address and e-mail address`,
		absent.length === 0, JSON.stringify(ways), ...absent);
	execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdfFile, join(artifacts, 'atelier-impression')]);
	let read = '';
	try {
		read = execFileSync('zbarimg', ['-q', '--raw', join(artifacts, 'atelier-impression-1.png')],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch (e) {
		read = `zbarimg: ${e.status}`;
	}
	check('print: the printed workshop\'s QR code reads back as its sign-up form\'s address', read === ways.form, read, ways.form);
	await context.close();
}

// Print: the home page's sign-up for the whole day says on paper where
// to sign up: the form's full address and a QR code a phone reads back
// to it (its button printed « S’inscrire » and nothing else).
{
	const context = await newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	await page.goto(origin + '/', { waitUntil: 'load' });
	await page.emulateMedia({ media: 'print' });
	const form = await page.evaluate(() => {
		const a = document.querySelector('.inscription .moyens a.bouton[href]');
		return a && a.href;
	});
	const pdfFile = join(artifacts, 'accueil-impression.pdf');
	await page.pdf({ path: pdfFile, format: 'A4', printBackground: true });
	const text = execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
	check('print: the home page prints its sign-up form\'s full address', !!form && text.includes(form), form);
	execFileSync('pdftoppm', ['-png', '-r', '150', pdfFile, join(artifacts, 'accueil-impression')]);
	const pngs = readdirSync(artifacts).filter((f) => f.startsWith('accueil-impression-') && f.endsWith('.png'));
	const read = pngs.map((f) => {
		try {
			return execFileSync('zbarimg', ['-q', '--raw', join(artifacts, f)],
				{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		} catch (e) {
			return '';
		}
	});
	check('print: the home page\'s QR code reads back as its sign-up form\'s address', !!form && read.includes(form), read.join(' | '), form);
	await context.close();
}

await browser.close();
server.close();

// In the page: the focused element's ring against the colours on its
// two sides at the middle of each side of the element (what is drawn
// there: a border, a background, the element's own or what lies under
// it), or null when the focus left the header (headerOnly) or the page.
function focusRing(headerOnly) {
	const e = document.activeElement;
	if (!e || e === document.body || e.dataset.anneau || (headerOnly && !(e.closest('header.entete') || e.matches('.evitement'))))
		return null;
	e.dataset.anneau = 'vu';
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
	const colourAt = (x, y) => {
		for (const el of document.elementsFromPoint(x, y)) {
			const s = getComputedStyle(el), b = el.getBoundingClientRect();
			const edges = [['Left', x - b.left], ['Right', b.right - x], ['Top', y - b.top], ['Bottom', b.bottom - y]];
			for (const [side, dist] of edges)
				if (dist >= 0 && dist < parseFloat(s[`border${side}Width`]) && opaque(s[`border${side}Color`]))
					return s[`border${side}Color`];
			if (opaque(s.backgroundColor))
				return s.backgroundColor;
		}
		const root = getComputedStyle(document.documentElement).backgroundColor;
		return opaque(root) ? root : getComputedStyle(document.body).backgroundColor;
	};
	const s = getComputedStyle(e), b = e.getBoundingClientRect();
	const off = parseFloat(s.outlineOffset), w = parseFloat(s.outlineWidth);
	const bad = [];
	if (s.outlineStyle === 'none' || !(w >= 2))
		bad.push('no outline');
	else {
		const mx = (b.left + b.right) / 2, my = (b.top + b.bottom) / 2;
		// [side, point at distance d outside the border edge]
		const at = [['left', (d) => [b.left - d, my]], ['right', (d) => [b.right + d, my]],
			['top', (d) => [mx, b.top - d]], ['bottom', (d) => [mx, b.bottom + d]]];
		for (const [side, p] of at)
			for (const d of [off - 0.5, off + w + 0.5]) {
				const [x, y] = p(d);
				if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
					continue;
				const c = colourAt(x, y), r = ratio(s.outlineColor, c);
				if (r < 3)
					bad.push(`${side} ${r.toFixed(2)} on ${c}`);
			}
	}
	return { el: `${e.tagName.toLowerCase()}.${e.className}`, outline: `${s.outlineWidth} ${s.outlineColor} offset ${s.outlineOffset}`, bad };
}
process.exit(failures > 0 ? 1 : 0);
