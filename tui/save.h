/* save: owns the explorer's export key: reading the target typed at the prompt (a
 * format and a path) and writing the Firms view's firms through core/export. */
#ifndef FIRMNET_SAVE_H
#define FIRMNET_SAVE_H
#include <stddef.h>
#include "app.h"
#include "export.h"

/* Reads "PATH" (the format from the extension: .graphml .gexf .net .dot .json, none
 * or a trailing '/' = a dataset directory) or "FORMAT PATH" (a name export_parse_format
 * knows, then the path). A leading "~/" is the home directory. Returns 0 with *f and
 * *path (owned by the caller), or -1 with err saying what is wrong. */
int save_parse_target(const char *text, enum export_format *f, char **path, char *err, size_t errsz);
/* The hint the export prompt shows while text is typed: what would be written. */
void save_describe_target(const char *text, char *note, size_t notesz);
/* Exports the firms the Firms view shows (all of them without a filter) within the
 * current layer, with the layer's linkages among them, to the target in text. Returns
 * -1 with err filled when text does not name a target (the prompt stays open); 1
 * with the path in err when the target is a file that exists and overwrite is not
 * set (nothing written: the caller asks); 0 otherwise: the app's message then says
 * what was written or why nothing was. */
int save_run(struct app *a, const char *text, int overwrite, char *err, size_t errsz);

#endif
