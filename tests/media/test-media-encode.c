/* Integration tests of the test-media generator: each /media/preset/NAME
 * makes a preset into a temporary directory, then checks the file against
 * its truth the way a user of the media sees it:
 *
 *  - GstDiscoverer: container, codecs, size, exact frame rate, duration;
 *  - the demuxed video's keyframes are exactly the truth's;
 *  - a real decode (uridecodebin) read frame by frame: frame k carries
 *    number k and the clip id, at full size and scaled to 320 px wide, and
 *    sits at the truth's timestamp;
 *  - the decoded sound: it matches the generated samples (SNR), every click
 *    starts within 1 ms of its beat time, every silence is below -60 dBFS,
 *    the loudness is the truth's.
 *
 * /media/cli runs the reel-make-test-media command: --help, a bad option,
 * a small encode with overrides, --truth-only. */
#include "reel-test-media-private.h"

#include <gst/app/app.h>
#include <gst/pbutils/pbutils.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* How far into a silence the AAC/Opus transform may smear its neighbours'
 * energy: one AAC frame. */
#define SILENCE_GUARD 0.025

/* Helpers */

static gchar *
make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  gchar *dir = g_dir_make_tmp ("reel-test-media-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const gchar *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const gchar *name;

  while (d && (name = g_dir_read_name (d))) {
    g_autofree gchar *path = g_build_filename (dir, name, NULL);

    g_unlink (path);
  }
  g_rmdir (dir);
}

static JsonObject *
load_truth (const gchar *clip)
{
  g_autofree gchar *path = reel_test_media_truth_path (clip);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
rational_ns (const gchar *text)
{
  gint64 num, den;

  g_assert_cmpint (sscanf (text, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, &num,
                       &den),
      ==, 2);
  return (gint64) gst_util_uint64_scale (num, GST_SECOND, den);
}

/* /media/preset: encode, then look at the file as a user would */

typedef struct {
  GMutex lock;
  GArray *frames; /* Decoded, full size */
  GArray *scaled; /* Decoded, 320 px wide */
  GArray *audio;  /* gfloat, channel 0 */
  GstClockTime audio_start;
  gint audio_rate;
  gint audio_channels;
  gint scaled_width;
} Decoded;

typedef struct {
  gint64 number;
  gint clip;
  GstClockTime pts;
} DecodedFrame;

static GstFlowReturn
on_video (GstAppSink *sink, gpointer user_data)
{
  GArray *array = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  DecodedFrame f;

  f.number = reel_test_media_read_frame_number (sample, &f.clip);
  /* Stream time: what the MP4 edit list makes of the B-frame delay. */
  f.pts = gst_segment_to_stream_time (gst_sample_get_segment (sample),
      GST_FORMAT_TIME, GST_BUFFER_PTS (gst_sample_get_buffer (sample)));
  g_array_append_val (array, f);
  return GST_FLOW_OK;
}

static GstFlowReturn
on_audio (GstAppSink *sink, gpointer user_data)
{
  Decoded *d = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstAudioInfo info;
  GstMapInfo map;
  gsize n;

  gst_audio_info_from_caps (&info, gst_sample_get_caps (sample));
  g_mutex_lock (&d->lock);
  if (d->audio->len == 0) {
    d->audio_start =
        gst_segment_to_stream_time (gst_sample_get_segment (sample),
            GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));
    d->audio_rate = GST_AUDIO_INFO_RATE (&info);
    d->audio_channels = GST_AUDIO_INFO_CHANNELS (&info);
  }
  gst_buffer_map (buffer, &map, GST_MAP_READ);
  n = map.size / GST_AUDIO_INFO_BPF (&info);
  for (gsize i = 0; i < n; i++)
    g_array_append_val (d->audio,
        ((const gfloat *) map.data)[i * GST_AUDIO_INFO_CHANNELS (&info)]);
  gst_buffer_unmap (buffer, &map);
  g_mutex_unlock (&d->lock);
  return GST_FLOW_OK;
}

static GstElement *
add_chain (GstBin *bin, GstPad *pad, const gchar *description)
{
  g_autoptr (GError) error = NULL;
  GstElement *chain =
      gst_parse_bin_from_description (description, TRUE, &error);
  g_autoptr (GstPad) sink = NULL;

  g_assert_no_error (error);
  gst_bin_add (bin, chain);
  sink = gst_element_get_static_pad (chain, "sink");
  g_assert_cmpint (gst_pad_link (pad, sink), ==, GST_PAD_LINK_OK);
  gst_element_sync_state_with_parent (chain);
  return chain;
}

static void
on_pad_added (GstElement *decodebin, GstPad *pad, gpointer user_data)
{
  Decoded *d = user_data;
  GstBin *bin = GST_BIN (gst_element_get_parent (decodebin));
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  const gchar *name = gst_structure_get_name (gst_caps_get_structure (caps, 0));

  if (g_str_has_prefix (name, "video/")) {
    g_autofree gchar *desc =
        g_strdup_printf ("tee name=t "
                         "t. ! queue ! videoconvert ! video/x-raw,format=I420 "
                         "! "
                         "appsink name=full sync=false "
                         "t. ! queue ! videoscale ! videoconvert ! "
                         "video/x-raw,format=BGRx,width=%d,height=%d ! "
                         "appsink name=scaled sync=false",
            d->scaled_width, d->scaled_width * 9 / 16);
    GstAppSinkCallbacks full = { .new_sample = on_video };
    GstAppSinkCallbacks scaled = { .new_sample = on_video };
    GstElement *chain = add_chain (bin, pad, desc);
    g_autoptr (GstElement) full_sink =
        gst_bin_get_by_name (GST_BIN (chain), "full");
    g_autoptr (GstElement) scaled_sink =
        gst_bin_get_by_name (GST_BIN (chain), "scaled");

    gst_app_sink_set_callbacks (GST_APP_SINK (full_sink), &full, d->frames,
        NULL);
    gst_app_sink_set_callbacks (GST_APP_SINK (scaled_sink), &scaled, d->scaled,
        NULL);
  } else if (g_str_has_prefix (name, "audio/")) {
    GstAppSinkCallbacks cb = { .new_sample = on_audio };
    GstElement *chain = add_chain (bin, pad,
        "audioconvert ! "
        "audio/x-raw,format=F32LE,layout=interleaved ! "
        "appsink name=a sync=false");
    g_autoptr (GstElement) sink = gst_bin_get_by_name (GST_BIN (chain), "a");

    gst_app_sink_set_callbacks (GST_APP_SINK (sink), &cb, d, NULL);
  }
  gst_object_unref (bin);
}

/* The appsink callbacks run while the pipeline plays; the test reads the
 * arrays only after EOS. */
static void
decode (const gchar *path, Decoded *d)
{
  g_autofree gchar *uri = gst_filename_to_uri (path, NULL);
  g_autoptr (GstElement) pipeline = gst_pipeline_new (NULL);
  GstElement *dec = gst_element_factory_make ("uridecodebin", NULL);
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = NULL;

  g_mutex_init (&d->lock);
  d->frames = g_array_new (FALSE, FALSE, sizeof (DecodedFrame));
  d->scaled = g_array_new (FALSE, FALSE, sizeof (DecodedFrame));
  d->audio = g_array_new (FALSE, FALSE, sizeof (gfloat));
  d->scaled_width = 320;
  g_object_set (dec, "uri", uri, NULL);
  g_signal_connect (dec, "pad-added", G_CALLBACK (on_pad_added), d);
  gst_bin_add (GST_BIN (pipeline), dec);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) error = NULL;

    gst_message_parse_error (msg, &error, NULL);
    g_assert_no_error (error);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
decoded_clear (Decoded *d)
{
  g_array_unref (d->frames);
  g_array_unref (d->scaled);
  g_array_unref (d->audio);
  g_mutex_clear (&d->lock);
}

static void
check_discoverer (const gchar *path, JsonObject *truth)
{
  g_autofree gchar *uri = gst_filename_to_uri (path, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstDiscoverer) disc = gst_discoverer_new (30 * GST_SECOND, &error);
  g_autoptr (GstDiscovererInfo) info = NULL;
  g_autoptr (GstDiscovererStreamInfo) top = NULL;
  g_autoptr (GstCaps) top_caps = NULL;
  const gchar *container = json_object_get_string_member (truth, "container");
  JsonObject *video = json_object_get_object_member (truth, "video");
  JsonObject *audio = json_object_get_object_member (truth, "audio");
  GList *streams;
  gint64 want, got, slack;

  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (disc, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==,
      GST_DISCOVERER_OK);

  top = gst_discoverer_info_get_stream_info (info);
  top_caps = gst_discoverer_stream_info_get_caps (top);
  if (g_str_equal (container, "mp4"))
    g_assert_true (gst_structure_has_name (gst_caps_get_structure (top_caps, 0),
        "video/quicktime"));
  else
    g_assert_true (g_str_has_suffix (gst_structure_get_name (
                                         gst_caps_get_structure (top_caps, 0)),
        "/webm"));

  streams = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (streams), ==, video ? 1 : 0);
  if (video) {
    GstDiscovererVideoInfo *v = streams->data;
    g_autoptr (GstCaps) caps =
        gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (v));
    g_autofree gchar *fps = g_strdup_printf ("%u/%u",
        gst_discoverer_video_info_get_framerate_num (v),
        gst_discoverer_video_info_get_framerate_denom (v));
    const gchar *codec = json_object_get_string_member (video, "codec");

    g_assert_true (gst_structure_has_name (gst_caps_get_structure (caps, 0),
        g_str_equal (codec, "h264") ? "video/x-h264" : "video/x-vp9"));
    g_assert_cmpuint (gst_discoverer_video_info_get_width (v), ==,
        json_object_get_int_member (video, "width"));
    g_assert_cmpuint (gst_discoverer_video_info_get_height (v), ==,
        json_object_get_int_member (video, "height"));
    g_assert_cmpstr (fps, ==, json_object_get_string_member (video, "fps"));
  }
  gst_discoverer_stream_info_list_free (streams);

  streams = gst_discoverer_info_get_audio_streams (info);
  g_assert_cmpuint (g_list_length (streams), ==, audio ? 1 : 0);
  if (audio) {
    GstDiscovererAudioInfo *a = streams->data;
    g_autoptr (GstCaps) caps =
        gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (a));
    const gchar *codec = json_object_get_string_member (audio, "codec");
    GstStructure *s = gst_caps_get_structure (caps, 0);

    if (g_str_equal (codec, "aac")) {
      gint version = 0;

      g_assert_true (gst_structure_has_name (s, "audio/mpeg"));
      g_assert_true (gst_structure_get_int (s, "mpegversion", &version));
      g_assert_cmpint (version, ==, 4);
    } else {
      g_assert_true (gst_structure_has_name (s, "audio/x-opus"));
    }
    g_assert_cmpuint (gst_discoverer_audio_info_get_sample_rate (a), ==,
        json_object_get_int_member (audio, "rate"));
    g_assert_cmpuint (gst_discoverer_audio_info_get_channels (a), ==,
        json_object_get_int_member (audio, "channels"));
  }
  gst_discoverer_stream_info_list_free (streams);

  /* MP4 durations are exact (the movie timescale divides both tracks);
   * WebM stores milliseconds. */
  want = rational_ns (json_object_get_string_member (truth, "duration_exact"));
  got = (gint64) gst_discoverer_info_get_duration (info);
  slack = g_str_equal (container, "mp4") ? 1 : GST_MSECOND;
  g_test_message ("duration: truth %" G_GINT64_FORMAT
                  " ns, file %" G_GINT64_FORMAT " ns",
      want, got);
  g_assert_cmpint (ABS (got - want), <=, slack);
}

static GstPadProbeReturn
on_parsed (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GArray *keyframes = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  g_autoptr (GstEvent) event =
      gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0);
  const GstSegment *segment;
  GstClockTime t;

  if (GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT))
    return GST_PAD_PROBE_OK;
  gst_event_parse_segment (event, &segment);
  t = gst_segment_to_stream_time (segment, GST_FORMAT_TIME,
      GST_BUFFER_PTS (buffer));
  g_array_append_val (keyframes, t);
  return GST_PAD_PROBE_OK;
}

static void
on_parsebin_pad (GstElement *parsebin, GstPad *pad, gpointer user_data)
{
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  GstElement *pipeline = GST_ELEMENT (gst_element_get_parent (parsebin));
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr (GstPad) sinkpad = gst_element_get_static_pad (sink, "sink");

  /* One demuxer thread feeds every sink: none may block prerolling. */
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (pipeline), sink);
  gst_pad_link (pad, sinkpad);
  gst_element_sync_state_with_parent (sink);
  if (g_str_has_prefix (gst_structure_get_name (
                            gst_caps_get_structure (caps, 0)),
          "video/"))
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_parsed, user_data,
        NULL);
  gst_object_unref (pipeline);
}

/* The encoded stream's keyframes (demuxed, not decoded) are the truth's. */
static void
check_keyframes (const gchar *path, JsonObject *truth)
{
  JsonObject *video = json_object_get_object_member (truth, "video");
  JsonArray *want = json_object_get_array_member (video, "keyframes");
  g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (GstClockTime));
  g_autoptr (GstElement) pipeline = gst_pipeline_new (NULL);
  GstElement *src = gst_element_factory_make ("filesrc", NULL);
  GstElement *parse = gst_element_factory_make ("parsebin", NULL);
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = NULL;
  gint fps_n, fps_d;

  g_assert_cmpint (sscanf (json_object_get_string_member (video, "fps"),
                       "%d/%d", &fps_n, &fps_d),
      ==, 2);
  g_object_set (src, "location", path, NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, parse, NULL);
  g_assert_true (gst_element_link (src, parse));
  g_signal_connect (parse, "pad-added", G_CALLBACK (on_parsebin_pad), got);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  g_assert_cmpint (GST_MESSAGE_TYPE (msg), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  g_test_message ("%u keyframes, truth %u", got->len,
      json_array_get_length (want));
  g_assert_cmpuint (got->len, ==, json_array_get_length (want));
  for (guint i = 0; i < got->len; i++) {
    GstClockTime t = g_array_index (got, GstClockTime, i);
    gint64 frame = (gint64) gst_util_uint64_scale_round (t, fps_n,
        GST_SECOND * (guint64) fps_d);

    g_assert_cmpint (frame, ==, json_array_get_int_element (want, i));
  }
}

static void
check_frames (GArray *frames, JsonObject *truth, gboolean exact_pts,
    const gchar *what)
{
  JsonObject *video = json_object_get_object_member (truth, "video");
  gint64 n = json_object_get_int_member (video, "frames");
  gint clip_id = (gint) json_object_get_int_member (truth, "clip_id");
  gint fps_n, fps_d;

  g_assert_cmpint (sscanf (json_object_get_string_member (video, "fps"),
                       "%d/%d", &fps_n, &fps_d),
      ==, 2);
  g_test_message ("%s: %u frames decoded, truth %" G_GINT64_FORMAT, what,
      frames->len, n);
  g_assert_cmpint (frames->len, ==, n);
  for (guint k = 0; k < frames->len; k++) {
    const DecodedFrame *f = &g_array_index (frames, DecodedFrame, k);
    GstClockTime want = gst_util_uint64_scale (k, GST_SECOND * fps_d, fps_n);

    if (f->number != (gint64) k)
      g_error ("%s: frame %u reads as %" G_GINT64_FORMAT, what, k, f->number);
    g_assert_cmpint (f->clip, ==, clip_id);
    /* qtdemux rounds sample times to the nearest nanosecond where the
     * generator (like gst_util_uint64_scale) truncates. */
    if (exact_pts)
      g_assert_cmpint (ABS ((gint64) f->pts - (gint64) want), <=, 1);
    else
      g_assert_cmpint (ABS ((gint64) f->pts - (gint64) want), <=, GST_MSECOND);
  }
}

static gdouble
rms_db (const gfloat *s, gint64 from, gint64 to)
{
  gdouble sum = 0;

  for (gint64 i = from; i < to; i++)
    sum += (gdouble) s[i] * s[i];
  return to > from && sum > 0 ? 10 * log10 (sum / (to - from)) : -HUGE_VAL;
}

static gdouble
db_amp (gdouble db)
{
  return pow (10, db / 20);
}

/* Channel 0 of what the generator made, clicks and all or without them. */
static GArray *
reference (const ReelTestMediaSpec *spec, gint64 n, gboolean clicks)
{
  g_autoptr (ReelTestMediaSpec) copy = reel_test_media_spec_copy (spec);
  g_autoptr (GstBuffer) buffer = NULL;
  GArray *mono = g_array_sized_new (FALSE, FALSE, sizeof (gfloat), n);
  GstMapInfo map;

  if (!clicks)
    copy->bpm = 0;
  buffer = reel_test_media_render_audio (copy, 0, n, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_READ);
  for (gint64 i = 0; i < n; i++)
    g_array_append_val (mono, ((const gfloat *) map.data)[i * spec->channels]);
  gst_buffer_unmap (buffer, &map);
  return mono;
}

static void
check_audio (Decoded *d, const ReelTestMediaSpec *spec, JsonObject *truth)
{
  JsonObject *audio = json_object_get_object_member (truth, "audio");
  JsonObject *beats = json_object_get_object_member (truth, "beats");
  JsonArray *silences = json_object_get_array_member (truth, "silences");
  JsonObject *loudness = json_object_get_object_member (truth, "loudness");
  gint rate = (gint) json_object_get_int_member (audio, "rate");
  gint64 n = json_object_get_int_member (audio, "samples");
  const gfloat *s = (const gfloat *) d->audio->data;
  gint64 len = d->audio->len;
  gint64 guard = (gint64) (SILENCE_GUARD * rate);

  g_test_message ("audio: %" G_GINT64_FORMAT
                  " samples decoded from %" GST_TIME_FORMAT
                  ", truth %" G_GINT64_FORMAT,
      len, GST_TIME_ARGS (d->audio_start), n);
  g_assert_cmpint (d->audio_rate, ==, rate);
  g_assert_cmpint (d->audio_channels, ==,
      json_object_get_int_member (audio, "channels"));
  /* Decoded sample i is generated sample i: the stream starts at 0 and is
   * as long as the truth (avdec_aac may round the clip at the end up by a
   * sample). */
  g_assert_cmpuint (d->audio_start, ==, 0);
  g_assert_cmpint (len, >=, n);
  g_assert_cmpint (len, <=, n + 1);

  /* The decoded sound is the generated one, sample for sample: the error
   * left is the codec's, well under the signal. */
  {
    g_autoptr (GArray) ref = reference (spec, n, TRUE);
    const gfloat *r = (const gfloat *) ref->data;
    gdouble signal = 0, noise = 0;

    for (gint64 i = 0; i < n; i++) {
      signal += (gdouble) r[i] * r[i];
      noise += ((gdouble) s[i] - r[i]) * ((gdouble) s[i] - r[i]);
    }
    g_test_message ("decoded vs generated: SNR %.1f dB",
        10 * log10 (signal / MAX (noise, 1e-20)));
    g_assert_cmpfloat (10 * log10 (signal / MAX (noise, 1e-20)), >, 15);
  }

  /* Clicks: take away everything else the generator made, then the first
   * sample over half the click level near each beat is its onset. */
  if (beats) {
    JsonArray *samples = json_object_get_array_member (beats, "samples");
    gdouble click =
        db_amp (json_object_get_double_member (beats, "level_dbfs"));
    g_autoptr (GArray) others = reference (spec, n, FALSE);
    const gfloat *o = (const gfloat *) others->data;
    gint64 worst = 0;

    for (guint i = 0; i < json_array_get_length (samples); i++) {
      gint64 at = json_array_get_int_element (samples, i);
      gint64 from = MAX (0, at - rate / 20), to = MIN (n, at + rate / 20);
      gint64 onset = -1;

      for (gint64 j = from; j < to && onset < 0; j++)
        if (fabs (s[j] - o[j]) >= 0.5 * click)
          onset = j;
      if (onset < 0 || ABS (onset - at) > rate / 1000)
        g_error ("click %u: onset at sample %" G_GINT64_FORMAT
                 ", truth %" G_GINT64_FORMAT,
            i, onset, at);
      worst = MAX (worst, ABS (onset - at));
    }
    g_test_message ("%u clicks, worst onset error %" G_GINT64_FORMAT " samples",
        json_array_get_length (samples), worst);
  }

  for (guint i = 0; i < json_array_get_length (silences); i++) {
    JsonObject *r = json_array_get_object_element (silences, i);
    gint64 a = json_object_get_int_member (r, "start_sample");
    gint64 b = MIN (json_object_get_int_member (r, "end_sample"), len);
    gdouble inner = rms_db (s, a + guard, b - guard);
    gdouble whole = rms_db (s, a, b);

    g_test_message ("silence %u: %.1f dBFS inside, %.1f dBFS edge to edge", i,
        inner, whole);
    g_assert_cmpfloat (whole, <, -60);
    g_assert_cmpfloat (inner, <, -80);
  }

  if (loudness && !json_object_get_null_member (loudness, "integrated")) {
    g_autoptr (ReelTestMediaLoudness) meter =
        reel_test_media_loudness_new (rate, d->audio_channels);
    gdouble integrated, peak;
    gdouble want = json_object_get_double_member (loudness, "integrated");

    reel_test_media_loudness_add (meter, s, len, 1);
    g_assert_true (reel_test_media_loudness_get (meter, &integrated, &peak));
    g_test_message ("loudness: %.2f LUFS decoded, truth %.2f", integrated,
        want);
    g_assert_cmpfloat_with_epsilon (integrated, want, 0.3);
  }
}

static void
test_preset (gconstpointer data)
{
  const gchar *name = data;
  g_autofree gchar *dir = make_temp_dir ();
  g_autoptr (ReelTestMediaSpec) spec =
      reel_test_media_spec_new_preset (name, NULL);
  g_autofree gchar *file = g_strdup_printf ("%s.%s", name,
      reel_test_media_spec_get_extension (spec));
  g_autofree gchar *path = g_build_filename (dir, file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) truth = NULL;
  gint64 start = g_get_monotonic_time ();
  Decoded d = { 0 };
  gboolean mp4 = spec->container == REEL_TEST_MEDIA_CONTAINER_MP4;

  g_assert_true (reel_test_media_generate (spec, path, &error));
  g_assert_no_error (error);
  g_test_message ("%s: generated in %.2f s", name,
      (g_get_monotonic_time () - start) / 1e6);
  truth = load_truth (path);
  g_assert_cmpstr (json_object_get_string_member (truth, "file"), ==, file);

  check_discoverer (path, truth);
  decode (path, &d);
  if (spec->has_video) {
    check_keyframes (path, truth);
    check_frames (d.frames, truth, mp4, "full size");
    check_frames (d.scaled, truth, mp4, "320 px wide");
  } else {
    g_assert_cmpuint (d.frames->len, ==, 0);
  }
  if (spec->has_audio)
    check_audio (&d, spec, truth);
  else
    g_assert_cmpuint (d.audio->len, ==, 0);
  decoded_clear (&d);
  remove_dir (dir);
}

/* /media/cli */

static void
test_cli (void)
{
  const gchar *tool = REEL_MAKE_TEST_MEDIA;
  g_autofree gchar *dir = make_temp_dir ();
  g_autofree gchar *out = g_build_filename (dir, "x.webm", NULL);
  g_autofree gchar *other = g_build_filename (dir, "y.mp4", NULL);
  g_autofree gchar *other_truth = reel_test_media_truth_path (other);
  g_autofree gchar *stdout_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) truth = NULL;
  gint status;
  const gchar *help[] = { tool, "--help", NULL };
  const gchar *bad[] = { tool, "--preset", "cuts-25", "--cut", "7,x", NULL };
  const gchar *make[] = { tool, "-q", "--preset", "clicks-120", "--container",
    "webm", "--fps", "29.97", "--frames", "30", "--cut", "10,20", "--dissolve",
    "none", "--silence", "0.2:0.4", "-o", out, NULL };
  const gchar *truth_only[] = { tool, "-q", "--preset", "cuts-25",
    "--truth-only", "-o", other, NULL };

  g_spawn_sync (NULL, (gchar **) help, NULL, G_SPAWN_DEFAULT, NULL, NULL,
      &stdout_text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (stdout_text, "--preset"));
  g_assert_nonnull (strstr (stdout_text, "--all"));

  g_spawn_sync (NULL, (gchar **) bad, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
      NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));

  g_spawn_sync (NULL, (gchar **) make, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
      NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  truth = load_truth (out);
  g_assert_cmpstr (json_object_get_string_member (truth, "container"), ==,
      "webm");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (truth, "video"), "fps"),
      ==, "30000/1001");
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (truth, "cuts")),
      ==, 2);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (truth, "silences")),
      ==, 1);
  g_assert_cmpint (json_object_get_int_member (truth, "clip_id"), ==, 5);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  g_spawn_sync (NULL, (gchar **) truth_only, NULL, G_SPAWN_DEFAULT, NULL, NULL,
      NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (other_truth, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  const gchar *const *names;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/media/cli", test_cli);
  /* The benchmark preset (60 s of 1080p) only with -m slow. */
  names = reel_test_media_preset_names ();
  for (guint i = 0; names[i]; i++) {
    g_autofree gchar *path = g_strdup_printf ("/media/preset/%s", names[i]);

    if (g_test_slow () || !g_str_equal (names[i], "av-1080p-60s"))
      g_test_add_data_func (path, names[i], test_preset);
  }
  return g_test_run ();
}
