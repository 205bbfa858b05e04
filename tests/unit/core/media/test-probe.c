/* Unit tests of probing (core/media/reel-probe.c) on short clips made by
 * tests/media with exact truth: container, codecs, size, the frame rate as
 * an exact fraction (30000/1001, 24000/1001, 25), duration, audio rate and
 * channels, has_audio/has_video, for MP4 and WebM, with and without audio
 * or video; a rotation tag; the JSON the MEDIA record keeps, read back by
 * the media model; and every kind of file that is refused, each with a
 * message that names the file. The clips are made once per run, in a
 * temporary folder. */
#include "reel-probe.h"
#include "reel-model.h"
#include "reel-test-media.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  const gchar *preset;
  gint64 frames;
  const gchar *file;
} Clip;

static const Clip clips[] = {
  { "cuts-2997", 30, "ntsc.mp4" },
  { "frame-numbers-2398", 24, "film.mp4" },
  { "cuts-25", 25, "pal.mp4" },
  { "webm-vp9", 30, "clip.webm" },
  { "video-only", 30, "video-only.mp4" },
  { "audio-only", 30, "audio-only.m4a" },
};

static gchar *tmpdir;

static gchar *
clip_path (const gchar *file)
{
  return g_build_filename (tmpdir, file, NULL);
}

static void
make_clips (void)
{
  g_autoptr (GError) error = NULL;

  tmpdir = g_dir_make_tmp ("reel-probe-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (clips); i++) {
    g_autoptr (ReelTestMediaSpec) spec =
        reel_test_media_spec_new_preset (clips[i].preset, &error);
    g_autofree gchar *path = clip_path (clips[i].file);

    g_assert_no_error (error);
    spec->frames = clips[i].frames;
    g_array_set_size (spec->cuts, 0);
    g_array_set_size (spec->dissolves, 0);
    g_array_set_size (spec->tones, 0);
    g_array_set_size (spec->silences, 0);
    g_assert_true (reel_test_media_generate (spec, path, &error));
    g_assert_no_error (error);
  }
}

static void
remove_clips (void)
{
  g_autoptr (GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree gchar *path = g_build_filename (tmpdir, name, NULL);

    g_chmod (path, 0644);
    g_unlink (path);
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
}

static ReelProbe *
probe_clip (const gchar *file)
{
  g_autofree gchar *path = clip_path (file);
  g_autoptr (GError) error = NULL;
  ReelProbe *p = reel_probe_file (path, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static ReelProbeStream *
stream (ReelProbe *p, guint i)
{
  g_assert_cmpuint (i, <, p->streams->len);
  return g_ptr_array_index (p->streams, i);
}

/* The truth file's exact duration, in nanoseconds. */
static GstClockTime
truth_duration (const gchar *file)
{
  g_autofree gchar *path = clip_path (file);
  g_autofree gchar *truth = reel_test_media_truth_path (path);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = NULL;
  const gchar *exact;

  json_parser_load_from_file (parser, truth, &error);
  g_assert_no_error (error);
  exact = json_object_get_string_member (json_node_get_object (
                                             json_parser_get_root (parser)),
      "duration_exact");
  parts = g_strsplit (exact, "/", 2);
  return gst_util_uint64_scale (g_ascii_strtoull (parts[0], NULL, 10),
      GST_SECOND, parts[1] != NULL ? g_ascii_strtoull (parts[1], NULL, 10) : 1);
}

static void
assert_video (ReelProbe *p, gint fps_n, gint fps_d)
{
  g_assert_true (p->has_video);
  g_assert_cmpint (p->width, ==, 640);
  g_assert_cmpint (p->height, ==, 360);
  g_assert_cmpint (p->par_n, ==, 1);
  g_assert_cmpint (p->par_d, ==, 1);
  g_assert_cmpint (p->fps_n, ==, fps_n);
  g_assert_cmpint (p->fps_d, ==, fps_d);
  g_assert_cmpint (p->rotation, ==, 0);
  g_assert_false (p->flip);
}

static void
assert_audio (ReelProbe *p)
{
  g_assert_true (p->has_audio);
  g_assert_cmpint (p->audio_rate, ==, 48000);
  g_assert_cmpint (p->audio_channels, ==, 2);
}

static void
test_mp4_ntsc (void)
{
  g_autoptr (ReelProbe) p = probe_clip ("ntsc.mp4");
  g_autofree gchar *fps = reel_probe_get_fps_string (p);

  g_assert_cmpstr (p->container, ==, "mp4");
  assert_video (p, 30000, 1001);
  assert_audio (p);
  g_assert_cmpstr (fps, ==, "30000/1001");
  /* 30 frames of 30000/1001: exactly 1.001 s, as the truth says. */
  g_assert_cmpuint (p->duration, ==, truth_duration ("ntsc.mp4"));
  g_assert_cmpuint (p->duration, ==, 1001 * GST_MSECOND);
  g_assert_cmpuint (p->streams->len, ==, 2);
  g_assert_cmpint (stream (p, 0)->kind, ==, REEL_PROBE_STREAM_VIDEO);
  g_assert_cmpstr (stream (p, 0)->codec, ==, "h264");
  g_assert_nonnull (strstr (stream (p, 0)->codec_name, "H.264"));
  g_assert_true (stream (p, 0)->decodable);
  g_assert_cmpint (stream (p, 1)->kind, ==, REEL_PROBE_STREAM_AUDIO);
  g_assert_cmpstr (stream (p, 1)->codec, ==, "aac");
  g_assert_cmpint (stream (p, 1)->rate, ==, 48000);
  g_assert_cmpuint (p->size, >, 0);
  g_assert_cmpuint (p->bitrate, >, 0);
  g_assert_true (p->seekable);
}

static void
test_mp4_film (void)
{
  g_autoptr (ReelProbe) p = probe_clip ("film.mp4");
  g_autofree gchar *fps = reel_probe_get_fps_string (p);

  g_assert_cmpstr (p->container, ==, "mp4");
  assert_video (p, 24000, 1001);
  assert_audio (p);
  g_assert_cmpstr (fps, ==, "24000/1001");
  g_assert_cmpuint (p->duration, ==, truth_duration ("film.mp4"));
}

static void
test_mp4_pal (void)
{
  g_autoptr (ReelProbe) p = probe_clip ("pal.mp4");

  assert_video (p, 25, 1);
  g_assert_cmpuint (p->duration, ==, GST_SECOND);
}

static void
test_webm (void)
{
  g_autoptr (ReelProbe) p = probe_clip ("clip.webm");
  GstClockTime truth = truth_duration ("clip.webm");

  g_assert_cmpstr (p->container, ==, "webm");
  assert_video (p, 30, 1);
  assert_audio (p);
  g_assert_cmpstr (stream (p, 0)->codec, ==, "vp9");
  g_assert_cmpstr (stream (p, 1)->codec, ==, "opus");
  /* WebM keeps milliseconds. */
  g_assert_cmpuint (p->duration, <=, truth + GST_MSECOND);
  g_assert_cmpuint (p->duration + GST_MSECOND, >=, truth);
}

static void
test_video_only (void)
{
  g_autoptr (ReelProbe) p = probe_clip ("video-only.mp4");

  g_assert_cmpstr (p->container, ==, "mp4");
  assert_video (p, 30, 1);
  g_assert_false (p->has_audio);
  g_assert_cmpint (p->audio_rate, ==, 0);
  g_assert_cmpuint (p->streams->len, ==, 1);
  g_assert_cmpuint (p->duration, ==, GST_SECOND);
}

static void
test_audio_only (void)
{
  g_autoptr (ReelProbe) p = probe_clip ("audio-only.m4a");

  g_assert_cmpstr (p->container, ==, "mp4");
  g_assert_false (p->has_video);
  g_assert_cmpint (p->width, ==, 0);
  g_assert_cmpint (p->fps_n, ==, 0);
  assert_audio (p);
  g_assert_cmpuint (p->streams->len, ==, 1);
  g_assert_cmpstr (stream (p, 0)->codec, ==, "aac");
  g_assert_cmpuint (p->duration, ==, truth_duration ("audio-only.m4a"));
}

/* What reel_probe_to_json() writes is a MEDIA probe the model accepts. */
static JsonObject *
media_probe_json (ReelProbe *p)
{
  g_autoptr (JsonNode) probe = reel_probe_to_json (p);
  g_autoptr (JsonObject) media = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelMedia) m = NULL;
  g_autofree gchar *text = NULL;

  json_object_set_string_member (media, "id", "clip");
  json_object_set_string_member (media, "name", "clip");
  json_object_set_int_member (media, "size", (gint64) p->size);
  json_object_set_string_member (media, "content_type", "video/mp4");
  json_object_set_string_member (media, "created_at", "2026-01-01T00:00:00Z");
  json_object_set_string_member (media, "status", "ready");
  json_object_set_member (media, "probe", json_node_ref (probe));
  json_node_set_object (node, media);
  m = reel_media_new_from_json (node, errors);
  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==, "");
  g_assert_nonnull (m);
  g_assert_cmpint (m->probe->has_video, ==, p->has_video);
  g_assert_cmpint (m->probe->has_audio, ==, p->has_audio);
  if (p->has_video) {
    g_assert_cmpint (m->probe->fps.num, ==, p->fps_n);
    g_assert_cmpint (m->probe->fps.den, ==, p->fps_d);
    g_assert_cmpint (m->probe->width, ==, p->width);
  }
  return json_object_ref (json_node_get_object (probe));
}

static void
test_json (void)
{
  g_autoptr (ReelProbe) ntsc = probe_clip ("ntsc.mp4");
  g_autoptr (ReelProbe) pal = probe_clip ("pal.mp4");
  g_autoptr (ReelProbe) audio = probe_clip ("audio-only.m4a");
  g_autoptr (JsonObject) o = media_probe_json (ntsc);
  g_autoptr (JsonObject) po = media_probe_json (pal);
  g_autoptr (JsonObject) ao = media_probe_json (audio);
  JsonArray *streams = json_object_get_array_member (o, "streams");
  JsonObject *v = json_array_get_object_element (streams, 0);
  JsonObject *a = json_array_get_object_element (streams, 1);

  g_assert_cmpstr (json_object_get_string_member (o, "fps"), ==, "30000/1001");
  g_assert_cmpfloat (json_object_get_double_member (o, "duration"), ==, 1.001);
  g_assert_cmpstr (json_object_get_string_member (o, "container"), ==, "mp4");
  g_assert_cmpstr (json_object_get_string_member (o, "pixel_aspect_ratio"), ==,
      "1/1");
  g_assert_cmpint (json_object_get_int_member (o, "rotation"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "audio_rate"), ==, 48000);
  g_assert_cmpint (json_object_get_int_member (o, "audio_channels"), ==, 2);
  g_assert_true (json_object_get_boolean_member (o, "has_audio"));
  g_assert_cmpstr (json_object_get_string_member (v, "codec"), ==, "h264");
  g_assert_cmpstr (json_object_get_string_member (v, "fps"), ==, "30000/1001");
  g_assert_cmpstr (json_object_get_string_member (a, "codec"), ==, "aac");
  /* A whole rate is written as the media model writes it: an integer. */
  g_assert_cmpint (json_object_get_int_member (po, "fps"), ==, 25);
  g_assert_false (json_object_has_member (ao, "width"));
  g_assert_false (json_object_has_member (ao, "fps"));
  g_assert_false (json_object_get_boolean_member (ao, "has_video"));
}

/* Turns the first track's matrix in an MP4 a quarter turn clockwise, as a
 * phone that was held upright writes it. */
static void
rotate_mp4 (const gchar *path)
{
  g_autofree gchar *bytes = NULL;
  gsize length;
  const gchar *tkhd;
  /* a b u c d v x y w, 16.16 (u v w 2.30), big-endian */
  const gint32 matrix[9] = { 0, 1 << 16, 0, -(1 << 16), 0, 0, 0, 0, 1 << 30 };
  guint8 *m;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  tkhd = NULL;
  for (gsize i = 0; i + 4 <= length && tkhd == NULL; i++) {
    if (memcmp (bytes + i, "tkhd", 4) == 0)
      tkhd = bytes + i;
  }
  g_assert_nonnull (tkhd);
  g_assert_cmpint (tkhd[4], ==, 0); /* version 0: 32-bit times */
  /* version+flags, times, track id, reserved, duration, reserved, layer,
   * group, volume, reserved: 40 bytes before the matrix */
  m = (guint8 *) tkhd + 4 + 40;
  for (guint i = 0; i < 9; i++) {
    guint32 be = GUINT32_TO_BE ((guint32) matrix[i]);

    memcpy (m + 4 * i, &be, 4);
  }
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
}

static void
test_rotation (void)
{
  g_autofree gchar *path = clip_path ("rotated.mp4");
  g_autofree gchar *desc =
      g_strdup_printf ("videotestsrc num-buffers=3 ! "
                       "video/x-raw,width=64,height=48 "
                       "! x264enc ! mp4mux ! filesink location=\"%s\"",
          path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = gst_parse_launch (desc, &error);
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) msg = NULL;
  g_autoptr (ReelProbe) p = NULL;
  g_autoptr (JsonNode) json = NULL;

  if (pipeline == NULL) {
    g_test_skip (error->message);
    return;
  }
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_nonnull (msg);
  g_assert_cmpint (GST_MESSAGE_TYPE (msg), ==, GST_MESSAGE_EOS);
  rotate_mp4 (path);

  p = probe_clip ("rotated.mp4");
  /* The coded size, and how to turn it. */
  g_assert_cmpint (p->width, ==, 64);
  g_assert_cmpint (p->height, ==, 48);
  g_assert_cmpint (p->rotation, ==, 90);
  g_assert_false (p->flip);
  g_assert_false (p->has_audio);
  json = reel_probe_to_json (p);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json),
                       "rotation"),
      ==, 90);
}

static void
assert_refused (const gchar *path, gint code, const gchar *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelProbe) p = reel_probe_file (path, 0, &error);

  g_assert_null (p);
  g_assert_error (error, REEL_PROBE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_refused (void)
{
  g_autofree gchar *empty = clip_path ("empty.mp4");
  g_autofree gchar *junk = clip_path ("junk.bin");
  g_autofree gchar *missing = clip_path ("missing.mp4");
  g_autofree gchar *cut = clip_path ("cut.mp4");
  g_autofree gchar *ntsc = clip_path ("ntsc.mp4");
  g_autofree gchar *bytes = NULL;
  g_autofree gchar *random = g_malloc (65536);
  gsize length;
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 65536; i++)
    random[i] = (gchar) g_rand_int (rand);
  g_rand_free (rand);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (junk, random, 65536, NULL));
  g_assert_true (g_file_get_contents (ntsc, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (cut, bytes, length * 3 / 10, NULL));

  assert_refused (empty, REEL_PROBE_ERROR_EMPTY, "is empty");
  assert_refused (junk, REEL_PROBE_ERROR_NOT_MEDIA, "not a media file");
  assert_refused (missing, REEL_PROBE_ERROR_NOT_FOUND, "no such file");
  assert_refused (tmpdir, REEL_PROBE_ERROR_NOT_READABLE, "is a directory");
  assert_refused (cut, REEL_PROBE_ERROR_CORRUPT, "truncated");
  assert_refused ("/dev/null", REEL_PROBE_ERROR_NOT_READABLE,
      "not a regular file");
}

static void
test_unreadable (void)
{
  g_autofree gchar *path = clip_path ("locked.mp4");

  if (getuid () == 0) {
    g_test_skip ("root reads any file");
    return;
  }
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_refused (path, REEL_PROBE_ERROR_NOT_READABLE, "Permission denied");
}

static void
test_relative_and_uri (void)
{
  g_autofree gchar *path = clip_path ("pal.mp4");
  g_autofree gchar *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelProbe) p = reel_probe_file (uri, 0, &error);
  g_autofree gchar *cwd = g_get_current_dir ();
  g_autoptr (ReelProbe) rel = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (p->uri, ==, uri);
  g_assert_cmpint (g_chdir (tmpdir), ==, 0);
  rel = reel_probe_file ("pal.mp4", 0, &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (rel->uri, ==, uri);
}

int
main (int argc, char **argv)
{
  int status;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  make_clips ();
  g_test_add_func ("/media/probe/mp4-30000-1001", test_mp4_ntsc);
  g_test_add_func ("/media/probe/mp4-24000-1001", test_mp4_film);
  g_test_add_func ("/media/probe/mp4-25", test_mp4_pal);
  g_test_add_func ("/media/probe/webm", test_webm);
  g_test_add_func ("/media/probe/video-only", test_video_only);
  g_test_add_func ("/media/probe/audio-only", test_audio_only);
  g_test_add_func ("/media/probe/json", test_json);
  g_test_add_func ("/media/probe/rotation", test_rotation);
  g_test_add_func ("/media/probe/refused", test_refused);
  g_test_add_func ("/media/probe/unreadable", test_unreadable);
  g_test_add_func ("/media/probe/relative-and-uri", test_relative_and_uri);
  status = g_test_run ();
  remove_clips ();
  return status;
}
