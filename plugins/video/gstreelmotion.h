/* reel — reelmotion, one of the video plugin's analysers (see gstreelmotion.c). */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>

G_BEGIN_DECLS

#define REEL_TYPE_MOTION (reel_motion_get_type ())
G_DECLARE_FINAL_TYPE (ReelMotion, reel_motion, REEL, MOTION, GstVideoFilter)

GST_ELEMENT_REGISTER_DECLARE (reelmotion);

G_END_DECLS
