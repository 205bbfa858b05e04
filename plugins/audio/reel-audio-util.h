/* reel — what the four audio analysers of plugins/audio share.
 *
 * Each element is a GstAudioFilter in passthrough that reads the samples of
 * every buffer and posts element messages. They all need the same three
 * things: the caps they accept, the stream-time position of each buffer's
 * first sample (with gaps and jumps noticed), and a mono downmix.
 */
#pragma once

#include <gst/gst.h>
#include <gst/audio/audio.h>

G_BEGIN_DECLS

/* F32LE and S16LE interleaved, 8–192 kHz, 1–8 channels. */
#define REEL_AUDIO_CAPS                                                        \
  "audio/x-raw, format = (string) { F32LE, S16LE }, "                          \
  "rate = (int) [ 8000, 192000 ], channels = (int) [ 1, 8 ], "                 \
  "layout = (string) interleaved"

/**
 * ReelAudioJump:
 * @REEL_AUDIO_CONTINUOUS: the buffer follows the previous one
 * @REEL_AUDIO_START: the first buffer since a reset
 * @REEL_AUDIO_GAP: the buffer starts later than the previous one ended
 * @REEL_AUDIO_BACKWARDS: the buffer starts before the previous one ended
 *
 * How a buffer's position relates to the previous buffer's end.
 */
typedef enum {
  REEL_AUDIO_CONTINUOUS,
  REEL_AUDIO_START,
  REEL_AUDIO_GAP,
  REEL_AUDIO_BACKWARDS,
} ReelAudioJump;

/**
 * ReelAudioPosition:
 * @rate: the sample rate
 * @started: whether a buffer was seen since the last reset
 * @next: the stream-time sample index expected next
 *
 * Tracks where in stream time (counted in samples from 0) the samples of
 * each buffer lie. Timestamps within the tolerance (20 ms) of where the
 * previous buffer ended are taken as continuous, so decoder jitter never
 * shifts the sample grid.
 */
typedef struct {
  gint rate;
  gboolean started;
  guint64 next;
} ReelAudioPosition;

void reel_audio_position_reset (ReelAudioPosition *position, gint rate);
ReelAudioJump reel_audio_position_update (ReelAudioPosition *position,
    const GstSegment *segment, GstBuffer *buffer, guint n_frames,
    guint64 *first);
GstClockTime reel_audio_sample_to_time (gint rate, gdouble sample);

void reel_audio_downmix (const GstAudioInfo *info, gconstpointer data,
    guint n_frames, gfloat *out);

G_END_DECLS
