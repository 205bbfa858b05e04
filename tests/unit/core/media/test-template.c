/* Unit tests of pipeline templates (core/media/reel-template.c): finding and
 * listing templates, every error a user can meet (bad names, bad values,
 * malformed template files), values that try to inject elements or
 * properties, the printed gst-launch line matching the built pipeline
 * property for property, and the shipped templates actually running to
 * end-of-stream. Malformed templates are written to a temporary directory
 * per test. */
#include "reel-template.h"

#include <glib/gstdio.h>
#include <string.h>

/* The line reel prints for `decode-only input=/media/clip.mp4`. */
#define DECODE_ONLY_GOLDEN                                                     \
  "playbin name=play uri=\"file:///media/clip.mp4\" "                          \
  "flags=audio+video+native-audio+native-video "                               \
  "video-sink=\"fakesink sync=false\" audio-sink=\"fakesink sync=false\""

typedef struct {
  gchar *dir;
} TmpFixture;

static void
tmp_setup (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("reel-template-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
tmp_teardown (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const gchar *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL) {
    g_autofree gchar *path = g_build_filename (fixture->dir, entry, NULL);

    g_unlink (path);
  }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gchar *
write_file (TmpFixture *fixture, const gchar *name, const gchar *text)
{
  g_autoptr (GError) error = NULL;
  gchar *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static ReelTemplate *
load_text (TmpFixture *fixture, const gchar *name, const gchar *text,
    GError **error)
{
  g_autofree gchar *file = g_strconcat (name, ".pipeline", NULL);
  g_autofree gchar *path = write_file (fixture, file, text);

  return reel_template_load_file (path, error);
}

static GHashTable *
values_of (const gchar *first_key, ...)
{
  GHashTable *values =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const gchar *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL) {
    g_hash_table_insert (values, g_strdup (key),
        g_strdup (va_arg (args, const gchar *)));
    key = va_arg (args, const gchar *);
  }
  va_end (args);
  return values;
}

#define assert_message_has(error, text)                                        \
  G_STMT_START                                                                 \
  {                                                                            \
    if (strstr ((error)->message, (text)) == NULL)                             \
      g_error ("expected \"%s\" in the error message:\n%s", (text),            \
          (error)->message);                                                   \
  }                                                                            \
  G_STMT_END

/* Plays @pipeline until end-of-stream or an error, then stops it. With
 * @sink, returns the last sample it received in @sample. */
static gboolean
run_to_eos (GstElement *pipeline, GstElement *sink, GstSample **sample,
    GError **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = NULL;
  gboolean ok = FALSE;

  g_assert_nonnull (bus);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (msg == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no EOS in 60 s");
  else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    gst_message_parse_error (msg, error, NULL);
  else
    ok = TRUE;
  if (sink != NULL)
    g_object_get (sink, "last-sample", sample, NULL);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

/* Elements that are not bins, at any depth. */
static guint
count_leaves (GstElement *element)
{
  g_autoptr (GstIterator) it = NULL;
  GValue item = G_VALUE_INIT;
  guint n = 0;

  if (!GST_IS_BIN (element))
    return 1;
  it = gst_bin_iterate_recurse (GST_BIN (element));
  while (gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
    if (!GST_IS_BIN (g_value_get_object (&item)))
      n++;
    g_value_reset (&item);
  }
  g_value_unset (&item);
  return n;
}

static GstElement *
find_element (GstElement *top, const gchar *name)
{
  if (g_strcmp0 (GST_OBJECT_NAME (top), name) == 0)
    return gst_object_ref (top);
  if (GST_IS_BIN (top))
    return gst_bin_get_by_name (GST_BIN (top), name);
  return NULL;
}

static GstElement *
parse_printed (const gchar *line)
{
  g_autoptr (GError) error = NULL;
  /* Without FATAL_ERRORS a half-parsed line would pass. */
  GstElement *parsed =
      gst_parse_launch_full (line, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  return gst_object_ref_sink (parsed);
}

static gchar *
property_text (GObject *object, GParamSpec *pspec)
{
  g_auto (GValue) value = G_VALUE_INIT;
  gchar *text;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    return g_strdup_printf ("string:%s", g_value_get_string (&value) != NULL
                                             ? g_value_get_string (&value)
                                             : "(null)");
  text = gst_value_serialize (&value);
  return text != NULL ? text : g_strdup ("(unserialisable)");
}

/* Every readable plain-data property of @a equals that of @b, except those
 * whose default is not the same twice (mp4mux's random temporary file). */
static void
assert_same_properties (GstElement *a, GstElement *b)
{
  GstElementFactory *factory = gst_element_get_factory (a);
  g_autoptr (GstElement) fresh1 = gst_element_factory_create (factory, NULL);
  g_autoptr (GstElement) fresh2 = gst_element_factory_create (factory, NULL);
  guint n;
  g_autofree GParamSpec **specs =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);

  for (guint i = 0; i < n; i++) {
    GType fundamental = G_TYPE_FUNDAMENTAL (specs[i]->value_type);
    g_autofree gchar *ta = NULL;
    g_autofree gchar *tb = NULL;

    if (!(specs[i]->flags & G_PARAM_READABLE)
        || g_strcmp0 (specs[i]->name, "name") == 0
        || g_strcmp0 (specs[i]->name, "parent") == 0
        || fundamental == G_TYPE_OBJECT || fundamental == G_TYPE_POINTER
        || fundamental == G_TYPE_INTERFACE || fundamental == G_TYPE_PARAM
        || (fundamental == G_TYPE_BOXED && specs[i]->value_type != GST_TYPE_CAPS
            && specs[i]->value_type != GST_TYPE_STRUCTURE))
      continue;
    ta = property_text (G_OBJECT (fresh1), specs[i]);
    tb = property_text (G_OBJECT (fresh2), specs[i]);
    if (g_strcmp0 (ta, tb) != 0)
      continue;
    g_free (ta);
    g_free (tb);
    ta = property_text (G_OBJECT (a), specs[i]);
    tb = property_text (G_OBJECT (b), specs[i]);
    if (g_strcmp0 (ta, tb) != 0)
      g_error ("%s.%s differs: instantiated %s, printed %s",
          GST_OBJECT_NAME (a), specs[i]->name, ta, tb);
  }
}

/* The printed line, parsed by GStreamer, and the instantiated pipeline
 * hold the same leaf elements, and the elements in @names have equal
 * properties. */
static void
assert_equivalent (ReelTemplate *t, GHashTable *values,
    const gchar *const *names)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *line = reel_template_to_launch_line (t, values, &error);
  g_autoptr (GstElement) built = NULL;
  g_autoptr (GstElement) parsed = NULL;

  g_assert_no_error (error);
  built = reel_template_instantiate (t, values, &error);
  g_assert_no_error (error);
  g_assert_true (GST_IS_PIPELINE (built));
  g_assert_cmpstr (GST_OBJECT_NAME (built), ==, reel_template_get_name (t));
  parsed = parse_printed (line);

  g_assert_cmpuint (count_leaves (built), ==, count_leaves (parsed));
  for (guint i = 0; names[i] != NULL; i++) {
    g_autoptr (GstElement) a = find_element (built, names[i]);
    g_autoptr (GstElement) b = find_element (parsed, names[i]);

    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
    assert_same_properties (a, b);
  }
}

/* ------------------------------------------------------------------ */

static void
test_list (void)
{
  g_auto (GStrv) names = reel_template_list ();
  guint n = g_strv_length (names);

  g_assert_true (g_strv_contains ((const gchar *const *) names, "decode-only"));
  g_assert_true (
      g_strv_contains ((const gchar *const *) names, "test-pattern"));
  g_assert_true (g_strv_contains ((const gchar *const *) names, "test-clip"));
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_strcmp0 (names[i - 1], names[i]), <, 0);
}

static void
test_list_search_path (TmpFixture *fixture, gconstpointer data)
{
  g_autofree gchar *saved = g_strdup (g_getenv ("REEL_PIPELINE_PATH"));
  g_autofree gchar *path = g_strconcat (fixture->dir, ":", saved, NULL);
  g_autofree gchar *a = write_file (fixture, "test-pattern.pipeline",
      "# An override that comes first on the path.\nfakesrc ! fakesink\n");
  g_autofree gchar *b = write_file (fixture, "aaa-extra.pipeline",
      "# An extra one.\nfakesrc ! fakesink\n");
  g_autofree gchar *c = write_file (fixture, "Not_A_Name.pipeline",
      "# Ignored: not a template name.\nfakesrc ! fakesink\n");
  g_autofree gchar *d = write_file (fixture, "notes.txt", "not a template");
  g_autoptr (ReelTemplate) t = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  guint count = 0;

  g_setenv ("REEL_PIPELINE_PATH", path, TRUE);
  names = reel_template_list ();
  t = reel_template_load ("test-pattern", &error);
  g_setenv ("REEL_PIPELINE_PATH", saved, TRUE);

  g_assert_cmpstr (names[0], ==, "aaa-extra");
  for (guint i = 0; names[i] != NULL; i++) {
    g_assert_cmpstr (names[i], !=, "Not_A_Name");
    g_assert_cmpstr (names[i], !=, "notes");
    if (g_strcmp0 (names[i], "test-pattern") == 0)
      count++;
  }
  g_assert_cmpuint (count, ==, 1);

  g_assert_no_error (error);
  g_assert_cmpstr (reel_template_get_path (t), ==, a);
  g_assert_cmpuint (reel_template_get_n_params (t), ==, 0);
}

static void
test_load (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-pattern", &error);
  g_autofree gchar *help = NULL;
  gint i;

  g_assert_no_error (error);
  g_assert_cmpstr (reel_template_get_name (t), ==, "test-pattern");
  g_assert_true (
      g_str_has_suffix (reel_template_get_path (t), "/test-pattern.pipeline"));
  g_assert_cmpstr (reel_template_get_summary (t), ==,
      "Generate a synthetic video test pattern and discard it.");
  g_assert_nonnull (strstr (reel_template_get_description (t),
      "\n\nA source of known frames"));
  g_assert_cmpuint (reel_template_get_n_params (t), ==, 6);
  g_assert_cmpint (reel_template_find_param (t, "nope"), ==, -1);

  i = reel_template_find_param (t, "width");
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (reel_template_get_param_type (t, i), ==,
      REEL_TEMPLATE_PARAM_INT);
  g_assert_cmpstr (reel_template_get_param_default (t, i), ==, "1280");
  g_assert_cmpstr (reel_template_get_param_range (t, i), ==, "16..7680");
  g_assert_cmpstr (reel_template_get_param_description (t, i), ==,
      "Frame width in pixels.");
  g_assert_null (reel_template_get_param_choices (t, i));

  i = reel_template_find_param (t, "pattern");
  g_assert_cmpint (reel_template_get_param_type (t, i), ==,
      REEL_TEMPLATE_PARAM_ENUM);
  g_assert_true (
      g_strv_contains (reel_template_get_param_choices (t, i), "ball"));
  g_assert_null (reel_template_get_param_range (t, i));

  i = reel_template_find_param (t, "framerate");
  g_assert_cmpstr (reel_template_param_type_to_string (
                       reel_template_get_param_type (t, i)),
      ==, "fraction");
  g_assert_cmpstr (reel_template_get_param_range (t, i), ==, "1/1..240/1");

  help = reel_template_describe (t);
  g_assert_true (g_str_has_prefix (help, "test-pattern: Generate"));
  g_assert_nonnull (strstr (help, "  width (int, 16..7680; default \"1280\")\n"
                                  "      Frame width in pixels.\n"));
  g_assert_nonnull (strstr (help, "  framerate (fraction, 1/1..240/1;"));
  g_assert_nonnull (strstr (help, "  pattern (enum: smpte, smpte75, snow,"));
}

static void
test_required_is_described (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("decode-only", &error);
  g_autofree gchar *help = NULL;

  g_assert_no_error (error);
  g_assert_null (reel_template_get_param_default (t, 0));
  help = reel_template_describe (t);
  g_assert_nonnull (strstr (help, "  input (uri; required)\n"));
}

static void
test_unknown_template (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("no-such-template", &error);

  g_assert_null (t);
  g_assert_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_NOT_FOUND);
  assert_message_has (error, "no pipeline template 'no-such-template'");
  assert_message_has (error, "REEL_PIPELINE_PATH");
}

static void
test_bad_names (void)
{
  const gchar *bad[] = { "../etc", "..", "", "a/b", "/etc/passwd",
    "Test-Pattern", "test-pattern.pipeline", "a b", "x\n", NULL };

  for (guint i = 0; bad[i] != NULL; i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (ReelTemplate) t = reel_template_load (bad[i], &error);

    g_assert_null (t);
    g_assert_error (error, REEL_TEMPLATE_ERROR,
        REEL_TEMPLATE_ERROR_INVALID_NAME);
  }
}

static void
test_load_file_missing (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t =
      reel_template_load_file ("/nonexistent/x.pipeline", &error);

  g_assert_null (t);
  g_assert_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------ */
/* Values */

static void
test_missing_required (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-clip", &error);
  g_autofree gchar *line = NULL;
  g_autoptr (GstElement) pipeline = NULL;

  g_assert_no_error (error);
  line = reel_template_to_launch_line (t, NULL, &error);
  g_assert_null (line);
  g_assert_error (error, REEL_TEMPLATE_ERROR,
      REEL_TEMPLATE_ERROR_INVALID_VALUE);
  assert_message_has (error, "template 'test-clip': 1 error");
  assert_message_has (error, "output: required, but no value was given; "
                             "expected a file path");
  g_clear_error (&error);

  pipeline = reel_template_instantiate (t, NULL, &error);
  g_assert_null (pipeline);
  g_assert_error (error, REEL_TEMPLATE_ERROR,
      REEL_TEMPLATE_ERROR_INVALID_VALUE);
}

static void
test_wrong_values (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-pattern", &error);
  g_autoptr (GHashTable) values =
      values_of ("width", "12x", "height", " 720", "num-buffers", "1e3",
          "framerate", "30/0", "sync", "yes", "pattern", "plaid", NULL);

  g_assert_no_error (error);
  g_assert_false (reel_template_validate (t, values, &error));
  g_assert_error (error, REEL_TEMPLATE_ERROR,
      REEL_TEMPLATE_ERROR_INVALID_VALUE);
  /* Every problem at once, each naming the placeholder, the value and what
   * is allowed. */
  assert_message_has (error, "template 'test-pattern': 6 errors");
  assert_message_has (error, "width: \"12x\" is not an integer; expected an "
                             "integer from 16 to 7680");
  assert_message_has (error, "height: \" 720\" is not an integer");
  assert_message_has (error, "num-buffers: \"1e3\" is not an integer");
  assert_message_has (error,
      "framerate: \"30/0\" is not a fraction; "
      "expected a fraction such as 30/1 from 1/1 to 240/1");
  assert_message_has (error, "sync: \"yes\" is not a boolean; expected "
                             "true or false");
  assert_message_has (error, "pattern: \"plaid\" is not allowed; expected "
                             "one of smpte, smpte75, snow,");
}

/* Values are quoted in messages so that a message is always one line of
 * UTF-8, however odd the value. */
static void
test_value_display (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-pattern", &error);
  g_autofree gchar *long_value = g_strnfill (500, 'x');
  /* Not UTF-8: 0xff 0xfe, then a digit. */
  const gchar not_utf8[] = { '\xff', '\xfe', '1', '\0' };
  g_autoptr (GHashTable) values = values_of ("width", not_utf8, "height",
      "1\n2\"", "pattern", long_value, NULL);

  g_assert_no_error (error);
  g_assert_false (reel_template_validate (t, values, &error));
  assert_message_has (error, "width: \"\\xff\\xfe1\" is not valid UTF-8");
  assert_message_has (error, "height: \"1\\n2\\\"\" is not an integer");
  assert_message_has (error, "pattern: \"xxxxxxxxxx");
  assert_message_has (error, "xxx…\" is not allowed");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_out_of_range (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-pattern", &error);
  g_autoptr (GHashTable) values = values_of ("width", "8", "num-buffers", "0",
      "framerate", "500/1", "height", "99999999999999999999", NULL);
  g_autoptr (ReelTemplate) clip = reel_template_load ("test-clip", &error);
  g_autoptr (GHashTable) clip_values =
      values_of ("output", "/tmp/x.mp4", "freq", "20000.5", NULL);

  g_assert_no_error (error);
  g_assert_false (reel_template_validate (t, values, &error));
  assert_message_has (error, "4 errors");
  assert_message_has (error, "width: \"8\" is out of range; expected an "
                             "integer from 16 to 7680");
  assert_message_has (error, "num-buffers: \"0\" is out of range");
  assert_message_has (error, "framerate: \"500/1\" is out of range");
  assert_message_has (error, "height: \"99999999999999999999\" is not an "
                             "integer");
  g_clear_error (&error);

  g_assert_false (reel_template_validate (clip, clip_values, &error));
  assert_message_has (error, "freq: \"20000.5\" is out of range; expected a "
                             "number from 20 to 20000");
}

static void
test_unknown_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("decode-only", &error);
  g_autoptr (GHashTable) values =
      values_of ("input", "/x.mp4", "location", "/etc/passwd", NULL);

  g_assert_no_error (error);
  g_assert_false (reel_template_validate (t, values, &error));
  g_assert_error (error, REEL_TEMPLATE_ERROR,
      REEL_TEMPLATE_ERROR_INVALID_VALUE);
  assert_message_has (error, "location: no such placeholder in template "
                             "'decode-only' (it takes: input)");
}

static void
test_parse_args (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-pattern", &error);
  gchar *good[] = { "width=640", "pattern=ball", "framerate=60/2", NULL };
  gchar *bad[] = { "width", "=3", "height=10", "height=20", "pattern=ball",
    "framerate=x", NULL };
  g_autoptr (GHashTable) values = NULL;
  g_autofree gchar *line = NULL;

  g_assert_no_error (error);
  g_assert_true (reel_template_parse_args (t, good, &values, &error));
  g_assert_no_error (error);
  /* Only what was given; defaults come in when the values are used. */
  g_assert_cmpuint (g_hash_table_size (values), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (values, "width"), ==, "640");
  line = reel_template_to_launch_line (t, values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==,
      "videotestsrc name=src pattern=ball "
      "num-buffers=300 ! capsfilter name=format caps=\"video/x-raw, "
      "width=(int)640, height=(int)720, framerate=(fraction)30/1\" ! "
      "fakesink name=sink sync=false");
  g_clear_pointer (&values, g_hash_table_unref);

  g_assert_false (reel_template_parse_args (t, bad, &values, &error));
  g_assert_null (values);
  assert_message_has (error, "5 errors");
  assert_message_has (error, "\"width\" is not NAME=VALUE");
  assert_message_has (error, "\"=3\" is not NAME=VALUE");
  assert_message_has (error, "height: given more than once");
  assert_message_has (error, "height: \"10\" is out of range");
  assert_message_has (error, "framerate: \"x\" is not a fraction");
}

static void
test_values_from_json (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-clip", &error);
  g_autoptr (JsonNode) good = json_from_string ("{\"output\": \"/tmp/o.mp4\","
                                                " \"frames\": 30, \"freq\": "
                                                "1000, \"pattern\": \"ball\"}",
      NULL);
  g_autoptr (JsonNode) bad =
      json_from_string ("{\"output\": null,"
                        " \"frames\": \"30\", \"freq\": true, \"width\": 64.5,"
                        " \"height\": [1], \"colour\": \"red\"}",
          NULL);
  g_autoptr (GHashTable) values = NULL;

  g_assert_no_error (error);
  g_assert_true (reel_template_values_from_json (t, json_node_get_object (good),
      &values, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (values, "frames"), ==, "30");
  g_assert_cmpstr (g_hash_table_lookup (values, "freq"), ==, "1000");
  g_assert_true (reel_template_validate (t, values, &error));
  g_clear_pointer (&values, g_hash_table_unref);

  g_assert_false (reel_template_values_from_json (t, json_node_get_object (bad),
      &values, &error));
  g_assert_null (values);
  assert_message_has (error, "6 errors");
  assert_message_has (error, "output: must be a string, not null");
  assert_message_has (error, "frames: must be an integer, not a string");
  assert_message_has (error, "freq: must be a number, not a boolean");
  assert_message_has (error, "width: must be an integer, not a number");
  assert_message_has (error, "height: must be an integer, not JsonArray");
  assert_message_has (error, "colour: no such placeholder");
}

/* ------------------------------------------------------------------ */
/* Malformed templates */

#define HEADER "# A test template.\n#\n"

typedef struct {
  const gchar *text;
  const gchar *message; /* expected, after "PATH:" */
} BadTemplate;

static const BadTemplate bad_templates[] = {
  /* Placeholders out of place. */
  { HEADER "# @el: string\n#   x\n${el} name=x ! fakesink\n",
      ":5: '${el}': a placeholder cannot stand for an element" },
  { HEADER "# @w: int\n#   x\nvideotestsrc ! video/x-raw,width=${w} "
           "! fakesink\n",
      ":5: 'video/x-raw,width=${w}': a placeholder cannot stand inside caps" },
  { HEADER "# @p: string\n#   x\nfakesrc ! fakesink name=s ${p}=1\n",
      ":5: '${p}=1': a placeholder cannot stand for a property name" },
  { HEADER "# @x: string\n#   x\nfilesrc name=s location=/tmp/${x} ! "
           "fakesink\n",
      ":5: 'location=/tmp/${x}': a placeholder must be the "
      "whole, unquoted value of a property" },
  { HEADER "# @x: string\n#   x\nfilesrc name=s location=\"${x}\" ! fakesink\n",
      "must be the whole, unquoted value" },
  { HEADER "# @x: string\n#   x\nfakesrc ! fakesink name=${x}\n",
      ":5: 'name=${x}': an element's name is fixed by the template" },
  { HEADER "# @x: string\n#   x\nfakesrc name=s\n ! ${x}.sink fakesink\n",
      ":6: '${x}.sink': a placeholder cannot stand in a pad reference" },
  { HEADER "# @x: string\n#   x\nfilesrc location=${x} ! fakesink\n",
      ":5: ${x} sets a property of 'filesrc' (line 5), which needs a plain "
      "literal name=…" },
  { HEADER "# @x: string\n#   x\nfilesrc name=s location=a\n"
           "  location=${x} ! fakesink\n",
      ":6: 'location=${x}' sets 'location' of element 'filesrc' a second "
      "time" },
  { HEADER "# @x: string\n#   x\nfakesrc ! ( location=${x} )\n",
      ":5: 'location=${x}' is not a property of an element" },
  /* Declarations and uses that do not match. */
  { HEADER "filesrc name=s location=${input} ! fakesink\n",
      ":3: ${input} is not declared in the header; add '# @input: TYPE'" },
  { HEADER "# @input: path\n#   x\n# @unused: int\n#   y\nfakesrc ! fakesink\n",
      ":5: @unused is declared but ${unused} is not used" },
  { HEADER "# @w: int\n#   x\nfakesrc ! capsfilter name=f caps.width=${w} "
           "! fakesink\n",
      ":5: 'caps.width=${w}' refines the caps in caps=… of "
      "element 'f', which the template does not set" },
  { HEADER "# @f: string\n#   x\nfakesrc ! capsfilter name=f caps=video/x-raw"
           " caps.format=${f} ! fakesink\n",
      "a caps field takes an int, double,"
      " boolean, fraction or enum placeholder, not a string" },
  /* The header itself. */
  { "fakesrc ! fakesink\n", ":1: the header must begin with comment lines" },
  { HEADER "# @x: string\nfakesrc name=s x=${x} ! fakesink\n",
      ":3: @x has no description" },
  { HEADER "# @x: text\n#   x\nfakesrc name=s x=${x}\n",
      ":3: @x: 'text' is not a type" },
  { HEADER "# @x int\n", ":3: expected '@NAME: TYPE" },
  { HEADER "# @X: int\n", ":3: 'X' is not a placeholder name" },
  { HEADER "# @x: int 10..1\n#   x\nfakesrc name=s x=${x}\n",
      ":3: @x: range '10..1' has its minimum above its maximum" },
  { HEADER "# @x: int 1..5 = 9\n#   x\nfakesrc name=s x=${x}\n",
      ":3: @x: default \"9\" is out of range; expected an integer from 1 "
      "to 5" },
  { HEADER "# @x: double a..b\n", "range 'a..b' has a bound that is not a "
                                  "number" },
  { HEADER "# @x: string 1..2\n", "a string placeholder takes no range" },
  { HEADER "# @x: enum\n", "an enum lists its choices" },
  { HEADER "# @x: enum a|b c|a\n", "choice 'a' is listed twice" },
  { HEADER "# @x: enum a|b\"c\n", "'b\"c' is not a valid choice" },
  { HEADER "# @x: enum a|b = c\n", "@x: default \"c\" is not allowed" },
  { HEADER "# @x: string = \"open\n", "the quoted default \"open is not "
                                      "closed" },
  { HEADER "# @x: string\n#   x\n# @x: int\n#   y\n",
      ":5: @x is declared twice" },
  { HEADER "# @x: string\n#   x\n# stray text\nfakesrc name=s x=${x}\n",
      ":5: a placeholder's description is indented" },
  { HEADER "fakesrc ! fakesink\n# @late: int\n",
      ":4: placeholders are declared in the header" },
  { HEADER, "there is no pipeline after the header" },
  { HEADER "filesrc name=s location=\"open ! fakesink\n",
      ":3: a double-quoted value is never closed" },
  { HEADER "fakesrc name=a ! fakesink name=a\n",
      ":3: two elements are named 'a'" },
};

static void
test_bad_templates (TmpFixture *fixture, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_templates); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (ReelTemplate) t = NULL;
    g_autofree gchar *name = g_strdup_printf ("bad-%u", i);
    g_autofree gchar *where = NULL;

    t = load_text (fixture, name, bad_templates[i].text, &error);
    if (t != NULL)
      g_error ("bad template %u loaded:\n%s", i, bad_templates[i].text);
    g_assert_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_SYNTAX);
    /* The message names the file … */
    where = g_strdup_printf ("%s/%s.pipeline:", fixture->dir, name);
    assert_message_has (error, where);
    /* … and the line and the problem. */
    assert_message_has (error, bad_templates[i].message);
  }
}

static void
test_all_errors_reported (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = load_text (fixture, "many",
      HEADER "# @a: string\n#   x\n# @b: int\n#   y\n"
             "filesrc name=s location=${c} ! fakesink ${a}=1\n",
      &error);

  g_assert_null (t);
  /* A misplaced ${a} is not also reported as unused. */
  assert_message_has (error, "pipeline template 'many': 3 errors");
  assert_message_has (error, "many.pipeline:7: ${c} is not declared");
  assert_message_has (error, "many.pipeline:7: '${a}=1'");
  assert_message_has (error, "many.pipeline:5: @b is declared but");
  g_assert_null (strstr (error->message, "@a is declared"));
}

static void
test_good_template_syntax (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = load_text (fixture, "good",
      "# First line.\n# Second line.\n#\n# Second paragraph.\n\n"
      "# @text: string = \"  padded \\\"x\\\"  \"\n#   Some text,\n"
      "#   over two lines.\n#\n# @ratio: double ..1.5 = -2\n#\tTab-indented.\n"
      "\n# A comment in the body.\n"
      "fakesrc name=src num-buffers = 1 ! identity name=id\n"
      "  # another comment\n"
      "  silent=false drop-probability=${ratio} ! fakesink name=sink\n"
      "  ts-offset =0\nfilesrc name=f location= ${text} ! fakesink\n",
      &error);
  g_autoptr (GHashTable) values = values_of ("ratio", "0.5", NULL);
  g_autofree gchar *line = NULL;
  g_autoptr (GstElement) pipeline = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (reel_template_get_description (t), ==,
      "First line.\nSecond line.\n\nSecond paragraph.");
  g_assert_cmpstr (reel_template_get_summary (t), ==,
      "First line. Second line.");
  g_assert_cmpstr (reel_template_get_param_default (t, 0), ==,
      "  padded \"x\"  ");
  g_assert_cmpstr (reel_template_get_param_description (t, 0), ==,
      "Some text, over two lines.");
  g_assert_cmpstr (reel_template_get_param_range (t, 1), ==, "..1.5");
  g_assert_cmpstr (reel_template_get_param_description (t, 1), ==,
      "Tab-indented.");

  /* `key = value` is one word, as for gst-launch. */
  line = reel_template_to_launch_line (t, values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==,
      "fakesrc name=src num-buffers=1 ! identity "
      "name=id silent=false drop-probability=0.5 ! fakesink name=sink "
      "ts-offset=0 filesrc name=f location=\"  padded \\\"x\\\"  \" ! "
      "fakesink");
  assert_equivalent (t, values,
      (const gchar *[]){ "src", "id", "sink", "f", NULL });

  /* The template allows -2; the element does not. */
  pipeline = reel_template_instantiate (t, NULL, &error);
  g_assert_null (pipeline);
  g_assert_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_PIPELINE);
  assert_message_has (error,
      "ratio: -2 cannot set property "
      "'drop-probability' of element 'id' (identity): it takes 0 to 1");
}

static void
test_two_placeholders_one_value (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = load_text (fixture, "twice",
      HEADER "# @n: int 1..100 = 5\n#   Buffers.\n"
             "fakesrc name=a num-buffers=${n} ! fakesink\n"
             "fakesrc name=b num-buffers=${n} ! fakesink\n",
      &error);
  g_autoptr (GHashTable) values = values_of ("n", "7", NULL);
  g_autofree gchar *line = NULL;

  g_assert_no_error (error);
  line = reel_template_to_launch_line (t, values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==,
      "fakesrc name=a num-buffers=7 ! fakesink "
      "fakesrc name=b num-buffers=7 ! fakesink");
  assert_equivalent (t, values, (const gchar *[]){ "a", "b", NULL });
}

/* ------------------------------------------------------------------ */
/* Injection */

static const gchar *const hostile[] = {
  "x ! fakesink name=evil",
  "a\" name=evil",
  "a\" ! fakesink name=evil ! fakesrc location=\"b",
  "\" location=/etc/passwd",
  "line one\nline two ! fakesink name=evil",
  "${other}",
  "back\\slash",
  "trailing backslash\\",
  "two trailing\\\\",
  "\\",
  "a b\\",
  "\"both\\\"",
  "\\\" name=evil",
  "\\\\\" name=evil \\",
  "NULL",
  "\"quoted\"",
  "\"",
  "'single' $HOME `id` $(id)",
  "tab\there; semi, comma (paren) {brace}",
  "café ✓",
  "",
  "name=evil",
};

static void
test_injection (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = load_text (fixture, "inject",
      HEADER
      "# @input: string\n#   Any text.\n"
      "# @other: string = unused\n#   More text.\n"
      "filesrc name=src location=${input} ! identity name=id silent=true\n"
      "  ! fakesink name=sink\n"
      "fakesrc name=other num-buffers=1 ! fakesink name=osink sync=false\n"
      "fakesrc name=more ! filesink name=out location=${other}\n",
      &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++) {
    g_autoptr (GHashTable) values = values_of ("input", hostile[i], NULL);
    g_autofree gchar *line = reel_template_to_launch_line (t, values, &error);
    g_autoptr (GstElement) built = NULL;
    g_autoptr (GstElement) parsed = NULL;
    g_autoptr (GstElement) src = NULL;
    g_autoptr (GstElement) evil = NULL;
    g_autofree gchar *location = NULL;

    g_assert_no_error (error);
    parsed = parse_printed (line);
    /* No element more than the template has … */
    g_assert_cmpuint (count_leaves (parsed), ==, 7);
    evil = find_element (parsed, "evil");
    g_assert_null (evil);
    /* … and the property holds the text exactly. */
    src = find_element (parsed, "src");
    g_object_get (src, "location", &location, NULL);
    if (g_strcmp0 (location, hostile[i]) != 0)
      g_error ("value %u: printed line %s gave location \"%s\"", i, line,
          location);
    g_clear_pointer (&location, g_free);
    g_clear_object (&src);

    built = reel_template_instantiate (t, values, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_leaves (built), ==, 7);
    src = find_element (built, "src");
    g_object_get (src, "location", &location, NULL);
    g_assert_cmpstr (location, ==, hostile[i]);

    assert_equivalent (t, values,
        (const gchar *[]){ "src", "id", "sink", "other", "osink", "more", "out",
            NULL });
  }
}

/* Values for typed placeholders are printed from the parsed number, never
 * copied: text after a number cannot ride along. */
static void
test_typed_values_printed_from_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-pattern", &error);
  const gchar *sneaky[] = { "width", "640 ! fakesink name=evil", "width",
    "640\"", "framerate", "30/1 name=evil", "sync", "false ", "pattern",
    "smpte name=evil", "num-buffers", "-0", "num-buffers", "+5", "num-buffers",
    "0x10", NULL };

  g_assert_no_error (error);
  for (guint i = 0; sneaky[i] != NULL; i += 2) {
    g_autoptr (GHashTable) values = values_of (sneaky[i], sneaky[i + 1], NULL);
    g_autofree gchar *line = reel_template_to_launch_line (t, values, &error);

    g_assert_null (line);
    g_assert_error (error, REEL_TEMPLATE_ERROR,
        REEL_TEMPLATE_ERROR_INVALID_VALUE);
    g_clear_error (&error);
  }
  {
    g_autoptr (GHashTable) values =
        values_of ("framerate", "60000/2002", "width", "0640", NULL);
    g_autofree gchar *line = reel_template_to_launch_line (t, values, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (line, "width=(int)640,"));
    g_assert_nonnull (strstr (line, "framerate=(fraction)30000/1001\""));
  }
}

/* ------------------------------------------------------------------ */
/* Printing and building */

static void
test_decode_only_golden (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("decode-only", &error);
  g_autoptr (GHashTable) values = values_of ("input", "/media/clip.mp4", NULL);
  g_autoptr (GHashTable) as_uri =
      values_of ("input", "file:///media/clip.mp4", NULL);
  g_autofree gchar *line = NULL;
  g_autofree gchar *line2 = NULL;
  g_autofree gchar *cmd = NULL;

  g_assert_no_error (error);
  line = reel_template_to_launch_line (t, values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, DECODE_ONLY_GOLDEN);
  line2 = reel_template_to_launch_line (t, as_uri, &error);
  g_assert_cmpstr (line2, ==, DECODE_ONLY_GOLDEN);

  cmd = reel_template_to_shell_command (t, values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cmd, ==,
      "gst-launch-1.0 -e playbin name=play 'uri=\"file:///media/clip.mp4\"' "
      "flags=audio+video+native-audio+native-video "
      "'video-sink=\"fakesink sync=false\"' "
      "'audio-sink=\"fakesink sync=false\"'");
}

static void
test_relative_uri (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("decode-only", &error);
  g_autoptr (GHashTable) values = values_of ("input", "clip 1.mp4", NULL);
  g_autofree gchar *line = reel_template_to_launch_line (t, values, &error);
  g_autofree gchar *cwd = g_get_current_dir ();
  g_autofree gchar *abs = g_build_filename (cwd, "clip 1.mp4", NULL);
  g_autofree gchar *uri = g_filename_to_uri (abs, NULL, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, uri));
  g_assert_nonnull (strstr (line, "clip%201.mp4"));
}

typedef struct {
  const gchar *name;
  const gchar *values[7];
  const gchar *elements[6];
} ShippedCase;

/* Every shipped template: the printed line builds what instantiate builds. */
static void
test_shipped_equivalent (void)
{
  const ShippedCase cases[] = {
    { "analyse", { "input", "/media/x y.mp4", NULL }, { "play", NULL } },
    { "decode-only", { "input", "/media/x y.mp4", NULL }, { "play", NULL } },
    { "test-pattern",
        { "pattern", "ball", "framerate", "30000/1001", "sync", "true", NULL },
        { "src", "format", "sink", NULL } },
    { "test-clip",
        { "output", "/tmp/never written.mp4", "freq", "1234.5", NULL },
        { "video", "format", "mux", "out", "audio", NULL } },
  };
  g_autoptr (GDir) dir = g_dir_open (REEL_SOURCE_PIPELINEDIR, 0, NULL);
  const gchar *entry;

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (ReelTemplate) t = reel_template_load (cases[i].name, &error);
    g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr (GstElement) probe = NULL;

    g_assert_no_error (error);
    for (guint j = 0; cases[i].values[j] != NULL; j += 2)
      g_hash_table_insert (values, (gpointer) cases[i].values[j],
          (gpointer) cases[i].values[j + 1]);
    probe = reel_template_instantiate (t, values, &error);
    if (g_error_matches (error, REEL_TEMPLATE_ERROR,
            REEL_TEMPLATE_ERROR_MISSING_ELEMENT)) {
      g_test_message ("skipping %s: %s", cases[i].name, error->message);
      continue;
    }
    g_assert_no_error (error);
    assert_equivalent (t, values, cases[i].elements);
  }
  /* A new template in pipelines/ needs a case here. */
  while ((entry = g_dir_read_name (dir)) != NULL) {
    gboolean found = FALSE;

    if (!g_str_has_suffix (entry, ".pipeline"))
      continue;
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
      g_autofree gchar *file = g_strconcat (cases[i].name, ".pipeline", NULL);

      found |= g_strcmp0 (entry, file) == 0;
    }
    if (!found)
      g_error ("pipelines/%s has no case in test_shipped_equivalent", entry);
  }
}

static void
test_run_test_pattern (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = reel_template_load ("test-pattern", &error);
  g_autoptr (GHashTable) values = values_of ("num-buffers", "5", "width", "64",
      "height", "48", "framerate", "25/1", "pattern", "ball", NULL);
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstElement) sink = NULL;
  g_autoptr (GstSample) sample = NULL;
  GstStructure *s;
  gint width, height, num, den;

  g_assert_no_error (error);
  pipeline = reel_template_instantiate (t, values, &error);
  g_assert_no_error (error);
  sink = find_element (pipeline, "sink");
  g_object_set (sink, "enable-last-sample", TRUE, NULL);
  g_assert_true (run_to_eos (pipeline, sink, &sample, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sample);
  s = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
  g_assert_true (gst_structure_get_int (s, "width", &width));
  g_assert_true (gst_structure_get_int (s, "height", &height));
  g_assert_true (gst_structure_get_fraction (s, "framerate", &num, &den));
  g_assert_cmpint (width, ==, 64);
  g_assert_cmpint (height, ==, 48);
  g_assert_cmpint (num, ==, 25);
  g_assert_cmpint (den, ==, 1);
  /* The fifth frame of five at 25 fps starts at 160 ms. */
  g_assert_cmpuint (GST_BUFFER_PTS (gst_sample_get_buffer (sample)), ==,
      160 * GST_MSECOND);
}

/* test-clip makes a file with audio and video; decode-only decodes it, and
 * also a file with no audio at all. */
static void
test_run_clip_and_decode (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) clip = reel_template_load ("test-clip", &error);
  g_autoptr (ReelTemplate) decode = reel_template_load ("decode-only", &error);
  g_autoptr (ReelTemplate) video_only = load_text (fixture, "video-only",
      HEADER "# @output: path\n#   x\n"
             "videotestsrc num-buffers=5 ! video/x-raw,width=64,height=48 "
             "! x264enc ! mp4mux ! filesink name=out location=${output}\n",
      &error);
  g_autofree gchar *av = g_build_filename (fixture->dir, "a v.mp4", NULL);
  g_autofree gchar *v = g_build_filename (fixture->dir, "v.mp4", NULL);
  const gchar *files[] = { av, v };
  ReelTemplate *makers[] = { clip, video_only };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++) {
    g_autoptr (GHashTable) make = values_of ("output", files[i], NULL);
    g_autoptr (GHashTable) read = values_of ("input", files[i], NULL);
    g_autoptr (GstElement) maker = NULL;
    g_autoptr (GstElement) decoder = NULL;
    GStatBuf st;

    if (i == 0)
      g_hash_table_insert (make, g_strdup ("frames"), g_strdup ("10"));
    maker = reel_template_instantiate (makers[i], make, &error);
    if (g_error_matches (error, REEL_TEMPLATE_ERROR,
            REEL_TEMPLATE_ERROR_MISSING_ELEMENT)) {
      g_test_skip (error->message);
      return;
    }
    g_assert_no_error (error);
    g_assert_true (run_to_eos (maker, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (files[i], &st), ==, 0);
    g_assert_cmpint (st.st_size, >, 1000);

    decoder = reel_template_instantiate (decode, read, &error);
    g_assert_no_error (error);
    g_assert_true (run_to_eos (decoder, NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_missing_element (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = load_text (fixture, "missing",
      HEADER "# @v: int = 1\n#   x\n"
             "fakesrc ! reelnosuchelement name=x foo=${v} ! fakesink\n",
      &error);
  g_autoptr (GstElement) pipeline = NULL;
  g_autofree gchar *line = NULL;

  g_assert_no_error (error);
  /* Printing needs no element … */
  line = reel_template_to_launch_line (t, NULL, &error);
  g_assert_no_error (error);
  /* … building does. */
  pipeline = reel_template_instantiate (t, NULL, &error);
  g_assert_null (pipeline);
  g_assert_error (error, REEL_TEMPLATE_ERROR,
      REEL_TEMPLATE_ERROR_MISSING_ELEMENT);
  assert_message_has (error, "template 'missing' needs the GStreamer element "
                             "'reelnosuchelement', which is not installed");
}

static void
test_property_mismatch (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = load_text (fixture, "mismatch",
      HEADER "# @text: string = x\n#   Bound to a boolean.\n"
             "# @n: int = 5000000000\n#   Beyond num-buffers' range.\n"
             "# @typo: int = 1\n#   No such property.\n"
             "# @ro: string = x\n#   A read-only property.\n"
             "# @pattern: enum smpte|plaid = plaid\n#   Not a pattern.\n"
             "videotestsrc name=src num-buffers=${n} pattern=${pattern}\n"
             "  ! identity name=id silent=${text} ! fakesink name=sink\n"
             "  no-such-property=${typo} last-message=${ro}\n",
      &error);
  g_autoptr (GstElement) pipeline = NULL;

  g_assert_no_error (error);
  pipeline = reel_template_instantiate (t, NULL, &error);
  g_assert_null (pipeline);
  g_assert_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_PIPELINE);
  assert_message_has (error, "template 'mismatch': 5 errors");
  assert_message_has (error,
      "n: 5000000000 cannot set property "
      "'num-buffers' of element 'src' (videotestsrc): it takes -1 to "
      "2147483647");
  assert_message_has (error,
      "pattern: plaid cannot set property 'pattern' "
      "of element 'src' (videotestsrc): 'plaid' is not a value of "
      "GstVideoTestSrcPattern (it takes smpte, snow,");
  assert_message_has (error,
      "text: \"x\" cannot set property 'silent' of "
      "element 'id' (identity): it holds a gboolean, which a string "
      "placeholder cannot set");
  assert_message_has (error, "typo: element 'sink' (fakesink) has no "
                             "property 'no-such-property'");
  assert_message_has (error, "ro: property 'last-message' of element 'sink' "
                             "(fakesink) cannot be set");
}

/* The shell form, run by a real shell and gst-launch-1.0, reads a file
 * whose name is full of shell and gst-launch syntax. */
static void
test_shell_command_runs (TmpFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTemplate) t = load_text (fixture, "read",
      HEADER "# @input: path\n#   The file to read.\n"
             "filesrc name=src location=${input} ! fakesink name=sink\n",
      &error);
  g_autofree gchar *launcher = g_find_program_in_path ("gst-launch-1.0");
  const gchar *names[] = { "it's \"a\" file ! fakesink name=x $HOME `id`",
    "back\\slash\\", "NULL" };

  g_assert_no_error (error);
  if (launcher == NULL) {
    g_test_skip ("gst-launch-1.0 is not installed");
    return;
  }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree gchar *path = write_file (fixture, names[i], "some bytes");
    g_autofree gchar *missing = g_strconcat (path, ".missing", NULL);
    g_autoptr (GHashTable) values = values_of ("input", path, NULL);
    g_autoptr (GHashTable) absent = values_of ("input", missing, NULL);
    g_autofree gchar *cmd = reel_template_to_shell_command (t, values, &error);
    g_autofree gchar *bad_cmd =
        reel_template_to_shell_command (t, absent, &error);
    const gchar *argv[] = { "/bin/sh", "-c", cmd, NULL };
    const gchar *bad_argv[] = { "/bin/sh", "-c", bad_cmd, NULL };
    gint status;

    g_assert_no_error (error);
    g_spawn_sync (NULL, (gchar **) argv, NULL,
        G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
        NULL, NULL, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("failed: %s", cmd);

    /* And a file that is not there fails, so the above really read one. */
    g_spawn_sync (NULL, (gchar **) bad_argv, NULL,
        G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
        NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
  }
}

int
main (int argc, char **argv)
{
  /* Run from the build tree without meson's environment too. */
  g_setenv ("REEL_PIPELINE_PATH", REEL_SOURCE_PIPELINEDIR, FALSE);
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD_TMP(path, func)                                                    \
  g_test_add (path, TmpFixture, NULL, tmp_setup, func, tmp_teardown)

  g_test_add_func ("/media/template/list", test_list);
  ADD_TMP ("/media/template/list-search-path", test_list_search_path);
  g_test_add_func ("/media/template/load", test_load);
  g_test_add_func ("/media/template/required-is-described",
      test_required_is_described);
  g_test_add_func ("/media/template/unknown", test_unknown_template);
  g_test_add_func ("/media/template/bad-names", test_bad_names);
  g_test_add_func ("/media/template/load-file-missing", test_load_file_missing);
  g_test_add_func ("/media/template/values/missing-required",
      test_missing_required);
  g_test_add_func ("/media/template/values/wrong", test_wrong_values);
  g_test_add_func ("/media/template/values/display", test_value_display);
  g_test_add_func ("/media/template/values/out-of-range", test_out_of_range);
  g_test_add_func ("/media/template/values/unknown-key", test_unknown_key);
  g_test_add_func ("/media/template/values/parse-args", test_parse_args);
  g_test_add_func ("/media/template/values/json", test_values_from_json);
  ADD_TMP ("/media/template/syntax/bad", test_bad_templates);
  ADD_TMP ("/media/template/syntax/all-errors", test_all_errors_reported);
  ADD_TMP ("/media/template/syntax/good", test_good_template_syntax);
  ADD_TMP ("/media/template/syntax/placeholder-twice",
      test_two_placeholders_one_value);
  ADD_TMP ("/media/template/injection/strings", test_injection);
  g_test_add_func ("/media/template/injection/typed",
      test_typed_values_printed_from_parse);
  g_test_add_func ("/media/template/print/decode-only-golden",
      test_decode_only_golden);
  g_test_add_func ("/media/template/print/relative-uri", test_relative_uri);
  g_test_add_func ("/media/template/print/shipped-equivalent",
      test_shipped_equivalent);
  ADD_TMP ("/media/template/print/shell-command-runs", test_shell_command_runs);
  g_test_add_func ("/media/template/run/test-pattern", test_run_test_pattern);
  ADD_TMP ("/media/template/run/clip-and-decode", test_run_clip_and_decode);
  ADD_TMP ("/media/template/build/missing-element", test_missing_element);
  ADD_TMP ("/media/template/build/property-mismatch", test_property_mismatch);

  return g_test_run ();
}
