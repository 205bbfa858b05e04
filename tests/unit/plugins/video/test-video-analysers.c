/* Unit tests of the video plugin's reel side (plugins/video/reel-video.c):
 * the module loads into a registry with its four analysers available, each
 * schema's parameters are properties of its element (the host sets them by
 * name), and each summarise function turns a synthetic message list into a
 * section of the right shape — or a clear error when no frame was
 * analysed. */
#include "reel-registry.h"

#include <gst/gst.h>

typedef struct {
  ReelRegistry *registry;
  GPtrArray *messages;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->registry = reel_registry_new ();
  g_assert_true (
      reel_registry_load_file (f->registry, REEL_VIDEO_MODULE, &error));
  g_assert_no_error (error);
  f->messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->messages);
  reel_registry_free (f->registry);
}

static ReelComponent *
analyser (Fixture *f, const gchar *name)
{
  g_autoptr (GError) error = NULL;
  ReelComponent *c =
      reel_registry_lookup (f->registry, REEL_COMPONENT_ANALYSER, name, &error);
  const gchar *reason = NULL;

  g_assert_no_error (error);
  g_assert_true (reel_component_is_available (c, &reason));
  return c;
}

static JsonObject *
default_params (ReelComponent *c)
{
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  JsonObject *params = reel_component_validate_params (c, NULL, "p", errors);

  g_assert_cmpuint (reel_field_errors_get_count (errors), ==, 0);
  return params;
}

static void
add_eos (Fixture *f, const gchar *name, guint64 frames)
{
  g_ptr_array_add (f->messages,
      gst_structure_new (name, "eos", G_TYPE_BOOLEAN, TRUE, "frames",
          G_TYPE_UINT64, frames, "timestamp", G_TYPE_UINT64,
          frames * GST_SECOND / 30, NULL));
}

static JsonNode *
summarise (Fixture *f, const gchar *name, GstClockTime duration,
    ReelStoreFunc store, gpointer store_data, GError **error)
{
  ReelComponent *c = analyser (f, name);
  g_autoptr (JsonObject) params = default_params (c);

  return reel_component_summarise (c, params, duration, f->messages, store,
      store_data, error);
}

static void
test_loads (Fixture *f, gconstpointer data)
{
  const gchar *names[] = { "scenes", "motion", "black", "thumbnails" };
  const gchar *elements[] = { "reelscenes", "reelmotion", "reelblack",
    "reelthumbnails" };

  g_assert_nonnull (reel_registry_find_plugin (f->registry, "video"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    ReelComponent *c = analyser (f, names[i]);
    const ReelAnalyserInfo *info = reel_component_get_analyser_info (c);
    ReelParamSchema *schema = reel_component_get_params (c);
    g_autoptr (GstElement) e = NULL;

    g_assert_cmpstr (info->element, ==, elements[i]);
    g_assert_true (info->stream == REEL_STREAM_VIDEO);
    e = gst_element_factory_make (info->element, NULL);
    g_assert_nonnull (e);
    /* Every parameter is a property of the element, of the same name. */
    for (guint p = 0; p < reel_param_schema_get_n_params (schema); p++) {
      const gchar *pname = reel_param_schema_get_name (schema, p);

      g_test_message ("%s: %s", names[i], pname);
      g_assert_nonnull (
          g_object_class_find_property (G_OBJECT_GET_CLASS (e), pname));
    }
  }
}

static void
add_transition (Fixture *f, const gchar *kind, gdouble ts, gdouble start,
    gdouble end, gdouble score)
{
  g_ptr_array_add (f->messages,
      gst_structure_new ("reel-scene", "kind", G_TYPE_STRING, kind, "timestamp",
          G_TYPE_UINT64, (guint64) (ts * GST_SECOND), "start", G_TYPE_UINT64,
          (guint64) (start * GST_SECOND), "end", G_TYPE_UINT64,
          (guint64) (end * GST_SECOND), "frame", G_TYPE_UINT64,
          (guint64) (ts * 30), "score", G_TYPE_DOUBLE, score, NULL));
}

static void
test_scenes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *a;
  JsonObject *s, *t;

  add_transition (f, "cut", 2.0, 2.0, 2.0, 0.8);
  add_transition (f, "dissolve", 6.0, 5.5, 6.5, 0.7);
  add_eos (f, "reel-scene", 300);
  node = summarise (f, "scenes", 10 * GST_SECOND, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);

  s = json_array_get_object_element (a, 0);
  g_assert_cmpfloat (json_object_get_double_member (s, "start"), ==, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (s, "end"), ==, 2.0);
  g_assert_cmpfloat (json_object_get_double_member (s, "score"), ==, 0.0);
  g_assert_false (json_object_has_member (s, "transition"));

  s = json_array_get_object_element (a, 1);
  g_assert_cmpfloat (json_object_get_double_member (s, "start"), ==, 2.0);
  g_assert_cmpfloat (json_object_get_double_member (s, "end"), ==, 6.0);
  g_assert_cmpfloat (json_object_get_double_member (s, "score"), ==, 0.8);
  t = json_object_get_object_member (s, "transition");
  g_assert_cmpstr (json_object_get_string_member (t, "kind"), ==, "cut");
  g_assert_cmpfloat (json_object_get_double_member (t, "start"), ==, 2.0);
  g_assert_cmpfloat (json_object_get_double_member (t, "end"), ==, 2.0);
  g_assert_cmpuint (json_object_get_size (t), ==, 3);

  s = json_array_get_object_element (a, 2);
  g_assert_cmpfloat (json_object_get_double_member (s, "start"), ==, 6.0);
  g_assert_cmpfloat (json_object_get_double_member (s, "end"), ==, 10.0);
  t = json_object_get_object_member (s, "transition");
  g_assert_cmpstr (json_object_get_string_member (t, "kind"), ==, "dissolve");
  g_assert_cmpfloat (json_object_get_double_member (t, "start"), ==, 5.5);
  g_assert_cmpfloat (json_object_get_double_member (t, "end"), ==, 6.5);
  g_assert_cmpuint (json_object_get_size (s), ==, 4);
}

/* Without a duration, the last scene ends where the last frame ended. */
static void
test_scenes_no_cut (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *a;

  add_eos (f, "reel-scene", 90);
  node = summarise (f, "scenes", GST_CLOCK_TIME_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (
                         json_array_get_object_element (a, 0), "end"),
      ==, 3.0);
}

static void
test_no_frames (Fixture *f, gconstpointer data)
{
  const gchar *names[] = { "scenes", "motion", "black", "thumbnails" };
  const gchar *messages[] = { "reel-scene", "reel-motion", "reel-black",
    "reel-thumbnail" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    for (guint with_eos = 0; with_eos < 2; with_eos++) {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;

      g_ptr_array_set_size (f->messages, 0);
      if (with_eos)
        add_eos (f, messages[i], 0);
      node = summarise (f, names[i], 10 * GST_SECOND, NULL, NULL, &error);
      g_assert_null (node);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "no video frame was analysed"));
    }
  }
}

static void
test_motion (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *a;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (f->messages,
        gst_structure_new ("reel-motion", "timestamp", G_TYPE_UINT64,
            i * GST_SECOND, "duration", G_TYPE_UINT64, GST_SECOND, "value",
            G_TYPE_DOUBLE, 0.25 * i, "frames", G_TYPE_UINT, 30, NULL));
  add_eos (f, "reel-motion", 90);
  node = summarise (f, "motion", 3 * GST_SECOND, NULL, NULL, &error);
  g_assert_no_error (error);
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  for (guint i = 0; i < 3; i++) {
    JsonObject *o = json_array_get_object_element (a, i);

    g_assert_cmpuint (json_object_get_size (o), ==, 2);
    g_assert_cmpfloat (json_object_get_double_member (o, "time"), ==, i);
    g_assert_cmpfloat (json_object_get_double_member (o, "value"), ==,
        0.25 * i);
  }
}

static void
test_black (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *o;

  g_ptr_array_add (f->messages,
      gst_structure_new ("reel-black", "start", G_TYPE_UINT64, 2 * GST_SECOND,
          "end", G_TYPE_UINT64, 3 * GST_SECOND, "frames", G_TYPE_UINT64,
          (guint64) 30, NULL));
  add_eos (f, "reel-black", 150);
  node = summarise (f, "black", 5 * GST_SECOND, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  o = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpuint (json_object_get_size (o), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (o, "start"), ==, 2.0);
  g_assert_cmpfloat (json_object_get_double_member (o, "end"), ==, 3.0);

  /* Frames but no black: an empty list, not an error. */
  g_ptr_array_set_size (f->messages, 0);
  add_eos (f, "reel-black", 150);
  g_clear_pointer (&node, json_node_unref);
  node = summarise (f, "black", 5 * GST_SECOND, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
}

static gchar *
store (const gchar *name, GBytes *bytes, gpointer user_data, GError **error)
{
  GHashTable *kept = user_data;

  g_hash_table_insert (kept, g_strdup (name), g_bytes_ref (bytes));
  return g_strdup_printf ("https://media.example/%s", name);
}

static void
add_thumbnail (Fixture *f, gdouble ts, guint scene, gboolean poster)
{
  static const guint8 jpeg[] = { 0xFF, 0xD8, 0xFF, 0xD9 };
  g_autoptr (GstBuffer) buf = gst_buffer_new_memdup (jpeg, sizeof (jpeg));

  g_ptr_array_add (f->messages,
      gst_structure_new ("reel-thumbnail", "timestamp", G_TYPE_UINT64,
          (guint64) (ts * GST_SECOND), "scene", G_TYPE_UINT, scene, "poster",
          G_TYPE_BOOLEAN, poster, "width", G_TYPE_INT, 320, "height",
          G_TYPE_INT, 180, "jpeg", GST_TYPE_BUFFER, buf, NULL));
}

static void
test_thumbnails (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, (GDestroyNotify) g_bytes_unref);
  JsonArray *a;
  JsonObject *o;

  add_thumbnail (f, 1.0, 0, FALSE);
  add_thumbnail (f, 4.0, 1, FALSE);
  add_thumbnail (f, 4.5, 1, TRUE);
  add_eos (f, "reel-thumbnail", 150);
  node = summarise (f, "thumbnails", 5 * GST_SECOND, store, kept, &error);
  g_assert_no_error (error);
  a = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_cmpuint (g_hash_table_size (kept), ==, 3);
  g_assert_cmpuint (g_bytes_get_size (
                        g_hash_table_lookup (kept, "thumb-000.jpg")),
      ==, 4);
  g_assert_true (g_hash_table_contains (kept, "thumb-001.jpg"));
  g_assert_true (g_hash_table_contains (kept, "poster.jpg"));

  o = json_array_get_object_element (a, 1);
  g_assert_cmpuint (json_object_get_size (o), ==, 6);
  g_assert_cmpfloat (json_object_get_double_member (o, "time"), ==, 4.0);
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==,
      "https://media.example/thumb-001.jpg");
  g_assert_cmpint (json_object_get_int_member (o, "width"), ==, 320);
  g_assert_cmpint (json_object_get_int_member (o, "height"), ==, 180);
  g_assert_cmpint (json_object_get_int_member (o, "scene"), ==, 1);
  g_assert_false (json_object_get_boolean_member (o, "poster"));
  o = json_array_get_object_element (a, 2);
  g_assert_true (json_object_get_boolean_member (o, "poster"));
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==,
      "https://media.example/poster.jpg");

  /* A host that keeps no files: the error says so. */
  g_clear_pointer (&node, json_node_unref);
  node = summarise (f, "thumbnails", 5 * GST_SECOND, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

#define ADD(path, fn)                                                          \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/video/analysers/loads", test_loads);
  ADD ("/video/analysers/scenes", test_scenes);
  ADD ("/video/analysers/scenes-no-cut", test_scenes_no_cut);
  ADD ("/video/analysers/no-frames", test_no_frames);
  ADD ("/video/analysers/motion", test_motion);
  ADD ("/video/analysers/black", test_black);
  ADD ("/video/analysers/thumbnails", test_thumbnails);
#undef ADD
  return g_test_run ();
}
