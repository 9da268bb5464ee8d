// Static scan of every generated file for resources loaded from another
// origin: src, srcset, poster and data of media and embeds, stylesheets,
// icons, manifests and preloads in <link>, CSS url() and @import, and
// importScripts/fetch of absolute URLs in scripts.  Links to other sites
// (<a href>, rel=canonical, og: metadata) load nothing and are allowed.
//
// usage: node scan.mjs OUT_DIR   (prints ok / not ok lines)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2];
const foreign = /^\s*(https?:)?\/\//i;

function* walk(dir) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory())
			yield* walk(p);
		else
			yield p;
	}
}

// Loaded URLs of an HTML text.
function htmlResources(text) {
	const urls = [];
	for (const m of text.matchAll(/<(img|script|iframe|embed|source|video|audio|track|input|object|link)\b([^>]*)>/gi)) {
		const tag = m[1].toLowerCase(), attrs = m[2];
		const attr = (n) => (attrs.match(new RegExp(`\\s${n}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')) ?? [])
			.slice(2).find((x) => x !== undefined);
		if (tag === 'link') {
			const rel = (attr('rel') ?? '').toLowerCase();
			if (/(^|\s)(stylesheet|icon|apple-touch-icon|manifest|preload|prefetch|modulepreload|preconnect|dns-prefetch)(\s|$)/.test(rel))
				urls.push(attr('href'));
			continue;
		}
		urls.push(attr('src'), attr('poster'), attr('data'));
		for (const s of (attr('srcset') ?? '').split(','))
			urls.push(s.trim().split(/\s+/)[0]);
	}
	for (const m of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi))
		urls.push(...cssResources(m[1]));
	for (const m of text.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi))
		urls.push(...cssResources(m[1]));
	return urls.filter(Boolean);
}

function cssResources(text) {
	const urls = [];
	for (const m of text.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi))
		urls.push(m[2]);
	for (const m of text.matchAll(/@import\s+(["'])([^"']*)\1/gi))
		urls.push(m[2]);
	return urls;
}

function jsResources(text) {
	const urls = [];
	for (const m of text.matchAll(/\b(importScripts|fetch|import)\s*\(\s*(["'`])([^"'`]*)\2/g))
		urls.push(m[3]);
	return urls;
}

let files = 0, bad = [];
for (const file of walk(root)) {
	const rel = relative(root, file);
	let urls;
	if (/\.html?$/.test(file))
		urls = htmlResources(readFileSync(file, 'utf8'));
	else if (/\.css$/.test(file))
		urls = cssResources(readFileSync(file, 'utf8'));
	else if (/\.m?js$/.test(file))
		urls = jsResources(readFileSync(file, 'utf8'));
	else
		continue;
	files++;
	for (const u of urls)
		if (foreign.test(u))
			bad.push(`${rel}: ${u}`);
}
if (files > 0 && bad.length === 0)
	console.log(`ok - static scan: none of ${files} HTML, CSS and JS files loads a resource from another origin`);
else {
	console.log(`not ok - static scan: ${bad.length} resource(s) from another origin in ${files} files`);
	for (const b of bad.slice(0, 30))
		console.log(`#   ${b}`);
}
