/* reel — the test-media generator's front: specs and their validation, the
 * named presets, the plan (the exact integers the picture, the sound and the
 * truth all use), the truth document, and the encoding pipeline.
 *
 * The pipeline is two appsrcs, each filling its own buffers on demand from
 * its own streaming thread (so the muxer can never starve one stream while
 * the other blocks), into the encoders and the muxer:
 *
 *   appsrc (I420) ! x264enc | vp9enc   ! mp4mux | webmmux ! filesink
 *   appsrc (F32LE | S16LE) ! avenc_aac | opusenc ! mux
 *
 * Samples go in the encoder's own format, so nothing dithers them. See
 * tests/media/README.md for what the truth file holds. */
#include "reel-test-media-private.h"

#include <gst/app/app.h>
#include <math.h>
#include <string.h>

GQuark
reel_test_media_error_quark (void)
{
  return g_quark_from_static_string ("reel-test-media-error-quark");
}

static const guint64 default_creation_time = 946684800; /* 2000-01-01 */

/* Specs */

/**
 * reel_test_media_spec_new:
 *
 * A 10 s 640x360 30 fps MP4 (H.264 + AAC, 48 kHz stereo) of one segment
 * over a 220 Hz background at -30 dBFS, no clicks, tones or silences.
 *
 * Returns: (transfer full): a new spec
 */
ReelTestMediaSpec *
reel_test_media_spec_new (void)
{
  ReelTestMediaSpec *spec = g_new0 (ReelTestMediaSpec, 1);

  spec->container = REEL_TEST_MEDIA_CONTAINER_MP4;
  spec->has_video = TRUE;
  spec->has_audio = TRUE;
  spec->width = 640;
  spec->height = 360;
  spec->fps_n = 30;
  spec->fps_d = 1;
  spec->frames = 300;
  spec->label = TRUE;
  spec->cuts = g_array_new (FALSE, FALSE, sizeof (gint64));
  spec->dissolves = g_array_new (FALSE, FALSE, sizeof (ReelTestMediaDissolve));
  spec->rate = 48000;
  spec->channels = 2;
  spec->background = REEL_TEST_MEDIA_BACKGROUND_SINE;
  spec->background_frequency = 220;
  spec->background_db = -30;
  spec->click_db = -6;
  spec->click_frequency = 1000;
  spec->tones = g_array_new (FALSE, FALSE, sizeof (ReelTestMediaTone));
  spec->silences = g_array_new (FALSE, FALSE, sizeof (ReelTestMediaRange));
  return spec;
}

static GArray *
array_copy (GArray *array)
{
  guint size = g_array_get_element_size (array);
  GArray *copy = g_array_sized_new (FALSE, FALSE, size, array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

/**
 * reel_test_media_spec_copy:
 * @spec: a spec
 *
 * Returns: (transfer full): a deep copy
 */
ReelTestMediaSpec *
reel_test_media_spec_copy (const ReelTestMediaSpec *spec)
{
  ReelTestMediaSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_memdup2 (spec, sizeof (ReelTestMediaSpec));
  copy->cuts = array_copy (spec->cuts);
  copy->dissolves = array_copy (spec->dissolves);
  copy->tones = array_copy (spec->tones);
  copy->silences = array_copy (spec->silences);
  return copy;
}

/**
 * reel_test_media_spec_free:
 * @spec: (nullable) (transfer full): a spec
 */
void
reel_test_media_spec_free (ReelTestMediaSpec *spec)
{
  if (spec == NULL)
    return;
  g_array_unref (spec->cuts);
  g_array_unref (spec->dissolves);
  g_array_unref (spec->tones);
  g_array_unref (spec->silences);
  g_free (spec);
}

/**
 * reel_test_media_spec_add_cut:
 * @spec: a spec
 * @frame: the first frame of a new segment, 1..frames-1
 *
 * Adds a hard cut: frame @frame shows the next look.
 */
void
reel_test_media_spec_add_cut (ReelTestMediaSpec *spec, gint64 frame)
{
  g_return_if_fail (spec != NULL);
  g_array_append_val (spec->cuts, frame);
}

/**
 * reel_test_media_spec_add_dissolve:
 * @spec: a spec
 * @start_frame: the first blended frame (the new segment starts here)
 * @length: how many frames blend; the new look is pure from
 *   @start_frame + @length
 *
 * Adds a cross-fade into a new segment.
 */
void
reel_test_media_spec_add_dissolve (ReelTestMediaSpec *spec, gint64 start_frame,
    gint64 length)
{
  ReelTestMediaDissolve d = { start_frame, length };

  g_return_if_fail (spec != NULL);
  g_array_append_val (spec->dissolves, d);
}

/**
 * reel_test_media_spec_add_tone:
 * @spec: a spec
 * @kind: a sine or a speech-like voice
 * @frequency: Hz (a voice's fundamental)
 * @start: seconds
 * @duration: seconds
 * @level_db: peak level, dBFS
 *
 * Adds a tone burst (mixed with everything else, under silences).
 */
void
reel_test_media_spec_add_tone (ReelTestMediaSpec *spec,
    ReelTestMediaToneKind kind, gdouble frequency, gdouble start,
    gdouble duration, gdouble level_db)
{
  ReelTestMediaTone t = { kind, frequency, start, duration, level_db };

  g_return_if_fail (spec != NULL);
  g_array_append_val (spec->tones, t);
}

/**
 * reel_test_media_spec_add_silence:
 * @spec: a spec
 * @start: seconds
 * @end: seconds (exclusive)
 *
 * Adds a range of exact digital silence, over everything else.
 */
void
reel_test_media_spec_add_silence (ReelTestMediaSpec *spec, gdouble start,
    gdouble end)
{
  ReelTestMediaRange r = { start, end };

  g_return_if_fail (spec != NULL);
  g_array_append_val (spec->silences, r);
}

/**
 * reel_test_media_spec_get_extension:
 * @spec: a spec
 *
 * Returns: the usual file extension: "mp4", "m4a" (audio-only MP4) or "webm"
 */
const gchar *
reel_test_media_spec_get_extension (const ReelTestMediaSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->container == REEL_TEST_MEDIA_CONTAINER_WEBM)
    return "webm";
  return spec->has_video ? "mp4" : "m4a";
}

/**
 * reel_test_media_spec_get_video_info:
 * @spec: a spec
 * @info: (out caller-allocates): the raw frames the generator makes (I420,
 *   BT.709, square pixels)
 */
void
reel_test_media_spec_get_video_info (const ReelTestMediaSpec *spec,
    GstVideoInfo *info)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (info != NULL);

  gst_video_info_set_format (info, GST_VIDEO_FORMAT_I420, spec->width,
      spec->height);
  GST_VIDEO_INFO_FPS_N (info) = spec->fps_n;
  GST_VIDEO_INFO_FPS_D (info) = spec->fps_d;
  GST_VIDEO_INFO_PAR_N (info) = 1;
  GST_VIDEO_INFO_PAR_D (info) = 1;
  gst_video_colorimetry_from_string (&info->colorimetry, "bt709");
}

#define INVALID(field, ...)                                                    \
  (g_set_error (error, REEL_TEST_MEDIA_ERROR,                                  \
       REEL_TEST_MEDIA_ERROR_INVALID_SPEC, field ": " __VA_ARGS__),            \
      FALSE)

static gboolean
opus_rate (gint rate)
{
  return rate == 8000 || rate == 12000 || rate == 16000 || rate == 24000
         || rate == 48000;
}

/**
 * reel_test_media_spec_validate:
 * @spec: a spec
 * @error: where to put an error naming the first wrong field
 *
 * Returns: %TRUE when the generator can make this clip
 */
gboolean
reel_test_media_spec_validate (const ReelTestMediaSpec *spec, GError **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec->container != REEL_TEST_MEDIA_CONTAINER_MP4
      && spec->container != REEL_TEST_MEDIA_CONTAINER_WEBM)
    return INVALID ("container", "must be mp4 or webm");
  if (!spec->has_video && !spec->has_audio)
    return INVALID ("video", "a clip needs video, audio or both");
  if (spec->width < 128 || spec->width > 7680 || spec->width % 2)
    return INVALID ("width", "%d must be even, 128..7680", spec->width);
  if (spec->height < 72 || spec->height > 4320 || spec->height % 2)
    return INVALID ("height", "%d must be even, 72..4320", spec->height);
  if (spec->fps_n <= 0 || spec->fps_d <= 0
      || spec->fps_n > 240 * (gint64) spec->fps_d)
    return INVALID ("fps", "%d/%d must be a positive rate up to 240",
        spec->fps_n, spec->fps_d);
  if (spec->frames < 1 || spec->frames > REEL_TEST_MEDIA_FRAME_NUMBER_MAX + 1)
    return INVALID ("frames",
        "%" G_GINT64_FORMAT " must be 1..%" G_GINT64_FORMAT, spec->frames,
        REEL_TEST_MEDIA_FRAME_NUMBER_MAX + 1);
  if (spec->clip_id > REEL_TEST_MEDIA_CLIP_ID_MAX)
    return INVALID ("clip_id", "%u must be 0..15", spec->clip_id);
  if (spec->keyframe_interval < 0)
    return INVALID ("keyframe_interval", "must not be negative");

  for (guint i = 0; i < spec->cuts->len; i++) {
    gint64 f = g_array_index (spec->cuts, gint64, i);

    if (f <= 0 || f >= spec->frames)
      return INVALID ("cuts",
          "frame %" G_GINT64_FORMAT " must be inside the "
          "clip, 1..%" G_GINT64_FORMAT,
          f, spec->frames - 1);
    for (guint j = 0; j < i; j++)
      if (g_array_index (spec->cuts, gint64, j) == f)
        return INVALID ("cuts", "frame %" G_GINT64_FORMAT " is listed twice",
            f);
  }
  for (guint i = 0; i < spec->dissolves->len; i++) {
    const ReelTestMediaDissolve *d =
        &g_array_index (spec->dissolves, ReelTestMediaDissolve, i);

    if (d->start_frame <= 0 || d->length < 1
        || d->start_frame + d->length > spec->frames)
      return INVALID ("dissolves",
          "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
          " must start after frame 0 and end by frame %" G_GINT64_FORMAT,
          d->start_frame, d->length, spec->frames);
    for (guint j = 0; j < spec->cuts->len; j++) {
      gint64 f = g_array_index (spec->cuts, gint64, j);

      if (f >= d->start_frame && f < d->start_frame + d->length)
        return INVALID ("dissolves",
            "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
            " overlaps the cut at frame %" G_GINT64_FORMAT,
            d->start_frame, d->length, f);
    }
    for (guint j = 0; j < spec->dissolves->len; j++) {
      const ReelTestMediaDissolve *o =
          &g_array_index (spec->dissolves, ReelTestMediaDissolve, j);

      if (j != i && o->start_frame >= d->start_frame
          && o->start_frame < d->start_frame + d->length)
        return INVALID ("dissolves",
            "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
            " overlaps the one at frame %" G_GINT64_FORMAT,
            d->start_frame, d->length, o->start_frame);
    }
  }

  if (spec->rate < 8000 || spec->rate > 192000)
    return INVALID ("rate", "%d must be 8000..192000", spec->rate);
  if (spec->has_audio && spec->container == REEL_TEST_MEDIA_CONTAINER_WEBM
      && !opus_rate (spec->rate))
    return INVALID ("rate",
        "%d: Opus takes 8000, 12000, 16000, 24000 or "
        "48000",
        spec->rate);
  if (spec->channels < 1 || spec->channels > 2)
    return INVALID ("channels", "%d must be 1 or 2", spec->channels);
  if (spec->background > REEL_TEST_MEDIA_BACKGROUND_NOISE)
    return INVALID ("background", "unknown kind");
  if (spec->background == REEL_TEST_MEDIA_BACKGROUND_SINE
      && (spec->background_frequency <= 0
          || spec->background_frequency >= spec->rate / 2.0))
    return INVALID ("background_frequency",
        "%g Hz must be between 0 and "
        "half the rate",
        spec->background_frequency);
  if (spec->background_db > 0)
    return INVALID ("background_db", "%g must be 0 dBFS or less",
        spec->background_db);
  if (spec->bpm < 0 || spec->bpm > 600 || isnan (spec->bpm))
    return INVALID ("bpm", "%g must be 0 (no clicks) .. 600", spec->bpm);
  if (spec->click_offset < 0)
    return INVALID ("click_offset", "must not be negative");
  if (spec->click_db > 0)
    return INVALID ("click_db", "%g must be 0 dBFS or less", spec->click_db);
  if (spec->click_frequency <= 0 || spec->click_frequency >= spec->rate / 2.0)
    return INVALID ("click_frequency",
        "%g Hz must be between 0 and half the "
        "rate",
        spec->click_frequency);

  for (guint i = 0; i < spec->tones->len; i++) {
    const ReelTestMediaTone *t =
        &g_array_index (spec->tones, ReelTestMediaTone, i);

    if (t->kind > REEL_TEST_MEDIA_TONE_VOICE)
      return INVALID ("tones", "[%u] unknown kind", i);
    if (t->frequency <= 0 || t->frequency >= spec->rate / 2.0)
      return INVALID ("tones",
          "[%u] %g Hz must be between 0 and half the "
          "rate",
          i, t->frequency);
    if (t->start < 0 || t->duration <= 0)
      return INVALID ("tones", "[%u] needs a start >= 0 and a duration > 0", i);
    if (t->level_db > 0)
      return INVALID ("tones", "[%u] %g must be 0 dBFS or less", i,
          t->level_db);
  }
  for (guint i = 0; i < spec->silences->len; i++) {
    const ReelTestMediaRange *r =
        &g_array_index (spec->silences, ReelTestMediaRange, i);

    if (r->start < 0 || r->end <= r->start)
      return INVALID ("silences", "[%u] %g..%g must have 0 <= start < end", i,
          r->start, r->end);
  }
  return TRUE;
}

/* Presets */

typedef void (*PresetFunc) (ReelTestMediaSpec *spec);

static void
add_cuts (ReelTestMediaSpec *spec, const gint64 *cuts, guint n)
{
  for (guint i = 0; i < n; i++)
    reel_test_media_spec_add_cut (spec, cuts[i]);
}

static void
preset_cuts_25 (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 40, 95, 160, 210 };

  spec->fps_n = 25;
  spec->frames = 250;
  spec->clip_id = 1;
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
}

static void
preset_cuts_2997 (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 45, 120, 181, 250 };

  spec->fps_n = 30000;
  spec->fps_d = 1001;
  spec->frames = 300;
  spec->clip_id = 2;
  spec->look = 2;
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
}

static void
preset_cuts_60 (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 90, 200, 333, 480 };

  spec->fps_n = 60;
  spec->frames = 600;
  spec->clip_id = 3;
  spec->look = 4;
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
}

static void
preset_dissolve (ReelTestMediaSpec *spec)
{
  spec->clip_id = 4;
  spec->look = 1;
  reel_test_media_spec_add_cut (spec, 90);
  reel_test_media_spec_add_dissolve (spec, 165, 30);
}

static void
preset_clicks_120 (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 60, 120, 180, 240 };

  spec->clip_id = 5;
  spec->bpm = 120;
  spec->click_offset = 0.5;
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
}

static void
preset_clicks_90 (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 75, 175 };

  spec->fps_n = 25;
  spec->frames = 250;
  spec->clip_id = 6;
  spec->look = 6;
  spec->background = REEL_TEST_MEDIA_BACKGROUND_NOISE;
  spec->background_db = -40;
  spec->bpm = 90;
  spec->click_offset = 0.25;
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
}

static void
preset_speech_silences (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 180, 330 };

  spec->frames = 450;
  spec->clip_id = 7;
  spec->look = 3;
  spec->background = REEL_TEST_MEDIA_BACKGROUND_NONE;
  reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_VOICE, 140, 0, 6,
      -16);
  reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_VOICE, 220, 6, 9,
      -18);
  reel_test_media_spec_add_silence (spec, 2.0, 2.8);
  reel_test_media_spec_add_silence (spec, 5.5, 6.0);
  reel_test_media_spec_add_silence (spec, 9.0, 10.5);
  reel_test_media_spec_add_silence (spec, 12.25, 12.75);
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
}

static void
preset_webm_vp9 (ReelTestMediaSpec *spec)
{
  spec->container = REEL_TEST_MEDIA_CONTAINER_WEBM;
  spec->clip_id = 8;
  spec->look = 5;
  spec->bpm = 120;
  spec->click_offset = 0.25;
  reel_test_media_spec_add_cut (spec, 100);
  reel_test_media_spec_add_cut (spec, 200);
  reel_test_media_spec_add_silence (spec, 4.0, 5.0);
}

static void
preset_video_only (ReelTestMediaSpec *spec)
{
  spec->has_audio = FALSE;
  spec->frames = 150;
  spec->clip_id = 9;
  reel_test_media_spec_add_cut (spec, 50);
  reel_test_media_spec_add_cut (spec, 100);
}

static void
preset_audio_only (ReelTestMediaSpec *spec)
{
  spec->has_video = FALSE;
  spec->clip_id = 10;
  spec->bpm = 100;
  spec->click_offset = 0.3;
  reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_SINE, 1000, 3.0,
      1.0, -12);
  reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_SINE, 440, 7.5, 1.0,
      -20);
  reel_test_media_spec_add_silence (spec, 6.0, 7.0);
}

static void
preset_frame_numbers_2398 (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 48, 120, 200 };

  spec->fps_n = 24000;
  spec->fps_d = 1001;
  spec->frames = 240;
  spec->clip_id = 11;
  spec->look = 7;
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
}

static void
preset_av_1080p_60s (ReelTestMediaSpec *spec)
{
  static const gint64 cuts[] = { 150, 330, 480, 690, 840, 1050, 1200, 1410,
    1560, 1710 };

  spec->width = 1920;
  spec->height = 1080;
  spec->frames = 1800;
  spec->clip_id = 12;
  spec->bpm = 120;
  spec->click_offset = 0.5;
  add_cuts (spec, cuts, G_N_ELEMENTS (cuts));
  reel_test_media_spec_add_dissolve (spec, 900, 30);
  reel_test_media_spec_add_silence (spec, 20.0, 21.0);
  reel_test_media_spec_add_silence (spec, 45.0, 46.5);
}

static void
preset_loudness_23 (ReelTestMediaSpec *spec)
{
  spec->has_video = FALSE;
  spec->frames = 600;
  spec->clip_id = 13;
  spec->background = REEL_TEST_MEDIA_BACKGROUND_NONE;
  reel_test_media_spec_add_tone (spec, REEL_TEST_MEDIA_TONE_SINE, 1000, 0, 20,
      -23);
}

static const struct {
  const gchar *name;
  PresetFunc func;
  const gchar *description;
} presets[] = {
  { "cuts-25", preset_cuts_25, "10 s, 25 fps, 4 hard cuts" },
  { "cuts-2997", preset_cuts_2997, "10.01 s, 29.97 fps, 4 hard cuts" },
  { "cuts-60", preset_cuts_60, "10 s, 60 fps, 4 hard cuts" },
  { "dissolve", preset_dissolve,
      "10 s, 30 fps, a hard cut and a 1 s dissolve" },
  { "clicks-120", preset_clicks_120,
      "10 s, clicks at 120 BPM from 0.5 s, cuts on every 4th beat" },
  { "clicks-90", preset_clicks_90,
      "10 s, 25 fps, clicks at 90 BPM from 0.25 s over -40 dBFS noise" },
  { "speech-silences", preset_speech_silences,
      "15 s of two speech-like voices with 4 exact silences" },
  { "webm-vp9", preset_webm_vp9,
      "10 s WebM (VP9 + Opus), 2 cuts, clicks at 120 BPM, a silence" },
  { "video-only", preset_video_only, "5 s MP4 without audio, 2 cuts" },
  { "audio-only", preset_audio_only,
      "10 s M4A: clicks at 100 BPM, two tone bursts, a silence" },
  { "frame-numbers-2398", preset_frame_numbers_2398,
      "10.01 s, 23.976 fps, 3 cuts" },
  { "av-1080p-60s", preset_av_1080p_60s,
      "60 s 1080p30 for benchmarks: 10 cuts, a dissolve, clicks, silences" },
  { "loudness-23", preset_loudness_23,
      "20 s M4A: stereo 1 kHz sine at -23 dBFS (-23.0 LUFS)" },
};

/**
 * reel_test_media_preset_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): every preset's name
 */
const gchar *const *
reel_test_media_preset_names (void)
{
  static const gchar **names = NULL;

  if (g_once_init_enter (&names)) {
    const gchar **list = g_new0 (const gchar *, G_N_ELEMENTS (presets) + 1);

    for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
      list[i] = presets[i].name;
    g_once_init_leave (&names, list);
  }
  return names;
}

/**
 * reel_test_media_preset_describe:
 * @name: a preset name
 *
 * Returns: (nullable): one line saying what the preset makes
 */
const gchar *
reel_test_media_preset_describe (const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].name, name) == 0)
      return presets[i].description;
  return NULL;
}

/**
 * reel_test_media_spec_new_preset:
 * @name: a name from reel_test_media_preset_names()
 * @error: where to put an error
 *
 * Returns: (transfer full) (nullable): the preset's spec
 */
ReelTestMediaSpec *
reel_test_media_spec_new_preset (const gchar *name, GError **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++) {
    if (strcmp (presets[i].name, name) == 0) {
      ReelTestMediaSpec *spec = reel_test_media_spec_new ();

      presets[i].func (spec);
      return spec;
    }
  }
  g_set_error (error, REEL_TEST_MEDIA_ERROR,
      REEL_TEST_MEDIA_ERROR_UNKNOWN_PRESET,
      "preset: no preset is called “%s” (see --list-presets)", name);
  return NULL;
}

/* The plan */

static gint
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint
compare_range (gconstpointer a, gconstpointer b)
{
  return compare_gint64 (&((const ReelTestMediaSampleRange *) a)->start,
      &((const ReelTestMediaSampleRange *) b)->start);
}

static gint64
to_sample (gdouble seconds, gint rate)
{
  return (gint64) llround (seconds * rate);
}

void
reel_test_media_plan_free (ReelTestMediaPlan *plan)
{
  if (plan == NULL)
    return;
  reel_test_media_spec_free (plan->spec);
  g_array_unref (plan->segments);
  g_array_unref (plan->clicks);
  g_array_unref (plan->tones);
  g_array_unref (plan->silences);
  g_free (plan);
}

ReelTestMediaPlan *
reel_test_media_plan_new (const ReelTestMediaSpec *spec, GError **error)
{
  g_autoptr (ReelTestMediaPlan) plan = NULL;
  g_autoptr (GArray) starts = NULL;
  ReelTestMediaSpec *s;
  gint64 rate;

  if (!reel_test_media_spec_validate (spec, error))
    return NULL;

  plan = g_new0 (ReelTestMediaPlan, 1);
  s = plan->spec = reel_test_media_spec_copy (spec);
  rate = s->rate;

  /* Segments: every cut and dissolve starts one. */
  starts = array_copy (s->cuts);
  for (guint i = 0; i < s->dissolves->len; i++)
    g_array_append_val (starts,
        g_array_index (s->dissolves, ReelTestMediaDissolve, i).start_frame);
  g_array_sort (starts, compare_gint64);
  plan->segments = g_array_new (FALSE, FALSE, sizeof (ReelTestMediaSegment));
  for (guint i = 0; i <= starts->len; i++) {
    ReelTestMediaSegment seg = { 0 };

    seg.start_frame = i == 0 ? 0 : g_array_index (starts, gint64, i - 1);
    seg.end_frame =
        i < starts->len ? g_array_index (starts, gint64, i) : s->frames;
    seg.look = (s->look + i) % REEL_TEST_MEDIA_N_LOOKS;
    for (guint j = 0; j < s->dissolves->len; j++) {
      const ReelTestMediaDissolve *d =
          &g_array_index (s->dissolves, ReelTestMediaDissolve, j);

      if (i > 0 && d->start_frame == seg.start_frame)
        seg.dissolve_length = d->length;
    }
    if (seg.dissolve_length > seg.end_frame - seg.start_frame) {
      g_set_error (error, REEL_TEST_MEDIA_ERROR,
          REEL_TEST_MEDIA_ERROR_INVALID_SPEC,
          "dissolves: %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
          " runs past the next segment at frame %" G_GINT64_FORMAT,
          seg.start_frame, seg.dissolve_length, seg.end_frame);
      return NULL;
    }
    g_array_append_val (plan->segments, seg);
  }

  /* Sound, in samples: the same duration as the picture. */
  plan->n_samples = (gint64) gst_util_uint64_scale_round (s->frames,
      (guint64) s->fps_d * rate, s->fps_n);
  plan->priming = s->has_audio && s->container == REEL_TEST_MEDIA_CONTAINER_MP4
                      ? REEL_TEST_MEDIA_AAC_PRIMING
                      : 0;
  plan->background_amplitude = s->background == REEL_TEST_MEDIA_BACKGROUND_NONE
                                   ? 0
                                   : pow (10, s->background_db / 20);
  plan->click_amplitude = pow (10, s->click_db / 20);
  plan->click_length = to_sample (0.040, rate);

  plan->clicks = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (s->bpm > 0) {
    gint64 offset = to_sample (s->click_offset, rate);

    for (gint64 k = 0;; k++) {
      gint64 at = offset + (gint64) llround (k * 60.0 * rate / s->bpm);

      if (at >= plan->n_samples)
        break;
      g_array_append_val (plan->clicks, at);
    }
  }

  plan->tones = g_array_new (FALSE, FALSE, sizeof (ReelTestMediaPlanTone));
  for (guint i = 0; i < s->tones->len; i++) {
    const ReelTestMediaTone *t =
        &g_array_index (s->tones, ReelTestMediaTone, i);
    ReelTestMediaPlanTone pt = { 0 };

    pt.kind = t->kind;
    pt.frequency = t->frequency;
    pt.start = MIN (to_sample (t->start, rate), plan->n_samples);
    pt.end = MIN (to_sample (t->start + t->duration, rate), plan->n_samples);
    pt.level_db = t->level_db;
    pt.amplitude = pow (10, t->level_db / 20);
    pt.fade = MIN (to_sample (0.005, rate), (pt.end - pt.start) / 4);
    g_array_append_val (plan->tones, pt);
  }

  plan->silences =
      g_array_new (FALSE, FALSE, sizeof (ReelTestMediaSampleRange));
  for (guint i = 0; i < s->silences->len; i++) {
    const ReelTestMediaRange *r =
        &g_array_index (s->silences, ReelTestMediaRange, i);
    ReelTestMediaSampleRange sr;

    sr.start = MIN (to_sample (r->start, rate), plan->n_samples);
    sr.end = MIN (to_sample (r->end, rate), plan->n_samples);
    if (sr.end > sr.start)
      g_array_append_val (plan->silences, sr);
  }
  g_array_sort (plan->silences, compare_range);
  for (guint i = 1; i < plan->silences->len;) {
    ReelTestMediaSampleRange *prev =
        &g_array_index (plan->silences, ReelTestMediaSampleRange, i - 1);
    ReelTestMediaSampleRange *cur =
        &g_array_index (plan->silences, ReelTestMediaSampleRange, i);

    if (cur->start <= prev->end) {
      prev->end = MAX (prev->end, cur->end);
      g_array_remove_index (plan->silences, i);
    } else {
      i++;
    }
  }

  return g_steal_pointer (&plan);
}

gboolean
reel_test_media_plan_in_silence (const ReelTestMediaPlan *plan, gint64 sample)
{
  for (guint i = 0; i < plan->silences->len; i++) {
    const ReelTestMediaSampleRange *r =
        &g_array_index (plan->silences, ReelTestMediaSampleRange, i);

    if (sample >= r->start && sample < r->end)
      return TRUE;
  }
  return FALSE;
}

/* The truth */

static GstClockTime
frame_pts (const ReelTestMediaSpec *spec, gint64 frame)
{
  return gst_util_uint64_scale (frame, GST_SECOND * spec->fps_d, spec->fps_n);
}

static gchar *
rational (gint64 num, gint64 den)
{
  gint64 a = ABS (num), b = den;

  while (b != 0) {
    gint64 t = a % b;

    a = b;
    b = t;
  }
  if (a == 0)
    a = 1;
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, num / a,
      den / a);
}

/* Times as JSON numbers rounded to the nanosecond (what GStreamer can
 * express), plus the exact rational in "<key>_exact". */
static gdouble
seconds (gint64 num, gint64 den)
{
  return (gdouble) num / den;
}

static void
add_time (JsonBuilder *b, const gchar *key, gint64 num, gint64 den)
{
  g_autofree gchar *exact_key = g_strconcat (key, "_exact", NULL);
  g_autofree gchar *exact = rational (num, den);

  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, seconds (num, den));
  json_builder_set_member_name (b, exact_key);
  json_builder_add_string_value (b, exact);
}

static void
add_frame_time (JsonBuilder *b, const ReelTestMediaSpec *spec, const gchar *key,
    gint64 frame)
{
  add_time (b, key, frame * spec->fps_d, spec->fps_n);
}

static void
add_int (JsonBuilder *b, const gchar *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_double (JsonBuilder *b, const gchar *key, gdouble value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

static void
add_string (JsonBuilder *b, const gchar *key, const gchar *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
add_null (JsonBuilder *b, const gchar *key)
{
  json_builder_set_member_name (b, key);
  json_builder_add_null_value (b);
}

static gint
keyframe_interval (const ReelTestMediaSpec *spec)
{
  if (spec->keyframe_interval > 0)
    return spec->keyframe_interval;
  return MAX (1,
      (gint) ((2 * (gint64) spec->fps_n + spec->fps_d / 2) / spec->fps_d));
}

static const gchar *
background_name (ReelTestMediaBackground background)
{
  switch (background) {
    case REEL_TEST_MEDIA_BACKGROUND_SINE:
      return "sine";
    case REEL_TEST_MEDIA_BACKGROUND_NOISE:
      return "noise";
    default:
      return "none";
  }
}

static void
build_video (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  const ReelTestMediaSpec *spec = plan->spec;
  g_autofree gchar *fps = rational (spec->fps_n, spec->fps_d);

  json_builder_begin_object (b);
  add_string (b, "codec",
      spec->container == REEL_TEST_MEDIA_CONTAINER_MP4 ? "h264" : "vp9");
  add_int (b, "width", spec->width);
  add_int (b, "height", spec->height);
  json_builder_set_member_name (b, "fps");
  json_builder_add_string_value (b, fps);
  add_double (b, "fps_value", (gdouble) spec->fps_n / spec->fps_d);
  add_int (b, "frames", spec->frames);
  add_frame_time (b, spec, "frame_duration", 1);
  add_int (b, "keyframe_interval", keyframe_interval (spec));
  json_builder_set_member_name (b, "keyframes");
  json_builder_begin_array (b);
  for (gint64 f = 0; f < spec->frames; f += keyframe_interval (spec))
    json_builder_add_int_value (b, f);
  json_builder_end_array (b);
  add_string (b, "format", "I420");
  add_string (b, "colorimetry", "bt709");

  json_builder_set_member_name (b, "frame_code");
  json_builder_begin_object (b);
  add_int (b, "blocks", REEL_TEST_MEDIA_CODE_BLOCKS);
  add_int (b, "frame_bits", 24);
  add_int (b, "clip_bits", 4);
  add_int (b, "crc_bits", 8);
  add_string (b, "band", "top 1/10 of the picture, full width");
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
build_audio (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  const ReelTestMediaSpec *spec = plan->spec;

  json_builder_begin_object (b);
  add_string (b, "codec",
      spec->container == REEL_TEST_MEDIA_CONTAINER_MP4 ? "aac" : "opus");
  add_int (b, "rate", spec->rate);
  add_int (b, "channels", spec->channels);
  add_int (b, "samples", plan->n_samples);
  add_int (b, "priming_samples", plan->priming);
  add_time (b, "priming", plan->priming, spec->rate);
  json_builder_set_member_name (b, "background");
  json_builder_begin_object (b);
  add_string (b, "kind", background_name (spec->background));
  if (spec->background == REEL_TEST_MEDIA_BACKGROUND_SINE)
    add_double (b, "frequency", spec->background_frequency);
  if (spec->background != REEL_TEST_MEDIA_BACKGROUND_NONE)
    add_double (b, "level_dbfs", spec->background_db);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
build_beats (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  const ReelTestMediaSpec *spec = plan->spec;
  g_autoptr (GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A click is a beat if its onset is heard: not under a silence, not in
   * the AAC priming. */
  for (guint i = 0; i < plan->clicks->len; i++) {
    gint64 at = g_array_index (plan->clicks, gint64, i);

    if (at >= plan->priming && !reel_test_media_plan_in_silence (plan, at))
      g_array_append_val (kept, at);
  }

  json_builder_begin_object (b);
  add_double (b, "tempo", spec->bpm);
  add_double (b, "period", 60.0 / spec->bpm);
  add_time (b, "offset", to_sample (spec->click_offset, spec->rate),
      spec->rate);
  add_double (b, "level_dbfs", spec->click_db);
  add_double (b, "frequency", spec->click_frequency);
  add_time (b, "click_duration", plan->click_length, spec->rate);
  json_builder_set_member_name (b, "times");
  json_builder_begin_array (b);
  for (guint i = 0; i < kept->len; i++)
    json_builder_add_double_value (b,
        seconds (g_array_index (kept, gint64, i), spec->rate));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "samples");
  json_builder_begin_array (b);
  for (guint i = 0; i < kept->len; i++)
    json_builder_add_int_value (b, g_array_index (kept, gint64, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
build_segments (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  const ReelTestMediaSpec *spec = plan->spec;

  json_builder_begin_array (b);
  for (guint i = 0; i < plan->segments->len; i++) {
    const ReelTestMediaSegment *seg =
        &g_array_index (plan->segments, ReelTestMediaSegment, i);

    json_builder_begin_object (b);
    add_int (b, "index", i);
    add_int (b, "start_frame", seg->start_frame);
    add_int (b, "end_frame", seg->end_frame);
    add_frame_time (b, spec, "start", seg->start_frame);
    add_frame_time (b, spec, "end", seg->end_frame);
    add_string (b, "look", reel_test_media_look_name (seg->look));
    add_string (b, "transition",
        i == 0                     ? "none"
        : seg->dissolve_length > 0 ? "dissolve"
                                   : "cut");
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static void
build_cuts (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  const ReelTestMediaSpec *spec = plan->spec;

  json_builder_begin_array (b);
  for (guint i = 1; i < plan->segments->len; i++) {
    const ReelTestMediaSegment *seg =
        &g_array_index (plan->segments, ReelTestMediaSegment, i);

    if (seg->dissolve_length > 0)
      continue;
    json_builder_begin_object (b);
    add_int (b, "frame", seg->start_frame);
    add_frame_time (b, spec, "time", seg->start_frame);
    add_int (b, "pts", frame_pts (spec, seg->start_frame));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static void
build_dissolves (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  const ReelTestMediaSpec *spec = plan->spec;

  json_builder_begin_array (b);
  for (guint i = 1; i < plan->segments->len; i++) {
    const ReelTestMediaSegment *seg =
        &g_array_index (plan->segments, ReelTestMediaSegment, i);
    gint64 end = seg->start_frame + seg->dissolve_length;

    if (seg->dissolve_length == 0)
      continue;
    json_builder_begin_object (b);
    add_int (b, "start_frame", seg->start_frame);
    add_int (b, "end_frame", end);
    add_int (b, "frames", seg->dissolve_length);
    add_frame_time (b, spec, "start", seg->start_frame);
    add_frame_time (b, spec, "end", end);
    add_string (b, "from_look",
        reel_test_media_look_name (seg->look + REEL_TEST_MEDIA_N_LOOKS - 1));
    add_string (b, "to_look", reel_test_media_look_name (seg->look));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static void
build_tones (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  gint rate = plan->spec->rate;

  json_builder_begin_array (b);
  for (guint i = 0; i < plan->tones->len; i++) {
    const ReelTestMediaPlanTone *t =
        &g_array_index (plan->tones, ReelTestMediaPlanTone, i);

    json_builder_begin_object (b);
    add_string (b, "kind",
        t->kind == REEL_TEST_MEDIA_TONE_SINE ? "sine" : "voice");
    add_double (b, "frequency", t->frequency);
    add_double (b, "level_dbfs", t->level_db);
    add_time (b, "start", t->start, rate);
    add_time (b, "end", t->end, rate);
    add_int (b, "start_sample", t->start);
    add_int (b, "end_sample", t->end);
    add_time (b, "fade", t->fade, rate);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static void
build_silences (JsonBuilder *b, const ReelTestMediaPlan *plan)
{
  gint rate = plan->spec->rate;

  json_builder_begin_array (b);
  for (guint i = 0; i < plan->silences->len; i++) {
    const ReelTestMediaSampleRange *r =
        &g_array_index (plan->silences, ReelTestMediaSampleRange, i);

    json_builder_begin_object (b);
    add_time (b, "start", r->start, rate);
    add_time (b, "end", r->end, rate);
    add_int (b, "start_sample", r->start);
    add_int (b, "end_sample", r->end);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

/**
 * reel_test_media_truth_path:
 * @output_path: where the clip goes
 *
 * Returns: (transfer full): where its truth goes: @output_path + ".truth.json"
 */
gchar *
reel_test_media_truth_path (const gchar *output_path)
{
  g_return_val_if_fail (output_path != NULL, NULL);

  return g_strconcat (output_path, ".truth.json", NULL);
}

/**
 * reel_test_media_make_truth:
 * @spec: a spec
 * @output_path: (nullable): the clip's path; only its base name is recorded
 * @error: where to put an error
 *
 * Builds the truth document without encoding anything. Same spec, same
 * document, byte for byte once serialised.
 *
 * Returns: (transfer full) (nullable): the document (a JSON object)
 */
JsonNode *
reel_test_media_make_truth (const ReelTestMediaSpec *spec,
    const gchar *output_path, GError **error)
{
  g_autoptr (ReelTestMediaPlan) plan = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree gchar *base = NULL;
  gdouble integrated, peak;

  g_return_val_if_fail (spec != NULL, NULL);

  plan = reel_test_media_plan_new (spec, error);
  if (plan == NULL)
    return NULL;

  json_builder_begin_object (b);
  add_int (b, "truth_version", 1);
  base = output_path ? g_path_get_basename (output_path) : NULL;
  if (base)
    add_string (b, "file", base);
  else
    add_null (b, "file");
  add_string (b, "container",
      spec->container == REEL_TEST_MEDIA_CONTAINER_MP4 ? "mp4" : "webm");
  add_int (b, "clip_id", spec->clip_id);
  add_frame_time (b, spec, "duration", spec->frames);

  json_builder_set_member_name (b, "video");
  if (spec->has_video)
    build_video (b, plan);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "audio");
  if (spec->has_audio)
    build_audio (b, plan);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "segments");
  build_segments (b, plan);
  json_builder_set_member_name (b, "cuts");
  build_cuts (b, plan);
  json_builder_set_member_name (b, "dissolves");
  build_dissolves (b, plan);

  json_builder_set_member_name (b, "beats");
  if (spec->has_audio && spec->bpm > 0)
    build_beats (b, plan);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "tones");
  build_tones (b, plan);
  json_builder_set_member_name (b, "silences");
  build_silences (b, plan);

  json_builder_set_member_name (b, "loudness");
  if (spec->has_audio
      && reel_test_media_measure_loudness (plan, &integrated, &peak)) {
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "integrated");
    if (isfinite (integrated))
      json_builder_add_double_value (b, round (integrated * 100) / 100);
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "sample_peak_dbfs");
    if (isfinite (peak))
      json_builder_add_double_value (b, round (peak * 100) / 100);
    else
      json_builder_add_null_value (b);
    add_string (b, "method", "BS.1770-4 of the generated PCM, before encoding");
    json_builder_end_object (b);
  } else {
    json_builder_add_null_value (b);
  }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* Raw buffers */

static GstBuffer *
make_frame (const ReelTestMediaPlan *plan, const GstVideoInfo *info,
    gint64 frame)
{
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, info->size, NULL);
  GstVideoFrame vframe;
  GstClockTime pts = frame_pts (plan->spec, frame);

  if (!gst_video_frame_map (&vframe, (GstVideoInfo *) info, buffer,
          GST_MAP_WRITE))
    g_error ("cannot map a buffer we just allocated");
  reel_test_media_draw_frame (plan, frame, &vframe);
  gst_video_frame_unmap (&vframe);

  GST_BUFFER_PTS (buffer) = pts;
  GST_BUFFER_DTS (buffer) = pts;
  GST_BUFFER_DURATION (buffer) = frame_pts (plan->spec, frame + 1) - pts;
  GST_BUFFER_OFFSET (buffer) = frame;
  GST_BUFFER_OFFSET_END (buffer) = frame + 1;
  return buffer;
}

/* @first is the index of the first generated sample; @ts_origin is the
 * sample that gets timestamp 0 (the AAC priming makes them differ). */
static GstBuffer *
make_audio (const ReelTestMediaPlan *plan, GstAudioFormat format, gint64 first,
    gint64 count, gint64 ts_origin)
{
  gint width = format == GST_AUDIO_FORMAT_F32LE ? 4 : 2;
  gint rate = plan->spec->rate;
  GstBuffer *buffer = gst_buffer_new_allocate (NULL,
      (gsize) count * plan->spec->channels * width, NULL);
  GstMapInfo map;
  GstClockTime pts;

  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  reel_test_media_fill_audio (plan, first, count, format, map.data);
  gst_buffer_unmap (buffer, &map);

  pts = gst_util_uint64_scale (first - ts_origin, GST_SECOND, rate);
  GST_BUFFER_PTS (buffer) = pts;
  GST_BUFFER_DTS (buffer) = pts;
  GST_BUFFER_DURATION (buffer) =
      gst_util_uint64_scale (first - ts_origin + count, GST_SECOND, rate) - pts;
  GST_BUFFER_OFFSET (buffer) = first - ts_origin;
  GST_BUFFER_OFFSET_END (buffer) = first - ts_origin + count;
  return buffer;
}

/**
 * reel_test_media_render_frame:
 * @spec: a spec
 * @frame: a frame number, 0..frames-1
 * @error: where to put an error
 *
 * Draws one frame exactly as the generator feeds it to the encoder (I420,
 * see reel_test_media_spec_get_video_info()), timestamped; for element
 * tests that want raw frames without an encode and decode.
 *
 * Returns: (transfer full) (nullable): the frame
 */
GstBuffer *
reel_test_media_render_frame (const ReelTestMediaSpec *spec, gint64 frame,
    GError **error)
{
  g_autoptr (ReelTestMediaPlan) plan = NULL;
  GstVideoInfo info;

  g_return_val_if_fail (spec != NULL, NULL);

  plan = reel_test_media_plan_new (spec, error);
  if (plan == NULL)
    return NULL;
  if (frame < 0 || frame >= spec->frames) {
    g_set_error (error, REEL_TEST_MEDIA_ERROR,
        REEL_TEST_MEDIA_ERROR_INVALID_SPEC,
        "frame: %" G_GINT64_FORMAT " is outside the clip (0..%" G_GINT64_FORMAT
        ")",
        frame, spec->frames - 1);
    return NULL;
  }
  reel_test_media_spec_get_video_info (spec, &info);
  return make_frame (plan, &info, frame);
}

/**
 * reel_test_media_render_audio:
 * @spec: a spec
 * @first_sample: the first sample
 * @n_samples: how many samples (per channel)
 * @error: where to put an error
 *
 * Computes interleaved F32LE samples exactly as the generator makes them
 * (timestamp @first_sample / rate). The first priming_samples of an MP4
 * clip are zero here: the encoder replaces them.
 *
 * Returns: (transfer full) (nullable): the samples
 */
GstBuffer *
reel_test_media_render_audio (const ReelTestMediaSpec *spec,
    gint64 first_sample, gint64 n_samples, GError **error)
{
  g_autoptr (ReelTestMediaPlan) plan = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (first_sample >= 0 && n_samples >= 0, NULL);

  plan = reel_test_media_plan_new (spec, error);
  if (plan == NULL)
    return NULL;
  return make_audio (plan, GST_AUDIO_FORMAT_F32LE, first_sample, n_samples, 0);
}

/* Encoding */

typedef struct {
  ReelTestMediaPlan *plan;
  GstVideoInfo vinfo;
  gint64 next_frame;
  GstAudioFormat aformat;
  gint64 next_sample;
  gboolean video_done;
  gboolean audio_done;
} Generator;

static void
video_need_data (GstAppSrc *src, guint length, gpointer user_data)
{
  Generator *gen = user_data;

  if (gen->video_done)
    return;
  if (gen->next_frame >= gen->plan->spec->frames) {
    gen->video_done = TRUE;
    gst_app_src_end_of_stream (src);
    return;
  }
  gst_app_src_push_buffer (src,
      make_frame (gen->plan, &gen->vinfo, gen->next_frame++));
}

static void
audio_need_data (GstAppSrc *src, guint length, gpointer user_data)
{
  Generator *gen = user_data;
  gint64 count;

  if (gen->audio_done)
    return;
  if (gen->next_sample >= gen->plan->n_samples) {
    gen->audio_done = TRUE;
    gst_app_src_end_of_stream (src);
    return;
  }
  count = MIN (1024, gen->plan->n_samples - gen->next_sample);
  gst_app_src_push_buffer (src,
      make_audio (gen->plan, gen->aformat, gen->next_sample, count,
          gen->plan->priming));
  gen->next_sample += count;
}

/* Sets a property from text, whatever its type (x264enc, vp9enc and
 * avenc_aac disagree on int, uint and int64). */
G_GNUC_PRINTF (3, 4)
static void
set_arg (GstElement *element, const gchar *name, const gchar *format, ...)
{
  g_autofree gchar *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  gst_util_set_object_arg (G_OBJECT (element), name, value);
}

static GstElement *
add_element (GstBin *bin, const gchar *factory, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL) {
    g_set_error (error, REEL_TEST_MEDIA_ERROR,
        REEL_TEST_MEDIA_ERROR_MISSING_ELEMENT,
        "GStreamer element “%s” is missing: install gstreamer1.0-plugins-"
        "good, -bad, -ugly and gstreamer1.0-libav",
        factory);
    return NULL;
  }
  gst_bin_add (bin, element);
  return element;
}

static gboolean
link_elements (GstElement *a, GstElement *b, GError **error)
{
  if (gst_element_link (a, b))
    return TRUE;
  g_set_error (error, REEL_TEST_MEDIA_ERROR, REEL_TEST_MEDIA_ERROR_PIPELINE,
      "cannot link %s to %s", GST_ELEMENT_NAME (a), GST_ELEMENT_NAME (b));
  return FALSE;
}

static guint64
lcm (guint64 a, guint64 b)
{
  guint64 x = a, y = b;

  while (y) {
    guint64 t = x % y;

    x = y;
    y = t;
  }
  return a / x * b;
}

/* Asks the encoder for a keyframe on every keyframe_interval-th frame, so
 * the truth can list them: encoders left alone add keyframes where their
 * scene detection says, which no truth could predict. */
static GstPadProbeReturn
force_keyframes (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  const ReelTestMediaSpec *spec = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  guint64 frame = GST_BUFFER_OFFSET (buffer);
  gint gop = keyframe_interval (spec);

  /* Running time "none": the very next frame, this one. (A time would be
   * compared with x264enc's running times, which GstVideoEncoder offsets
   * by its min-pts of 1000 hours, and ignored.) */
  if (frame % gop == 0) {
    g_autoptr (GstPad) peer = gst_pad_get_peer (pad);

    gst_pad_send_event (peer,
        gst_video_event_new_downstream_force_key_unit (GST_CLOCK_TIME_NONE,
            GST_CLOCK_TIME_NONE, GST_CLOCK_TIME_NONE, TRUE,
            (guint) (frame / gop)));
  }
  return GST_PAD_PROBE_OK;
}

static GstElement *
make_video_encoder (GstBin *bin, const ReelTestMediaSpec *spec, GError **error)
{
  GstElement *enc;

  if (spec->container == REEL_TEST_MEDIA_CONTAINER_MP4) {
    enc = add_element (bin, "x264enc", error);
    if (enc == NULL)
      return NULL;
    /* veryfast keeps B-frames (so MP4 edit lists and composition offsets
     * are exercised, like real camera files) at ~350 fps for 360p and ~65
     * for 1080p on two cores. Without a bitrate: constant quality (CRF 23).
     * Keyframes only where force_keyframes() asks: no scene-cut ones. */
    set_arg (enc, "speed-preset", "veryfast");
    set_arg (enc, "key-int-max", "%" G_GINT64_FORMAT, spec->frames + 1);
    set_arg (enc, "option-string", "scenecut=0");
    if (spec->video_bitrate > 0) {
      set_arg (enc, "bitrate", "%u", spec->video_bitrate);
    } else {
      set_arg (enc, "pass", "qual");
      set_arg (enc, "quantizer", "23");
    }
  } else {
    gint64 bitrate = spec->video_bitrate > 0
                         ? spec->video_bitrate * 1000
                         : MAX (200000, (gint64) spec->width * spec->height
                                            * spec->fps_n / spec->fps_d / 10);

    enc = add_element (bin, "vp9enc", error);
    if (enc == NULL)
      return NULL;
    set_arg (enc, "deadline", "1");
    set_arg (enc, "cpu-used", "8");
    set_arg (enc, "end-usage", "cbr");
    set_arg (enc, "target-bitrate", "%" G_GINT64_FORMAT,
        MIN (bitrate, G_MAXINT));
    /* In VBR, libvpx adds keyframes at cuts even with automatic placement
     * off; in CBR without look-ahead it places only force_keyframes()'s. */
    set_arg (enc, "keyframe-mode", "disabled");
    set_arg (enc, "lag-in-frames", "0");
    set_arg (enc, "threads", "2");
    set_arg (enc, "row-mt", "true");
  }
  return enc;
}

static GstElement *
make_audio_encoder (GstBin *bin, const ReelTestMediaSpec *spec, GError **error)
{
  GstElement *enc;

  if (spec->container == REEL_TEST_MEDIA_CONTAINER_MP4) {
    enc = add_element (bin, "avenc_aac", error);
    /* No perceptual noise substitution: it keeps noise's loudness and
     * waveform far from the input (+1.6 LU on -40 dBFS white noise). */
    if (enc) {
      set_arg (enc, "bitrate", "%d", 64000 * spec->channels);
      set_arg (enc, "aac-pns", "false");
    }
  } else {
    enc = add_element (bin, "opusenc", error);
    if (enc)
      set_arg (enc, "bitrate", "%d", 48000 * spec->channels);
  }
  return enc;
}

static GstElement *
make_muxer (GstBin *bin, const ReelTestMediaPlan *plan, GError **error)
{
  const ReelTestMediaSpec *spec = plan->spec;
  GstElement *mux;

  if (spec->container == REEL_TEST_MEDIA_CONTAINER_MP4) {
    guint64 timescale = spec->has_video ? (guint64) spec->fps_n : 1;

    mux = add_element (bin, "mp4mux", error);
    if (mux == NULL)
      return NULL;
    /* A movie timescale both tracks' durations are whole numbers of, so
     * the container duration is exact rather than rounded to 1 ms. */
    if (spec->has_audio)
      timescale = lcm (timescale, spec->rate);
    if (timescale <= G_MAXUINT32)
      set_arg (mux, "movie-timescale", "%" G_GUINT64_FORMAT, timescale);
  } else {
    g_autoptr (GDateTime) when =
        g_date_time_new_from_unix_utc (default_creation_time);
    GParamSpec *pspec;

    mux = add_element (bin, "webmmux", error);
    if (mux == NULL)
      return NULL;
    pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (mux),
        "creation-time");

    /* A fixed date instead of now: same spec, same bytes. */
    if (pspec && G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_DATE_TIME)
      g_object_set (mux, "creation-time", when, NULL);
    g_object_set (mux, "writing-app", "reel-make-test-media", NULL);
  }
  return mux;
}

static gboolean
build_pipeline (GstPipeline *pipeline, Generator *gen, const gchar *path,
    GError **error)
{
  const ReelTestMediaSpec *spec = gen->plan->spec;
  GstBin *bin = GST_BIN (pipeline);
  GstElement *mux, *sink;

  mux = make_muxer (bin, gen->plan, error);
  if (mux == NULL)
    return FALSE;
  sink = add_element (bin, "filesink", error);
  if (sink == NULL)
    return FALSE;
  g_object_set (sink, "location", path, NULL);
  if (!link_elements (mux, sink, error))
    return FALSE;

  if (spec->has_video) {
    GstAppSrcCallbacks callbacks = { .need_data = video_need_data };
    g_autoptr (GstCaps) caps = NULL;
    g_autoptr (GstPad) pad = NULL;
    GstElement *src, *queue, *enc;

    reel_test_media_spec_get_video_info (spec, &gen->vinfo);
    caps = gst_video_info_to_caps (&gen->vinfo);
    src = add_element (bin, "appsrc", error);
    queue = src ? add_element (bin, "queue", error) : NULL;
    enc = queue ? make_video_encoder (bin, spec, error) : NULL;
    if (enc == NULL)
      return FALSE;
    g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "max-bytes",
        (guint64) gen->vinfo.size * 2, NULL);
    gst_app_src_set_callbacks (GST_APP_SRC (src), &callbacks, gen, NULL);
    if (!link_elements (src, queue, error) || !link_elements (queue, enc, error)
        || !link_elements (enc, mux, error))
      return FALSE;
    pad = gst_element_get_static_pad (queue, "src");
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, force_keyframes,
        gen->plan->spec, NULL);
  }

  if (spec->has_audio) {
    GstAppSrcCallbacks callbacks = { .need_data = audio_need_data };
    g_autoptr (GstCaps) caps = NULL;
    GstAudioInfo ainfo;
    GstElement *src, *enc;

    gen->aformat = spec->container == REEL_TEST_MEDIA_CONTAINER_MP4
                       ? GST_AUDIO_FORMAT_F32LE
                       : GST_AUDIO_FORMAT_S16LE;
    gen->next_sample = gen->plan->priming;
    gst_audio_info_set_format (&ainfo, gen->aformat, spec->rate, spec->channels,
        NULL);
    caps = gst_audio_info_to_caps (&ainfo);
    src = add_element (bin, "appsrc", error);
    enc = src ? make_audio_encoder (bin, spec, error) : NULL;
    if (enc == NULL)
      return FALSE;
    g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, NULL);
    gst_app_src_set_callbacks (GST_APP_SRC (src), &callbacks, gen, NULL);
    if (!link_elements (src, enc, error) || !link_elements (enc, mux, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
run_pipeline (GstElement *pipeline, GError **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = NULL;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING)
      == GST_STATE_CHANGE_FAILURE) {
    g_set_error (error, REEL_TEST_MEDIA_ERROR, REEL_TEST_MEDIA_ERROR_PIPELINE,
        "the encoding pipeline would not start");
    return FALSE;
  }
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) gst_error = NULL;
    g_autofree gchar *debug = NULL;

    gst_message_parse_error (msg, &gst_error, &debug);
    g_set_error (error, REEL_TEST_MEDIA_ERROR, REEL_TEST_MEDIA_ERROR_PIPELINE,
        "%s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)),
        gst_error->message, debug ? debug : "no details");
    return FALSE;
  }
  return TRUE;
}

/**
 * reel_test_media_generate:
 * @spec: what to make
 * @output_path: where to write the clip; the truth goes to
 *   reel_test_media_truth_path (@output_path)
 * @error: where to put an error
 *
 * Synthesises, encodes and writes a clip and its truth. Blocks until done;
 * needs gst_init() first.
 *
 * Returns: %TRUE on success
 */
gboolean
reel_test_media_generate (const ReelTestMediaSpec *spec,
    const gchar *output_path, GError **error)
{
  g_autoptr (JsonNode) truth = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autofree gchar *truth_path = NULL;
  g_autofree gchar *text = NULL;
  g_autoptr (JsonGenerator) json = NULL;
  g_autoptr (GError) write_error = NULL;
  Generator gen = { NULL };
  gboolean ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (output_path != NULL, FALSE);

  truth = reel_test_media_make_truth (spec, output_path, error);
  if (truth == NULL)
    return FALSE;

  gen.plan = reel_test_media_plan_new (spec, error);
  if (gen.plan == NULL)
    return FALSE;
  pipeline = gst_object_ref_sink (gst_pipeline_new ("reel-test-media"));
  ok = build_pipeline (GST_PIPELINE (pipeline), &gen, output_path, error)
       && run_pipeline (pipeline, error);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  reel_test_media_plan_free (gen.plan);
  if (!ok)
    return FALSE;

  json = json_generator_new ();
  json_generator_set_pretty (json, TRUE);
  json_generator_set_root (json, truth);
  text = json_generator_to_data (json, NULL);
  truth_path = reel_test_media_truth_path (output_path);
  if (!g_file_set_contents (truth_path, text, -1, &write_error)) {
    g_set_error (error, REEL_TEST_MEDIA_ERROR, REEL_TEST_MEDIA_ERROR_WRITE,
        "truth: %s", write_error->message);
    return FALSE;
  }
  return TRUE;
}
