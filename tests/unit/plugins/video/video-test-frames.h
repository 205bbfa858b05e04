/* reel — synthetic frames for the video plugin's tests: flat colours,
 * textures, linear cross-fades and black, as I420 buffers with exact
 * timestamps, so each test knows exactly which frame changes what. */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>

G_BEGIN_DECLS

/* A look: two colours (Y, U, V) in bars of @period pixels (0: flat). */
typedef struct {
  guint8 a[3];
  guint8 b[3];
  gint period;
} VideoTestLook;

static const VideoTestLook video_test_dark_bars = { { 50, 110, 150 },
  { 100, 120, 140 }, 16 };
static const VideoTestLook video_test_bright_checks = { { 170, 150, 90 },
  { 225, 140, 110 }, 12 };
static const VideoTestLook video_test_flat_blue = { { 60, 180, 110 },
  { 60, 180, 110 }, 0 };
static const VideoTestLook video_test_flat_orange = { { 170, 70, 190 },
  { 170, 70, 190 }, 0 };
static const VideoTestLook video_test_black = { { 16, 128, 128 },
  { 16, 128, 128 }, 0 };

/* Pixel (x, y) of @look at frame @n (textures scroll 1 px per frame). */
static inline void
video_test_look_pixel (const VideoTestLook *look, gint x, gint y, gint64 n,
    guint8 out[3])
{
  gboolean second = FALSE;

  if (look->period > 0)
    second = ((((x + n) / look->period) + (y / look->period)) & 1) != 0;
  for (guint c = 0; c < 3; c++)
    out[c] = second ? look->b[c] : look->a[c];
}

/* An I420 frame showing @from blended with (@mix_num / @mix_den) of @to. */
static inline GstBuffer *
video_test_frame (const GstVideoInfo *info, const VideoTestLook *from,
    const VideoTestLook *to, gint mix_num, gint mix_den, gint64 n)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, info->size, NULL);
  GstVideoFrame frame;
  gint w = GST_VIDEO_INFO_WIDTH (info), h = GST_VIDEO_INFO_HEIGHT (info);

  g_assert_true (
      gst_video_frame_map (&frame, (GstVideoInfo *) info, buf, GST_MAP_WRITE));
  for (gint y = 0; y < h; y++) {
    for (gint x = 0; x < w; x++) {
      guint8 p[3], q[3], v[3];

      video_test_look_pixel (from, x, y, n, p);
      video_test_look_pixel (to, x, y, n, q);
      for (guint c = 0; c < 3; c++)
        v[c] = (guint8) ((p[c] * (mix_den - mix_num) + q[c] * mix_num
                             + mix_den / 2)
                         / mix_den);
      ((guint8 *) GST_VIDEO_FRAME_COMP_DATA (&frame,
          0))[y * GST_VIDEO_FRAME_COMP_STRIDE (&frame, 0) + x] = v[0];
      if ((x & 1) == 0 && (y & 1) == 0) {
        ((guint8 *) GST_VIDEO_FRAME_COMP_DATA (&frame,
            1))[(y / 2) * GST_VIDEO_FRAME_COMP_STRIDE (&frame, 1) + x / 2] =
            v[1];
        ((guint8 *) GST_VIDEO_FRAME_COMP_DATA (&frame,
            2))[(y / 2) * GST_VIDEO_FRAME_COMP_STRIDE (&frame, 2) + x / 2] =
            v[2];
      }
    }
  }
  gst_video_frame_unmap (&frame);
  GST_BUFFER_PTS (buf) =
      gst_util_uint64_scale (n, GST_SECOND * info->fps_d, info->fps_n);
  GST_BUFFER_DURATION (buf) =
      gst_util_uint64_scale (GST_SECOND, info->fps_d, info->fps_n);
  return buf;
}

/* One step of a clip plan: @frames frames of @look, or, when @to is set, a
 * linear cross-fade from @look to @to over @frames frames (frame i shows
 * (i + 1) / (frames + 1) of @to). */
typedef struct {
  const VideoTestLook *look;
  const VideoTestLook *to;
  gint frames;
} VideoTestStep;

/* Frame @n of a plan, or NULL past its end. */
static inline GstBuffer *
video_test_plan_frame (const GstVideoInfo *info, const VideoTestStep *plan,
    gint64 n)
{
  gint64 first = 0;

  for (const VideoTestStep *s = plan; s->look != NULL; s++) {
    if (n < first + s->frames) {
      if (s->to == NULL)
        return video_test_frame (info, s->look, s->look, 0, 1, n);
      return video_test_frame (info, s->look, s->to, (gint) (n - first) + 1,
          s->frames + 1, n);
    }
    first += s->frames;
  }
  return NULL;
}

G_END_DECLS
