/* reel — the whole-track tempo and beat grid behind `reelbeats`.
 *
 * aubio's beat tracker follows the music a few seconds at a time. On dense
 * drums its running tempo can settle on 2/3 or 4/3 of the real one, and it
 * says nothing about the first seconds of a track (it needs a window of
 * onsets before it predicts a beat). At the end of the stream reelbeats hands
 * this module the whole onset detection function (one value per hop) and
 * aubio's beats; it estimates the tempo from the whole track and places the
 * beats at that tempo, with aubio's beats as votes: the re-phasing.
 *
 * Pure functions on arrays, no GStreamer: the unit tests call them directly.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ReelBeatGridBeat:
 * @position: the beat, in onset-function frames (fractional)
 * @confidence: 0…1, the onset strength there relative to a typical beat
 */
typedef struct {
  gdouble position;
  gdouble confidence;
} ReelBeatGridBeat;

/**
 * ReelBeatGridResult:
 * @period: frames per beat; 0 when no tempo was found
 * @bpm: beats per minute; 0 when no tempo was found
 * @confidence: 0…1, the normalised autocorrelation of the onset envelope at
 *   the beat period
 * @aubio_agreed: %TRUE when most of aubio's beats were one whole-track
 *   period apart, so they voted in the placement of the beats
 * @beats: (element-type ReelBeatGridBeat): the beats, in order
 */
typedef struct {
  gdouble period;
  gdouble bpm;
  gdouble confidence;
  gboolean aubio_agreed;
  GArray *beats;
} ReelBeatGridResult;

/* Values of the onset function below this mark frames aubio found silent:
 * no beat is placed there. */
#define REEL_BEAT_GRID_SILENT (-1.0f)

void reel_beat_grid_analyse (const gfloat *odf, gsize n_frames,
    gdouble frame_rate, const gdouble *aubio_beats, gsize n_aubio_beats,
    gdouble min_bpm, gdouble max_bpm, ReelBeatGridResult *result);
void reel_beat_grid_result_clear (ReelBeatGridResult *result);

G_END_DECLS
