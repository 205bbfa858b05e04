/* reel — the subcommands of the `reel` command, one function each. Each
 * parses its own options with GOption (so `reel CMD --help` works), calls
 * libreel, and returns the process exit status: 0 on success, 1 when the work
 * failed (invalid input, a failed pipeline), 2 for a usage error. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define REEL_EXIT_OK 0
#define REEL_EXIT_FAILED 1
#define REEL_EXIT_USAGE 2

typedef int (*ReelCommandFunc) (int argc, char **argv);

int reel_cmd_plugins (int argc, char **argv);
int reel_cmd_validate (int argc, char **argv);
int reel_cmd_launch (int argc, char **argv);
int reel_cmd_analyze (int argc, char **argv);

/* Parses @argv against @entries for `reel @name`; on a usage error prints it
 * with the hint to use --help and returns FALSE. */
gboolean reel_command_parse (const gchar *name, const gchar *parameter,
    const gchar *summary, const GOptionEntry *entries, int *argc, char ***argv);

G_END_DECLS
