/* reel — the example plugin: a working template for plugin authors.
 *
 * It registers one component of each kind a plugin usually brings, each as
 * small as it can be while doing real work:
 *
 * - analyser `example-luma`: feeds decoded video to GStreamer's stock
 *   `videoanalyse` element and summarises its per-frame messages into a mean
 *   brightness and a per-second series;
 * - generator `example-montage`: takes a slice of every input (its middle, or
 *   its start) and lays the slices end to end, in source or reverse order;
 * - effect `example-tint`: a `videobalance` element configured from typed
 *   parameters.
 *
 * Copy this folder, rename the plugin in REEL_PLUGIN_DEFINE at the foot and in
 * meson.build, and replace the components. docs/writing-plugins.md walks
 * through it.
 */
#include <reel/reel.h>

#include <math.h>

/* ---- analyser: example-luma --------------------------------------------- */

/* Turns the `GstVideoAnalyse` element messages (one per frame, with
 * `timestamp` and `luma-average`) into {"frames","mean","per_second":[…]}. */
static JsonNode *
example_luma_summarise (ReelAnalyseContext *ctx, GError **error)
{
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gdouble total = 0.0, second_total = 0.0;
  guint frames = 0, second_frames = 0;
  guint64 second = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "per_second");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    guint64 ts;
    gdouble luma;

    if (!gst_structure_has_name (s, "GstVideoAnalyse")
        || !gst_structure_get_uint64 (s, "timestamp", &ts)
        || !gst_structure_get_double (s, "luma-average", &luma))
      continue;
    while (ts / GST_SECOND > second) {
      json_builder_add_double_value (b,
          second_frames ? second_total / second_frames : 0.0);
      second++;
      second_total = 0.0;
      second_frames = 0;
    }
    second_total += luma;
    second_frames++;
    total += luma;
    frames++;
  }
  if (second_frames > 0)
    json_builder_add_double_value (b, second_total / second_frames);
  json_builder_end_array (b);

  if (frames == 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "no frame was analysed (the stream has no decodable video)");
    return NULL;
  }
  json_builder_set_member_name (b, "frames");
  json_builder_add_int_value (b, frames);
  json_builder_set_member_name (b, "mean");
  json_builder_add_double_value (b, total / frames);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo example_luma = {
  .name = "example-luma",
  .description = "Mean brightness of the video, overall and per second",
  .stream = REEL_STREAM_VIDEO,
  .element = "videoanalyse",
  .message = "GstVideoAnalyse",
  .summarise = example_luma_summarise,
};

/* ---- generator: example-montage ----------------------------------------- */

static gdouble
media_duration (JsonObject *media)
{
  JsonObject *probe;

  if (!json_object_has_member (media, "probe"))
    return 0.0;
  probe = json_object_get_object_member (media, "probe");
  if (probe == NULL || !json_object_has_member (probe, "duration"))
    return 0.0;
  return json_object_get_double_member (probe, "duration");
}

static gboolean
media_has_audio (JsonObject *media)
{
  JsonObject *probe = json_object_has_member (media, "probe")
                          ? json_object_get_object_member (media, "probe")
                          : NULL;

  return probe != NULL && json_object_has_member (probe, "has_audio")
         && json_object_get_boolean_member (probe, "has_audio");
}

static JsonObject *
make_clip (const gchar *media_id, gdouble in, gdouble out, gdouble start,
    const gchar *reason)
{
  JsonObject *clip = json_object_new ();
  JsonObject *trim = json_object_new ();

  json_object_set_string_member (clip, "media", media_id);
  json_object_set_double_member (trim, "in", in);
  json_object_set_double_member (trim, "out", out);
  json_object_set_object_member (clip, "trim", trim);
  json_object_set_double_member (clip, "start", start);
  json_object_set_string_member (clip, "reason", reason);
  json_object_set_double_member (clip, "score", 1.0);
  return clip;
}

static JsonObject *
example_montage_generate (ReelGenerateContext *ctx, GError **error)
{
  JsonObject *params = reel_generate_context_get_params (ctx);
  gdouble slice = reel_params_get_double (params, "slice");
  gboolean reverse =
      g_str_equal (reel_params_get_string (params, "order"), "reverse");
  gboolean middle =
      g_str_equal (reel_params_get_string (params, "from"), "middle");
  guint n = reel_generate_context_get_n_inputs (ctx);
  g_autoptr (JsonObject) timeline = json_object_new ();
  JsonArray *tracks = json_array_new ();
  JsonObject *video = json_object_new ();
  JsonObject *audio = json_object_new ();
  JsonArray *vclips = json_array_new ();
  JsonArray *aclips = json_array_new ();
  gdouble t = 0.0;

  json_object_set_int_member (timeline, "version", 1);
  json_object_set_string_member (video, "kind", "video");
  json_object_set_array_member (video, "clips", vclips);
  json_object_set_string_member (audio, "kind", "audio");
  json_object_set_array_member (audio, "clips", aclips);
  json_array_add_object_element (tracks, video);
  json_array_add_object_element (tracks, audio);
  json_object_set_array_member (timeline, "tracks", tracks);

  for (guint k = 0; k < n; k++) {
    JsonObject *media =
        reel_generate_context_get_media (ctx, reverse ? n - 1 - k : k);
    const gchar *id =
        json_object_get_string_member_with_default (media, "id", NULL);
    const gchar *name =
        json_object_get_string_member_with_default (media, "name", id);
    gdouble duration = media_duration (media);
    gdouble len = MIN (slice, duration);
    gdouble in = middle ? (duration - len) / 2.0 : 0.0;
    g_autofree gchar *reason = NULL;

    if (id == NULL) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "input %u has no media id", k);
      return NULL;
    }
    if (!(duration > 0.0)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
          "media '%s' has no known duration; probe it first", id);
      return NULL;
    }
    /* Round to milliseconds so that the timeline reads well. */
    in = round (in * 1000.0) / 1000.0;
    len = round (len * 1000.0) / 1000.0;
    reason = g_strdup_printf ("the %s %.3g s of %s",
        middle ? "middle" : "first", len, name);
    json_array_add_object_element (vclips,
        make_clip (id, in, in + len, t, reason));
    if (media_has_audio (media))
      json_array_add_object_element (aclips,
          make_clip (id, in, in + len, t, reason));
    t += len;
  }
  if (json_array_get_length (aclips) == 0)
    json_array_remove_element (tracks, 1);
  return g_steal_pointer (&timeline);
}

static const gchar *const no_analyses[] = { NULL };

static const ReelGeneratorInfo example_montage = {
  .name = "example-montage",
  .description = "A slice of every input, laid end to end",
  .requires = no_analyses,
  .generate = example_montage_generate,
};

/* ---- effect: example-tint ----------------------------------------------- */

static GstElement *
example_tint_make_element (JsonObject *params, gpointer user_data,
    GError **error)
{
  GstElement *balance = gst_element_factory_make ("videobalance", NULL);

  if (balance == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
        "the GStreamer element 'videobalance' is missing "
        "(Debian: gstreamer1.0-plugins-good)");
    return NULL;
  }
  g_object_set (balance, "hue", reel_params_get_double (params, "hue"),
      "saturation", reel_params_get_double (params, "saturation"), "brightness",
      reel_params_get_double (params, "brightness"), NULL);
  return balance;
}

static const ReelEffectInfo example_tint = {
  .name = "example-tint",
  .description = "Shift the hue and saturation of the picture",
  .stream = REEL_STREAM_VIDEO,
  .make_element = example_tint_make_element,
};

/* ---- registration ------------------------------------------------------- */

static gboolean
example_init (ReelPlugin *plugin, GError **error)
{
  static const gchar *const orders[] = { "source", "reverse", NULL };
  static const gchar *const froms[] = { "middle", "start", NULL };
  static const gchar *const tint_elements[] = { "videobalance", NULL };
  g_autoptr (ReelParamSchema) luma = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) montage = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) tint = reel_param_schema_new ();

  if (!reel_plugin_add_analyser (plugin, &example_luma, luma, NULL, NULL,
          error))
    return FALSE;

  reel_param_schema_add_double (montage, "slice",
      "How much of each input to take", 0.1, 600.0, 3.0);
  reel_param_schema_set_unit (montage, "slice", "s");
  reel_param_schema_add_choice (montage, "order", "The order of the slices",
      "source", orders);
  reel_param_schema_add_choice (montage, "from",
      "Where in each input the slice is taken", "middle", froms);
  if (!reel_plugin_add_generator (plugin, &example_montage, montage, NULL,
          error))
    return FALSE;

  reel_param_schema_add_double (tint, "hue",
      "Hue rotation, as a fraction of a full turn", -1.0, 1.0, 0.1);
  reel_param_schema_add_double (tint, "saturation",
      "Colour saturation; 0 is grey, 1 unchanged", 0.0, 2.0, 1.2);
  reel_param_schema_add_double (tint, "brightness", "Brightness offset", -1.0,
      1.0, 0.0);
  if (!reel_plugin_add_effect (plugin, &example_tint, tint, tint_elements, NULL,
          error))
    return FALSE;

  return TRUE;
}

REEL_PLUGIN_DEFINE ("example",
    "An example of each kind of component, "
    "for plugin authors to copy",
    "1.0.0", "LGPL-2.1-or-later", example_init)
