/* Unit tests of the plugin host (core/plugin/reel-registry.c): loading the
 * example plugin, refusing each kind of broken module with a message naming
 * its file while loading the rest, listing everything as JSON, and running
 * each kind of component the example plugin registers. */
#include "reel-registry.h"
#include "reel-param-private.h"
#include "reel-json.h"
#include "reel-model.h"

#include <glib/gstdio.h>

typedef struct {
  ReelRegistry *registry;
} Fixture;

static gchar *
fixture_path (const gchar *name)
{
  return g_strdup_printf ("%s/libfixture-%s.so", REEL_FIXTURE_DIR, name);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->registry = reel_registry_new ();
  reel_registry_load_default (f->registry);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  reel_registry_free (f->registry);
}

static void
test_example_loads (Fixture *f, gconstpointer data)
{
  ReelPlugin *p = reel_registry_find_plugin (f->registry, "example");
  g_autoptr (GError) error = NULL;
  ReelComponent *gen;

  g_assert_nonnull (p);
  g_assert_cmpstr (reel_plugin_get_version (p), ==, "1.0.0");
  g_assert_true (
      g_str_has_suffix (reel_plugin_get_filename (p), "libreelexample.so"));
  g_assert_cmpuint (reel_registry_get_n_load_errors (f->registry), ==, 0);

  gen = reel_registry_lookup (f->registry, REEL_COMPONENT_GENERATOR,
      "example-montage", &error);
  g_assert_no_error (error);
  g_assert_true (reel_component_get_plugin (gen) == p);
  g_assert_true (
      reel_param_schema_has (reel_component_get_params (gen), "slice"));
  g_assert_nonnull (reel_registry_lookup (f->registry, REEL_COMPONENT_ANALYSER,
      "example-luma", NULL));
  g_assert_nonnull (reel_registry_lookup (f->registry, REEL_COMPONENT_EFFECT,
      "example-tint", NULL));
}

static void
test_lookup_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (reel_registry_lookup (f->registry, REEL_COMPONENT_GENERATOR,
      "highlightz", &error));
  g_assert_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
      "no generator named 'highlightz'; "
      "available: example-montage");
}

/* Each broken module is refused with a message naming its file, and the
 * others still load. */
static void
test_broken_modules (Fixture *f, gconstpointer data)
{
  g_autofree gchar *good = fixture_path ("good");
  g_autoptr (GError) error = NULL;
  const struct {
    const gchar *name;
    gint code;
    const gchar *message;
  } refused[] = {
    { "abi-major", REEL_PLUGIN_ERROR_ABI,
        "built for reel plugin ABI 2.0, "
        "but this reel" },
    { "abi-minor", REEL_PLUGIN_ERROR_ABI, "newer than this reel's 1.0" },
    { "bad-name", REEL_PLUGIN_ERROR_INVALID,
        "invalid plugin name 'Bad Name!'" },
    { "duplicate", REEL_PLUGIN_ERROR_INIT,
        "generator 'fixture-gen' is "
        "already registered by plugin 'fixture-good'" },
    { "init-fails", REEL_PLUGIN_ERROR_INIT,
        "plugin 'fixture-init-fails' "
        "failed to initialise: fixture refuses to start" },
    { "no-descriptor", REEL_PLUGIN_ERROR_NO_DESCRIPTOR, "not a reel plugin" },
  };
  guint loaded;

  g_assert_true (reel_registry_load_file (f->registry, good, &error));
  g_assert_no_error (error);

  g_test_expect_message ("reel-plugin", G_LOG_LEVEL_WARNING, "*");
  g_test_expect_message ("reel-plugin", G_LOG_LEVEL_WARNING, "*");
  g_test_expect_message ("reel-plugin", G_LOG_LEVEL_WARNING, "*");
  g_test_expect_message ("reel-plugin", G_LOG_LEVEL_WARNING, "*");
  g_test_expect_message ("reel-plugin", G_LOG_LEVEL_WARNING, "*");
  g_test_expect_message ("reel-plugin", G_LOG_LEVEL_WARNING, "*");
  loaded = reel_registry_load_dir (f->registry, REEL_FIXTURE_DIR);
  g_test_assert_expected_messages ();

  /* good was loaded already; missing-element loads */
  g_assert_cmpuint (loaded, ==, 1);
  g_assert_nonnull (reel_registry_find_plugin (f->registry, "fixture-missing"));
  g_assert_cmpuint (reel_registry_get_n_load_errors (f->registry), ==,
      G_N_ELEMENTS (refused));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++) {
    g_autofree gchar *path = fixture_path (refused[i].name);
    gboolean found = FALSE;

    for (guint e = 0; e < reel_registry_get_n_load_errors (f->registry); e++) {
      const gchar *file;
      const GError *err = reel_registry_get_load_error (f->registry, e, &file);

      if (!g_str_equal (file, path))
        continue;
      found = TRUE;
      g_test_message ("%s", err->message);
      g_assert_error (err, REEL_PLUGIN_ERROR, refused[i].code);
      g_assert_true (g_str_has_prefix (err->message, path));
      g_assert_nonnull (strstr (err->message, refused[i].message));
    }
    g_assert_true (found);
    g_assert_null (reel_registry_find_plugin (f->registry, refused[i].name));
  }
  /* nothing a refused plugin registered stays */
  g_assert_null (reel_registry_lookup (f->registry, REEL_COMPONENT_GENERATOR,
      "fixture-gen-init", NULL));
  g_assert_null (reel_registry_lookup (f->registry, REEL_COMPONENT_EFFECT,
      "fixture-gen-init-fx", NULL));
}

static void
test_not_a_module (Fixture *f, gconstpointer data)
{
  g_autofree gchar *dir = g_dir_make_tmp ("reel-registry-XXXXXX", NULL);
  g_autofree gchar *junk = g_build_filename (dir, "libjunk.so", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (junk, "this is not ELF", -1, NULL));
  g_assert_false (reel_registry_load_file (f->registry, junk, &error));
  g_assert_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_OPEN);
  g_assert_true (g_str_has_prefix (error->message, junk));
  g_assert_nonnull (strstr (error->message, "cannot be loaded as a plugin"));

  /* in a folder: recorded, and the folder's other modules still load */
  g_test_expect_message ("reel-plugin", G_LOG_LEVEL_WARNING, "*libjunk.so*");
  g_assert_cmpuint (reel_registry_load_dir (f->registry, dir), ==, 0);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (reel_registry_get_n_load_errors (f->registry), ==, 1);
  g_unlink (junk);
  g_rmdir (dir);
}

static void
test_missing_element (Fixture *f, gconstpointer data)
{
  g_autofree gchar *path = fixture_path ("missing-element");
  g_autoptr (GError) error = NULL;
  ReelComponent *fx;
  const gchar *reason = NULL;
  g_autoptr (GstElement) element = NULL;
  g_autoptr (JsonNode) json = NULL;

  g_assert_true (reel_registry_load_file (f->registry, path, &error));
  fx = reel_registry_lookup (f->registry, REEL_COMPONENT_EFFECT,
      "fixture-gen-missing-fx", &error);
  g_assert_no_error (error);
  g_assert_false (reel_component_is_available (fx, &reason));
  g_assert_cmpstr (reason, ==,
      "the GStreamer element 'reelnosuchelement' is not installed");

  element = reel_component_make_effect (fx, NULL, &error);
  g_assert_null (element);
  g_assert_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_UNAVAILABLE);

  json = reel_component_to_json (fx);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json),
      "available"));
}

static void
test_json_listing (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonNode) root = NULL;
  JsonArray *plugins;
  JsonObject *example;
  JsonObject *gen;
  JsonObject *params;

  root = reel_registry_to_json (f->registry);
  plugins =
      json_object_get_array_member (json_node_get_object (root), "plugins");
  /* every plugin this build made, sorted by name; the example among them */
  example = NULL;
  g_assert_cmpuint (json_array_get_length (plugins), >=, 1);
  for (guint i = 0; i < json_array_get_length (plugins); i++) {
    JsonObject *p = json_array_get_object_element (plugins, i);
    const gchar *name = json_object_get_string_member (p, "name");

    if (i > 0)
      g_assert_cmpstr (json_object_get_string_member (
                           json_array_get_object_element (plugins, i - 1),
                           "name"),
          <, name);
    if (g_str_equal (name, "example"))
      example = p;
  }
  g_assert_nonnull (example);
  g_assert_cmpstr (json_object_get_string_member (example, "abi"), ==, "1.0");
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (example, "analysers")),
      ==, 1);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (example, "renderers")),
      ==, 0);
  gen = json_array_get_object_element (json_object_get_array_member (example,
                                           "generators"),
      0);
  g_assert_cmpstr (json_object_get_string_member (gen, "kind"), ==,
      "generator");
  params = json_object_get_object_member (gen, "params");
  g_assert_true (json_object_has_member (json_object_get_object_member (params,
                                             "properties"),
      "slice"));
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (
                                                          root),
                            "errors")),
      ==, 0);
}

static JsonObject *
media (const gchar *id, gdouble duration, gboolean audio)
{
  g_autofree gchar *text =
      g_strdup_printf ("{\"id\":\"%s\",\"name\":\"%s."
                       "mp4\",\"probe\":{\"duration\":%g,\"has_audio\":%s,"
                       "\"has_video\":true}}",
          id, id, duration, audio ? "true" : "false");
  g_autoptr (JsonNode) node = reel_json_load_data (text, -1, "media", NULL);

  return json_node_dup_object (node);
}

static void
test_generate (Fixture *f, gconstpointer data)
{
  ReelComponent *gen = reel_registry_lookup (f->registry,
      REEL_COMPONENT_GENERATOR, "example-montage", NULL);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (GPtrArray) inputs =
      g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (JsonNode) pnode = reel_json_load_data ("{\"slice\":2,"
                                                    "\"order\":\"reverse\"}",
      -1, "params", NULL);
  g_autoptr (JsonObject) params =
      reel_component_validate_params (gen, pnode, "generator.params", errors);
  g_autoptr (JsonObject) timeline = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *tracks;
  JsonArray *clips;
  JsonObject *first;

  g_assert_nonnull (params);
  g_ptr_array_add (inputs, media ("a", 10.0, TRUE));
  g_ptr_array_add (inputs, media ("b", 1.5, FALSE));
  timeline = reel_component_generate (gen, params, inputs, NULL, &error);
  g_assert_no_error (error);
  tracks = json_object_get_array_member (timeline, "tracks");
  g_assert_cmpuint (json_array_get_length (tracks), ==, 2);
  clips =
      json_object_get_array_member (json_array_get_object_element (tracks, 0),
          "clips");
  g_assert_cmpuint (json_array_get_length (clips), ==, 2);
  /* reverse order: b first, all 1.5 s of it */
  first = json_array_get_object_element (clips, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "media"), ==, "b");
  g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (first, "trim"), "out"),
      ==, 1.5);
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==,
      "the middle 1.5 s of b.mp4");
  /* a: the middle 2 s of 10 s, placed after b */
  first = json_array_get_object_element (clips, 1);
  g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (first, "trim"), "in"),
      ==, 4.0);
  g_assert_cmpfloat (json_object_get_double_member (first, "start"), ==, 1.5);
  /* what the generator wrote is a valid timeline */
  {
    g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autoptr (ReelFieldErrors) terrors = reel_field_errors_new ();
    g_autofree gchar *text = NULL;

    json_node_set_object (node, timeline);
    g_assert_true (reel_document_detect_kind (node) == REEL_DOCUMENT_TIMELINE);
    reel_document_validate (node, REEL_DOCUMENT_TIMELINE, terrors);
    text = reel_field_errors_to_string (terrors);
    g_assert_cmpstr (text, ==, "");
  }
  /* only a has audio */
  clips =
      json_object_get_array_member (json_array_get_object_element (tracks, 1),
          "clips");
  g_assert_cmpuint (json_array_get_length (clips), ==, 1);
}

static void
test_generator_failure (Fixture *f, gconstpointer data)
{
  g_autofree gchar *path = fixture_path ("good");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) inputs = g_ptr_array_new ();
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelComponent *gen;
  g_autoptr (JsonObject) params = NULL;
  g_autoptr (JsonObject) timeline = NULL;

  g_assert_true (reel_registry_load_file (f->registry, path, NULL));
  gen = reel_registry_lookup (f->registry, REEL_COMPONENT_GENERATOR,
      "fixture-gen", NULL);
  params = reel_component_validate_params (gen, NULL, "p", errors);
  timeline = reel_component_generate (gen, params, inputs, NULL, &error);
  g_assert_null (timeline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==,
      "generator 'fixture-gen': fixture "
      "generator asked for 2 clips");
}

static void
test_effect (Fixture *f, gconstpointer data)
{
  ReelComponent *fx = reel_registry_lookup (f->registry, REEL_COMPONENT_EFFECT,
      "example-tint", NULL);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (JsonNode) pnode =
      reel_json_load_data ("{\"hue\":-0.5}", -1, "params", NULL);
  g_autoptr (JsonObject) params =
      reel_component_validate_params (fx, pnode, "effects[0].params", errors);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) element = NULL;
  gdouble hue, saturation;

  g_assert_nonnull (params);
  element = reel_component_make_effect (fx, params, &error);
  g_assert_no_error (error);
  g_object_get (element, "hue", &hue, "saturation", &saturation, NULL);
  g_assert_cmpfloat (hue, ==, -0.5);
  g_assert_cmpfloat (saturation, ==, 1.2);
  g_assert_false (g_object_is_floating (element));

  /* an out-of-range value never reaches the element */
  {
    g_autoptr (ReelFieldErrors) bad = reel_field_errors_new ();
    g_autoptr (JsonNode) b = reel_json_load_data ("{\"hue\":4}", -1, "p", NULL);
    g_autoptr (JsonObject) none =
        reel_component_validate_params (fx, b, "effects[0].params", bad);

    g_assert_null (none);
    g_assert_true (reel_field_errors_has_path (bad, "effects[0].params.hue"));
  }
}

/* The example analyser summarises real messages from a real pipeline. */
static void
test_analyser (Fixture *f, gconstpointer data)
{
  ReelComponent *an = reel_registry_lookup (f->registry,
      REEL_COMPONENT_ANALYSER, "example-luma", NULL);
  const ReelAnalyserInfo *info = reel_component_get_analyser_info (an);
  g_autofree gchar *desc =
      g_strdup_printf ("videotestsrc num-buffers=50 "
                       "pattern=white ! "
                       "video/x-raw,framerate=25/1,width=64,height=48 ! %s ! "
                       "fakesink sync=false",
          info->element);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = gst_parse_launch (desc, &error);
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GPtrArray) messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  g_autoptr (JsonNode) result = NULL;
  g_autoptr (JsonObject) params = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  gboolean done = FALSE;
  JsonObject *o;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (!done) {
    g_autoptr (GstMessage) msg = gst_bus_timed_pop (bus, 10 * GST_SECOND);

    g_assert_nonnull (msg);
    switch (GST_MESSAGE_TYPE (msg)) {
      case GST_MESSAGE_ELEMENT:
        if (gst_message_has_name (msg, info->message))
          g_ptr_array_add (messages,
              gst_structure_copy (gst_message_get_structure (msg)));
        break;
      case GST_MESSAGE_EOS:
        done = TRUE;
        break;
      case GST_MESSAGE_ERROR:
        g_assert_not_reached ();
      default:
        break;
    }
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);

  params = reel_component_validate_params (an, NULL, "p", errors);
  result = reel_component_summarise (an, params, 2 * GST_SECOND, messages, NULL,
      NULL, &error);
  g_assert_no_error (error);
  o = json_node_get_object (result);
  g_assert_cmpint (json_object_get_int_member (o, "frames"), ==, 50);
  /* white is Y = 235 in the limited range videotestsrc produces */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "mean"),
      235.0 / 255.0, 0.001);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (o, "per_second")),
      ==, 2);

  /* no frames: a clear error, not a NaN */
  g_ptr_array_set_size (messages, 0);
  g_clear_pointer (&result, json_node_unref);
  result =
      reel_component_summarise (an, params, 0, messages, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "analyser 'example-luma': no "
                                            "frame was analysed"));
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                        \
  g_test_add ("/plugin/registry/" path, Fixture, NULL, fixture_setup, func,    \
      fixture_teardown)
  ADD ("example-loads", test_example_loads);
  ADD ("lookup-unknown", test_lookup_unknown);
  ADD ("broken-modules", test_broken_modules);
  ADD ("not-a-module", test_not_a_module);
  ADD ("missing-element", test_missing_element);
  ADD ("json-listing", test_json_listing);
  ADD ("generate", test_generate);
  ADD ("generator-failure", test_generator_failure);
  ADD ("effect", test_effect);
  ADD ("analyser", test_analyser);
#undef ADD
  return g_test_run ();
}
