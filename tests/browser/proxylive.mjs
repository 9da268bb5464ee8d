// fabrique serve of a site published under a path (/journee/), seen the
// way colleagues see a preview on the town hall's host: through a
// reverse proxy that forwards only /journee/ (tester22 F5).  The page's
// live-reload script, its event stream and the error overlay's
// stylesheet must come through that path: after a save the open page
// reloads by itself, a broken date shows the overlay, styled.
//
// usage: node proxylive.mjs ORIGIN FILE   (FILE: the workshop's .md)
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import http from 'node:http';
import { launch } from './chromium.mjs';

const [origin, file] = process.argv.slice(2);
const PAGE = '/journee/ateliers/repeindre-le-preau/';
const original = readFileSync(file, 'utf8');
let failures = 0;
function ok(name) { console.log(`ok - ${name}`); }
function notOk(name, ...details) {
	failures++;
	console.log(`not ok - ${name}`);
	for (const d of details)
		for (const line of String(d).split('\n').slice(0, 20))
			console.log(`#   ${line}`);
}
function check(name, cond, ...details) { cond ? ok(name) : notOk(name, ...details); }
function save(text) {
	writeFileSync(file + '.tmp~', text);
	renameSync(file + '.tmp~', file);
}
const withTitle = (t, date = '2026-05-23') => original
	.replace(/^titre: .*$/m, `titre: ${t}`)
	.replace(/^debut: /m, `date: ${date}\ndebut: `);

// The proxy: /journee/... to fabrique serve, anything else 404 (and
// counted), as a host forwarding one path to the preview would.
const refused = [];
const target = new URL(origin);
const proxy = http.createServer((req, res) => {
	if (!req.url.startsWith('/journee/')) {
		refused.push(req.url);
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('not forwarded');
		return;
	}
	const up = http.request({ host: target.hostname, port: target.port, path: req.url,
		method: req.method, headers: req.headers }, (r) => {
		res.writeHead(r.statusCode, r.headers);
		r.pipe(res);
	});
	up.on('error', () => { res.writeHead(502); res.end(); });
	req.pipe(up);
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const front = `http://127.0.0.1:${proxy.address().port}`;

const browser = await launch();
try {
	const page = await browser.newPage({ viewport: { width: 400, height: 300 } });
	await page.goto(front + PAGE);
	const h1 = async () => (await page.textContent('h1')).trim();
	check('through the proxy, the workshop is served', (await h1()) === 'Repeindre le préau', await h1());
	check('the reload script is asked under the site\'s path',
		(await page.content()).includes('src="/journee/_fabrique/live.js"'));
	save(withTitle('Repeindre le préau en bleu'));
	try {
		await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('en bleu'),
			null, { timeout: 60000 });
		ok('after a save, the page seen through the proxy reloads by itself');
	} catch (e) { notOk('after a save, the page seen through the proxy reloads by itself', e.message); }
	save(withTitle('Repeindre le préau en bleu', '2026-02-30'));
	try {
		await page.waitForSelector('#fabrique-erreurs', { timeout: 60000 });
		const text = await page.textContent('#fabrique-erreurs');
		check('a broken date shows the overlay', text.includes('repeindre-le-preau.md:4:7'), text);
		const pos = await page.evaluate(() => getComputedStyle(document.getElementById('fabrique-erreurs')).position);
		check('the overlay\'s stylesheet came through the proxy', pos === 'fixed', pos);
	} catch (e) { notOk('a broken date shows the overlay', e.message); }
	const mine = refused.filter((u) => u.startsWith('/_fabrique/'));
	check('nothing of the preview was asked outside the site\'s path', mine.length === 0, mine.join('\n'));
} finally {
	save(original);
	await browser.close();
	proxy.close();
}
process.exit(failures ? 1 : 0);
