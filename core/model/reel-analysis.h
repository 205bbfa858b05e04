/* reel — the ANALYSIS document: what the analysers found in one media.
 *
 * `reel analyze --json` prints it and `GET /v1/media/{id}/analysis` serves
 * it; generators read it to choose clips. Each section is optional (an
 * analysis may be partial, or still pending), but a section that is present
 * is checked: spans have start < end, are sorted and within the media's
 * duration; the waveform has as many points as it says. A partial analysis
 * says in `missing` which analysers gave nothing, and why. Sections reel
 * does not know are those of analysers that plugins register: they are kept
 * as they are, under their analyser's name. Measurements are doubles in
 * seconds; exactness is the timeline's business.
 * data/schemas/analysis.schema.json describes the JSON.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "reel-field-errors.h"

G_BEGIN_DECLS

/**
 * REEL_ANALYSIS_VERSION:
 *
 * The analysis format version this reel reads and writes.
 */
#define REEL_ANALYSIS_VERSION 1

/**
 * ReelAnalysisStatus:
 * @REEL_ANALYSIS_COMPLETE: `"complete"`: every requested analyser ran
 * @REEL_ANALYSIS_PARTIAL: `"partial"`: some sections are missing
 * @REEL_ANALYSIS_PENDING: `"pending"`: being made; `duration` may be absent
 */
typedef enum {
  REEL_ANALYSIS_COMPLETE,
  REEL_ANALYSIS_PARTIAL,
  REEL_ANALYSIS_PENDING,
} ReelAnalysisStatus;

/**
 * ReelAnalysisTransitionKind:
 * @REEL_ANALYSIS_TRANSITION_CUT: `"cut"`: a hard cut
 * @REEL_ANALYSIS_TRANSITION_DISSOLVE: `"dissolve"`: a cross-fade
 * @REEL_ANALYSIS_TRANSITION_FADE: `"fade"`: through black (or white)
 */
typedef enum {
  REEL_ANALYSIS_TRANSITION_CUT,
  REEL_ANALYSIS_TRANSITION_DISSOLVE,
  REEL_ANALYSIS_TRANSITION_FADE,
} ReelAnalysisTransitionKind;

/**
 * ReelAnalysisTransition:
 * @kind: cut, dissolve or fade
 * @start: seconds, where it begins
 * @end: seconds, where it ends, not before @start (equal for a cut)
 *
 * How a scene begins. It lies within the media and touches its scene.
 */
typedef struct {
  ReelAnalysisTransitionKind kind;
  gdouble start;
  gdouble end;
} ReelAnalysisTransition;

/**
 * ReelAnalysisSpan:
 * @start: seconds
 * @end: seconds, after @start
 * @has_score: whether @score is set (scenes only)
 * @score: how sharp the cut into it is, 0–1
 * @has_transition: whether @transition is set (scenes only)
 * @transition: how the scene begins
 *
 * A scene, a silence or a black range.
 */
typedef struct {
  gdouble start;
  gdouble end;
  gboolean has_score;
  gdouble score;
  gboolean has_transition;
  ReelAnalysisTransition transition;
} ReelAnalysisSpan;

/**
 * ReelAnalysisBeats:
 * @tempo: beats per minute, > 0
 * @times: (element-type gdouble): beat times in seconds, increasing
 * @has_confidence: whether @confidence is set
 * @confidence: how sure the tracker is of the grid, 0–1
 * @onsets: (nullable) (element-type gdouble): onset times in seconds,
 *   increasing
 */
typedef struct {
  gdouble tempo;
  GArray *times;
  gboolean has_confidence;
  gdouble confidence;
  GArray *onsets;
} ReelAnalysisBeats;

/**
 * ReelAnalysisLoudness:
 * @has_integrated: %FALSE when silent (null in JSON: minus infinity)
 * @integrated: integrated loudness, LUFS
 * @range: loudness range, LU, ≥ 0
 * @has_true_peak: %FALSE when silent
 * @true_peak: dBTP
 * @short_term_interval: seconds between short-term values, > 0; 0 when
 *   there is no short-term series
 * @short_term: (nullable) (element-type gdouble): short-term loudness
 *   (3 s windows), LUFS, one per interval from 0; -infinity where silent
 *   (null in JSON)
 *
 * EBU R 128 measurements.
 */
typedef struct {
  gboolean has_integrated;
  gdouble integrated;
  gdouble range;
  gboolean has_true_peak;
  gdouble true_peak;
  gdouble short_term_interval;
  GArray *short_term;
} ReelAnalysisLoudness;

/**
 * ReelAnalysisSample:
 * @time: seconds
 * @value: the amount of motion there, ≥ 0
 */
typedef struct {
  gdouble time;
  gdouble value;
} ReelAnalysisSample;

/**
 * ReelAnalysisThumbnail:
 * @time: seconds
 * @url: where the image is
 * @width: pixels, 0 when not given
 * @height: pixels, 0 when not given
 * @has_scene: whether @scene is set
 * @scene: the index of the scene it stands for, ≥ 0
 * @poster: whether it is the poster frame (at most one is)
 */
typedef struct {
  gdouble time;
  gchar *url;
  gint width;
  gint height;
  gboolean has_scene;
  gint scene;
  gboolean poster;
} ReelAnalysisThumbnail;

/**
 * ReelAnalysisMissing:
 * @analyser: the analyser's name, as its section would be called
 * @reason: why it gave nothing, for a person to read
 *
 * One analyser a partial analysis lacks.
 */
typedef struct {
  gchar *analyser;
  gchar *reason;
} ReelAnalysisMissing;

/**
 * ReelAnalysis:
 * @version: %REEL_ANALYSIS_VERSION
 * @media: the id of the media analysed
 * @status: complete, partial or pending
 * @has_duration: whether @duration is set (always, unless pending)
 * @duration: the media's duration, seconds
 * @missing: (nullable) (element-type ReelAnalysisMissing): what a partial
 *   analysis lacks, and why
 * @probe: (nullable): the media's probe, as the MEDIA record's `probe`
 * @scenes: (nullable) (element-type ReelAnalysisSpan): shots, in order
 * @beats: (nullable): the beat grid of the music
 * @loudness: (nullable): loudness
 * @silences: (nullable) (element-type ReelAnalysisSpan): silent spans
 * @motion: (nullable) (element-type ReelAnalysisSample): motion over time
 * @black: (nullable) (element-type ReelAnalysisSpan): black spans
 * @thumbnails: (nullable) (element-type ReelAnalysisThumbnail): stills
 * @waveform: (nullable): the waveform in the audiowaveform JSON layout
 *   (`version`, `channels`, `sample_rate`, `samples_per_pixel`, `bits`,
 *   `length`, `data`), kept as JSON
 * @sections: (not nullable): sections of plugin analysers, by name, kept
 */
typedef struct {
  gint version;
  gchar *media;
  ReelAnalysisStatus status;
  gboolean has_duration;
  gdouble duration;
  GPtrArray *missing;
  JsonNode *probe;
  GArray *scenes;
  ReelAnalysisBeats *beats;
  ReelAnalysisLoudness *loudness;
  GArray *silences;
  GArray *motion;
  GArray *black;
  GPtrArray *thumbnails;
  JsonNode *waveform;
  JsonObject *sections;
  /*< private >*/
  guint32 _broken;
} ReelAnalysis;

#define REEL_TYPE_ANALYSIS (reel_analysis_get_type ())
REEL_API GType reel_analysis_get_type (void);

REEL_API ReelAnalysis *
reel_analysis_new (const gchar *media) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelAnalysis *reel_analysis_new_from_json (JsonNode *node,
    ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *
reel_analysis_to_json (ReelAnalysis *analysis) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_analysis_validate (ReelAnalysis *analysis,
    ReelFieldErrors *errors);
REEL_API ReelAnalysis *
reel_analysis_copy (ReelAnalysis *analysis) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_analysis_free (ReelAnalysis *analysis);

REEL_API void reel_analysis_add_missing (ReelAnalysis *analysis,
    const gchar *analyser, const gchar *reason);

REEL_API const gchar *
reel_analysis_status_to_string (ReelAnalysisStatus status);
REEL_API const gchar *
reel_analysis_transition_kind_to_string (ReelAnalysisTransitionKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelAnalysis, reel_analysis_free)

G_END_DECLS
