// bench/serve-latency.mjs ORIGIN FILE [N]: edit-to-reload latency of a
// running fabrique serve: milliseconds from saving FILE (temporary file
// renamed over it, as editors do) to the next "build" event on the
// page's event stream, N times (default 5).  Restores FILE at the end.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import http from 'node:http';

const [origin, file, count = '5'] = process.argv.slice(2);
const original = readFileSync(file, 'utf8');
function save(text) {
	writeFileSync(file + '.tmp~', text);
	renameSync(file + '.tmp~', file);
}
function once(text) {
	return new Promise((resolve, reject) => {
		const req = http.get(origin + '/_fabrique/events', (res) => {
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
console.log(`${ms.length} edits: median ${ms[ms.length >> 1].toFixed(0)} ms, ` +
	`min ${ms[0].toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`);
