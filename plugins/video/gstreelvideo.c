/* reel — the GStreamer side of the video plugin: registers its elements.
 *
 * The module libgstreelvideo.so is a GStreamer plugin (this file, so
 * gst-inspect-1.0 and gst-launch-1.0 find reelscenes, reelmotion,
 * reelblack and reelthumbnails on GST_PLUGIN_PATH) and a reel plugin
 * (reel-video.c, registering the analysers that use them). The reel host
 * loads the GStreamer side first, so the elements exist when the analysers
 * are registered.
 */
#include "gstreelscenes.h"
#include "gstreelmotion.h"
#include "gstreelblack.h"
#include "gstreelthumbnails.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  gboolean ok = TRUE;

  ok &= GST_ELEMENT_REGISTER (reelscenes, plugin);
  ok &= GST_ELEMENT_REGISTER (reelmotion, plugin);
  ok &= GST_ELEMENT_REGISTER (reelblack, plugin);
  ok &= GST_ELEMENT_REGISTER (reelthumbnails, plugin);
  return ok;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, reelvideo,
    "reel's video analysers: scene changes, motion, black frames, thumbnails",
    plugin_init, REEL_VIDEO_VERSION, "LGPL", "reel", "https://reel.invalid/")
