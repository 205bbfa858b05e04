/* reel — reelthumbnails: one JPEG per scene and a poster frame, in the same
 * pass as the other analysers.
 *
 * A passthrough GstVideoFilter that runs the plugin's scene detector
 * (reel-scene-detector.c, the same one reelscenes runs, so the scenes
 * match), keeps a few deep copies of candidate frames, and hands the chosen
 * ones to a one-thread pool that encodes them (gst_video_convert_sample to
 * image/jpeg) and posts the messages: the streaming thread never waits for
 * an encoder, except at EOS, where it waits for the pool to finish before
 * passing EOS on, so every message is on the bus before the pipeline's EOS.
 * The reel analyser `thumbnails` (reel-video.c) stores the JPEGs.
 */

/**
 * SECTION:element-reelthumbnails
 * @title: reelthumbnails
 *
 * Picks one representative frame per scene and one poster frame, and
 * posts each as a JPEG `width` pixels wide (the height keeps the display
 * aspect ratio, rounded to even).
 *
 * The representative of a scene is a settled frame (no transition under
 * way, two frames past a cut) taken 1 s after the change that started the
 * scene, or 0.25 s after it (at most half the minimum scene length) when
 * the scene is shorter. The poster is the most interesting settled frame
 * of the whole stream: the largest luma deviation weighted by
 * colourfulness, dark and flat frames excluded (the first frame if every
 * frame is dark or flat).
 *
 * Messages, named `reel-thumbnail`, one per scene in order, then the
 * poster:
 *
 * - `timestamp` (guint64): stream time in ns of the frame
 * - `scene` (guint): the index of the scene it belongs to, from 0
 * - `poster` (gboolean): TRUE for the poster frame
 * - `width`, `height` (gint): of the JPEG
 * - `jpeg` (GstBuffer): the JPEG file
 *
 * At the end of the stream it posts one last `reel-thumbnail` message with
 * `eos` (gboolean, TRUE), `frames` (guint64, how many frames it analysed),
 * `scenes` (guint, how many scenes it found) and `timestamp` (guint64, the
 * stream time at which the last frame ended, or GST_CLOCK_TIME_NONE).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m uridecodebin uri=file:///tmp/clip.mp4 ! videoconvert !
 *     videoscale ! video/x-raw,width=320 ! reelthumbnails ! fakesink
 * ]|
 */
#include "gstreelthumbnails.h"
#include "reel-scene-detector.h"

GST_DEBUG_CATEGORY_STATIC (reel_thumbnails_debug);
#define GST_CAT_DEFAULT reel_thumbnails_debug

#define DEFAULT_WIDTH 320
#define DEFAULT_THRESHOLD 0.3
#define DEFAULT_MIN_SCENE_LENGTH 0.5
#define DEFAULT_GRADUAL TRUE
#define LATE_OFFSET GST_SECOND
#define EARLY_OFFSET (GST_SECOND / 4)
#define ENCODE_TIMEOUT (30 * GST_SECOND)

enum {
  PROP_0,
  PROP_WIDTH,
  PROP_THRESHOLD,
  PROP_MIN_SCENE_LENGTH,
  PROP_GRADUAL,
};

typedef struct {
  GstBuffer *buffer;
  GstClockTime time;
} Snapshot;

typedef struct {
  GstSample *sample;
  GstClockTime time;
  guint scene;
  gboolean poster;
  gint width;
  gint height;
} Job;

struct _ReelThumbnails {
  GstVideoFilter parent;

  /* Properties, under the object lock. */
  gint width;
  gdouble threshold;
  gdouble min_scene_length;
  gboolean gradual;

  /* Streaming thread only. */
  ReelSceneDetector *detector;
  GArray *found;
  GstCaps *caps;
  gint out_width;
  gint out_height;
  GstClockTime early_offset;
  guint64 frames;
  GstClockTime last_end;
  /* Candidates (Snapshot), oldest first, and how many were taken since
   * the detector's last change. */
  GQueue snapshots;
  GstClockTime snap_change;
  guint snap_count;
  /* The scene being built: its index and where candidates may start. */
  guint scene;
  GstClockTime scene_from;
  /* Scene starts (GstClockTime), to find the poster's scene. */
  GArray *scene_starts;
  /* The poster candidate. */
  GstBuffer *poster;
  GstClockTime poster_time;
  gdouble poster_interest;

  GThreadPool *pool;
};

G_DEFINE_TYPE (ReelThumbnails, reel_thumbnails, GST_TYPE_VIDEO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelthumbnails, "reelthumbnails", GST_RANK_NONE,
    REEL_TYPE_THUMBNAILS);

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS (REEL_VIDEO_CAPS));

static void
snapshot_free (Snapshot *snap)
{
  gst_buffer_unref (snap->buffer);
  g_free (snap);
}

/* Runs in the pool's thread. */
static void
reel_thumbnails_encode (gpointer data, gpointer user_data)
{
  Job *job = data;
  ReelThumbnails *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GstCaps) caps = gst_caps_new_simple ("image/jpeg", "width",
      G_TYPE_INT, job->width, "height", G_TYPE_INT, job->height,
      "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, NULL);
  GstSample *jpeg =
      gst_video_convert_sample (job->sample, caps, ENCODE_TIMEOUT, &error);

  if (jpeg == NULL) {
    GST_ELEMENT_WARNING (self, STREAM, ENCODE, (NULL),
        ("could not encode the thumbnail at %" GST_TIME_FORMAT ": %s",
            GST_TIME_ARGS (job->time), error ? error->message : "?"));
  } else {
    GstStructure *s = gst_structure_new ("reel-thumbnail", "timestamp",
        G_TYPE_UINT64, job->time, "scene", G_TYPE_UINT, job->scene, "poster",
        G_TYPE_BOOLEAN, job->poster, "width", G_TYPE_INT, job->width, "height",
        G_TYPE_INT, job->height, "jpeg", GST_TYPE_BUFFER,
        gst_sample_get_buffer (jpeg), NULL);

    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
    gst_sample_unref (jpeg);
  }
  gst_sample_unref (job->sample);
  g_free (job);
}

static void
reel_thumbnails_queue (ReelThumbnails *self, GstBuffer *buffer,
    GstClockTime time, guint scene, gboolean poster)
{
  Job *job = g_new0 (Job, 1);

  job->sample = gst_sample_new (buffer, self->caps, NULL, NULL);
  job->time = time;
  job->scene = scene;
  job->poster = poster;
  job->width = self->out_width;
  job->height = self->out_height;
  if (self->pool == NULL)
    self->pool =
        g_thread_pool_new (reel_thumbnails_encode, self, 1, FALSE, NULL);
  g_thread_pool_push (self->pool, job, NULL);
}

/* Waits for every queued JPEG to be encoded and posted. */
static void
reel_thumbnails_drain (ReelThumbnails *self)
{
  if (self->pool != NULL) {
    g_thread_pool_free (self->pool, FALSE, TRUE);
    self->pool = NULL;
  }
}

/* Scene self->scene ends where @until starts: queue its best candidate
 * (the latest one before @until), drop the candidates before @next_from. */
static void
reel_thumbnails_close_scene (ReelThumbnails *self, GstClockTime until,
    GstClockTime next_from)
{
  Snapshot *best = NULL;

  for (GList *l = self->snapshots.head; l != NULL; l = l->next) {
    Snapshot *snap = l->data;

    if (snap->time >= self->scene_from && snap->time < until)
      best = snap;
  }
  if (best != NULL)
    reel_thumbnails_queue (self, best->buffer, best->time, self->scene, FALSE);
  else
    GST_WARNING_OBJECT (self, "scene %u has no settled frame", self->scene);

  while (!g_queue_is_empty (&self->snapshots)) {
    Snapshot *snap = g_queue_peek_head (&self->snapshots);

    if (snap->time >= next_from)
      break;
    snapshot_free (g_queue_pop_head (&self->snapshots));
  }
  self->scene++;
  self->scene_from = next_from;
}

static void
reel_thumbnails_handle_transitions (ReelThumbnails *self)
{
  for (guint i = 0; i < self->found->len; i++) {
    const ReelTransition *tr = &g_array_index (self->found, ReelTransition, i);

    reel_thumbnails_close_scene (self, tr->start, tr->end);
    g_array_append_val (self->scene_starts, tr->timestamp);
  }
  g_array_set_size (self->found, 0);
}

static gboolean
reel_thumbnails_set_info (GstVideoFilter *filter, GstCaps *incaps,
    GstVideoInfo *in_info, GstCaps *outcaps, GstVideoInfo *out_info)
{
  ReelThumbnails *self = REEL_THUMBNAILS (filter);
  gdouble threshold, min_len;
  gboolean gradual;
  gint width, par_n = MAX (1, GST_VIDEO_INFO_PAR_N (in_info));
  gint par_d = MAX (1, GST_VIDEO_INFO_PAR_D (in_info));

  GST_OBJECT_LOCK (self);
  threshold = self->threshold;
  min_len = self->min_scene_length;
  gradual = self->gradual;
  width = self->width;
  GST_OBJECT_UNLOCK (self);

  if (!reel_scene_detector_configure (self->detector, in_info, threshold,
          (GstClockTime) (min_len * GST_SECOND), gradual)) {
    GST_ERROR_OBJECT (self, "cannot read frames of %" GST_PTR_FORMAT, incaps);
    return FALSE;
  }
  gst_caps_replace (&self->caps, incaps);
  self->out_width = width & ~1;
  self->out_height =
      MAX (2, (gint) gst_util_uint64_scale_round (self->out_width,
                  (guint64) GST_VIDEO_INFO_HEIGHT (in_info) * par_d,
                  (guint64) GST_VIDEO_INFO_WIDTH (in_info) * par_n)
                  & ~1);
  self->early_offset =
      MIN (EARLY_OFFSET, (GstClockTime) (min_len * GST_SECOND / 2));
  return TRUE;
}

static void
reel_thumbnails_consider (ReelThumbnails *self, GstVideoFrame *frame,
    GstClockTime time)
{
  GstClockTime change = reel_scene_detector_get_last_change (self->detector);
  const ReelVideoFeatures *f =
      reel_scene_detector_get_features (self->detector);
  gdouble interest;

  if (self->poster == NULL) {
    /* Something to show even if no frame is ever interesting. */
    self->poster = gst_buffer_copy_deep (frame->buffer);
    self->poster_time = time;
    self->poster_interest = 0.0;
  }
  if (!reel_scene_detector_is_settled (self->detector))
    return;

  if (change != self->snap_change) {
    self->snap_change = change;
    self->snap_count = 0;
  }
  if ((self->snap_count == 0 && time >= change + self->early_offset)
      || (self->snap_count == 1 && time >= change + LATE_OFFSET)) {
    Snapshot *snap = g_new0 (Snapshot, 1);

    snap->buffer = gst_buffer_copy_deep (frame->buffer);
    snap->time = time;
    g_queue_push_tail (&self->snapshots, snap);
    self->snap_count++;
  }

  /* Copy only a clearly better poster, so copies stay few. */
  interest = f->stddev * (1.0 + f->chroma / 32.0);
  if (f->mean >= 40 && f->stddev > 12
      && interest > self->poster_interest * 1.05) {
    gst_buffer_unref (self->poster);
    self->poster = gst_buffer_copy_deep (frame->buffer);
    self->poster_time = time;
    self->poster_interest = interest;
  }
}

static GstFlowReturn
reel_thumbnails_transform_frame_ip (GstVideoFilter *filter,
    GstVideoFrame *frame)
{
  ReelThumbnails *self = REEL_THUMBNAILS (filter);
  GstBaseTransform *trans = GST_BASE_TRANSFORM (filter);
  GstClockTime time =
      reel_video_frame_time (&trans->segment, frame, self->frames);
  guint64 index = reel_video_frame_index (&frame->info, time, self->frames);

  if (self->frames == 0)
    self->scene_from = time;
  reel_scene_detector_push (self->detector, frame, time, index, self->found);
  self->frames++;
  self->last_end = time + reel_video_frame_duration (frame);
  if (self->found->len > 0)
    reel_thumbnails_handle_transitions (self);
  reel_thumbnails_consider (self, frame, time);
  return GST_FLOW_OK;
}

static void
reel_thumbnails_clear (ReelThumbnails *self)
{
  g_queue_clear_full (&self->snapshots, (GDestroyNotify) snapshot_free);
  g_clear_pointer (&self->poster, gst_buffer_unref);
  g_array_set_size (self->found, 0);
  g_array_set_size (self->scene_starts, 0);
}

static gboolean
reel_thumbnails_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  ReelThumbnails *self = REEL_THUMBNAILS (trans);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS) {
    GstStructure *s;

    if (self->frames > 0) {
      guint poster_scene = 0;

      reel_scene_detector_finish (self->detector, self->found);
      reel_thumbnails_handle_transitions (self);
      reel_thumbnails_close_scene (self, GST_CLOCK_TIME_NONE,
          GST_CLOCK_TIME_NONE);
      for (guint i = 0; i < self->scene_starts->len; i++)
        if (self->poster_time
            >= g_array_index (self->scene_starts, GstClockTime, i))
          poster_scene = i + 1;
      reel_thumbnails_queue (self, self->poster, self->poster_time,
          poster_scene, TRUE);
    }
    reel_thumbnails_drain (self);
    s = gst_structure_new ("reel-thumbnail", "eos", G_TYPE_BOOLEAN, TRUE,
        "frames", G_TYPE_UINT64, self->frames, "scenes", G_TYPE_UINT,
        self->frames > 0 ? self->scene : 0, "timestamp", G_TYPE_UINT64,
        self->last_end, NULL);
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
    reel_thumbnails_clear (self);
  }
  return GST_BASE_TRANSFORM_CLASS (reel_thumbnails_parent_class)
      ->sink_event (trans, event);
}

static gboolean
reel_thumbnails_start (GstBaseTransform *trans)
{
  ReelThumbnails *self = REEL_THUMBNAILS (trans);

  reel_scene_detector_reset (self->detector);
  reel_thumbnails_clear (self);
  self->frames = 0;
  self->last_end = GST_CLOCK_TIME_NONE;
  self->snap_change = GST_CLOCK_TIME_NONE;
  self->snap_count = 0;
  self->scene = 0;
  self->scene_from = 0;
  self->poster_interest = 0.0;
  return TRUE;
}

static gboolean
reel_thumbnails_stop (GstBaseTransform *trans)
{
  ReelThumbnails *self = REEL_THUMBNAILS (trans);

  reel_thumbnails_drain (self);
  reel_thumbnails_clear (self);
  return TRUE;
}

static void
reel_thumbnails_set_property (GObject *object, guint prop_id,
    const GValue *value, GParamSpec *pspec)
{
  ReelThumbnails *self = REEL_THUMBNAILS (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_WIDTH:
      self->width = g_value_get_int (value);
      break;
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
reel_thumbnails_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  ReelThumbnails *self = REEL_THUMBNAILS (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
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
reel_thumbnails_finalize (GObject *object)
{
  ReelThumbnails *self = REEL_THUMBNAILS (object);

  reel_thumbnails_drain (self);
  reel_thumbnails_clear (self);
  reel_scene_detector_free (self->detector);
  g_array_unref (self->found);
  g_array_unref (self->scene_starts);
  gst_caps_replace (&self->caps, NULL);
  G_OBJECT_CLASS (reel_thumbnails_parent_class)->finalize (object);
}

static void
reel_thumbnails_class_init (ReelThumbnailsClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstVideoFilterClass *filter_class = GST_VIDEO_FILTER_CLASS (klass);

  GST_DEBUG_CATEGORY_INIT (reel_thumbnails_debug, "reelthumbnails", 0,
      "reel scene thumbnails");

  gobject_class->set_property = reel_thumbnails_set_property;
  gobject_class->get_property = reel_thumbnails_get_property;
  gobject_class->finalize = reel_thumbnails_finalize;

  /**
   * reelthumbnails:width:
   *
   * The width of the JPEGs in pixels (rounded down to even); the height
   * follows the display aspect ratio. Frames narrower than this are
   * scaled up.
   */
  g_object_class_install_property (gobject_class, PROP_WIDTH,
      g_param_spec_int ("width", "Width", "Width of the JPEGs in pixels", 16,
          3840, DEFAULT_WIDTH,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * reelthumbnails:threshold:
   *
   * As reelscenes:threshold; keep both equal for matching scenes.
   */
  g_object_class_install_property (gobject_class, PROP_THRESHOLD,
      g_param_spec_double ("threshold", "Threshold",
          "Lowest change score (0..1) of a cut", 0.05, 1.0, DEFAULT_THRESHOLD,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * reelthumbnails:min-scene-length:
   *
   * As reelscenes:min-scene-length, in seconds.
   */
  g_object_class_install_property (gobject_class, PROP_MIN_SCENE_LENGTH,
      g_param_spec_double ("min-scene-length", "Minimum scene length",
          "Shortest scene in seconds", 0.0, 60.0, DEFAULT_MIN_SCENE_LENGTH,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * reelthumbnails:gradual:
   *
   * As reelscenes:gradual.
   */
  g_object_class_install_property (gobject_class, PROP_GRADUAL,
      g_param_spec_boolean ("gradual", "Gradual",
          "Detect dissolves and fades too", DEFAULT_GRADUAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Scene thumbnails",
      "Filter/Analyzer/Video", "Posts a JPEG of every scene and a poster frame",
      "reel developers");

  trans_class->start = GST_DEBUG_FUNCPTR (reel_thumbnails_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (reel_thumbnails_stop);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (reel_thumbnails_sink_event);
  trans_class->passthrough_on_same_caps = TRUE;
  filter_class->set_info = GST_DEBUG_FUNCPTR (reel_thumbnails_set_info);
  filter_class->transform_frame_ip =
      GST_DEBUG_FUNCPTR (reel_thumbnails_transform_frame_ip);
}

static void
reel_thumbnails_init (ReelThumbnails *self)
{
  self->width = DEFAULT_WIDTH;
  self->threshold = DEFAULT_THRESHOLD;
  self->min_scene_length = DEFAULT_MIN_SCENE_LENGTH;
  self->gradual = DEFAULT_GRADUAL;
  self->detector = reel_scene_detector_new ();
  self->found = g_array_new (FALSE, FALSE, sizeof (ReelTransition));
  self->scene_starts = g_array_new (FALSE, FALSE, sizeof (GstClockTime));
  g_queue_init (&self->snapshots);
  self->last_end = GST_CLOCK_TIME_NONE;
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}
