/* reel — the video plugin's frame sampler: what every analyser of the plugin
 * looks at instead of the full picture.
 *
 * A ReelVideoSampler is set up once per caps; it turns each frame (any 8-bit
 * format the elements accept) into a ReelVideoFeatures: a small grid of cell
 * means (64 columns, the rows keeping the aspect) of luma and both chroma
 * components, soft-binned histograms of them, and a few global statistics.
 * Each cell averages at most 4x4 luma and 2x2 chroma samples, so the cost per
 * frame is bounded (about 37k byte reads) whatever the frame size, uses
 * integer maths only and allocates nothing.
 *
 * Luma is on the source's own scale (limited range for YUV, full range for
 * RGB, which is converted with BT.601 integer weights); the comparisons built
 * on it are ratios and differences, which the scale barely affects.
 */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>

G_BEGIN_DECLS

#define REEL_VIDEO_GRID_W 64
#define REEL_VIDEO_GRID_MAX_H 128
#define REEL_VIDEO_GRID_MAX (REEL_VIDEO_GRID_W * REEL_VIDEO_GRID_MAX_H)
#define REEL_VIDEO_CELL_SAMPLES 4

/* Histogram bins: 16 for luma (width 16), 8 for each chroma (width 32). */
#define REEL_VIDEO_HIST_Y 16
#define REEL_VIDEO_HIST_C 8
#define REEL_VIDEO_HIST_BINS (REEL_VIDEO_HIST_Y + 2 * REEL_VIDEO_HIST_C)

/* The raw formats the elements accept: every 8-bit one they can sample. */
#define REEL_VIDEO_FORMATS                                                     \
  "{ I420, YV12, NV12, NV21, Y42B, Y444, YUY2, UYVY, GRAY8, RGBx, BGRx, "      \
  "xRGB, xBGR, RGBA, BGRA, ARGB, ABGR, RGB, BGR }"
#define REEL_VIDEO_CAPS GST_VIDEO_CAPS_MAKE (REEL_VIDEO_FORMATS)

typedef struct {
  /* Cell means, row-major, n_cells of them. */
  guint8 y[REEL_VIDEO_GRID_MAX];
  guint8 u[REEL_VIDEO_GRID_MAX];
  guint8 v[REEL_VIDEO_GRID_MAX];
  /* Soft histograms of the samples (not of the cell means, which depend on
   * how a moving texture lines up with the grid). */
  guint32 hist[REEL_VIDEO_HIST_BINS];
  /* Mean and standard deviation of the cell lumas, mean chroma distance
   * from grey (|u-128|+|v-128|)/2: all 0..255. */
  guint mean;
  guint stddev;
  guint chroma;
} ReelVideoFeatures;

typedef struct {
  GstVideoInfo info;
  gboolean rgb;
  gboolean gray;
  gint grid_w;
  gint grid_h;
  guint n_cells;
  /* The mass one frame adds to the luma and to each chroma histogram. */
  guint64 mass_y;
  guint64 mass_c;
  /* Per cell column/row: where its samples are (luma pixel coordinates). */
  guint8 n_sx[REEL_VIDEO_GRID_W];
  guint8 n_sy[REEL_VIDEO_GRID_MAX_H];
  gint sx[REEL_VIDEO_GRID_W][REEL_VIDEO_CELL_SAMPLES];
  gint sy[REEL_VIDEO_GRID_MAX_H][REEL_VIDEO_CELL_SAMPLES];
} ReelVideoSampler;

gboolean
reel_video_sampler_init (ReelVideoSampler *sampler, const GstVideoInfo *info);
void reel_video_sampler_extract (const ReelVideoSampler *sampler,
    const GstVideoFrame *frame, ReelVideoFeatures *out);

/* Differences between two frames' features (same sampler). */
guint reel_video_features_luma_diff (const ReelVideoSampler *sampler,
    const ReelVideoFeatures *a, const ReelVideoFeatures *b);
guint reel_video_features_colour_diff (const ReelVideoSampler *sampler,
    const ReelVideoFeatures *a, const ReelVideoFeatures *b);
gdouble reel_video_features_hist_diff (const ReelVideoSampler *sampler,
    const ReelVideoFeatures *a, const ReelVideoFeatures *b);

/* The stream time of @frame (its PTS when the segment is not in time; made
 * up from @count and the frame rate when it has none), its duration (from
 * the buffer or the frame rate), and the frame index at a stream time,
 * counted from the stream start (@fallback when the rate is unknown). */
GstClockTime reel_video_frame_time (const GstSegment *segment,
    const GstVideoFrame *frame, guint64 count);
GstClockTime reel_video_frame_duration (const GstVideoFrame *frame);
guint64 reel_video_frame_index (const GstVideoInfo *info, GstClockTime time,
    guint64 fallback);

G_END_DECLS
