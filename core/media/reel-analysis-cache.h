/* reel — the analysis cache: the same bytes are never analysed twice.
 *
 * An ANALYSIS document is kept under a key: the SHA-256 of the file's bytes
 * combined with a canonical description of what was asked (every
 * analyser's name, its plugin and plugin version, its validated
 * parameters, the picture width, the ANALYSIS format version and reel's
 * version). Each entry is a folder, `DIR/KEY/`, holding `analysis.json`,
 * `request.json` (what made the key, for people) and the files analysers
 * kept (thumbnails), one subfolder per analyser.
 *
 * An entry is written in a staging folder beside it and renamed into
 * place, so a reader sees a whole entry or none, and two runs racing on the
 * same key leave one whole entry. DIR defaults to
 * `$REEL_DATA_DIR/analysis` (reel_get_user_data_dir()).
 */
#pragma once

#include <reel/reel-prelude.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define REEL_ANALYSIS_CACHE_ERROR (reel_analysis_cache_error_quark ())
REEL_API GQuark reel_analysis_cache_error_quark (void);

/**
 * ReelAnalysisCacheError:
 * @REEL_ANALYSIS_CACHE_ERROR_READ: the file to hash could not be read
 * @REEL_ANALYSIS_CACHE_ERROR_WRITE: the cache folder could not be written
 */
typedef enum {
  REEL_ANALYSIS_CACHE_ERROR_READ,
  REEL_ANALYSIS_CACHE_ERROR_WRITE,
} ReelAnalysisCacheError;

typedef struct _ReelAnalysisCache ReelAnalysisCache;

REEL_API gchar *reel_analysis_cache_hash_file (const gchar *path,
    GCancellable *cancellable, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *reel_analysis_cache_make_key (const gchar *file_hash,
    JsonNode *request) G_GNUC_WARN_UNUSED_RESULT;

REEL_API ReelAnalysisCache *
reel_analysis_cache_new (const gchar *dir) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_analysis_cache_free (ReelAnalysisCache *cache);
REEL_API const gchar *reel_analysis_cache_get_dir (ReelAnalysisCache *cache);
REEL_API gchar *reel_analysis_cache_get_folder (ReelAnalysisCache *cache,
    const gchar *key) G_GNUC_WARN_UNUSED_RESULT;

REEL_API JsonNode *reel_analysis_cache_lookup (ReelAnalysisCache *cache,
    const gchar *key) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *reel_analysis_cache_begin (ReelAnalysisCache *cache,
    const gchar *key, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_analysis_cache_commit (ReelAnalysisCache *cache,
    const gchar *key, const gchar *staging, JsonNode *document,
    JsonNode *request, GError **error);
REEL_API void reel_analysis_cache_abort (const gchar *staging);

REEL_API gboolean reel_write_file_atomically (const gchar *path,
    const gchar *contents, gssize length, GError **error);
REEL_API void reel_remove_tree (const gchar *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelAnalysisCache, reel_analysis_cache_free)

G_END_DECLS
