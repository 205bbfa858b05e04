/* reel — the ANALYSIS document: what the analysers found in one media.
 *
 * `reel analyze --json` prints it and `GET /v1/media/{id}/analysis` serves
 * it; generators read it to choose clips. Each section is optional (an
 * analysis may be partial, or still pending), but a section that is present
 * is checked: spans have start < end, are sorted and within the media's
 * duration. Sections reel does not know are those of analysers that plugins
 * register: they are kept as they are, under their analyser's name.
 * Measurements are doubles in seconds; exactness is the timeline's business.
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
 * ReelAnalysisSpan:
 * @start: seconds
 * @end: seconds, after @start
 * @has_score: whether @score is set (scenes only)
 * @score: how sharp the cut into it is, 0–1
 *
 * A scene or a silence.
 */
typedef struct {
  gdouble start;
  gdouble end;
  gboolean has_score;
  gdouble score;
} ReelAnalysisSpan;

/**
 * ReelAnalysisBeats:
 * @tempo: beats per minute, > 0
 * @times: (element-type gdouble): beat times in seconds, increasing
 */
typedef struct {
  gdouble tempo;
  GArray *times;
} ReelAnalysisBeats;

/**
 * ReelAnalysisLoudness:
 * @has_integrated: %FALSE when silent (null in JSON: minus infinity)
 * @integrated: integrated loudness, LUFS
 * @range: loudness range, LU, ≥ 0
 * @has_true_peak: %FALSE when silent
 * @true_peak: dBTP
 *
 * EBU R 128 measurements.
 */
typedef struct {
  gboolean has_integrated;
  gdouble integrated;
  gdouble range;
  gboolean has_true_peak;
  gdouble true_peak;
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
 */
typedef struct {
  gdouble time;
  gchar *url;
  gint width;
  gint height;
} ReelAnalysisThumbnail;

/**
 * ReelAnalysis:
 * @version: %REEL_ANALYSIS_VERSION
 * @media: the id of the media analysed
 * @status: complete, partial or pending
 * @has_duration: whether @duration is set (always, unless pending)
 * @duration: the media's duration, seconds
 * @scenes: (nullable) (element-type ReelAnalysisSpan): shots, in order
 * @beats: (nullable): the beat grid of the music
 * @loudness: (nullable): loudness
 * @silences: (nullable) (element-type ReelAnalysisSpan): silent spans
 * @motion: (nullable) (element-type ReelAnalysisSample): motion over time
 * @thumbnails: (nullable) (element-type ReelAnalysisThumbnail): stills
 * @waveform: (nullable): the waveform, kept as JSON
 * @sections: (not nullable): sections of plugin analysers, by name, kept
 */
typedef struct {
  gint version;
  gchar *media;
  ReelAnalysisStatus status;
  gboolean has_duration;
  gdouble duration;
  GArray *scenes;
  ReelAnalysisBeats *beats;
  ReelAnalysisLoudness *loudness;
  GArray *silences;
  GArray *motion;
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

REEL_API const gchar *
reel_analysis_status_to_string (ReelAnalysisStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelAnalysis, reel_analysis_free)

G_END_DECLS
