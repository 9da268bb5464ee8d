// Every page of a generated site in headless Chromium, for any commune
// (tests/browser/autre.sh builds one that is not the example): axe-core
// in light and dark schemes, no sideways scroll at 320 CSS px, the
// labelled search form to /recherche/ in every header, no request
// leaving 127.0.0.1; every open workshop offers to sign up in its first
// screen on a phone (a mailto naming the workshop and its date), no
// cancelled one does, nor offers a calendar entry.
//
// usage: node chaque.mjs OUT_DIR LABEL [ARTIFACTS_DIR]
// Without ARTIFACTS_DIR only the sign-up checks run (a variant of a site
// already checked page by page).  Prints "ok - ..." / "not ok - ..." lines.
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launch, localContext, axe, describe } from './chromium.mjs';
import { serve } from './serve.mjs';

const [out, label, artifacts] = process.argv.slice(2);
let failures = 0;
function ok(name) { console.log(`ok - ${label}: ${name}`); }
function notOk(name, ...details) {
	failures++;
	console.log(`not ok - ${label}: ${name}`);
	for (const d of details)
		for (const line of String(d).split('\n').slice(0, 40))
			console.log(`#   ${line}`);
}
function check(name, cond, ...details) { cond ? ok(name) : notOk(name, ...details); }

function* walk(dir) {
	for (const name of readdirSync(dir).sort()) {
		const p = join(dir, name);
		if (statSync(p).isDirectory())
			yield* walk(p);
		else
			yield p;
	}
}
// Every page a resident can open: each index.html as its folder's URL,
// and the 404 page at an unknown address.
const paths = [];
for (const f of walk(out)) {
	const rel = relative(out, f);
	if (rel.endsWith('index.html'))
		paths.push('/' + rel.slice(0, -'index.html'.length));
}
if (existsSync(join(out, '404.html')))
	paths.push('/cette-page-n-existe-pas/');

const { server, origin } = await serve(out);
const browser = await launch();

if (artifacts) {
	mkdirSync(artifacts, { recursive: true });
	for (const scheme of ['light', 'dark']) {
		const context = await localContext(browser, { colorScheme: scheme, viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		const bad = [];
		for (const path of paths) {
			await page.goto(origin + path, { waitUntil: 'load' });
			const res = await axe(page);
			if (res.violations.length > 0)
				bad.push(`${path}: ${describe(res.violations).join('\n')}`);
		}
		check(`axe ${scheme}: none of the ${paths.length} pages has a WCAG 2.1 A/AA violation`,
			paths.length > 10 && bad.length === 0, ...bad.slice(0, 5));
		check(`no request leaves 127.0.0.1 (${scheme}, ${context.requests} requests)`,
			context.foreign.length === 0 && context.requests > 0, ...context.foreign);
		await context.close();
	}

	const context = await localContext(browser, { viewport: { width: 320, height: 640 } });
	const page = await context.newPage();
	const wide = [], nosearch = [];
	for (const path of paths) {
		await page.goto(origin + path, { waitUntil: 'load' });
		const r = await page.evaluate(() => {
			const f = document.querySelector('header.entete form[role="search"]');
			const input = f && f.querySelector('input[name="q"]');
			return {
				overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
				search: f !== null && f.getAttribute('action') === '/recherche/' && input !== null &&
					document.querySelector('label[for="' + input.id + '"]') !== null,
			};
		});
		if (r.overflow > 0)
			wide.push(`${path}: ${r.overflow}px too wide`);
		if (!r.search)
			nosearch.push(path);
		if (path === '/' || /^\/ateliers\/debroussailler/.test(path))
			await page.screenshot({ path: join(artifacts, `${path === '/' ? 'accueil' : 'atelier'}-320x640.png`), fullPage: true });
	}
	check(`none of the ${paths.length} pages scrolls sideways at 320 px`, wide.length === 0, ...wide);
	// Text at 200 %: the header leaves most of a 320 × 640 screen to the
	// content, and nothing scrolls sideways.
	const tall = [];
	for (const path of paths) {
		await page.goto(origin + path, { waitUntil: 'load' });
		await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
		const r = await page.evaluate(() => ({
			header: document.querySelector('header.entete').getBoundingClientRect().height,
			overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
		}));
		if (r.header >= 320 || r.overflow > 0)
			tall.push(`${path}: ${JSON.stringify(r)}`);
	}
	check(`200 % text, 320 × 640: on each of the ${paths.length} pages the header takes less than half the screen, no sideways scroll`,
		tall.length === 0, ...tall);
	// WCAG 1.4.12 text spacing on top of 200 % text (outside tester 20
	// F8): nothing scrolls sideways and no box cuts its text off.
	const cut = [];
	const SPACING = '* { line-height: 1.5 !important; letter-spacing: .12em !important; ' +
		'word-spacing: .16em !important; } p { margin-bottom: 2em !important; } ' +
		'html { font-size: 200% !important; }';
	for (const path of paths) {
		await page.goto(origin + path, { waitUntil: 'load' });
		await page.addStyleTag({ content: SPACING });
		const r = await page.evaluate(() => {
			const clipped = [];
			for (const e of document.querySelectorAll('body *')) {
				const cs = getComputedStyle(e);
				if (cs.display === 'none' || cs.position === 'absolute' || e.closest('.visuellement-cache'))
					continue;
				if (!/hidden|clip/.test(cs.overflowX + cs.overflowY) || !e.textContent.trim())
					continue;
				if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
					clipped.push(`${e.tagName}.${e.className} ${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}`);
			}
			const W = document.documentElement.clientWidth;
			const wide = [...document.querySelectorAll('body *')].filter((e) =>
				e.getBoundingClientRect().right > W + 1 && e.children.length === 0 &&
				!e.closest('.visuellement-cache')).slice(0, 3)
				.map((e) => `${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 30)}"`);
			return { clipped, wide, overflow: document.documentElement.scrollWidth - W };
		});
		if (r.overflow > 0 || r.clipped.length > 0)
			cut.push(`${path}: ${r.overflow}px too wide (${r.wide.join(', ')}); ${r.clipped.join(', ')}`);
	}
	check(`text spacing (WCAG 1.4.12) and 200 % text, 320 px: none of the ${paths.length} pages scrolls sideways or cuts text off`,
		cut.length === 0, ...cut);
	check(`each of the ${paths.length} pages has a labelled search form to /recherche/ in its header`,
		nosearch.length === 0, ...nosearch);
	await context.close();
}

// Sign-up, from what each workshop page says of itself.
{
	const context = await localContext(browser, { viewport: { width: 360, height: 800 } });
	const page = await context.newPage();
	let open = 0, cancelled = 0;
	const openBad = [], cancelledBad = [], schemes = new Set();
	for (const path of paths.filter((p) => /^\/ateliers\/[^/]+\/$/.test(p))) {
		const html = readFileSync(join(out, path, 'index.html'), 'utf8');
		const isOpen = /<article class="atelier statut-(confirme|propose)"/.test(html) &&
			!html.includes('bandeau-passe') && !html.includes('Inscriptions closes') && !html.includes('<strong>Complet</strong>');
		const isCancelled = html.includes('statut-annule');
		if (!isOpen && !isCancelled)
			continue;
		await page.goto(origin + path, { waitUntil: 'load' });
		const r = await page.evaluate(() => {
			const links = [...document.querySelectorAll('.inscrire a[href]')];
			const first = links[0]?.getBoundingClientRect();
			return { n: links.length, top: first ? first.top + window.scrollY : null,
				hrefs: links.map((a) => a.getAttribute('href')),
				title: document.querySelector('h1').textContent.trim(),
				agenda: document.querySelector('a[href$=".ics"]') !== null };
		});
		if (isOpen) {
			open++;
			r.hrefs.forEach((h) => schemes.add(h.split(':')[0]));
			const mail = r.hrefs.find((h) => h.startsWith('mailto:'));
			const names = mail === undefined || decodeURIComponent(mail).includes(r.title);
			if (!(r.n > 0 && r.top < 800 && names && r.hrefs.some((h) => /^(https?:|mailto:|tel:)/.test(h))))
				openBad.push(`${path}: ${JSON.stringify(r)}`);
		} else {
			cancelled++;
			if (r.n > 0 || r.agenda)
				cancelledBad.push(`${path}: ${JSON.stringify(r)}`);
		}
	}
	check(`each of the ${open} open workshops offers to sign up in its first screen at 360×800 (${[...schemes].join(', ')})`,
		open > 0 && openBad.length === 0, ...openBad);
	check(`none of the ${cancelled} cancelled workshops offers to sign up or a calendar`,
		cancelled > 0 && cancelledBad.length === 0, ...cancelledBad);
	console.log(`# ${label}: sign-up by ${[...schemes].join(', ')}`);
	await context.close();
}

await browser.close();
server.close();
process.exit(failures > 0 ? 1 : 0);
