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
 * budget keeps the large photos out): the thumbnail already shown takes
 * its place, with a short message, rather than a broken image. */
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
	function sources(t, sizes) {
		var s = t && t.parentNode.querySelector('source[type="image/webp"]');
		source.srcset = s ? s.getAttribute('srcset') : '';
		img.srcset = t ? t.getAttribute('srcset') || '' : '';
		source.sizes = img.sizes = sizes;
	}
	/* The large size failed (offline, not cached): the thumbnail as shown
	 * on the page, from the cache or memory, then a message alone. */
	function failed() {
		var small = thumb && (thumb.currentSrc || thumb.src);
		if (small && img.getAttribute('data-repli') === null) {
			img.setAttribute('data-repli', '');
			note.textContent = article.getAttribute('data-hors-ligne') ||
				'Photo en grand indisponible sans connexion : voici la miniature.';
			source.removeAttribute('srcset');
			img.removeAttribute('srcset');
			img.src = small;
			return;
		}
		note.textContent = article.getAttribute('data-indisponible') ||
			'Photo indisponible sans connexion.';
		img.hidden = true;
	}
	img.addEventListener('error', function () {
		if (dlg.open)
			failed();
	});
	function open(a, ev) {
		if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || ev.button !== 0)
			return;
		ev.preventDefault();
		thumb = a.querySelector('img');
		var caption = a.parentNode.querySelector('figcaption');
		img.hidden = false;
		img.removeAttribute('data-repli');
		note.textContent = '';
		sources(thumb, room(thumb));
		img.src = a.href;
		img.alt = thumb ? thumb.alt : '';
		cap.textContent = caption ? caption.textContent : '';
		opener = a;
		dlg.showModal();
		close.focus();
	}
	for (var i = 0; i < links.length; i++)
		links[i].addEventListener('click', open.bind(null, links[i]));
	dlg.addEventListener('close', function () {
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
