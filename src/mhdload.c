/*
 * mhdload.c - see mhdload.h.
 */
#include "mhdload.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#ifndef MHDLOAD_SONAME
#define MHDLOAD_SONAME "libmicrohttpd.so.12"
#endif

static struct {
	pthread_once_t once;
	mhdload_api api;
	const mhdload_api *ok; /* &api once every function was found */
	char why[512];
} lib = {PTHREAD_ONCE_INIT, {0}, NULL, ""};

/* One function of the library into *slot; false (and why) if missing.
 * A data pointer turned into a function pointer, as POSIX's dlsym()
 * requires of every platform it runs on. */
static int
find(void *h, const char *name, void *slot)
{
	void *f = dlsym(h, name);
	if (f == NULL) {
		snprintf(lib.why, sizeof(lib.why), "%s: %s not found",
		         MHDLOAD_SONAME, name);
		return -1;
	}
	*(void **)slot = f;
	return 0;
}

static void
load(void)
{
	void *h = dlopen(MHDLOAD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();
		snprintf(lib.why, sizeof(lib.why), "%s",
		         e != NULL ? e : MHDLOAD_SONAME);
		return;
	}
	mhdload_api *a = &lib.api;
	if (find(h, "MHD_start_daemon", &a->start_daemon) == 0 &&
	    find(h, "MHD_stop_daemon", &a->stop_daemon) == 0 &&
	    find(h, "MHD_create_response_from_buffer",
	         &a->create_response_from_buffer) == 0 &&
	    find(h, "MHD_create_response_from_callback",
	         &a->create_response_from_callback) == 0 &&
	    find(h, "MHD_add_response_header", &a->add_response_header) == 0 &&
	    find(h, "MHD_queue_response", &a->queue_response) == 0 &&
	    find(h, "MHD_destroy_response", &a->destroy_response) == 0 &&
	    find(h, "MHD_lookup_connection_value",
	         &a->lookup_connection_value) == 0)
		lib.ok = a;
}

const mhdload_api *
mhdload_get(const char **why)
{
	pthread_once(&lib.once, load);
	*why = lib.why;
	return lib.ok;
}
