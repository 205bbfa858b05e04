/* reel — `reel launch NAME key=value…`: fills a pipeline template from
 * pipelines/ with typed, checked values and either prints the exact
 * `gst-launch-1.0` command (`--print`) or runs the pipeline here, with
 * GStreamer's bus messages shown as gst-launch shows them, for debugging with
 * GST_DEBUG. `--list` names the templates; `--describe` explains one. */
#include "reel-commands.h"
#include "reel-template.h"

#include <gst/gst.h>
#include <glib-unix.h>
#include <stdio.h>

typedef struct {
  GMainLoop *loop;
  GstElement *pipeline;
  gboolean failed;
  gboolean interrupted;
} LaunchRun;

static gboolean
on_bus_message (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  LaunchRun *run = user_data;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR: {
      g_autoptr (GError) err = NULL;
      g_autofree gchar *debug = NULL;

      gst_message_parse_error (msg, &err, &debug);
      g_printerr ("ERROR from element %s: %s\n%s%s", GST_OBJECT_NAME (msg->src),
          err->message, debug ? debug : "", debug ? "\n" : "");
      run->failed = TRUE;
      g_main_loop_quit (run->loop);
      break;
    }
    case GST_MESSAGE_WARNING: {
      g_autoptr (GError) err = NULL;

      gst_message_parse_warning (msg, &err, NULL);
      g_printerr ("WARNING from element %s: %s\n", GST_OBJECT_NAME (msg->src),
          err->message);
      break;
    }
    case GST_MESSAGE_EOS:
      g_main_loop_quit (run->loop);
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

/* Ctrl-C sends EOS first, so muxers finish their files, as `gst-launch -e`. */
static gboolean
on_interrupt (gpointer user_data)
{
  LaunchRun *run = user_data;

  if (run->interrupted) {
    g_main_loop_quit (run->loop);
    return G_SOURCE_REMOVE;
  }
  run->interrupted = TRUE;
  g_printerr ("Interrupt: sending EOS (press Ctrl-C again to stop at "
              "once)\n");
  gst_element_send_event (run->pipeline, gst_event_new_eos ());
  return G_SOURCE_CONTINUE;
}

static int
run_pipeline (GstElement *pipeline)
{
  LaunchRun run = { g_main_loop_new (NULL, FALSE), pipeline, FALSE, FALSE };
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  guint sigint;

  gst_bus_add_watch (bus, on_bus_message, &run);
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &run);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING)
      == GST_STATE_CHANGE_FAILURE) {
    /* The ERROR message on the bus says why. */
    g_autoptr (GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

    if (msg != NULL)
      on_bus_message (bus, msg, &run);
    else
      g_printerr ("ERROR: the pipeline refused to start\n");
    run.failed = TRUE;
  } else {
    g_main_loop_run (run.loop);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_bus_remove_watch (bus);
  g_source_remove (sigint);
  g_main_loop_unref (run.loop);
  return run.failed ? REEL_EXIT_FAILED : REEL_EXIT_OK;
}

int
reel_cmd_launch (int argc, char **argv)
{
  gboolean print = FALSE;
  gboolean list = FALSE;
  gboolean describe = FALSE;
  gboolean line_only = FALSE;
  const GOptionEntry entries[] = {
    { "print", 'p', 0, G_OPTION_ARG_NONE, &print,
        "Print the gst-launch-1.0 command instead of running it", NULL },
    { "line", 0, 0, G_OPTION_ARG_NONE, &line_only,
        "With --print: only the pipeline description, unquoted for a shell",
        NULL },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the pipeline templates",
        NULL },
    { "describe", 'd', 0, G_OPTION_ARG_NONE, &describe,
        "Describe a template and its placeholders", NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) values = NULL;
  ReelTemplate *tpl;
  int status = REEL_EXIT_OK;

  if (!reel_command_parse ("launch", "NAME [KEY=VALUE…]",
          "Fill the "
          "pipeline template NAME (from REEL_PIPELINE_PATH, then reel's "
          "pipelines folder) and run it, or print it for gst-launch-1.0.\n\n"
          "Values are checked against each placeholder's type and range, "
          "and can never add an element or a property.",
          entries, &argc, &argv))
    return REEL_EXIT_USAGE;

  if (list) {
    g_auto (GStrv) names = reel_template_list ();

    for (guint i = 0; names[i] != NULL; i++) {
      g_autoptr (GError) load_error = NULL;
      ReelTemplate *t = reel_template_load (names[i], &load_error);

      if (t == NULL) {
        g_print ("%-20s (broken: %s)\n", names[i], load_error->message);
        continue;
      }
      g_print ("%-20s %s\n", names[i], reel_template_get_summary (t));
      reel_template_free (t);
    }
    return REEL_EXIT_OK;
  }

  if (argc < 2) {
    g_printerr ("reel launch: name a template (reel launch --list shows "
                "them)\n");
    return REEL_EXIT_USAGE;
  }
  tpl = reel_template_load (argv[1], &error);
  if (tpl == NULL) {
    g_printerr ("reel launch: %s\n", error->message);
    return REEL_EXIT_FAILED;
  }

  if (describe) {
    g_autofree gchar *text = reel_template_describe (tpl);

    g_print ("%s", text);
    reel_template_free (tpl);
    return REEL_EXIT_OK;
  }

  if (!reel_template_parse_args (tpl, argv + 2, &values, &error)) {
    g_printerr ("reel launch: %s\n", error->message);
    reel_template_free (tpl);
    return REEL_EXIT_FAILED;
  }

  if (print) {
    g_autofree gchar *text =
        line_only ? reel_template_to_launch_line (tpl, values, &error)
                  : reel_template_to_shell_command (tpl, values, &error);

    if (text == NULL) {
      g_printerr ("reel launch: %s\n", error->message);
      status = REEL_EXIT_FAILED;
    } else {
      g_print ("%s\n", text);
    }
  } else {
    g_autoptr (GstElement) pipeline =
        reel_template_instantiate (tpl, values, &error);

    if (pipeline == NULL) {
      g_printerr ("reel launch: %s\n", error->message);
      status = REEL_EXIT_FAILED;
    } else {
      status = run_pipeline (pipeline);
    }
  }
  reel_template_free (tpl);
  return status;
}
