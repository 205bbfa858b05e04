/* reel — the deterministic test-media generator (tests only, never installed).
 *
 * Later tests (scene cuts, beats, loudness, silences, frame-exact trims) need
 * clips whose contents are known exactly. A ReelTestMediaSpec describes one:
 * container and codecs, picture size and rate, hard cuts and dissolves
 * between strongly different looks, and an audio track of clicks, tone
 * bursts, a background and exact digital silences. reel_test_media_generate()
 * synthesises every frame and sample itself, encodes them with GStreamer and
 * writes a `.truth.json` beside the clip whose numbers come from the same
 * integers the generator used, never from measuring the output.
 *
 * Every frame carries a burnt-in code (its frame number and a clip id) that
 * reel_test_media_read_frame_number() reads back from a decoded, possibly
 * scaled frame, so a test can tell which source frame of which clip each
 * rendered frame came from. See tests/media/README.md. */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define REEL_TEST_MEDIA_ERROR (reel_test_media_error_quark ())
GQuark reel_test_media_error_quark (void);

/**
 * ReelTestMediaError:
 * @REEL_TEST_MEDIA_ERROR_INVALID_SPEC: a spec field is out of range; the
 *   message names the field
 * @REEL_TEST_MEDIA_ERROR_UNKNOWN_PRESET: no preset has that name
 * @REEL_TEST_MEDIA_ERROR_MISSING_ELEMENT: a GStreamer element is not installed
 * @REEL_TEST_MEDIA_ERROR_PIPELINE: encoding failed
 * @REEL_TEST_MEDIA_ERROR_WRITE: the truth file could not be written
 */
typedef enum {
  REEL_TEST_MEDIA_ERROR_INVALID_SPEC,
  REEL_TEST_MEDIA_ERROR_UNKNOWN_PRESET,
  REEL_TEST_MEDIA_ERROR_MISSING_ELEMENT,
  REEL_TEST_MEDIA_ERROR_PIPELINE,
  REEL_TEST_MEDIA_ERROR_WRITE,
} ReelTestMediaError;

/**
 * ReelTestMediaContainer:
 * @REEL_TEST_MEDIA_CONTAINER_MP4: H.264 (x264enc) and AAC (avenc_aac) in MP4
 * @REEL_TEST_MEDIA_CONTAINER_WEBM: VP9 (vp9enc) and Opus (opusenc) in WebM
 */
typedef enum {
  REEL_TEST_MEDIA_CONTAINER_MP4,
  REEL_TEST_MEDIA_CONTAINER_WEBM,
} ReelTestMediaContainer;

/**
 * ReelTestMediaToneKind:
 * @REEL_TEST_MEDIA_TONE_SINE: a sine at the frequency, 5 ms raised-cosine
 *   fades; its peak is exactly the level
 * @REEL_TEST_MEDIA_TONE_VOICE: a speech-like buzz: ten harmonics of a
 *   fundamental with 3 Hz vibrato and a 4 syllables-per-second envelope; the
 *   level is an upper bound of its peak
 */
typedef enum {
  REEL_TEST_MEDIA_TONE_SINE,
  REEL_TEST_MEDIA_TONE_VOICE,
} ReelTestMediaToneKind;

/**
 * ReelTestMediaBackground:
 * @REEL_TEST_MEDIA_BACKGROUND_NONE: digital silence under everything
 * @REEL_TEST_MEDIA_BACKGROUND_SINE: a steady sine (frequency, peak level)
 * @REEL_TEST_MEDIA_BACKGROUND_NOISE: white noise, uniform, peak level
 */
typedef enum {
  REEL_TEST_MEDIA_BACKGROUND_NONE,
  REEL_TEST_MEDIA_BACKGROUND_SINE,
  REEL_TEST_MEDIA_BACKGROUND_NOISE,
} ReelTestMediaBackground;

/**
 * ReelTestMediaTone:
 * @kind: sine or voice
 * @frequency: Hz (the fundamental for a voice)
 * @start: seconds; rounded to the nearest sample
 * @duration: seconds; the end is rounded to the nearest sample
 * @level_db: peak level in dBFS
 */
typedef struct {
  ReelTestMediaToneKind kind;
  gdouble frequency;
  gdouble start;
  gdouble duration;
  gdouble level_db;
} ReelTestMediaTone;

/**
 * ReelTestMediaDissolve:
 * @start_frame: the first blended frame; the incoming segment begins here
 * @length: how many frames are blended; frame @start_frame + i shows
 *   (i + 1) / (@length + 1) of the incoming look
 */
typedef struct {
  gint64 start_frame;
  gint64 length;
} ReelTestMediaDissolve;

/**
 * ReelTestMediaRange:
 * @start: seconds, rounded to the nearest sample
 * @end: seconds, rounded to the nearest sample (exclusive)
 */
typedef struct {
  gdouble start;
  gdouble end;
} ReelTestMediaRange;

/**
 * ReelTestMediaSpec:
 *
 * What to generate. Make one with reel_test_media_spec_new() (defaults) or
 * reel_test_media_spec_new_preset(), change fields freely, and free it with
 * reel_test_media_spec_free(). The arrays belong to the spec.
 */
typedef struct {
  ReelTestMediaContainer container;
  gboolean has_video;
  gboolean has_audio;

  /* Picture: even sizes, at least 128x72. */
  gint width;
  gint height;
  gint fps_n;
  gint fps_d;
  /* The duration, in frames, also for audio-only clips (at fps_n/fps_d). */
  gint64 frames;
  /* Burnt into every frame's code, 0..15. */
  guint clip_id;
  /* The look (colour and texture) of the first segment, 0..7; segment i
   * gets look (look + i) % 8, so neighbours always differ. */
  guint look;
  /* gint64: frames where a new segment starts with a hard cut. */
  GArray *cuts;
  /* ReelTestMediaDissolve: segments that start with a cross-fade. */
  GArray *dissolves;
  /* Video bitrate in kbit/s; 0 encodes at constant quality instead. */
  guint video_bitrate;
  /* Frames between keyframes; 0 means two seconds. */
  gint keyframe_interval;
  /* Draw the human-readable frame number too. */
  gboolean label;

  /* Sound: 8000..96000 Hz (WebM/Opus: 8, 12, 16, 24 or 48 kHz), 1 or 2
   * channels, every channel the same. */
  gint rate;
  gint channels;
  ReelTestMediaBackground background;
  gdouble background_frequency;
  gdouble background_db;
  /* Clicks: 0 BPM for none. Click k starts at sample
   * round (offset * rate) + round (k * 60 * rate / bpm). */
  gdouble bpm;
  gdouble click_offset;
  gdouble click_db;
  gdouble click_frequency;
  /* ReelTestMediaTone */
  GArray *tones;
  /* ReelTestMediaRange: exact digital silence, over everything else. */
  GArray *silences;
} ReelTestMediaSpec;

ReelTestMediaSpec *reel_test_media_spec_new (void) G_GNUC_WARN_UNUSED_RESULT;
ReelTestMediaSpec *reel_test_media_spec_new_preset (const gchar *name,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
ReelTestMediaSpec *reel_test_media_spec_copy (
    const ReelTestMediaSpec *spec) G_GNUC_WARN_UNUSED_RESULT;
void reel_test_media_spec_free (ReelTestMediaSpec *spec);

void reel_test_media_spec_add_cut (ReelTestMediaSpec *spec, gint64 frame);
void reel_test_media_spec_add_dissolve (ReelTestMediaSpec *spec,
    gint64 start_frame, gint64 length);
void reel_test_media_spec_add_tone (ReelTestMediaSpec *spec,
    ReelTestMediaToneKind kind, gdouble frequency, gdouble start,
    gdouble duration, gdouble level_db);
void reel_test_media_spec_add_silence (ReelTestMediaSpec *spec, gdouble start,
    gdouble end);

gboolean
reel_test_media_spec_validate (const ReelTestMediaSpec *spec, GError **error);
const gchar *reel_test_media_spec_get_extension (const ReelTestMediaSpec *spec);
void reel_test_media_spec_get_video_info (const ReelTestMediaSpec *spec,
    GstVideoInfo *info);

const gchar *const *reel_test_media_preset_names (void);
const gchar *reel_test_media_preset_describe (const gchar *name);

gchar *
reel_test_media_truth_path (const gchar *output_path) G_GNUC_WARN_UNUSED_RESULT;
JsonNode *reel_test_media_make_truth (const ReelTestMediaSpec *spec,
    const gchar *output_path, GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean reel_test_media_generate (const ReelTestMediaSpec *spec,
    const gchar *output_path, GError **error);

GstBuffer *reel_test_media_render_frame (const ReelTestMediaSpec *spec,
    gint64 frame, GError **error) G_GNUC_WARN_UNUSED_RESULT;
GstBuffer *reel_test_media_render_audio (const ReelTestMediaSpec *spec,
    gint64 first_sample, gint64 n_samples,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* The frame code: 24 bits of frame number, 4 of clip id, a CRC-8. */
#define REEL_TEST_MEDIA_FRAME_NUMBER_MAX ((G_GINT64_CONSTANT (1) << 24) - 1)
#define REEL_TEST_MEDIA_CLIP_ID_MAX 15

gint64 reel_test_media_read_frame_number (GstSample *sample, gint *clip_id);
gint64 reel_test_media_read_frame_number_data (const GstVideoInfo *info,
    const guint8 *data, gint *clip_id);
gint64 reel_test_media_read_frame_number_frame (const GstVideoFrame *frame,
    gint *clip_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelTestMediaSpec, reel_test_media_spec_free)

G_END_DECLS
