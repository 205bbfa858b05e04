/* reel — the GStreamer side of the audio plugin: registers its four
 * elements (reelbeats, reelloudness, reelsilence, reelwaveform) so that
 * gst-inspect-1.0 and gst-launch-1.0 find them on GST_PLUGIN_PATH, and so
 * that the reel host, which loads libgstreelaudio.so with
 * gst_plugin_load_file() before running the reel plugin's init
 * (reel-audio.c), can insert them into the decode pass.
 *
 * The module links aubio, which is GPL-3.0-or-later, so the module as a
 * whole is distributed under the GPL (the sources themselves are
 * LGPL-2.1-or-later, like the rest of reel).
 */
#include "gstreelbeats.h"
#include "gstreelloudness.h"
#include "gstreelsilence.h"
#include "gstreelwaveform.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  gboolean ok = FALSE;

  ok |= GST_ELEMENT_REGISTER (reelbeats, plugin);
  ok |= GST_ELEMENT_REGISTER (reelloudness, plugin);
  ok |= GST_ELEMENT_REGISTER (reelsilence, plugin);
  ok |= GST_ELEMENT_REGISTER (reelwaveform, plugin);
  return ok;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, reelaudio,
    "reel's audio analysers: beats and tempo (aubio), EBU R128 loudness "
    "(libebur128), silences and waveform peaks",
    plugin_init, REEL_AUDIO_VERSION, "GPL", "reel", "https://reel.local/")
