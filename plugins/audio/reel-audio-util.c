/* reel — what the four audio analysers of plugins/audio share: stream-time
 * positions of buffers (with gaps and jumps noticed) and a mono downmix.
 * See reel-audio-util.h. */
#include "reel-audio-util.h"

#include <math.h>

/* Decoders stamp buffers to the nanosecond and may round either way; a jump
 * smaller than this is jitter, not a gap. */
#define JITTER_TOLERANCE (20 * GST_MSECOND)

void
reel_audio_position_reset (ReelAudioPosition *position, gint rate)
{
  position->rate = rate;
  position->started = FALSE;
  position->next = 0;
}

/**
 * reel_audio_position_update:
 * @position: the tracker
 * @segment: the current segment (TIME)
 * @buffer: the buffer about to be analysed
 * @n_frames: how many samples per channel it holds
 * @first: (out): the stream-time sample index of its first sample
 *
 * Places @buffer on the stream-time sample grid and advances past it. A
 * buffer without a usable timestamp continues from the previous one.
 *
 * Returns: how @buffer relates to the previous one
 */
ReelAudioJump
reel_audio_position_update (ReelAudioPosition *position,
    const GstSegment *segment, GstBuffer *buffer, guint n_frames,
    guint64 *first)
{
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  guint64 stream_time = GST_CLOCK_TIME_NONE;
  guint64 at;
  ReelAudioJump jump = REEL_AUDIO_CONTINUOUS;

  if (GST_CLOCK_TIME_IS_VALID (pts) && segment->format == GST_FORMAT_TIME)
    stream_time = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, pts);

  if (!GST_CLOCK_TIME_IS_VALID (stream_time)) {
    at = position->next;
    if (!position->started)
      jump = REEL_AUDIO_START;
  } else {
    at = gst_util_uint64_scale_int_round (stream_time, position->rate,
        GST_SECOND);
    if (!position->started) {
      jump = REEL_AUDIO_START;
    } else {
      guint64 tolerance = gst_util_uint64_scale_int (JITTER_TOLERANCE,
          position->rate, GST_SECOND);

      if (at > position->next + tolerance)
        jump = REEL_AUDIO_GAP;
      else if (at + tolerance < position->next)
        jump = REEL_AUDIO_BACKWARDS;
      else
        at = position->next;
    }
  }
  position->started = TRUE;
  position->next = at + n_frames;
  *first = at;
  return jump;
}

/* The stream time of a (fractional) sample index, rounded to the ns. */
GstClockTime
reel_audio_sample_to_time (gint rate, gdouble sample)
{
  if (sample <= 0.0)
    return 0;
  return (GstClockTime) llround (sample * GST_SECOND / rate);
}

/**
 * reel_audio_downmix:
 * @info: the negotiated format (F32LE or S16LE, interleaved)
 * @data: the first frame to read
 * @n_frames: how many frames
 * @out: (array length=n_frames): the mean of the channels, full scale ±1
 */
void
reel_audio_downmix (const GstAudioInfo *info, gconstpointer data,
    guint n_frames, gfloat *out)
{
  gint channels = GST_AUDIO_INFO_CHANNELS (info);

  if (GST_AUDIO_INFO_FORMAT (info) == GST_AUDIO_FORMAT_F32LE) {
    const gfloat *in = data;

    if (channels == 1) {
      for (guint i = 0; i < n_frames; i++)
        out[i] = in[i];
      return;
    }
    for (guint i = 0; i < n_frames; i++, in += channels) {
      gfloat sum = 0.0f;

      for (gint c = 0; c < channels; c++)
        sum += in[c];
      out[i] = sum / channels;
    }
  } else {
    const gint16 *in = data;
    const gfloat scale = 1.0f / (32768.0f * channels);

    for (guint i = 0; i < n_frames; i++, in += channels) {
      gint32 sum = 0;

      for (gint c = 0; c < channels; c++)
        sum += in[c];
      out[i] = sum * scale;
    }
  }
}
