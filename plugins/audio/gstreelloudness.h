/* reel — reelloudness: EBU R128 loudness of an audio stream, with
 * libebur128. See gstreelloudness.c. */
#pragma once

#include <gst/audio/gstaudiofilter.h>

G_BEGIN_DECLS

#define GST_TYPE_REEL_LOUDNESS (gst_reel_loudness_get_type ())
G_DECLARE_FINAL_TYPE (GstReelLoudness, gst_reel_loudness, GST, REEL_LOUDNESS,
    GstAudioFilter)

GST_ELEMENT_REGISTER_DECLARE (reelloudness);

G_END_DECLS
