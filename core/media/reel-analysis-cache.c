/* reel — the analysis cache, keyed by content hash; see
 * reel-analysis-cache.h. */
#include "reel-analysis-cache.h"
#include "reel-json.h"
#include "reel-paths.h"

#include <glib/gstdio.h>
#include <errno.h>

#define HASH_CHUNK (1024 * 1024)
#define DOCUMENT_NAME "analysis.json"
#define REQUEST_NAME "request.json"

struct _ReelAnalysisCache {
  gchar *dir;
};

/**
 * reel_analysis_cache_error_quark:
 *
 * Returns: the domain of #ReelAnalysisCacheError errors
 */
G_DEFINE_QUARK (reel_analysis_cache_error_quark, reel_analysis_cache_error)

/**
 * reel_analysis_cache_hash_file:
 * @path: a local file
 * @cancellable: (nullable): stops the reading
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the SHA-256 of the file's bytes, in hex
 */
gchar *
reel_analysis_cache_hash_file (const gchar *path, GCancellable *cancellable,
    GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (HASH_CHUNK);
  g_autoptr (GError) local = NULL;

  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    goto failed;
  for (;;) {
    gssize n = g_input_stream_read (G_INPUT_STREAM (in), buf, HASH_CHUNK,
        cancellable, &local);

    if (n < 0)
      goto failed;
    if (n == 0)
      break;
    g_checksum_update (sum, buf, n);
  }
  return g_strdup (g_checksum_get_string (sum));

failed:
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, REEL_ANALYSIS_CACHE_ERROR,
        REEL_ANALYSIS_CACHE_ERROR_READ, "%s: cannot be read: %s", path,
        local->message);
  return NULL;
}

/**
 * reel_analysis_cache_make_key:
 * @file_hash: the file's SHA-256 (reel_analysis_cache_hash_file())
 * @request: what was asked, built in a fixed order
 *
 * Returns: (transfer full): the key, 64 hex digits
 */
gchar *
reel_analysis_cache_make_key (const gchar *file_hash, JsonNode *request)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree gchar *text = reel_json_to_string (request, FALSE);

  g_checksum_update (sum, (const guchar *) "reel-analysis-cache/1\n", -1);
  g_checksum_update (sum, (const guchar *) file_hash, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) text, -1);
  return g_strdup (g_checksum_get_string (sum));
}

/**
 * reel_analysis_cache_new:
 * @dir: (nullable): the cache folder; %NULL for
 *   `reel_get_user_data_dir()/analysis`
 *
 * The folder is made when the first entry is written.
 *
 * Returns: (transfer full): a cache
 */
ReelAnalysisCache *
reel_analysis_cache_new (const gchar *dir)
{
  ReelAnalysisCache *cache = g_new0 (ReelAnalysisCache, 1);

  if (dir != NULL) {
    cache->dir = g_canonicalize_filename (dir, NULL);
  } else {
    g_autofree gchar *data = reel_get_user_data_dir ();

    cache->dir = g_build_filename (data, "analysis", NULL);
  }
  return cache;
}

void
reel_analysis_cache_free (ReelAnalysisCache *cache)
{
  if (cache == NULL)
    return;
  g_free (cache->dir);
  g_free (cache);
}

/**
 * reel_analysis_cache_get_dir:
 *
 * Returns: (transfer none): the cache folder
 */
const gchar *
reel_analysis_cache_get_dir (ReelAnalysisCache *cache)
{
  return cache->dir;
}

/**
 * reel_analysis_cache_get_folder:
 *
 * Returns: (transfer full): where the entry for @key lives (or would)
 */
gchar *
reel_analysis_cache_get_folder (ReelAnalysisCache *cache, const gchar *key)
{
  return g_build_filename (cache->dir, key, NULL);
}

/**
 * reel_analysis_cache_lookup:
 * @cache: a cache
 * @key: a key from reel_analysis_cache_make_key()
 *
 * An entry that cannot be read is treated as absent (and logged): the
 * analysis is made again and replaces it.
 *
 * Returns: (transfer full) (nullable): the cached ANALYSIS document
 */
JsonNode *
reel_analysis_cache_lookup (ReelAnalysisCache *cache, const gchar *key)
{
  g_autofree gchar *folder = reel_analysis_cache_get_folder (cache, key);
  g_autofree gchar *path = g_build_filename (folder, DOCUMENT_NAME, NULL);
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  node = reel_json_load_file (path, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)) {
    g_message ("ignoring the cached analysis %s: %s", path,
        error != NULL ? error->message : "not a JSON object");
    g_clear_pointer (&node, json_node_unref);
  }
  return node;
}

/**
 * reel_remove_tree:
 * @path: a file or folder
 *
 * Removes @path and, for a folder, everything in it. Symbolic links are
 * removed, not followed. Errors are ignored: it cleans up.
 */
void
reel_remove_tree (const gchar *path)
{
  g_autoptr (GDir) dir = NULL;
  const gchar *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK)
      && g_file_test (path, G_FILE_TEST_IS_DIR)) {
    dir = g_dir_open (path, 0, NULL);
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
      g_autofree gchar *child = g_build_filename (path, name, NULL);

      reel_remove_tree (child);
    }
    g_rmdir (path);
  } else {
    g_unlink (path);
  }
}

/**
 * reel_write_file_atomically:
 * @path: where to write
 * @contents: the bytes
 * @length: their length, or -1 for a nul-terminated string
 * @error: return location for a #GError
 *
 * Writes a temporary file beside @path, syncs it and renames it over
 * @path: readers see the old file or the whole new one.
 *
 * Returns: %TRUE on success
 */
gboolean
reel_write_file_atomically (const gchar *path, const gchar *contents,
    gssize length, GError **error)
{
  return g_file_set_contents_full (path, contents, length,
      G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/**
 * reel_analysis_cache_begin:
 * @cache: a cache
 * @key: the entry's key
 * @error: return location for a #GError
 *
 * Makes a staging folder for a new entry, beside where it will live, for
 * the analysers' files and then the document. Finish with
 * reel_analysis_cache_commit() or reel_analysis_cache_abort().
 *
 * Returns: (transfer full): the staging folder
 */
gchar *
reel_analysis_cache_begin (ReelAnalysisCache *cache, const gchar *key,
    GError **error)
{
  g_autofree gchar *template = NULL;
  gchar *staging;

  if (g_mkdir_with_parents (cache->dir, 0755) != 0) {
    int err = errno;

    g_set_error (error, REEL_ANALYSIS_CACHE_ERROR,
        REEL_ANALYSIS_CACHE_ERROR_WRITE,
        "cannot make the analysis cache folder %s: %s", cache->dir,
        g_strerror (err));
    return NULL;
  }
  template = g_strdup_printf ("%s/.staging-%.16s-XXXXXX", cache->dir, key);
  staging = g_mkdtemp (g_steal_pointer (&template));
  if (staging == NULL) {
    int err = errno;

    g_set_error (error, REEL_ANALYSIS_CACHE_ERROR,
        REEL_ANALYSIS_CACHE_ERROR_WRITE,
        "cannot write in the analysis cache folder %s: %s", cache->dir,
        g_strerror (err));
  }
  return staging;
}

/**
 * reel_analysis_cache_abort:
 * @staging: (nullable): a staging folder from reel_analysis_cache_begin()
 *
 * Throws a staging folder away.
 */
void
reel_analysis_cache_abort (const gchar *staging)
{
  if (staging != NULL)
    reel_remove_tree (staging);
}

static gboolean
write_json (const gchar *folder, const gchar *name, JsonNode *node,
    GError **error)
{
  g_autofree gchar *path = g_build_filename (folder, name, NULL);
  g_autofree gchar *text = reel_json_to_string (node, TRUE);

  return reel_write_file_atomically (path, text, -1, error);
}

/**
 * reel_analysis_cache_commit:
 * @cache: a cache
 * @key: the entry's key
 * @staging: the folder reel_analysis_cache_begin() made; consumed
 * @document: the ANALYSIS document
 * @request: (nullable): what made the key, kept for people to read
 * @error: return location for a #GError
 *
 * Writes the document into @staging and renames @staging to the entry's
 * folder, replacing an older entry of the same key. On failure @staging is
 * removed.
 *
 * Returns: %TRUE when the entry is in place
 */
gboolean
reel_analysis_cache_commit (ReelAnalysisCache *cache, const gchar *key,
    const gchar *staging, JsonNode *document, JsonNode *request, GError **error)
{
  g_autofree gchar *folder = reel_analysis_cache_get_folder (cache, key);
  g_autoptr (GError) local = NULL;

  if (!write_json (staging, DOCUMENT_NAME, document, &local)
      || (request != NULL
          && !write_json (staging, REQUEST_NAME, request, &local)))
    goto failed;
  if (g_rename (staging, folder) == 0)
    return TRUE;
  if (errno == ENOTEMPTY || errno == EEXIST) {
    /* An older entry (a refresh), or a run that finished first: move it
     * aside, put ours in place, then drop it. */
    g_autofree gchar *old = g_strdup_printf ("%s/.old-%.16s-%08x", cache->dir,
        key, g_random_int ());

    if (g_rename (folder, old) == 0 && g_rename (staging, folder) == 0) {
      reel_remove_tree (old);
      return TRUE;
    }
  }
  {
    int err = errno;

    g_set_error (&local, REEL_ANALYSIS_CACHE_ERROR,
        REEL_ANALYSIS_CACHE_ERROR_WRITE, "cannot move %s to %s: %s", staging,
        folder, g_strerror (err));
  }

failed:
  reel_remove_tree (staging);
  g_set_error (error, REEL_ANALYSIS_CACHE_ERROR,
      REEL_ANALYSIS_CACHE_ERROR_WRITE,
      "cannot keep the analysis in the cache: %s", local->message);
  return FALSE;
}
