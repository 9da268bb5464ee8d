/*
 * stagetime.h - what --verbose says of each stage of a build: how long
 * it took, the CPU time it used and that time's share of the wall time
 * (200 %: both cores of a two-core machine busy), and the peak memory so
 * far.  Where a slow or large build spends, and whether every core works.
 *
 * A stage that runs beside others (an output on its own thread) counts
 * the CPU of its thread only, so that the lines of stages run at once do
 * not each count all of them.
 */
#ifndef FABRIQUE_STAGETIME_H
#define FABRIQUE_STAGETIME_H

#include <stdbool.h>

typedef struct stagetime {
	double wall, cpu; /* when the stage started */
	bool thread;      /* cpu: the calling thread's, not the process's */
} stagetime;

/* Starts timing a stage; thread: count the calling thread's CPU only. */
stagetime stagetime_start(bool thread);

/* Prints "fabrique: WHAT  wall  CPU  %  peak" on stderr for the time
 * since *t, then starts *t again (the next stage begins). */
void stagetime_report(stagetime *t, const char *what);

/* Prints the same line for a stage done in parts on several threads:
 * the wall time since *t, and cpu, the parts' CPU added up. */
void stagetime_report_total(const stagetime *t, double cpu, const char *what);

/* Starts *t again without printing: a stage --verbose does not show. */
void stagetime_restart(stagetime *t);

#endif
