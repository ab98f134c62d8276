/* confguess: owns guessing a firmnet.conf for a dataset directory from its files:
 * the encoding, the delimiter, the header of each column, a line for each type word
 * the format does not know, and the places a scale could be taken from. */
#ifndef FIRMNET_CONFGUESS_H
#define FIRMNET_CONFGUESS_H
#include <stddef.h>

/* The text of a firmnet.conf for dir (owned by the caller, UTF-8, each guess a line
 * and every doubt a # comment), reading the files as encoding and delimiter say when
 * given (NULL, 0: guessed). NULL when firms.csv cannot be read, with why filled. */
char *confguess_dataset(const char *dir, const char *encoding, char delimiter, char *why, size_t whysize);

#endif
