/* Unit tests of the video plugin's elements (plugins/video): each element in
 * a GstHarness (or a tiny pipeline) on synthetic frames whose every change
 * is known — a cut between two looks, a linear cross-fade, a fade through
 * black, black ranges, still and moving content that must not fire — in
 * every accepted format; the property ranges; and gst-inspect-1.0 finding
 * the elements on GST_PLUGIN_PATH. */
#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <glib/gstdio.h>

#include "video-test-frames.h"

static GstVideoInfo test_info;

/* Runs @plan through "@launch" (the element last), returns the element
 * messages it posted, oldest first. */
static GPtrArray *
run_plan (const gchar *launch, const VideoTestStep *plan)
{
  g_autoptr (GstCaps) caps = gst_video_info_to_caps (&test_info);
  GstHarness *h = gst_harness_new_parse (launch);
  GstBus *bus = gst_bus_new ();
  GPtrArray *messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  GstMessage *msg;
  GstBuffer *buf;

  gst_element_set_bus (h->element, bus);
  gst_harness_set_src_caps (h, gst_caps_ref (caps));
  for (gint64 n = 0; (buf = video_test_plan_frame (&test_info, plan, n)); n++)
    g_assert_cmpint (gst_harness_push (h, buf), ==, GST_FLOW_OK);
  g_assert_true (gst_harness_push_event (h, gst_event_new_eos ()));
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    g_ptr_array_add (messages,
        gst_structure_copy (gst_message_get_structure (msg)));
    gst_message_unref (msg);
  }
  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
  return messages;
}

static gboolean
is_eos (const GstStructure *s)
{
  gboolean eos = FALSE;

  return gst_structure_get_boolean (s, "eos", &eos) && eos;
}

/* The last message: the element's end-of-stream report. */
static void
assert_eos_report (GPtrArray *messages, const gchar *name, guint64 frames)
{
  const GstStructure *s;
  guint64 n = 0;

  g_assert_cmpuint (messages->len, >=, 1);
  s = g_ptr_array_index (messages, messages->len - 1);
  g_assert_true (gst_structure_has_name (s, name));
  g_assert_true (is_eos (s));
  g_assert_true (gst_structure_get_uint64 (s, "frames", &n));
  g_assert_cmpuint (n, ==, frames);
}

static guint64
field_u64 (const GstStructure *s, const gchar *field)
{
  guint64 v = 0;

  g_assert_true (gst_structure_get_uint64 (s, field, &v));
  return v;
}

#define FRAME_NS(n) gst_util_uint64_scale (n, GST_SECOND, 25)

static void
test_scenes_cut (void)
{
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 50 },
    { &video_test_bright_checks, NULL, 50 }, { NULL } };
  g_autoptr (GPtrArray) m = run_plan ("reelscenes", plan);
  const GstStructure *s;
  gdouble score = 0.0;

  g_assert_cmpuint (m->len, ==, 2);
  s = g_ptr_array_index (m, 0);
  g_assert_true (gst_structure_has_name (s, "reel-scene"));
  g_assert_cmpstr (gst_structure_get_string (s, "kind"), ==, "cut");
  g_assert_cmpuint (field_u64 (s, "frame"), ==, 50);
  g_assert_cmpuint (field_u64 (s, "timestamp"), ==, FRAME_NS (50));
  g_assert_cmpuint (field_u64 (s, "start"), ==, FRAME_NS (50));
  g_assert_cmpuint (field_u64 (s, "end"), ==, FRAME_NS (50));
  g_assert_true (gst_structure_get_double (s, "score", &score));
  g_assert_cmpfloat (score, >, 0.3);
  g_assert_cmpfloat (score, <=, 1.0);
  assert_eos_report (m, "reel-scene", 100);
}

static void
test_scenes_flat_cut (void)
{
  static const VideoTestStep plan[] = { { &video_test_flat_blue, NULL, 30 },
    { &video_test_flat_orange, NULL, 30 }, { NULL } };
  g_autoptr (GPtrArray) m = run_plan ("reelscenes", plan);

  g_assert_cmpuint (m->len, ==, 2);
  g_assert_cmpstr (gst_structure_get_string (g_ptr_array_index (m, 0), "kind"),
      ==, "cut");
  g_assert_cmpuint (field_u64 (g_ptr_array_index (m, 0), "frame"), ==, 30);
}

static void
test_scenes_dissolve (void)
{
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 50 },
    { &video_test_dark_bars, &video_test_bright_checks, 25 },
    { &video_test_bright_checks, NULL, 50 }, { NULL } };
  g_autoptr (GPtrArray) m = run_plan ("reelscenes", plan);
  const GstStructure *s;
  guint64 start, end, ts;

  g_assert_cmpuint (m->len, ==, 2);
  s = g_ptr_array_index (m, 0);
  g_assert_cmpstr (gst_structure_get_string (s, "kind"), ==, "dissolve");
  start = field_u64 (s, "start");
  end = field_u64 (s, "end");
  ts = field_u64 (s, "timestamp");
  g_assert_cmpuint (start, <=, ts);
  g_assert_cmpuint (ts, <=, end);
  /* Overlaps the cross-fade (frames 50..74), midpoint within it. */
  g_assert_cmpuint (start, <, FRAME_NS (75));
  g_assert_cmpuint (end, >=, FRAME_NS (50));
  g_assert_cmpuint (ts, >=, FRAME_NS (50));
  g_assert_cmpuint (ts, <, FRAME_NS (75));
  g_assert_cmpuint (field_u64 (s, "frame"), ==,
      gst_util_uint64_scale_round (ts, 25, GST_SECOND));
}

static void
test_scenes_fade_through_black (void)
{
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 50 },
    { &video_test_dark_bars, &video_test_black, 20 },
    { &video_test_black, NULL, 15 },
    { &video_test_black, &video_test_bright_checks, 20 },
    { &video_test_bright_checks, NULL, 50 }, { NULL } };
  g_autoptr (GPtrArray) m = run_plan ("reelscenes", plan);
  const GstStructure *s;

  g_assert_cmpuint (m->len, ==, 2);
  s = g_ptr_array_index (m, 0);
  g_assert_cmpstr (gst_structure_get_string (s, "kind"), ==, "fade");
  g_assert_cmpuint (field_u64 (s, "start"), <, FRAME_NS (70));
  g_assert_cmpuint (field_u64 (s, "end"), >=, FRAME_NS (85));
  g_assert_cmpuint (field_u64 (s, "timestamp"), >=, FRAME_NS (68));
  g_assert_cmpuint (field_u64 (s, "timestamp"), <=, FRAME_NS (87));
}

/* Still and scrolling content: no transition, no black range. */
static void
test_quiet_content (void)
{
  static const VideoTestStep still[] = { { &video_test_flat_blue, NULL, 60 },
    { NULL } };
  static const VideoTestStep moving[] = { { &video_test_dark_bars, NULL, 60 },
    { &video_test_bright_checks, &video_test_bright_checks, 10 },
    { &video_test_bright_checks, NULL, 60 }, { NULL } };
  const gchar *elements[] = { "reelscenes", "reelblack", "reelthumbnails" };

  for (guint i = 0; i < 2; i++) {
    g_autoptr (GPtrArray) m = run_plan ("reelscenes", i ? moving : still);

    g_assert_cmpuint (m->len, ==, i ? 2 : 1); /* moving: one cut */
    assert_eos_report (m, "reel-scene", i ? 130 : 60);
  }
  for (guint e = 1; e < G_N_ELEMENTS (elements); e++) {
    g_autoptr (GPtrArray) m = run_plan (elements[e], still);
    guint results = 0;

    for (guint i = 0; i < m->len; i++)
      if (!is_eos (g_ptr_array_index (m, i)))
        results++;
    /* reelthumbnails: one scene, one poster. */
    g_assert_cmpuint (results, ==, e == 2 ? 2 : 0);
  }
}

static void
test_motion (void)
{
  static const VideoTestStep plan[] = { { &video_test_flat_blue, NULL, 50 },
    { &video_test_dark_bars, NULL, 60 }, { NULL } };
  g_autoptr (GPtrArray) m = run_plan ("reelmotion", plan);
  gdouble v[5];

  /* 110 frames at 25 fps: seconds 0..4, the last 0.4 s long. */
  g_assert_cmpuint (m->len, ==, 6);
  for (guint i = 0; i < 5; i++) {
    const GstStructure *s = g_ptr_array_index (m, i);

    g_assert_true (gst_structure_has_name (s, "reel-motion"));
    g_assert_cmpuint (field_u64 (s, "timestamp"), ==, i * GST_SECOND);
    g_assert_cmpuint (field_u64 (s, "duration"), ==,
        i < 4 ? GST_SECOND : 400 * GST_MSECOND);
    g_assert_true (gst_structure_get_double (s, "value", &v[i]));
    g_assert_cmpfloat (v[i], >=, 0.0);
    g_assert_cmpfloat (v[i], <=, 1.0);
  }
  g_assert_cmpfloat (v[0], ==, 0.0); /* still */
  g_assert_cmpfloat (v[1], ==, 0.0);
  g_assert_cmpfloat (v[2], >, v[3]); /* holds the cut, at 2 s */
  g_assert_cmpfloat (v[3], >, 0.0);  /* scrolling bars */
  assert_eos_report (m, "reel-motion", 110);
}

static void
test_black (void)
{
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 30 },
    { &video_test_black, NULL, 20 }, { &video_test_dark_bars, NULL, 10 },
    { &video_test_black, NULL, 2 }, /* 80 ms: under min-duration */
    { &video_test_dark_bars, NULL, 10 }, { &video_test_black, NULL, 8 },
    { NULL } };
  g_autoptr (GPtrArray) m = run_plan ("reelblack", plan);
  const GstStructure *s;

  g_assert_cmpuint (m->len, ==, 3);
  s = g_ptr_array_index (m, 0);
  g_assert_true (gst_structure_has_name (s, "reel-black"));
  g_assert_cmpuint (field_u64 (s, "start"), ==, FRAME_NS (30));
  g_assert_cmpuint (field_u64 (s, "end"), ==, FRAME_NS (50));
  g_assert_cmpuint (field_u64 (s, "frames"), ==, 20);
  /* A range running to the end ends where the last frame ends. */
  s = g_ptr_array_index (m, 1);
  g_assert_cmpuint (field_u64 (s, "start"), ==, FRAME_NS (72));
  g_assert_cmpuint (field_u64 (s, "end"), ==, FRAME_NS (80));
  g_assert_cmpuint (field_u64 (s, "frames"), ==, 8);
  assert_eos_report (m, "reel-black", 80);
}

/* Decodes @jpeg with jpegdec and checks its size. */
static void
assert_jpeg (GstBuffer *jpeg, gint width, gint height)
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

static void
test_thumbnails (void)
{
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 50 },
    { &video_test_bright_checks, NULL, 50 }, { &video_test_black, NULL, 20 },
    { NULL } };
  g_autoptr (GPtrArray) m = run_plan ("reelthumbnails width=96", plan);
  guint scenes_seen = 0, posters = 0, scenes = 0;

  /* Three scenes (bars, checks, black), one poster, the report. */
  g_assert_cmpuint (m->len, ==, 5);
  for (guint i = 0; i < m->len - 1; i++) {
    const GstStructure *s = g_ptr_array_index (m, i);
    GstBuffer *jpeg = NULL;
    gboolean poster = FALSE;
    guint scene = 99;
    gint w = 0, h = 0;

    g_assert_true (gst_structure_has_name (s, "reel-thumbnail"));
    g_assert_true (gst_structure_get_boolean (s, "poster", &poster));
    g_assert_true (gst_structure_get_uint (s, "scene", &scene));
    g_assert_true (gst_structure_get_int (s, "width", &w));
    g_assert_true (gst_structure_get_int (s, "height", &h));
    g_assert_cmpint (w, ==, 96);
    g_assert_cmpint (h, ==, 72); /* 4:3 test frames */
    g_assert_true (gst_structure_get (s, "jpeg", GST_TYPE_BUFFER, &jpeg, NULL));
    assert_jpeg (jpeg, w, h);
    gst_buffer_unref (jpeg);
    if (poster) {
      posters++;
      /* The most colourful, contrasted frame: the checks, not black. */
      g_assert_cmpuint (scene, ==, 1);
    } else {
      g_assert_cmpuint (scene, ==, scenes_seen);
      scenes_seen++;
    }
  }
  g_assert_cmpuint (scenes_seen, ==, 3);
  g_assert_cmpuint (posters, ==, 1);
  g_assert_true (
      gst_structure_get_uint (g_ptr_array_index (m, 4), "scenes", &scenes));
  g_assert_cmpuint (scenes, ==, 3);
  assert_eos_report (m, "reel-thumbnail", 120);
}

/* Every accepted format: the cut is found at the same frame (the frames go
 * through videoconvert into that format first). */
static void
test_formats (void)
{
  static const gchar *formats[] = { "I420", "YV12", "NV12", "NV21", "Y42B",
    "Y444", "YUY2", "UYVY", "GRAY8", "RGBx", "BGRx", "xRGB", "xBGR", "RGBA",
    "BGRA", "ARGB", "ABGR", "RGB", "BGR" };
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 20 },
    { &video_test_bright_checks, NULL, 20 }, { &video_test_black, NULL, 15 },
    { NULL } };
  static const gchar *elements[] = { "reelscenes", "reelmotion", "reelblack" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++) {
    for (guint e = 0; e < G_N_ELEMENTS (elements); e++) {
      g_autofree gchar *launch =
          g_strdup_printf ("videoconvert ! video/x-raw,format=%s ! %s",
              formats[i], elements[e]);
      g_autoptr (GPtrArray) m = run_plan (launch, plan);
      const GstStructure *s = g_ptr_array_index (m, 0);

      g_test_message ("%s in %s", elements[e], formats[i]);
      if (e == 0) {
        g_assert_cmpuint (m->len, ==, 3);
        g_assert_cmpuint (field_u64 (s, "frame"), ==, 20);
        g_assert_cmpuint (field_u64 (g_ptr_array_index (m, 1), "frame"), ==,
            40);
        assert_eos_report (m, "reel-scene", 55);
      } else if (e == 1) {
        g_assert_cmpuint (m->len, ==, 4); /* 2.2 s */
        assert_eos_report (m, "reel-motion", 55);
      } else {
        g_assert_cmpuint (m->len, ==, 2);
        g_assert_cmpuint (field_u64 (s, "start"), ==, FRAME_NS (40));
        assert_eos_report (m, "reel-black", 55);
      }
    }
  }
}

static void
assert_double_property (GObjectClass *klass, const gchar *name, gdouble min,
    gdouble max, gdouble def)
{
  GParamSpec *pspec = g_object_class_find_property (klass, name);
  GParamSpecDouble *d;
  GValue v = G_VALUE_INIT;

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_DOUBLE (pspec));
  d = G_PARAM_SPEC_DOUBLE (pspec);
  g_assert_cmpfloat (d->minimum, ==, min);
  g_assert_cmpfloat (d->maximum, ==, max);
  g_assert_cmpfloat (d->default_value, ==, def);
  /* Out of range is refused (clamped by validation). */
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, max + 1.0);
  g_assert_true (g_param_value_validate (pspec, &v));
  g_assert_cmpfloat (g_value_get_double (&v), ==, max);
}

static void
test_properties (void)
{
  g_autoptr (GstElement) scenes = gst_element_factory_make ("reelscenes", NULL);
  g_autoptr (GstElement) black = gst_element_factory_make ("reelblack", NULL);
  g_autoptr (GstElement) thumbs =
      gst_element_factory_make ("reelthumbnails", NULL);
  g_autoptr (GstElement) motion = gst_element_factory_make ("reelmotion", NULL);
  GObjectClass *k;
  GParamSpec *pspec;

  g_assert_nonnull (motion);
  k = G_OBJECT_GET_CLASS (scenes);
  assert_double_property (k, "threshold", 0.05, 1.0, 0.3);
  assert_double_property (k, "min-scene-length", 0.0, 60.0, 0.5);
  g_assert_true (
      G_IS_PARAM_SPEC_BOOLEAN (g_object_class_find_property (k, "gradual")));

  k = G_OBJECT_GET_CLASS (black);
  assert_double_property (k, "threshold", 0.0, 1.0, 0.1);
  assert_double_property (k, "min-duration", 0.0, 3600.0, 0.1);
  assert_double_property (k, "pixel-ratio", 0.0, 1.0, 0.98);

  k = G_OBJECT_GET_CLASS (thumbs);
  assert_double_property (k, "threshold", 0.05, 1.0, 0.3);
  assert_double_property (k, "min-scene-length", 0.0, 60.0, 0.5);
  pspec = g_object_class_find_property (k, "width");
  g_assert_true (G_IS_PARAM_SPEC_INT (pspec));
  g_assert_cmpint (G_PARAM_SPEC_INT (pspec)->minimum, ==, 16);
  g_assert_cmpint (G_PARAM_SPEC_INT (pspec)->maximum, ==, 3840);
  g_assert_cmpint (G_PARAM_SPEC_INT (pspec)->default_value, ==, 320);

  g_object_set (scenes, "threshold", 0.5, "min-scene-length", 2.0, NULL);
  {
    gdouble t, l;

    g_object_get (scenes, "threshold", &t, "min-scene-length", &l, NULL);
    g_assert_cmpfloat (t, ==, 0.5);
    g_assert_cmpfloat (l, ==, 2.0);
  }
}

/* A cut 0.3 s after another is dropped with the default 0.5 s minimum, and
 * kept with min-scene-length=0.1. */
static void
test_min_scene_length (void)
{
  static const VideoTestStep plan[] = { { &video_test_dark_bars, NULL, 30 },
    { &video_test_bright_checks, NULL, 8 }, { &video_test_flat_blue, NULL, 30 },
    { NULL } };
  g_autoptr (GPtrArray) dflt = run_plan ("reelscenes", plan);
  g_autoptr (GPtrArray) shrt =
      run_plan ("reelscenes min-scene-length=0.1", plan);

  g_assert_cmpuint (dflt->len, ==, 2);
  g_assert_cmpuint (shrt->len, ==, 3);
  g_assert_cmpuint (field_u64 (g_ptr_array_index (shrt, 0), "frame"), ==, 30);
  g_assert_cmpuint (field_u64 (g_ptr_array_index (shrt, 1), "frame"), ==, 38);
}

static void
test_gst_inspect (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("reel-video-XXXXXX", NULL);
  g_autofree gchar *registry = g_build_filename (dir, "registry.bin", NULL);
  g_autofree gchar *out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const gchar *argv[] = { "gst-inspect-1.0", "reelscenes", NULL };
  gint status = -1;

  env = g_environ_setenv (env, "GST_PLUGIN_PATH", REEL_VIDEO_PLUGIN_DIR, TRUE);
  env = g_environ_setenv (env, "GST_REGISTRY", registry, TRUE);
#ifdef REEL_SANITIZER_PRELOAD
  env = g_environ_setenv (env, "LD_PRELOAD", REEL_SANITIZER_PRELOAD, TRUE);
#endif
  g_assert_true (g_spawn_sync (NULL, (gchar **) argv, env, G_SPAWN_SEARCH_PATH,
      NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "reelvideo"));
  g_assert_nonnull (strstr (out, "min-scene-length"));
  g_assert_nonnull (strstr (out, "Filter/Analyzer/Video"));
  g_unlink (registry);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  GstPlugin *plugin;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  plugin = gst_plugin_load_file (REEL_VIDEO_MODULE, &error);
  g_assert_no_error (error);
  gst_object_unref (plugin);
  gst_video_info_set_format (&test_info, GST_VIDEO_FORMAT_I420, 160, 120);
  test_info.fps_n = 25;
  test_info.fps_d = 1;

  g_test_add_func ("/video/scenes/cut", test_scenes_cut);
  g_test_add_func ("/video/scenes/flat-cut", test_scenes_flat_cut);
  g_test_add_func ("/video/scenes/dissolve", test_scenes_dissolve);
  g_test_add_func ("/video/scenes/fade-through-black",
      test_scenes_fade_through_black);
  g_test_add_func ("/video/scenes/min-scene-length", test_min_scene_length);
  g_test_add_func ("/video/quiet-content", test_quiet_content);
  g_test_add_func ("/video/motion", test_motion);
  g_test_add_func ("/video/black", test_black);
  g_test_add_func ("/video/thumbnails", test_thumbnails);
  g_test_add_func ("/video/formats", test_formats);
  g_test_add_func ("/video/properties", test_properties);
  g_test_add_func ("/video/gst-inspect", test_gst_inspect);
  return g_test_run ();
}
