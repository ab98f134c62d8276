#include "xmllib.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xmllib xmllib;

static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static int opened; /* under open_lock: xmllib is filled */

/* Resolves every name into t; returns NULL, or the first name missing. */
static const char *resolve(void *h, struct xmllib *t)
{
    /* POSIX guarantees that dlsym's result converts to a function pointer */
#define XMLLIB_RESOLVE(name) \
    t->name = (__typeof__(t->name))dlsym(h, "xml" #name); \
    if (!t->name) \
        return "xml" #name;
    XMLLIB_FUNCTIONS(XMLLIB_RESOLVE)
#undef XMLLIB_RESOLVE
    t->Free = (xmlFreeFunc *)dlsym(h, "xmlFree");
    if (!t->Free || !*t->Free)
        return "xmlFree";
    return NULL;
}

int xmllib_open(const char *what, char *err, size_t errlen)
{
    pthread_mutex_lock(&open_lock);
    int rc = 0;
    if (!opened) {
        const char *name = getenv("FIRMNET_TEST_XMLLIB");
        if (!name || !*name)
            name = XMLLIB_SONAME;
        void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char *why = dlerror();
            snprintf(err, errlen, "%s needs libxml2, which cannot be loaded: %s (on Debian: apt-get install libxml2)",
                     what, why ? why : name);
            rc = -1;
        } else {
            struct xmllib t;
            const char *missing = resolve(h, &t);
            if (missing) {
                snprintf(err, errlen, "%s needs libxml2, and %s has no %s: not the libxml2 firmnet was built for",
                         what, name, missing);
                dlclose(h);
                rc = -1;
            } else {
                xmllib = t;
                opened = 1; /* h stays open: the table points into it */
            }
        }
    }
    pthread_mutex_unlock(&open_lock);
    return rc;
}

void xmllib_free(void *p)
{
    (*xmllib.Free)(p);
}

void xmllib_cleanup(void)
{
    pthread_mutex_lock(&open_lock);
    if (opened)
        xmllib.CleanupParser();
    pthread_mutex_unlock(&open_lock);
}
