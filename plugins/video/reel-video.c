/* reel — the reel side of the video plugin: the analysers `scenes`,
 * `motion`, `black` and `thumbnails`.
 *
 * Each analyser names one of the plugin's elements (gstreelvideo.c
 * registers them) for the host to put in the one decode pass, with a
 * parameter schema whose names are the element's property names (the host
 * sets them on the element), and a summarise function that turns the
 * element's messages into the analyser's section of the ANALYSIS document.
 * Every element ends its messages with one carrying `eos` TRUE and the
 * number of frames it analysed, so an analyser tells "nothing found" from
 * "nothing analysed". Times in the document are seconds.
 */
#include <reel/reel.h>

#define NS_TO_S(t) ((gdouble) (t) / GST_SECOND)

/* Finds the element's end-of-stream message. Returns FALSE with @error set
 * when it says no frame was analysed, or when there is none and no other
 * message either. */
static gboolean
check_frames (ReelAnalyseContext *ctx, const gchar *what, GstClockTime *end,
    GError **error)
{
  guint n = reel_analyse_context_get_n_messages (ctx);
  guint64 frames = 0;
  gboolean eos_seen = FALSE;

  *end = GST_CLOCK_TIME_NONE;
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    gboolean eos = FALSE;

    if (gst_structure_get_boolean (s, "eos", &eos) && eos) {
      eos_seen = TRUE;
      gst_structure_get_uint64 (s, "frames", &frames);
      gst_structure_get_uint64 (s, "timestamp", end);
    }
  }
  if ((eos_seen && frames == 0) || (!eos_seen && n == 0)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
        "no video frame was analysed for %s (the stream has no decodable "
        "video)",
        what);
    return FALSE;
  }
  return TRUE;
}

static gboolean
is_eos (const GstStructure *s)
{
  gboolean eos = FALSE;

  return gst_structure_get_boolean (s, "eos", &eos) && eos;
}

static GstClockTime
stream_duration (ReelAnalyseContext *ctx, GstClockTime end)
{
  GstClockTime d = reel_analyse_context_get_duration (ctx);

  return GST_CLOCK_TIME_IS_VALID (d) ? d : end;
}

/* ---- scenes ------------------------------------------------------------- */

static void
add_scene (JsonBuilder *b, gdouble start, gdouble end, gdouble score,
    const gchar *kind, gdouble t_start, gdouble t_end)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_double_value (b, start);
  json_builder_set_member_name (b, "end");
  json_builder_add_double_value (b, MAX (start, end));
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, score);
  if (kind != NULL) {
    json_builder_set_member_name (b, "transition");
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "kind");
    json_builder_add_string_value (b, kind);
    json_builder_set_member_name (b, "start");
    json_builder_add_double_value (b, t_start);
    json_builder_set_member_name (b, "end");
    json_builder_add_double_value (b, t_end);
    json_builder_end_object (b);
  }
  json_builder_end_object (b);
}

/* `reel-scene` messages → [{"start","end","score","transition"?}…], the
 * scenes end to end from 0 to the duration. */
static JsonNode *
scenes_summarise (ReelAnalyseContext *ctx, GError **error)
{
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GstClockTime end, duration;
  gdouble start = 0.0, score = 0.0, t_start = 0.0, t_end = 0.0;
  g_autofree gchar *kind = NULL;

  if (!check_frames (ctx, "scenes", &end, error))
    return NULL;
  duration = stream_duration (ctx, end);

  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    const gchar *k = gst_structure_get_string (s, "kind");
    guint64 ts, ts_start, ts_end;
    gdouble sc = 0.0;

    if (is_eos (s) || k == NULL
        || !gst_structure_get_uint64 (s, "timestamp", &ts))
      continue;
    if (!gst_structure_get_uint64 (s, "start", &ts_start))
      ts_start = ts;
    if (!gst_structure_get_uint64 (s, "end", &ts_end))
      ts_end = ts;
    gst_structure_get_double (s, "score", &sc);
    add_scene (b, start, NS_TO_S (ts), score, kind, t_start, t_end);
    start = NS_TO_S (ts);
    score = CLAMP (sc, 0.0, 1.0);
    g_free (kind);
    kind = g_strdup (k);
    t_start = NS_TO_S (ts_start);
    t_end = NS_TO_S (ts_end);
  }
  add_scene (b, start,
      GST_CLOCK_TIME_IS_VALID (duration) ? NS_TO_S (duration) : start, score,
      kind, t_start, t_end);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo scenes_info = {
  .name = "scenes",
  .description = "Scenes and the cuts, dissolves and fades between them",
  .stream = REEL_STREAM_VIDEO,
  .element = "reelscenes",
  .message = "reel-scene",
  .summarise = scenes_summarise,
};

/* ---- motion ------------------------------------------------------------- */

/* `reel-motion` messages → [{"time","value"}…], one per second. */
static JsonNode *
motion_summarise (ReelAnalyseContext *ctx, GError **error)
{
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GstClockTime end;

  if (!check_frames (ctx, "motion", &end, error))
    return NULL;
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    guint64 ts;
    gdouble value;

    if (is_eos (s) || !gst_structure_get_uint64 (s, "timestamp", &ts)
        || !gst_structure_get_double (s, "value", &value))
      continue;
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "time");
    json_builder_add_double_value (b, NS_TO_S (ts));
    json_builder_set_member_name (b, "value");
    json_builder_add_double_value (b, CLAMP (value, 0.0, 1.0));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo motion_info = {
  .name = "motion",
  .description = "How much the picture moves, second by second (0..1)",
  .stream = REEL_STREAM_VIDEO,
  .element = "reelmotion",
  .message = "reel-motion",
  .summarise = motion_summarise,
};

/* ---- black -------------------------------------------------------------- */

/* `reel-black` messages → [{"start","end"}…]. */
static JsonNode *
black_summarise (ReelAnalyseContext *ctx, GError **error)
{
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GstClockTime end;

  if (!check_frames (ctx, "black", &end, error))
    return NULL;
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    guint64 start, stop;

    if (is_eos (s) || !gst_structure_get_uint64 (s, "start", &start)
        || !gst_structure_get_uint64 (s, "end", &stop))
      continue;
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "start");
    json_builder_add_double_value (b, NS_TO_S (start));
    json_builder_set_member_name (b, "end");
    json_builder_add_double_value (b, NS_TO_S (stop));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo black_info = {
  .name = "black",
  .description = "Ranges of black frames",
  .stream = REEL_STREAM_VIDEO,
  .element = "reelblack",
  .message = "reel-black",
  .summarise = black_summarise,
};

/* ---- thumbnails --------------------------------------------------------- */

/* `reel-thumbnail` messages → the JPEGs kept through the host's store, and
 * [{"time","url","width","height","scene","poster"}…]. */
static JsonNode *
thumbnails_summarise (ReelAnalyseContext *ctx, GError **error)
{
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GstClockTime end;

  if (!check_frames (ctx, "thumbnails", &end, error))
    return NULL;
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    g_autoptr (GBytes) bytes = NULL;
    g_autofree gchar *name = NULL;
    g_autofree gchar *url = NULL;
    GstBuffer *jpeg = NULL;
    GstMapInfo map;
    guint64 ts;
    guint scene = 0;
    gboolean poster = FALSE;
    gint width = 0, height = 0;

    if (is_eos (s) || !gst_structure_get_uint64 (s, "timestamp", &ts)
        || !gst_structure_get (s, "jpeg", GST_TYPE_BUFFER, &jpeg, NULL))
      continue;
    gst_structure_get_uint (s, "scene", &scene);
    gst_structure_get_boolean (s, "poster", &poster);
    gst_structure_get_int (s, "width", &width);
    gst_structure_get_int (s, "height", &height);
    if (!gst_buffer_map (jpeg, &map, GST_MAP_READ)) {
      gst_buffer_unref (jpeg);
      continue;
    }
    bytes = g_bytes_new (map.data, map.size);
    gst_buffer_unmap (jpeg, &map);
    gst_buffer_unref (jpeg);

    name = poster ? g_strdup ("poster.jpg")
                  : g_strdup_printf ("thumb-%03u.jpg", scene);
    url = reel_analyse_context_store (ctx, name, bytes, error);
    if (url == NULL)
      return NULL;
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "time");
    json_builder_add_double_value (b, NS_TO_S (ts));
    json_builder_set_member_name (b, "url");
    json_builder_add_string_value (b, url);
    json_builder_set_member_name (b, "width");
    json_builder_add_int_value (b, width);
    json_builder_set_member_name (b, "height");
    json_builder_add_int_value (b, height);
    json_builder_set_member_name (b, "scene");
    json_builder_add_int_value (b, scene);
    json_builder_set_member_name (b, "poster");
    json_builder_add_boolean_value (b, poster);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo thumbnails_info = {
  .name = "thumbnails",
  .description = "A JPEG of every scene and a poster frame",
  .stream = REEL_STREAM_VIDEO,
  .element = "reelthumbnails",
  .message = "reel-thumbnail",
  .summarise = thumbnails_summarise,
};

/* ---- registration ------------------------------------------------------- */

static void
add_scene_params (ReelParamSchema *schema)
{
  reel_param_schema_add_double (schema, "threshold",
      "Lowest change score (0..1) of a cut; lower finds more", 0.05, 1.0, 0.3);
  reel_param_schema_add_double (schema, "min-scene-length",
      "Shortest scene; of two closer transitions the stronger is kept", 0.0,
      60.0, 0.5);
  reel_param_schema_set_unit (schema, "min-scene-length", "s");
  reel_param_schema_add_boolean (schema, "gradual",
      "Detect dissolves and fades as well as cuts", TRUE);
}

static gboolean
video_init (ReelPlugin *plugin, GError **error)
{
  static const gchar *const thumbnail_elements[] = { "jpegenc", "videoconvert",
    "videoscale", "appsrc", "appsink", NULL };
  g_autoptr (ReelParamSchema) scenes = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) motion = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) black = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) thumbnails = reel_param_schema_new ();

  add_scene_params (scenes);
  if (!reel_plugin_add_analyser (plugin, &scenes_info, scenes, NULL, NULL,
          error))
    return FALSE;

  if (!reel_plugin_add_analyser (plugin, &motion_info, motion, NULL, NULL,
          error))
    return FALSE;

  reel_param_schema_add_double (black, "threshold",
      "Luma at or below which a pixel is dark, as a share of black to white",
      0.0, 1.0, 0.1);
  reel_param_schema_add_double (black, "min-duration",
      "Shortest black range reported", 0.0, 3600.0, 0.1);
  reel_param_schema_set_unit (black, "min-duration", "s");
  reel_param_schema_add_double (black, "pixel-ratio",
      "Share of a frame's pixels that must be dark for it to be black", 0.0,
      1.0, 0.98);
  if (!reel_plugin_add_analyser (plugin, &black_info, black, NULL, NULL, error))
    return FALSE;

  reel_param_schema_add_int (thumbnails, "width",
      "Width of the JPEGs (the height keeps the aspect ratio)", 16, 3840, 320);
  reel_param_schema_set_unit (thumbnails, "width", "px");
  add_scene_params (thumbnails);
  if (!reel_plugin_add_analyser (plugin, &thumbnails_info, thumbnails,
          thumbnail_elements, NULL, error))
    return FALSE;

  return TRUE;
}

REEL_PLUGIN_DEFINE ("video",
    "Video analysers: scenes, motion, black frames, thumbnails", "1.0.0",
    "LGPL-2.1-or-later", video_init)
