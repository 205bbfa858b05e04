/* reel — reelthumbnails, one of the video plugin's analysers (see gstreelthumbnails.c). */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>

G_BEGIN_DECLS

#define REEL_TYPE_THUMBNAILS (reel_thumbnails_get_type ())
G_DECLARE_FINAL_TYPE (ReelThumbnails, reel_thumbnails, REEL, THUMBNAILS,
    GstVideoFilter)

GST_ELEMENT_REGISTER_DECLARE (reelthumbnails);

G_END_DECLS
