/* Unit tests of plugins/audio: each element (reelbeats, reelloudness,
 * reelsilence, reelwaveform) run with GstHarness over synthetic samples
 * whose answer is known exactly, the whole-track beat grid on its own, and
 * the four analysers through the reel registry: their schemas, their
 * parameters as element properties, and their summarise functions turning
 * element messages into ANALYSIS sections. Fast (suite `unit`). */
#include "audio-test-util.h"
#include "reel-beat-grid.h"
#include "reel-registry.h"

#include <math.h>

static ReelRegistry *registry;

/* ---- reelbeats ---------------------------------------------------------- */

static void
check_beats (GPtrArray *messages, GArray *truth, gdouble bpm, gdouble max_error)
{
  g_autoptr (GArray) beats =
      test_message_times (messages, "reel-beat", "timestamp");
  const GstStructure *tempo = test_find_message (messages, "reel-tempo");
  gdouble estimated = 0.0, worst = 0.0, f;

  g_assert_nonnull (tempo);
  g_assert_true (gst_structure_get_double (tempo, "bpm", &estimated));
  f = test_f_measure (beats, truth, 0.070, &worst);
  g_test_message ("%.2f BPM (truth %.2f), F-measure %.3f over %u beats, "
                  "worst error %.1f ms",
      estimated, bpm, f, truth->len, worst * 1000);
  g_assert_cmpfloat (fabs (estimated / bpm - 1.0), <=, 0.02);
  g_assert_cmpfloat (f, >=, 0.9);
  g_assert_cmpfloat (worst, <=, max_error);
}

static void
test_beats_clicks (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 10.0);
  g_autoptr (GArray) truth = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GArray) onsets = NULL;

  test_signal_add_clicks (signal, 120.0, 0.5, 0.5, truth);
  messages = test_run_element ("reelbeats", signal, FALSE, 1024);
  check_beats (messages, truth, 120.0, 0.010);
  /* Every click is an onset, and nothing else is. */
  onsets = test_message_times (messages, "reel-onset", "timestamp");
  g_assert_cmpfloat (test_f_measure (onsets, truth, 0.020, NULL), ==, 1.0);
}

/* S16, stereo, 44.1 kHz, odd buffer sizes. */
static void
test_beats_formats (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (44100, 2, 10.0);
  g_autoptr (GArray) truth = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GPtrArray) messages = NULL;

  test_signal_add_clicks (signal, 100.0, 0.3, 0.5, truth);
  test_signal_add_sine (signal, 220.0, 0.03, 0.0, 10.0);
  messages = test_run_element ("reelbeats", signal, TRUE, 999);
  check_beats (messages, truth, 100.0, 0.010);
}

/* Denser than clicks: kick, snare and hi-hats on 16ths, at tempos on both
 * sides of the 120 BPM preference. */
static void
test_beats_drums (gconstpointer data)
{
  const gchar *const *c = data;
  gdouble bpm = g_ascii_strtod (c[1], NULL);
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 16.0);
  g_autoptr (GArray) truth = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GPtrArray) messages = NULL;

  test_signal_add_drums (signal, bpm, 0.25, c[0], truth);
  messages = test_run_element (c[2], signal, FALSE, 1024);
  check_beats (messages, truth, bpm, 0.030);
}

/* Half the period of a slow click track recurs through every other
 * multiple; the beat is still the click. */
static void
test_beats_slow (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 20.0);
  g_autoptr (GArray) truth = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GPtrArray) messages = NULL;

  test_signal_add_clicks (signal, 60.0, 0.4, 0.5, truth);
  messages = test_run_element ("reelbeats", signal, FALSE, 1024);
  check_beats (messages, truth, 60.0, 0.010);
}

/* A steady tone has no onsets, so no tempo: the tiny periodic ripple of
 * its detection function (leakage beating with the hop) is not a beat. */
static void
test_beats_steady_tone (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 10.0);
  g_autoptr (GPtrArray) messages = NULL;
  gdouble bpm = -1;

  test_signal_add_sine (signal, 440.0, 0.5, 0.0, 10.0);
  messages = test_run_element ("reelbeats", signal, FALSE, 1024);
  g_assert_true (
      gst_structure_get_double (test_find_message (messages, "reel-tempo"),
          "bpm", &bpm));
  g_assert_cmpfloat (bpm, ==, 0.0);
  g_assert_cmpuint (test_count_messages (messages, "reel-beat"), ==, 0);
}

static void
test_beats_silence (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 5.0);
  g_autoptr (GPtrArray) messages =
      test_run_element ("reelbeats", signal, FALSE, 1024);
  const GstStructure *tempo = test_find_message (messages, "reel-tempo");
  gdouble bpm = -1;

  g_assert_nonnull (tempo);
  g_assert_true (gst_structure_get_double (tempo, "bpm", &bpm));
  g_assert_cmpfloat (bpm, ==, 0.0);
  g_assert_cmpuint (test_count_messages (messages, "reel-beat"), ==, 0);
  g_assert_cmpuint (test_count_messages (messages, "reel-onset"), ==, 0);
}

/* A flush forgets what came before: only the second stream counts. */
static void
test_beats_flush (void)
{
  g_autoptr (TestSignal) first = test_signal_new (48000, 1, 4.0);
  g_autoptr (TestSignal) second = test_signal_new (48000, 1, 10.0);
  g_autoptr (GArray) truth = g_array_new (FALSE, FALSE, sizeof (gdouble));
  const TestSignal *parts[] = { first, second };
  const GstClockTime starts[] = { 0, 0 };
  g_autoptr (GPtrArray) messages = NULL;

  test_signal_add_clicks (first, 90.0, 0.1, 0.5, NULL);
  test_signal_add_clicks (second, 140.0, 0.2, 0.5, truth);
  messages =
      test_run_element_full ("reelbeats", parts, starts, 2, FALSE, 1024, TRUE);
  g_assert_cmpuint (test_count_messages (messages, "reel-tempo"), ==, 1);
  check_beats (messages, truth, 140.0, 0.010);
}

/* A gap in the timestamps: the beats after it are still where they are. */
static void
test_beats_gap (void)
{
  g_autoptr (TestSignal) first = test_signal_new (48000, 1, 6.0);
  g_autoptr (TestSignal) second = test_signal_new (48000, 1, 6.0);
  g_autoptr (GArray) truth = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GArray) later = g_array_new (FALSE, FALSE, sizeof (gdouble));
  const TestSignal *parts[] = { first, second };
  const GstClockTime starts[] = { 0, 8 * GST_SECOND };
  g_autoptr (GPtrArray) messages = NULL;

  test_signal_add_clicks (first, 120.0, 0.5, 0.5, truth);
  test_signal_add_clicks (second, 120.0, 0.5, 0.5, later);
  for (guint i = 0; i < later->len; i++)
    g_array_append_val (truth,
        (gdouble){ g_array_index (later, gdouble, i) + 8.0 });
  messages =
      test_run_element_full ("reelbeats", parts, starts, 2, FALSE, 1024, FALSE);
  check_beats (messages, truth, 120.0, 0.010);
}

static void
test_beats_bad_settings (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 1.0);
  g_autoptr (GPtrArray) messages =
      test_run_element ("reelbeats buf-size=512 hop-size=1024", signal, FALSE,
          1024);
  const GstStructure *error = test_find_message (messages, "error");

  g_assert_nonnull (error);
  g_assert_cmpstr (gst_structure_get_string (error, "message"), ==,
      "hop-size (1024) must not exceed buf-size (512)");
  g_assert_null (test_find_message (messages, "reel-tempo"));
}

/* The grid on its own: an onset every 40 frames, and aubio locked onto
 * 2/3 of that period (the pitfall of dense music). The whole-track tempo
 * wins and the beats land on the onsets. */
static void
test_grid_rephases (void)
{
  const gsize n = 3000;
  g_autofree gfloat *odf = g_new0 (gfloat, n);
  g_autoptr (GArray) aubio = g_array_new (FALSE, FALSE, sizeof (gdouble));
  ReelBeatGridResult result;

  for (gsize i = 0; i < n; i++)
    odf[i] = (i % 40 == 7) ? 10.0f : 0.1f * (i % 3);
  for (gdouble x = 20.0; x < n; x += 40.0 * 2 / 3)
    g_array_append_val (aubio, x);
  /* 50 frames a second: 40 frames is 75 BPM. */
  reel_beat_grid_analyse (odf, n, 50.0, (const gdouble *) aubio->data,
      aubio->len, 60.0, 200.0, &result);
  g_assert_cmpfloat_with_epsilon (result.bpm, 75.0, 0.1);
  g_assert_false (result.aubio_agreed);
  g_assert_cmpuint (result.beats->len, ==, n / 40);
  for (guint i = 0; i < result.beats->len; i++) {
    ReelBeatGridBeat *b = &g_array_index (result.beats, ReelBeatGridBeat, i);

    g_assert_cmpfloat (fabs (b->position - (7 + 40.0 * i)), <=, 0.5);
    g_assert_cmpfloat (b->confidence, ==, 1.0);
  }
  reel_beat_grid_result_clear (&result);

  /* Too short for three beats at the fastest tempo: no tempo. */
  reel_beat_grid_analyse (odf, 30, 50.0, NULL, 0, 60.0, 200.0, &result);
  g_assert_cmpfloat (result.bpm, ==, 0.0);
  g_assert_cmpuint (result.beats->len, ==, 0);
  reel_beat_grid_result_clear (&result);
}

/* ---- reelloudness ------------------------------------------------------- */

/* EBU Tech 3341 cases 1 and 2: a stereo 1 kHz sine at -23 and -33 dBFS
 * measures -23.0 and -33.0 LUFS (±0.1), with no loudness range. */
static void
test_loudness_ebu_3341 (gconstpointer data)
{
  gdouble level = GPOINTER_TO_INT (data);
  g_autoptr (TestSignal) signal = test_signal_new (48000, 2, 20.0);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GArray) times = NULL;
  const GstStructure *summary;
  gdouble integrated, range, true_peak, short_term;

  test_signal_add_sine (signal, 1000.0, pow (10.0, level / 20.0), 0.0, 20.0);
  messages = test_run_element ("reelloudness", signal, FALSE, 1024);
  summary = test_find_message (messages, "reel-loudness-summary");
  g_assert_nonnull (summary);
  g_assert_true (gst_structure_get_double (summary, "integrated", &integrated));
  g_assert_true (gst_structure_get_double (summary, "range", &range));
  g_assert_true (gst_structure_get_double (summary, "true-peak", &true_peak));
  g_test_message ("%.2f LUFS, %.2f LU, %.2f dBTP", integrated, range,
      true_peak);
  g_assert_cmpfloat (fabs (integrated - level), <=, 0.1);
  g_assert_cmpfloat (range, <=, 0.1);
  g_assert_cmpfloat (fabs (true_peak - level), <=, 0.1);

  /* One report a second, at whole seconds; the 3 s window is full from
   * 3 s on and reads the same level. */
  times = test_message_times (messages, "reel-loudness", "timestamp");
  g_assert_cmpuint (times->len, ==, 20);
  for (guint i = 0; i < times->len; i++)
    g_assert_cmpfloat (g_array_index (times, gdouble, i), ==, i + 1.0);
  g_assert_true (gst_structure_get_double (g_ptr_array_index (messages, 9),
      "short-term", &short_term));
  g_assert_cmpfloat (fabs (short_term - level), <=, 0.1);
}

/* Reports stay on multiples of the interval whatever the buffer size. */
static void
test_loudness_interval (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (44100, 1, 5.0);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GArray) times = NULL;

  test_signal_add_sine (signal, 440.0, 0.1, 0.0, 5.0);
  messages = test_run_element ("reelloudness interval=0.5", signal, TRUE, 999);
  times = test_message_times (messages, "reel-loudness", "timestamp");
  g_assert_cmpuint (times->len, ==, 10);
  for (guint i = 0; i < times->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (times, gdouble, i),
        0.5 * (i + 1), 1e-9);
}

static void
test_loudness_silence (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 2, 3.0);
  g_autoptr (GPtrArray) messages =
      test_run_element ("reelloudness", signal, FALSE, 1024);
  const GstStructure *summary =
      test_find_message (messages, "reel-loudness-summary");
  gdouble integrated = 0, true_peak = 0;

  g_assert_nonnull (summary);
  gst_structure_get_double (summary, "integrated", &integrated);
  gst_structure_get_double (summary, "true-peak", &true_peak);
  g_assert_true (isinf (integrated) && integrated < 0);
  g_assert_true (isinf (true_peak) && true_peak < 0);
}

/* ---- reelsilence -------------------------------------------------------- */

static void
check_silences (GPtrArray *messages, const gdouble *expected, guint n)
{
  g_autoptr (GArray) starts =
      test_message_times (messages, "reel-silence", "start");
  g_autoptr (GArray) ends =
      test_message_times (messages, "reel-silence", "end");
  const GstStructure *summary =
      test_find_message (messages, "reel-silence-summary");
  guint count = 0;

  g_assert_nonnull (summary);
  g_assert_true (gst_structure_get_uint (summary, "silences", &count));
  g_assert_cmpuint (count, ==, n);
  g_assert_cmpuint (starts->len, ==, n);
  for (guint i = 0; i < n; i++) {
    g_assert_cmpfloat_with_epsilon (g_array_index (starts, gdouble, i),
        expected[2 * i], 1e-6);
    g_assert_cmpfloat_with_epsilon (g_array_index (ends, gdouble, i),
        expected[2 * i + 1], 1e-6);
  }
}

/* Exact zeros on the 10 ms grid give exact edges; a 0.3 s silence is under
 * the minimum; a silence open at the end is closed by EOS. */
static void
test_silence_edges (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 5.23);
  g_autoptr (GPtrArray) messages = NULL;
  const gdouble expected[] = { 1.0, 2.23, 4.53, 5.23 };

  test_signal_add_sine (signal, 440.0, 0.1, 0.0, 5.23);
  test_signal_silence (signal, 1.0, 2.23);
  test_signal_silence (signal, 3.23, 3.53);
  test_signal_silence (signal, 4.53, 5.23);
  messages = test_run_element ("reelsilence", signal, FALSE, 1000);
  check_silences (messages, expected, 2);
}

/* Edges off the 10 ms grid land on the next grid line inside the silence:
 * a window with any audio above the threshold is not silent. */
static void
test_silence_off_grid (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 3.0);
  g_autoptr (GPtrArray) messages = NULL;
  const gdouble expected[] = { 1.01, 2.23 };

  test_signal_add_sine (signal, 440.0, 0.1, 0.0, 3.0);
  test_signal_silence (signal, 1.0043, 2.2371);
  messages = test_run_element ("reelsilence", signal, FALSE, 777);
  check_silences (messages, expected, 1);
}

/* A tone at -45 dBFS peak (-48 dBFS RMS) is silence under -40, not under
 * -50; one loud channel is enough to break a silence. */
static void
test_silence_threshold (void)
{
  g_autoptr (TestSignal) quiet = test_signal_new (48000, 2, 2.0);
  g_autoptr (TestSignal) one_channel = test_signal_new (48000, 2, 2.0);
  g_autoptr (GPtrArray) m40 = NULL;
  g_autoptr (GPtrArray) m50 = NULL;
  g_autoptr (GPtrArray) m1 = NULL;
  const gdouble whole[] = { 0.0, 2.0 };

  test_signal_add_sine (quiet, 300.0, pow (10, -45 / 20.0), 0.0, 2.0);
  m40 = test_run_element ("reelsilence threshold=-40", quiet, TRUE, 512);
  check_silences (m40, whole, 1);
  m50 = test_run_element ("reelsilence", quiet, TRUE, 512);
  check_silences (m50, NULL, 0);

  for (gsize i = 0; i < one_channel->frames; i++)
    one_channel->data[2 * i] = 0.2f * sin (2 * G_PI * 300 * i / 48000.0);
  m1 = test_run_element ("reelsilence", one_channel, FALSE, 512);
  check_silences (m1, NULL, 0);
}

static void
test_silence_min_duration (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 3.0);
  g_autoptr (GPtrArray) messages = NULL;
  const gdouble expected[] = { 1.0, 1.3 };

  test_signal_add_sine (signal, 440.0, 0.1, 0.0, 3.0);
  test_signal_silence (signal, 1.0, 1.3);
  messages =
      test_run_element ("reelsilence min-duration=0.25", signal, FALSE, 1024);
  check_silences (messages, expected, 1);
}

/* ---- reelwaveform ------------------------------------------------------- */

/* A 1 kHz sine at half scale: every pixel of 480 samples spans -64…64
 * (16384 / 256), in chunks of 100 pixels, the last one partial. */
static void
test_waveform_sine (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 2, 2.5);
  g_autoptr (GPtrArray) messages = NULL;
  guint64 expected_first = 0;
  guint chunks = 0;

  test_signal_add_sine (signal, 1000.0, 0.5, 0.0, 2.5);
  messages = test_run_element ("reelwaveform", signal, FALSE, 1000);
  for (guint i = 0; i < messages->len; i++) {
    const GstStructure *s = g_ptr_array_index (messages, i);
    g_autoptr (GstBuffer) data = NULL;
    guint64 first;
    guint pixels;
    gint rate, spp;
    GstMapInfo map;

    if (!gst_structure_has_name (s, "reel-waveform"))
      continue;
    g_assert_true (gst_structure_get (s, "first-pixel", G_TYPE_UINT64, &first,
        "pixels", G_TYPE_UINT, &pixels, "sample-rate", G_TYPE_INT, &rate,
        "samples-per-pixel", G_TYPE_INT, &spp, "data", GST_TYPE_BUFFER, &data,
        NULL));
    g_assert_cmpint (rate, ==, 48000);
    g_assert_cmpint (spp, ==, 480);
    g_assert_cmpuint (first, ==, expected_first);
    g_assert_cmpuint (pixels, ==, chunks < 2 ? 100 : 50);
    g_assert_true (gst_buffer_map (data, &map, GST_MAP_READ));
    g_assert_cmpuint (map.size, ==, 2 * pixels);
    for (guint p = 0; p < pixels; p++) {
      g_assert_cmpint ((gint8) map.data[2 * p], ==, -64);
      g_assert_cmpint ((gint8) map.data[2 * p + 1], ==, 64);
    }
    gst_buffer_unmap (data, &map);
    expected_first += pixels;
    chunks++;
  }
  g_assert_cmpuint (chunks, ==, 3);
}

/* S16 values go through as audiowaveform converts them: / 256, truncated
 * towards zero; a pixel cut by the end keeps what it has. */
static void
test_waveform_s16 (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (8000, 1, 350 / 8000.0);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GstBuffer) data = NULL;
  const gint8 expected[] = { 3, 3, -3, -3, -1, 127, 0, 0 };
  const GstStructure *s;
  GstMapInfo map;
  guint pixels;

  for (guint i = 0; i < 200; i++)
    signal->data[i] = (i < 100 ? 1000 : -1000) / 32768.0f;
  signal->data[250] = -300 / 32768.0f;
  signal->data[260] = 1.0f;
  messages =
      test_run_element ("reelwaveform samples-per-pixel=100", signal, TRUE, 64);
  s = test_find_message (messages, "reel-waveform");
  g_assert_nonnull (s);
  g_assert_true (gst_structure_get (s, "pixels", G_TYPE_UINT, &pixels, "data",
      GST_TYPE_BUFFER, &data, NULL));
  g_assert_cmpuint (pixels, ==, 4);
  g_assert_true (gst_buffer_map (data, &map, GST_MAP_READ));
  g_assert_cmpmem (map.data, map.size, expected, sizeof (expected));
  gst_buffer_unmap (data, &map);
}

/* ---- no audio ----------------------------------------------------------- */

/* Caps, then EOS with no samples: nothing is posted, by any element. */
static void
test_no_audio (void)
{
  const gchar *const elements[] = { "reelbeats", "reelloudness", "reelsilence",
    "reelwaveform" };
  g_autoptr (TestSignal) empty = test_signal_new (48000, 2, 0.0);

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++) {
    g_autoptr (GPtrArray) messages =
        test_run_element (elements[i], empty, FALSE, 1024);

    g_assert_cmpuint (messages->len, ==, 0);
  }
}

/* ---- the analysers, through the registry -------------------------------- */

static ReelComponent *
lookup (const gchar *name)
{
  g_autoptr (GError) error = NULL;
  ReelComponent *c =
      reel_registry_lookup (registry, REEL_COMPONENT_ANALYSER, name, &error);
  const gchar *reason = NULL;

  g_assert_no_error (error);
  g_assert_true (reel_component_is_available (c, &reason));
  return c;
}

static JsonObject *
validate (ReelComponent *c, const gchar *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  JsonObject *params =
      reel_component_validate_params (c, node, "params", errors);

  g_assert_cmpuint (reel_field_errors_get_count (errors), ==, 0);
  return params;
}

static gchar *
summarise (const gchar *name, const gchar *params_json, GPtrArray *messages,
    GError **error)
{
  ReelComponent *c = lookup (name);
  g_autoptr (JsonObject) params = validate (c, params_json);
  g_autoptr (JsonNode) section = reel_component_summarise (c, params,
      10 * GST_SECOND, messages, NULL, NULL, error);

  return section ? json_to_string (section, FALSE) : NULL;
}

/* Every parameter is an element property of the same name and type family,
 * so the host can set it on the element. */
static void
test_analysers_params_are_properties (void)
{
  const gchar *const names[] = { "beats", "loudness", "silences", "waveform" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    ReelComponent *c = lookup (names[i]);
    const ReelAnalyserInfo *info = reel_component_get_analyser_info (c);
    ReelParamSchema *schema = reel_component_get_params (c);
    g_autoptr (GstElementFactory) factory =
        gst_element_factory_find (info->element);
    GObjectClass *klass;

    g_assert_nonnull (factory);
    g_assert_true (info->stream == REEL_STREAM_AUDIO);
    /* Several message names: the host must hand over all of them. */
    g_assert_null (info->message);
    klass = g_type_class_ref (gst_element_factory_get_element_type (factory));
    for (guint p = 0; p < reel_param_schema_get_n_params (schema); p++) {
      const gchar *param = reel_param_schema_get_name (schema, p);
      GParamSpec *pspec = g_object_class_find_property (klass, param);
      g_autoptr (GstElement) element =
          gst_element_factory_make (info->element, NULL);

      g_assert_nonnull (pspec);
      /* The host sets them from strings: every default must parse. */
      switch (reel_param_schema_get_param_type (schema, p)) {
        case REEL_PARAM_CHOICE:
          g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
          gst_util_set_object_arg (G_OBJECT (element), param, "specflux");
          break;
        case REEL_PARAM_INT:
          g_assert_true (
              G_IS_PARAM_SPEC_INT (pspec) || G_IS_PARAM_SPEC_UINT (pspec));
          break;
        case REEL_PARAM_DOUBLE:
          g_assert_true (G_IS_PARAM_SPEC_DOUBLE (pspec));
          break;
        default:
          g_assert_not_reached ();
      }
    }
    g_type_class_unref (klass);
  }
}

static void
test_analysers_reject_bad_params (void)
{
  ReelComponent *c = lookup ("silences");
  g_autoptr (JsonNode) node = json_from_string ("{\"threshold\": 5}", NULL);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (JsonObject) params =
      reel_component_validate_params (c, node, "params", errors);

  g_assert_null (params);
  g_assert_true (reel_field_errors_has_path (errors, "params.threshold"));
}

/* A stream without audio leaves no end-of-stream message: every analyser
 * says so instead of reporting an empty result. */
static void
test_analysers_no_audio (void)
{
  const gchar *const names[] = { "beats", "loudness", "silences", "waveform" };
  g_autoptr (GPtrArray) none = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree gchar *json = summarise (names[i], "{}", none, &error);

    g_assert_null (json);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "no audio was analysed"));
  }
}

static void
test_analysers_beats (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 4.0);
  g_autoptr (TestSignal) silent = test_signal_new (48000, 1, 4.0);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GPtrArray) silent_messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *json = NULL;
  g_autofree gchar *silent_json = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *section;
  JsonArray *times, *onsets;

  test_signal_add_clicks (signal, 120.0, 0.5, 0.5, NULL);
  messages = test_run_element ("reelbeats", signal, FALSE, 1024);
  json = summarise ("beats", "{}", messages, &error);
  g_assert_no_error (error);
  node = json_from_string (json, NULL);
  section = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (section), ==, 4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (section,
                                      "tempo"),
      120.0, 0.5);
  g_assert_cmpfloat (json_object_get_double_member (section, "confidence"), >,
      0.5);
  times = json_object_get_array_member (section, "times");
  onsets = json_object_get_array_member (section, "onsets");
  g_assert_cmpuint (json_array_get_length (times), ==, 7);
  g_assert_cmpuint (json_array_get_length (onsets), ==, 7);
  for (guint i = 0; i < 7; i++) {
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (times, i),
        0.5 * (i + 1), 0.005);
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (onsets, i),
        0.5 * (i + 1), 0.005);
  }

  /* Silence has no tempo: the section is null. */
  silent_messages = test_run_element ("reelbeats", silent, FALSE, 1024);
  silent_json = summarise ("beats", "{}", silent_messages, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (silent_json, ==, "null");
}

static void
test_analysers_loudness (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 2, 4.0);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *json = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *section, *short_term;
  JsonArray *values;

  test_signal_add_sine (signal, 1000.0, pow (10.0, -23 / 20.0), 0.0, 4.0);
  messages =
      test_run_element ("reelloudness interval=2.0", signal, FALSE, 1024);
  json = summarise ("loudness", "{\"interval\": 2.0}", messages, &error);
  g_assert_no_error (error);
  node = json_from_string (json, NULL);
  section = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (section), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (section, "integrated"), ==,
      -22.99);
  g_assert_cmpfloat (json_object_get_double_member (section, "range"), ==, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (section, "true_peak"), ==,
      -23.0);
  short_term = json_object_get_object_member (section, "short_term");
  g_assert_cmpfloat (json_object_get_double_member (short_term, "interval"), ==,
      2.0);
  /* At 2 s the 3 s window is a third empty: 10 log10 (2/3) under. */
  values = json_object_get_array_member (short_term, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (values, 0), ==, -24.75);
  g_assert_cmpfloat (json_array_get_double_element (values, 1), ==, -22.99);
}

static void
test_analysers_loudness_silence (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 2, 2.0);
  g_autoptr (GPtrArray) messages =
      test_run_element ("reelloudness", signal, FALSE, 1024);
  g_autoptr (GError) error = NULL;
  g_autofree gchar *json = summarise ("loudness", "{}", messages, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==,
      "{\"integrated\":null,\"range\":0.0,\"true_peak\":null,"
      "\"short_term\":{\"interval\":1.0,\"values\":[null,null]}}");
}

static void
test_analysers_silences (void)
{
  g_autoptr (TestSignal) signal = test_signal_new (48000, 1, 3.0);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *json = NULL;

  test_signal_add_sine (signal, 440.0, 0.1, 0.0, 3.0);
  test_signal_silence (signal, 0.5, 1.25);
  test_signal_silence (signal, 2.0, 3.0);
  messages = test_run_element ("reelsilence", signal, FALSE, 1024);
  json = summarise ("silences", "{}", messages, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==,
      "[{\"start\":0.5,\"end\":1.25},{\"start\":2.0,\"end\":3.0}]");
}

/* Chunks join into audiowaveform's JSON; a gap between them stays flat. */
static void
test_analysers_waveform (void)
{
  g_autoptr (GPtrArray) messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  const gint8 a[] = { -1, 2, -3, 4 }, b[] = { -128, 127 };
  g_autoptr (GError) error = NULL;
  g_autofree gchar *json = NULL;
  GstBuffer *buffer;

  buffer = gst_buffer_new_memdup (a, sizeof (a));
  g_ptr_array_add (messages,
      gst_structure_new ("reel-waveform", "sample-rate", G_TYPE_INT, 44100,
          "samples-per-pixel", G_TYPE_INT, 441, "first-pixel", G_TYPE_UINT64,
          (guint64) 0, "pixels", G_TYPE_UINT, 2, "data", GST_TYPE_BUFFER,
          buffer, NULL));
  gst_buffer_unref (buffer);
  buffer = gst_buffer_new_memdup (b, sizeof (b));
  g_ptr_array_add (messages,
      gst_structure_new ("reel-waveform", "sample-rate", G_TYPE_INT, 44100,
          "samples-per-pixel", G_TYPE_INT, 441, "first-pixel", G_TYPE_UINT64,
          (guint64) 3, "pixels", G_TYPE_UINT, 1, "data", GST_TYPE_BUFFER,
          buffer, NULL));
  gst_buffer_unref (buffer);
  json = summarise ("waveform", "{}", messages, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==,
      "{\"version\":2,\"channels\":1,\"sample_rate\":44100,"
      "\"samples_per_pixel\":441,\"bits\":8,\"length\":4,"
      "\"data\":[-1,2,-3,4,0,0,-128,127]}");
}

int
main (int argc, char **argv)
{
  static const gchar *const drums[][3] = {
    { "rock16", "96", "reelbeats" },
    { "rock16", "120", "reelbeats" },
    { "four", "128", "reelbeats" },
    { "funk", "100", "reelbeats" },
    { "dnb", "174", "reelbeats min-bpm=100" },
  };
  g_autofree gchar *dir = NULL;
  int status;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  /* The registry loads the module, which registers its elements too. */
  dir = g_build_filename (g_getenv ("REEL_BUILD_ROOT"), "plugins", NULL);
  registry = reel_registry_new ();
  reel_registry_load_dir (registry, dir);
  g_assert_nonnull (reel_registry_find_plugin (registry, "audio"));

  g_test_add_func ("/audio/beats/clicks", test_beats_clicks);
  g_test_add_func ("/audio/beats/formats", test_beats_formats);
  for (guint i = 0; i < G_N_ELEMENTS (drums); i++) {
    g_autofree gchar *path =
        g_strdup_printf ("/audio/beats/drums/%s-%s", drums[i][0], drums[i][1]);

    g_test_add_data_func (path, drums[i], test_beats_drums);
  }
  g_test_add_func ("/audio/beats/slow", test_beats_slow);
  g_test_add_func ("/audio/beats/steady-tone", test_beats_steady_tone);
  g_test_add_func ("/audio/beats/silence", test_beats_silence);
  g_test_add_func ("/audio/beats/flush", test_beats_flush);
  g_test_add_func ("/audio/beats/gap", test_beats_gap);
  g_test_add_func ("/audio/beats/bad-settings", test_beats_bad_settings);
  g_test_add_func ("/audio/beats/grid-rephases", test_grid_rephases);
  g_test_add_data_func ("/audio/loudness/ebu-3341-1", GINT_TO_POINTER (-23),
      test_loudness_ebu_3341);
  g_test_add_data_func ("/audio/loudness/ebu-3341-2", GINT_TO_POINTER (-33),
      test_loudness_ebu_3341);
  g_test_add_func ("/audio/loudness/interval", test_loudness_interval);
  g_test_add_func ("/audio/loudness/silence", test_loudness_silence);
  g_test_add_func ("/audio/silence/edges", test_silence_edges);
  g_test_add_func ("/audio/silence/off-grid", test_silence_off_grid);
  g_test_add_func ("/audio/silence/threshold", test_silence_threshold);
  g_test_add_func ("/audio/silence/min-duration", test_silence_min_duration);
  g_test_add_func ("/audio/waveform/sine", test_waveform_sine);
  g_test_add_func ("/audio/waveform/s16", test_waveform_s16);
  g_test_add_func ("/audio/no-audio", test_no_audio);
  g_test_add_func ("/audio/analysers/params-are-properties",
      test_analysers_params_are_properties);
  g_test_add_func ("/audio/analysers/reject-bad-params",
      test_analysers_reject_bad_params);
  g_test_add_func ("/audio/analysers/no-audio", test_analysers_no_audio);
  g_test_add_func ("/audio/analysers/beats", test_analysers_beats);
  g_test_add_func ("/audio/analysers/loudness", test_analysers_loudness);
  g_test_add_func ("/audio/analysers/loudness-silence",
      test_analysers_loudness_silence);
  g_test_add_func ("/audio/analysers/silences", test_analysers_silences);
  g_test_add_func ("/audio/analysers/waveform", test_analysers_waveform);

  status = g_test_run ();
  reel_registry_free (registry);
  return status;
}
