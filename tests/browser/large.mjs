// fabrique serve on a large site, in a real Chromium: the open workshop's
// page shows a save by itself, rebuilt and shown before the rest of the
// site, and reloads once only: the page's stylesheet and scripts, loaded
// while the rest is rebuilt, are the theme's fingerprinted assets, so the
// whole build coming in does not reload it again.  Then the workshops'
// list has the new title too.  Prints the save-to-new-title time.
//
// usage: node large.mjs ORIGIN FILE PAGE LOG  (FILE: the workshop's .md;
// LOG: the server's output, which says when the whole build is in)
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';

const [origin, file, PAGE, log] = process.argv.slice(2);
const rebuilt = () => (readFileSync(log, 'utf8').match(/rebuilt after/g) || []).length;
const original = readFileSync(file, 'utf8');
let failures = 0;
function ok(name) { console.log(`ok - ${name}`); }
function notOk(name, ...details) {
	failures++;
	console.log(`not ok - ${name}`);
	for (const d of details) console.log(`#   ${String(d).slice(0, 500)}`);
}
function check(name, cond, ...details) { cond ? ok(name) : notOk(name, ...details); }
function save(text) {
	writeFileSync(file + '.tmp~', text);
	renameSync(file + '.tmp~', file);
}
function get(path) {
	return new Promise((resolve, reject) => {
		http.get(origin + path, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c) => { body += c; });
			res.on('end', () => resolve({ status: res.statusCode, body }));
		}).on('error', reject);
	});
}

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
		'--disable-background-networking', '--disable-component-update'],
});
try {
	const page = await browser.newPage({ viewport: { width: 400, height: 300 } });
	let loads = 0;
	page.on('load', () => { loads++; });
	// the server knows the open page once its event stream answers
	const stream = page.waitForResponse((r) => r.url().includes('/_fabrique/events'));
	await page.goto(origin + PAGE);
	await stream;
	const title = 'Titre vu dans le navigateur';
	const before = rebuilt();
	const t0 = performance.now();
	save(original.replace(/^titre: .*$/m, `titre: "${title}"`));
	try {
		await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t),
			title, { timeout: 120000 });
		const ms = performance.now() - t0;
		ok('after a save, the open page shows the new title by itself');
		console.log(`# save to new title in the browser, 1 edit: ${ms.toFixed(0)} ms`);
	} catch (e) { notOk('after a save, the open page shows the new title by itself', e.message); }
	// nothing else fetched: the whole build is awaited from the log
	for (let i = 0; i < 600 && rebuilt() < before + 1; i++)
		await page.waitForTimeout(200);
	// the server says when it showed the open page: before the rest
	const text = readFileSync(log, 'utf8');
	const shown = text.match(/the open pages were shown after ([0-9.]+) s\n[^\n]*rebuilt after [^\n]* in ([0-9.]+) s/);
	check('it is shown before the whole site is rebuilt', shown && +shown[1] <= +shown[2],
		text.split('\n').slice(-4).join(' | '));
	await page.waitForTimeout(1500);
	check('the page reloaded once only, though the whole build came in after', loads === 2,
		`loads: ${loads}`);
	check('then the whole site is rebuilt: the list has the new title',
		(await get('/ateliers/')).body.includes(title));
	await page.goto(origin + '/ateliers/');
	check('the list, opened in the browser, has the new title',
		(await page.content()).includes(title));
} finally {
	await browser.close();
	save(original);
}
process.exit(failures ? 1 : 0);
