/* A test plugin for the analysis runner (tests/unit/core/media/
 * test-analyse.c): analysers built on stock GStreamer elements, each
 * exercising one path of core/media/reel-analyse.c. The test loads it into a
 * registry of its own, so its names (`black`, `thumbnails`) do not clash
 * with the real video plugin's.
 *
 * - `black` (video, videoanalyse): a valid black-ranges section, or with
 *   `broken=true` one that breaks the model's rules;
 * - `thumbnails` (video, videoanalyse): keeps one file through the store
 *   and names it in a poster thumbnail;
 * - `fixture-level` (audio, level): counts its `level` messages; its
 *   `interval` and `post-messages` parameters set the element's properties;
 * - `fixture-slow` (video, identity): `sleep-time` slows each frame, for
 *   the watchdog and the time limit;
 * - `fixture-fails` (video, videoanalyse): summarise fails;
 * - `fixture-missing`: needs an element that does not exist.
 */
#include <reel/reel.h>

static JsonNode *
black_summarise (ReelAnalyseContext *ctx, GError **error)
{
  JsonObject *params = reel_analyse_context_get_params (ctx);
  gboolean broken = reel_params_get_boolean (params, "broken");
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (reel_analyse_context_get_n_messages (ctx) == 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no frames seen");
    return NULL;
  }
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_double_value (b, broken ? 0.5 : 0.0);
  json_builder_set_member_name (b, "end");
  json_builder_add_double_value (b, broken ? 0.25 : 0.5);
  json_builder_end_object (b);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static JsonNode *
thumbnails_summarise (ReelAnalyseContext *ctx, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("not really a JPEG", 17);
  g_autofree gchar *url =
      reel_analyse_context_store (ctx, "poster.jpg", bytes, error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (url == NULL)
    return NULL;
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "time");
  json_builder_add_double_value (b, 0.0);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url);
  json_builder_set_member_name (b, "poster");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static JsonNode *
count_summarise (ReelAnalyseContext *ctx, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "messages");
  json_builder_add_int_value (b, reel_analyse_context_get_n_messages (ctx));
  json_builder_set_member_name (b, "duration");
  json_builder_add_double_value (b,
      (gdouble) reel_analyse_context_get_duration (ctx) / GST_SECOND);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
fails_summarise (ReelAnalyseContext *ctx, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
      "the fixture always fails (%u messages)",
      reel_analyse_context_get_n_messages (ctx));
  return NULL;
}

static gboolean
fixture_init (ReelPlugin *plugin, GError **error)
{
  static const ReelAnalyserInfo black = { .name = "black",
    .description = "Fixture: black ranges",
    .stream = REEL_STREAM_VIDEO,
    .element = "videoanalyse",
    .message = "GstVideoAnalyse",
    .summarise = black_summarise };
  static const ReelAnalyserInfo thumbnails = { .name = "thumbnails",
    .description = "Fixture: a poster kept through the store",
    .stream = REEL_STREAM_VIDEO,
    .element = "videoanalyse",
    .message = "GstVideoAnalyse",
    .summarise = thumbnails_summarise };
  static const ReelAnalyserInfo level = { .name = "fixture-level",
    .description = "Fixture: counts level messages",
    .stream = REEL_STREAM_AUDIO,
    .element = "level",
    .message = "level",
    .summarise = count_summarise };
  static const ReelAnalyserInfo slow = { .name = "fixture-slow",
    .description = "Fixture: a slow identity",
    .stream = REEL_STREAM_VIDEO,
    .element = "identity",
    .message = NULL,
    .summarise = count_summarise };
  static const ReelAnalyserInfo fails = { .name = "fixture-fails",
    .description = "Fixture: summarise fails",
    .stream = REEL_STREAM_VIDEO,
    .element = "videoanalyse",
    .message = "GstVideoAnalyse",
    .summarise = fails_summarise };
  static const ReelAnalyserInfo missing = { .name = "fixture-missing",
    .description = "Fixture: its element does not exist",
    .stream = REEL_STREAM_AUDIO,
    .element = "reelnosuchelement",
    .message = "nothing",
    .summarise = count_summarise };
  g_autoptr (ReelParamSchema) black_params = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) level_params = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) slow_params = reel_param_schema_new ();

  reel_param_schema_add_boolean (black_params, "broken",
      "Make a section that breaks the rules", FALSE);
  /* interval is a guint64 property of level, in nanoseconds; the range
   * here goes below the property's minimum (1) on purpose. */
  reel_param_schema_add_int (level_params, "interval",
      "Nanoseconds between messages", 0, 10000000000, 100000000);
  reel_param_schema_add_boolean (level_params, "post-messages",
      "Whether level posts messages", TRUE);
  reel_param_schema_add_int (slow_params, "sleep-time",
      "Microseconds to sleep per frame", 0, 10000000, 0);

  return reel_plugin_add_analyser (plugin, &black, black_params, NULL, NULL,
             error)
         && reel_plugin_add_analyser (plugin, &thumbnails, NULL, NULL, NULL,
             error)
         && reel_plugin_add_analyser (plugin, &level, level_params, NULL, NULL,
             error)
         && reel_plugin_add_analyser (plugin, &slow, slow_params, NULL, NULL,
             error)
         && reel_plugin_add_analyser (plugin, &fails, NULL, NULL, NULL, error)
         && reel_plugin_add_analyser (plugin, &missing, NULL, NULL, NULL,
             error);
}

REEL_PLUGIN_DEFINE ("analyse-fixture", "Analysers for the runner's tests",
    "1.0", "LGPL-2.1-or-later", fixture_init)
