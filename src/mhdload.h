/*
 * mhdload.h - libmicrohttpd, loaded when `fabrique serve` starts.
 *
 * Only serve runs a web server, yet linking libmicrohttpd loaded it and
 * the GnuTLS chain it needs (nine more libraries, and GnuTLS's start-up
 * code) into every command: ~4 ms of CPU for each build, check or hook
 * run, a twentieth of a build with nothing to do.  The library is opened
 * with dlopen() by its soname (MHDLOAD_SONAME, which the Makefile takes
 * from the library fabrique is compiled against) the first time serve
 * asks for it, and the functions serve.c calls are looked up once.
 * Process-wide and set once (pthread_once); never unloaded.
 */
#ifndef FABRIQUE_MHDLOAD_H
#define FABRIQUE_MHDLOAD_H

#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

typedef struct mhdload_api {
	struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
	                                   MHD_AcceptPolicyCallback apc,
	                                   void *apc_cls,
	                                   MHD_AccessHandlerCallback dh,
	                                   void *dh_cls, ...);
	void (*stop_daemon)(struct MHD_Daemon *daemon);
	struct MHD_Response *(*create_response_from_buffer)(
	    size_t size, void *buffer, enum MHD_ResponseMemoryMode mode);
	struct MHD_Response *(*create_response_from_callback)(
	    uint64_t size, size_t block_size, MHD_ContentReaderCallback crc,
	    void *crc_cls, MHD_ContentReaderFreeCallback crfc);
	enum MHD_Result (*add_response_header)(struct MHD_Response *r,
	                                       const char *header,
	                                       const char *content);
	enum MHD_Result (*queue_response)(struct MHD_Connection *c,
	                                  unsigned int status_code,
	                                  struct MHD_Response *r);
	void (*destroy_response)(struct MHD_Response *r);
	const char *(*lookup_connection_value)(struct MHD_Connection *c,
	                                       enum MHD_ValueKind kind,
	                                       const char *key);
} mhdload_api;

/*
 * The library's functions, or NULL when it cannot be loaded; then *why
 * (never NULL) says what failed, naming the library (dlerror()'s words).
 */
const mhdload_api *mhdload_get(const char **why);

#endif
