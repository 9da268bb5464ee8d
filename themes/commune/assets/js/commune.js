/* The menu: a <details> that works without JavaScript (collapsed behind
 * "Menu" on a phone); on a wide screen it is opened, and its summary is
 * hidden by the stylesheet. */
(function () {
	'use strict';
	var d = document.querySelector('.menu-details');
	if (!d || !window.matchMedia)
		return;
	var wide = window.matchMedia('(min-width: 44rem)');
	var sync = function () { d.open = wide.matches; };
	sync();
	if (wide.addEventListener)
		wide.addEventListener('change', sync);
})();
/* Theme "commune": the only script, and only an enhancement.  Without it
 * every photo of a recap is a link to the full image; with it the photo
 * opens in a native <dialog> (Escape or the button closes it, focus goes
 * back to the thumbnail).  The dialog shows the size that fits the
 * screen: the thumbnail's own srcset (every width the photo pipeline
 * wrote, WebP and JPEG) with sizes set to the room the dialog gives, so
 * a 320 px phone loads the 480 px file, not the 1600 px one.  Offline,
 * a size never fetched is in no cache (the service worker's precache
 * budget keeps the large photos out): the largest size of the photo the
 * worker's caches hold (one opened earlier, online, on a narrower
 * window) takes its place; when none is larger than the thumbnail, the
 * thumbnail already shown, with a short message, rather than a broken
 * image. */
(function () {
	'use strict';
	var article = document.querySelector('.retour');
	if (!article || typeof HTMLDialogElement !== 'function')
		return;
	var links = article.querySelectorAll('a.photo');
	if (links.length === 0)
		return;
	var dlg = document.createElement('dialog');
	dlg.className = 'visionneuse';
	dlg.setAttribute('aria-label', article.getAttribute('data-photo') || 'Photo');
	var form = document.createElement('form');
	form.method = 'dialog';
	var close = document.createElement('button');
	close.type = 'submit';
	close.className = 'fermer';
	close.textContent = article.getAttribute('data-fermer') || 'Fermer';
	form.appendChild(close);
	var fig = document.createElement('figure');
	var pic = document.createElement('picture');
	var source = document.createElement('source');
	source.type = 'image/webp';
	var img = document.createElement('img');
	var note = document.createElement('p');
	note.className = 'visionneuse-note';
	note.setAttribute('role', 'status');
	var cap = document.createElement('figcaption');
	pic.appendChild(source);
	pic.appendChild(img);
	fig.appendChild(pic);
	fig.appendChild(note);
	fig.appendChild(cap);
	dlg.appendChild(form);
	dlg.appendChild(fig);
	article.appendChild(dlg);
	var opener = null;
	var thumb = null;
	/* Where the viewer is when a load fails: step 0 the srcset, 1 the
	 * largest size cached (looking while the caches are asked), 2 the
	 * thumbnail, 3 the message alone.  shown is the URL set after the
	 * srcset: an error of an earlier load (a srcset's candidate may
	 * fail more than once) is not taken for its.  opened counts the
	 * photos opened, so the caches' answer for a photo since closed is
	 * dropped. */
	var step = 0, shown = null, looking = false, opened = 0;

	/* The width the image gets in the dialog, in CSS pixels (the
	 * stylesheet's .visionneuse: at most 96vw or 70rem less the figure's
	 * padding, and 80vh high); the browser multiplies by the screen's
	 * pixel ratio to pick from the srcset. */
	function room(t) {
		var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
		var w = Math.min(window.innerWidth * 0.96, 70 * rem) - 2 * rem;
		var tw = t && t.getAttribute('width'), th = t && t.getAttribute('height');
		if (tw > 0 && th > 0)
			w = Math.min(w, window.innerHeight * 0.8 * tw / th);
		return Math.max(Math.round(w), 100) + 'px';
	}
	/* A panorama (wider than 2:1; the pipeline makes its largest size
	 * as many pixels as a 1600 x 1200 photo, 3394 x 566 for a 6:1 one)
	 * drawn at the dialog's width would be a strip too thin to read: it
	 * is drawn up to 70 % of the window's height (never taller than its
	 * largest size), and its <picture> scrolls sideways, reached with
	 * Tab and scrolled with the arrow keys.  Returns the sizes to ask
	 * for, or null for any other photo. */
	function panorama(t) {
		var tw = t && t.getAttribute('width'), th = t && t.getAttribute('height');
		var wide = tw > 0 && th > 0 && tw / th > 2;
		dlg.classList.toggle('panorama', wide);
		if (!wide) {
			img.style.width = img.style.height = '';
			pic.removeAttribute('tabindex');
			return null;
		}
		var h = Math.round(Math.min(window.innerHeight * 0.7, th));
		var w = Math.round(h * tw / th);
		img.style.width = w + 'px';
		img.style.height = h + 'px';
		pic.tabIndex = 0;
		return w + 'px';
	}
	function sources(t, sizes) {
		var s = t && t.parentNode.querySelector('source[type="image/webp"]');
		source.srcset = s ? s.getAttribute('srcset') : '';
		img.srcset = t ? t.getAttribute('srcset') || '' : '';
		source.sizes = img.sizes = sizes;
	}
	/* Every size of the photo in the format the page's thumbnail came in
	 * (the WebP <source>'s srcset if the browser took it, else the
	 * img's), as {url, w}; least, the smallest width (the thumbnail the
	 * precache holds); own, the width of the file the page shows (which
	 * Chromium may take larger than needed when it has it in memory). */
	function widths(t) {
		var current = new URL(t.currentSrc || t.src, location.href).href;
		var s = t.parentNode.querySelector('source[type="image/webp"]');
		var lists = [s ? s.getAttribute('srcset') : '', t.getAttribute('srcset')];
		for (var i = 0; i < lists.length; i++) {
			var all = (lists[i] || '').split(',').map(function (c) {
				var p = c.trim().split(/\s+/);
				return {url: new URL(p[0], location.href).href, w: parseInt(p[1], 10) || 0};
			}).filter(function (c) { return c.w > 0; });
			var own = all.filter(function (c) { return c.url === current; });
			if (own.length > 0)
				return {all: all, own: own[0].w, least: Math.min.apply(null,
					all.map(function (c) { return c.w; }))};
		}
		return {all: [], own: 0, least: 0};
	}
	/* The largest size of t wider than its thumbnail in one of the
	 * service worker's caches (every cache of this origin: the precache,
	 * the pages and files visited, those kept), or null. */
	function largestCached(t) {
		var s = widths(t);
		var wider = s.all.filter(function (c) { return c.w > s.least; })
			.sort(function (a, b) { return b.w - a.w; });
		if (!window.caches || wider.length === 0)
			return Promise.resolve(null);
		return Promise.all(wider.map(function (c) {
			return caches.match(c.url).then(function (r) { return r ? c : null; },
				function () { return null; });
		})).then(function (hits) {
			return hits.filter(Boolean)[0] || null;
		});
	}
	/* Shows url alone (so the browser asks for nothing else), drawn at
	 * its own width w when known: a srcset of that one file, sized w,
	 * since Chromium would otherwise keep the failed candidate's density
	 * and draw a 960 px file 640 px wide. */
	function only(url, w) {
		shown = new URL(url, location.href).href;
		source.removeAttribute('srcset');
		if (w > 0) {
			img.srcset = shown + ' ' + w + 'w';
			img.sizes = w + 'px';
		} else {
			img.removeAttribute('srcset');
		}
		img.src = shown;
	}
	/* The size asked failed (offline, not cached): the largest size
	 * cached, then the thumbnail as shown on the page with a message,
	 * then the message alone. */
	function failed() {
		var small = thumb && (thumb.currentSrc || thumb.src);
		if (step === 0 && thumb) {
			step = 1;
			looking = true;
			var mine = opened;
			largestCached(thumb).then(function (c) {
				if (mine !== opened || !dlg.open)
					return;
				looking = false;
				if (c)
					only(c.url, c.w);
				else
					failed();
			});
			return;
		}
		if (step < 2 && small) {
			step = 2;
			note.textContent = article.getAttribute('data-hors-ligne') ||
				'Photo en grand indisponible sans connexion : voici la miniature.';
			only(small, widths(thumb).own);
			return;
		}
		step = 3;
		note.textContent = article.getAttribute('data-indisponible') ||
			'Photo indisponible sans connexion.';
		img.hidden = true;
	}
	img.addEventListener('error', function () {
		if (dlg.open && !looking && (shown === null || img.currentSrc === shown))
			failed();
	});
	function open(a, ev) {
		if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || ev.button !== 0)
			return;
		ev.preventDefault();
		thumb = a.querySelector('img');
		var caption = a.parentNode.querySelector('figcaption');
		img.hidden = false;
		step = 0;
		shown = null;
		looking = false;
		opened++;
		note.textContent = '';
		sources(thumb, panorama(thumb) || room(thumb));
		img.src = a.href;
		img.alt = thumb ? thumb.alt : '';
		cap.textContent = caption ? caption.textContent : '';
		opener = a;
		dlg.showModal();
		pic.scrollLeft = 0;
		close.focus();
	}
	for (var i = 0; i < links.length; i++)
		links[i].addEventListener('click', open.bind(null, links[i]));
	dlg.addEventListener('close', function () {
		opened++;
		source.removeAttribute('srcset');
		img.removeAttribute('srcset');
		img.removeAttribute('src');
		if (opener)
			opener.focus();
	});
	dlg.addEventListener('click', function (ev) {
		if (ev.target === dlg)
			dlg.close();
	});
})();
