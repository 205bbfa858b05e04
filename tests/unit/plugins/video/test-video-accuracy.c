/* Integration tests of the video plugin (plugins/video) on generated clips
 * with exact ground truth (tests/media): each clip is decoded once, scaled
 * to 320 pixels wide and teed to reelscenes, reelmotion, reelblack and
 * reelthumbnails, as the analysis runner does; then every hard cut must be
 * found within one frame, none invented, each dissolve reported as exactly
 * one dissolve overlapping it, one decodable JPEG per scene plus a poster,
 * one motion value per second and no black. The `black` case synthesises
 * a clip with a black stretch through appsrc. The 1080p benchmark clip runs
 * only with `-m slow`. */
#include "reel-test-media.h"
#include "video-test-frames.h"

#include <gst/app/app.h>
#include <gst/check/gstharness.h>
#include <glib/gstdio.h>
#include <math.h>

#define BRANCHES                                                               \
  "tee name=t "                                                                \
  "t. ! queue ! videoconvert ! reelscenes ! fakesink "                         \
  "t. ! queue ! videoconvert ! reelmotion ! fakesink "                         \
  "t. ! queue ! videoconvert ! reelblack ! fakesink "                          \
  "t. ! queue ! videoconvert ! reelthumbnails ! fakesink"

typedef struct {
  GPtrArray *scenes;
  GPtrArray *motion;
  GPtrArray *black;
  GPtrArray *thumbs;
  gdouble seconds;
} Results;

static void
results_clear (Results *r)
{
  g_clear_pointer (&r->scenes, g_ptr_array_unref);
  g_clear_pointer (&r->motion, g_ptr_array_unref);
  g_clear_pointer (&r->black, g_ptr_array_unref);
  g_clear_pointer (&r->thumbs, g_ptr_array_unref);
}

static gboolean
is_eos (const GstStructure *s)
{
  gboolean eos = FALSE;

  return gst_structure_get_boolean (s, "eos", &eos) && eos;
}

/* Runs @pipeline to EOS, sorting the element messages by name. */
static void
run (GstElement *pipeline, Results *r)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  gint64 t0 = g_get_monotonic_time ();
  gboolean done = FALSE;

  r->scenes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  r->motion =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  r->black =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  r->thumbs =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
      GST_STATE_CHANGE_FAILURE);
  while (!done) {
    GstMessage *msg = gst_bus_timed_pop (bus, 120 * GST_SECOND);
    const GstStructure *s;

    g_assert_nonnull (msg);
    switch (GST_MESSAGE_TYPE (msg)) {
      case GST_MESSAGE_EOS:
        done = TRUE;
        break;
      case GST_MESSAGE_ERROR: {
        g_autoptr (GError) error = NULL;

        gst_message_parse_error (msg, &error, NULL);
        g_error ("pipeline error: %s", error->message);
        break;
      }
      case GST_MESSAGE_ELEMENT:
        s = gst_message_get_structure (msg);
        if (gst_structure_has_name (s, "reel-scene"))
          g_ptr_array_add (r->scenes, gst_structure_copy (s));
        else if (gst_structure_has_name (s, "reel-motion"))
          g_ptr_array_add (r->motion, gst_structure_copy (s));
        else if (gst_structure_has_name (s, "reel-black"))
          g_ptr_array_add (r->black, gst_structure_copy (s));
        else if (gst_structure_has_name (s, "reel-thumbnail"))
          g_ptr_array_add (r->thumbs, gst_structure_copy (s));
        break;
      default:
        break;
    }
    gst_message_unref (msg);
  }
  r->seconds = (g_get_monotonic_time () - t0) / 1e6;
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
}

static guint64
field_u64 (const GstStructure *s, const gchar *field)
{
  guint64 v = 0;

  g_assert_true (gst_structure_get_uint64 (s, field, &v));
  return v;
}

/* Decodes @jpeg with jpegdec and checks its size. */
static void
check_jpeg (GstBuffer *jpeg, gint width, gint height)
{
  GstHarness *h = gst_harness_new ("jpegdec");
  g_autoptr (GstCaps) caps = NULL;
  GstBuffer *out;
  GstVideoInfo info;

  gst_harness_set_src_caps_str (h, "image/jpeg");
  g_assert_cmpint (gst_harness_push (h, gst_buffer_ref (jpeg)), ==,
      GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  caps = gst_pad_get_current_caps (h->sinkpad);
  g_assert_true (gst_video_info_from_caps (&info, caps));
  g_assert_cmpint (GST_VIDEO_INFO_WIDTH (&info), ==, width);
  g_assert_cmpint (GST_VIDEO_INFO_HEIGHT (&info), ==, height);
  gst_buffer_unref (out);
  gst_harness_teardown (h);
}

/* One JPEG per scene, in order, plus one poster, each @width x @height. */
static void
check_thumbnails (Results *r, guint n_scenes, gint width, gint height)
{
  guint scenes = 0, posters = 0;

  for (guint i = 0; i < r->thumbs->len; i++) {
    const GstStructure *s = g_ptr_array_index (r->thumbs, i);
    GstBuffer *jpeg = NULL;
    gboolean poster = FALSE;
    guint scene = 0;

    if (is_eos (s))
      continue;
    g_assert_true (gst_structure_get_boolean (s, "poster", &poster));
    g_assert_true (gst_structure_get_uint (s, "scene", &scene));
    g_assert_true (gst_structure_get (s, "jpeg", GST_TYPE_BUFFER, &jpeg, NULL));
    check_jpeg (jpeg, width, height);
    gst_buffer_unref (jpeg);
    if (poster) {
      posters++;
      g_assert_cmpuint (scene, <, n_scenes);
    } else {
      g_assert_cmpuint (scene, ==, scenes);
      scenes++;
    }
  }
  g_assert_cmpuint (scenes, ==, n_scenes);
  g_assert_cmpuint (posters, ==, 1);
}

/* One value per second in which a frame starts. */
static void
check_motion (Results *r, gdouble duration, gdouble frame_duration)
{
  guint seconds = 0;

  for (guint i = 0; i < r->motion->len; i++) {
    const GstStructure *s = g_ptr_array_index (r->motion, i);
    gdouble v = -1;

    if (is_eos (s))
      continue;
    g_assert_cmpuint (field_u64 (s, "timestamp"), ==, seconds * GST_SECOND);
    g_assert_true (gst_structure_get_double (s, "value", &v));
    g_assert_cmpfloat (v, >=, 0.0);
    g_assert_cmpfloat (v, <=, 1.0);
    seconds++;
  }
  g_assert_cmpuint (seconds, ==,
      (guint) floor (duration - frame_duration + 1e-6) + 1);
}

static gchar *tmpdir;

static void
test_preset (gconstpointer data)
{
  const gchar *preset = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTestMediaSpec) spec = NULL;
  g_autoptr (JsonNode) truth = NULL;
  g_autofree gchar *path = NULL;
  g_autofree gchar *launch = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  Results r = { 0 };
  JsonObject *root;
  JsonArray *cuts, *dissolves;
  guint found_cuts = 0, found_dissolves = 0, worst = 0;
  gint width, height;

  if (g_str_equal (preset, "av-1080p-60s") && !g_test_slow ()) {
    g_test_skip ("the 1080p clip takes half a minute to make: use -m slow");
    return;
  }
  spec = reel_test_media_spec_new_preset (preset, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("%s/%s.%s", tmpdir, preset,
      reel_test_media_spec_get_extension (spec));
  g_assert_true (reel_test_media_generate (spec, path, &error));
  g_assert_no_error (error);
  truth = reel_test_media_make_truth (spec, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (truth);
  cuts = json_object_get_array_member (root, "cuts");
  dissolves = json_object_get_array_member (root, "dissolves");

  launch = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! "
                            "videoconvert ! videoscale ! "
                            "video/x-raw,width=320,pixel-aspect-ratio=1/1 "
                            "! " BRANCHES,
      path);
  pipeline = gst_parse_launch (launch, &error);
  g_assert_no_error (error);
  run (pipeline, &r);

  for (guint i = 0; i < r.scenes->len; i++) {
    const GstStructure *s = g_ptr_array_index (r.scenes, i);
    const gchar *kind = gst_structure_get_string (s, "kind");

    if (is_eos (s))
      continue;
    if (g_str_equal (kind, "cut")) {
      gint64 frame = (gint64) field_u64 (s, "frame");
      gboolean matched = FALSE;

      for (guint c = 0; c < json_array_get_length (cuts); c++) {
        gint64 truth_frame =
            json_object_get_int_member (json_array_get_object_element (cuts, c),
                "frame");

        if (ABS (frame - truth_frame) <= 1) {
          matched = TRUE;
          worst = MAX (worst, (guint) ABS (frame - truth_frame));
        }
      }
      if (!matched)
        g_error ("%s: invented cut at frame %" G_GINT64_FORMAT, preset, frame);
      found_cuts++;
    } else {
      gdouble start = field_u64 (s, "start") / (gdouble) GST_SECOND;
      gdouble end = field_u64 (s, "end") / (gdouble) GST_SECOND;
      gboolean matched = FALSE;

      g_assert_cmpstr (kind, ==, "dissolve");
      for (guint d = 0; d < json_array_get_length (dissolves); d++) {
        JsonObject *o = json_array_get_object_element (dissolves, d);

        if (start < json_object_get_double_member (o, "end")
            && end >= json_object_get_double_member (o, "start"))
          matched = TRUE;
      }
      if (!matched)
        g_error ("%s: invented dissolve %.3f-%.3f s", preset, start, end);
      found_dissolves++;
    }
  }
  g_assert_cmpuint (found_cuts, ==, json_array_get_length (cuts));
  g_assert_cmpuint (found_dissolves, ==, json_array_get_length (dissolves));
  g_test_message ("%s: %u/%u cuts (worst %u frame), %u/%u dissolves, "
                  "analysed in %.2f s",
      preset, found_cuts, json_array_get_length (cuts), worst, found_dissolves,
      json_array_get_length (dissolves), r.seconds);

  width = 320;
  height = (gint) (320 * (gint64) spec->height / spec->width) & ~1;
  check_thumbnails (&r, found_cuts + found_dissolves + 1, width, height);
  check_motion (&r, json_object_get_double_member (root, "duration"),
      json_object_get_double_member (json_object_get_object_member (root,
                                         "video"),
          "frame_duration"));
  g_assert_cmpuint (r.black->len, ==, 1); /* only the end report */
  results_clear (&r);
  g_unlink (path);
  {
    g_autofree gchar *truth_path = reel_test_media_truth_path (path);

    g_unlink (truth_path);
  }
}

/* 2 s of bars, 1 s of black, 2 s of checks at 25 fps through appsrc: one
 * black range of exactly 1 s, and the cuts into and out of it. */
static void
test_black (void)
{
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 50 },
    { &video_test_black, NULL, 25 }, { &video_test_bright_checks, NULL, 50 },
    { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline =
      gst_parse_launch ("appsrc name=src format=time ! videoconvert ! "
                        "videoscale ! "
                        "video/x-raw,width=320 ! " BRANCHES,
          &error);
  g_autoptr (GstElement) src = NULL;
  g_autoptr (GstCaps) caps = NULL;
  GstVideoInfo info;
  GstBuffer *buf;
  Results r = { 0 };
  const GstStructure *s;

  g_assert_no_error (error);
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420, 640, 360);
  info.fps_n = 25;
  info.fps_d = 1;
  caps = gst_video_info_to_caps (&info);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_object_set (src, "caps", caps, "max-bytes", (guint64) 0, NULL);
  for (gint64 n = 0; (buf = video_test_plan_frame (&info, plan, n)); n++)
    g_assert_cmpint (gst_app_src_push_buffer (GST_APP_SRC (src), buf), ==,
        GST_FLOW_OK);
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  run (pipeline, &r);

  g_assert_cmpuint (r.black->len, ==, 2);
  s = g_ptr_array_index (r.black, 0);
  g_assert_cmpuint (field_u64 (s, "start"), ==, 2 * GST_SECOND);
  g_assert_cmpuint (field_u64 (s, "end"), ==, 3 * GST_SECOND);
  g_assert_cmpuint (field_u64 (s, "frames"), ==, 25);
  g_assert_cmpuint (r.scenes->len, ==, 3);
  g_assert_cmpuint (field_u64 (g_ptr_array_index (r.scenes, 0), "frame"), ==,
      50);
  g_assert_cmpuint (field_u64 (g_ptr_array_index (r.scenes, 1), "frame"), ==,
      75);
  check_thumbnails (&r, 3, 320, 180);
  check_motion (&r, 5.0, 0.04);
  results_clear (&r);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const gchar *presets[] = { "cuts-25", "cuts-2997", "cuts-60", "dissolve",
    "frame-numbers-2398", "webm-vp9", "av-1080p-60s" };
  gint status;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  gst_object_unref (gst_plugin_load_file (REEL_VIDEO_MODULE, &error));
  g_assert_no_error (error);
  tmpdir = g_dir_make_tmp ("reel-video-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++) {
    g_autofree gchar *name = g_strdup_printf ("/video/accuracy/%s", presets[i]);

    g_test_add_data_func (name, presets[i], test_preset);
  }
  g_test_add_func ("/video/accuracy/black", test_black);
  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
