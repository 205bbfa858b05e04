/* reel — reelscenes, the scene-change element (see gstreelscenes.c). */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>

G_BEGIN_DECLS

#define REEL_TYPE_SCENES (reel_scenes_get_type ())
G_DECLARE_FINAL_TYPE (ReelScenes, reel_scenes, REEL, SCENES, GstVideoFilter)

GST_ELEMENT_REGISTER_DECLARE (reelscenes);

G_END_DECLS
