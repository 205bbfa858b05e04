/* reel — reelloudness: EBU R128 loudness of an audio stream.
 *
 * A passthrough GstAudioFilter that hands every buffer, interleaved as it
 * comes, to libebur128 (modes I, LRA, S, M and TRUE_PEAK), reports the
 * momentary and short-term loudness every `interval` of stream time, and
 * the integrated loudness, loudness range and true peak at the end. Buffers
 * are split at interval boundaries so each report measures exactly up to
 * its timestamp. libebur128 keeps every 100 ms block for the gating, exactly
 * (its histogram mode would bound the memory but moves the integrated
 * loudness by up to 0.04 LU and rounds the range to 0.1 LU): about 2 MB an
 * hour.
 */
/**
 * SECTION:element-reelloudness
 * @title: reelloudness
 *
 * reelloudness measures the loudness of the audio that passes through it,
 * as EBU R128 / ITU-R BS.1770-4 define it, with libebur128. It does not
 * change the audio. Channels are weighted by their position: surround
 * channels (rear, side) by 1.41, LFE not at all, the others by 1; a mono
 * stream is one channel (not dual mono), as ffmpeg's `ebur128` filter
 * counts it.
 *
 * Every #GstReelLoudness:interval of stream time it posts an element
 * message named `reel-loudness`:
 *
 * * #guint64 `timestamp`: the stream time the measurement ends at, in
 *   nanoseconds (a multiple of the interval).
 * * #gdouble `momentary`: the loudness of the last 400 ms, in LUFS.
 * * #gdouble `short-term`: the loudness of the last 3 s, in LUFS.
 *
 * and at the end of the stream one element message named
 * `reel-loudness-summary`:
 *
 * * #gdouble `integrated`: the gated loudness of the whole stream, in LUFS.
 * * #gdouble `range`: the loudness range (LRA), in LU.
 * * #gdouble `true-peak`: the highest true peak of any channel (4× or 2×
 *   oversampled below 96 kHz), in dBTP.
 * * #gdouble `sample-peak`: the highest sample of any channel, in dBFS.
 * * #guint64 `duration`: how much audio was measured, in nanoseconds.
 *
 * Loudness values of silence are −∞ (`-inf`), as is the true peak of
 * digital silence. Nothing is posted at the end of a stream that carried no
 * audio.
 *
 * A gap in the timestamps is left out of the measurement (the reports
 * resume at the next multiple of the interval); a flush starts the
 * measurement afresh.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m filesrc location=speech.m4a ! decodebin ! audioconvert ! \
 *     reelloudness interval=0.5 ! fakesink
 * ]|
 */
#include "gstreelloudness.h"

#include "reel-audio-util.h"

#include <ebur128.h>
#include <math.h>

GST_DEBUG_CATEGORY_STATIC (gst_reel_loudness_debug);
#define GST_CAT_DEFAULT gst_reel_loudness_debug

#define DEFAULT_INTERVAL 1.0

struct _GstReelLoudness {
  GstAudioFilter parent;

  /* Property, under the object lock. */
  gdouble interval;

  /* Streaming state. */
  ebur128_state *state;
  gint rate;
  gint channels;
  gboolean is_float;
  guint64 interval_samples;
  ReelAudioPosition position;
  /* stream-time sample index of the next report */
  guint64 next_report;
  guint64 samples;
};

enum {
  PROP_0,
  PROP_INTERVAL,
};

#define gst_reel_loudness_parent_class parent_class
G_DEFINE_TYPE (GstReelLoudness, gst_reel_loudness, GST_TYPE_AUDIO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelloudness, "reelloudness", GST_RANK_NONE,
    GST_TYPE_REEL_LOUDNESS);

static gint
channel_weight (GstAudioChannelPosition position)
{
  switch (position) {
    case GST_AUDIO_CHANNEL_POSITION_LFE1:
    case GST_AUDIO_CHANNEL_POSITION_LFE2:
      return EBUR128_UNUSED;
    case GST_AUDIO_CHANNEL_POSITION_REAR_LEFT:
    case GST_AUDIO_CHANNEL_POSITION_SIDE_LEFT:
    case GST_AUDIO_CHANNEL_POSITION_SURROUND_LEFT:
      return EBUR128_LEFT_SURROUND;
    case GST_AUDIO_CHANNEL_POSITION_REAR_RIGHT:
    case GST_AUDIO_CHANNEL_POSITION_SIDE_RIGHT:
    case GST_AUDIO_CHANNEL_POSITION_SURROUND_RIGHT:
      return EBUR128_RIGHT_SURROUND;
    case GST_AUDIO_CHANNEL_POSITION_FRONT_RIGHT:
      return EBUR128_RIGHT;
    case GST_AUDIO_CHANNEL_POSITION_FRONT_CENTER:
      return EBUR128_CENTER;
    default:
      /* Front left, mono, unpositioned and the rest: weight 1. */
      return EBUR128_LEFT;
  }
}

/* A fresh measurement (at the start and after a flush). */
static gboolean
reset_measurement (GstReelLoudness *self, const GstAudioInfo *info)
{
  if (self->state != NULL)
    ebur128_destroy (&self->state);
  reel_audio_position_reset (&self->position, self->rate);
  self->samples = 0;
  self->next_report = 0;
  if (info == NULL)
    return TRUE;

  self->state = ebur128_init (self->channels, self->rate,
      EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK);
  if (self->state == NULL)
    return FALSE;
  for (gint c = 0; c < self->channels; c++) {
    gint weight = EBUR128_LEFT;

    if (!GST_AUDIO_INFO_IS_UNPOSITIONED (info))
      weight = channel_weight (GST_AUDIO_INFO_POSITION (info, c));
    ebur128_set_channel (self->state, c, weight);
  }
  return TRUE;
}

static gboolean
gst_reel_loudness_setup (GstAudioFilter *filter, const GstAudioInfo *info)
{
  GstReelLoudness *self = GST_REEL_LOUDNESS (filter);
  gdouble interval;

  GST_OBJECT_LOCK (self);
  interval = self->interval;
  GST_OBJECT_UNLOCK (self);

  self->rate = GST_AUDIO_INFO_RATE (info);
  self->channels = GST_AUDIO_INFO_CHANNELS (info);
  self->is_float = GST_AUDIO_INFO_FORMAT (info) == GST_AUDIO_FORMAT_F32LE;
  self->interval_samples = MAX (1, (guint64) llround (interval * self->rate));
  if (!reset_measurement (self, info)) {
    GST_ELEMENT_ERROR (self, LIBRARY, INIT,
        ("libebur128 cannot measure %d channels at %d Hz", self->channels,
            self->rate),
        (NULL));
    return FALSE;
  }
  return TRUE;
}

static void
post_report (GstReelLoudness *self, guint64 at)
{
  gdouble momentary = -HUGE_VAL, short_term = -HUGE_VAL;
  GstStructure *s;

  ebur128_loudness_momentary (self->state, &momentary);
  ebur128_loudness_shortterm (self->state, &short_term);
  s = gst_structure_new ("reel-loudness", "timestamp", G_TYPE_UINT64,
      (guint64) reel_audio_sample_to_time (self->rate, at), "momentary",
      G_TYPE_DOUBLE, momentary, "short-term", G_TYPE_DOUBLE, short_term, NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

static void
add_frames (GstReelLoudness *self, const guint8 *data, gsize n_frames)
{
  if (self->is_float)
    ebur128_add_frames_float (self->state, (const gfloat *) data, n_frames);
  else
    ebur128_add_frames_short (self->state, (const gint16 *) data, n_frames);
}

static GstFlowReturn
gst_reel_loudness_transform_ip (GstBaseTransform *trans, GstBuffer *buffer)
{
  GstReelLoudness *self = GST_REEL_LOUDNESS (trans);
  const GstAudioInfo *info = &GST_AUDIO_FILTER (trans)->info;
  guint bpf = GST_AUDIO_INFO_BPF (info);
  GstMapInfo map;
  guint64 at, end;
  guint n_frames;
  const guint8 *data;

  if (self->state == NULL) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
        ("no format was negotiated"));
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_ERROR;
  n_frames = map.size / bpf;
  data = map.data;

  switch (reel_audio_position_update (&self->position, &trans->segment, buffer,
      n_frames, &at)) {
    case REEL_AUDIO_START:
    case REEL_AUDIO_GAP:
    case REEL_AUDIO_BACKWARDS:
      /* The reports stay on multiples of the interval in stream time. */
      self->next_report =
          (at / self->interval_samples + 1) * self->interval_samples;
      break;
    case REEL_AUDIO_CONTINUOUS:
      break;
  }

  /* Up to each report boundary inside the buffer, report, go on. */
  end = at + n_frames;
  while (self->next_report <= end) {
    guint64 take = self->next_report - at;

    add_frames (self, data, take);
    data += take * bpf;
    at += take;
    post_report (self, self->next_report);
    self->next_report += self->interval_samples;
  }
  add_frames (self, data, end - at);
  gst_buffer_unmap (buffer, &map);
  self->samples += n_frames;
  return GST_FLOW_OK;
}

static gdouble
to_db (gdouble linear)
{
  return linear > 0.0 ? 20.0 * log10 (linear) : -HUGE_VAL;
}

static void
finish (GstReelLoudness *self)
{
  gdouble integrated = -HUGE_VAL, range = 0.0, true_peak = 0.0;
  gdouble sample_peak = 0.0;
  GstStructure *s;

  if (self->state == NULL || self->samples == 0)
    return;
  ebur128_loudness_global (self->state, &integrated);
  ebur128_loudness_range (self->state, &range);
  for (gint c = 0; c < self->channels; c++) {
    gdouble peak = 0.0;

    if (ebur128_true_peak (self->state, c, &peak) == EBUR128_SUCCESS)
      true_peak = MAX (true_peak, peak);
    if (ebur128_sample_peak (self->state, c, &peak) == EBUR128_SUCCESS)
      sample_peak = MAX (sample_peak, peak);
  }
  GST_INFO_OBJECT (self, "integrated %.2f LUFS, range %.2f LU, peak %.2f dBTP",
      integrated, range, to_db (true_peak));
  s = gst_structure_new ("reel-loudness-summary", "integrated", G_TYPE_DOUBLE,
      integrated, "range", G_TYPE_DOUBLE, range, "true-peak", G_TYPE_DOUBLE,
      to_db (true_peak), "sample-peak", G_TYPE_DOUBLE, to_db (sample_peak),
      "duration", G_TYPE_UINT64,
      (guint64) reel_audio_sample_to_time (self->rate, self->samples), NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

static gboolean
gst_reel_loudness_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  GstReelLoudness *self = GST_REEL_LOUDNESS (trans);
  const GstAudioInfo *info = &GST_AUDIO_FILTER (trans)->info;

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      /* Before EOS goes downstream, so the summary reaches the bus first. */
      finish (self);
      if (self->state != NULL)
        reset_measurement (self, info);
      break;
    case GST_EVENT_FLUSH_STOP:
      if (self->state != NULL)
        reset_measurement (self, info);
      break;
    default:
      break;
  }
  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

static gboolean
gst_reel_loudness_stop (GstBaseTransform *trans)
{
  GstReelLoudness *self = GST_REEL_LOUDNESS (trans);

  reset_measurement (self, NULL);
  return TRUE;
}

static void
gst_reel_loudness_set_property (GObject *object, guint prop_id,
    const GValue *value, GParamSpec *pspec)
{
  GstReelLoudness *self = GST_REEL_LOUDNESS (object);

  switch (prop_id) {
    case PROP_INTERVAL:
      GST_OBJECT_LOCK (self);
      self->interval = g_value_get_double (value);
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_reel_loudness_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  GstReelLoudness *self = GST_REEL_LOUDNESS (object);

  switch (prop_id) {
    case PROP_INTERVAL:
      GST_OBJECT_LOCK (self);
      g_value_set_double (value, self->interval);
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_reel_loudness_finalize (GObject *object)
{
  GstReelLoudness *self = GST_REEL_LOUDNESS (object);

  if (self->state != NULL)
    ebur128_destroy (&self->state);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_reel_loudness_class_init (GstReelLoudnessClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstAudioFilterClass *filter_class = GST_AUDIO_FILTER_CLASS (klass);
  GstCaps *caps;

  gobject_class->set_property = gst_reel_loudness_set_property;
  gobject_class->get_property = gst_reel_loudness_get_property;
  gobject_class->finalize = gst_reel_loudness_finalize;

  /**
   * GstReelLoudness:interval:
   *
   * Seconds of stream time between two `reel-loudness` messages. Read when
   * the format is negotiated.
   */
  g_object_class_install_property (gobject_class, PROP_INTERVAL,
      g_param_spec_double ("interval", "Interval",
          "Seconds between reel-loudness messages", 0.1, 60.0, DEFAULT_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));

  gst_element_class_set_static_metadata (element_class,
      "EBU R128 loudness meter", "Filter/Analyzer/Audio",
      "Measures integrated, short-term and momentary loudness, loudness "
      "range and true peak with libebur128",
      "reel developers");
  caps = gst_caps_from_string (REEL_AUDIO_CAPS);
  gst_audio_filter_class_add_pad_templates (filter_class, caps);
  gst_caps_unref (caps);

  trans_class->passthrough_on_same_caps = TRUE;
  trans_class->transform_ip =
      GST_DEBUG_FUNCPTR (gst_reel_loudness_transform_ip);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_reel_loudness_sink_event);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_reel_loudness_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_reel_loudness_setup);

  GST_DEBUG_CATEGORY_INIT (gst_reel_loudness_debug, "reelloudness", 0,
      "reel EBU R128 loudness meter");
}

static void
gst_reel_loudness_init (GstReelLoudness *self)
{
  self->interval = DEFAULT_INTERVAL;
}
