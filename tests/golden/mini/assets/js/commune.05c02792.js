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
 * back to the thumbnail). */
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
	var img = document.createElement('img');
	var cap = document.createElement('figcaption');
	fig.appendChild(img);
	fig.appendChild(cap);
	dlg.appendChild(form);
	dlg.appendChild(fig);
	article.appendChild(dlg);
	var opener = null;
	function open(a, ev) {
		if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || ev.button !== 0)
			return;
		ev.preventDefault();
		var thumb = a.querySelector('img');
		var caption = a.parentNode.querySelector('figcaption');
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
		img.removeAttribute('src');
		if (opener)
			opener.focus();
	});
	dlg.addEventListener('click', function (ev) {
		if (ev.target === dlg)
			dlg.close();
	});
})();
