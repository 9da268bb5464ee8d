#include "stagetime.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

static double
seconds(clockid_t clock)
{
	struct timespec ts;
	if (clock_gettime(clock, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CLOCK_PROCESS_CPUTIME_ID counts every thread, user and system time:
 * what getrusage() gives, without its microsecond rounding. */
static double
cpu_now(bool thread)
{
	return seconds(thread ? CLOCK_THREAD_CPUTIME_ID
	                      : CLOCK_PROCESS_CPUTIME_ID);
}

stagetime
stagetime_start(bool thread)
{
	return (stagetime){seconds(CLOCK_MONOTONIC), cpu_now(thread), thread};
}

void
stagetime_restart(stagetime *t)
{
	*t = stagetime_start(t->thread);
}

static void
print(const char *what, double wall, double cpu)
{
	struct rusage ru;
	double peak = getrusage(RUSAGE_SELF, &ru) == 0
	                  ? (double)ru.ru_maxrss / 1024.0
	                  : 0.0;
	fprintf(stderr,
	        "fabrique: %-28s %6.3f s  CPU %6.3f s %4.0f %%  peak %6.1f "
	        "MiB\n",
	        what, wall, cpu, wall > 0 ? 100.0 * cpu / wall : 0.0, peak);
}

void
stagetime_report(stagetime *t, const char *what)
{
	stagetime now = stagetime_start(t->thread);
	print(what, now.wall - t->wall, now.cpu - t->cpu);
	*t = now;
}

void
stagetime_report_total(const stagetime *t, double cpu, const char *what)
{
	print(what, stagetime_start(false).wall - t->wall, cpu);
}
