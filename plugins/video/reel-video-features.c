/* reel — the video plugin's frame sampler (see reel-video-features.h).
 *
 * Every accepted format is 8 bits per component, so one generic reader does
 * for all of them: component c of pixel (x, y) is the byte at
 * comp_data[c] + (y >> h_sub[c]) * stride[c] + (x >> w_sub[c]) * pstride[c].
 * The sample positions and their byte offsets along a row are computed once
 * per caps; only the row offsets (strides may differ between buffers) are
 * computed per frame.
 */
#include "reel-video-features.h"

#include <string.h>

/* Positions of n samples spread evenly over [start, start + span). */
static guint8
spread (gint start, gint span, gint *out, gint max)
{
  gint n = CLAMP (span, 1, max);

  for (gint k = 0; k < n; k++)
    out[k] = start + (2 * k + 1) * span / (2 * n);
  return (guint8) n;
}

/**
 * reel_video_sampler_init:
 * @sampler: the sampler to set up
 * @info: the negotiated video info (an 8-bit format of REEL_VIDEO_FORMATS)
 *
 * Returns: %FALSE when the format is not one the sampler reads
 */
gboolean
reel_video_sampler_init (ReelVideoSampler *sampler, const GstVideoInfo *info)
{
  const GstVideoFormatInfo *finfo = info->finfo;
  gint w = GST_VIDEO_INFO_WIDTH (info), h = GST_VIDEO_INFO_HEIGHT (info);

  memset (sampler, 0, sizeof (*sampler));
  if (w <= 0 || h <= 0 || GST_VIDEO_FORMAT_INFO_BITS (finfo) != 8
      || GST_VIDEO_INFO_IS_INTERLACED (info))
    return FALSE;
  for (guint c = 0; c < GST_VIDEO_FORMAT_INFO_N_COMPONENTS (finfo); c++)
    if (GST_VIDEO_FORMAT_INFO_DEPTH (finfo, c) != 8)
      return FALSE;

  sampler->info = *info;
  sampler->rgb = GST_VIDEO_FORMAT_INFO_IS_RGB (finfo);
  sampler->gray = GST_VIDEO_FORMAT_INFO_IS_GRAY (finfo);
  sampler->grid_w = MIN (REEL_VIDEO_GRID_W, w);
  sampler->grid_h = CLAMP ((gint) (((gint64) h * sampler->grid_w + w / 2) / w),
      1, MIN (REEL_VIDEO_GRID_MAX_H, h));
  sampler->n_cells = (guint) (sampler->grid_w * sampler->grid_h);

  for (gint c = 0; c < sampler->grid_w; c++) {
    gint x0 = c * w / sampler->grid_w, x1 = (c + 1) * w / sampler->grid_w;

    sampler->n_sx[c] =
        spread (x0, x1 - x0, sampler->sx[c], REEL_VIDEO_CELL_SAMPLES);
  }
  for (gint r = 0; r < sampler->grid_h; r++) {
    gint y0 = r * h / sampler->grid_h, y1 = (r + 1) * h / sampler->grid_h;

    sampler->n_sy[r] =
        spread (y0, y1 - y0, sampler->sy[r], REEL_VIDEO_CELL_SAMPLES);
  }
  /* What one frame adds to the histograms (see hist_add_y/_c). */
  for (gint r = 0; r < sampler->grid_h; r++) {
    for (gint c = 0; c < sampler->grid_w; c++) {
      guint n = (guint) sampler->n_sx[c] * sampler->n_sy[r];

      sampler->mass_y += 16 * n;
      sampler->mass_c += 32 * (sampler->rgb ? n : 4);
    }
  }
  return TRUE;
}

static inline guint
rgb_y (guint r, guint g, guint b)
{
  return (77 * r + 150 * g + 29 * b + 128) >> 8;
}

static inline guint
rgb_u (guint r, guint g, guint b)
{
  return (guint)
      CLAMP (128 + ((-43 * (gint) r - 85 * (gint) g + 128 * (gint) b) >> 8), 0,
          255);
}

static inline guint
rgb_v (guint r, guint g, guint b)
{
  return (guint)
      CLAMP (128 + ((128 * (gint) r - 107 * (gint) g - 21 * (gint) b) >> 8), 0,
          255);
}

/* Soft binning: luma bins 16 levels wide centred on 8, 24, …; chroma bins
 * 32 wide centred on 16, 48, …. A sample adds 16 (luma) or 32 (chroma),
 * split linearly between the two nearest bins, so a slow fade moves mass
 * smoothly instead of in jumps when a flat colour crosses a bin edge. */
static inline void
hist_add_y (guint32 *hist, guint y)
{
  guint p = CLAMP ((gint) y - 8, 0, 16 * (REEL_VIDEO_HIST_Y - 1));
  guint b = p >> 4, f = p & 15;

  hist[b] += 16 - f;
  if (f)
    hist[b + 1] += f;
}

static inline void
hist_add_c (guint32 *hist, guint u, guint v)
{
  guint32 *hu = hist + REEL_VIDEO_HIST_Y, *hv = hu + REEL_VIDEO_HIST_C;
  guint p, b, f;

  p = CLAMP ((gint) u - 16, 0, 32 * (REEL_VIDEO_HIST_C - 1));
  b = p >> 5;
  f = p & 31;
  hu[b] += 32 - f;
  if (f)
    hu[b + 1] += f;
  p = CLAMP ((gint) v - 16, 0, 32 * (REEL_VIDEO_HIST_C - 1));
  b = p >> 5;
  f = p & 31;
  hv[b] += 32 - f;
  if (f)
    hv[b + 1] += f;
}

/**
 * reel_video_sampler_extract:
 * @sampler: a sampler set up for @frame's format and size
 * @frame: a frame mapped for reading
 * @out: (out caller-allocates): the frame's features
 *
 * Fills @out. Allocates nothing.
 */
void
reel_video_sampler_extract (const ReelVideoSampler *sampler,
    const GstVideoFrame *frame, ReelVideoFeatures *out)
{
  const GstVideoFormatInfo *finfo = frame->info.finfo;
  guint n_comp = sampler->gray ? 1 : 3;
  const guint8 *data[3];
  gint stride[3], pstride[3], wsub[3], hsub[3];
  guint64 sum = 0, sum2 = 0, csum = 0;
  guint cell = 0;

  memset (out->hist, 0, sizeof (out->hist));
  for (guint c = 0; c < n_comp; c++) {
    data[c] = GST_VIDEO_FRAME_COMP_DATA (frame, c);
    stride[c] = GST_VIDEO_FRAME_COMP_STRIDE (frame, c);
    pstride[c] = GST_VIDEO_FRAME_COMP_PSTRIDE (frame, c);
    wsub[c] = GST_VIDEO_FORMAT_INFO_W_SUB (finfo, c);
    hsub[c] = GST_VIDEO_FORMAT_INFO_H_SUB (finfo, c);
  }

  for (gint r = 0; r < sampler->grid_h; r++) {
    const gint *sy = sampler->sy[r];
    guint ny = sampler->n_sy[r];

    for (gint col = 0; col < sampler->grid_w; col++, cell++) {
      const gint *sx = sampler->sx[col];
      guint nx = sampler->n_sx[col];
      guint acc[3] = { 0, 0, 0 }, n = nx * ny, y, u, v;

      if (sampler->rgb) {
        for (guint j = 0; j < ny; j++) {
          for (guint i = 0; i < nx; i++) {
            guint px[3];

            for (guint c = 0; c < 3; c++) {
              px[c] = data[c][(gsize) sy[j] * stride[c] + sx[i] * pstride[c]];
              acc[c] += px[c];
            }
            hist_add_y (out->hist, rgb_y (px[0], px[1], px[2]));
            hist_add_c (out->hist, rgb_u (px[0], px[1], px[2]),
                rgb_v (px[0], px[1], px[2]));
          }
        }
        acc[0] /= n;
        acc[1] /= n;
        acc[2] /= n;
        y = rgb_y (acc[0], acc[1], acc[2]);
        u = rgb_u (acc[0], acc[1], acc[2]);
        v = rgb_v (acc[0], acc[1], acc[2]);
      } else {
        for (guint j = 0; j < ny; j++) {
          const guint8 *row = data[0] + (gsize) sy[j] * stride[0];

          for (guint i = 0; i < nx; i++) {
            guint py = row[sx[i] * pstride[0]];

            acc[0] += py;
            hist_add_y (out->hist, py);
          }
        }
        y = acc[0] / n;
        if (sampler->gray) {
          u = v = 128;
          for (guint k = 0; k < 4; k++)
            hist_add_c (out->hist, 128, 128);
        } else {
          /* Two chroma samples per axis: the first and last luma ones. */
          gint cx[2] = { sx[0], sx[nx - 1] }, cy[2] = { sy[0], sy[ny - 1] };

          for (guint j = 0; j < 2; j++) {
            for (guint i = 0; i < 2; i++) {
              guint pu = data[1][(gsize) (cy[j] >> hsub[1]) * stride[1]
                                 + (cx[i] >> wsub[1]) * pstride[1]];
              guint pv = data[2][(gsize) (cy[j] >> hsub[2]) * stride[2]
                                 + (cx[i] >> wsub[2]) * pstride[2]];

              acc[1] += pu;
              acc[2] += pv;
              hist_add_c (out->hist, pu, pv);
            }
          }
          u = acc[1] / 4;
          v = acc[2] / 4;
        }
      }
      out->y[cell] = (guint8) y;
      out->u[cell] = (guint8) u;
      out->v[cell] = (guint8) v;
      sum += y;
      sum2 += y * y;
      csum += (guint) ABS ((gint) u - 128) + (guint) ABS ((gint) v - 128);
    }
  }

  out->mean = (guint) (sum / sampler->n_cells);
  {
    guint64 var = sum2 / sampler->n_cells - (guint64) out->mean * out->mean;
    guint s = 0;

    /* Integer square root: the variance is at most 255². */
    while ((guint64) (s + 1) * (s + 1) <= var)
      s++;
    out->stddev = s;
  }
  out->chroma = (guint) (csum / (2 * sampler->n_cells));
}

/**
 * reel_video_features_luma_diff:
 *
 * Returns: the mean absolute difference of the cell lumas, in 1/16 levels
 *   (0..255*16)
 */
guint
reel_video_features_luma_diff (const ReelVideoSampler *sampler,
    const ReelVideoFeatures *a, const ReelVideoFeatures *b)
{
  guint64 sum = 0;

  for (guint i = 0; i < sampler->n_cells; i++)
    sum += (guint) ABS ((gint) a->y[i] - (gint) b->y[i]);
  return (guint) (sum * 16 / sampler->n_cells);
}

/**
 * reel_video_features_colour_diff:
 *
 * Returns: the mean of (|Δu|+|Δv|)/2 over the cells, in 1/16 levels
 */
guint
reel_video_features_colour_diff (const ReelVideoSampler *sampler,
    const ReelVideoFeatures *a, const ReelVideoFeatures *b)
{
  guint64 sum = 0;

  for (guint i = 0; i < sampler->n_cells; i++)
    sum += (guint) ABS ((gint) a->u[i] - (gint) b->u[i])
           + (guint) ABS ((gint) a->v[i] - (gint) b->v[i]);
  return (guint) (sum * 8 / sampler->n_cells);
}

/**
 * reel_video_features_hist_diff:
 *
 * Returns: how much of the histograms' mass differs, 0..1: the mean of
 *   half the L1 distance of the luma histograms (weighted 2) and of each
 *   chroma's (weighted 1)
 */
gdouble
reel_video_features_hist_diff (const ReelVideoSampler *sampler,
    const ReelVideoFeatures *a, const ReelVideoFeatures *b)
{
  guint64 dy = 0, dc = 0;

  for (guint i = 0; i < REEL_VIDEO_HIST_Y; i++)
    dy += (guint) ABS ((gint64) a->hist[i] - (gint64) b->hist[i]);
  for (guint i = REEL_VIDEO_HIST_Y; i < REEL_VIDEO_HIST_BINS; i++)
    dc += (guint) ABS ((gint64) a->hist[i] - (gint64) b->hist[i]);
  /* Halved L1 over each histogram's mass (dc spans both chroma ones). */
  return (2.0 * dy / (2.0 * sampler->mass_y) + dc / (2.0 * sampler->mass_c))
         / 4.0;
}

GstClockTime
reel_video_frame_duration (const GstVideoFrame *frame)
{
  GstClockTime d = GST_BUFFER_DURATION (frame->buffer);
  gint n = GST_VIDEO_INFO_FPS_N (&frame->info);
  gint den = GST_VIDEO_INFO_FPS_D (&frame->info);

  if (GST_CLOCK_TIME_IS_VALID (d))
    return d;
  if (n > 0 && den > 0)
    return gst_util_uint64_scale (GST_SECOND, den, n);
  return 0;
}

GstClockTime
reel_video_frame_time (const GstSegment *segment, const GstVideoFrame *frame,
    guint64 count)
{
  GstClockTime pts = GST_BUFFER_PTS (frame->buffer), t;
  gint n = GST_VIDEO_INFO_FPS_N (&frame->info);
  gint den = GST_VIDEO_INFO_FPS_D (&frame->info);

  if (!GST_CLOCK_TIME_IS_VALID (pts))
    return n > 0 && den > 0
               ? gst_util_uint64_scale (count, GST_SECOND * (guint64) den, n)
               : count * (GST_SECOND / 25);
  if (segment->format != GST_FORMAT_TIME)
    return pts;
  t = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, pts);
  return GST_CLOCK_TIME_IS_VALID (t) ? t : pts;
}

guint64
reel_video_frame_index (const GstVideoInfo *info, GstClockTime time,
    guint64 fallback)
{
  if (!GST_CLOCK_TIME_IS_VALID (time) || GST_VIDEO_INFO_FPS_N (info) <= 0
      || GST_VIDEO_INFO_FPS_D (info) <= 0)
    return fallback;
  /* Rounded: containers store times to the ms or the ns. */
  return gst_util_uint64_scale_round (time, GST_VIDEO_INFO_FPS_N (info),
      GST_SECOND * (guint64) GST_VIDEO_INFO_FPS_D (info));
}
