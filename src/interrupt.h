/*
 * interrupt.h - Ctrl-C (SIGINT) and SIGTERM during a long command.
 *
 * Why: killed by the signal's default action, a build of a large site
 * leaves its temporary output folder behind (the next build sweeps it,
 * but until then it takes the disk's space), and fabrique serve could
 * only notice Ctrl-C between two builds.  Instead the signals are taken
 * by one thread (sigwait()), which raises a flag: the build polls it at
 * each page and photo and between its stages, stops within one page,
 * removes its temporary folder and exits with 128 + the signal (130 for
 * Ctrl-C); serve polls interrupt_fd().  A second signal ends the process
 * at once (what the first left is swept by the next build).
 *
 * No global state: the interrupt is made by main() and passed down.
 */
#ifndef FABRIQUE_INTERRUPT_H
#define FABRIQUE_INTERRUPT_H

#include <stdbool.h>

typedef struct interrupt interrupt;

/* Blocks SIGINT and SIGTERM in the calling thread, and so in every
 * thread it makes later, and starts the thread that takes them: call it
 * before any other thread exists.  NULL if that failed (the signals then
 * keep their default action). */
interrupt *interrupt_start(void);
void interrupt_stop(interrupt *it);

/* Whether a signal came; it may be NULL (never).  Any thread. */
bool interrupt_requested(const interrupt *it);

/* 128 + the signal that came (130 for SIGINT), or 0. */
int interrupt_status(const interrupt *it);

/* A descriptor that becomes readable (POLLIN) when a signal came, for
 * poll(); -1 when it is NULL. */
int interrupt_fd(const interrupt *it);

#endif
