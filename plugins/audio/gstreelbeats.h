/* reel — reelbeats: onsets, beats and the tempo of an audio stream, with
 * aubio. See gstreelbeats.c. */
#pragma once

#include <gst/audio/gstaudiofilter.h>

G_BEGIN_DECLS

#define GST_TYPE_REEL_BEATS (gst_reel_beats_get_type ())
G_DECLARE_FINAL_TYPE (GstReelBeats, gst_reel_beats, GST, REEL_BEATS,
    GstAudioFilter)

/**
 * GstReelBeatsMethod:
 * @GST_REEL_BEATS_METHOD_DEFAULT: aubio's default for beat tracking
 *   (spectral flux)
 * @GST_REEL_BEATS_METHOD_ENERGY: local energy
 * @GST_REEL_BEATS_METHOD_HFC: high frequency content
 * @GST_REEL_BEATS_METHOD_COMPLEX: complex domain
 * @GST_REEL_BEATS_METHOD_PHASE: phase deviation
 * @GST_REEL_BEATS_METHOD_WPHASE: weighted phase deviation
 * @GST_REEL_BEATS_METHOD_SPECDIFF: spectral difference
 * @GST_REEL_BEATS_METHOD_KL: Kullback-Leibler
 * @GST_REEL_BEATS_METHOD_MKL: modified Kullback-Leibler
 * @GST_REEL_BEATS_METHOD_SPECFLUX: spectral flux
 *
 * aubio's onset detection functions (`aubioonset --help`).
 */
typedef enum {
  GST_REEL_BEATS_METHOD_DEFAULT,
  GST_REEL_BEATS_METHOD_ENERGY,
  GST_REEL_BEATS_METHOD_HFC,
  GST_REEL_BEATS_METHOD_COMPLEX,
  GST_REEL_BEATS_METHOD_PHASE,
  GST_REEL_BEATS_METHOD_WPHASE,
  GST_REEL_BEATS_METHOD_SPECDIFF,
  GST_REEL_BEATS_METHOD_KL,
  GST_REEL_BEATS_METHOD_MKL,
  GST_REEL_BEATS_METHOD_SPECFLUX,
} GstReelBeatsMethod;

#define GST_TYPE_REEL_BEATS_METHOD (gst_reel_beats_method_get_type ())
GType gst_reel_beats_method_get_type (void);

GST_ELEMENT_REGISTER_DECLARE (reelbeats);

G_END_DECLS
