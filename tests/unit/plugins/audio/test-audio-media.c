/* Integration tests of plugins/audio (suite `integration`): clips made by
 * the test-media generator (tests/media) are decoded once and fed through
 * a tee to the four elements, as the analysis runner does; their messages
 * go through the analysers' summarise functions, and the sections are
 * compared with the clips' ground truth — beats (F-measure within ±70 ms,
 * tempo within 2 %), silences (edges within 50 ms) — and the integrated
 * loudness with ffmpeg's ebur128 filter on the same file (within 0.2 LU).
 * Run one case per process: `test-audio-media -p /audio-media/clicks-120`.
 */
#include "audio-test-util.h"
#include "reel-registry.h"
#include "reel-test-media.h"

#include <glib/gstdio.h>
#include <math.h>

static const gchar *const analysers[] = { "beats", "loudness", "silences",
  "waveform" };
#define N_ANALYSERS G_N_ELEMENTS (analysers)

static ReelRegistry *registry;
static gchar *tmpdir;

typedef struct {
  gchar *path;
  JsonNode *truth;
  JsonNode *sections[N_ANALYSERS];
  gdouble duration;
} Analysis;

static void
analysis_free (Analysis *a)
{
  g_free (a->path);
  if (a->truth)
    json_node_unref (a->truth);
  for (guint i = 0; i < N_ANALYSERS; i++)
    if (a->sections[i])
      json_node_unref (a->sections[i]);
  g_free (a);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Analysis, analysis_free)

static JsonObject *
section (Analysis *a, const gchar *name)
{
  for (guint i = 0; i < N_ANALYSERS; i++)
    if (g_str_equal (analysers[i], name))
      return a->sections[i] && JSON_NODE_HOLDS_OBJECT (a->sections[i])
                 ? json_node_get_object (a->sections[i])
                 : NULL;
  g_assert_not_reached ();
}

static JsonObject *
truth (Analysis *a)
{
  return json_node_get_object (a->truth);
}

/* Sets each validated parameter on the element property of the same name,
 * from its string form, as the runner does. */
static void
set_params (GstElement *element, JsonObject *params)
{
  g_autoptr (GList) names = json_object_get_members (params);

  for (GList *l = names; l != NULL; l = l->next) {
    JsonNode *node = json_object_get_member (params, l->data);
    g_autofree gchar *value = NULL;

    if (json_node_get_value_type (node) == G_TYPE_STRING)
      value = g_strdup (json_node_get_string (node));
    else if (json_node_get_value_type (node) == G_TYPE_INT64)
      value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    else
      value = g_strdup_printf ("%.17g", json_node_get_double (node));
    gst_util_set_object_arg (G_OBJECT (element), l->data, value);
  }
}

/* Audio goes to the analysers; anything else to a fakesink of its own
 * (added only then: a sink that never gets data would hold back EOS). */
static void
on_pad_added (GstElement *decodebin, GstPad *pad, gpointer user_data)
{
  GstElement *pipeline = user_data;
  g_autoptr (GstCaps) caps = gst_pad_query_caps (pad, NULL);
  const gchar *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  g_autoptr (GstElement) sink = NULL;
  g_autoptr (GstPad) sinkpad = NULL;

  if (g_str_has_prefix (name, "audio/")) {
    sink = gst_bin_get_by_name (GST_BIN (pipeline), "convert");
  } else {
    sink = gst_object_ref (gst_element_factory_make ("fakesink", NULL));
    gst_bin_add (GST_BIN (pipeline), sink);
    gst_element_sync_state_with_parent (sink);
  }
  sinkpad = gst_element_get_static_pad (sink, "sink");
  if (!gst_pad_is_linked (sinkpad))
    g_assert_cmpint (gst_pad_link (pad, sinkpad), ==, GST_PAD_LINK_OK);
}

/* Decodes path once into all four analysers, with the given parameters
 * (JSON objects, or NULL for the defaults). */
static Analysis *
analyse (const gchar *path, const gchar *const *params_json)
{
  g_autoptr (Analysis) a = g_new0 (Analysis, 1);
  g_autofree gchar *uri = gst_filename_to_uri (path, NULL);
  g_autofree gchar *truth_path = reel_test_media_truth_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GstElement *pipeline, *decode, *convert, *resample, *tee;
  GstElement *elements[N_ANALYSERS];
  GPtrArray *messages[N_ANALYSERS];
  JsonObject *params[N_ANALYSERS];
  ReelComponent *components[N_ANALYSERS];
  g_autoptr (GstBus) bus = NULL;
  gboolean done = FALSE;

  a->path = g_strdup (path);
  g_assert_true (json_parser_load_from_file (parser, truth_path, &error));
  g_assert_no_error (error);
  a->truth = json_parser_steal_root (parser);
  a->duration = json_object_get_double_member (truth (a), "duration");

  pipeline = gst_pipeline_new (NULL);
  decode = gst_element_factory_make ("uridecodebin", NULL);
  convert = gst_element_factory_make ("audioconvert", "convert");
  resample = gst_element_factory_make ("audioresample", NULL);
  tee = gst_element_factory_make ("tee", NULL);
  g_object_set (decode, "uri", uri, NULL);
  gst_bin_add_many (GST_BIN (pipeline), decode, convert, resample, tee, NULL);
  g_assert_true (gst_element_link_many (convert, resample, tee, NULL));
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_pad_added), pipeline);

  for (guint i = 0; i < N_ANALYSERS; i++) {
    GstElement *queue = gst_element_factory_make ("queue", NULL);
    GstElement *sink = gst_element_factory_make ("fakesink", NULL);
    g_autoptr (JsonNode) node =
        json_from_string (params_json && params_json[i] ? params_json[i] : "{}",
            NULL);
    g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();

    components[i] = reel_registry_lookup (registry, REEL_COMPONENT_ANALYSER,
        analysers[i], &error);
    g_assert_no_error (error);
    params[i] =
        reel_component_validate_params (components[i], node, "params", errors);
    g_assert_nonnull (params[i]);
    elements[i] = gst_element_factory_make (reel_component_get_analyser_info (
                                                components[i])
                                                ->element,
        NULL);
    set_params (elements[i], params[i]);
    messages[i] =
        g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
    g_object_set (sink, "sync", FALSE, NULL);
    gst_bin_add_many (GST_BIN (pipeline), queue, elements[i], sink, NULL);
    g_assert_true (gst_element_link_many (tee, queue, elements[i], sink, NULL));
  }

  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
      GST_STATE_CHANGE_FAILURE);
  while (!done) {
    GstMessage *m = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
        GST_MESSAGE_EOS | GST_MESSAGE_ERROR | GST_MESSAGE_ELEMENT);

    g_assert_nonnull (m);
    switch (GST_MESSAGE_TYPE (m)) {
      case GST_MESSAGE_ERROR: {
        g_autoptr (GError) e = NULL;

        gst_message_parse_error (m, &e, NULL);
        g_error ("%s: %s", path, e->message);
        break;
      }
      case GST_MESSAGE_EOS:
        done = TRUE;
        break;
      default:
        for (guint i = 0; i < N_ANALYSERS; i++)
          if (GST_MESSAGE_SRC (m) == GST_OBJECT (elements[i]))
            g_ptr_array_add (messages[i],
                gst_structure_copy (gst_message_get_structure (m)));
        break;
    }
    gst_message_unref (m);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);

  for (guint i = 0; i < N_ANALYSERS; i++) {
    a->sections[i] = reel_component_summarise (components[i], params[i],
        (GstClockTime) (a->duration * GST_SECOND), messages[i], NULL, NULL,
        &error);
    g_assert_no_error (error);
    g_assert_nonnull (a->sections[i]);
    g_ptr_array_unref (messages[i]);
    json_object_unref (params[i]);
  }
  return g_steal_pointer (&a);
}

static gchar *
generate (ReelTestMediaSpec *spec, const gchar *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *file = g_strdup_printf ("%s.%s", name,
      reel_test_media_spec_get_extension (spec));
  gchar *path = g_build_filename (tmpdir, file, NULL);

  g_assert_true (reel_test_media_generate (spec, path, &error));
  g_assert_no_error (error);
  return path;
}

static GArray *
doubles (JsonArray *array)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    g_array_append_val (out,
        (gdouble){ json_array_get_double_element (array, i) });
  return out;
}

static void
check_beats (Analysis *a, GArray *reference, gdouble bpm)
{
  JsonObject *beats = section (a, "beats");
  g_autoptr (GArray) times = NULL;
  gdouble tempo, f, worst = 0.0;

  g_assert_nonnull (beats);
  tempo = json_object_get_double_member (beats, "tempo");
  times = doubles (json_object_get_array_member (beats, "times"));
  f = test_f_measure (times, reference, 0.070, &worst);
  g_test_message ("%s: %.2f BPM (truth %.2f, %+.2f %%), F-measure %.3f "
                  "(%u beats, %u found), worst error %.1f ms, "
                  "confidence %.2f",
      a->path, tempo, bpm, 100 * (tempo / bpm - 1), f, reference->len,
      times->len, 1000 * worst,
      json_object_get_double_member (beats, "confidence"));
  g_assert_cmpfloat (fabs (tempo / bpm - 1.0), <=, 0.02);
  g_assert_cmpfloat (f, >=, 0.9);
}

static void
check_truth_beats (Analysis *a)
{
  JsonObject *b = json_object_get_object_member (truth (a), "beats");
  g_autoptr (GArray) reference =
      doubles (json_object_get_array_member (b, "times"));

  check_beats (a, reference, json_object_get_double_member (b, "tempo"));
}

static void
check_silences (Analysis *a, JsonArray *expected)
{
  JsonArray *found = json_node_get_array (a->sections[2]);
  gdouble worst = 0.0;

  g_assert_cmpuint (json_array_get_length (found), ==,
      json_array_get_length (expected));
  for (guint i = 0; i < json_array_get_length (expected); i++) {
    JsonObject *e = json_array_get_object_element (expected, i);
    JsonObject *f = json_array_get_object_element (found, i);

    worst = MAX (worst, fabs (json_object_get_double_member (e, "start")
                              - json_object_get_double_member (f, "start")));
    worst = MAX (worst, fabs (json_object_get_double_member (e, "end")
                              - json_object_get_double_member (f, "end")));
  }
  g_test_message ("%s: %u silences, worst edge error %.1f ms", a->path,
      json_array_get_length (expected), 1000 * worst);
  g_assert_cmpfloat (worst, <=, 0.050);
}

/* ffmpeg's integrated loudness of the file, or NaN when ffmpeg is absent. */
static gdouble
ffmpeg_integrated (const gchar *path)
{
  g_autofree gchar *ffmpeg = g_find_program_in_path ("ffmpeg");
  g_autofree gchar *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree gchar *value = NULL;
  const gchar *argv[] = { NULL, "-nostats", "-hide_banner", "-i", path, "-af",
    "ebur128=peak=true", "-f", "null", "-", NULL };
  gint status;

  if (ffmpeg == NULL)
    return NAN;
  argv[0] = ffmpeg;
  g_assert_true (g_spawn_sync (NULL, (gchar **) argv, NULL,
      G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  regex =
      g_regex_new ("Summary:[\\s\\S]*?I:\\s+(-?[0-9.]+|-inf) LUFS", 0, 0, NULL);
  g_assert_true (g_regex_match (regex, err, 0, &match));
  value = g_match_info_fetch (match, 1);
  return g_str_equal (value, "-inf") ? -INFINITY : g_ascii_strtod (value, NULL);
}

static void
check_loudness (Analysis *a)
{
  JsonObject *l = section (a, "loudness");
  JsonObject *short_term;
  gdouble reference = ffmpeg_integrated (a->path), integrated;
  guint values;

  g_assert_nonnull (l);
  short_term = json_object_get_object_member (l, "short_term");
  values = json_array_get_length (
      json_object_get_array_member (short_term, "values"));
  /* One short-term value per whole second of audio. */
  g_assert_cmpuint (values, ==, (guint) floor (a->duration + 1e-6));
  if (isnan (reference)) {
    g_test_skip ("ffmpeg is not installed (Debian: ffmpeg): the integrated "
                 "loudness is not compared with its ebur128 filter");
    return;
  }
  integrated = json_object_get_double_member (l, "integrated");
  g_test_message ("%s: integrated %.2f LUFS, ffmpeg %.1f LUFS (%+.2f LU); "
                  "range %.2f LU, true peak %.2f dBTP",
      a->path, integrated, reference, integrated - reference,
      json_object_get_double_member (l, "range"),
      json_object_get_double_member (l, "true_peak"));
  g_assert_cmpfloat (fabs (integrated - reference), <=, 0.2);
}

static void
check_waveform (Analysis *a)
{
  JsonObject *w = section (a, "waveform");
  gint64 rate, spp, length;

  g_assert_nonnull (w);
  g_assert_cmpint (json_object_get_int_member (w, "version"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (w, "channels"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (w, "bits"), ==, 8);
  rate = json_object_get_int_member (w, "sample_rate");
  spp = json_object_get_int_member (w, "samples_per_pixel");
  length = json_object_get_int_member (w, "length");
  g_assert_cmpint (spp, ==, rate / 100);
  /* Every sample in a pixel (the decoder may add one at the end). */
  g_assert_cmpint (length, >=, (gint64) ceil (a->duration * 100 - 1e-6));
  g_assert_cmpint (length, <=, (gint64) ceil (a->duration * 100 - 1e-6) + 1);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (w, "data")),
      ==, 2 * length);
}

/* A preset: all four analysers against its truth. */
static void
test_preset (gconstpointer data)
{
  const gchar *name = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTestMediaSpec) spec =
      reel_test_media_spec_new_preset (name, &error);
  g_autofree gchar *path = NULL;
  g_autoptr (Analysis) a = NULL;
  g_autofree gchar *silences = NULL;
  const gchar *params[] = { NULL, NULL, NULL, NULL };
  JsonNode *beats;

  g_assert_no_error (error);
  path = generate (spec, name);
  /* The truth's silences are exact digital silence: the threshold goes
   * 20 dB under any background, so that a quiet noise floor is not one. */
  if (spec->background != REEL_TEST_MEDIA_BACKGROUND_NONE)
    silences = g_strdup_printf ("{\"threshold\": %g}",
        MIN (-50.0, spec->background_db - 20.0));
  params[2] = silences;
  a = analyse (path, params);
  beats = json_object_get_member (truth (a), "beats");
  if (!JSON_NODE_HOLDS_NULL (beats))
    check_truth_beats (a);
  check_silences (a, json_object_get_array_member (truth (a), "silences"));
  check_waveform (a);
  check_loudness (a);
}

/* Click tracks at more tempos (audio only, so that they are quick). */
static void
test_tempos (void)
{
  const gdouble tempos[] = { 75, 100, 140, 174 };

  for (guint i = 0; i < G_N_ELEMENTS (tempos); i++) {
    g_autoptr (ReelTestMediaSpec) spec =
        reel_test_media_spec_new_preset ("clicks-120", NULL);
    g_autofree gchar *name = g_strdup_printf ("clicks-%g", tempos[i]);
    g_autofree gchar *path = NULL;
    g_autoptr (Analysis) a = NULL;

    spec->has_video = FALSE;
    g_array_set_size (spec->cuts, 0);
    spec->bpm = tempos[i];
    path = generate (spec, name);
    a = analyse (path, NULL);
    check_truth_beats (a);
  }
}

/* Denser than clicks, through AAC: a kick (60 Hz), a snare (a 200 Hz voice)
 * and hi-hats (8 kHz) on the eighths, accented on the beats, over a noise
 * floor, made of the generator's tone bursts. */
static void
test_drums (gconstpointer data)
{
  const gchar *const *c = data;
  gdouble bpm = g_ascii_strtod (c[0], NULL);
  gboolean four = g_str_equal (c[1], "four");
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();
  g_autoptr (GArray) reference = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autofree gchar *name = g_strdup_printf ("drums-%s-%s", c[1], c[0]);
  g_autofree gchar *path = NULL;
  g_autoptr (Analysis) a = NULL;
  const gchar *const params[] = { c[2], NULL, NULL, NULL };

  spec->has_video = FALSE;
  spec->frames = 12 * 30;
  spec->background = REEL_TEST_MEDIA_BACKGROUND_NOISE;
  spec->background_db = -45;
  for (guint s = 0;; s++) {
    gdouble t = 0.3 + s * 15.0 / bpm;
    guint pos = s % 16;

    if (t > 11.8)
      break;
    if (pos % 4 == 0)
      g_array_append_val (reference, t);
    if (four ? pos % 4 == 0 : (pos == 0 || pos == 8))
      reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_SINE, 60, t,
          0.1, -8);
    if (pos == 4 || pos == 12)
      reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_VOICE, 200, t,
          0.08, -10);
    if (four ? pos % 4 == 2 : pos % 2 == 0)
      reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_SINE, 8000, t,
          0.03, pos % 4 == 0 ? -20 : -26);
  }
  path = generate (spec, name);
  a = analyse (path, params);
  check_beats (a, reference, bpm);
}

/* Voices separated by pauses that hold only a noise floor (-30 dBFS peak,
 * about -44 dBFS RMS): silences at -40 dBFS, none at the default -50. */
static void
test_noise_floor (void)
{
  const gdouble voices[][2] = { { 0.0, 2.0 }, { 2.8, 5.5 }, { 6.0, 9.0 },
    { 10.5, 12.25 }, { 12.75, 15.0 } };
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();
  g_autoptr (JsonArray) expected = json_array_new ();
  g_autoptr (JsonArray) none = json_array_new ();
  g_autofree gchar *path = NULL;
  g_autoptr (Analysis) at40 = NULL;
  g_autoptr (Analysis) at50 = NULL;
  const gchar *const params[] = { NULL, NULL,
    "{\"threshold\": -40, \"min-duration\": 0.3}", NULL };

  spec->has_video = FALSE;
  spec->frames = 15 * 30;
  spec->background = REEL_TEST_MEDIA_BACKGROUND_NOISE;
  spec->background_db = -30;
  for (guint i = 0; i < G_N_ELEMENTS (voices); i++) {
    reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_VOICE,
        i % 2 ? 220 : 140, voices[i][0], voices[i][1] - voices[i][0], -16);
    if (i + 1 < G_N_ELEMENTS (voices)) {
      JsonObject *gap = json_object_new ();

      json_object_set_double_member (gap, "start", voices[i][1]);
      json_object_set_double_member (gap, "end", voices[i + 1][0]);
      json_array_add_object_element (expected, gap);
    }
  }
  path = generate (spec, "noise-floor");
  at40 = analyse (path, params);
  check_silences (at40, expected);
  at50 = analyse (path, NULL);
  check_silences (at50, none);
}

/* The elements are GStreamer elements: gst-inspect-1.0 finds them on
 * GST_PLUGIN_PATH. */
static void
test_gst_inspect (void)
{
  const gchar *const elements[] = { "reelbeats", "reelloudness", "reelsilence",
    "reelwaveform" };
  g_autofree gchar *inspect = g_find_program_in_path ("gst-inspect-1.0");
  g_autofree gchar *plugins =
      g_build_filename (g_getenv ("REEL_BUILD_ROOT"), "plugins", NULL);
  g_auto (GStrv) env = g_get_environ ();

  if (inspect == NULL) {
    g_test_skip ("gst-inspect-1.0 is not installed "
                 "(Debian: gstreamer1.0-tools)");
    return;
  }
  env = g_environ_setenv (env, "GST_PLUGIN_PATH", plugins, TRUE);
#ifdef REEL_ASAN_RUNTIME
  env = g_environ_setenv (env, "LD_PRELOAD", REEL_ASAN_RUNTIME, TRUE);
#endif
  for (guint i = 0; i < G_N_ELEMENTS (elements); i++) {
    const gchar *argv[] = { inspect, elements[i], NULL };
    g_autofree gchar *out = NULL;
    g_autoptr (GError) error = NULL;
    gint status;

    g_assert_true (g_spawn_sync (NULL, (gchar **) argv, env,
        G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "reelaudio"));
    g_assert_nonnull (strstr (out, "Filter/Analyzer/Audio"));
  }
}

static void
remove_tmpdir (void)
{
  g_autoptr (GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const gchar *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree gchar *path = g_build_filename (tmpdir, name, NULL);

    g_unlink (path);
  }
  g_rmdir (tmpdir);
}

int
main (int argc, char **argv)
{
  static const gchar *const presets[] = { "clicks-120", "clicks-90",
    "speech-silences", "loudness-23", "webm-vp9", "audio-only" };
  static const gchar *const drums[][3] = {
    { "100", "rock", "{}" },
    { "128", "four", "{}" },
    { "174", "rock", "{\"min-bpm\": 100}" },
  };
  g_autofree gchar *dir = NULL;
  int status;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  dir = g_build_filename (g_getenv ("REEL_BUILD_ROOT"), "plugins", NULL);
  registry = reel_registry_new ();
  reel_registry_load_dir (registry, dir);
  tmpdir = g_dir_make_tmp ("reel-audio-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++) {
    g_autofree gchar *path = g_strconcat ("/audio-media/", presets[i], NULL);

    g_test_add_data_func (path, presets[i], test_preset);
  }
  g_test_add_func ("/audio-media/tempos", test_tempos);
  for (guint i = 0; i < G_N_ELEMENTS (drums); i++) {
    g_autofree gchar *path =
        g_strdup_printf ("/audio-media/drums/%s-%s", drums[i][1], drums[i][0]);

    g_test_add_data_func (path, drums[i], test_drums);
  }
  g_test_add_func ("/audio-media/noise-floor", test_noise_floor);
  g_test_add_func ("/audio-media/gst-inspect", test_gst_inspect);

  status = g_test_run ();
  remove_tmpdir ();
  g_free (tmpdir);
  reel_registry_free (registry);
  return status;
}
