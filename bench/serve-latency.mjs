// bench/serve-latency.mjs ORIGIN FILE [N] [PAGE]: edit-to-reload latency
// of a running fabrique serve: milliseconds from saving FILE (temporary
// file renamed over it, as editors do) to the next "build" event on the
// event stream of the page PAGE (its URL path, e.g. /ateliers/x/, as the
// page's own script sends it), N times (default 5).  Restores FILE.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import http from 'node:http';

const [origin, file, count = '5', page = ''] = process.argv.slice(2);
const events = '/_fabrique/events' +
	(page ? '?page=' + encodeURIComponent(page) : '');
const original = readFileSync(file, 'utf8');
function save(text) {
	writeFileSync(file + '.tmp~', text);
	renameSync(file + '.tmp~', file);
}
function once(text) {
	return new Promise((resolve, reject) => {
		const req = http.get(origin + events, (res) => {
			let data = '', t0 = 0;
			res.setEncoding('utf8');
			res.on('data', (c) => {
				data += c;
				const n = (data.match(/event: build/g) || []).length;
				if (n === 1 && t0 === 0) { t0 = performance.now(); save(text); }
				if (n >= 2) { req.destroy(); resolve(performance.now() - t0); }
			});
		});
		req.on('error', (e) => { if (e.code !== 'ECONNRESET') reject(e); });
	});
}
const ms = [];
for (let i = 0; i < +count; i++) {
	ms.push(await once(original.replace(/^titre: .*$/m, `titre: Mesure ${i}`)));
	await new Promise((r) => setTimeout(r, 300));
}
save(original);
ms.sort((a, b) => a - b);
const p90 = ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.9) - 1)];
console.log(`${ms.length} edits: median ${ms[ms.length >> 1].toFixed(0)} ms, ` +
	`p90 ${p90.toFixed(0)} ms, min ${ms[0].toFixed(0)} ms, ` +
	`max ${ms[ms.length - 1].toFixed(0)} ms`);
