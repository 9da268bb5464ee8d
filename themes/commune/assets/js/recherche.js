/* The search page: reads the index the build wrote (src/search.h) and
 * shows results as the visitor types, with the matched words marked.
 * Words of the query go through the same folding, stop words and
 * stemming rules as the pages' text did: the rules come from the index
 * itself.  No library, no request but the index, so it works offline. */
(function () {
	'use strict';
	var form = document.querySelector('.recherche-formulaire');
	if (!form)
		return;
	var input = form.querySelector('input[type=search]');
	var state = document.querySelector('.recherche-etat');
	var list = document.querySelector('.recherche-resultats');
	var help = document.querySelector('.recherche-aide');
	var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
	var KINDS = {atelier: 'Atelier', histoire: 'Patrimoine', retour: 'Retour',
		page: 'Page', categorie: 'Catégorie', quartier: 'Quartier'};
	var SEP = /[\x00-\x2f\x3a-\x60\x7b-\xbf\u2000-\u20cf]+/;
	var LETTERS = /[\p{L}\p{N}]+/gu;
	var MAX = 50;
	var FOLD = {'æ': 'ae', 'œ': 'oe', 'ß': 'ss', 'þ': 'th', 'ĳ': 'ij',
		'ð': 'd', 'đ': 'd', 'ø': 'o', 'ħ': 'h', 'ı': 'i', 'ŀ': 'l',
		'ł': 'l', 'ŋ': 'n', 'ŉ': 'n', 'ſ': 's', 'ĸ': 'k'};
	var ix = null, keys = null, stop = null, digit = {};
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

	/* A query word found nowhere, as a phone keyboard mistypes it: the
	 * index's word one slip away (a doubled consonant typed once,
	 * "netoyer", the commonest in French, tried first; two letters
	 * swapped, "lavior"; one too many, "lavoiir"; one wrong, "lavoor";
	 * one missing, "repeindr"), or null.  Only for words of five
	 * letters or more: a shorter one is near too many. */
	function nearby(q) {
		var w = q.word, found = null;
		if (w.length < 5 || !/^[a-z]+$/.test(w))
			return null;
		function tryWord(v) {
			if (found === null && !stop.has(v) && has(stem(v)))
				found = {word: v, term: stem(v)};
		}
		var i, c;
		for (i = 0; i < w.length; i++)
			if (/[bcdfgklmnprst]/.test(w[i]) && w[i + 1] !== w[i] && w[i - 1] !== w[i])
				tryWord(w.slice(0, i + 1) + w.slice(i));
		for (i = 0; i + 1 < w.length; i++)
			tryWord(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
		for (i = 0; i < w.length; i++)
			tryWord(w.slice(0, i) + w.slice(i + 1));
		for (i = 0; i < w.length; i++)
			for (c = 97; c <= 122; c++)
				tryWord(w.slice(0, i) + String.fromCharCode(c) + w.slice(i + 1));
		for (i = 0; i <= w.length; i++)
			for (c = 97; c <= 122; c++)
				tryWord(w.slice(0, i) + String.fromCharCode(c) + w.slice(i));
		return found;
	}

	/* Documents holding every word of qs, best first. */
	function searchWords(qs, typing) {
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
		var hits = Array.from(scores.keys());
		hits.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
		return {hits: hits, terms: matched};
	}

	/* The query's documents; when it finds none, those of the query
	 * with each word found nowhere replaced by the one nearby, and
	 * that query in instead. */
	function search(query) {
		var qs = words(query);
		var typing = !/\s$/.test(query);
		if (qs.length === 0)
			return {hits: [], terms: new Set()};
		var r = searchWords(qs, typing);
		if (r.hits.length > 0)
			return r;
		var changed = false;
		var fixed = qs.map(function (q, n) {
			if (candidates(q, typing && n === qs.length - 1).length > 0)
				return q;
			var near = nearby(q);
			changed = changed || near !== null;
			return near || q;
		});
		if (!changed)
			return r;
		var r2 = searchWords(fixed, false);
		if (r2.hits.length === 0)
			return r;
		r2.instead = fixed.map(function (q) { return q.word; }).join(' ');
		return r2;
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
		if (!ix)
			return;
		if (query.trim() === '') {
			state.textContent = '';
			if (help)
				help.hidden = true;
			return;
		}
		var r = search(query);
		var shown = r.hits.slice(0, MAX);
		var count = r.hits.length + (r.hits.length > 1 ? ' résultats' : ' résultat');
		var firsts = r.hits.length > MAX ? ' (les ' + MAX + ' premiers)' : '';
		if (r.hits.length === 0)
			state.textContent = 'Aucun résultat pour « ' + query.trim() + ' ».';
		else if (r.instead)
			state.textContent = 'Aucun résultat pour « ' + query.trim() +
				' » ; ' + count + ' pour « ' + r.instead + ' »' + firsts + '.';
		else
			state.textContent = count + ' pour « ' + query.trim() + ' »' + firsts + '.';
		if (help)
			help.hidden = r.hits.length > 0;
		shown.forEach(function (n) {
			var d = ix.docs[n];
			var li = document.createElement('li');
			var a = document.createElement('a');
			a.href = d[0];
			li.appendChild(marked(a, d[1], r.terms));
			if (KINDS[d[3]]) {
				var kind = document.createElement('span');
				kind.className = 'recherche-type';
				// d[4]: the edition's year, so that last year's workshop
				// and this year's under the same name tell apart.
				kind.textContent = ' · ' + KINDS[d[3]] + (d[4] ? ' ' + d[4] : '');
				li.appendChild(kind);
			}
			if (d[2]) {
				var p = document.createElement('p');
				li.appendChild(marked(p, d[2], r.terms));
			}
			list.appendChild(li);
		});
	}

	var timer = 0;
	input.addEventListener('input', function () {
		clearTimeout(timer);
		timer = setTimeout(function () { show(input.value); }, 60);
	});
	form.addEventListener('submit', function (e) {
		e.preventDefault();
		show(input.value + ' ');
	});

	state.textContent = 'Chargement de l’index…';
	fetch(form.getAttribute('data-index')).then(function (r) {
		if (!r.ok)
			throw new Error(r.status);
		return r.json();
	}).then(function (data) {
		ix = data;
		keys = Object.keys(ix.terms).sort();
		stop = new Set(ix.stop);
		var q = new URLSearchParams(location.search).get('q');
		if (q)
			input.value = q;
		state.textContent = '';
		document.documentElement.classList.add('recherche-prete');
		show(input.value);
	}).catch(function () {
		state.textContent = 'L’index de recherche n’a pas pu être chargé. ' +
			'Le programme reste consultable.';
	});
})();
