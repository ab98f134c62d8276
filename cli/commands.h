/* commands: owns the table of batch subcommands declared in commands.def. */
#ifndef FIRMNET_COMMANDS_H
#define FIRMNET_COMMANDS_H

#define X(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef X

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};
extern const struct command commands[];
extern const unsigned n_commands;

#endif
