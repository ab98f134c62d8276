/* progress: owns the small record a long analysis shares with the thread that asked
 * for it: how far the analysis is (done of total units) and whether it should stop.
 * One thread runs the analysis and counts; any thread reads the counts and may set
 * the cancel flag. Lock-free (C11 atomics); a NULL record means "no one is asking". */
#ifndef FIRMNET_PROGRESS_H
#define FIRMNET_PROGRESS_H
#include <stdatomic.h>
#include <stdint.h>

struct progress {
    _Atomic uint64_t done;  /* units finished, at most total */
    _Atomic uint64_t total; /* units of the whole job; 0 until the analysis knows */
    atomic_int cancel;      /* set by progress_cancel: stop at the next check */
};

/* Units between two checks in an inner loop: a check costs an atomic load, so loops
 * ask every PROGRESS_EVERY items, well under a millisecond of work at any size. */
#define PROGRESS_EVERY 4096u

void progress_init(struct progress *p);
/* Adds to the total (a job made of parts each adds its own). NULL-safe. */
void progress_add_total(struct progress *p, uint64_t units);
/* Counts units done; returns nonzero when the job is to stop. NULL-safe (0). */
int progress_step(struct progress *p, uint64_t units);
/* For inner loops: adds units to *pending and steps them once they reach
 * PROGRESS_EVERY; returns nonzero when the job is to stop. Finish with
 * progress_step(p, *pending). NULL-safe (0). */
int progress_tick(struct progress *p, uint64_t *pending, uint64_t units);
/* Sets the units done (a job made of stages moves to the planned end of each one,
 * whatever its inner counting came to). NULL-safe. */
void progress_set_done(struct progress *p, uint64_t done);
/* Whether the job is to stop. NULL-safe (0). */
int progress_cancelled(const struct progress *p);
void progress_cancel(struct progress *p);
/* 0..100 from done and total; 0 while the total is unknown. */
unsigned progress_percent(const struct progress *p);

#endif
