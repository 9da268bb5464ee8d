/* Registers the service worker (/sw.js, generated at build time) that
 * keeps the pages visited and the search usable offline. */
(function () {
	'use strict';
	if ('serviceWorker' in navigator && window.isSecureContext)
		navigator.serviceWorker.register('/sw.js').catch(function () {});
})();
