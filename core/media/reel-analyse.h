/* reel — analysing one media file in one decode pass.
 *
 * A ReelAnalyseRequest says what to run: which registered analysers (all of
 * them by default), each with its parameters validated against its schema
 * (errors name `analysers.NAME.PARAM`), and the width video analysers see.
 * reel_analyse_file() then probes the file, looks the result up in the
 * cache (reel-analysis-cache.h), and otherwise builds ONE pipeline from the
 * `analyse` template (pipelines/analyse.pipeline): playbin decodes the file
 * once, its video sink scales the pictures down early and ends in the tee
 * `video`, its audio sink ends in the tee `audio`, and the runner hangs one
 * branch per analyser off the right tee, by name, after parsing:
 *
 *     video. ! queue ! videoconvert ! ELEMENT ! fakesink sync=false
 *     audio. ! queue ! audioconvert ! audioresample ! ELEMENT ! fakesink
 *
 * Parameters whose names match properties of the analyser's element are
 * set on it as typed GValues. Each analyser's element messages are
 * collected by source element; at end-of-stream its summarise function
 * turns them into its section (files it keeps, such as thumbnails, go into
 * the cache entry's folder), and the ANALYSIS document is assembled and
 * validated with the model. A stream the file lacks gets no branches: its
 * analysers are listed in `missing` with the reason and the analysis is
 * `partial`, as it is when an analyser cannot run or fails.
 *
 * Progress is the pipeline's position over the duration, reported through
 * a callback; a watchdog fails the run when the position has not moved for
 * a while (30 s by default) or a total time limit passes; a GCancellable
 * stops it. The pipeline always goes to NULL before its last unref.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include "reel-registry.h"
#include "reel-probe.h"

G_BEGIN_DECLS

#define REEL_ANALYSE_ERROR (reel_analyse_error_quark ())
REEL_API GQuark reel_analyse_error_quark (void);

/**
 * ReelAnalyseError:
 * @REEL_ANALYSE_ERROR_INVALID: the request names an unknown analyser or
 *   parameters that do not validate; the message lists each with its path
 * @REEL_ANALYSE_ERROR_TOO_LARGE: the file declares pictures larger than
 *   reel analyses
 * @REEL_ANALYSE_ERROR_PIPELINE: GStreamer failed while decoding or
 *   analysing; the message names the file and the element
 * @REEL_ANALYSE_ERROR_STALLED: the pipeline made no progress for the
 *   stall timeout
 * @REEL_ANALYSE_ERROR_TIMEOUT: the total time limit passed
 * @REEL_ANALYSE_ERROR_INCOMPLETE: decoding stopped well before the end
 *   the file declares (a truncated file)
 * @REEL_ANALYSE_ERROR_FAILED: anything else (the document did not
 *   validate, the template is broken)
 *
 * Errors in the %REEL_ANALYSE_ERROR domain. A file that cannot be probed
 * fails with a %REEL_PROBE_ERROR instead; cancelling gives
 * %G_IO_ERROR_CANCELLED.
 */
typedef enum {
  REEL_ANALYSE_ERROR_INVALID,
  REEL_ANALYSE_ERROR_TOO_LARGE,
  REEL_ANALYSE_ERROR_PIPELINE,
  REEL_ANALYSE_ERROR_STALLED,
  REEL_ANALYSE_ERROR_TIMEOUT,
  REEL_ANALYSE_ERROR_INCOMPLETE,
  REEL_ANALYSE_ERROR_FAILED,
} ReelAnalyseError;

/**
 * REEL_ANALYSE_DEFAULT_WIDTH:
 *
 * The width, in pixels, of the pictures video analysers see by default.
 */
#define REEL_ANALYSE_DEFAULT_WIDTH 320

/**
 * REEL_ANALYSE_DEFAULT_STALL_TIMEOUT:
 *
 * Seconds without progress after which a run fails, by default.
 */
#define REEL_ANALYSE_DEFAULT_STALL_TIMEOUT 30

/**
 * REEL_ANALYSE_DEFAULT_MAX_PIXELS:
 *
 * The largest picture (width × height) reel decodes by default: 8192×8192.
 * Larger declared sizes are refused before anything is decoded.
 */
#define REEL_ANALYSE_DEFAULT_MAX_PIXELS (G_GUINT64_CONSTANT (8192) * 8192)

/**
 * ReelAnalyseRequest:
 *
 * What to run: analysers with their validated parameters, and the picture
 * width. Made by reel_analyse_request_new() or
 * reel_analyse_request_new_from_args(); read-only afterwards.
 */
typedef struct _ReelAnalyseRequest ReelAnalyseRequest;

/**
 * ReelAnalyseOptions:
 * @no_cache: neither read nor write the cache; files analysers keep go to
 *   @output_dir
 * @refresh: do not read the cache, but replace its entry with the new result
 * @cache_dir: (nullable): the cache folder; %NULL for
 *   `$REEL_DATA_DIR/analysis`
 * @output_dir: (nullable): with @no_cache, where files analysers keep
 *   (thumbnails) go; %NULL makes a new folder under the temporary folder
 *   (removed again when no analyser kept a file, or the run failed)
 * @media_id: (nullable): the `media` member of the document; %NULL takes
 *   it from the file name
 * @stall_timeout: seconds without progress before failing; 0 for
 *   %REEL_ANALYSE_DEFAULT_STALL_TIMEOUT
 * @time_limit: seconds the whole run may take; 0 for no limit
 * @probe_timeout: how long probing may take; 0 for the default
 * @max_pixels: the largest picture to decode; 0 for
 *   %REEL_ANALYSE_DEFAULT_MAX_PIXELS
 * @progress: (nullable): called on the calling thread with 0…1
 * @progress_data: (nullable): @progress's data
 * @cancellable: (nullable): stops the run
 *
 * How to run. Zero-initialise it (`ReelAnalyseOptions o = { 0 };`) for the
 * defaults.
 */
typedef struct {
  gboolean no_cache;
  gboolean refresh;
  const gchar *cache_dir;
  const gchar *output_dir;
  const gchar *media_id;
  guint stall_timeout;
  guint time_limit;
  GstClockTime probe_timeout;
  guint64 max_pixels;
  ReelProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
  /*< private >*/
  gpointer _reel_reserved[REEL_PADDING];
} ReelAnalyseOptions;

/**
 * ReelAnalyseResult:
 * @document: the ANALYSIS document, validated
 * @cached: whether it came from the cache (nothing was decoded)
 * @folder: (nullable): where the document and the files analysers kept
 *   live (the cache entry, or the output folder with no cache)
 * @key: (nullable): the cache key, when the file could be hashed
 * @seconds: wall-clock time the call took
 *
 * What reel_analyse_file() returns.
 */
typedef struct {
  JsonNode *document;
  gboolean cached;
  gchar *folder;
  gchar *key;
  gdouble seconds;
} ReelAnalyseResult;

REEL_API ReelAnalyseRequest *
reel_analyse_request_new (ReelRegistry *registry, const gchar *const *analysers,
    JsonObject *params, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelAnalyseRequest *
reel_analyse_request_new_from_args (ReelRegistry *registry,
    const gchar *const *analysers, const gchar *const *param_args,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_analyse_request_set_width (ReelAnalyseRequest *request,
    gint width, GError **error);
REEL_API gint reel_analyse_request_get_width (ReelAnalyseRequest *request);
REEL_API gchar **reel_analyse_request_get_analysers (
    ReelAnalyseRequest *request) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *reel_analyse_request_to_json (
    ReelAnalyseRequest *request) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_analyse_request_free (ReelAnalyseRequest *request);

REEL_API gchar **
reel_analyse_list_analysers (ReelRegistry *registry) G_GNUC_WARN_UNUSED_RESULT;

REEL_API ReelAnalyseResult *reel_analyse_file (const gchar *path_or_uri,
    ReelAnalyseRequest *request, const ReelAnalyseOptions *options,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *reel_analyse_print_pipeline (const gchar *path_or_uri,
    ReelAnalyseRequest *request, const ReelAnalyseOptions *options,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_analyse_result_free (ReelAnalyseResult *result);

REEL_API gchar *
reel_analyse_media_id_from_path (const gchar *path) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelAnalyseRequest, reel_analyse_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelAnalyseResult, reel_analyse_result_free)

G_END_DECLS
