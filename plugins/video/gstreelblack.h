/* reel — reelblack, one of the video plugin's analysers (see gstreelblack.c). */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>

G_BEGIN_DECLS

#define REEL_TYPE_BLACK (reel_black_get_type ())
G_DECLARE_FINAL_TYPE (ReelBlack, reel_black, REEL, BLACK, GstVideoFilter)

GST_ELEMENT_REGISTER_DECLARE (reelblack);

G_END_DECLS
