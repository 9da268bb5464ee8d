#include "alttext.h"

#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "slug.h"

/* Words of a folded alt (slug_make) that name an image, not what it
 * shows: French and English, and the prefixes cameras and phones give
 * their files (IMG_0001, DSC_0042, PXL_20260523…). */
static bool
says_image(const char *w, size_t n)
{
	static const char *const words[] = {
	    "photo",   "photos",   "image",    "images",     "img",
	    "imag",    "dsc",      "dscn",     "dscf",       "pxl",
	    "pic",     "picture",  "pictures", "jpg",        "jpeg",
	    "png",     "webp",     "gif",      "heic",       "heif",
	    "tif",     "tiff",     "avif",     "svg",        "illustration",
	    "capture", "d",        "ecran",    "screenshot", "sans",
	    "titre",   "untitled", "alt",      "vignette",   "miniature",
	    "fichier", "file",     "numero",   "n",          "no"};
	bool digits = n > 0;
	for (size_t i = 0; i < n; i++)
		digits = digits && w[i] >= '0' && w[i] <= '9';
	if (digits)
		return true;
	/* a camera's or a phone's name run into its number: photo2,
	 * IMG2041, dsc0001 (outside tester 19 F12) */
	while (n > 1 && w[n - 1] >= '0' && w[n - 1] <= '9')
		n--;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
			return true;
	return false;
}

/* A file's name: ending in an image's extension ("lavoir.png", or
 * "Photo préau 2026 (1).jpg", the name a computer user gave it). */
static bool
file_name(const char *alt)
{
	static const char *const exts[] = {".jpg", ".jpeg", ".png",  ".webp",
	                                   ".gif", ".heic", ".heif", ".jfif",
	                                   ".tif", ".tiff", ".avif", ".svg"};
	alt += strspn(alt, " \t");
	size_t n = strlen(alt);
	while (n > 0 && (alt[n - 1] == ' ' || alt[n - 1] == '\t'))
		n--;
	if (n == 0)
		return false;
	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
		size_t k = strlen(exts[i]);
		if (n > k && strncasecmp(alt + n - k, exts[i], k) == 0)
			return true;
	}
	return false;
}

/* alt, trimmed, folded (case and accents: slug_fold) into out. */
static void
fold_trimmed(const char *s, size_t n, buf *out)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	slug_fold_n(s, n, out);
}

/*
 * "vacances" as the alt of vacances.jpg: the file's own name, which the
 * camera-word test cannot know (outside tester 19 F12).  Compared with
 * its extension and without, case and accents aside; "Enfants plantant
 * la haie" for enfants-plantant-la-haie.jpg is a description, and
 * differs by its spaces.
 */
static bool
own_name(const char *alt, const char *file)
{
	const char *base = strrchr(file, '/');
	base = base != NULL ? base + 1 : file;
	const char *dot = strrchr(base, '.');
	buf a = BUF_INIT, f = BUF_INIT, g = BUF_INIT;
	fold_trimmed(alt, strlen(alt), &a);
	slug_fold(base, &f);
	slug_fold_n(base, dot != NULL ? (size_t)(dot - base) : strlen(base),
	            &g);
	bool same = a.len > 0 && (strcmp(buf_cstr(&a), buf_cstr(&f)) == 0 ||
	                          strcmp(buf_cstr(&a), buf_cstr(&g)) == 0);
	buf_free(&a);
	buf_free(&f);
	buf_free(&g);
	return same;
}

/*
 * The words Word and PowerPoint (Microsoft 365) write by themselves as a
 * pasted picture's description, « Une image contenant extérieur, ciel…
 * Description générée automatiquement »: screen-reader users know them
 * as noise (RGAA 1.3; outside tester 26 F16).  s: the alt folded.
 */
static bool
generated(const char *s)
{
	return strstr(s, "description generee automatiquement") != NULL ||
	       strstr(s, "description automatically generated") != NULL;
}

bool
alttext_says_nothing(const char *alt, const char *file)
{
	if (alt != NULL &&
	    (file_name(alt) || (file != NULL && own_name(alt, file))))
		return true;
	if (alt != NULL) {
		buf f = BUF_INIT;
		slug_fold(alt, &f);
		bool g = generated(buf_cstr(&f));
		buf_free(&f);
		if (g)
			return true;
	}
	arena *a = arena_new();
	const char *s = slug_make(a, alt != NULL ? alt : "");
	bool nothing = true;
	for (const char *w = s; nothing && *w != '\0';) {
		size_t n = strcspn(w, "-");
		nothing = says_image(w, n);
		w += n + (w[n] == '-');
	}
	arena_free(a);
	return nothing;
}

bool
alttext_names_file(const char *alt, const char *file)
{
	return alt != NULL && file != NULL &&
	       alt[strcspn(alt, "0123456789_(")] != '\0' && own_name(alt, file);
}
