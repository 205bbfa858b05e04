/* reel — `reel analyze FILE…`: probes and analyses media files here, with no
 * server, through libreel's one-pass runner (core/media/reel-analyse.h),
 * and prints their ANALYSIS documents as JSON.
 *
 * Progress goes to stderr: a bar per file and overall, with an estimate of
 * the time left, when stderr is a terminal; plain `progress 0.42 FILE`
 * lines otherwise, for logs and scripts. Results are cached by content
 * hash, so a file analysed once comes back at once (`cached FILE` on
 * stderr). `--print-pipeline` prints the gst-launch-1.0 command of the
 * whole graph instead of running it.
 */
#include "reel-commands.h"
#include "reel-analyse.h"
#include "reel-json.h"
#include "reel-analysis-cache.h"
#include "reel-paths.h"

#include <gst/gst.h>
#include <glib-unix.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BAR_WIDTH 24

typedef struct {
  gboolean tty;
  gboolean quiet;
  guint index; /* the file being analysed, from 0 */
  guint count;
  const gchar *file;
  gint64 started; /* monotonic µs, the whole command */
  gdouble last;
} Progress;

static void
format_eta (gchar *buf, gsize size, gdouble secs)
{
  gint s = (gint) (secs + 0.5);

  if (secs < 0 || !isfinite (secs))
    g_strlcpy (buf, "--:--", size);
  else if (s >= 3600)
    g_snprintf (buf, size, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  else
    g_snprintf (buf, size, "%d:%02d", s / 60, s % 60);
}

static void
on_progress (gdouble fraction, gpointer user_data)
{
  Progress *p = user_data;
  gdouble overall = (p->index + fraction) / p->count;
  gdouble elapsed =
      (g_get_monotonic_time () - p->started) / (gdouble) G_USEC_PER_SEC;
  gchar eta[32];
  gchar bar[BAR_WIDTH + 1];
  guint filled = (guint) (fraction * BAR_WIDTH + 0.5);

  if (p->quiet)
    return;
  if (!p->tty) {
    /* One line per hundredth is plenty for a log. */
    gdouble shown = floor (fraction * 100) / 100;

    if (shown == p->last)
      return;
    p->last = shown;
    fprintf (stderr, "progress %.2f %s\n", shown, p->file);
    return;
  }
  memset (bar, '#', filled);
  memset (bar + filled, '-', BAR_WIDTH - filled);
  bar[BAR_WIDTH] = '\0';
  format_eta (eta, sizeof eta,
      overall > 0.01 ? elapsed / overall * (1.0 - overall) : -1);
  if (p->count > 1)
    fprintf (stderr,
        "\r\033[K%3.0f%% [%s] %s  (file %u/%u, all %.0f%%, ETA %s)",
        fraction * 100, bar, p->file, p->index + 1, p->count, overall * 100,
        eta);
  else
    fprintf (stderr, "\r\033[K%3.0f%% [%s] %s  (ETA %s)", fraction * 100, bar,
        p->file, eta);
  fflush (stderr);
}

static void
end_line (Progress *p)
{
  if (p->tty && !p->quiet)
    fprintf (stderr, "\r\033[K");
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_printerr ("\nreel analyze: interrupted; stopping\n");
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* Ctrl-C cancels the run cleanly (nothing half-written is left in the
 * cache). The analysis runs a main context of its own, so SIGINT is
 * watched from a thread with one too. */
typedef struct {
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
} SignalWatch;

static gpointer
signal_thread (gpointer data)
{
  SignalWatch *w = data;

  g_main_context_push_thread_default (w->context);
  g_main_loop_run (w->loop);
  g_main_context_pop_thread_default (w->context);
  return NULL;
}

static void
signal_watch_start (SignalWatch *w, GCancellable *cancellable)
{
  GSource *source = g_unix_signal_source_new (SIGINT);

  w->context = g_main_context_new ();
  w->loop = g_main_loop_new (w->context, FALSE);
  g_source_set_callback (source, on_interrupt, g_object_ref (cancellable),
      g_object_unref);
  g_source_attach (source, w->context);
  g_source_unref (source);
  w->thread = g_thread_new ("reel-signals", signal_thread, w);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
signal_watch_stop (SignalWatch *w)
{
  g_main_context_invoke (w->context, quit_loop, w->loop);
  g_thread_join (w->thread);
  g_main_loop_unref (w->loop);
  g_main_context_unref (w->context);
}

/* --only scenes,beats --only motion → scenes, beats, motion */
static gchar **
split_names (gchar **only)
{
  GStrvBuilder *b = g_strv_builder_new ();
  gchar **names;

  for (guint i = 0; only != NULL && only[i] != NULL; i++) {
    g_auto (GStrv) parts = g_strsplit (only[i], ",", -1);

    for (guint k = 0; parts[k] != NULL; k++) {
      g_strstrip (parts[k]);
      if (parts[k][0] != '\0')
        g_strv_builder_add (b, parts[k]);
    }
  }
  names = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return names;
}

static gchar *
describe_analysers (void)
{
  ReelRegistry *registry = reel_registry_get_default ();
  g_autoptr (GPtrArray) all =
      reel_registry_list (registry, REEL_COMPONENT_ANALYSER);
  GString *s = g_string_new ("Analysers (all of them run unless --only "
                             "says otherwise):\n");

  for (guint i = 0; i < all->len; i++) {
    ReelComponent *c = g_ptr_array_index (all, i);
    const ReelAnalyserInfo *info = reel_component_get_analyser_info (c);
    ReelParamSchema *schema = reel_component_get_params (c);
    const gchar *reason = NULL;
    guint n = reel_param_schema_get_n_params (schema);

    g_string_append_printf (s, "  %-14s %s (%s, element %s)", info->name,
        info->description != NULL ? info->description : "",
        info->stream == REEL_STREAM_AUDIO ? "audio" : "video", info->element);
    if (!reel_component_is_available (c, &reason))
      g_string_append_printf (s, " — unavailable: %s", reason);
    g_string_append_c (s, '\n');
    if (n > 0) {
      g_string_append (s, "                 parameters:");
      for (guint k = 0; k < n; k++)
        g_string_append_printf (s, "%s %s", k > 0 ? "," : "",
            reel_param_schema_get_name (schema, k));
      g_string_append_c (s, '\n');
    }
  }
  if (all->len == 0)
    g_string_append (s, "  (none: no plugin providing analysers is loaded; "
                        "see 'reel plugins')\n");
  g_string_append (s,
      "\n'reel plugins' shows each parameter's type, range and default.\n\n"
      "Output: the ANALYSIS document (version 1) of each file — version, "
      "media, status\n(complete or partial), duration, missing (what a partial "
      "analysis lacks and\nwhy), probe, then one section per analyser under "
      "its name — as JSON on stdout\nor in OUT: one document for one file, an "
      "array for several (null in place of a\nfile that failed).\n\n"
      "Results are cached by the SHA-256 of each file's bytes and the request\n"
      "under $REEL_DATA_DIR/analysis (default $XDG_DATA_HOME/reel/analysis);\n"
      "files analysers keep (thumbnails) live beside the cached document.\n\n"
      "Progress goes to stderr: a bar on a terminal, else lines "
      "'progress 0.42 FILE'.\nExit status: 0 when every file was analysed, "
      "1 otherwise, 2 for a usage error.");
  return g_string_free (s, FALSE);
}

static int
print_pipelines (gchar **files, ReelAnalyseRequest *request,
    const ReelAnalyseOptions *options)
{
  int status = REEL_EXIT_OK;

  for (guint i = 0; files[i] != NULL; i++) {
    g_autoptr (GError) error = NULL;
    g_autofree gchar *cmd =
        reel_analyse_print_pipeline (files[i], request, options, &error);

    if (cmd == NULL) {
      g_printerr ("reel analyze: %s\n", error->message);
      status = REEL_EXIT_FAILED;
      continue;
    }
    g_print ("%s\n", cmd);
  }
  g_printerr ("# reel's own elements need GST_PLUGIN_PATH=%s; reel also "
              "gives avdec_* decoders max-threads=%u thread-type=frame, "
              "which gst-launch-1.0 cannot set\n",
      reel_get_plugin_dir (), g_get_num_processors ());
  return status;
}

int
reel_cmd_analyze (int argc, char **argv)
{
  g_auto (GStrv) only = NULL;
  g_auto (GStrv) params = NULL;
  g_autofree gchar *json_out = NULL;
  g_autofree gchar *description = NULL;
  gboolean no_cache = FALSE;
  gboolean print = FALSE;
  gboolean quiet = FALSE;
  gint width = REEL_ANALYSE_DEFAULT_WIDTH;
  gint stall = REEL_ANALYSE_DEFAULT_STALL_TIMEOUT;
  gint time_limit = 0;
  const GOptionEntry entries[] = {
    { "only", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &only,
        "Run only these analysers (comma-separated; may be repeated)",
        "NAME,…" },
    { "json", 'j', 0, G_OPTION_ARG_FILENAME, &json_out,
        "Write the JSON to OUT instead of stdout", "OUT" },
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &params,
        "Set an analyser's parameter, e.g. scenes.threshold=0.4 (may be "
        "repeated)",
        "ANALYSER.NAME=VALUE" },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &no_cache,
        "Analyse even when a cached result exists (the new result replaces "
        "it)",
        NULL },
    { "print-pipeline", 0, 0, G_OPTION_ARG_NONE, &print,
        "Print the gst-launch-1.0 command of the whole pipeline for each file "
        "instead of running it",
        NULL },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width,
        "Width in pixels of the pictures video analysers see (default 320)",
        "N" },
    { "stall-timeout", 0, 0, G_OPTION_ARG_INT, &stall,
        "Fail a file that makes no progress for this long (default 30)",
        "SECONDS" },
    { "time-limit", 0, 0, G_OPTION_ARG_INT, &time_limit,
        "Fail a file whose analysis takes longer than this (default: no "
        "limit)",
        "SECONDS" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Show no progress", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE…");
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseRequest) request = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (JsonArray) docs = json_array_new ();
  g_auto (GStrv) names = NULL;
  ReelAnalyseOptions options = { 0 };
  Progress progress = { 0 };
  gchar **files;
  SignalWatch signals = { 0 };
  guint n_files;
  int status = REEL_EXIT_OK;

  g_set_prgname ("reel analyze");
  g_option_context_set_summary (ctx,
      "Probe and analyse media files here, with no server, and print their "
      "ANALYSIS documents as JSON.\n\nEach file is decoded once; every "
      "analyser reads the one decoded stream (video\nanalysers a copy scaled "
      "to --width). A file without video (or audio) gets a\npartial analysis "
      "that says which analysers are missing and why.");
  description = describe_analysers ();
  g_option_context_set_description (ctx, description);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("reel analyze: %s\nRun 'reel analyze --help' for usage.\n",
        error->message);
    return REEL_EXIT_USAGE;
  }
  files = argv + 1;
  n_files = (guint) (argc - 1);
  if (n_files == 0) {
    g_printerr ("reel analyze: name at least one file to analyse\nRun 'reel "
                "analyze --help' for usage.\n");
    return REEL_EXIT_USAGE;
  }
  if (stall <= 0 || time_limit < 0) {
    g_printerr ("reel analyze: --stall-timeout must be greater than 0 and "
                "--time-limit not negative\n");
    return REEL_EXIT_USAGE;
  }

  names = split_names (only);
  request = reel_analyse_request_new_from_args (NULL,
      only != NULL ? (const gchar *const *) names : NULL,
      (const gchar *const *) params, &error);
  if (request == NULL
      || !reel_analyse_request_set_width (request, width, &error)) {
    g_printerr ("reel analyze: %s\n", error->message);
    return REEL_EXIT_FAILED;
  }

  options.refresh = no_cache;
  options.stall_timeout = (guint) stall;
  options.time_limit = (guint) time_limit;
  if (print)
    return print_pipelines (files, request, &options);

  progress.tty = isatty (fileno (stderr));
  progress.quiet = quiet;
  progress.count = n_files;
  progress.started = g_get_monotonic_time ();
  options.progress = on_progress;
  options.progress_data = &progress;
  options.cancellable = cancellable;
  signal_watch_start (&signals, cancellable);

  for (guint i = 0; i < n_files; i++) {
    g_autoptr (GError) file_error = NULL;
    g_autoptr (ReelAnalyseResult) result = NULL;

    progress.index = i;
    progress.file = files[i];
    progress.last = -1;
    if (g_cancellable_is_cancelled (cancellable)) {
      json_array_add_null_element (docs);
      status = REEL_EXIT_FAILED;
      continue;
    }
    result = reel_analyse_file (files[i], request, &options, &file_error);
    end_line (&progress);
    if (result == NULL) {
      g_printerr ("reel analyze: %s\n", file_error->message);
      json_array_add_null_element (docs);
      status = REEL_EXIT_FAILED;
      continue;
    }
    if (!quiet) {
      JsonObject *o = json_node_get_object (result->document);
      const gchar *st = json_object_get_string_member (o, "status");

      if (result->cached)
        g_printerr ("cached %s: %s (%s)\n", files[i], st, result->folder);
      else
        g_printerr ("analysed %s in %.2f s: %s\n", files[i], result->seconds,
            st);
      if (json_object_has_member (o, "missing")) {
        JsonArray *m = json_object_get_array_member (o, "missing");

        for (guint k = 0; k < json_array_get_length (m); k++) {
          JsonObject *mo = json_array_get_object_element (m, k);

          g_printerr ("  missing %s: %s\n",
              json_object_get_string_member (mo, "analyser"),
              json_object_get_string_member (mo, "reason"));
        }
      }
    }
    json_array_add_element (docs, json_node_ref (result->document));
  }
  signal_watch_stop (&signals);

  if (n_files == 1 && JSON_NODE_HOLDS_NULL (json_array_get_element (docs, 0)))
    return status;
  {
    g_autoptr (JsonNode) out = NULL;
    g_autofree gchar *text = NULL;

    if (n_files == 1) {
      out = json_node_ref (json_array_get_element (docs, 0));
    } else {
      out = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (out, docs);
    }
    text = reel_json_to_string (out, TRUE);
    if (json_out != NULL && !g_str_equal (json_out, "-")) {
      g_autofree gchar *with_newline = g_strconcat (text, "\n", NULL);

      if (!reel_write_file_atomically (json_out, with_newline, -1, &error)) {
        g_printerr ("reel analyze: cannot write %s: %s\n", json_out,
            error->message);
        return REEL_EXIT_FAILED;
      }
    } else {
      g_print ("%s\n", text);
    }
  }
  return status;
}
