/* reel — internals of the test-media generator shared by its three sources:
 * the plan (a validated spec turned into the exact integers every part uses:
 * segment boundaries, sample positions of clicks, tones and silences), the
 * picture synthesiser (reel-test-media-video.c) and the sound synthesiser
 * (reel-test-media-audio.c). The truth file and the encoder both read the
 * plan, so they cannot disagree. */
#pragma once

#include "reel-test-media.h"

#include <gst/audio/audio.h>

G_BEGIN_DECLS

#define REEL_TEST_MEDIA_N_LOOKS 8

/* The frame code's geometry: a band of N_BLOCKS blocks across the full width
 * of the top STRIP_NUM/STRIP_DEN of the picture. */
#define REEL_TEST_MEDIA_CODE_BLOCKS 40
#define REEL_TEST_MEDIA_STRIP_NUM 1
#define REEL_TEST_MEDIA_STRIP_DEN 10

/* The AAC encoder (avenc_aac) always emits 1024 samples of priming before
 * the first input sample, and mp4mux writes no edit list for it. */
#define REEL_TEST_MEDIA_AAC_PRIMING 1024

typedef struct {
  gint64 start_frame;
  gint64 end_frame; /* exclusive */
  guint look;
  gint64 dissolve_length; /* > 0: starts with a dissolve from the previous */
} ReelTestMediaSegment;

typedef struct {
  ReelTestMediaToneKind kind;
  gdouble frequency;
  gint64 start; /* samples */
  gint64 end;   /* samples, exclusive */
  gdouble level_db;
  gdouble amplitude;
  gint64 fade;
} ReelTestMediaPlanTone;

typedef struct {
  gint64 start;
  gint64 end;
} ReelTestMediaSampleRange;

typedef struct {
  ReelTestMediaSpec *spec; /* owned copy */
  GArray *segments;        /* ReelTestMediaSegment, in order */
  gint64 n_samples;        /* audio length: frames * fps_d * rate / fps_n */
  gint64 priming;          /* samples the encoder replaces at the start */
  GArray *clicks;          /* gint64: start sample of every click made */
  gint64 click_length;     /* samples */
  gdouble click_amplitude;
  gdouble background_amplitude;
  GArray *tones;    /* ReelTestMediaPlanTone */
  GArray *silences; /* ReelTestMediaSampleRange, sorted, merged */
} ReelTestMediaPlan;

ReelTestMediaPlan *
reel_test_media_plan_new (const ReelTestMediaSpec *spec, GError **error);
void reel_test_media_plan_free (ReelTestMediaPlan *plan);
gboolean
reel_test_media_plan_in_silence (const ReelTestMediaPlan *plan, gint64 sample);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelTestMediaPlan, reel_test_media_plan_free)

/* reel-test-media-video.c */
void reel_test_media_draw_frame (const ReelTestMediaPlan *plan, gint64 frame,
    GstVideoFrame *dst);
const gchar *reel_test_media_look_name (guint look);
guint8 reel_test_media_code_crc (guint32 payload);

/* reel-test-media-audio.c */
void reel_test_media_synth (const ReelTestMediaPlan *plan, gint64 first,
    gint64 count, gfloat *mono);
void reel_test_media_fill_audio (const ReelTestMediaPlan *plan, gint64 first,
    gint64 count, GstAudioFormat format, gpointer dst);
gboolean reel_test_media_measure_loudness (const ReelTestMediaPlan *plan,
    gdouble *integrated, gdouble *sample_peak);

typedef struct _ReelTestMediaLoudness ReelTestMediaLoudness;
ReelTestMediaLoudness *reel_test_media_loudness_new (gint rate, gint channels);
void reel_test_media_loudness_free (ReelTestMediaLoudness *meter);
void reel_test_media_loudness_add (ReelTestMediaLoudness *meter,
    const gfloat *mono, gsize count, gsize stride);
gboolean reel_test_media_loudness_get (const ReelTestMediaLoudness *meter,
    gdouble *integrated, gdouble *sample_peak);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelTestMediaLoudness,
    reel_test_media_loudness_free)

G_END_DECLS
