/* The network search page: reads the search indexes the build wrote, one
 * per région (src/search.h, src/reseau_site.c), and shows results as the
 * visitor types, with the matched words marked.  Only the région chosen
 * is loaded; "Toutes les régions" loads every région's index, once, when
 * the visitor searches them all.
 * Words of the query go through the same folding, stop words and
 * stemming rules as the pages' text did: the rules come from the index
 * itself.  No library, no request but the index, so it works offline. */
(function () {
	'use strict';
	var form = document.querySelector('.recherche-formulaire');
	if (!form)
		return;
	var input = form.querySelector('input[type=search]');
	var region = form.querySelector('select');
	var state = document.querySelector('.recherche-etat');
	var list = document.querySelector('.recherche-resultats');
	var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
	var KINDS = {atelier: 'Atelier', histoire: 'Patrimoine', retour: 'Retour',
		page: 'Page', categorie: 'Catégorie', quartier: 'Quartier',
		commune: 'Commune'};
	var SEP = /[\x00-\x2f\x3a-\x60\x7b-\xbf\u2000-\u20cf]+/;
	var LETTERS = /[\p{L}\p{N}]+/gu;
	var MAX = 50;
	var FOLD = {'æ': 'ae', 'œ': 'oe', 'ß': 'ss', 'þ': 'th', 'ĳ': 'ij',
		'ð': 'd', 'đ': 'd', 'ø': 'o', 'ħ': 'h', 'ı': 'i', 'ŀ': 'l',
		'ł': 'l', 'ŋ': 'n', 'ŉ': 'n', 'ſ': 's', 'ĸ': 'k'};
	var ix = null, keys = null, stop = null, digit = {};
	var shards = {}; /* index URL -> {ix, keys, stop} or a promise */
	var current = []; /* the shards searched now */
	for (var i = 0; i < DIGITS.length; i++)
		digit[DIGITS[i]] = i;

	function fold(s) {
		return s.toLowerCase().normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[æœßþĳðđøħıŀłŋŉſĸ]/g, function (c) { return FOLD[c]; });
	}

	function stem(w) {
		if (!/^[a-z]+$/.test(w))
			return w;
		for (var r = 0; r < ix.rules.length; r++) {
			var suf = ix.rules[r][0], repl = ix.rules[r][1];
			if (w.length >= suf.length &&
			    w.length - suf.length + repl.length >= ix.rules[r][2] &&
			    w.slice(w.length - suf.length) === suf)
				return w.slice(0, w.length - suf.length) + repl;
		}
		return w;
	}

	/* [{word, term}] for the indexed words of text, as the build saw them. */
	function words(text) {
		var out = [];
		fold(text).split(SEP).forEach(function (w) {
			if (w.length >= 2 && w.length <= 40 && !stop.has(w))
				out.push({word: w, term: stem(w)});
		});
		return out;
	}

	function decode(s) {
		var docs = new Map(), n = 0, doc = 0;
		for (var i = 0; i < s.length; i++) {
			var d = digit[s[i]];
			if (d < 32) {
				n = n * 32 + d;
				continue;
			}
			n = n * 32 + d - 32;
			doc += Math.floor(n / 4);
			docs.set(doc, n % 4);
			n = 0;
		}
		return docs;
	}

	function firstFrom(prefix) {
		var lo = 0, hi = keys.length;
		while (lo < hi) {
			var mid = (lo + hi) >> 1;
			if (keys[mid] < prefix)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo;
	}

	function has(t) {
		return Object.prototype.hasOwnProperty.call(ix.terms, t);
	}

	/* The index terms a query word stands for: itself, and while it is
	 * being typed, the terms it begins, the stems it already holds
	 * ("peintu" finds "peint"), and those of the word it makes once
	 * finished with an ending the stemmer strips: the index keeps
	 * "repeindre" as "repeint", which "repeindr" neither begins nor
	 * holds (outside tester 25 F7). */
	function candidates(q, typing) {
		var found = [];
		if (has(q.term))
			found.push(q.term);
		if (!typing)
			return found;
		for (var i = firstFrom(q.term); i < keys.length &&
		     keys[i].slice(0, q.term.length) === q.term; i++)
			if (keys[i] !== q.term)
				found.push(keys[i]);
		for (var k = q.word.length - 1; k >= Math.max(4, q.word.length - 3); k--) {
			var t = q.word.slice(0, k);
			if (t !== q.term && has(t))
				found.push(t);
		}
		finished(q.word).forEach(function (t) {
			if (t !== q.term && found.indexOf(t) < 0)
				found.push(t);
		});
		return found;
	}

	/* The index terms of w finished by the rest of a stripped ending it
	 * has begun ("repeindr" + "e", "plantatio" + "n"): only stems the
	 * rules made, at least four letters long, so a short word being
	 * typed gains nothing its prefixes did not already find. */
	function finished(w) {
		var out = [];
		if (w.length < 4)
			return out;
		ix.rules.forEach(function (r) {
			for (var j = 1; j < r[0].length; j++) {
				if (w.slice(w.length - j) !== r[0].slice(0, j))
					continue;
				var t = stem(w + r[0].slice(j));
				if (t.length < w.length + r[0].length - j && has(t))
					out.push(t);
			}
		});
		return out;
	}

	/* Documents holding every word of the query, best first. */
	function search(query) {
		var qs = words(query);
		var typing = !/\s$/.test(query);
		if (qs.length === 0)
			return {hits: [], terms: new Set()};
		var scores = null, matched = new Set();
		qs.forEach(function (q, n) {
			var best = new Map();
			candidates(q, typing && n === qs.length - 1).forEach(function (t) {
				matched.add(t);
				decode(ix.terms[t]).forEach(function (w, doc) {
					best.set(doc, Math.max(best.get(doc) || 0, w));
				});
			});
			if (scores === null) {
				scores = best;
				return;
			}
			var next = new Map();
			scores.forEach(function (s, doc) {
				if (best.has(doc))
					next.set(doc, s + best.get(doc));
			});
			scores = next;
		});
		var hits = [];
		scores.forEach(function (s, doc) {
			hits.push({doc: ix.docs[doc], score: s, n: doc});
		});
		return {hits: hits, terms: matched};
	}

	/* Every shard searched, hits merged best first (then in each
	 * shard's order, shards in the régions' order). */
	function searchAll(query) {
		var hits = [], terms = new Set();
		current.forEach(function (sh, k) {
			ix = sh.ix, keys = sh.keys, stop = sh.stop;
			var r = search(query);
			r.terms.forEach(function (t) { terms.add(t); });
			r.hits.forEach(function (h) { h.k = k; hits.push(h); });
		});
		hits.sort(function (a, b) {
			return b.score - a.score || a.k - b.k || a.n - b.n;
		});
		return {hits: hits, terms: terms};
	}

	/* Text with the words whose term was matched in <mark>. */
	function marked(el, text, terms) {
		var last = 0, m;
		LETTERS.lastIndex = 0;
		while ((m = LETTERS.exec(text)) !== null) {
			var hit = words(m[0]).some(function (w) { return terms.has(w.term); });
			if (!hit)
				continue;
			el.appendChild(document.createTextNode(text.slice(last, m.index)));
			var mark = document.createElement('mark');
			mark.textContent = m[0];
			el.appendChild(mark);
			last = m.index + m[0].length;
		}
		el.appendChild(document.createTextNode(text.slice(last)));
		return el;
	}

	function show(query) {
		list.textContent = '';
		if (current.length === 0)
			return;
		if (query.trim() === '') {
			state.textContent = '';
			return;
		}
		var r = searchAll(query);
		var shown = r.hits.slice(0, MAX);
		state.textContent = r.hits.length === 0
			? 'Aucun résultat pour « ' + query.trim() + ' ».'
			: r.hits.length + (r.hits.length > 1 ? ' résultats' : ' résultat') +
			  ' pour « ' + query.trim() + ' »' +
			  (r.hits.length > MAX ? ' (les ' + MAX + ' premiers)' : '') + '.';
		shown.forEach(function (h) {
			var d = h.doc;
			var li = document.createElement('li');
			var a = document.createElement('a');
			a.href = d[0];
			li.appendChild(marked(a, d[1], r.terms));
			if (KINDS[d[3]]) {
				var kind = document.createElement('span');
				kind.className = 'recherche-type';
				kind.textContent = ' · ' + KINDS[d[3]];
				li.appendChild(kind);
			}
			if (d[2]) {
				var p = document.createElement('p');
				li.appendChild(marked(p, d[2], r.terms));
			}
			list.appendChild(li);
		});
	}

	/* The index URLs of the région chosen, or of every région. */
	function wanted() {
		var opts = Array.prototype.slice.call(region.options);
		return opts.filter(function (o) {
			return o.getAttribute('data-index') &&
				(region.value === '' || o.value === region.value);
		}).map(function (o) { return o.getAttribute('data-index'); });
	}

	function fetchShard(url) {
		if (!shards[url])
			shards[url] = fetch(url).then(function (r) {
				if (!r.ok)
					throw new Error(r.status);
				return r.json();
			}).then(function (data) {
				var sh = {ix: data, keys: Object.keys(data.terms).sort(),
					stop: new Set(data.stop)};
				shards[url] = sh;
				return sh;
			}, function (e) {
				delete shards[url];
				throw e;
			});
		return Promise.resolve(shards[url]);
	}

	/* Loads what the choice of région needs, then searches. */
	function run(query) {
		var urls = wanted();
		var ready = urls.every(function (u) { return shards[u] && shards[u].ix; });
		if (!ready)
			state.textContent = 'Chargement de l’index…';
		Promise.all(urls.map(fetchShard)).then(function (list) {
			if (urls.join(' ') !== wanted().join(' '))
				return;
			current = list;
			if (!ready)
				state.textContent = '';
			document.documentElement.classList.add('recherche-prete');
			show(query);
		}).catch(function () {
			state.textContent = 'L’index de recherche n’a pas pu être chargé. ' +
				'Les communes restent consultables par région.';
		});
	}

	var timer = 0;
	input.addEventListener('input', function () {
		clearTimeout(timer);
		timer = setTimeout(function () { run(input.value); }, 60);
	});
	region.addEventListener('change', function () { run(input.value); });
	form.addEventListener('submit', function (e) {
		e.preventDefault();
		run(input.value + ' ');
	});

	var params = new URLSearchParams(location.search);
	if (params.get('region'))
		region.value = params.get('region');
	if (params.get('q'))
		input.value = params.get('q');
	/* A région chosen is loaded at once; all of them only when asked. */
	if (region.value !== '' || input.value.trim() !== '')
		run(input.value);
	else
		document.documentElement.classList.add('recherche-prete');
})();
