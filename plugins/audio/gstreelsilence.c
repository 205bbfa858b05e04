/* reel — reelsilence: the silent ranges of an audio stream.
 *
 * A passthrough GstAudioFilter that measures the RMS level of each channel
 * over 10 ms windows laid on the stream-time sample grid, and reports every
 * run of windows where all channels stay under the threshold for at least
 * the minimum duration, when the run ends. Constant memory, no allocation
 * per buffer.
 */
/**
 * SECTION:element-reelsilence
 * @title: reelsilence
 *
 * reelsilence finds the silences in the audio that passes through it. It
 * does not change the audio.
 *
 * The stream is cut into 10 ms windows at multiples of 10 ms of stream
 * time. A window is silent when the RMS level of every channel over it is
 * below #GstReelSilence:threshold (in dBFS, a full-scale square wave being
 * 0 dB and a full-scale sine −3 dB). A silence is a run of silent windows
 * lasting at least #GstReelSilence:min-duration; it starts where its first
 * window starts and ends where the first loud window starts (or where the
 * audio ends), so the edges lie on the 10 ms grid, inside the silence.
 *
 * When a silence ends it posts an element message named `reel-silence`:
 *
 * * #guint64 `start`: the stream time the silence starts at, in
 *   nanoseconds.
 * * #guint64 `end`: the stream time it ends at, in nanoseconds.
 *
 * A silence still open at the end of the stream is posted then. At the end
 * of the stream it also posts one element message named
 * `reel-silence-summary`:
 *
 * * #guint `silences`: how many `reel-silence` messages were posted.
 * * #guint64 `silent`: their total duration, in nanoseconds.
 * * #guint64 `duration`: how much audio was analysed, in nanoseconds.
 *
 * Nothing is posted at the end of a stream that carried no audio.
 *
 * A gap in the timestamps ends a silence (nothing is known about the gap);
 * a flush forgets the open one.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m filesrc location=talk.m4a ! decodebin ! audioconvert ! \
 *     reelsilence threshold=-40 min-duration=1.0 ! fakesink
 * ]|
 */
#include "gstreelsilence.h"

#include "reel-audio-util.h"

#include <math.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC (gst_reel_silence_debug);
#define GST_CAT_DEFAULT gst_reel_silence_debug

#define DEFAULT_THRESHOLD -50.0
#define DEFAULT_MIN_DURATION 0.5
#define WINDOW_SECONDS 0.010
#define MAX_CHANNELS 8

struct _GstReelSilence {
  GstAudioFilter parent;

  /* Properties, under the object lock. */
  gdouble threshold;
  gdouble min_duration;

  /* Streaming state. */
  gint rate;
  gint channels;
  gboolean is_float;
  guint64 window;
  guint64 min_samples;
  /* mean square a window must stay under, per channel (full scale 1) */
  gdouble limit;
  ReelAudioPosition position;
  /* the window being filled: where it starts, how far it got, and the
   * per-channel sums of squares */
  guint64 window_start;
  guint64 window_fill;
  gdouble sums[MAX_CHANNELS];
  /* the silence being followed, if any */
  gboolean in_silence;
  guint64 silence_start;
  guint64 end_of_audio;
  guint silences;
  guint64 silent;
  guint64 samples;
};

enum {
  PROP_0,
  PROP_THRESHOLD,
  PROP_MIN_DURATION,
};

#define gst_reel_silence_parent_class parent_class
G_DEFINE_TYPE (GstReelSilence, gst_reel_silence, GST_TYPE_AUDIO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelsilence, "reelsilence", GST_RANK_NONE,
    GST_TYPE_REEL_SILENCE);

static void
reset_analysis (GstReelSilence *self)
{
  reel_audio_position_reset (&self->position, self->rate);
  self->window_fill = 0;
  memset (self->sums, 0, sizeof (self->sums));
  self->in_silence = FALSE;
  self->silences = 0;
  self->silent = 0;
  self->samples = 0;
}

static gboolean
gst_reel_silence_setup (GstAudioFilter *filter, const GstAudioInfo *info)
{
  GstReelSilence *self = GST_REEL_SILENCE (filter);
  gdouble threshold, min_duration;

  GST_OBJECT_LOCK (self);
  threshold = self->threshold;
  min_duration = self->min_duration;
  GST_OBJECT_UNLOCK (self);

  self->rate = GST_AUDIO_INFO_RATE (info);
  self->channels = GST_AUDIO_INFO_CHANNELS (info);
  self->is_float = GST_AUDIO_INFO_FORMAT (info) == GST_AUDIO_FORMAT_F32LE;
  self->window = MAX (1, (guint64) llround (self->rate * WINDOW_SECONDS));
  self->min_samples = (guint64) llround (min_duration * self->rate);
  self->limit = pow (10.0, threshold / 10.0);
  reset_analysis (self);
  return TRUE;
}

/* Ends the silence being followed at sample end, posting it when long
 * enough. */
static void
close_silence (GstReelSilence *self, guint64 end)
{
  GstStructure *s;

  if (!self->in_silence)
    return;
  self->in_silence = FALSE;
  if (end <= self->silence_start
      || end - self->silence_start < self->min_samples)
    return;
  self->silences++;
  self->silent += reel_audio_sample_to_time (self->rate, end)
                  - reel_audio_sample_to_time (self->rate, self->silence_start);
  s = gst_structure_new ("reel-silence", "start", G_TYPE_UINT64,
      (guint64) reel_audio_sample_to_time (self->rate, self->silence_start),
      "end", G_TYPE_UINT64,
      (guint64) reel_audio_sample_to_time (self->rate, end), NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Judges the window being filled (possibly partial) and starts the next. */
static void
end_window (GstReelSilence *self)
{
  gboolean silent = TRUE;

  if (self->window_fill == 0)
    return;
  for (gint c = 0; c < self->channels; c++) {
    if (self->sums[c] >= self->limit * self->window_fill) {
      silent = FALSE;
      break;
    }
  }
  if (silent && !self->in_silence) {
    self->in_silence = TRUE;
    self->silence_start = self->window_start;
  } else if (!silent) {
    close_silence (self, self->window_start);
  }
  self->window_start += self->window_fill;
  self->window_fill = 0;
  memset (self->sums, 0, sizeof (self->sums));
}

static void
accumulate (GstReelSilence *self, const guint8 *data, guint64 n_frames)
{
  gint channels = self->channels;

  if (self->is_float) {
    const gfloat *in = (const gfloat *) data;

    for (guint64 i = 0; i < n_frames; i++, in += channels)
      for (gint c = 0; c < channels; c++)
        self->sums[c] += in[c] * in[c];
  } else {
    const gint16 *in = (const gint16 *) data;
    const gdouble scale = 1.0 / (32768.0 * 32768.0);

    for (guint64 i = 0; i < n_frames; i++, in += channels)
      for (gint c = 0; c < channels; c++)
        self->sums[c] += (gint32) in[c] * in[c] * scale;
  }
  self->window_fill += n_frames;
}

static GstFlowReturn
gst_reel_silence_transform_ip (GstBaseTransform *trans, GstBuffer *buffer)
{
  GstReelSilence *self = GST_REEL_SILENCE (trans);
  const GstAudioInfo *info = &GST_AUDIO_FILTER (trans)->info;
  guint bpf = GST_AUDIO_INFO_BPF (info);
  GstMapInfo map;
  guint64 at, done = 0, n_frames;

  if (self->rate == 0) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
        ("no format was negotiated"));
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_ERROR;
  n_frames = map.size / bpf;

  switch (reel_audio_position_update (&self->position, &trans->segment, buffer,
      n_frames, &at)) {
    case REEL_AUDIO_CONTINUOUS:
      break;
    case REEL_AUDIO_GAP:
    case REEL_AUDIO_BACKWARDS:
      end_window (self);
      close_silence (self, self->end_of_audio);
      /* fall through */
    case REEL_AUDIO_START:
      self->window_start = at;
      self->window_fill = 0;
      memset (self->sums, 0, sizeof (self->sums));
      break;
  }

  /* Windows end on multiples of the window length in stream time. */
  while (done < n_frames) {
    guint64 position = at + done;
    guint64 boundary = (position / self->window + 1) * self->window;
    guint64 take = MIN (boundary - position, n_frames - done);

    accumulate (self, map.data + done * bpf, take);
    done += take;
    if (position + take == boundary)
      end_window (self);
  }
  gst_buffer_unmap (buffer, &map);
  self->end_of_audio = at + n_frames;
  self->samples += n_frames;
  return GST_FLOW_OK;
}

static void
finish (GstReelSilence *self)
{
  GstStructure *s;

  if (self->samples == 0)
    return;
  end_window (self);
  close_silence (self, self->end_of_audio);
  s = gst_structure_new ("reel-silence-summary", "silences", G_TYPE_UINT,
      self->silences, "silent", G_TYPE_UINT64, self->silent, "duration",
      G_TYPE_UINT64,
      (guint64) reel_audio_sample_to_time (self->rate, self->samples), NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

static gboolean
gst_reel_silence_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  GstReelSilence *self = GST_REEL_SILENCE (trans);

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      /* Before EOS goes downstream, so the messages reach the bus first. */
      finish (self);
      reset_analysis (self);
      break;
    case GST_EVENT_FLUSH_STOP:
      reset_analysis (self);
      break;
    default:
      break;
  }
  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

static gboolean
gst_reel_silence_stop (GstBaseTransform *trans)
{
  GstReelSilence *self = GST_REEL_SILENCE (trans);

  reset_analysis (self);
  self->rate = 0;
  return TRUE;
}

static void
gst_reel_silence_set_property (GObject *object, guint prop_id,
    const GValue *value, GParamSpec *pspec)
{
  GstReelSilence *self = GST_REEL_SILENCE (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      self->threshold = g_value_get_double (value);
      break;
    case PROP_MIN_DURATION:
      self->min_duration = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_reel_silence_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  GstReelSilence *self = GST_REEL_SILENCE (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_MIN_DURATION:
      g_value_set_double (value, self->min_duration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_reel_silence_class_init (GstReelSilenceClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstAudioFilterClass *filter_class = GST_AUDIO_FILTER_CLASS (klass);
  GstCaps *caps;

  gobject_class->set_property = gst_reel_silence_set_property;
  gobject_class->get_property = gst_reel_silence_get_property;

  /**
   * GstReelSilence:threshold:
   *
   * The RMS level, in dBFS, under which a 10 ms window is silent (on every
   * channel). Read when the format is negotiated.
   */
  g_object_class_install_property (gobject_class, PROP_THRESHOLD,
      g_param_spec_double ("threshold", "Threshold",
          "RMS level in dBFS under which audio is silent", -120.0, 0.0,
          DEFAULT_THRESHOLD,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * GstReelSilence:min-duration:
   *
   * The shortest silence reported, in seconds. Read when the format is
   * negotiated.
   */
  g_object_class_install_property (gobject_class, PROP_MIN_DURATION,
      g_param_spec_double ("min-duration", "Minimum duration",
          "Shortest silence reported, in seconds", 0.01, 3600.0,
          DEFAULT_MIN_DURATION,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));

  gst_element_class_set_static_metadata (element_class, "Silence detector",
      "Filter/Analyzer/Audio",
      "Finds the ranges where audio stays under a level for a while",
      "reel developers");
  caps = gst_caps_from_string (REEL_AUDIO_CAPS);
  gst_audio_filter_class_add_pad_templates (filter_class, caps);
  gst_caps_unref (caps);

  trans_class->passthrough_on_same_caps = TRUE;
  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_reel_silence_transform_ip);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_reel_silence_sink_event);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_reel_silence_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_reel_silence_setup);

  GST_DEBUG_CATEGORY_INIT (gst_reel_silence_debug, "reelsilence", 0,
      "reel silence detector");
}

static void
gst_reel_silence_init (GstReelSilence *self)
{
  self->threshold = DEFAULT_THRESHOLD;
  self->min_duration = DEFAULT_MIN_DURATION;
}
