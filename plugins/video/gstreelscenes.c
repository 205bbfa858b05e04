/* reel — reelscenes: finds the cuts, dissolves and fades of a video stream
 * and posts one element message per transition.
 *
 * A passthrough GstVideoFilter: it only reads each frame (through the
 * plugin's shared sampler and scene detector, reel-scene-detector.c) and
 * never changes or delays a buffer. The reel analyser `scenes`
 * (reel-video.c) turns its messages into the ANALYSIS document's `scenes`.
 */

/**
 * SECTION:element-reelscenes
 * @title: reelscenes
 *
 * Detects scene changes: hard cuts and gradual transitions (dissolves, and
 * fades from or to a flat picture), with an adaptive threshold and a
 * minimum scene length. It works on a 64-column grid of the frames, so feed
 * it a downscaled stream (about 320 pixels wide is plenty).
 *
 * For each transition it posts an element message named `reel-scene`:
 *
 * - `kind` (string): `cut`, `dissolve` or `fade`
 * - `timestamp` (guint64): stream time in ns of the first frame of the new
 *   scene; for a gradual transition, its midpoint
 * - `start`, `end` (guint64): stream times in ns of the first changed frame
 *   and of the first frame fully in the new scene (both equal to
 *   `timestamp` for a cut)
 * - `frame` (guint64): the index of the `timestamp` frame, counted from the
 *   stream start (from the stream time and the frame rate; frames counted
 *   when the rate is variable)
 * - `score` (gdouble): how different the two scenes are, 0..1
 *
 * At the end of the stream it posts one last `reel-scene` message with
 * `eos` (gboolean, TRUE), `frames` (guint64, how many frames it analysed)
 * and `timestamp` (guint64, the stream time at which the last frame ended,
 * or GST_CLOCK_TIME_NONE when there was none).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m uridecodebin uri=file:///tmp/clip.mp4 ! videoconvert !
 *     videoscale ! video/x-raw,width=320 ! reelscenes ! fakesink
 * ]|
 */
#include "gstreelscenes.h"
#include "reel-scene-detector.h"

GST_DEBUG_CATEGORY_STATIC (reel_scenes_debug);
#define GST_CAT_DEFAULT reel_scenes_debug

#define DEFAULT_THRESHOLD 0.3
#define DEFAULT_MIN_SCENE_LENGTH 0.5
#define DEFAULT_GRADUAL TRUE

enum {
  PROP_0,
  PROP_THRESHOLD,
  PROP_MIN_SCENE_LENGTH,
  PROP_GRADUAL,
};

struct _ReelScenes {
  GstVideoFilter parent;

  /* Properties, under the object lock. */
  gdouble threshold;
  gdouble min_scene_length;
  gboolean gradual;

  /* Streaming thread only. */
  ReelSceneDetector *detector;
  GArray *found;
  guint64 frames;
  GstClockTime last_end;
};

G_DEFINE_TYPE (ReelScenes, reel_scenes, GST_TYPE_VIDEO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelscenes, "reelscenes", GST_RANK_NONE,
    REEL_TYPE_SCENES);

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));

static void
reel_scenes_post_transitions (ReelScenes *self)
{
  for (guint i = 0; i < self->found->len; i++) {
    const ReelTransition *tr = &g_array_index (self->found, ReelTransition, i);
    GstStructure *s = gst_structure_new ("reel-scene", "kind", G_TYPE_STRING,
        reel_transition_kind_to_string (tr->kind), "timestamp", G_TYPE_UINT64,
        tr->timestamp, "start", G_TYPE_UINT64, tr->start, "end", G_TYPE_UINT64,
        tr->end, "frame", G_TYPE_UINT64, tr->frame, "score", G_TYPE_DOUBLE,
        tr->score, NULL);

    GST_INFO_OBJECT (self,
        "%s at %" GST_TIME_FORMAT " (frame %" G_GUINT64_FORMAT ", score %.3f)",
        reel_transition_kind_to_string (tr->kind),
        GST_TIME_ARGS (tr->timestamp), tr->frame, tr->score);
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
  }
  g_array_set_size (self->found, 0);
}

static gboolean
reel_scenes_set_info (GstVideoFilter *filter, GstCaps *incaps,
    GstVideoInfo *in_info, GstCaps *outcaps, GstVideoInfo *out_info)
{
  ReelScenes *self = REEL_SCENES (filter);
  gdouble threshold, min_len;
  gboolean gradual;

  GST_OBJECT_LOCK (self);
  threshold = self->threshold;
  min_len = self->min_scene_length;
  gradual = self->gradual;
  GST_OBJECT_UNLOCK (self);

  /* A renegotiation mid-stream starts the detector afresh. */
  if (!reel_scene_detector_configure (self->detector, in_info, threshold,
          (GstClockTime) (min_len * GST_SECOND), gradual)) {
    GST_ERROR_OBJECT (self, "cannot read frames of %" GST_PTR_FORMAT, incaps);
    return FALSE;
  }
  return TRUE;
}

static GstFlowReturn
reel_scenes_transform_frame_ip (GstVideoFilter *filter, GstVideoFrame *frame)
{
  ReelScenes *self = REEL_SCENES (filter);
  GstBaseTransform *trans = GST_BASE_TRANSFORM (filter);
  GstClockTime time =
      reel_video_frame_time (&trans->segment, frame, self->frames);
  guint64 index = reel_video_frame_index (&frame->info, time, self->frames);

  reel_scene_detector_push (self->detector, frame, time, index, self->found);
  self->frames++;
  self->last_end = time + reel_video_frame_duration (frame);
  if (self->found->len > 0)
    reel_scenes_post_transitions (self);
  return GST_FLOW_OK;
}

static gboolean
reel_scenes_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  ReelScenes *self = REEL_SCENES (trans);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS) {
    GstStructure *s;

    reel_scene_detector_finish (self->detector, self->found);
    reel_scenes_post_transitions (self);
    s = gst_structure_new ("reel-scene", "eos", G_TYPE_BOOLEAN, TRUE, "frames",
        G_TYPE_UINT64, self->frames, "timestamp", G_TYPE_UINT64, self->last_end,
        NULL);
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
  }
  return GST_BASE_TRANSFORM_CLASS (reel_scenes_parent_class)
      ->sink_event (trans, event);
}

static gboolean
reel_scenes_start (GstBaseTransform *trans)
{
  ReelScenes *self = REEL_SCENES (trans);

  reel_scene_detector_reset (self->detector);
  g_array_set_size (self->found, 0);
  self->frames = 0;
  self->last_end = GST_CLOCK_TIME_NONE;
  return TRUE;
}

static void
reel_scenes_set_property (GObject *object, guint prop_id, const GValue *value,
    GParamSpec *pspec)
{
  ReelScenes *self = REEL_SCENES (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      self->threshold = g_value_get_double (value);
      break;
    case PROP_MIN_SCENE_LENGTH:
      self->min_scene_length = g_value_get_double (value);
      break;
    case PROP_GRADUAL:
      self->gradual = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
reel_scenes_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  ReelScenes *self = REEL_SCENES (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_MIN_SCENE_LENGTH:
      g_value_set_double (value, self->min_scene_length);
      break;
    case PROP_GRADUAL:
      g_value_set_boolean (value, self->gradual);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
reel_scenes_finalize (GObject *object)
{
  ReelScenes *self = REEL_SCENES (object);

  reel_scene_detector_free (self->detector);
  g_array_unref (self->found);
  G_OBJECT_CLASS (reel_scenes_parent_class)->finalize (object);
}

static void
reel_scenes_class_init (ReelScenesClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstVideoFilterClass *filter_class = GST_VIDEO_FILTER_CLASS (klass);

  GST_DEBUG_CATEGORY_INIT (reel_scenes_debug, "reelscenes", 0,
      "reel scene-change detector");

  gobject_class->set_property = reel_scenes_set_property;
  gobject_class->get_property = reel_scenes_get_property;
  gobject_class->finalize = reel_scenes_finalize;

  /**
   * reelscenes:threshold:
   *
   * The lowest change score (0..1, histogram and luma difference between
   * two frames) that can be a cut; the detector raises it over busy
   * passages. Gradual transitions open at 0.8 times it. Lower finds more.
   */
  g_object_class_install_property (gobject_class, PROP_THRESHOLD,
      g_param_spec_double ("threshold", "Threshold",
          "Lowest change score (0..1) of a cut", 0.05, 1.0, DEFAULT_THRESHOLD,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * reelscenes:min-scene-length:
   *
   * The shortest scene, in seconds: of two transitions closer than this the
   * stronger is kept, and none is reported closer than this to either end
   * of the stream.
   */
  g_object_class_install_property (gobject_class, PROP_MIN_SCENE_LENGTH,
      g_param_spec_double ("min-scene-length", "Minimum scene length",
          "Shortest scene in seconds", 0.0, 60.0, DEFAULT_MIN_SCENE_LENGTH,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * reelscenes:gradual:
   *
   * Whether to look for dissolves and fades as well as cuts.
   */
  g_object_class_install_property (gobject_class, PROP_GRADUAL,
      g_param_spec_boolean ("gradual", "Gradual",
          "Detect dissolves and fades too", DEFAULT_GRADUAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Scene changes",
      "Filter/Analyzer/Video",
      "Detects cuts, dissolves and fades and posts them as messages",
      "reel developers");

  trans_class->start = GST_DEBUG_FUNCPTR (reel_scenes_start);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (reel_scenes_sink_event);
  trans_class->passthrough_on_same_caps = TRUE;
  filter_class->set_info = GST_DEBUG_FUNCPTR (reel_scenes_set_info);
  filter_class->transform_frame_ip =
      GST_DEBUG_FUNCPTR (reel_scenes_transform_frame_ip);
}

static void
reel_scenes_init (ReelScenes *self)
{
  self->threshold = DEFAULT_THRESHOLD;
  self->min_scene_length = DEFAULT_MIN_SCENE_LENGTH;
  self->gradual = DEFAULT_GRADUAL;
  self->detector = reel_scene_detector_new ();
  self->found = g_array_new (FALSE, FALSE, sizeof (ReelTransition));
  self->last_end = GST_CLOCK_TIME_NONE;
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}
