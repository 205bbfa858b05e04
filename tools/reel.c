/* reel — the `reel` command: one binary, subcommands.
 *
 * This file holds main() and the table of subcommands; each subcommand lives
 * in a reel-cmd-*.c file and only parses arguments and calls libreel.
 * Subcommands that later work fills in (serve, worker, edit, render) are
 * listed already and say clearly that they are not available yet.
 */
#include "reel-commands.h"

#include <reel/reel.h>
#include <gst/gst.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const gchar *name;
  ReelCommandFunc func;
  const gchar *summary;
} Command;

static int cmd_pending (int argc, char **argv);

static const Command commands[] = {
  { "serve", cmd_pending,
      "Serve the REST API (and, with --workers, run jobs)" },
  { "worker", cmd_pending, "Claim jobs from the queue and run them" },
  { "analyze", reel_cmd_analyze, "Probe and analyse media files locally" },
  { "edit", cmd_pending,
      "Analyse, generate a timeline and render it, locally" },
  { "render", cmd_pending, "Render a timeline file locally" },
  { "plugins", reel_cmd_plugins, "List plugins and what they provide" },
  { "validate", reel_cmd_validate,
      "Check a timeline, job, media or analysis "
      "document" },
  { "launch", reel_cmd_launch,
      "Print or run a pipeline template "
      "(gst-launch syntax)" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage:\n  reel COMMAND [OPTION…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nOptions:\n"
                "  -h, --help     Show this help\n"
                "  --version      Show the version of reel\n\n"
                "Run 'reel COMMAND --help' for a command's options.\n");
}

static int
cmd_pending (int argc, char **argv)
{
  const gchar *name = argv[0];

  for (int i = 1; i < argc; i++) {
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h")) {
      for (guint c = 0; c < G_N_ELEMENTS (commands); c++) {
        if (g_str_equal (commands[c].name, name))
          g_print ("Usage:\n  reel %s\n\n%s.\n\nNot available yet in reel "
                   "%s.\n",
              name, commands[c].summary, REEL_VERSION_STRING);
      }
      return REEL_EXIT_OK;
    }
  }
  g_printerr ("reel %s: not available yet in reel %s; see 'reel --help' for "
              "the commands that are\n",
      name, REEL_VERSION_STRING);
  return REEL_EXIT_FAILED;
}

/**
 * reel_command_parse:
 *
 * The shared GOption set-up of every subcommand.
 */
gboolean
reel_command_parse (const gchar *name, const gchar *parameter,
    const gchar *summary, const GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *prgname = g_strdup_printf ("reel %s", name);

  g_set_prgname (prgname);
  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, argc, argv, &error)) {
    g_printerr ("reel %s: %s\nRun 'reel %s --help' for usage.\n", name,
        error->message, name);
    return FALSE;
  }
  return TRUE;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2) {
    print_usage (stderr);
    return REEL_EXIT_USAGE;
  }
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-v")) {
    g_print ("reel %s (plugin ABI %d.%d, %s)\n", reel_get_version_string (),
        REEL_PLUGIN_ABI_MAJOR, REEL_PLUGIN_ABI_MINOR, gst_version_string ());
    return REEL_EXIT_OK;
  }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help")) {
    print_usage (stdout);
    return REEL_EXIT_OK;
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++) {
    if (g_str_equal (argv[1], commands[i].name)) {
      int status;

      gst_init (NULL, NULL);
      status = commands[i].func (argc - 1, argv + 1);
      return status;
    }
  }
  g_printerr ("reel: unknown command '%s'\n\n", argv[1]);
  print_usage (stderr);
  return REEL_EXIT_USAGE;
}
