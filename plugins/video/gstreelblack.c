/* reel — reelblack: finds black frames and ranges of them.
 *
 * A passthrough GstVideoFilter in the manner of ffmpeg's blackdetect: a
 * frame is black when enough of its pixels are dark, and a run of black
 * frames at least the minimum duration long is posted as one element
 * message. It counts pixels on a sparse grid (at most about 160 per row and
 * 90 rows per frame), with integer maths and no allocation. The reel
 * analyser `black` (reel-video.c) turns its messages into the ANALYSIS
 * document's `black` section.
 */

/**
 * SECTION:element-reelblack
 * @title: reelblack
 *
 * A pixel is dark when its luma is at most `threshold` of the way from
 * black to white (for limited-range YUV, 16 + threshold * 219; for
 * full-range YUV and RGB, threshold * 255); a frame is black when at least
 * `pixel-ratio` of its pixels are dark; a range is reported when black
 * frames follow one another for at least `min-duration` seconds.
 *
 * For each range it posts an element message named `reel-black`:
 *
 * - `start` (guint64): stream time in ns of the first black frame
 * - `end` (guint64): stream time in ns of the first frame after the range
 *   (at the end of the stream: when the last frame ends)
 * - `frames` (guint64): how many black frames the range holds
 *
 * At the end of the stream it posts one last `reel-black` message with
 * `eos` (gboolean, TRUE), `frames` (guint64, how many frames it analysed)
 * and `timestamp` (guint64, the stream time at which the last frame ended,
 * or GST_CLOCK_TIME_NONE when there was none).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m uridecodebin uri=file:///tmp/clip.mp4 ! videoconvert !
 *     videoscale ! video/x-raw,width=320 ! reelblack min-duration=0.5 !
 *     fakesink
 * ]|
 */
#include "gstreelblack.h"
#include "reel-video-features.h"

GST_DEBUG_CATEGORY_STATIC (reel_black_debug);
#define GST_CAT_DEFAULT reel_black_debug

#define DEFAULT_THRESHOLD 0.1
#define DEFAULT_MIN_DURATION 0.1
#define DEFAULT_PIXEL_RATIO 0.98
#define MAX_SAMPLES_X 160
#define MAX_SAMPLES_Y 90

enum {
  PROP_0,
  PROP_THRESHOLD,
  PROP_MIN_DURATION,
  PROP_PIXEL_RATIO,
};

struct _ReelBlack {
  GstVideoFilter parent;

  /* Properties, under the object lock. */
  gdouble threshold;
  gdouble min_duration;
  gdouble pixel_ratio;

  /* Streaming thread only: settings taken at caps time. */
  guint level;
  gdouble ratio;
  GstClockTime min_len;
  gboolean rgb;
  gint step_x;
  gint step_y;
  /* The run of black frames under way. */
  gboolean in_run;
  GstClockTime run_start;
  guint64 run_frames;
  guint64 frames;
  GstClockTime last_end;
};

G_DEFINE_TYPE (ReelBlack, reel_black, GST_TYPE_VIDEO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelblack, "reelblack", GST_RANK_NONE,
    REEL_TYPE_BLACK);

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));

static void
reel_black_end_run (ReelBlack *self, GstClockTime end)
{
  if (!self->in_run)
    return;
  self->in_run = FALSE;
  if (GST_CLOCK_TIME_IS_VALID (end) && end >= self->run_start
      && end - self->run_start >= self->min_len) {
    GstStructure *s = gst_structure_new ("reel-black", "start", G_TYPE_UINT64,
        self->run_start, "end", G_TYPE_UINT64, end, "frames", G_TYPE_UINT64,
        self->run_frames, NULL);

    GST_INFO_OBJECT (self,
        "black from %" GST_TIME_FORMAT " to %" GST_TIME_FORMAT,
        GST_TIME_ARGS (self->run_start), GST_TIME_ARGS (end));
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
  }
}

static gboolean
reel_black_set_info (GstVideoFilter *filter, GstCaps *incaps,
    GstVideoInfo *in_info, GstCaps *outcaps, GstVideoInfo *out_info)
{
  ReelBlack *self = REEL_BLACK (filter);
  gboolean full;
  gdouble threshold;

  GST_OBJECT_LOCK (self);
  threshold = self->threshold;
  self->ratio = self->pixel_ratio;
  self->min_len = (GstClockTime) (self->min_duration * GST_SECOND);
  GST_OBJECT_UNLOCK (self);

  self->rgb = GST_VIDEO_INFO_IS_RGB (in_info);
  full = self->rgb
         || GST_VIDEO_INFO_COLORIMETRY (in_info).range
                == GST_VIDEO_COLOR_RANGE_0_255;
  self->level =
      (guint) (full ? threshold * 255.0 + 0.5 : 16.0 + threshold * 219.0 + 0.5);
  self->step_x = MAX (1,
      (GST_VIDEO_INFO_WIDTH (in_info) + MAX_SAMPLES_X - 1) / MAX_SAMPLES_X);
  self->step_y = MAX (1,
      (GST_VIDEO_INFO_HEIGHT (in_info) + MAX_SAMPLES_Y - 1) / MAX_SAMPLES_Y);
  return TRUE;
}

/* The share of dark pixels among the sampled ones. */
static gdouble
reel_black_dark_share (ReelBlack *self, GstVideoFrame *frame)
{
  gint w = GST_VIDEO_FRAME_WIDTH (frame), h = GST_VIDEO_FRAME_HEIGHT (frame);
  guint n_comp = self->rgb ? 3 : 1, level = self->level;
  const guint8 *data[3];
  gint stride[3], pstride[3];
  guint64 dark = 0, total = 0;

  for (guint c = 0; c < n_comp; c++) {
    data[c] = GST_VIDEO_FRAME_COMP_DATA (frame, c);
    stride[c] = GST_VIDEO_FRAME_COMP_STRIDE (frame, c);
    pstride[c] = GST_VIDEO_FRAME_COMP_PSTRIDE (frame, c);
  }
  for (gint y = self->step_y / 2; y < h; y += self->step_y) {
    if (self->rgb) {
      const guint8 *r = data[0] + (gsize) y * stride[0];
      const guint8 *g = data[1] + (gsize) y * stride[1];
      const guint8 *b = data[2] + (gsize) y * stride[2];

      for (gint x = self->step_x / 2; x < w; x += self->step_x) {
        guint luma = (77 * r[x * pstride[0]] + 150 * g[x * pstride[1]]
                         + 29 * b[x * pstride[2]] + 128)
                     >> 8;

        dark += luma <= level;
        total++;
      }
    } else {
      const guint8 *row = data[0] + (gsize) y * stride[0];

      for (gint x = self->step_x / 2; x < w; x += self->step_x) {
        dark += row[x * pstride[0]] <= level;
        total++;
      }
    }
  }
  return total ? (gdouble) dark / total : 0.0;
}

static GstFlowReturn
reel_black_transform_frame_ip (GstVideoFilter *filter, GstVideoFrame *frame)
{
  ReelBlack *self = REEL_BLACK (filter);
  GstBaseTransform *trans = GST_BASE_TRANSFORM (filter);
  GstClockTime time =
      reel_video_frame_time (&trans->segment, frame, self->frames);
  gboolean black = reel_black_dark_share (self, frame) >= self->ratio;

  if (black) {
    if (!self->in_run) {
      self->in_run = TRUE;
      self->run_start = time;
      self->run_frames = 0;
    }
    self->run_frames++;
  } else {
    reel_black_end_run (self, time);
  }
  self->frames++;
  self->last_end = time + reel_video_frame_duration (frame);
  return GST_FLOW_OK;
}

static gboolean
reel_black_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  ReelBlack *self = REEL_BLACK (trans);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS) {
    GstStructure *s;

    reel_black_end_run (self, self->last_end);
    s = gst_structure_new ("reel-black", "eos", G_TYPE_BOOLEAN, TRUE, "frames",
        G_TYPE_UINT64, self->frames, "timestamp", G_TYPE_UINT64, self->last_end,
        NULL);
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
  }
  return GST_BASE_TRANSFORM_CLASS (reel_black_parent_class)
      ->sink_event (trans, event);
}

static gboolean
reel_black_start (GstBaseTransform *trans)
{
  ReelBlack *self = REEL_BLACK (trans);

  self->in_run = FALSE;
  self->frames = 0;
  self->last_end = GST_CLOCK_TIME_NONE;
  return TRUE;
}

static void
reel_black_set_property (GObject *object, guint prop_id, const GValue *value,
    GParamSpec *pspec)
{
  ReelBlack *self = REEL_BLACK (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      self->threshold = g_value_get_double (value);
      break;
    case PROP_MIN_DURATION:
      self->min_duration = g_value_get_double (value);
      break;
    case PROP_PIXEL_RATIO:
      self->pixel_ratio = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
reel_black_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  ReelBlack *self = REEL_BLACK (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_MIN_DURATION:
      g_value_set_double (value, self->min_duration);
      break;
    case PROP_PIXEL_RATIO:
      g_value_set_double (value, self->pixel_ratio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
reel_black_class_init (ReelBlackClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstVideoFilterClass *filter_class = GST_VIDEO_FILTER_CLASS (klass);

  GST_DEBUG_CATEGORY_INIT (reel_black_debug, "reelblack", 0,
      "reel black frames");

  gobject_class->set_property = reel_black_set_property;
  gobject_class->get_property = reel_black_get_property;

  /**
   * reelblack:threshold:
   *
   * The luma at or below which a pixel is dark, as a share of the range
   * from black to white (ffmpeg's `pix_th`).
   */
  g_object_class_install_property (gobject_class, PROP_THRESHOLD,
      g_param_spec_double ("threshold", "Threshold",
          "Luma at or below which a pixel is dark, 0..1 of the range", 0.0, 1.0,
          DEFAULT_THRESHOLD,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * reelblack:min-duration:
   *
   * The shortest run of black frames reported, in seconds (ffmpeg's `d`).
   */
  g_object_class_install_property (gobject_class, PROP_MIN_DURATION,
      g_param_spec_double ("min-duration", "Minimum duration",
          "Shortest black range reported, in seconds", 0.0, 3600.0,
          DEFAULT_MIN_DURATION,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * reelblack:pixel-ratio:
   *
   * The share of a frame's pixels that must be dark for it to be black
   * (ffmpeg's `pic_th`).
   */
  g_object_class_install_property (gobject_class, PROP_PIXEL_RATIO,
      g_param_spec_double ("pixel-ratio", "Pixel ratio",
          "Share of dark pixels that makes a frame black", 0.0, 1.0,
          DEFAULT_PIXEL_RATIO,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Black frames",
      "Filter/Analyzer/Video", "Posts the ranges of black frames",
      "reel developers");

  trans_class->start = GST_DEBUG_FUNCPTR (reel_black_start);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (reel_black_sink_event);
  trans_class->passthrough_on_same_caps = TRUE;
  filter_class->set_info = GST_DEBUG_FUNCPTR (reel_black_set_info);
  filter_class->transform_frame_ip =
      GST_DEBUG_FUNCPTR (reel_black_transform_frame_ip);
}

static void
reel_black_init (ReelBlack *self)
{
  self->threshold = DEFAULT_THRESHOLD;
  self->min_duration = DEFAULT_MIN_DURATION;
  self->pixel_ratio = DEFAULT_PIXEL_RATIO;
  self->last_end = GST_CLOCK_TIME_NONE;
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}
