/* reel — reelmotion: how much the picture moves, second by second.
 *
 * A passthrough GstVideoFilter that compares each frame with the previous
 * one on the plugin's 64-column luma grid (reel-video-features.c) and posts
 * one element message per second of media. The reel analyser `motion`
 * (reel-video.c) turns them into the ANALYSIS document's `motion` series.
 */

/**
 * SECTION:element-reelmotion
 * @title: reelmotion
 *
 * Measures activity: for every pair of consecutive frames, the mean
 * absolute difference d of their luma (0..255) on a 64-column grid of cell
 * means. For each second of media [k, k+1) it posts
 *
 *   value = min (1, mean (d) * fps / 30 / 32)
 *
 * i.e. the mean change per 1/30 s, with 32 levels (an eighth of the range,
 * fast camera motion) counting as full activity. A still picture scores 0;
 * slowly moving texture about 0.1–0.2; a cut adds its one large difference
 * to its second's mean.
 *
 * Messages, named `reel-motion`, one per second that had frames:
 *
 * - `timestamp` (guint64): stream time in ns of the start of that second
 * - `duration` (guint64): ns; one second except for a last, shorter one
 * - `value` (gdouble): the activity, 0..1
 * - `frames` (guint): how many frames of that second were compared
 *
 * At the end of the stream it posts one last `reel-motion` message with
 * `eos` (gboolean, TRUE), `frames` (guint64, how many frames it analysed)
 * and `timestamp` (guint64, the stream time at which the last frame ended,
 * or GST_CLOCK_TIME_NONE when there was none).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m uridecodebin uri=file:///tmp/clip.mp4 ! videoconvert !
 *     videoscale ! video/x-raw,width=320 ! reelmotion ! fakesink
 * ]|
 */
#include "gstreelmotion.h"
#include "reel-video-features.h"

GST_DEBUG_CATEGORY_STATIC (reel_motion_debug);
#define GST_CAT_DEFAULT reel_motion_debug

struct _ReelMotion {
  GstVideoFilter parent;

  /* Streaming thread only. */
  ReelVideoSampler sampler;
  gboolean configured;
  ReelVideoFeatures *feat[2];
  gboolean have_prev;
  gdouble fps;
  guint64 frames;
  GstClockTime last_end;
  /* The second being summed. */
  guint64 second;
  gboolean in_second;
  gdouble sum;
  guint pairs;
};

G_DEFINE_TYPE (ReelMotion, reel_motion, GST_TYPE_VIDEO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelmotion, "reelmotion", GST_RANK_NONE,
    REEL_TYPE_MOTION);

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));

static void
reel_motion_post_second (ReelMotion *self, GstClockTime end)
{
  GstClockTime start = self->second * GST_SECOND;
  GstClockTime duration = GST_SECOND;
  gdouble value = 0.0;
  GstStructure *s;

  if (!self->in_second)
    return;
  if (GST_CLOCK_TIME_IS_VALID (end) && end > start && end - start < duration)
    duration = end - start;
  if (self->pairs > 0)
    value = MIN (1.0, self->sum / self->pairs * self->fps / 30.0 / 32.0);
  s = gst_structure_new ("reel-motion", "timestamp", G_TYPE_UINT64, start,
      "duration", G_TYPE_UINT64, duration, "value", G_TYPE_DOUBLE, value,
      "frames", G_TYPE_UINT, self->pairs, NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
  self->in_second = FALSE;
  self->sum = 0.0;
  self->pairs = 0;
}

static gboolean
reel_motion_set_info (GstVideoFilter *filter, GstCaps *incaps,
    GstVideoInfo *in_info, GstCaps *outcaps, GstVideoInfo *out_info)
{
  ReelMotion *self = REEL_MOTION (filter);

  self->configured = reel_video_sampler_init (&self->sampler, in_info);
  if (!self->configured) {
    GST_ERROR_OBJECT (self, "cannot read frames of %" GST_PTR_FORMAT, incaps);
    return FALSE;
  }
  self->fps = 30.0;
  if (GST_VIDEO_INFO_FPS_N (in_info) > 0 && GST_VIDEO_INFO_FPS_D (in_info) > 0)
    self->fps = (gdouble) GST_VIDEO_INFO_FPS_N (in_info)
                / GST_VIDEO_INFO_FPS_D (in_info);
  self->have_prev = FALSE;
  return TRUE;
}

static GstFlowReturn
reel_motion_transform_frame_ip (GstVideoFilter *filter, GstVideoFrame *frame)
{
  ReelMotion *self = REEL_MOTION (filter);
  GstBaseTransform *trans = GST_BASE_TRANSFORM (filter);
  GstClockTime time =
      reel_video_frame_time (&trans->segment, frame, self->frames);
  guint64 second = time / GST_SECOND;
  ReelVideoFeatures *tmp;

  reel_video_sampler_extract (&self->sampler, frame, self->feat[1]);
  if (self->in_second && second != self->second)
    reel_motion_post_second (self, time);
  if (!self->in_second) {
    self->in_second = TRUE;
    self->second = second;
  }
  if (self->have_prev) {
    self->sum += reel_video_features_luma_diff (&self->sampler, self->feat[0],
                     self->feat[1])
                 / 16.0;
    self->pairs++;
  }
  tmp = self->feat[0];
  self->feat[0] = self->feat[1];
  self->feat[1] = tmp;
  self->have_prev = TRUE;
  self->frames++;
  self->last_end = time + reel_video_frame_duration (frame);
  return GST_FLOW_OK;
}

static gboolean
reel_motion_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  ReelMotion *self = REEL_MOTION (trans);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS) {
    GstStructure *s;

    reel_motion_post_second (self, self->last_end);
    s = gst_structure_new ("reel-motion", "eos", G_TYPE_BOOLEAN, TRUE, "frames",
        G_TYPE_UINT64, self->frames, "timestamp", G_TYPE_UINT64, self->last_end,
        NULL);
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
  }
  return GST_BASE_TRANSFORM_CLASS (reel_motion_parent_class)
      ->sink_event (trans, event);
}

static gboolean
reel_motion_start (GstBaseTransform *trans)
{
  ReelMotion *self = REEL_MOTION (trans);

  self->have_prev = FALSE;
  self->frames = 0;
  self->last_end = GST_CLOCK_TIME_NONE;
  self->in_second = FALSE;
  self->sum = 0.0;
  self->pairs = 0;
  return TRUE;
}

static void
reel_motion_finalize (GObject *object)
{
  ReelMotion *self = REEL_MOTION (object);

  g_free (self->feat[0]);
  g_free (self->feat[1]);
  G_OBJECT_CLASS (reel_motion_parent_class)->finalize (object);
}

static void
reel_motion_class_init (ReelMotionClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstVideoFilterClass *filter_class = GST_VIDEO_FILTER_CLASS (klass);

  GST_DEBUG_CATEGORY_INIT (reel_motion_debug, "reelmotion", 0,
      "reel motion activity");

  gobject_class->finalize = reel_motion_finalize;

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Motion activity",
      "Filter/Analyzer/Video",
      "Posts how much the picture changes in each second", "reel developers");

  trans_class->start = GST_DEBUG_FUNCPTR (reel_motion_start);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (reel_motion_sink_event);
  trans_class->passthrough_on_same_caps = TRUE;
  filter_class->set_info = GST_DEBUG_FUNCPTR (reel_motion_set_info);
  filter_class->transform_frame_ip =
      GST_DEBUG_FUNCPTR (reel_motion_transform_frame_ip);
}

static void
reel_motion_init (ReelMotion *self)
{
  self->feat[0] = g_new0 (ReelVideoFeatures, 1);
  self->feat[1] = g_new0 (ReelVideoFeatures, 1);
  self->last_end = GST_CLOCK_TIME_NONE;
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}
