/* Tests of the `reel` command (tools/) as a user runs it: exit statuses,
 * what is printed on standard output and standard error, for --version,
 * plugins, validate, launch and the subcommands not available yet. Each test
 * runs the built binary in a subprocess. */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  gint status;
  gchar *out;
  gchar *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gchar *
reel_path (void)
{
  return g_build_filename (g_getenv ("REEL_BUILD_ROOT"), "tools", "reel", NULL);
}

static gchar *
source_path (const gchar *rel)
{
  return g_build_filename (g_getenv ("REEL_SOURCE_ROOT"), rel, NULL);
}

/* Runs reel with the NULL-terminated arguments; stdin gets @input. */
static void
run_reel_input (Run *r, const gchar *input, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  const gchar *arg;
  va_list args;

  g_ptr_array_add (argv, reel_path ());
  va_start (args, input);
  while ((arg = va_arg (args, const gchar *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const gchar *const *) argv->pdata,
      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
          | G_SUBPROCESS_FLAGS_STDERR_PIPE,
      &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r->status, r->out, r->err);
}

#define run_reel(r, ...) run_reel_input (r, NULL, __VA_ARGS__)

static void
test_version (void)
{
  g_auto (Run) r = { 0 };

  run_reel (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "reel 0."));
  g_assert_nonnull (strstr (r.out, "plugin ABI 1.0"));
}

static void
test_usage (void)
{
  g_auto (Run) r = { 0 };
  g_auto (Run) none = { 0 };
  g_auto (Run) bad = { 0 };

  run_reel (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < 8; i++) {
    static const gchar *cmds[] = { "serve", "worker", "analyze", "edit",
      "render", "plugins", "validate", "launch" };
    g_assert_nonnull (strstr (r.out, cmds[i]));
  }
  run_reel (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  run_reel (&bad, "frobnicate", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "unknown command 'frobnicate'"));
}

static void
test_pending_commands (void)
{
  static const gchar *cmds[] = { "serve", "worker", "edit", "render" };

  for (guint i = 0; i < G_N_ELEMENTS (cmds); i++) {
    g_auto (Run) r = { 0 };
    g_auto (Run) help = { 0 };

    run_reel (&r, cmds[i], NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "not available yet"));
    run_reel (&help, cmds[i], "--help", NULL);
    g_assert_cmpint (help.status, ==, 0);
    g_assert_nonnull (strstr (help.out, "Usage:"));
  }
}

static void
test_help_per_command (void)
{
  static const gchar *cmds[] = { "plugins", "validate", "launch" };

  for (guint i = 0; i < G_N_ELEMENTS (cmds); i++) {
    g_auto (Run) r = { 0 };
    g_auto (Run) bad = { 0 };
    g_autofree gchar *usage = g_strdup_printf ("reel %s", cmds[i]);

    run_reel (&r, cmds[i], "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, usage));
    run_reel (&bad, cmds[i], "--no-such-option", NULL);
    g_assert_cmpint (bad.status, ==, 2);
    g_assert_nonnull (strstr (bad.err, "Unknown option"));
  }
}

static void
test_plugins_json (void)
{
  g_auto (Run) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonObject *example = NULL;
  JsonArray *plugins;
  JsonObject *gen;
  JsonObject *slice;

  run_reel (&r, "plugins", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  plugins = json_object_get_array_member (root, "plugins");
  for (guint i = 0; i < json_array_get_length (plugins); i++) {
    JsonObject *p = json_array_get_object_element (plugins, i);

    if (g_str_equal (json_object_get_string_member (p, "name"), "example"))
      example = p;
  }
  g_assert_nonnull (example);
  gen = json_array_get_object_element (json_object_get_array_member (example,
                                           "generators"),
      0);
  g_assert_cmpstr (json_object_get_string_member (gen, "name"), ==,
      "example-montage");
  slice = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (gen,
                                         "params"),
          "properties"),
      "slice");
  g_assert_cmpstr (json_object_get_string_member (slice, "type"), ==, "number");
  g_assert_cmpfloat (json_object_get_double_member (slice, "default"), ==, 3.0);
  g_assert_cmpfloat (json_object_get_double_member (slice, "minimum"), ==, 0.1);
}

static void
test_plugins_human (void)
{
  g_auto (Run) r = { 0 };

  run_reel (&r, "plugins", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "example 1.0.0"));
  g_assert_nonnull (strstr (r.out, "example-montage"));
  g_assert_nonnull (strstr (r.out, "slice"));
  g_assert_nonnull (strstr (r.out, "{source|reverse}"));
}

static GPtrArray *
list_json (const gchar *rel)
{
  g_autofree gchar *dirname = source_path (rel);
  g_autoptr (GDir) dir = g_dir_open (dirname, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const gchar *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL) {
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dirname, name, NULL));
  }
  return files;
}

static void
test_validate_examples (void)
{
  static const gchar *dirs[] = { "data/examples/timelines",
    "data/examples/jobs" };

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++) {
    g_autoptr (GPtrArray) files = list_json (dirs[d]);

    g_assert_cmpuint (files->len, >, 0);
    for (guint i = 0; i < files->len; i++) {
      g_auto (Run) r = { 0 };
      g_autofree gchar *expect = g_strdup_printf ("%s: valid ",
          (gchar *) g_ptr_array_index (files, i));

      /* The examples name effects and generators later plugins bring. */
      run_reel (&r, "validate", "--no-plugins", g_ptr_array_index (files, i),
          NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_str_has_prefix (r.out, expect));
    }
  }
}

/* Each broken example prints exactly the errors listed beside it, each line
 * prefixed with the file name, and exits 1. */
static void
test_validate_invalid (void)
{
  g_autoptr (GPtrArray) files = list_json ("data/examples/invalid");

  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++) {
    const gchar *file = g_ptr_array_index (files, i);
    g_autofree gchar *stem = g_strndup (file, strlen (file) - 5);
    g_autofree gchar *errors_file = g_strconcat (stem, ".errors", NULL);
    g_autofree gchar *expected = NULL;
    g_auto (GStrv) lines = NULL;
    g_auto (Run) r = { 0 };

    g_assert_true (g_file_get_contents (errors_file, &expected, NULL, NULL));
    run_reel (&r, "validate", "--no-plugins", file, NULL);
    g_assert_cmpint (r.status, ==, 1);
    lines = g_strsplit (g_strstrip (expected), "\n", -1);
    for (guint l = 0; lines[l] != NULL; l++) {
      g_autofree gchar *want = g_strdup_printf ("%s: %s\n", file, lines[l]);

      if (lines[l][0] == '\0')
        continue;
      g_assert_nonnull (strstr (r.err, want));
    }
  }
}

static const gchar *timeline_with_effects =
    "{\"version\":1,\"tracks\":[{\"kind\":\"video\",\"clips\":["
    "{\"media\":\"m1\",\"trim\":{\"in\":0,\"out\":2},\"start\":0,"
    "\"effects\":[{\"name\":\"example-tint\",\"params\":{\"hue\":3}},"
    "{\"name\":\"no-such-effect\"}]}]}]}";

static void
test_validate_components (void)
{
  g_auto (Run) r = { 0 };
  g_auto (Run) skip = { 0 };

  run_reel_input (&r, timeline_with_effects, "validate", "-", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err,
      "-: tracks[0].clips[0].effects[0].params."
      "hue: 3 is not allowed for 'hue': expected a number from -1 to 1"));
  g_assert_nonnull (strstr (r.err,
      "-: tracks[0].clips[0].effects[1].name: "
      "no effect named 'no-such-effect'; available: example-tint"));

  run_reel_input (&skip, timeline_with_effects, "validate", "--no-plugins", "-",
      NULL);
  g_assert_cmpint (skip.status, ==, 0);
}

static void
test_validate_bad_files (void)
{
  g_auto (Run) missing = { 0 };
  g_auto (Run) garbage = { 0 };
  g_auto (Run) unknown = { 0 };
  g_auto (Run) json = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *entry;

  run_reel (&missing, "validate", "/nonexistent/t.json", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/t.json"));

  run_reel_input (&garbage, "{\"version\": 1, \"tracks\": [", "validate", "-",
      NULL);
  g_assert_cmpint (garbage.status, ==, 1);
  g_assert_nonnull (strstr (garbage.err, "not valid JSON"));

  run_reel_input (&unknown, "{\"hello\":1}", "validate", "-", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "cannot tell what kind"));

  run_reel_input (&json,
      "{\"version\":1,\"tracks\":[{\"kind\":\"smell\","
      "\"clips\":[]}]}",
      "validate", "--json", "-", NULL);
  g_assert_cmpint (json.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  entry = json_array_get_object_element (json_node_get_array (
                                             json_parser_get_root (parser)),
      0);
  g_assert_false (json_object_get_boolean_member (entry, "valid"));
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==,
      "timeline");
  g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (
                           json_object_get_array_member (entry, "errors"), 0),
                       "path"),
      ==, "tracks[0].kind");
}

static void
test_launch_print (void)
{
  g_auto (Run) r = { 0 };
  g_auto (Run) evil = { 0 };
  g_auto (Run) missing = { 0 };
  g_auto (Run) unknown = { 0 };
  g_auto (Run) list = { 0 };

  run_reel (&r, "launch", "decode-only", "input=/tmp/a clip.mp4", "--print",
      NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "gst-launch-1.0 "));
  g_assert_nonnull (strstr (r.out, "file:///tmp/a%20clip.mp4"));

  /* a value can never become another element */
  run_reel (&evil, "launch", "decode-only", "input=x.mp4 ! fakesink name=evil",
      "--print", "--line", NULL);
  g_assert_cmpint (evil.status, ==, 0);
  g_assert_nonnull (strstr (evil.out, "x.mp4%20!%20fakesink%20name=evil\""));
  g_assert_null (strstr (evil.out, "! fakesink name=evil"));

  run_reel (&missing, "launch", "decode-only", "--print", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "input"));

  run_reel (&unknown, "launch", "../../etc/passwd", "--print", NULL);
  g_assert_cmpint (unknown.status, ==, 1);

  run_reel (&list, "launch", "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "decode-only"));
  g_assert_nonnull (strstr (list.out, "test-pattern"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tools/cli/version", test_version);
  g_test_add_func ("/tools/cli/usage", test_usage);
  g_test_add_func ("/tools/cli/pending-commands", test_pending_commands);
  g_test_add_func ("/tools/cli/help-per-command", test_help_per_command);
  g_test_add_func ("/tools/cli/plugins-json", test_plugins_json);
  g_test_add_func ("/tools/cli/plugins-human", test_plugins_human);
  g_test_add_func ("/tools/cli/validate-examples", test_validate_examples);
  g_test_add_func ("/tools/cli/validate-invalid", test_validate_invalid);
  g_test_add_func ("/tools/cli/validate-components", test_validate_components);
  g_test_add_func ("/tools/cli/validate-bad-files", test_validate_bad_files);
  g_test_add_func ("/tools/cli/launch-print", test_launch_print);
  return g_test_run ();
}
