/* Unit tests of the test-media generator (tests/media/reel-test-media.h):
 * the frame code (every format GStreamer unpacks, scaled, letterboxed,
 * corrupted), the pictures and samples it renders, the truth document
 * (deterministic, exact values, loudness) and spec validation. Nothing is
 * encoded; the whole file runs in about a second. The encoded presets are
 * checked by test-media-encode.c. */
#include "reel-test-media-private.h"

#include <math.h>
#include <string.h>

/* Helpers */

static gchar *
truth_string (const ReelTestMediaSpec *spec, const gchar *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) truth = reel_test_media_make_truth (spec, path, &error);
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  g_assert_no_error (error);
  json_generator_set_root (gen, truth);
  return json_generator_to_data (gen, NULL);
}

/* /media/code */

static void
check_roundtrip (gint width, gint height, gint64 frame, guint clip_id)
{
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();
  g_autoptr (GstBuffer) buffer = NULL;
  g_autoptr (GError) error = NULL;
  GstVideoInfo info;
  GstMapInfo map;
  gint clip = -2;

  spec->width = width;
  spec->height = height;
  spec->frames = frame + 1;
  spec->clip_id = clip_id;
  spec->has_audio = FALSE;
  buffer = reel_test_media_render_frame (spec, frame, &error);
  g_assert_no_error (error);
  reel_test_media_spec_get_video_info (spec, &info);
  gst_buffer_map (buffer, &map, GST_MAP_READ);
  g_assert_cmpint (reel_test_media_read_frame_number_data (&info, map.data,
                       &clip),
      ==, frame);
  g_assert_cmpint (clip, ==, clip_id);
  gst_buffer_unmap (buffer, &map);
}

static void
test_code_roundtrip (void)
{
  check_roundtrip (640, 360, 0, 0);
  check_roundtrip (640, 360, 1, 15);
  check_roundtrip (1920, 1080, 123456, 7);
  check_roundtrip (128, 72, 99, 3);
  check_roundtrip (1280, 720, REEL_TEST_MEDIA_FRAME_NUMBER_MAX, 9);
  check_roundtrip (720, 576, 4242, 12);
}

/* Converts (and scales) a rendered frame in memory, then reads it. */
static gint64
read_converted (const ReelTestMediaSpec *spec, gint64 frame,
    GstVideoFormat format, gint width, gint height, gint *clip)
{
  g_autoptr (GstBuffer) in = NULL;
  g_autoptr (GstBuffer) out = NULL;
  g_autoptr (GError) error = NULL;
  GstVideoInfo in_info, out_info;
  GstVideoFrame in_frame, out_frame;
  GstVideoConverter *conv;
  gint64 number;

  in = reel_test_media_render_frame (spec, frame, &error);
  g_assert_no_error (error);
  reel_test_media_spec_get_video_info (spec, &in_info);
  gst_video_info_set_format (&out_info, format, width, height);
  GST_VIDEO_INFO_FPS_N (&out_info) = GST_VIDEO_INFO_FPS_N (&in_info);
  GST_VIDEO_INFO_FPS_D (&out_info) = GST_VIDEO_INFO_FPS_D (&in_info);
  out = gst_buffer_new_allocate (NULL, out_info.size, NULL);
  g_assert_true (gst_video_frame_map (&in_frame, &in_info, in, GST_MAP_READ));
  g_assert_true (
      gst_video_frame_map (&out_frame, &out_info, out, GST_MAP_WRITE));
  conv = gst_video_converter_new (&in_info, &out_info, NULL);
  gst_video_converter_frame (conv, &in_frame, &out_frame);
  gst_video_converter_free (conv);
  number = reel_test_media_read_frame_number_frame (&out_frame, clip);
  gst_video_frame_unmap (&out_frame);
  gst_video_frame_unmap (&in_frame);
  return number;
}

static void
test_code_formats (void)
{
  static const GstVideoFormat formats[] = {
    GST_VIDEO_FORMAT_I420,
    GST_VIDEO_FORMAT_NV12,
    GST_VIDEO_FORMAT_RGBx,
    GST_VIDEO_FORMAT_BGRA,
    GST_VIDEO_FORMAT_RGB,
    GST_VIDEO_FORMAT_GRAY8,
    GST_VIDEO_FORMAT_Y444,
    GST_VIDEO_FORMAT_I420_10LE,
    GST_VIDEO_FORMAT_AYUV64,
  };
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();

  spec->frames = 2000;
  spec->clip_id = 5;
  reel_test_media_spec_add_cut (spec, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++) {
    gint clip = -2;

    g_test_message ("%s", gst_video_format_to_string (formats[i]));
    g_assert_cmpint (read_converted (spec, 1234, formats[i], 640, 360, &clip),
        ==, 1234);
    g_assert_cmpint (clip, ==, 5);
  }
}

static void
test_code_scaled (void)
{
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();

  spec->width = 1920;
  spec->height = 1080;
  spec->frames = 5000;
  spec->clip_id = 14;
  for (gint64 f = 4000; f < 4040; f++) {
    gint clip = -2;

    /* 1920 → 320 (6×) and an odd, non-uniform size. */
    g_assert_cmpint (read_converted (spec, f, GST_VIDEO_FORMAT_I420, 320, 180,
                         &clip),
        ==, f);
    g_assert_cmpint (clip, ==, 14);
    g_assert_cmpint (read_converted (spec, f, GST_VIDEO_FORMAT_BGRx, 301, 222,
                         &clip),
        ==, f);
  }
}

static void
test_code_letterboxed (void)
{
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();
  g_autoptr (GstBuffer) in = NULL;
  GstVideoInfo in_info, out_info;
  GstVideoFrame in_frame, out_frame;
  g_autoptr (GstBuffer) out = NULL;
  GstVideoConverter *conv;
  gint clip = -2;

  /* A 16:9 picture in the middle of a 9:16 one, black bars around. */
  spec->frames = 10;
  spec->clip_id = 2;
  in = reel_test_media_render_frame (spec, 7, NULL);
  reel_test_media_spec_get_video_info (spec, &in_info);
  gst_video_info_set_format (&out_info, GST_VIDEO_FORMAT_I420, 360, 640);
  GST_VIDEO_INFO_FPS_N (&out_info) = GST_VIDEO_INFO_FPS_N (&in_info);
  GST_VIDEO_INFO_FPS_D (&out_info) = GST_VIDEO_INFO_FPS_D (&in_info);
  out = gst_buffer_new_allocate (NULL, out_info.size, NULL);
  g_assert_true (gst_video_frame_map (&in_frame, &in_info, in, GST_MAP_READ));
  g_assert_true (
      gst_video_frame_map (&out_frame, &out_info, out, GST_MAP_WRITE));
  conv = gst_video_converter_new (&in_info, &out_info,
      gst_structure_new ("options", GST_VIDEO_CONVERTER_OPT_DEST_X, G_TYPE_INT,
          20, GST_VIDEO_CONVERTER_OPT_DEST_Y, G_TYPE_INT, 250,
          GST_VIDEO_CONVERTER_OPT_DEST_WIDTH, G_TYPE_INT, 320,
          GST_VIDEO_CONVERTER_OPT_DEST_HEIGHT, G_TYPE_INT, 180,
          GST_VIDEO_CONVERTER_OPT_FILL_BORDER, G_TYPE_BOOLEAN, TRUE,
          GST_VIDEO_CONVERTER_OPT_BORDER_ARGB, G_TYPE_UINT, 0xff000000, NULL));
  gst_video_converter_frame (conv, &in_frame, &out_frame);
  gst_video_converter_free (conv);
  g_assert_cmpint (reel_test_media_read_frame_number_frame (&out_frame, &clip),
      ==, 7);
  g_assert_cmpint (clip, ==, 2);
  gst_video_frame_unmap (&out_frame);
  gst_video_frame_unmap (&in_frame);
}

static void
test_code_unreadable (void)
{
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();
  g_autoptr (GstBuffer) buffer = NULL;
  GstVideoInfo info;
  GstMapInfo map;
  gint clip = -2;
  guint8 *row;
  gint block = 640 / REEL_TEST_MEDIA_CODE_BLOCKS;

  reel_test_media_spec_get_video_info (spec, &info);

  /* Black, white, and mid grey pictures have no code. */
  for (guint v = 0; v < 3; v++) {
    g_autofree guint8 *data = g_malloc (info.size);

    memset (data, v == 0 ? 16 : v == 1 ? 235 : 128, info.size);
    g_assert_cmpint (reel_test_media_read_frame_number_data (&info, data,
                         &clip),
        ==, -1);
    g_assert_cmpint (clip, ==, -1);
  }

  /* One flipped payload block in every row of the band: the CRC says no. */
  buffer = reel_test_media_render_frame (spec, 77, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_READWRITE);
  for (gint y = 0; y < 36; y++) {
    row = map.data + (gsize) y * GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
    memset (row + 20 * block, row[20 * block + block / 2] > 128 ? 16 : 235,
        block);
  }
  g_assert_cmpint (reel_test_media_read_frame_number_data (&info, map.data,
                       NULL),
      ==, -1);
  gst_buffer_unmap (buffer, &map);
}

static void
test_code_dissolve (void)
{
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();

  /* Blended frames still carry their own code, drawn over the blend. */
  reel_test_media_spec_add_dissolve (spec, 100, 30);
  for (gint64 f = 95; f < 135; f++) {
    gint clip;

    g_assert_cmpint (read_converted (spec, f, GST_VIDEO_FORMAT_I420, 640, 360,
                         &clip),
        ==, f);
  }
}

/* Mean luma of the picture under the band, to see looks change. */
static gdouble
mean_luma (const ReelTestMediaSpec *spec, gint64 frame)
{
  g_autoptr (GstBuffer) buffer =
      reel_test_media_render_frame (spec, frame, NULL);
  GstMapInfo map;
  guint64 sum = 0;
  gint from = spec->height / 4;

  gst_buffer_map (buffer, &map, GST_MAP_READ);
  for (gint y = from; y < spec->height; y++)
    for (gint x = 0; x < spec->width; x++)
      sum += map.data[(gsize) y * spec->width + x];
  gst_buffer_unmap (buffer, &map);
  return sum / (gdouble) ((spec->height - from) * spec->width);
}

static void
test_render_looks (void)
{
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();

  /* Every cut changes the picture a lot; neighbouring frames barely. */
  spec->frames = 90;
  for (gint i = 1; i < 9; i++)
    reel_test_media_spec_add_cut (spec, i * 10);
  for (gint i = 1; i < 9; i++) {
    gdouble before = mean_luma (spec, i * 10 - 1);
    gdouble after = mean_luma (spec, i * 10);
    gdouble next = mean_luma (spec, i * 10 + 1);

    g_test_message ("cut %d: %.1f -> %.1f", i, before, after);
    g_assert_cmpfloat (fabs (after - before), >, 35);
    g_assert_cmpfloat (fabs (next - after), <, 10);
  }
}

static void
test_render_audio (void)
{
  g_autoptr (ReelTestMediaSpec) spec = reel_test_media_spec_new ();
  g_autoptr (GstBuffer) buffer = NULL;
  g_autoptr (GError) error = NULL;
  GstMapInfo map;
  const gfloat *s;
  gint64 n = 48000 * 3;

  spec->container = REEL_TEST_MEDIA_CONTAINER_WEBM;
  spec->has_video = FALSE;
  spec->channels = 1;
  spec->bpm = 120;
  spec->click_offset = 0.1;
  spec->frames = 90;
  reel_test_media_spec_add_silence (spec, 1.0, 1.5);
  buffer = reel_test_media_render_audio (spec, 0, n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GST_BUFFER_PTS (buffer), ==, 0);
  gst_buffer_map (buffer, &map, GST_MAP_READ);
  s = (const gfloat *) map.data;

  /* Clicks start at full level on their exact sample: 4800, 28800, … */
  g_assert_cmpfloat (fabs (s[4799]), <, 0.04);
  g_assert_cmpfloat (s[4800], >, 0.45);
  g_assert_cmpfloat (s[28800], >, 0.45);
  /* The silence is exact zeros, [48000, 72000), and sound either side. */
  for (gint64 i = 48000; i < 72000; i++)
    g_assert_cmpfloat (s[i], ==, 0.0f);
  g_assert_cmpfloat (fabs (s[47999]) + fabs (s[47998]), >, 0);
  g_assert_cmpfloat (fabs (s[72000]) + fabs (s[72001]), >, 0);
  gst_buffer_unmap (buffer, &map);

  /* Any offset, same samples. */
  {
    g_autoptr (GstBuffer) part =
        reel_test_media_render_audio (spec, 28790, 20, NULL);
    GstMapInfo pmap;

    gst_buffer_map (buffer, &map, GST_MAP_READ);
    gst_buffer_map (part, &pmap, GST_MAP_READ);
    g_assert_cmpmem (pmap.data, pmap.size, map.data + 28790 * 4, 20 * 4);
    gst_buffer_unmap (part, &pmap);
    gst_buffer_unmap (buffer, &map);
  }
}

/* /media/truth */

static void
test_truth_deterministic (void)
{
  const gchar *const *names = reel_test_media_preset_names ();

  for (guint i = 0; names[i]; i++) {
    g_autoptr (ReelTestMediaSpec) spec =
        reel_test_media_spec_new_preset (names[i], NULL);
    g_autoptr (ReelTestMediaSpec) copy = reel_test_media_spec_copy (spec);
    g_autofree gchar *a = truth_string (spec, "/x/clip.mp4");
    g_autofree gchar *b = truth_string (copy, "/y/clip.mp4");

    g_assert_true (reel_test_media_spec_validate (spec, NULL));
    g_assert_cmpstr (a, ==, b);
  }
}

static JsonObject *
preset_truth (const gchar *name)
{
  g_autoptr (ReelTestMediaSpec) spec =
      reel_test_media_spec_new_preset (name, NULL);
  g_autoptr (JsonNode) node = reel_test_media_make_truth (spec, "c.mp4", NULL);

  return json_object_ref (json_node_get_object (node));
}

static void
test_truth_values (void)
{
  g_autoptr (JsonObject) t = preset_truth ("cuts-2997");
  g_autoptr (JsonObject) d = preset_truth ("dissolve");
  g_autoptr (JsonObject) c = preset_truth ("clicks-120");
  g_autoptr (JsonObject) s = preset_truth ("speech-silences");
  JsonObject *o;
  JsonArray *a;

  g_assert_cmpstr (json_object_get_string_member (t, "duration_exact"), ==,
      "1001/100");
  o = json_object_get_object_member (t, "video");
  g_assert_cmpstr (json_object_get_string_member (o, "fps"), ==, "30000/1001");
  g_assert_cmpint (json_object_get_int_member (o, "frames"), ==, 300);
  o = json_object_get_object_member (t, "audio");
  g_assert_cmpint (json_object_get_int_member (o, "samples"), ==, 480480);
  a = json_object_get_array_member (t, "cuts");
  g_assert_cmpuint (json_array_get_length (a), ==, 4);
  o = json_array_get_object_element (a, 0);
  g_assert_cmpint (json_object_get_int_member (o, "frame"), ==, 45);
  g_assert_cmpstr (json_object_get_string_member (o, "time_exact"), ==,
      "3003/2000");
  g_assert_cmpint (json_object_get_int_member (o, "pts"), ==, 1501500000);
  g_assert_cmpfloat (json_object_get_double_member (o, "time"), ==, 1.5015);

  a = json_object_get_array_member (d, "dissolves");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  o = json_array_get_object_element (a, 0);
  g_assert_cmpint (json_object_get_int_member (o, "start_frame"), ==, 165);
  g_assert_cmpint (json_object_get_int_member (o, "end_frame"), ==, 195);
  g_assert_cmpfloat (json_object_get_double_member (o, "start"), ==, 5.5);
  g_assert_cmpfloat (json_object_get_double_member (o, "end"), ==, 6.5);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (d, "cuts")),
      ==, 1);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (d, "segments")),
      ==, 3);

  o = json_object_get_object_member (c, "beats");
  g_assert_cmpfloat (json_object_get_double_member (o, "tempo"), ==, 120);
  a = json_object_get_array_member (o, "times");
  g_assert_cmpuint (json_array_get_length (a), ==, 19);
  g_assert_cmpfloat (json_array_get_double_element (a, 0), ==, 0.5);
  g_assert_cmpfloat (json_array_get_double_element (a, 18), ==, 9.5);
  a = json_object_get_array_member (o, "samples");
  g_assert_cmpint (json_array_get_int_element (a, 3), ==, 96000);

  a = json_object_get_array_member (s, "silences");
  g_assert_cmpuint (json_array_get_length (a), ==, 4);
  o = json_array_get_object_element (a, 2);
  g_assert_cmpint (json_object_get_int_member (o, "start_sample"), ==, 432000);
  g_assert_cmpint (json_object_get_int_member (o, "end_sample"), ==, 504000);
  g_assert_true (json_object_get_null_member (s, "beats"));
}

static void
test_truth_loudness (void)
{
  g_autoptr (JsonObject) t = preset_truth ("loudness-23");
  JsonObject *l = json_object_get_object_member (t, "loudness");
  g_autoptr (ReelTestMediaLoudness) meter = NULL;
  gdouble integrated, peak;
  gfloat *sine;

  /* EBU Tech 3341 case 1: a stereo 1 kHz sine at -23 dBFS is -23.0 LUFS. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (l,
                                      "integrated"),
      -23.0, 0.05);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (l,
                                      "sample_peak_dbfs"),
      -23.0, 0.01);

  /* The meter itself: a full-scale 997 Hz sine in one channel, at 44.1 kHz,
   * is -3.01 LKFS (BS.1770-4, section 2.1). */
  meter = reel_test_media_loudness_new (44100, 1);
  sine = g_new (gfloat, 44100 * 5);
  for (gint i = 0; i < 44100 * 5; i++)
    sine[i] = (gfloat) sin (2 * G_PI * 997 * i / 44100.0);
  reel_test_media_loudness_add (meter, sine, 44100 * 5, 1);
  g_free (sine);
  g_assert_true (reel_test_media_loudness_get (meter, &integrated, &peak));
  g_assert_cmpfloat_with_epsilon (integrated, -3.01, 0.02);
}

/* /media/spec */

static void
expect_invalid (ReelTestMediaSpec *spec, const gchar *field)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (reel_test_media_spec_validate (spec, &error));
  g_assert_error (error, REEL_TEST_MEDIA_ERROR,
      REEL_TEST_MEDIA_ERROR_INVALID_SPEC);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, field));
  reel_test_media_spec_free (spec);
}

static void
test_spec_invalid (void)
{
  ReelTestMediaSpec *spec;
  g_autoptr (GError) error = NULL;

  spec = reel_test_media_spec_new ();
  spec->width = 641;
  expect_invalid (spec, "width");

  spec = reel_test_media_spec_new ();
  spec->fps_d = 0;
  expect_invalid (spec, "fps");

  spec = reel_test_media_spec_new ();
  reel_test_media_spec_add_cut (spec, 300);
  expect_invalid (spec, "cuts");

  spec = reel_test_media_spec_new ();
  reel_test_media_spec_add_cut (spec, 100);
  reel_test_media_spec_add_dissolve (spec, 90, 20);
  expect_invalid (spec, "dissolves");

  spec = reel_test_media_spec_new ();
  reel_test_media_spec_add_cut (spec, 100);
  reel_test_media_spec_add_dissolve (spec, 80, 20);
  g_assert_true (reel_test_media_spec_validate (spec, NULL));
  reel_test_media_spec_free (spec);

  spec = reel_test_media_spec_new ();
  spec->container = REEL_TEST_MEDIA_CONTAINER_WEBM;
  spec->rate = 44100;
  expect_invalid (spec, "rate");

  spec = reel_test_media_spec_new ();
  spec->clip_id = 16;
  expect_invalid (spec, "clip_id");

  spec = reel_test_media_spec_new ();
  reel_test_media_spec_add_silence (spec, 2, 1);
  expect_invalid (spec, "silences");

  spec = reel_test_media_spec_new ();
  spec->has_audio = spec->has_video = FALSE;
  expect_invalid (spec, "video");

  g_assert_null (reel_test_media_spec_new_preset ("nope", &error));
  g_assert_error (error, REEL_TEST_MEDIA_ERROR,
      REEL_TEST_MEDIA_ERROR_UNKNOWN_PRESET);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/media/code/roundtrip", test_code_roundtrip);
  g_test_add_func ("/media/code/formats", test_code_formats);
  g_test_add_func ("/media/code/scaled", test_code_scaled);
  g_test_add_func ("/media/code/letterboxed", test_code_letterboxed);
  g_test_add_func ("/media/code/unreadable", test_code_unreadable);
  g_test_add_func ("/media/code/dissolve", test_code_dissolve);
  g_test_add_func ("/media/render/looks", test_render_looks);
  g_test_add_func ("/media/render/audio", test_render_audio);
  g_test_add_func ("/media/truth/deterministic", test_truth_deterministic);
  g_test_add_func ("/media/truth/values", test_truth_values);
  g_test_add_func ("/media/truth/loudness", test_truth_loudness);
  g_test_add_func ("/media/spec/invalid", test_spec_invalid);
  return g_test_run ();
}
