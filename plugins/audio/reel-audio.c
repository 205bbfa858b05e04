/* reel — the reel side of the audio plugin: four analysers of the decoded
 * audio stream, each a GStreamer element of this module (gstreelaudio.c)
 * plus a summarise function that turns the element's messages into its
 * section of the ANALYSIS document:
 *
 * - `beats` (reelbeats): {"tempo", "times", "confidence", "onsets"}, or null
 *   when the audio has no tempo (silence, a steady tone or noise, under
 *   three beats);
 * - `loudness` (reelloudness): {"integrated", "range", "true_peak",
 *   "short_term": {"interval", "values"}}, silence as null;
 * - `silences` (reelsilence): [{"start", "end"}…];
 * - `waveform` (reelwaveform): BBC audiowaveform's JSON (version 2, one
 *   channel, 8 bits), which peaks.js reads.
 *
 * Each element posts messages of several names (reel-beat, reel-onset and
 * reel-tempo, say), so `message` is NULL: the host hands summarise every
 * element message of the analyser's element. Each parameter has the name
 * of the element property it sets, so the host sets it on the element; the
 * summarise functions read only what they need to lay out the section.
 * Times are seconds, rounded to 0.1 ms. A stream that carried no audio
 * leaves no end-of-stream message, and summarise says so.
 */
#include <reel/reel.h>

#include <gio/gio.h>
#include <math.h>

/* Seconds from nanoseconds, rounded to 0.1 ms, never past the duration. */
static gdouble
seconds (guint64 ns, GstClockTime duration)
{
  if (GST_CLOCK_TIME_IS_VALID (duration) && ns > duration)
    ns = duration;
  return round (ns / 1e5) / 1e4;
}

/* Rounded to a number of decimals (dividing by a power of ten gives the
 * double nearest the decimal, which prints short). */
static gdouble
round_to (gdouble value, gint decimals)
{
  gdouble scale = pow (10.0, decimals);

  return round (value * scale) / scale;
}

static void
add_nullable_double (JsonBuilder *b, gdouble value, gint decimals)
{
  if (isfinite (value))
    json_builder_add_double_value (b, round_to (value, decimals));
  else
    json_builder_add_null_value (b);
}

static gboolean
no_audio (GError **error, const gchar *element)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
      "no audio was analysed: %s saw no samples (the media has no audio "
      "stream, or it could not be decoded)",
      element);
  return FALSE;
}

/* ---- beats -------------------------------------------------------------- */

static JsonNode *
beats_summarise (ReelAnalyseContext *ctx, GError **error)
{
  GstClockTime duration = reel_analyse_context_get_duration (ctx);
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (JsonBuilder) times = json_builder_new ();
  g_autoptr (JsonBuilder) onsets = json_builder_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gdouble bpm = 0.0, confidence = 0.0;
  gboolean ended = FALSE;
  gdouble last_time = -1.0, last_onset = -1.0;

  json_builder_begin_array (times);
  json_builder_begin_array (onsets);
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    guint64 ts;

    if (gst_structure_has_name (s, "reel-beat")
        && gst_structure_get_uint64 (s, "timestamp", &ts)) {
      gdouble t = seconds (ts, duration);

      /* Strictly increasing, as the ANALYSIS document requires. */
      if (t > last_time) {
        json_builder_add_double_value (times, t);
        last_time = t;
      }
    } else if (gst_structure_has_name (s, "reel-onset")
               && gst_structure_get_uint64 (s, "timestamp", &ts)) {
      gdouble t = seconds (ts, duration);

      if (t > last_onset) {
        json_builder_add_double_value (onsets, t);
        last_onset = t;
      }
    } else if (gst_structure_has_name (s, "reel-tempo")) {
      ended = gst_structure_get_double (s, "bpm", &bpm)
              && gst_structure_get_double (s, "confidence", &confidence);
    }
  }
  json_builder_end_array (times);
  json_builder_end_array (onsets);

  if (!ended) {
    no_audio (error, "reelbeats");
    return NULL;
  }
  if (!(bpm > 0.0))
    return json_node_new (JSON_NODE_NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tempo");
  json_builder_add_double_value (b, round_to (bpm, 2));
  json_builder_set_member_name (b, "times");
  json_builder_add_value (b, json_builder_get_root (times));
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, round_to (confidence, 3));
  json_builder_set_member_name (b, "onsets");
  json_builder_add_value (b, json_builder_get_root (onsets));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo beats_info = {
  .name = "beats",
  .description = "Beats, tempo and onsets of the audio (aubio)",
  .stream = REEL_STREAM_AUDIO,
  .element = "reelbeats",
  .message = NULL,
  .summarise = beats_summarise,
};

/* ---- loudness ----------------------------------------------------------- */

static JsonNode *
loudness_summarise (ReelAnalyseContext *ctx, GError **error)
{
  JsonObject *params = reel_analyse_context_get_params (ctx);
  gdouble interval = reel_params_get_double (params, "interval");
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const GstStructure *summary = NULL;
  gdouble integrated = -INFINITY, range = 0.0, true_peak = -INFINITY;

  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    guint64 ts;
    gdouble value;

    if (gst_structure_has_name (s, "reel-loudness")
        && gst_structure_get_uint64 (s, "timestamp", &ts)
        && gst_structure_get_double (s, "short-term", &value)) {
      /* Value k ends at (k + 1) · interval; a gap leaves nulls. */
      gint64 k = llround (ts / (interval * GST_SECOND)) - 1;

      if (k < 0 || k > G_MAXINT32)
        continue;
      while ((gint64) values->len < k)
        g_array_append_val (values, (gdouble){ NAN });
      if ((gint64) values->len == k)
        g_array_append_val (values, value);
    } else if (gst_structure_has_name (s, "reel-loudness-summary")) {
      summary = s;
    }
  }
  if (summary == NULL) {
    no_audio (error, "reelloudness");
    return NULL;
  }
  gst_structure_get_double (summary, "integrated", &integrated);
  gst_structure_get_double (summary, "range", &range);
  gst_structure_get_double (summary, "true-peak", &true_peak);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "integrated");
  add_nullable_double (b, integrated, 2);
  json_builder_set_member_name (b, "range");
  json_builder_add_double_value (b,
      isfinite (range) ? round_to (MAX (range, 0.0), 2) : 0.0);
  json_builder_set_member_name (b, "true_peak");
  add_nullable_double (b, true_peak, 2);
  json_builder_set_member_name (b, "short_term");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "interval");
  json_builder_add_double_value (b, interval);
  json_builder_set_member_name (b, "values");
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    add_nullable_double (b, g_array_index (values, gdouble, i), 2);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo loudness_info = {
  .name = "loudness",
  .description = "EBU R128 loudness, loudness range and true peak "
                 "(libebur128)",
  .stream = REEL_STREAM_AUDIO,
  .element = "reelloudness",
  .message = NULL,
  .summarise = loudness_summarise,
};

/* ---- silences ----------------------------------------------------------- */

static JsonNode *
silences_summarise (ReelAnalyseContext *ctx, GError **error)
{
  GstClockTime duration = reel_analyse_context_get_duration (ctx);
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gboolean ended = FALSE;
  gdouble last_end = 0.0;

  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    guint64 start, end;

    if (gst_structure_has_name (s, "reel-silence")
        && gst_structure_get_uint64 (s, "start", &start)
        && gst_structure_get_uint64 (s, "end", &end)) {
      gdouble from = MAX (seconds (start, duration), last_end);
      gdouble to = seconds (end, duration);

      /* Sorted, not overlapping, start < end: what the document requires
       * (a jump backwards in the stream could break it). */
      if (to <= from)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_double_value (b, from);
      json_builder_set_member_name (b, "end");
      json_builder_add_double_value (b, to);
      json_builder_end_object (b);
      last_end = to;
    } else if (gst_structure_has_name (s, "reel-silence-summary")) {
      ended = TRUE;
    }
  }
  json_builder_end_array (b);
  if (!ended) {
    no_audio (error, "reelsilence");
    return NULL;
  }
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo silences_info = {
  .name = "silences",
  .description = "Ranges where the audio stays under a level for a while",
  .stream = REEL_STREAM_AUDIO,
  .element = "reelsilence",
  .message = NULL,
  .summarise = silences_summarise,
};

/* ---- waveform ----------------------------------------------------------- */

static JsonNode *
waveform_summarise (ReelAnalyseContext *ctx, GError **error)
{
  guint n = reel_analyse_context_get_n_messages (ctx);
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gint rate = 0, spp = 0;
  guint64 length = 0;

  for (guint i = 0; i < n; i++) {
    const GstStructure *s = reel_analyse_context_get_message (ctx, i);
    g_autoptr (GstBuffer) buffer = NULL;
    gint r, p;
    guint64 first;
    guint pixels;
    GstMapInfo map;

    if (!gst_structure_has_name (s, "reel-waveform")
        || !gst_structure_get_int (s, "sample-rate", &r)
        || !gst_structure_get_int (s, "samples-per-pixel", &p)
        || !gst_structure_get_uint64 (s, "first-pixel", &first)
        || !gst_structure_get_uint (s, "pixels", &pixels)
        || !gst_structure_get (s, "data", GST_TYPE_BUFFER, &buffer, NULL))
      continue;
    /* One scale per document: chunks of another (a format change inside
     * the stream) are left out. */
    if (rate == 0) {
      rate = r;
      spp = p;
    } else if (r != rate || p != spp) {
      continue;
    }
    if (first > G_MAXINT32 / 2 || !gst_buffer_map (buffer, &map, GST_MAP_READ))
      continue;
    /* Pixels nobody posted (a gap) stay 0, 0: a flat line. */
    if (data->len < 2 * (first + pixels)) {
      guint old = data->len;

      g_byte_array_set_size (data, 2 * (first + pixels));
      memset (data->data + old, 0, data->len - old);
    }
    memcpy (data->data + 2 * first, map.data, MIN (map.size, 2 * pixels));
    gst_buffer_unmap (buffer, &map);
    length = MAX (length, first + pixels);
  }
  if (rate == 0) {
    no_audio (error, "reelwaveform");
    return NULL;
  }

  /* https://github.com/bbc/audiowaveform/blob/master/doc/DataFormat.md */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 2);
  json_builder_set_member_name (b, "channels");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "sample_rate");
  json_builder_add_int_value (b, rate);
  json_builder_set_member_name (b, "samples_per_pixel");
  json_builder_add_int_value (b, spp);
  json_builder_set_member_name (b, "bits");
  json_builder_add_int_value (b, 8);
  json_builder_set_member_name (b, "length");
  json_builder_add_int_value (b, length);
  json_builder_set_member_name (b, "data");
  json_builder_begin_array (b);
  for (guint i = 0; i < 2 * length; i++)
    json_builder_add_int_value (b, (gint8) data->data[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const ReelAnalyserInfo waveform_info = {
  .name = "waveform",
  .description = "Waveform peaks for web players (audiowaveform JSON, as "
                 "peaks.js reads)",
  .stream = REEL_STREAM_AUDIO,
  .element = "reelwaveform",
  .message = NULL,
  .summarise = waveform_summarise,
};

/* ---- registration ------------------------------------------------------- */

static gboolean
audio_init (ReelPlugin *plugin, GError **error)
{
  static const gchar *const methods[] = { "default", "energy", "hfc", "complex",
    "phase", "wphase", "specdiff", "kl", "mkl", "specflux", NULL };
  g_autoptr (ReelParamSchema) beats = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) loudness = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) silences = reel_param_schema_new ();
  g_autoptr (ReelParamSchema) waveform = reel_param_schema_new ();

  reel_param_schema_add_choice (beats, "method",
      "aubio onset detection function (default: spectral flux)", "default",
      methods);
  reel_param_schema_add_int (beats, "buf-size",
      "Analysis window in samples; 0 picks about 21 ms", 0, 16384, 0);
  reel_param_schema_set_unit (beats, "buf-size", "samples");
  reel_param_schema_add_int (beats, "hop-size",
      "Samples between analyses, at most buf-size; 0 is half the window", 0,
      16384, 0);
  reel_param_schema_set_unit (beats, "hop-size", "samples");
  reel_param_schema_add_double (beats, "threshold",
      "aubio peak-picking threshold; higher finds fewer onsets", 0.001, 1.0,
      0.3);
  reel_param_schema_add_double (beats, "min-bpm", "Slowest tempo reported",
      30.0, 300.0, 60.0);
  reel_param_schema_set_unit (beats, "min-bpm", "BPM");
  reel_param_schema_add_double (beats, "max-bpm",
      "Fastest tempo reported (above min-bpm)", 30.0, 300.0, 200.0);
  reel_param_schema_set_unit (beats, "max-bpm", "BPM");
  if (!reel_plugin_add_analyser (plugin, &beats_info, beats, NULL, NULL, error))
    return FALSE;

  reel_param_schema_add_double (loudness, "interval",
      "Time between two short-term loudness values", 0.1, 60.0, 1.0);
  reel_param_schema_set_unit (loudness, "interval", "s");
  if (!reel_plugin_add_analyser (plugin, &loudness_info, loudness, NULL, NULL,
          error))
    return FALSE;

  reel_param_schema_add_double (silences, "threshold",
      "RMS level (10 ms windows, every channel) under which audio is silent",
      -120.0, 0.0, -50.0);
  reel_param_schema_set_unit (silences, "threshold", "dBFS");
  reel_param_schema_add_double (silences, "min-duration",
      "Shortest silence reported", 0.01, 3600.0, 0.5);
  reel_param_schema_set_unit (silences, "min-duration", "s");
  if (!reel_plugin_add_analyser (plugin, &silences_info, silences, NULL, NULL,
          error))
    return FALSE;

  reel_param_schema_add_int (waveform, "pixels-per-second",
      "Peaks per second of audio (when samples-per-pixel is 0)", 1, 1000, 100);
  reel_param_schema_add_int (waveform, "samples-per-pixel",
      "Samples per peak; 0 derives it from pixels-per-second", 0, 1 << 24, 0);
  reel_param_schema_set_unit (waveform, "samples-per-pixel", "samples");
  if (!reel_plugin_add_analyser (plugin, &waveform_info, waveform, NULL, NULL,
          error))
    return FALSE;

  return TRUE;
}

/* GPL: the module links aubio (GPL-3.0-or-later); see gstreelaudio.c. */
REEL_PLUGIN_DEFINE ("audio",
    "Audio analysers: beats and tempo (aubio), EBU R128 loudness "
    "(libebur128), silences, waveform peaks",
    REEL_AUDIO_VERSION, "GPL-3.0-or-later", audio_init)
