/* reel — reelwaveform: min/max peaks of an audio stream for waveform
 * displays.
 *
 * A passthrough GstAudioFilter that downmixes to mono and keeps the lowest
 * and highest sample of every `samples-per-pixel` samples, as BBC's
 * audiowaveform does for its 8-bit output (the waveform-data format that
 * peaks.js reads), and posts them about once a second. The analyser's
 * summarise function (reel-audio.c) joins the chunks into audiowaveform's
 * JSON. Constant memory, no allocation per buffer (one per message).
 */
/**
 * SECTION:element-reelwaveform
 * @title: reelwaveform
 *
 * reelwaveform computes the peaks a waveform display draws, in the layout
 * of BBC audiowaveform's 8-bit data (which peaks.js and waveform-data.js
 * read). It does not change the audio.
 *
 * Channels are averaged to one. Pixel `k` covers the samples `k · N …
 * (k + 1) · N − 1` of stream time, N being #GstReelWaveform:samples-per-pixel
 * (or the sample rate divided by #GstReelWaveform:pixels-per-second). For
 * each pixel it keeps the lowest and the highest sample, converted as
 * audiowaveform does: to 16 bits (full scale ±32768, clamped), then divided
 * by 256 with truncation towards zero, giving −128…127.
 *
 * About once a second of audio (and at the end, and before a gap) it posts
 * an element message named `reel-waveform`:
 *
 * * #guint64 `timestamp`: the stream time of the first pixel's first
 *   sample, in nanoseconds.
 * * #gint `sample-rate`: the sample rate, in Hz.
 * * #gint `samples-per-pixel`: N.
 * * #guint64 `first-pixel`: the index of the first pixel (pixel 0 starts at
 *   stream time 0).
 * * #guint `pixels`: how many pixels follow.
 * * #GstBuffer `data`: 2 · `pixels` signed bytes, the minimum then the
 *   maximum of each pixel.
 *
 * A pixel cut by the end of the stream holds the samples there were. Pixels
 * in a gap of the timestamps are not posted (a display draws them flat).
 * Nothing is posted for a stream that carried no audio.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m filesrc location=song.ogg ! decodebin ! audioconvert ! \
 *     reelwaveform pixels-per-second=20 ! fakesink
 * ]|
 */
#include "gstreelwaveform.h"

#include "reel-audio-util.h"

#include <math.h>

GST_DEBUG_CATEGORY_STATIC (gst_reel_waveform_debug);
#define GST_CAT_DEFAULT gst_reel_waveform_debug

#define DEFAULT_PIXELS_PER_SECOND 100
#define DEFAULT_SAMPLES_PER_PIXEL 0

struct _GstReelWaveform {
  GstAudioFilter parent;

  /* Properties, under the object lock. */
  gint pixels_per_second;
  gint samples_per_pixel;

  /* Streaming state. */
  gint rate;
  guint64 spp;
  ReelAudioPosition position;
  gfloat *mono;
  guint mono_len;
  /* the pixel being filled */
  guint64 pixel;
  guint64 pixel_fill;
  gfloat low;
  gfloat high;
  /* the pixels waiting to be posted: 2 bytes each */
  gint8 *chunk;
  guint chunk_max;
  guint chunk_len;
  guint64 chunk_first;
  guint64 samples;
};

enum {
  PROP_0,
  PROP_PIXELS_PER_SECOND,
  PROP_SAMPLES_PER_PIXEL,
};

#define gst_reel_waveform_parent_class parent_class
G_DEFINE_TYPE (GstReelWaveform, gst_reel_waveform, GST_TYPE_AUDIO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelwaveform, "reelwaveform", GST_RANK_NONE,
    GST_TYPE_REEL_WAVEFORM);

static void
reset_analysis (GstReelWaveform *self)
{
  reel_audio_position_reset (&self->position, self->rate);
  self->pixel_fill = 0;
  self->chunk_len = 0;
  self->samples = 0;
}

static gboolean
gst_reel_waveform_setup (GstAudioFilter *filter, const GstAudioInfo *info)
{
  GstReelWaveform *self = GST_REEL_WAVEFORM (filter);
  gint pps, spp;

  GST_OBJECT_LOCK (self);
  pps = self->pixels_per_second;
  spp = self->samples_per_pixel;
  GST_OBJECT_UNLOCK (self);

  self->rate = GST_AUDIO_INFO_RATE (info);
  /* audiowaveform's --pixels-per-second: an integer division. */
  self->spp = spp > 0 ? (guint64) spp : (guint64) MAX (2, self->rate / pps);
  self->chunk_max = MAX (1, (guint) (self->rate / self->spp));
  g_free (self->chunk);
  self->chunk = g_new (gint8, 2 * self->chunk_max);
  reset_analysis (self);
  GST_INFO_OBJECT (self, "%" G_GUINT64_FORMAT " samples per pixel at %d Hz",
      self->spp, self->rate);
  return TRUE;
}

static gint8
to_8_bits (gfloat value)
{
  glong v = lrintf (value * 32768.0f);

  return (gint8) (CLAMP (v, -32768, 32767) / 256);
}

static void
post_chunk (GstReelWaveform *self)
{
  GstStructure *s;
  GstBuffer *data;

  if (self->chunk_len == 0)
    return;
  data = gst_buffer_new_memdup (self->chunk, 2 * self->chunk_len);
  s = gst_structure_new ("reel-waveform", "timestamp", G_TYPE_UINT64,
      (guint64) reel_audio_sample_to_time (self->rate,
          (gdouble) self->chunk_first * self->spp),
      "sample-rate", G_TYPE_INT, self->rate, "samples-per-pixel", G_TYPE_INT,
      (gint) self->spp, "first-pixel", G_TYPE_UINT64, self->chunk_first,
      "pixels", G_TYPE_UINT, self->chunk_len, "data", GST_TYPE_BUFFER, data,
      NULL);
  gst_buffer_unref (data);
  self->chunk_len = 0;
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Closes the pixel being filled. */
static void
end_pixel (GstReelWaveform *self)
{
  if (self->pixel_fill == 0)
    return;
  if (self->chunk_len > 0 && self->chunk_first + self->chunk_len != self->pixel)
    post_chunk (self);
  if (self->chunk_len == 0)
    self->chunk_first = self->pixel;
  self->chunk[2 * self->chunk_len] = to_8_bits (self->low);
  self->chunk[2 * self->chunk_len + 1] = to_8_bits (self->high);
  self->chunk_len++;
  self->pixel_fill = 0;
  if (self->chunk_len == self->chunk_max)
    post_chunk (self);
}

static GstFlowReturn
gst_reel_waveform_transform_ip (GstBaseTransform *trans, GstBuffer *buffer)
{
  GstReelWaveform *self = GST_REEL_WAVEFORM (trans);
  const GstAudioInfo *info = &GST_AUDIO_FILTER (trans)->info;
  GstMapInfo map;
  guint n_frames, done = 0;
  guint64 at;

  if (self->chunk == NULL) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
        ("no format was negotiated"));
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_ERROR;
  n_frames = map.size / GST_AUDIO_INFO_BPF (info);

  switch (reel_audio_position_update (&self->position, &trans->segment, buffer,
      n_frames, &at)) {
    case REEL_AUDIO_CONTINUOUS:
      break;
    case REEL_AUDIO_GAP:
    case REEL_AUDIO_BACKWARDS:
      if (at / self->spp != self->pixel) {
        end_pixel (self);
        post_chunk (self);
      }
      /* fall through */
    case REEL_AUDIO_START:
      if (self->pixel_fill == 0)
        self->pixel = at / self->spp;
      break;
  }

  if (self->mono_len < n_frames) {
    g_free (self->mono);
    self->mono = g_new (gfloat, n_frames);
    self->mono_len = n_frames;
  }
  reel_audio_downmix (info, map.data, n_frames, self->mono);
  gst_buffer_unmap (buffer, &map);

  while (done < n_frames) {
    guint64 position = at + done;
    guint64 boundary = (position / self->spp + 1) * self->spp;
    guint take = MIN (boundary - position, n_frames - done);
    const gfloat *x = self->mono + done;
    gfloat low, high;

    if (self->pixel_fill == 0) {
      self->pixel = position / self->spp;
      self->low = self->high = x[0];
    }
    low = self->low;
    high = self->high;
    for (guint i = 0; i < take; i++) {
      low = MIN (low, x[i]);
      high = MAX (high, x[i]);
    }
    self->low = low;
    self->high = high;
    self->pixel_fill += take;
    done += take;
    if (position + take == boundary)
      end_pixel (self);
  }
  self->samples += n_frames;
  return GST_FLOW_OK;
}

static gboolean
gst_reel_waveform_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  GstReelWaveform *self = GST_REEL_WAVEFORM (trans);

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      /* Before EOS goes downstream, so the last chunk reaches the bus
       * first. */
      if (self->chunk != NULL) {
        end_pixel (self);
        post_chunk (self);
      }
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
gst_reel_waveform_stop (GstBaseTransform *trans)
{
  GstReelWaveform *self = GST_REEL_WAVEFORM (trans);

  g_clear_pointer (&self->chunk, g_free);
  g_clear_pointer (&self->mono, g_free);
  self->mono_len = 0;
  reset_analysis (self);
  return TRUE;
}

static void
gst_reel_waveform_set_property (GObject *object, guint prop_id,
    const GValue *value, GParamSpec *pspec)
{
  GstReelWaveform *self = GST_REEL_WAVEFORM (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_PIXELS_PER_SECOND:
      self->pixels_per_second = g_value_get_int (value);
      break;
    case PROP_SAMPLES_PER_PIXEL:
      self->samples_per_pixel = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_reel_waveform_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  GstReelWaveform *self = GST_REEL_WAVEFORM (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_PIXELS_PER_SECOND:
      g_value_set_int (value, self->pixels_per_second);
      break;
    case PROP_SAMPLES_PER_PIXEL:
      g_value_set_int (value, self->samples_per_pixel);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_reel_waveform_finalize (GObject *object)
{
  GstReelWaveform *self = GST_REEL_WAVEFORM (object);

  g_free (self->chunk);
  g_free (self->mono);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_reel_waveform_class_init (GstReelWaveformClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstAudioFilterClass *filter_class = GST_AUDIO_FILTER_CLASS (klass);
  GstCaps *caps;

  gobject_class->set_property = gst_reel_waveform_set_property;
  gobject_class->get_property = gst_reel_waveform_get_property;
  gobject_class->finalize = gst_reel_waveform_finalize;

  /**
   * GstReelWaveform:pixels-per-second:
   *
   * Pixels per second of audio, when #GstReelWaveform:samples-per-pixel is
   * 0: N is the sample rate divided by it (an integer division, as
   * audiowaveform's `--pixels-per-second`). Read when the format is
   * negotiated.
   */
  g_object_class_install_property (gobject_class, PROP_PIXELS_PER_SECOND,
      g_param_spec_int ("pixels-per-second", "Pixels per second",
          "Pixels per second of audio (when samples-per-pixel is 0)", 1, 1000,
          DEFAULT_PIXELS_PER_SECOND,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * GstReelWaveform:samples-per-pixel:
   *
   * Samples per pixel (audiowaveform's `--zoom`); 0 derives it from
   * #GstReelWaveform:pixels-per-second. Read when the format is negotiated.
   */
  g_object_class_install_property (gobject_class, PROP_SAMPLES_PER_PIXEL,
      g_param_spec_int ("samples-per-pixel", "Samples per pixel",
          "Samples per pixel (0: from pixels-per-second)", 0, 1 << 24,
          DEFAULT_SAMPLES_PER_PIXEL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));

  gst_element_class_set_static_metadata (element_class, "Waveform peaks",
      "Filter/Analyzer/Audio",
      "Computes min/max peaks per pixel in the layout of BBC audiowaveform "
      "(for peaks.js)",
      "reel developers");
  caps = gst_caps_from_string (REEL_AUDIO_CAPS);
  gst_audio_filter_class_add_pad_templates (filter_class, caps);
  gst_caps_unref (caps);

  trans_class->passthrough_on_same_caps = TRUE;
  trans_class->transform_ip =
      GST_DEBUG_FUNCPTR (gst_reel_waveform_transform_ip);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_reel_waveform_sink_event);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_reel_waveform_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_reel_waveform_setup);

  GST_DEBUG_CATEGORY_INIT (gst_reel_waveform_debug, "reelwaveform", 0,
      "reel waveform peaks");
}

static void
gst_reel_waveform_init (GstReelWaveform *self)
{
  self->pixels_per_second = DEFAULT_PIXELS_PER_SECOND;
  self->samples_per_pixel = DEFAULT_SAMPLES_PER_PIXEL;
}
