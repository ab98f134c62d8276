/* xmllib: owns the lazily opened libxml2: the library is dlopen()ed the first time a
 * GraphML, GEXF or SVG file is read or written, never otherwise, and its functions are
 * called through the table here. Linked in, libxml2 (with the ICU and libstdc++ it pulls)
 * cost every run of firmnet 2 MiB of RSS and its start-up time, for the few that use it. */
#ifndef FIRMNET_XMLLIB_H
#define FIRMNET_XMLLIB_H
#include <stddef.h>
/* the headers only for the types: no libxml2 symbol is linked (a direct call fails to link) */
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

/* The library's soname: the ABI the headers describe. */
#define XMLLIB_SONAME "libxml2.so.2"

/* Every function firmnet calls, by its libxml2 name without the "xml" prefix. */
#define XMLLIB_FUNCTIONS(X) \
    X(InitParser) X(CleanupParser) X(SetGenericErrorFunc) \
    X(OutputBufferCreateIO) X(OutputBufferClose) X(NewTextWriter) X(FreeTextWriter) \
    X(TextWriterSetIndent) X(TextWriterSetIndentString) \
    X(TextWriterStartDocument) X(TextWriterEndDocument) \
    X(TextWriterStartElement) X(TextWriterEndElement) X(TextWriterWriteElement) \
    X(TextWriterWriteAttribute) X(TextWriterWriteFormatAttribute) \
    X(TextWriterWriteString) X(TextWriterWriteFormatString) \
    X(ReaderForFile) X(FreeTextReader) X(TextReaderSetErrorHandler) X(TextReaderRead) \
    X(TextReaderNodeType) X(TextReaderDepth) X(TextReaderIsEmptyElement) \
    X(TextReaderConstLocalName) X(TextReaderGetAttribute) X(TextReaderReadString) \
    X(TextReaderGetParserLineNumber) X(TextReaderLocatorLineNumber)

/* Typed as the headers declare them (typeof names a function without linking it). */
struct xmllib {
/* name is pasted and declared, never an expression: no parentheses */
#define XMLLIB_MEMBER(name) __typeof__(&xml##name) name; /* NOLINT(bugprone-macro-parentheses) */
    XMLLIB_FUNCTIONS(XMLLIB_MEMBER)
#undef XMLLIB_MEMBER
    xmlFreeFunc *Free; /* the address of libxml2's variable xmlFree, not a function */
};

/* Filled by xmllib_open; use it only after xmllib_open returned 0. Never emptied:
 * the library stays mapped until the process ends. */
extern struct xmllib xmllib;

/* Opens libxml2 and resolves the table, once per process (thread-safe; later calls
 * return at once). Returns 0, or -1 with err (errlen bytes) saying that `what` (e.g.
 * "GraphML export") needs libxml2, which could not be loaded, and why.
 * FIRMNET_TEST_XMLLIB, a test hook, names another file to open instead. */
int xmllib_open(const char *what, char *err, size_t errlen);

/* xmlFree through the table: frees what libxml2 returned (xmlChar strings). */
void xmllib_free(void *p);

/* Frees libxml2's global state (xmlCleanupParser) when it was opened; nothing else.
 * No XML may be read or written after it. */
void xmllib_cleanup(void);

#endif
