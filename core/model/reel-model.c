/* reel — what every model shares publicly: the error domain, the id rule,
 * and the document dispatcher the CLI (`reel validate`) and the API use
 * when they hold JSON of a kind they do not know yet.
 */
#include "reel-model-private.h"

#include <string.h>

G_DEFINE_QUARK (reel - model - error - quark, reel_model_error)

/**
 * reel_id_is_valid:
 * @id: (nullable): a media, job, timeline or clip id
 *
 * Ids travel in URL paths and file names, so they are 1 to
 * %REEL_ID_MAX_LENGTH characters from `[A-Za-z0-9._-]`, and neither `.` nor
 * `..`.
 *
 * Returns: whether @id is a valid id
 */
gboolean
reel_id_is_valid (const gchar *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > REEL_ID_MAX_LENGTH)
    return FALSE;
  if (g_str_equal (id, ".") || g_str_equal (id, ".."))
    return FALSE;
  for (const gchar *s = id; *s != '\0'; s++) {
    if (!g_ascii_isalnum (*s) && *s != '.' && *s != '_' && *s != '-')
      return FALSE;
  }
  return TRUE;
}

static const gchar *const kind_names[] = { "unknown", "media", "analysis",
  "timeline", "job", NULL };

/**
 * reel_document_kind_to_string:
 *
 * Returns: "media", "analysis", "timeline", "job" or "unknown"
 */
const gchar *
reel_document_kind_to_string (ReelDocumentKind kind)
{
  const gchar *name = reel_model_enum_to_string (kind_names, kind);

  return name != NULL ? name : "unknown";
}

/**
 * reel_document_kind_from_string:
 * @name: (nullable): a kind's name
 *
 * Returns: the kind, or %REEL_DOCUMENT_UNKNOWN
 */
ReelDocumentKind
reel_document_kind_from_string (const gchar *name)
{
  for (gint i = REEL_DOCUMENT_MEDIA; name != NULL && kind_names[i] != NULL;
       i++) {
    if (g_str_equal (kind_names[i], name))
      return (ReelDocumentKind) i;
  }
  return REEL_DOCUMENT_UNKNOWN;
}

/**
 * reel_document_detect_kind:
 * @node: (nullable): a JSON value
 *
 * Tells which document @node is. A string `"kind"` member naming a kind
 * wins; otherwise by members: `tracks` → timeline; `type` and `status` →
 * job; `media` (and no `content_type`) with `duration`, `status`,
 * `missing` or any section (`scenes`, `beats`, …) → analysis (it may carry
 * a `probe`); `content_type`, `probe` or `size` → media.
 *
 * Returns: the kind, %REEL_DOCUMENT_UNKNOWN when none fits
 */
ReelDocumentKind
reel_document_detect_kind (JsonNode *node)
{
  static const gchar *const sections[] = { "duration", "status", "missing",
    "scenes", "beats", "loudness", "silences", "motion", "black", "thumbnails",
    "waveform", NULL };
  JsonObject *o;
  JsonNode *kind;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return REEL_DOCUMENT_UNKNOWN;
  o = json_node_get_object (node);

  kind = json_object_get_member (o, "kind");
  if (kind != NULL && JSON_NODE_HOLDS_VALUE (kind)
      && json_node_get_value_type (kind) == G_TYPE_STRING) {
    ReelDocumentKind k =
        reel_document_kind_from_string (json_node_get_string (kind));

    if (k != REEL_DOCUMENT_UNKNOWN)
      return k;
  }

  if (json_object_has_member (o, "tracks"))
    return REEL_DOCUMENT_TIMELINE;
  if (json_object_has_member (o, "type")
      && json_object_has_member (o, "status"))
    return REEL_DOCUMENT_JOB;
  /* Before media: an analysis may carry the media's probe, but a media
   * record never has a `media` member. */
  if (json_object_has_member (o, "media")
      && !json_object_has_member (o, "content_type")) {
    for (guint i = 0; sections[i] != NULL; i++) {
      if (json_object_has_member (o, sections[i]))
        return REEL_DOCUMENT_ANALYSIS;
    }
  }
  if (json_object_has_member (o, "content_type")
      || json_object_has_member (o, "probe")
      || json_object_has_member (o, "size"))
    return REEL_DOCUMENT_MEDIA;
  return REEL_DOCUMENT_UNKNOWN;
}

/**
 * reel_document_normalize:
 * @node: a JSON document
 * @kind: its kind, or %REEL_DOCUMENT_UNKNOWN to detect it
 * @errors: (nullable): where to report every error, with its path
 *
 * Builds the model and writes it back: the canonical form of the document
 * (defaults filled in, fractions reduced), what the API stores.
 *
 * Returns: (transfer full) (nullable): the canonical document, or %NULL
 *   when @node is not valid
 */
JsonNode *
reel_document_normalize (JsonNode *node, ReelDocumentKind kind,
    ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();

  g_return_val_if_fail (node != NULL, NULL);

  if (errors == NULL)
    errors = local;
  if (kind == REEL_DOCUMENT_UNKNOWN)
    kind = reel_document_detect_kind (node);

  switch (kind) {
    case REEL_DOCUMENT_MEDIA: {
      g_autoptr (ReelMedia) m = reel_media_new_from_json (node, errors);

      return m != NULL ? reel_media_to_json (m) : NULL;
    }
    case REEL_DOCUMENT_ANALYSIS: {
      g_autoptr (ReelAnalysis) a = reel_analysis_new_from_json (node, errors);

      return a != NULL ? reel_analysis_to_json (a) : NULL;
    }
    case REEL_DOCUMENT_TIMELINE: {
      g_autoptr (ReelTimeline) t = reel_timeline_new_from_json (node, errors);

      return t != NULL ? reel_timeline_to_json (t) : NULL;
    }
    case REEL_DOCUMENT_JOB: {
      g_autoptr (ReelJob) j = reel_job_new_from_json (node, errors);

      return j != NULL ? reel_job_to_json (j) : NULL;
    }
    case REEL_DOCUMENT_UNKNOWN:
    default:
      reel_field_errors_add (errors, NULL,
          "cannot tell what kind of "
          "document this is: a timeline has \"tracks\", a job \"type\" and "
          "\"status\", a media record \"content_type\", an analysis "
          "\"media\" and \"duration\"");
      return NULL;
  }
}

/**
 * reel_document_validate:
 * @node: a JSON document
 * @kind: its kind, or %REEL_DOCUMENT_UNKNOWN to detect it
 * @errors: (nullable): where to report every error, with its path
 *
 * Builds the model of @kind from @node, which checks it.
 *
 * Returns: %TRUE when @node is a valid document of @kind
 */
gboolean
reel_document_validate (JsonNode *node, ReelDocumentKind kind,
    ReelFieldErrors *errors)
{
  g_autoptr (JsonNode) normal = NULL;

  g_return_val_if_fail (node != NULL, FALSE);

  normal = reel_document_normalize (node, kind, errors);
  return normal != NULL;
}
