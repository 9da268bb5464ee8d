/* Registers the service worker (sw.js, generated at build time) that
 * keeps the programme, the workshops and the search usable offline, and
 * runs the "Garder hors ligne" button of a workshop page: the page and
 * its pictures go into a cache of their own (KEPT, which no service
 * worker of fabrique drops, an earlier one brought back by a rollback
 * included: sw.mustache), so a resident finds the workshops they chose
 * without network, whatever the size of the site.  KEPT names the site's
 * path, as the worker's caches do: two sites of one origin (/a/, /b/)
 * never list or drop each other's kept pages.  This site's pages kept
 * under the former names (BEFORE, shared by the sites of the origin)
 * are read too until the service worker has moved them.  Without
 * JavaScript or the Cache API the button stays hidden. */
(function () {
	'use strict';
	if (!('serviceWorker' in navigator) || !window.isSecureContext)
		return;
	navigator.serviceWorker.register(workerUrl()).catch(function () {});
	/* the site's path, the worker's scope: "/a/" */
	var SCOPE = new URL('.', workerUrl()).pathname;
	var KEPT = 'gardes-hors-ligne-fabrique:' + SCOPE;
	var BEFORE = ['gardes-hors-ligne-fabrique', 'fabrique-gardes'];
	if (window.caches)
		listKept(document.querySelector('.gardes'));
	var box = document.querySelector('.garder');
	if (!box || !window.caches)
		return;
	var button = box.querySelector('button');
	var state = box.querySelector('.garder-etat');
	var busy = false;

	/* sw.js is at the site's root, beside the manifest: the manifest's
	 * <link> says where that root is (/manifest.webmanifest at the
	 * domain's root, /journee/manifest.webmanifest for a site published
	 * under /journee/, as the build writes every address), so this one
	 * file serves both, with no inline script (which a
	 * Content-Security-Policy may block).  The worker's scope is then its
	 * folder, the site's.  No manifest link (an overriding template): the
	 * domain's root. */
	function workerUrl() {
		var link = document.querySelector('link[rel~="manifest"][href]');
		return new URL('sw.js', link ? link.href : location.origin + '/').href;
	}

	/* On the offline page: links to the workshops kept, named by their
	 * title (read from the kept copy).  caches.has first: opening a
	 * cache would create it. */
	function listKept(section) {
		if (!section)
			return;
		var ul = section.querySelector('ul');
		Promise.all([KEPT].concat(BEFORE).map(function (name) {
			return caches.has(name).then(function (has) {
				return has ? caches.open(name).then(function (c) { return c.keys(); }) : [];
			});
		})).then(function (lists) {
			var seen = {};
			return Promise.all([].concat.apply([], lists).filter(function (k) {
				var p = new URL(k.url).pathname;
				var first = !seen[p];
				seen[p] = true;
				return first && p.slice(-1) === '/' && p.indexOf(SCOPE) === 0;
			}).map(function (k) {
				return kept(k).then(function (r) {
					return r.text();
				}).then(function (html) {
					var doc = new DOMParser().parseFromString(html, 'text/html');
					var h1 = doc.querySelector('h1');
					return {url: new URL(k.url).pathname, title: h1 ? h1.textContent.trim() : ''};
				});
			}));
		}).then(function (pages) {
			pages.forEach(function (p) {
				var li = document.createElement('li');
				var a = document.createElement('a');
				a.href = p.url;
				a.textContent = p.title || p.url;
				li.appendChild(a);
				ul.appendChild(li);
			});
			section.hidden = pages.length === 0;
		}).catch(function () {});
	}

	/* The copy of url (a page of this site) kept, under any of the
	 * names; caches.match with a cacheName never creates the cache. */
	function kept(url) {
		return [KEPT].concat(BEFORE).reduce(function (found, name) {
			return found.then(function (hit) {
				return hit || caches.match(url, {cacheName: name});
			});
		}, Promise.resolve(undefined));
	}

	/* The page and the pictures it shows, from this site. */
	function urls() {
		var list = [location.pathname];
		var imgs = document.querySelectorAll('main img');
		for (var i = 0; i < imgs.length; i++) {
			var u = new URL(imgs[i].currentSrc || imgs[i].src, location.href);
			if (u.origin === location.origin && list.indexOf(u.pathname) < 0)
				list.push(u.pathname);
		}
		return list;
	}
	function show(kept) {
		button.setAttribute('aria-pressed', kept ? 'true' : 'false');
	}
	kept(location.pathname).then(function (hit) {
		show(Boolean(hit));
		box.hidden = false;
	}, function () {});
	button.addEventListener('click', function () {
		if (busy)
			return;
		busy = true;
		var keep = button.getAttribute('aria-pressed') !== 'true';
		caches.open(KEPT).then(function (cache) {
			var list = urls();
			if (keep)
				return cache.addAll(list.map(function (u) {
					return new Request(u, {cache: 'reload'});
				}));
			return Promise.all(BEFORE.map(function (name) {
				return caches.has(name).then(function (has) {
					return has ? caches.open(name) : null;
				});
			})).then(function (before) {
				return Promise.all(list.map(function (u) {
					return cache.delete(u).then(function () {
						return Promise.all(before.map(function (b) {
							return b && b.delete(u);
						}));
					});
				}));
			});
		}).then(function () {
			show(keep);
			state.textContent = box.getAttribute(keep ? 'data-garde' : 'data-retire');
		}, function () {
			state.textContent = box.getAttribute('data-echec');
		}).then(function () {
			busy = false;
		});
	});
})();
