/* reel — reelbeats: onsets, beats and the tempo of an audio stream.
 *
 * A passthrough GstAudioFilter that downmixes each buffer to mono, cuts it
 * into hops and runs aubio on every hop: aubio_onset finds the onsets (posted
 * as they are found) and its detection function is kept for the whole
 * stream; aubio_tempo tracks the beats as it goes. At the end of the stream
 * reel-beat-grid.c estimates one tempo from the whole detection function and
 * places the beats at that tempo, with aubio's as votes, and this element
 * posts them and the tempo. Memory grows by one float per hop (about 0.7 MB
 * an hour at 48 kHz); the end-of-stream analysis takes about 0.3 s an hour.
 */
/**
 * SECTION:element-reelbeats
 * @title: reelbeats
 *
 * reelbeats finds onsets, beats and the tempo of the audio that passes
 * through it, with aubio (`aubio_onset`, `aubio_tempo`). It does not change
 * the audio.
 *
 * While the stream plays it posts an element message named `reel-onset` for
 * every onset:
 *
 * * #guint64 `timestamp`: the stream time of the onset, in nanoseconds.
 * * #gdouble `strength`: 0…1, the onset's detection value relative to the
 *   loudest onset of the last seconds. Onsets weaker than 0.05 are not
 *   posted.
 *
 * aubio's running tempo can settle on 2/3 or 4/3 of the real one on dense
 * drums, and it predicts no beat in the first seconds. So the beats are
 * decided at the end of the stream, from the tempo of the whole track (the
 * autocorrelation of the onset function, see reel-beat-grid.c), and posted
 * then, in order, one element message named `reel-beat` each:
 *
 * * #guint64 `timestamp`: the stream time of the beat, in nanoseconds.
 * * #gdouble `confidence`: 0…1, the onset strength under the beat relative
 *   to a typical beat's (1 for a typical beat or a stronger one).
 *
 * and last, one element message named `reel-tempo`:
 *
 * * #gdouble `bpm`: the tempo of the whole stream, in beats per minute; 0
 *   when none was found: less than three beats of audio, or fewer than four
 *   onsets (silence, a steady tone, noise).
 * * #gdouble `confidence`: 0…1, the normalised autocorrelation of the onset
 *   function at the beat period (about 0.9 for a click track, under 0.3 for
 *   speech).
 * * #gdouble `aubio-bpm`: aubio's own running estimate at the end of the
 *   stream, for comparison.
 * * #guint `beats`: how many `reel-beat` messages were posted.
 * * #guint64 `duration`: how much audio was analysed, in nanoseconds.
 *
 * Nothing is posted at the end of a stream that carried no audio.
 *
 * Times are stream times (gst_segment_to_stream_time()), and are corrected
 * for aubio's analysis latency: a detection-function frame is timed where a
 * click that peaks in it starts, 0.223 · buf-size − 0.642 · hop-size samples
 * before the frame's hop (calibrated on click tracks: residual bias under
 * 2 ms for hop sizes from buf-size / 8 to buf-size / 2). Encoder priming is
 * not corrected: samples are timed as the decoder stamps them. avdec_aac
 * keeps AAC's 1024 priming samples of an MP4 without an edit list (near
 * silence at the start, as the test media's truth assumes); faad, which
 * playbin picks, drops them, which makes every time on such files 21.3 ms
 * (at 48 kHz) early.
 *
 * A gap in the timestamps is analysed as silence; a jump backwards, or a
 * flush, starts the analysis afresh.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 -m filesrc location=song.mp3 ! decodebin ! audioconvert ! \
 *     audioresample ! reelbeats ! fakesink
 * ]|
 */
#include "gstreelbeats.h"

#include "reel-audio-util.h"
#include "reel-beat-grid.h"

#include <aubio/aubio.h>
#include <math.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC (gst_reel_beats_debug);
#define GST_CAT_DEFAULT gst_reel_beats_debug

#define DEFAULT_METHOD GST_REEL_BEATS_METHOD_DEFAULT
#define DEFAULT_BUF_SIZE 0
#define DEFAULT_HOP_SIZE 0
#define DEFAULT_THRESHOLD 0.3
#define DEFAULT_MIN_BPM 60.0
#define DEFAULT_MAX_BPM 200.0

/* aubio_onset's own silence gate: frames under it carry no beat. */
#define SILENCE_DB -70.0
/* The low band (a second-order low-pass) whose energy flux is added to
 * aubio's detection function: spectral flux sums magnitude changes over all
 * bins, so a kick drum (a few low bins) weighs far less than a hi-hat
 * (every bin) though it carries the beat. LOW_WEIGHT · buf-size / 2 puts
 * the band's RMS flux on the flux's scale (a sine of amplitude A peaks at
 * about A · buf-size / 4 in its bin). */
#define LOW_BAND_HZ 150.0
#define LOW_WEIGHT 3.0
/* Onsets weaker than this, relative to the loudest of the last seconds,
 * are noise in the detection function (aubio's peak picker is local). */
#define ONSET_FLOOR 0.05
#define ONSET_PEAK_HALF_LIFE 3.0
/* How far back aubio's peak picker reports an onset: it needs the frames
 * after the peak to see it. */
#define ONSET_LOOKBACK 6
/* Onsets closer than this to the previous one are the same onset (aubio's
 * default minimum inter-onset interval). */
#define ONSET_MIN_INTERVAL 0.020
/* A tempo needs onsets: a steady tone or noise has none, though tiny
 * periodic ripples of its detection function (spectral leakage beating
 * with the hop) would give it one. */
#define MIN_ONSETS 4

struct _GstReelBeats {
  GstAudioFilter parent;

  /* Properties, under the object lock. */
  GstReelBeatsMethod method;
  guint buf_size;
  guint hop_size;
  gdouble threshold;
  gdouble min_bpm;
  gdouble max_bpm;

  /* Streaming state, set up in setup () from the properties and touched by
   * the streaming thread only. */
  gint rate;
  guint buf;
  guint hop;
  gchar *aubio_method;
  gdouble aubio_threshold;
  gdouble min, max;
  aubio_tempo_t *tempo;
  aubio_onset_t *onset;
  aubio_filter_t *lowpass;
  fvec_t *block;
  fvec_t *low_block;
  fvec_t *tempo_out;
  fvec_t *onset_out;
  gfloat *mono;
  guint mono_len;
  guint fill;
  ReelAudioPosition position;
  /* stream-time sample index of detection frame 0 */
  guint64 origin;
  /* the detection function so far, one value per hop */
  GArray *odf;
  /* aubio's beats, in detection frames */
  GArray *aubio_beats;
  /* the detection frame where the current aubio objects started */
  guint64 aubio_frame0;
  guint last_beat;
  gdouble low_previous;
  gdouble onset_peak;
  gdouble onset_decay;
  gint64 last_onset_frame;
  gint64 onset_min_frames;
  guint onsets;
  guint64 samples;
};

enum {
  PROP_0,
  PROP_METHOD,
  PROP_BUF_SIZE,
  PROP_HOP_SIZE,
  PROP_THRESHOLD,
  PROP_MIN_BPM,
  PROP_MAX_BPM,
};

#define gst_reel_beats_parent_class parent_class
G_DEFINE_TYPE (GstReelBeats, gst_reel_beats, GST_TYPE_AUDIO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (reelbeats, "reelbeats", GST_RANK_NONE,
    GST_TYPE_REEL_BEATS);

static const GEnumValue methods[] = {
  { GST_REEL_BEATS_METHOD_DEFAULT, "aubio's default (spectral flux)",
      "default" },
  { GST_REEL_BEATS_METHOD_ENERGY, "Local energy", "energy" },
  { GST_REEL_BEATS_METHOD_HFC, "High frequency content", "hfc" },
  { GST_REEL_BEATS_METHOD_COMPLEX, "Complex domain", "complex" },
  { GST_REEL_BEATS_METHOD_PHASE, "Phase deviation", "phase" },
  { GST_REEL_BEATS_METHOD_WPHASE, "Weighted phase deviation", "wphase" },
  { GST_REEL_BEATS_METHOD_SPECDIFF, "Spectral difference", "specdiff" },
  { GST_REEL_BEATS_METHOD_KL, "Kullback-Leibler", "kl" },
  { GST_REEL_BEATS_METHOD_MKL, "Modified Kullback-Leibler", "mkl" },
  { GST_REEL_BEATS_METHOD_SPECFLUX, "Spectral flux", "specflux" },
  { 0, NULL, NULL },
};

GType
gst_reel_beats_method_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstReelBeatsMethod", methods);

    g_once_init_leave (&type, t);
  }
  return type;
}

static void
free_aubio (GstReelBeats *self)
{
  g_clear_pointer (&self->tempo, del_aubio_tempo);
  g_clear_pointer (&self->onset, del_aubio_onset);
  g_clear_pointer (&self->lowpass, del_aubio_filter);
}

static gboolean
make_aubio (GstReelBeats *self)
{
  /* An RBJ-cookbook Butterworth low-pass (Q = 1/√2). */
  gdouble w0 = 2.0 * G_PI * LOW_BAND_HZ / self->rate;
  gdouble alpha = sin (w0) / G_SQRT2;
  gdouble cw = cos (w0), a0 = 1.0 + alpha;

  free_aubio (self);
  self->tempo =
      new_aubio_tempo (self->aubio_method, self->buf, self->hop, self->rate);
  self->onset =
      new_aubio_onset (self->aubio_method, self->buf, self->hop, self->rate);
  if (self->tempo == NULL || self->onset == NULL)
    return FALSE;
  aubio_tempo_set_threshold (self->tempo, self->aubio_threshold);
  aubio_onset_set_threshold (self->onset, self->aubio_threshold);
  /* Times are corrected here, on the detection frames; aubio's own delay
   * would be a second correction. */
  aubio_onset_set_delay (self->onset, 0);
  aubio_tempo_set_delay (self->tempo, 0);
  aubio_onset_set_silence (self->onset, SILENCE_DB);
  /* aubio's own minimum interval would let a rejected noise onset mask the
   * real one right after it; the interval is enforced after the floor. */
  aubio_onset_set_minioi (self->onset, 0);

  self->lowpass =
      new_aubio_filter_biquad ((1.0 - cw) / 2.0 / a0, (1.0 - cw) / a0,
          (1.0 - cw) / 2.0 / a0, -2.0 * cw / a0, (1.0 - alpha) / a0);
  self->aubio_frame0 = self->odf->len;
  self->last_beat = 0;
  self->low_previous = 0.0;
  return self->lowpass != NULL;
}

/* Forgets everything about the stream so far (after a flush or a jump
 * backwards). */
static void
reset_analysis (GstReelBeats *self)
{
  if (self->odf != NULL)
    g_array_set_size (self->odf, 0);
  if (self->aubio_beats != NULL)
    g_array_set_size (self->aubio_beats, 0);
  reel_audio_position_reset (&self->position, self->rate);
  self->fill = 0;
  self->origin = 0;
  self->samples = 0;
  self->onset_peak = 0.0;
  self->last_onset_frame = -1;
  self->onsets = 0;
  if (self->rate > 0 && self->hop > 0 && !make_aubio (self))
    GST_WARNING_OBJECT (self, "aubio refused its parameters");
}

static GstClockTime
frame_to_time (GstReelBeats *self, gdouble frame)
{
  gdouble latency = 0.223 * self->buf - 0.642 * self->hop;

  return reel_audio_sample_to_time (self->rate,
      (gdouble) self->origin + frame * self->hop - latency);
}

static void
post_onset (GstReelBeats *self, guint64 frame, gdouble strength)
{
  const gfloat *odf = (const gfloat *) self->odf->data;
  gdouble position = frame;
  GstStructure *s;

  /* Between frames, where a parabola through the peak puts it. */
  if (frame >= 1 && frame + 1 < self->odf->len) {
    gdouble a = MAX (odf[frame - 1], 0.0f), b = odf[frame];
    gdouble c = MAX (odf[frame + 1], 0.0f);

    if (a - 2 * b + c < 0.0)
      position += CLAMP (0.5 * (a - c) / (a - 2 * b + c), -0.5, 0.5);
  }
  s = gst_structure_new ("reel-onset", "timestamp", G_TYPE_UINT64,
      (guint64) frame_to_time (self, position), "strength", G_TYPE_DOUBLE,
      CLAMP (strength, 0.0, 1.0), NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* One hop of mono samples in self->block. */
static void
process_hop (GstReelBeats *self)
{
  guint hop = self->hop;
  gfloat value, flux;
  gdouble energy = 0.0, amplitude, low_flux;
  guint last;

  aubio_tempo_do (self->tempo, self->block, self->tempo_out);
  aubio_onset_do (self->onset, self->block, self->onset_out);
  flux = aubio_onset_get_descriptor (self->onset);

  fvec_copy (self->block, self->low_block);
  aubio_filter_do (self->lowpass, self->low_block);
  for (guint i = 0; i < hop; i++)
    energy += self->low_block->data[i] * self->low_block->data[i];
  amplitude = sqrt (energy / hop);
  low_flux = MAX (0.0, amplitude - self->low_previous);
  self->low_previous = amplitude;

  if (aubio_silence_detection (self->block, SILENCE_DB))
    value = REEL_BEAT_GRID_SILENT;
  else
    value = MAX (0.0f, flux) + LOW_WEIGHT * self->buf / 2.0 * low_flux;
  g_array_append_val (self->odf, value);

  /* aubio_tempo_get_last () moves when aubio predicts a beat in this hop;
   * aubio drops beats in silence the same way. */
  last = aubio_tempo_get_last (self->tempo);
  if (last != self->last_beat) {
    self->last_beat = last;
    if (!aubio_silence_detection (self->block,
            aubio_tempo_get_silence (self->tempo))) {
      gdouble frame = self->aubio_frame0 + (gdouble) last / hop;

      g_array_append_val (self->aubio_beats, frame);
    }
  }

  self->onset_peak = MAX (self->onset_peak * self->onset_decay, value);
  if (self->onset_out->data[0] > 0.0 && self->onset_peak > 0.0) {
    /* aubio reports an onset a few hops after its peak: find the peak. */
    guint64 n = self->odf->len;
    guint64 from = n > ONSET_LOOKBACK ? n - ONSET_LOOKBACK : 0;
    guint64 best = n - 1;
    const gfloat *odf = (const gfloat *) self->odf->data;

    from = MAX (from, self->aubio_frame0);
    for (guint64 i = from; i < n; i++)
      if (odf[i] > odf[best])
        best = i;
    if ((gint64) best > self->last_onset_frame + self->onset_min_frames
        && odf[best] >= ONSET_FLOOR * self->onset_peak) {
      self->last_onset_frame = best;
      self->onsets++;
      post_onset (self, best, odf[best] / self->onset_peak);
    }
  }
}

static gboolean
gst_reel_beats_setup (GstAudioFilter *filter, const GstAudioInfo *info)
{
  GstReelBeats *self = GST_REEL_BEATS (filter);
  GEnumClass *klass;
  guint buf, hop;
  gint rate;

  GST_OBJECT_LOCK (self);
  buf = self->buf_size;
  hop = self->hop_size;
  klass = g_type_class_ref (GST_TYPE_REEL_BEATS_METHOD);
  g_free (self->aubio_method);
  self->aubio_method =
      g_strdup (self->method == GST_REEL_BEATS_METHOD_DEFAULT
                    ? "specflux"
                    : g_enum_get_value (klass, self->method)->value_nick);
  g_type_class_unref (klass);
  self->aubio_threshold = self->threshold;
  self->min = self->min_bpm;
  self->max = self->max_bpm;
  GST_OBJECT_UNLOCK (self);

  rate = GST_AUDIO_INFO_RATE (info);
  /* Automatic: the power of two nearest 21.3 ms (1024 at 44.1 and 48 kHz),
   * and half of it between hops, as aubio's own tools do. */
  if (buf == 0)
    buf = 1u << (guint) lround (log2 (rate * 0.0213));
  if (hop == 0)
    hop = buf / 2;
  if (hop > buf) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("hop-size (%u) must not exceed buf-size (%u)", hop, buf), (NULL));
    return FALSE;
  }
  if (self->min >= self->max) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("min-bpm (%g) must be lower than max-bpm (%g)", self->min, self->max),
        (NULL));
    return FALSE;
  }
  self->rate = rate;
  self->buf = buf;
  self->hop = hop;

  g_clear_pointer (&self->block, del_fvec);
  g_clear_pointer (&self->low_block, del_fvec);
  self->block = new_fvec (hop);
  self->low_block = new_fvec (hop);
  self->onset_decay = exp2 (-(gdouble) hop / self->rate / ONSET_PEAK_HALF_LIFE);
  self->onset_min_frames = (gint64) (ONSET_MIN_INTERVAL * self->rate / hop);
  reset_analysis (self);
  if (self->tempo == NULL || self->onset == NULL) {
    GST_ELEMENT_ERROR (self, LIBRARY, INIT,
        ("aubio cannot analyse with method '%s', buf-size %u, hop-size %u "
         "at %d Hz",
            self->aubio_method, buf, hop, self->rate),
        (NULL));
    return FALSE;
  }
  GST_INFO_OBJECT (self, "method %s, buf %u, hop %u, %d Hz", self->aubio_method,
      buf, hop, self->rate);
  return TRUE;
}

static GstFlowReturn
gst_reel_beats_transform_ip (GstBaseTransform *trans, GstBuffer *buffer)
{
  GstReelBeats *self = GST_REEL_BEATS (trans);
  GstAudioFilter *filter = GST_AUDIO_FILTER (trans);
  const GstAudioInfo *info = &filter->info;
  GstMapInfo map;
  guint n_frames, bpf = GST_AUDIO_INFO_BPF (info);
  guint64 first;
  const guint8 *data;

  if (self->tempo == NULL) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
        ("no format was negotiated"));
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_ERROR;
  n_frames = map.size / bpf;

  switch (reel_audio_position_update (&self->position, &trans->segment, buffer,
      n_frames, &first)) {
    case REEL_AUDIO_START:
      self->origin = first;
      break;
    case REEL_AUDIO_CONTINUOUS:
      break;
    case REEL_AUDIO_BACKWARDS:
      GST_WARNING_OBJECT (self, "timestamps went backwards; starting over");
      reset_analysis (self);
      reel_audio_position_update (&self->position, &trans->segment, buffer,
          n_frames, &first);
      self->origin = first;
      break;
    case REEL_AUDIO_GAP: {
      /* Silent frames up to the new position, fresh aubio objects, and the
       * new samples at their place within their hop. */
      guint64 frame = (first - self->origin) / self->hop;
      gfloat silent = REEL_BEAT_GRID_SILENT;

      GST_DEBUG_OBJECT (self, "gap before sample %" G_GUINT64_FORMAT, first);
      while (self->odf->len < frame)
        g_array_append_val (self->odf, silent);
      make_aubio (self);
      self->fill = (first - self->origin) % self->hop;
      fvec_zeros (self->block);
      break;
    }
  }

  if (self->mono_len < n_frames) {
    g_free (self->mono);
    self->mono = g_new (gfloat, n_frames);
    self->mono_len = n_frames;
  }
  data = map.data;
  reel_audio_downmix (info, data, n_frames, self->mono);
  gst_buffer_unmap (buffer, &map);

  for (guint i = 0; i < n_frames;) {
    guint take = MIN (self->hop - self->fill, n_frames - i);

    memcpy (self->block->data + self->fill, self->mono + i,
        take * sizeof (gfloat));
    self->fill += take;
    i += take;
    if (self->fill == self->hop) {
      process_hop (self);
      self->fill = 0;
    }
  }
  self->samples += n_frames;
  return GST_FLOW_OK;
}

static void
finish (GstReelBeats *self)
{
  ReelBeatGridResult result;
  GstStructure *s;
  gdouble aubio_bpm;

  if (self->samples == 0 || self->odf == NULL)
    return;
  reel_beat_grid_analyse ((const gfloat *) self->odf->data,
      self->onsets >= MIN_ONSETS ? self->odf->len : 0,
      (gdouble) self->rate / self->hop,
      (const gdouble *) self->aubio_beats->data, self->aubio_beats->len,
      self->min, self->max, &result);
  GST_INFO_OBJECT (self,
      "%u frames: %.2f BPM (confidence %.2f), %u beats; aubio %s",
      self->odf->len, result.bpm, result.confidence, result.beats->len,
      result.aubio_agreed ? "agreed" : "was overruled");

  for (guint i = 0; i < result.beats->len; i++) {
    ReelBeatGridBeat *b = &g_array_index (result.beats, ReelBeatGridBeat, i);

    s = gst_structure_new ("reel-beat", "timestamp", G_TYPE_UINT64,
        (guint64) frame_to_time (self, b->position), "confidence",
        G_TYPE_DOUBLE, b->confidence, NULL);
    gst_element_post_message (GST_ELEMENT (self),
        gst_message_new_element (GST_OBJECT (self), s));
  }
  aubio_bpm = self->tempo ? aubio_tempo_get_bpm (self->tempo) : 0.0;
  s = gst_structure_new ("reel-tempo", "bpm", G_TYPE_DOUBLE, result.bpm,
      "confidence", G_TYPE_DOUBLE, result.confidence, "aubio-bpm",
      G_TYPE_DOUBLE, aubio_bpm, "beats", G_TYPE_UINT, result.beats->len,
      "duration", G_TYPE_UINT64,
      (guint64) reel_audio_sample_to_time (self->rate, self->samples), NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
  reel_beat_grid_result_clear (&result);
}

static gboolean
gst_reel_beats_sink_event (GstBaseTransform *trans, GstEvent *event)
{
  GstReelBeats *self = GST_REEL_BEATS (trans);

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
gst_reel_beats_stop (GstBaseTransform *trans)
{
  GstReelBeats *self = GST_REEL_BEATS (trans);

  free_aubio (self);
  g_clear_pointer (&self->block, del_fvec);
  g_clear_pointer (&self->low_block, del_fvec);
  g_clear_pointer (&self->mono, g_free);
  self->mono_len = 0;
  self->rate = 0;
  reset_analysis (self);
  return TRUE;
}

static void
gst_reel_beats_set_property (GObject *object, guint prop_id,
    const GValue *value, GParamSpec *pspec)
{
  GstReelBeats *self = GST_REEL_BEATS (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_METHOD:
      self->method = g_value_get_enum (value);
      break;
    case PROP_BUF_SIZE:
      self->buf_size = g_value_get_uint (value);
      break;
    case PROP_HOP_SIZE:
      self->hop_size = g_value_get_uint (value);
      break;
    case PROP_THRESHOLD:
      self->threshold = g_value_get_double (value);
      break;
    case PROP_MIN_BPM:
      self->min_bpm = g_value_get_double (value);
      break;
    case PROP_MAX_BPM:
      self->max_bpm = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_reel_beats_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  GstReelBeats *self = GST_REEL_BEATS (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_BUF_SIZE:
      g_value_set_uint (value, self->buf_size);
      break;
    case PROP_HOP_SIZE:
      g_value_set_uint (value, self->hop_size);
      break;
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    case PROP_MIN_BPM:
      g_value_set_double (value, self->min_bpm);
      break;
    case PROP_MAX_BPM:
      g_value_set_double (value, self->max_bpm);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_reel_beats_finalize (GObject *object)
{
  GstReelBeats *self = GST_REEL_BEATS (object);

  free_aubio (self);
  g_clear_pointer (&self->block, del_fvec);
  g_clear_pointer (&self->low_block, del_fvec);
  g_clear_pointer (&self->tempo_out, del_fvec);
  g_clear_pointer (&self->onset_out, del_fvec);
  g_clear_pointer (&self->mono, g_free);
  g_clear_pointer (&self->odf, g_array_unref);
  g_clear_pointer (&self->aubio_beats, g_array_unref);
  g_clear_pointer (&self->aubio_method, g_free);
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_reel_beats_class_init (GstReelBeatsClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);
  GstAudioFilterClass *filter_class = GST_AUDIO_FILTER_CLASS (klass);
  GstCaps *caps;

  gobject_class->set_property = gst_reel_beats_set_property;
  gobject_class->get_property = gst_reel_beats_get_property;
  gobject_class->finalize = gst_reel_beats_finalize;

  /**
   * GstReelBeats:method:
   *
   * The onset detection function aubio computes on each hop, for the onsets
   * and the beats; "default" is spectral flux.
   */
  g_object_class_install_property (gobject_class, PROP_METHOD,
      g_param_spec_enum ("method", "Method", "aubio onset detection function",
          GST_TYPE_REEL_BEATS_METHOD, DEFAULT_METHOD,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * GstReelBeats:buf-size:
   *
   * The analysis window, in samples; 0 picks the power of two nearest
   * 21.3 ms (1024 at 44.1 and 48 kHz). Read when the format is negotiated.
   */
  g_object_class_install_property (gobject_class, PROP_BUF_SIZE,
      g_param_spec_uint ("buf-size", "Buffer size",
          "Analysis window in samples (0: about 21 ms)", 0, 16384,
          DEFAULT_BUF_SIZE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * GstReelBeats:hop-size:
   *
   * Samples between two analyses, at most buf-size; 0 is half of buf-size.
   * The times of onsets and beats are resolved to a fraction of it.
   */
  g_object_class_install_property (gobject_class, PROP_HOP_SIZE,
      g_param_spec_uint ("hop-size", "Hop size",
          "Samples between analyses (0: half the window)", 0, 16384,
          DEFAULT_HOP_SIZE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * GstReelBeats:threshold:
   *
   * aubio's peak-picking threshold for onsets and for the beat tracker:
   * higher finds fewer onsets.
   */
  g_object_class_install_property (gobject_class, PROP_THRESHOLD,
      g_param_spec_double ("threshold", "Threshold",
          "aubio peak-picking threshold", 0.001, 1.0, DEFAULT_THRESHOLD,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * GstReelBeats:min-bpm:
   *
   * The slowest tempo reported. Raise it to prefer the faster of two
   * tempos an octave apart (a drum and bass track at 174 rather than 87).
   */
  g_object_class_install_property (gobject_class, PROP_MIN_BPM,
      g_param_spec_double ("min-bpm", "Minimum BPM", "Slowest tempo reported",
          30.0, 300.0, DEFAULT_MIN_BPM,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));
  /**
   * GstReelBeats:max-bpm:
   *
   * The fastest tempo reported; must be above min-bpm.
   */
  g_object_class_install_property (gobject_class, PROP_MAX_BPM,
      g_param_spec_double ("max-bpm", "Maximum BPM", "Fastest tempo reported",
          30.0, 300.0, DEFAULT_MAX_BPM,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
              | GST_PARAM_MUTABLE_READY));

  gst_element_class_set_static_metadata (element_class, "Beat tracker",
      "Filter/Analyzer/Audio",
      "Finds onsets, beats and the tempo of audio with aubio",
      "reel developers");
  caps = gst_caps_from_string (REEL_AUDIO_CAPS);
  gst_audio_filter_class_add_pad_templates (filter_class, caps);
  gst_caps_unref (caps);

  trans_class->passthrough_on_same_caps = TRUE;
  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_reel_beats_transform_ip);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_reel_beats_sink_event);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_reel_beats_stop);
  filter_class->setup = GST_DEBUG_FUNCPTR (gst_reel_beats_setup);

  gst_type_mark_as_plugin_api (GST_TYPE_REEL_BEATS_METHOD, 0);
  GST_DEBUG_CATEGORY_INIT (gst_reel_beats_debug, "reelbeats", 0,
      "reel beat tracker");
}

static void
gst_reel_beats_init (GstReelBeats *self)
{
  self->method = DEFAULT_METHOD;
  self->buf_size = DEFAULT_BUF_SIZE;
  self->hop_size = DEFAULT_HOP_SIZE;
  self->threshold = DEFAULT_THRESHOLD;
  self->min_bpm = DEFAULT_MIN_BPM;
  self->max_bpm = DEFAULT_MAX_BPM;
  self->odf = g_array_new (FALSE, FALSE, sizeof (gfloat));
  self->aubio_beats = g_array_new (FALSE, FALSE, sizeof (gdouble));
  self->tempo_out = new_fvec (2);
  self->onset_out = new_fvec (1);
  self->last_onset_frame = -1;
}
