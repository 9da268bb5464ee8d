// The TAP lines every browser suite prints: « ok - NAME », or « not ok -
// NAME » with its details under it as « #   » comments (40 lines of each
// at most, so one long page text does not bury the next checks).
export function ok(name) { console.log(`ok - ${name}`); }
export function notOk(name, ...details) {
	console.log(`not ok - ${name}`);
	for (const d of details)
		for (const line of String(d).split('\n').slice(0, 40))
			console.log(`#   ${line}`);
}
export function check(name, cond, ...details) { cond ? ok(name) : notOk(name, ...details); }
