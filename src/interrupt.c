/*
 * interrupt.c - see interrupt.h.  The flag is atomic; the descriptor is
 * the read end of a pipe the signal thread writes one byte into.
 */
#define _GNU_SOURCE /* pipe2 */
#include "interrupt.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

struct interrupt {
	pthread_t thread;
	sigset_t set;
	int pipe[2];
	atomic_int sig;       /* 0 until a signal came */
	atomic_bool stopping; /* interrupt_stop(): the next signal is its */
};

static void *
taker(void *arg)
{
	interrupt *it = arg;
	for (;;) {
		int sig = 0;
		if (sigwait(&it->set, &sig) != 0)
			continue;
		if (atomic_load(&it->stopping))
			return NULL;
		int none = 0;
		if (!atomic_compare_exchange_strong(&it->sig, &none, sig))
			_exit(128 + atomic_load(&it->sig)); /* the second */
		ssize_t n = write(it->pipe[1], "!", 1);
		(void)n; /* a full pipe is readable already */
	}
	return NULL;
}

interrupt *
interrupt_start(void)
{
	interrupt *it = xcalloc(1, sizeof(*it));
	atomic_init(&it->sig, 0);
	atomic_init(&it->stopping, false);
	sigemptyset(&it->set);
	sigaddset(&it->set, SIGINT);
	sigaddset(&it->set, SIGTERM);
	if (pipe2(it->pipe, O_CLOEXEC) != 0) {
		free(it);
		return NULL;
	}
	sigset_t old;
	pthread_sigmask(SIG_BLOCK, &it->set, &old);
	if (pthread_create(&it->thread, NULL, taker, it) != 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		close(it->pipe[0]);
		close(it->pipe[1]);
		free(it);
		return NULL;
	}
	return it;
}

/* The signals stay blocked: one arriving now would find no taker and
 * wait, harmlessly, for the process to end. */
void
interrupt_stop(interrupt *it)
{
	if (it == NULL)
		return;
	/* a signal sent to that thread only: pthread_cancel() would load
	 * libgcc_s to unwind, which leak checkers then report */
	atomic_store(&it->stopping, true);
	pthread_kill(it->thread, SIGTERM);
	pthread_join(it->thread, NULL);
	close(it->pipe[0]);
	close(it->pipe[1]);
	free(it);
}

bool
interrupt_requested(const interrupt *it)
{
	return it != NULL && atomic_load(&it->sig) != 0;
}

int
interrupt_status(const interrupt *it)
{
	int sig = it != NULL ? atomic_load(&it->sig) : 0;
	return sig != 0 ? 128 + sig : 0;
}

int
interrupt_fd(const interrupt *it)
{
	return it != NULL ? it->pipe[0] : -1;
}
