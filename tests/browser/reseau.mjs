// The network site in headless Chromium: axe-core (WCAG 2.1 A and AA) on
// every kind of page in light and dark schemes, no request leaving
// 127.0.0.1, the search over every member's workshops (typed as a
// visitor would), the map's points as links, the skip link, a page read
// again offline through the service worker; screenshots
// kept as artifacts.
//
// usage: node reseau.mjs OUT_DIR ARTIFACTS_DIR   (prints ok / not ok)
import { readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, localContext, axe, describe } from './chromium.mjs';
import { serve } from './serve.mjs';
import { check } from './tap.mjs';

const [out, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });

const first = (section) => `/${section}/${readdirSync(join(out, section)).sort()[0]}/`;

const pages = [
	['accueil', '/'],
	['carte', '/carte/'],
	['region', first('regions')],
	['departement', first('departements')],
	['commune', first('communes')],
	['recherche', '/recherche/'],
	['404', '/pas-une-page/'],
];

const { server, origin } = await serve(out);
const browser = await launch();
const newContext = (options) => localContext(browser, options);

try {
	for (const scheme of ['light', 'dark']) {
		const context = await newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
		for (const [name, path] of pages) {
			const page = await context.newPage();
			const resp = await page.goto(origin + path, { waitUntil: 'load' });
			if (name === '404')
				check('404: unknown URLs get the 404 page with status 404', resp.status() === 404);
			const res = await axe(page);
			check(`axe ${scheme}: ${name} (${path}) has no WCAG 2.1 A/AA violation`,
				res.violations.length === 0, ...describe(res.violations));
			await page.screenshot({ path: join(artifacts, `${name}-${scheme}.png`), fullPage: true });
			await page.close();
		}
		check(`no request leaves 127.0.0.1 (${scheme}, ${context.requests} requests)`,
			context.foreign.length === 0 && context.requests > 0, ...context.foreign);
		await context.close();
	}

	const context = await newContext({ viewport: { width: 360, height: 800 } });
	const page = await context.newPage();

	// Search per région: the page loads only the index of the région
	// chosen, and nothing before a search over every région is asked.
	const shards = [];
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.pathname.startsWith('/recherche/') && u.pathname.endsWith('.json'))
			shards.push(u.pathname);
	});
	await page.goto(origin + '/recherche/', { waitUntil: 'load' });
	await page.waitForTimeout(300);
	check('the search page loads no index before a search', shards.length === 0, shards.join(' '));
	await page.selectOption('#recherche-region', 'corse');
	await page.fill('#recherche-q', 'ricanto');
	await page.waitForFunction(() => document.querySelectorAll('.recherche-resultats li').length > 0, null, { timeout: 10000 });
	check('a région chosen loads only its own index', shards.join(' ') === '/recherche/corse.json', shards.join(' '));
	await page.selectOption('#recherche-region', 'la-reunion');
	await page.waitForFunction(() => /Aucun résultat/.test(document.querySelector('.recherche-etat').textContent), null, { timeout: 10000 });
	check('another région is searched on its own index', shards.includes('/recherche/la-reunion.json'), shards.join(' '));

	// Search: the Corsican member's workshop, found from the network site.
	await page.goto(origin + '/recherche/', { waitUntil: 'load' });
	await page.fill('#recherche-q', 'plage ricanto');
	await page.waitForFunction(() => document.querySelectorAll('.recherche-resultats li').length > 0, null, { timeout: 10000 });
	const hits = await page.$$eval('.recherche-resultats a', (as) => as.map((a) => a.getAttribute('href')));
	check('search finds a member\'s workshop and links to its commune page',
		hits.length > 0 && hits[0].startsWith('/communes/2A004-'), hits.slice(0, 3).join(' '));
	await page.goto(origin + hits[0], { waitUntil: 'load' });
	const target = new URL(page.url()).hash.slice(1);
	check('the result lands on the workshop in the commune page',
		target !== '' && (await page.locator(`#${target} h3`).innerText()).includes('Ricanto'));

	// A word being typed finds the word it begins, its ending included
	// (outside tester 25 F7): "repeindr" the members' "Repeindre ..."
	// workshops, as the whole word does.
	const typedHits = [];
	for (const typed of ['repeindre', 'repeindr']) {
		await page.goto(origin + '/recherche/', { waitUntil: 'load' });
		await page.fill('#recherche-q', typed);
		await page.waitForFunction((t) => document.querySelector('.recherche-etat').textContent.includes(`« ${t} »`), typed, { timeout: 10000 }).catch(() => null);
		typedHits.push((await page.locator('.recherche-resultats li > a').allTextContents()).join(' | '));
	}
	check(`typing "repeindr" finds what "repeindre" finds (${typedHits[1].split(' | ').length})`,
		/repeindre/i.test(typedHits[0]) && typedHits[1] === typedHits[0], ...typedHits);

	// The map: each point is a link to its commune's page.
	await page.goto(origin + '/carte/', { waitUntil: 'load' });
	const links = await page.$$eval('svg.carte a', (as) => as.map((a) => a.getAttribute('href')));
	check('the map has one linked point per commune', links.length === 3, links.join(' '));
	await page.locator('svg.carte a').first().click();
	await page.waitForLoadState('load');
	check('a point of the map opens its commune page', /\/communes\/[^/]+\/$/.test(new URL(page.url()).pathname),
		page.url());

	// Skip link, keyboard.
	await page.goto(origin + '/', { waitUntil: 'load' });
	await page.keyboard.press('Tab');
	check('the first Tab reaches the skip link', await page.evaluate(() =>
		document.activeElement && document.activeElement.classList.contains('evitement')));
	check(`no request leaves 127.0.0.1 (search, map; ${context.requests} requests)`,
		context.foreign.length === 0, ...context.foreign);
	await context.close();

	// Offline: the service worker keeps the pages visited (a plain
	// context: request routing would bypass the service worker).
	const plain = await browser.newContext();
	const tab = await plain.newPage();
	tab.setDefaultTimeout(20000);
	await tab.goto(origin + '/', { waitUntil: 'load' });
	const sw = await tab.evaluate(() => navigator.serviceWorker.ready)
		.then(() => tab.waitForFunction(() => navigator.serviceWorker.controller !== null))
		.then(() => true, (e) => e.message);
	check('the service worker controls the page', sw === true, sw);
	const commune = first('communes');
	await tab.goto(origin + commune, { waitUntil: 'load' });
	const title = (await tab.locator('h1').innerText()).trim();
	await plain.setOffline(true);
	const res = await tab.goto(origin + commune, { waitUntil: 'load' }).catch((e) => e);
	const again = res instanceof Error ? '' : (await tab.locator('h1').innerText()).trim();
	check('offline: a commune page visited before opens from the service worker',
		!(res instanceof Error) && res.fromServiceWorker() && again === title && title !== '',
		res instanceof Error ? res.message : `h1 "${again}", from the service worker: ${res.fromServiceWorker()}`);
	// The home, opened once, and the offline page are precached; a page
	// never read gets the site's offline page, not the browser's error
	// (outside tester 29 F12).
	const h1Offline = async (path) => {
		const r = await tab.goto(origin + path, { waitUntil: 'load' }).catch((e) => e);
		if (r instanceof Error)
			return { err: r.message };
		return { sw: r.fromServiceWorker(), status: r.status(),
			h1: (await tab.locator('h1').innerText().catch(() => '')).trim() };
	};
	const home = await h1Offline('/');
	check('offline: the home opens from the service worker',
		home.sw === true && home.status === 200 && home.h1 !== '' && home.h1 !== 'Hors ligne',
		JSON.stringify(home));
	const others = readdirSync(join(out, 'communes')).sort();
	const unseen = await h1Offline(`/communes/${others[others.length - 1]}/`);
	check('offline: a commune page never read gets the site\'s « Hors ligne » page',
		others.length > 1 && unseen.sw === true && unseen.h1 === 'Hors ligne', JSON.stringify(unseen));
	const names = await tab.evaluate(() => caches.keys()).catch((e) => [e.message]);
	check('the visited pages\' cache names the site\'s scope (fabrique:/:visites)',
		names.includes('fabrique:/:visites') && !names.includes('fabrique-visites'), names.join(' '));
	await plain.close();
} finally {
	await browser.close();
	server.close();
}
