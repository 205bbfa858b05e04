/* reel — reelsilence: the silent ranges of an audio stream. See
 * gstreelsilence.c. */
#pragma once

#include <gst/audio/gstaudiofilter.h>

G_BEGIN_DECLS

#define GST_TYPE_REEL_SILENCE (gst_reel_silence_get_type ())
G_DECLARE_FINAL_TYPE (GstReelSilence, gst_reel_silence, GST, REEL_SILENCE,
    GstAudioFilter)

GST_ELEMENT_REGISTER_DECLARE (reelsilence);

G_END_DECLS
