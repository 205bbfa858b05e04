/* reel — reelwaveform: min/max peaks of an audio stream for waveform
 * displays. See gstreelwaveform.c. */
#pragma once

#include <gst/audio/gstaudiofilter.h>

G_BEGIN_DECLS

#define GST_TYPE_REEL_WAVEFORM (gst_reel_waveform_get_type ())
G_DECLARE_FINAL_TYPE (GstReelWaveform, gst_reel_waveform, GST, REEL_WAVEFORM,
    GstAudioFilter)

GST_ELEMENT_REGISTER_DECLARE (reelwaveform);

G_END_DECLS
