#include "progress.h"

void progress_init(struct progress *p)
{
    atomic_init(&p->done, 0);
    atomic_init(&p->total, 0);
    atomic_init(&p->cancel, 0);
}

void progress_add_total(struct progress *p, uint64_t units)
{
    if (p)
        atomic_fetch_add_explicit(&p->total, units, memory_order_relaxed);
}

int progress_step(struct progress *p, uint64_t units)
{
    if (!p)
        return 0;
    atomic_fetch_add_explicit(&p->done, units, memory_order_relaxed);
    return atomic_load_explicit(&p->cancel, memory_order_relaxed);
}

int progress_tick(struct progress *p, uint64_t *pending, uint64_t units)
{
    *pending += units;
    if (!p || *pending < PROGRESS_EVERY)
        return 0;
    uint64_t k = *pending;
    *pending = 0;
    return progress_step(p, k);
}

void progress_set_done(struct progress *p, uint64_t done)
{
    if (p)
        atomic_store_explicit(&p->done, done, memory_order_relaxed);
}

int progress_cancelled(const struct progress *p)
{
    return p && atomic_load_explicit(&p->cancel, memory_order_relaxed);
}

void progress_cancel(struct progress *p)
{
    atomic_store_explicit(&p->cancel, 1, memory_order_relaxed);
}

unsigned progress_percent(const struct progress *p)
{
    uint64_t t = atomic_load_explicit(&p->total, memory_order_relaxed);
    uint64_t d = atomic_load_explicit(&p->done, memory_order_relaxed);
    if (!t)
        return 0;
    if (d >= t)
        return 100;
    return (unsigned)(d * 100 / t);
}
