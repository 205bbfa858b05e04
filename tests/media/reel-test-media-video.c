/* reel — the picture half of the test-media generator: draws frame n of a
 * plan into an I420 frame, and reads the frame code back from any decoded
 * frame.
 *
 * A frame is its segment's look (one of eight colour-and-texture pairs, each
 * scrolling a little every frame, with a bouncing box), blended with the
 * previous look during a dissolve, and then, on top, the frame code and a
 * human-readable label. Every fill is a memset or memcpy of a precomputed
 * row, so a 1080p frame costs well under a millisecond.
 *
 * The frame code is a band across the full width of the top tenth of the
 * picture, cut into 40 equal blocks, each black (luma 16) or white (235):
 *
 *   [1 0] [24 bits frame number, MSB first] [4 bits clip id] [8 bits CRC] [0 1]
 *
 * The CRC is CRC-8 (polynomial 0x07) over the 28 payload bits, xor 0x5A so
 * that an all-black band never reads as frame 0. The reader finds the band's
 * extent from its outer white guard blocks, so it survives scaling, letter-
 * and pillar-boxing on black, and any codec at a sane bitrate. */
#include "reel-test-media-private.h"

#include <math.h>
#include <string.h>

#define LUMA_BLACK 16
#define LUMA_WHITE 235

typedef enum {
  TEXTURE_HBARS,
  TEXTURE_VBARS,
  TEXTURE_CHECKER,
  TEXTURE_DIAGONAL,
  TEXTURE_GRADIENT,
} Texture;

typedef struct {
  const gchar *name;
  guint8 a[3];   /* RGB */
  guint8 b[3];   /* RGB */
  guint8 box[3]; /* RGB */
  Texture texture;
  gint period_div; /* texture period = height / period_div */
} Look;

/* Neighbours alternate dark and bright and jump round the colour wheel, so
 * every cut changes mean luma by 60+ and hue by 90+ degrees. */
static const Look looks[REEL_TEST_MEDIA_N_LOOKS] = {
  { "red-hbars", { 210, 30, 30 }, { 110, 10, 20 }, { 240, 240, 240 },
      TEXTURE_HBARS, 6 },
  { "cyan-checker", { 60, 220, 235 }, { 235, 250, 250 }, { 20, 20, 20 },
      TEXTURE_CHECKER, 5 },
  { "navy-vbars", { 20, 35, 130 }, { 5, 5, 45 }, { 250, 200, 0 }, TEXTURE_VBARS,
      8 },
  { "yellow-diagonal", { 245, 220, 40 }, { 235, 130, 20 }, { 30, 0, 120 },
      TEXTURE_DIAGONAL, 6 },
  { "green-gradient", { 0, 60, 10 }, { 70, 190, 60 }, { 255, 255, 255 },
      TEXTURE_GRADIENT, 1 },
  { "magenta-checker", { 230, 60, 200 }, { 255, 190, 245 }, { 0, 80, 0 },
      TEXTURE_CHECKER, 9 },
  { "violet-diagonal", { 60, 10, 90 }, { 15, 0, 25 }, { 255, 120, 0 },
      TEXTURE_DIAGONAL, 4 },
  { "white-vbars", { 245, 245, 245 }, { 150, 200, 255 }, { 200, 0, 0 },
      TEXTURE_VBARS, 5 },
};

const gchar *
reel_test_media_look_name (guint look)
{
  return looks[look % REEL_TEST_MEDIA_N_LOOKS].name;
}

/* Three planes of an I420 picture, wherever they live. */
typedef struct {
  guint8 *data[3];
  gint stride[3];
  gint width[3];
  gint height[3];
} Planes;

static void
planes_from_frame (Planes *p, GstVideoFrame *frame)
{
  for (guint i = 0; i < 3; i++) {
    p->data[i] = GST_VIDEO_FRAME_COMP_DATA (frame, i);
    p->stride[i] = GST_VIDEO_FRAME_COMP_STRIDE (frame, i);
    p->width[i] = GST_VIDEO_FRAME_COMP_WIDTH (frame, i);
    p->height[i] = GST_VIDEO_FRAME_COMP_HEIGHT (frame, i);
  }
}

/* BT.709, limited range: what the caps say (colorimetry=bt709). */
static void
rgb_to_yuv (const guint8 rgb[3], guint8 yuv[3])
{
  gdouble r = rgb[0] / 255.0, g = rgb[1] / 255.0, b = rgb[2] / 255.0;
  gdouble y = 0.2126 * r + 0.7152 * g + 0.0722 * b;

  yuv[0] = (guint8) CLAMP (lround (16 + 219 * y), 16, 235);
  yuv[1] = (guint8) CLAMP (lround (128 + 224 * (b - y) / 1.8556), 16, 240);
  yuv[2] = (guint8) CLAMP (lround (128 + 224 * (r - y) / 1.5748), 16, 240);
}

static inline gint
pos_mod (gint64 a, gint m)
{
  gint r = (gint) (a % m);

  return r < 0 ? r + m : r;
}

/* Fills one plane with a texture of values va/vb; period and shift are in
 * this plane's pixels. */
static void
fill_plane (guint8 *data, gint stride, gint w, gint h, guint8 va, guint8 vb,
    Texture texture, gint period, gint64 shift)
{
  gint half = MAX (period / 2, 1);
  g_autofree guint8 *row = g_malloc (w + 2 * period + 2);
  g_autofree guint8 *inv = NULL;

  switch (texture) {
    case TEXTURE_HBARS:
      for (gint y = 0; y < h; y++)
        memset (data + (gsize) y * stride,
            ((pos_mod (y + shift, 2 * half)) / half) ? vb : va, w);
      break;
    case TEXTURE_VBARS:
      for (gint x = 0; x < w; x++)
        row[x] = (pos_mod (x + shift, 2 * half) / half) ? vb : va;
      for (gint y = 0; y < h; y++)
        memcpy (data + (gsize) y * stride, row, w);
      break;
    case TEXTURE_CHECKER:
      inv = g_malloc (w);
      for (gint x = 0; x < w; x++) {
        gboolean odd = pos_mod (x + shift, 2 * half) / half;

        row[x] = odd ? vb : va;
        inv[x] = odd ? va : vb;
      }
      for (gint y = 0; y < h; y++)
        memcpy (data + (gsize) y * stride,
            (pos_mod (y + shift, 2 * half) / half) ? inv : row, w);
      break;
    case TEXTURE_DIAGONAL:
      for (gint x = 0; x < w + 2 * half; x++)
        row[x] = ((x % (2 * half)) / half) ? vb : va;
      for (gint y = 0; y < h; y++)
        memcpy (data + (gsize) y * stride, row + pos_mod (y + shift, 2 * half),
            w);
      break;
    case TEXTURE_GRADIENT:
      for (gint y = 0; y < h; y++) {
        gint t = pos_mod (y + shift, h);

        memset (data + (gsize) y * stride, va + (vb - va) * t / MAX (h - 1, 1),
            w);
      }
      break;
  }
}

static void
fill_rect (Planes *p, gint x, gint y, gint w, gint h, const guint8 yuv[3])
{
  for (guint i = 0; i < 3; i++) {
    gint sub = i ? 2 : 1;
    gint x0 = CLAMP (x / sub, 0, p->width[i]);
    gint x1 = CLAMP ((x + w) / sub, 0, p->width[i]);
    gint y0 = CLAMP (y / sub, 0, p->height[i]);
    gint y1 = CLAMP ((y + h) / sub, 0, p->height[i]);

    for (gint yy = y0; yy < y1; yy++)
      memset (p->data[i] + (gsize) yy * p->stride[i] + x0, yuv[i], x1 - x0);
  }
}

static void
draw_look (Planes *p, guint look_index, gint64 frame)
{
  const Look *look = &looks[look_index % REEL_TEST_MEDIA_N_LOOKS];
  gint width = p->width[0], height = p->height[0];
  gint period = MAX (8, (height / look->period_div) & ~3);
  /* One period every 30 frames (the gradient: its height every 90): visible
   * motion, small differences between neighbouring frames. */
  gint64 shift = look->texture == TEXTURE_GRADIENT ? frame * height / 90
                                                   : frame * period / 30;
  guint8 a[3], b[3], box[3];
  gint side, range, speed, x;
  gint64 pos;

  rgb_to_yuv (look->a, a);
  rgb_to_yuv (look->b, b);
  rgb_to_yuv (look->box, box);
  for (guint i = 0; i < 3; i++) {
    gint sub = i ? 2 : 1;

    fill_plane (p->data[i], p->stride[i], p->width[i], p->height[i], a[i], b[i],
        look->texture, look->texture == TEXTURE_GRADIENT ? 0 : period / sub,
        shift / sub);
  }

  side = (height / 5) & ~1;
  range = width - side;
  speed = MAX (2, (width / 120) & ~1);
  pos = (frame * speed) % (2 * (gint64) range);
  x = (gint) (pos < range ? pos : 2 * range - pos) & ~1;
  fill_rect (p, x, (height / 2) & ~1, side, side, box);
}

/* 5x7 glyphs, one byte per row, bit 4 leftmost. */
static const struct {
  gchar c;
  guint8 rows[7];
} glyphs[] = {
  { '0', { 0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E } },
  { '1', { 0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E } },
  { '2', { 0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F } },
  { '3', { 0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E } },
  { '4', { 0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02 } },
  { '5', { 0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E } },
  { '6', { 0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E } },
  { '7', { 0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08 } },
  { '8', { 0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E } },
  { '9', { 0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C } },
  { 'C', { 0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E } },
  { 'F', { 0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10 } },
  { 'S', { 0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E } },
};

static const guint8 *
glyph_rows (gchar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (glyphs); i++)
    if (glyphs[i].c == c)
      return glyphs[i].rows;
  return NULL;
}

/* White text on a black box, top left under the code band. */
static void
draw_label (Planes *p, const gchar *text, gint x, gint y, gint scale)
{
  static const guint8 black[3] = { LUMA_BLACK, 128, 128 };
  gint len = (gint) strlen (text);
  gint w = (len * 6 + 1) * scale, h = 9 * scale;

  fill_rect (p, x, y, w, h, black);
  for (gint i = 0; i < len; i++) {
    const guint8 *rows = glyph_rows (text[i]);

    if (rows == NULL)
      continue;
    for (gint r = 0; r < 7; r++) {
      for (gint c = 0; c < 5; c++) {
        gint px = x + (1 + i * 6 + c) * scale, py = y + (1 + r) * scale;

        if (!(rows[r] & (0x10 >> c)))
          continue;
        for (gint yy = py; yy < MIN (py + scale, p->height[0]); yy++)
          if (px < p->width[0])
            memset (p->data[0] + (gsize) yy * p->stride[0] + px, LUMA_WHITE,
                MIN (scale, p->width[0] - px));
      }
    }
  }
}

guint8
reel_test_media_code_crc (guint32 payload)
{
  guint8 crc = 0;

  for (gint i = 27; i >= 0; i--) {
    guint bit = (payload >> i) & 1;
    guint top = (crc >> 7) & 1;

    crc = (guint8) (crc << 1);
    if (top ^ bit)
      crc ^= 0x07;
  }
  return crc ^ 0x5A;
}

static void
code_bits (gint64 frame, guint clip_id,
    gboolean bits[REEL_TEST_MEDIA_CODE_BLOCKS])
{
  guint32 payload = ((guint32) frame << 4) | (clip_id & 0xF);
  guint8 crc = reel_test_media_code_crc (payload);
  gint k = 0;

  bits[k++] = TRUE;
  bits[k++] = FALSE;
  for (gint i = 27; i >= 0; i--)
    bits[k++] = (payload >> i) & 1;
  for (gint i = 7; i >= 0; i--)
    bits[k++] = (crc >> i) & 1;
  bits[k++] = FALSE;
  bits[k++] = TRUE;
  g_assert (k == REEL_TEST_MEDIA_CODE_BLOCKS);
}

static gint
strip_height (gint height)
{
  return MAX (2,
      (height * REEL_TEST_MEDIA_STRIP_NUM / REEL_TEST_MEDIA_STRIP_DEN) & ~1);
}

static void
draw_code (Planes *p, gint64 frame, guint clip_id)
{
  gboolean bits[REEL_TEST_MEDIA_CODE_BLOCKS];
  gint width = p->width[0], strip = strip_height (p->height[0]);
  g_autofree guint8 *row = g_malloc (width);

  code_bits (frame, clip_id, bits);
  for (gint i = 0; i < REEL_TEST_MEDIA_CODE_BLOCKS; i++) {
    gint x0 = i * width / REEL_TEST_MEDIA_CODE_BLOCKS;
    gint x1 = (i + 1) * width / REEL_TEST_MEDIA_CODE_BLOCKS;

    memset (row + x0, bits[i] ? LUMA_WHITE : LUMA_BLACK, x1 - x0);
  }
  for (gint y = 0; y < strip; y++)
    memcpy (p->data[0] + (gsize) y * p->stride[0], row, width);
  for (guint i = 1; i < 3; i++)
    for (gint y = 0; y < strip / 2; y++)
      memset (p->data[i] + (gsize) y * p->stride[i], 128, p->width[i]);
}

static guint
find_segment (const ReelTestMediaPlan *plan, gint64 frame)
{
  guint i;

  for (i = 0; i + 1 < plan->segments->len; i++)
    if (frame < g_array_index (plan->segments, ReelTestMediaSegment, i + 1)
                    .start_frame)
      break;
  return i;
}

void
reel_test_media_draw_frame (const ReelTestMediaPlan *plan, gint64 frame,
    GstVideoFrame *dst)
{
  const ReelTestMediaSpec *spec = plan->spec;
  guint index = find_segment (plan, frame);
  const ReelTestMediaSegment *seg =
      &g_array_index (plan->segments, ReelTestMediaSegment, index);
  Planes p;

  planes_from_frame (&p, dst);
  draw_look (&p, seg->look, frame);

  if (seg->dissolve_length > 0
      && frame < seg->start_frame + seg->dissolve_length) {
    const ReelTestMediaSegment *prev =
        &g_array_index (plan->segments, ReelTestMediaSegment, index - 1);
    /* Weight of the incoming look, in 1/65536: (i + 1) / (length + 1). */
    guint32 w = (guint32) (((frame - seg->start_frame + 1) << 16)
                           / (seg->dissolve_length + 1));
    Planes old;
    g_autofree guint8 *mem = NULL;
    gsize offset = 0;

    for (guint i = 0; i < 3; i++) {
      old.width[i] = p.width[i];
      old.height[i] = p.height[i];
      old.stride[i] = p.width[i];
    }
    mem = g_malloc ((gsize) p.width[0] * p.height[0]
                    + 2 * (gsize) p.width[1] * p.height[1]);
    for (guint i = 0; i < 3; i++) {
      old.data[i] = mem + offset;
      offset += (gsize) old.stride[i] * old.height[i];
    }
    draw_look (&old, prev->look, frame);
    for (guint i = 0; i < 3; i++) {
      for (gint y = 0; y < p.height[i]; y++) {
        guint8 *d = p.data[i] + (gsize) y * p.stride[i];
        const guint8 *s = old.data[i] + (gsize) y * old.stride[i];

        for (gint x = 0; x < p.width[i]; x++)
          d[x] = (guint8) ((d[x] * w + s[x] * (65536 - w) + 32768) >> 16);
      }
    }
  }

  draw_code (&p, frame, spec->clip_id);
  if (spec->label) {
    gint scale = MAX (1, p.height[0] / 120);
    g_autofree gchar *text =
        g_strdup_printf ("F%06" G_GINT64_FORMAT " C%02u S%02u", frame,
            spec->clip_id, index);

    draw_label (&p, text, (p.width[0] / 32) & ~1,
        (strip_height (p.height[0]) + p.height[0] / 30) & ~1, scale);
  }
}

/* The reader. */

/* Decodes one row of luma; -1 unless every block is decisively black or
 * white, the guards are right and the CRC matches. */
static gint64
decode_row (const guint8 *luma, gint width, gint *clip_id)
{
  gint x0 = -1, x1 = -1;
  gdouble bw;
  gboolean bits[REEL_TEST_MEDIA_CODE_BLOCKS];
  guint32 payload = 0;
  guint crc = 0;
  gint k;

  for (gint x = 0; x < width; x++) {
    if (luma[x] > 128) {
      if (x0 < 0)
        x0 = x;
      x1 = x;
    }
  }
  if (x0 < 0 || x1 - x0 + 1 < 2 * REEL_TEST_MEDIA_CODE_BLOCKS)
    return -1;

  bw = (x1 + 1 - x0) / (gdouble) REEL_TEST_MEDIA_CODE_BLOCKS;
  for (gint i = 0; i < REEL_TEST_MEDIA_CODE_BLOCKS; i++) {
    gint a = x0 + (gint) floor ((i + 0.25) * bw);
    gint b = MAX (a + 1, x0 + (gint) ceil ((i + 0.75) * bw));
    guint sum = 0;
    gdouble mean;

    b = MIN (b, width);
    for (gint x = a; x < b; x++)
      sum += luma[x];
    mean = sum / (gdouble) (b - a);
    if (mean > 160)
      bits[i] = TRUE;
    else if (mean < 96)
      bits[i] = FALSE;
    else
      return -1;
  }

  if (!bits[0] || bits[1] || bits[REEL_TEST_MEDIA_CODE_BLOCKS - 2]
      || !bits[REEL_TEST_MEDIA_CODE_BLOCKS - 1])
    return -1;
  for (k = 2; k < 30; k++)
    payload = (payload << 1) | bits[k];
  for (; k < 38; k++)
    crc = (crc << 1) | bits[k];
  if (crc != reel_test_media_code_crc (payload))
    return -1;

  if (clip_id)
    *clip_id = payload & 0xF;
  return payload >> 4;
}

static gint64
read_planes (const GstVideoInfo *info, gpointer data[GST_VIDEO_MAX_PLANES],
    const gint stride[GST_VIDEO_MAX_PLANES], gint *clip_id)
{
  const GstVideoFormatInfo *finfo = info->finfo;
  gint width = GST_VIDEO_INFO_WIDTH (info);
  gint height = GST_VIDEO_INFO_HEIGHT (info);
  gboolean wide, rgb;
  g_autofree guint8 *line = NULL;
  g_autofree guint8 *luma = NULL;
  gint centre, strip;

  if (clip_id)
    *clip_id = -1;
  if (finfo == NULL || finfo->unpack_func == NULL || width <= 0 || height <= 0)
    return -1;

  wide = GST_VIDEO_FORMAT_INFO_DEPTH (gst_video_format_get_info (
                                          finfo->unpack_format),
             0)
         > 8;
  rgb = GST_VIDEO_FORMAT_INFO_IS_RGB (
      gst_video_format_get_info (finfo->unpack_format));
  line = g_malloc ((gsize) width * (wide ? 8 : 4));
  luma = g_malloc (width);

  /* The band's middle row first, then the rest of the band, then every row
   * of the picture (the picture may have been letterboxed). */
  strip =
      MAX (1, height * REEL_TEST_MEDIA_STRIP_NUM / REEL_TEST_MEDIA_STRIP_DEN);
  centre = strip / 2;
  for (gint attempt = 0; attempt < strip + height; attempt++) {
    gint y;
    gint64 number;

    if (attempt < strip)
      y = centre + ((attempt & 1) ? -1 : 1) * ((attempt + 1) / 2);
    else
      y = attempt - strip;
    if (y < 0 || y >= height || (attempt >= strip && y < strip))
      continue;

    finfo->unpack_func (finfo, GST_VIDEO_PACK_FLAG_NONE, line, data, stride, 0,
        y, width);
    for (gint x = 0; x < width; x++) {
      guint c1, c2, c3;

      if (wide) {
        const guint16 *px = (const guint16 *) (line + (gsize) x * 8);

        c1 = px[1] >> 8;
        c2 = px[2] >> 8;
        c3 = px[3] >> 8;
      } else {
        const guint8 *px = line + (gsize) x * 4;

        c1 = px[1];
        c2 = px[2];
        c3 = px[3];
      }
      luma[x] = rgb ? (guint8) ((54 * c1 + 183 * c2 + 19 * c3) >> 8) : c1;
    }
    number = decode_row (luma, width, clip_id);
    if (number >= 0)
      return number;
  }
  if (clip_id)
    *clip_id = -1;
  return -1;
}

/**
 * reel_test_media_read_frame_number_frame:
 * @frame: a mapped video frame, any format GStreamer can unpack, any size
 * @clip_id: (out) (optional): the clip id, or -1
 *
 * Reads the frame code the generator burnt into a picture.
 *
 * Returns: the frame number, or -1 when no valid code is found
 */
gint64
reel_test_media_read_frame_number_frame (const GstVideoFrame *frame,
    gint *clip_id)
{
  g_return_val_if_fail (frame != NULL, -1);

  return read_planes (&frame->info, (gpointer *) frame->data,
      frame->info.stride, clip_id);
}

/**
 * reel_test_media_read_frame_number_data:
 * @info: the layout of @data (offsets and strides are used)
 * @data: (array): the picture
 * @clip_id: (out) (optional): the clip id, or -1
 *
 * Like reel_test_media_read_frame_number_frame(), for raw memory.
 *
 * Returns: the frame number, or -1 when no valid code is found
 */
gint64
reel_test_media_read_frame_number_data (const GstVideoInfo *info,
    const guint8 *data, gint *clip_id)
{
  gpointer planes[GST_VIDEO_MAX_PLANES] = { NULL };

  g_return_val_if_fail (info != NULL, -1);
  g_return_val_if_fail (data != NULL, -1);

  for (guint i = 0; i < GST_VIDEO_INFO_N_PLANES (info); i++)
    planes[i] = (gpointer) (data + GST_VIDEO_INFO_PLANE_OFFSET (info, i));
  return read_planes (info, planes, info->stride, clip_id);
}

/**
 * reel_test_media_read_frame_number:
 * @sample: a decoded raw video sample (caps video/x-raw)
 * @clip_id: (out) (optional): the clip id, or -1
 *
 * Like reel_test_media_read_frame_number_frame(), for what an appsink
 * returns. Honours a GstVideoMeta's strides.
 *
 * Returns: the frame number, or -1 when no valid code is found or the sample
 *   is not raw video
 */
gint64
reel_test_media_read_frame_number (GstSample *sample, gint *clip_id)
{
  GstVideoInfo info;
  GstVideoFrame frame;
  GstBuffer *buffer;
  GstCaps *caps;
  gint64 number;

  g_return_val_if_fail (GST_IS_SAMPLE (sample), -1);

  if (clip_id)
    *clip_id = -1;
  buffer = gst_sample_get_buffer (sample);
  caps = gst_sample_get_caps (sample);
  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps))
    return -1;
  if (!gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ))
    return -1;
  number = reel_test_media_read_frame_number_frame (&frame, clip_id);
  gst_video_frame_unmap (&frame);
  return number;
}
