/* Unit tests of the one-pass analysis runner (core/media/reel-analyse.c) on
 * short clips made by tests/media: the example plugin's example-luma
 * analyser through the default registry, and the analysers of
 * reel-analyse-fixture.c through a registry of their own — sections,
 * partial analyses and their reasons, files kept through the store, typed
 * parameters set on elements and every request error with its path, the
 * cache (a second run is a hit, a refresh or another request is not), the
 * printed pipeline parsed and run by GStreamer, the watchdog, the time
 * limit, cancellation, and files refused before anything is decoded. */
#include "reel-analyse.h"
#include "reel-analysis-cache.h"
#include "reel-model.h"
#include "reel-test-media.h"

#include <glib/gstdio.h>
#include <string.h>

static gchar *tmpdir;
static ReelRegistry *fixtures;
static guint n_caches;

static gchar *
tmp_path (const gchar *file)
{
  return g_build_filename (tmpdir, file, NULL);
}

static void
generate (const gchar *preset, gint64 frames, const gchar *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTestMediaSpec) spec =
      reel_test_media_spec_new_preset (preset, &error);
  g_autofree gchar *path = tmp_path (file);

  g_assert_no_error (error);
  spec->frames = frames;
  g_array_set_size (spec->cuts, 0);
  g_array_set_size (spec->dissolves, 0);
  g_array_set_size (spec->tones, 0);
  g_array_set_size (spec->silences, 0);
  g_assert_true (reel_test_media_generate (spec, path, &error));
  g_assert_no_error (error);
}

static gboolean
run_to_end (GstElement *pipeline, GError **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = NULL;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    gst_message_parse_error (msg, error, NULL);
  return msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS;
}

/* A copy of @from with its index first (faststart), cut at @fraction: a
 * file that starts to play and then stops early. */
static void
make_truncated_faststart (const gchar *from, const gchar *to, gdouble fraction)
{
  g_autofree gchar *src = tmp_path (from);
  g_autofree gchar *fast = tmp_path ("faststart.mp4");
  g_autofree gchar *dst = tmp_path (to);
  g_autofree gchar *desc = g_strdup_printf (
      "filesrc location=\"%s\" ! qtdemux name=d d.video_0 ! queue "
      "! h264parse ! mp4mux faststart=true name=m ! filesink location=\"%s\" "
      "d.audio_0 ! queue ! aacparse ! m.",
      src, fast);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = gst_parse_launch (desc, &error);
  g_autofree gchar *bytes = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (run_to_end (pipeline, &error));
  g_assert_true (g_file_get_contents (fast, &bytes, &length, NULL));
  g_assert_true (
      g_file_set_contents (dst, bytes, (gssize) (length * fraction), NULL));
}

static void
setup_media (void)
{
  g_autoptr (GError) error = NULL;

  tmpdir = g_dir_make_tmp ("reel-analyse-XXXXXX", &error);
  g_assert_no_error (error);
  generate ("cuts-25", 25, "av.mp4");
  generate ("audio-only", 30, "audio.m4a");
  generate ("cuts-25", 75, "long.mp4");
  make_truncated_faststart ("long.mp4", "cut.mp4", 0.5);

  fixtures = reel_registry_new ();
  g_assert_true (
      reel_registry_load_file (fixtures, REEL_ANALYSE_FIXTURE, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const gchar *path)
{
  reel_remove_tree (path);
}

/* A fresh cache folder per test. */
static gchar *
new_cache_dir (void)
{
  g_autofree gchar *name = g_strdup_printf ("cache-%u", n_caches++);

  return tmp_path (name);
}

typedef struct {
  GArray *fractions;
} ProgressLog;

static void
on_progress (gdouble fraction, gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
}

static JsonObject *
check_document (ReelAnalyseResult *result)
{
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelAnalysis) a =
      reel_analysis_new_from_json (result->document, errors);
  g_autofree gchar *text = reel_field_errors_to_string (errors);

  g_assert_cmpstr (text, ==, "");
  g_assert_nonnull (a);
  return json_node_get_object (result->document);
}

static const gchar *
missing_reason (JsonObject *doc, const gchar *analyser)
{
  JsonArray *missing;

  if (!json_object_has_member (doc, "missing"))
    return NULL;
  missing = json_object_get_array_member (doc, "missing");
  for (guint i = 0; i < json_array_get_length (missing); i++) {
    JsonObject *m = json_array_get_object_element (missing, i);

    if (g_str_equal (json_object_get_string_member (m, "analyser"), analyser))
      return json_object_get_string_member (m, "reason");
  }
  return NULL;
}

static ReelAnalyseRequest *
luma_request (void)
{
  static const gchar *const only[] = { "example-luma", NULL };
  g_autoptr (GError) error = NULL;
  ReelAnalyseRequest *r = reel_analyse_request_new (NULL, only, NULL, &error);

  g_assert_no_error (error);
  return r;
}

static void
test_example_luma (void)
{
  g_autoptr (ReelAnalyseRequest) request = luma_request ();
  g_autofree gchar *cache = new_cache_dir ();
  g_autofree gchar *path = tmp_path ("av.mp4");
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (gdouble)) };
  ReelAnalyseOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseResult) result = NULL;
  JsonObject *doc, *luma, *probe;

  options.cache_dir = cache;
  options.progress = on_progress;
  options.progress_data = &log;
  result = reel_analyse_file (path, request, &options, &error);
  g_assert_no_error (error);
  g_assert_false (result->cached);
  doc = check_document (result);
  g_assert_cmpint (json_object_get_int_member (doc, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (doc, "media"), ==, "av.mp4");
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==,
      "complete");
  g_assert_false (json_object_has_member (doc, "missing"));
  g_assert_cmpfloat (json_object_get_double_member (doc, "duration"), ==, 1.0);
  probe = json_object_get_object_member (doc, "probe");
  g_assert_cmpint (json_object_get_int_member (probe, "fps"), ==, 25);
  luma = json_object_get_object_member (doc, "example-luma");
  g_assert_nonnull (luma);
  /* Every frame reached the analyser: one decode, nothing dropped. */
  g_assert_cmpint (json_object_get_int_member (luma, "frames"), ==, 25);

  g_assert_cmpuint (log.fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (log.fractions, gdouble, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (log.fractions, gdouble,
                         log.fractions->len - 1),
      ==, 1.0);
  for (guint i = 1; i < log.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (log.fractions, gdouble, i), >=,
        g_array_index (log.fractions, gdouble, i - 1));
  g_array_unref (log.fractions);
}

static guint
count_entries (const gchar *dir, const gchar *prefix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const gchar *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
test_cache (void)
{
  g_autoptr (ReelAnalyseRequest) request = luma_request ();
  g_autoptr (ReelAnalyseRequest) wider = luma_request ();
  g_autofree gchar *cache = new_cache_dir ();
  g_autofree gchar *path = tmp_path ("av.mp4");
  g_autofree gchar *copy = tmp_path ("same bytes.mp4");
  g_autofree gchar *bytes = NULL;
  gsize length;
  ReelAnalyseOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseResult) first = NULL;
  g_autoptr (ReelAnalyseResult) second = NULL;
  g_autoptr (ReelAnalyseResult) renamed = NULL;
  g_autoptr (ReelAnalyseResult) refreshed = NULL;
  g_autoptr (ReelAnalyseResult) other = NULL;
  g_autofree gchar *doc_path = NULL;
  g_autofree gchar *request_path = NULL;

  options.cache_dir = cache;
  first = reel_analyse_file (path, request, &options, &error);
  g_assert_no_error (error);
  g_assert_false (first->cached);
  g_assert_nonnull (first->key);
  g_assert_cmpuint (strlen (first->key), ==, 64);

  second = reel_analyse_file (path, request, &options, &error);
  g_assert_no_error (error);
  g_assert_true (second->cached);
  g_assert_cmpstr (second->key, ==, first->key);
  g_assert_true (json_node_equal (first->document, second->document));
  g_test_message ("analysed in %.3f s, cache hit in %.3f s", first->seconds,
      second->seconds);
  g_assert_cmpfloat (second->seconds, <, first->seconds);
  doc_path = g_build_filename (second->folder, "analysis.json", NULL);
  request_path = g_build_filename (second->folder, "request.json", NULL);
  g_assert_true (g_file_test (doc_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (request_path, G_FILE_TEST_IS_REGULAR));

  /* The same bytes under another name: a hit, about the new name. */
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (copy, bytes, length, NULL));
  renamed = reel_analyse_file (copy, request, &options, &error);
  g_assert_no_error (error);
  g_assert_true (renamed->cached);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                                                      renamed->document),
                       "media"),
      ==, "same-bytes.mp4");

  options.refresh = TRUE;
  refreshed = reel_analyse_file (path, request, &options, &error);
  g_assert_no_error (error);
  g_assert_false (refreshed->cached);
  options.refresh = FALSE;

  g_assert_true (reel_analyse_request_set_width (wider, 160, &error));
  other = reel_analyse_file (path, wider, &options, &error);
  g_assert_no_error (error);
  g_assert_false (other->cached);
  g_assert_cmpstr (other->key, !=, first->key);

  /* Two entries, nothing half-written left behind. */
  g_assert_cmpuint (count_entries (cache, ""), ==, 2);
  g_assert_cmpuint (count_entries (cache, ".staging"), ==, 0);
  g_assert_cmpuint (count_entries (cache, ".old"), ==, 0);
}

static void
assert_request_error (ReelRegistry *registry, const gchar *const *only,
    const gchar *const *args, const gchar *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseRequest) r =
      reel_analyse_request_new_from_args (registry, only, args, &error);

  g_assert_null (r);
  g_assert_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (strstr (error->message, fragment) == NULL)
    g_error ("'%s' is not in: %s", fragment, error->message);
}

static void
test_request_errors (void)
{
  const gchar *const unknown[] = { "nope", "black", NULL };
  const gchar *const level[] = { "fixture-level", NULL };
  const gchar *const bad_value[] = { "fixture-level.interval=soon", NULL };
  const gchar *const too_small[] = { "fixture-level.interval=0", NULL };
  const gchar *const not_run[] = { "black.broken=true", NULL };
  const gchar *const malformed[] = { "interval", NULL };
  const gchar *const no_such[] = { "fixture-level.colour=red", NULL };
  const gchar *const good[] = { "fixture-level.interval=250000000",
    "fixture-level.post-messages=false", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseRequest) r = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autofree gchar *text = NULL;

  assert_request_error (fixtures, unknown, NULL,
      "analysers: unknown analyser 'nope'; available: black, fixture-fails, "
      "fixture-level, fixture-missing, fixture-slow, thumbnails");
  assert_request_error (fixtures, level, bad_value,
      "analysers.fixture-level.interval:");
  assert_request_error (fixtures, level, too_small,
      "analysers.fixture-level.interval: 0 cannot set property 'interval' of "
      "element 'level': it takes 1 to ");
  assert_request_error (fixtures, level, not_run,
      "analysers.black: has parameters but is not among the analysers to run");
  assert_request_error (fixtures, level, malformed,
      "analysers: 'interval' is not of the form ANALYSER.PARAMETER=VALUE");
  assert_request_error (fixtures, level, no_such,
      "analysers.fixture-level.colour: unknown parameter 'colour'");

  r = reel_analyse_request_new_from_args (fixtures, level, good, &error);
  g_assert_no_error (error);
  g_assert_false (reel_analyse_request_set_width (r, 8, &error));
  g_assert_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_INVALID);
  json = reel_analyse_request_to_json (r);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text,
      "\"name\":\"fixture-level\",\"plugin\":\"analyse-fixture\","
      "\"plugin_version\":\"1.0\",\"params\":{\"interval\":250000000,"
      "\"post-messages\":false}"));
}

static void
test_partial (void)
{
  static const gchar *const only[] = { "black", "thumbnails", "fixture-level",
    "fixture-fails", "fixture-missing", NULL };
  g_autoptr (JsonObject) params = json_object_new ();
  JsonObject *black = json_object_new ();
  JsonObject *level = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseRequest) request = NULL;
  g_autoptr (ReelAnalyseResult) result = NULL;
  g_autofree gchar *cache = new_cache_dir ();
  g_autofree gchar *path = tmp_path ("av.mp4");
  g_autofree gchar *kept = NULL;
  g_autofree gchar *contents = NULL;
  ReelAnalyseOptions options = { 0 };
  JsonObject *doc, *thumb, *counted;
  const gchar *url;

  json_object_set_boolean_member (black, "broken", TRUE);
  json_object_set_object_member (params, "black", black);
  json_object_set_int_member (level, "interval", 250000000);
  json_object_set_object_member (params, "fixture-level", level);
  request = reel_analyse_request_new (fixtures, only, params, &error);
  g_assert_no_error (error);
  options.cache_dir = cache;
  options.media_id = "clip-7";
  result = reel_analyse_file (path, request, &options, &error);
  g_assert_no_error (error);
  doc = check_document (result);

  g_assert_cmpstr (json_object_get_string_member (doc, "media"), ==, "clip-7");
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==,
      "partial");
  g_assert_cmpstr (missing_reason (doc, "black"), ==,
      "its section is not valid: black[0].end: must be after start (0.5 s)");
  g_assert_false (json_object_has_member (doc, "black"));
  g_assert_nonnull (strstr (missing_reason (doc, "fixture-fails"),
      "the fixture always fails"));
  g_assert_true (g_str_has_prefix (missing_reason (doc, "fixture-missing"),
      "cannot run: "));
  g_assert_null (missing_reason (doc, "thumbnails"));
  g_assert_null (missing_reason (doc, "fixture-level"));

  /* The kept file lives in the cache entry, where the URL says. */
  thumb = json_array_get_object_element (json_object_get_array_member (doc,
                                             "thumbnails"),
      0);
  url = json_object_get_string_member (thumb, "url");
  kept = g_build_filename (result->folder, "thumbnails", "poster.jpg", NULL);
  g_assert_cmpstr (url, ==, kept);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not really a JPEG");
  g_assert_true (json_object_get_boolean_member (thumb, "poster"));

  /* interval=0.25 s was set on level: four messages in one second. */
  counted = json_object_get_object_member (doc, "fixture-level");
  g_assert_cmpint (json_object_get_int_member (counted, "messages"), >=, 3);
  g_assert_cmpint (json_object_get_int_member (counted, "messages"), <=, 5);
  g_assert_cmpfloat (json_object_get_double_member (counted, "duration"), ==,
      1.0);
}

static void
test_audio_only (void)
{
  static const gchar *const only[] = { "black", "fixture-level", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseRequest) request =
      reel_analyse_request_new (fixtures, only, NULL, &error);
  g_autoptr (ReelAnalyseResult) result = NULL;
  g_autofree gchar *cache = new_cache_dir ();
  g_autofree gchar *path = tmp_path ("audio.m4a");
  g_autofree gchar *printed = NULL;
  ReelAnalyseOptions options = { 0 };
  JsonObject *doc;

  g_assert_no_error (error);
  options.cache_dir = cache;
  result = reel_analyse_file (path, request, &options, &error);
  g_assert_no_error (error);
  doc = check_document (result);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==,
      "partial");
  g_assert_cmpstr (missing_reason (doc, "black"), ==,
      "the file has no video stream");
  g_assert_true (json_object_has_member (doc, "fixture-level"));
  g_assert_false (
      json_object_get_boolean_member (json_object_get_object_member (doc,
                                          "probe"),
          "has_video"));

  /* No branch for the stream it lacks. */
  printed = reel_analyse_print_pipeline (path, request, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (printed, "level name=fixture-level"));
  g_assert_null (strstr (printed, "videoanalyse"));
}

/* The printed command, parsed by GStreamer as gst-launch-1.0 would, runs
 * the same graph: the analyser sees every frame. */
static void
test_print_pipeline (void)
{
  g_autoptr (ReelAnalyseRequest) request = luma_request ();
  g_autofree gchar *path = tmp_path ("av.mp4");
  g_autoptr (GError) error = NULL;
  g_autofree gchar *cmd = NULL;
  g_auto (GStrv) argv = NULL;
  g_autofree gchar *line = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstBus) bus = NULL;
  guint frames = 0;
  gboolean eos = FALSE;

  g_assert_true (reel_analyse_request_set_width (request, 160, &error));
  cmd = reel_analyse_print_pipeline (path, request, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", cmd);
  g_assert_true (g_str_has_prefix (cmd, "gst-launch-1.0 -e playbin "));
  g_assert_nonnull (strstr (cmd, "width=(int)160"));
  g_assert_nonnull (strstr (cmd, "video. ! queue name=example-luma-queue ! "
                                 "videoconvert name=example-luma-convert"));
  g_assert_nonnull (strstr (cmd, "videoanalyse name=example-luma"));
  g_assert_nonnull (strstr (cmd, "fakesink name=example-luma-sink sync=false"));

  g_assert_true (g_shell_parse_argv (cmd, NULL, &argv, &error));
  g_assert_no_error (error);
  line = g_strjoinv (" ", argv + 2);
  pipeline = gst_parse_launch (line, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while (!eos) {
    g_autoptr (GstMessage) msg =
        gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND,
            GST_MESSAGE_EOS | GST_MESSAGE_ERROR | GST_MESSAGE_ELEMENT);

    g_assert_nonnull (msg);
    g_assert_cmpint (GST_MESSAGE_TYPE (msg), !=, GST_MESSAGE_ERROR);
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS)
      eos = TRUE;
    else if (g_str_equal (GST_MESSAGE_SRC_NAME (msg), "example-luma"))
      frames++;
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_cmpuint (frames, ==, 25);
}

static ReelAnalyseResult *
run_slow (gint sleep_us, guint stall, guint limit, GCancellable *cancellable,
    GError **error)
{
  static const gchar *const only[] = { "fixture-slow", NULL };
  g_autofree gchar *arg =
      g_strdup_printf ("fixture-slow.sleep-time=%d", sleep_us);
  const gchar *const args[] = { arg, NULL };
  g_autoptr (GError) local = NULL;
  g_autoptr (ReelAnalyseRequest) request =
      reel_analyse_request_new_from_args (fixtures, only, args, &local);
  g_autofree gchar *path = tmp_path ("av.mp4");
  ReelAnalyseOptions options = { 0 };

  g_assert_no_error (local);
  options.no_cache = TRUE;
  options.stall_timeout = stall;
  options.time_limit = limit;
  options.cancellable = cancellable;
  return reel_analyse_file (path, request, &options, error);
}

static void
test_watchdog (void)
{
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (ReelAnalyseResult) r = run_slow (1500000, 1, 0, NULL, &error);
  gdouble took = (g_get_monotonic_time () - t0) / 1e6;

  g_assert_null (r);
  g_assert_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_STALLED);
  g_test_message ("%s (after %.2f s)", error->message, took);
  g_assert_nonnull (strstr (error->message, "av.mp4: no progress for 1 s"));
  g_assert_cmpfloat (took, <, 5.0);
}

static void
test_time_limit (void)
{
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (ReelAnalyseResult) r = run_slow (200000, 30, 1, NULL, &error);
  gdouble took = (g_get_monotonic_time () - t0) / 1e6;

  g_assert_null (r);
  g_assert_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_TIMEOUT);
  g_test_message ("%s (after %.2f s)", error->message, took);
  g_assert_nonnull (strstr (error->message, "longer than the 1 s allowed"));
  g_assert_cmpfloat (took, <, 4.0);
}

/* Cancels from another thread, as a job's supervisor would. */
static gpointer
cancel_thread (gpointer data)
{
  g_usleep (300000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  GThread *thread = g_thread_new ("cancel", cancel_thread, cancellable);
  g_autoptr (ReelAnalyseResult) r =
      run_slow (100000, 30, 0, cancellable, &error);

  g_thread_join (thread);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "av.mp4"));
}

static void
assert_fails (const gchar *file, guint64 max_pixels, GQuark domain, gint code,
    const gchar *fragment)
{
  g_autoptr (ReelAnalyseRequest) request = luma_request ();
  g_autofree gchar *path = tmp_path (file);
  g_autofree gchar *cache = new_cache_dir ();
  ReelAnalyseOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelAnalyseResult) r = NULL;

  options.cache_dir = cache;
  options.max_pixels = max_pixels;
  r = reel_analyse_file (path, request, &options, &error);
  g_assert_null (r);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  if (strstr (error->message, fragment) == NULL)
    g_error ("'%s' is not in: %s", fragment, error->message);
  /* Nothing half-made stays in the cache. */
  g_assert_cmpuint (count_entries (cache, ""), ==, 0);
}

static void
test_refused (void)
{
  g_autofree gchar *empty = tmp_path ("empty.mp4");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  /* Pictures larger than allowed are refused before anything decodes
   * them (the integration test crafts a file declaring 30000×30000). */
  assert_fails ("av.mp4", 100, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_TOO_LARGE,
      "declares 640×360 pictures");
  assert_fails ("cut.mp4", 0, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_INCOMPLETE,
      "decoding stopped at");
  assert_fails ("empty.mp4", 0, REEL_PROBE_ERROR, REEL_PROBE_ERROR_EMPTY,
      "is empty");
  assert_fails ("nothing-here.mp4", 0, REEL_PROBE_ERROR,
      REEL_PROBE_ERROR_NOT_FOUND, "no such file");
}

static void
test_media_id (void)
{
  g_autofree gchar *a = reel_analyse_media_id_from_path ("/x/My Clip (1).mp4");
  g_autofree gchar *b = reel_analyse_media_id_from_path ("file:///x/y.webm");
  g_autofree gchar *c = reel_analyse_media_id_from_path ("..");

  g_assert_cmpstr (a, ==, "My-Clip--1-.mp4");
  g_assert_cmpstr (b, ==, "y.webm");
  g_assert_cmpstr (c, ==, "media");
}

int
main (int argc, char **argv)
{
  int status;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  setup_media ();
  g_test_add_func ("/media/analyse/example-luma", test_example_luma);
  g_test_add_func ("/media/analyse/cache", test_cache);
  g_test_add_func ("/media/analyse/request-errors", test_request_errors);
  g_test_add_func ("/media/analyse/partial", test_partial);
  g_test_add_func ("/media/analyse/audio-only", test_audio_only);
  g_test_add_func ("/media/analyse/print-pipeline", test_print_pipeline);
  g_test_add_func ("/media/analyse/watchdog", test_watchdog);
  g_test_add_func ("/media/analyse/time-limit", test_time_limit);
  g_test_add_func ("/media/analyse/cancel", test_cancel);
  g_test_add_func ("/media/analyse/refused", test_refused);
  g_test_add_func ("/media/analyse/media-id", test_media_id);
  status = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  reel_registry_free (fixtures);
  return status;
}
