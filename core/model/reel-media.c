/* reel — the MEDIA record: reading, checking and writing it (see
 * reel-media.h).
 *
 * Rules beyond the schema: a valid id (and analysis job id), size ≥ 0, a
 * `type/subtype` content type; a ready media has a probe; a probe's
 * duration is ≥ 0, a probe with video has a width and height > 0, and one
 * of a usable media has audio or video.
 */
#include "reel-model-private.h"

#include <string.h>

enum {
  M_ID = 1 << 0,
  M_NAME = 1 << 1,
  M_SIZE = 1 << 2,
  M_TYPE = 1 << 3,
  M_STATUS = 1 << 4,
  M_JOB = 1 << 5,
  M_PROBE = 1 << 6,
};

enum {
  P_DURATION = 1 << 0,
  P_WIDTH = 1 << 1,
  P_HEIGHT = 1 << 2,
  P_FPS = 1 << 3,
  P_STREAMS = 1 << 4,
  P_ALL = 0xffffffff,
};

#define MARK(obj, bit, read)                                                   \
  G_STMT_START                                                                 \
  {                                                                            \
    if ((read) == REEL_READ_BAD)                                               \
      (obj)->_broken |= (bit);                                                 \
  }                                                                            \
  G_STMT_END
#define OK(obj, bits) (((obj)->_broken & (bits)) == 0)

#define NAME_MAX_BYTES 1024

static const gchar *const statuses[] = { "uploading", "processing", "ready",
  "failed", NULL };
static const gchar *const media_members[] = { "$schema", "kind", "id", "name",
  "size", "content_type", "created_at", "status", "probe", "analysis_job",
  NULL };
static const gchar *const probe_known[] = { "duration", "width", "height",
  "fps", "has_audio", "has_video", NULL };

G_DEFINE_BOXED_TYPE (ReelMedia, reel_media, reel_media_copy, reel_media_free)

/**
 * reel_media_probe_new:
 *
 * Returns: (transfer full): an empty probe (no streams)
 */
ReelMediaProbe *
reel_media_probe_new (void)
{
  ReelMediaProbe *p = g_new0 (ReelMediaProbe, 1);

  p->extra = json_object_new ();
  return p;
}

/**
 * reel_media_probe_free:
 * @probe: (nullable) (transfer full): a #ReelMediaProbe
 *
 * Frees @probe and everything it owns.
 */
void
reel_media_probe_free (ReelMediaProbe *probe)
{
  if (probe == NULL)
    return;
  g_clear_pointer (&probe->extra, json_object_unref);
  g_free (probe);
}

/**
 * reel_media_new:
 * @id: the media id
 * @name: the file name
 *
 * Returns: (transfer full): an uploading media of size 0, created now
 */
ReelMedia *
reel_media_new (const gchar *id, const gchar *name)
{
  ReelMedia *m = g_new0 (ReelMedia, 1);

  m->id = g_strdup (id);
  m->name = g_strdup (name);
  m->content_type = g_strdup ("application/octet-stream");
  m->created_at = g_date_time_new_now_utc ();
  m->status = REEL_MEDIA_STATUS_UPLOADING;
  return m;
}

/**
 * reel_media_free:
 * @media: (nullable) (transfer full): a #ReelMedia
 *
 * Frees @media and everything it owns.
 */
void
reel_media_free (ReelMedia *media)
{
  if (media == NULL)
    return;
  g_free (media->id);
  g_free (media->name);
  g_free (media->content_type);
  g_clear_pointer (&media->created_at, g_date_time_unref);
  reel_media_probe_free (media->probe);
  g_free (media->analysis_job);
  g_free (media);
}

/**
 * reel_media_status_to_string:
 * @status: a value of the enum
 *
 * Returns: (transfer none) (nullable): the status's name (`"ready"`, …), as in JSON; %NULL for a value
 *   out of range
 */
const gchar *
reel_media_status_to_string (ReelMediaStatus status)
{
  return reel_model_enum_to_string (statuses, status);
}

/**
 * reel_media_status_from_string:
 * @status: (out): the status named @name
 *
 * Returns: %FALSE when @name is not a media status
 */
gboolean
reel_media_status_from_string (const gchar *name, ReelMediaStatus *status)
{
  for (gint i = 0; name != NULL && statuses[i] != NULL; i++) {
    if (g_str_equal (statuses[i], name)) {
      *status = (ReelMediaStatus) i;
      return TRUE;
    }
  }
  return FALSE;
}

static ReelMediaProbe *
parse_probe (JsonNode *node, const gchar *path, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelMediaProbe *p = reel_media_probe_new ();
  ReelRead res;

  if (!reel_reader_init (&r, node, path, errors, NULL)) {
    p->_broken = P_ALL;
    return p;
  }
  res = reel_read_nullable_double (&r, "duration", &p->has_duration,
      &p->duration);
  MARK (p, P_DURATION, res);
  MARK (p, P_WIDTH, reel_read_gint (&r, "width", FALSE, &p->width));
  MARK (p, P_HEIGHT, reel_read_gint (&r, "height", FALSE, &p->height));
  MARK (p, P_FPS, reel_read_rate (&r, "fps", FALSE, &p->fps));
  MARK (p, P_STREAMS, reel_read_boolean (&r, "has_audio", TRUE, &p->has_audio));
  MARK (p, P_STREAMS, reel_read_boolean (&r, "has_video", TRUE, &p->has_video));
  json_object_unref (p->extra);
  p->extra = reel_reader_take_extra (&r, probe_known);
  return p;
}

static ReelMedia *
parse_media (JsonNode *node, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  g_autoptr (ReelMedia) m = NULL;
  JsonNode *probe = NULL;
  gint status = 0;

  if (!reel_reader_init (&r, node, NULL, errors, media_members))
    return NULL;
  reel_model_check_kind (&r, "media");

  m = g_new0 (ReelMedia, 1);
  MARK (m, M_ID, reel_read_string (&r, "id", TRUE, &m->id));
  MARK (m, M_NAME, reel_read_string (&r, "name", TRUE, &m->name));
  MARK (m, M_SIZE, reel_read_int (&r, "size", TRUE, &m->size));
  MARK (m, M_TYPE,
      reel_read_string (&r, "content_type", TRUE, &m->content_type));
  reel_read_datetime (&r, "created_at", TRUE, &m->created_at);
  MARK (m, M_STATUS, reel_read_enum (&r, "status", TRUE, statuses, &status));
  m->status = (ReelMediaStatus) status;
  if (reel_read_object (&r, "probe", FALSE, &probe) == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "probe");

    m->probe = parse_probe (probe, p, errors);
  } else if (reel_reader_node (&r, "probe") != NULL) {
    m->_broken |= M_PROBE;
  }
  MARK (m, M_JOB,
      reel_read_string (&r, "analysis_job", FALSE, &m->analysis_job));
  return g_steal_pointer (&m);
}

static gboolean
content_type_is_valid (const gchar *type)
{
  const gchar *slash = strchr (type, '/');

  if (slash == NULL || slash == type || slash[1] == '\0'
      || strchr (slash + 1, '/') != NULL)
    return FALSE;
  for (const gchar *s = type; *s != '\0'; s++) {
    if (!g_ascii_isalnum (*s) && strchr ("/!#$&^_.+-;= ", *s) == NULL)
      return FALSE;
  }
  return TRUE;
}

static void
validate_probe (ReelMediaProbe *p, gboolean usable, ReelFieldErrors *errors)
{
  if (p->_broken == P_ALL)
    return;
  if (OK (p, P_DURATION) && p->has_duration && p->duration < 0)
    reel_field_errors_add (errors, "probe.duration", "must not be negative");
  if (OK (p, P_STREAMS) && p->has_video) {
    if (OK (p, P_WIDTH) && p->width <= 0)
      reel_field_errors_add (errors, "probe.width",
          "must be greater than 0 "
          "when has_video is true");
    if (OK (p, P_HEIGHT) && p->height <= 0)
      reel_field_errors_add (errors, "probe.height",
          "must be greater than "
          "0 when has_video is true");
  }
  if (OK (p, P_WIDTH) && p->width < 0)
    reel_field_errors_add (errors, "probe.width", "must not be negative");
  if (OK (p, P_HEIGHT) && p->height < 0)
    reel_field_errors_add (errors, "probe.height", "must not be negative");
  if (OK (p, P_FPS) && p->fps.den != 0 && !reel_rate_is_valid (p->fps))
    reel_field_errors_add (errors, "probe.fps", "must be a valid frame rate");
  if (OK (p, P_STREAMS) && usable && !p->has_audio && !p->has_video)
    reel_field_errors_add (errors, "probe",
        "has neither audio nor video: "
        "has_audio or has_video must be true");
}

/* See reel-model-private.h. */
void
reel_media_probe_check (JsonNode *node, ReelFieldErrors *errors)
{
  g_autoptr (ReelMediaProbe) p = parse_probe (node, "probe", errors);

  validate_probe (p, TRUE, errors);
}

/**
 * reel_media_validate:
 * @errors: (nullable): where to report each broken rule
 *
 * Returns: %TRUE when @media follows the rules in reel-media.c
 */
gboolean
reel_media_validate (ReelMedia *media, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();
  ReelMedia *m = media;

  g_return_val_if_fail (media != NULL, FALSE);

  if (OK (m, M_ID))
    reel_model_check_id (m->id, "id", local);
  if (OK (m, M_NAME)) {
    if (m->name == NULL)
      reel_field_errors_add (local, "name", "is required");
    else if (strlen (m->name) > NAME_MAX_BYTES)
      reel_field_errors_add (local, "name", "must be at most %d bytes",
          NAME_MAX_BYTES);
  }
  if (OK (m, M_SIZE) && m->size < 0)
    reel_field_errors_add (local, "size", "must not be negative");
  if (OK (m, M_TYPE)) {
    if (m->content_type == NULL)
      reel_field_errors_add (local, "content_type", "is required");
    else if (!content_type_is_valid (m->content_type))
      reel_field_errors_add (local, "content_type",
          "must be a MIME type such "
          "as \"video/mp4\" (not \"%s\")",
          m->content_type);
  }
  if (OK (m, M_STATUS | M_PROBE) && m->status == REEL_MEDIA_STATUS_READY
      && m->probe == NULL)
    reel_field_errors_add (local, "probe",
        "is required when status is "
        "\"ready\"");
  if (m->probe != NULL)
    validate_probe (m->probe,
        OK (m, M_STATUS) && m->status != REEL_MEDIA_STATUS_FAILED, local);
  if (OK (m, M_JOB) && m->analysis_job != NULL)
    reel_model_check_id (m->analysis_job, "analysis_job", local);

  reel_model_copy_errors (local, errors);
  return reel_field_errors_get_count (local) == 0;
}

/**
 * reel_media_new_from_json:
 * @node: a JSON document
 * @errors: (nullable): where to report every error, with its path
 *
 * Returns: (transfer full) (nullable): the media record, or %NULL when
 *   @node is not a valid one
 */
ReelMedia *
reel_media_new_from_json (JsonNode *node, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();
  ReelMedia *m;

  g_return_val_if_fail (node != NULL, NULL);

  m = parse_media (node, local);
  if (m != NULL)
    reel_media_validate (m, local);
  return reel_model_finish (m, (GDestroyNotify) reel_media_free, local, errors);
}

/**
 * reel_media_to_json:
 *
 * Every member is written; `probe` and `analysis_job` as null when unset.
 *
 * Returns: (transfer full): the MEDIA document
 */
JsonNode *
reel_media_to_json (ReelMedia *media)
{
  JsonObject *o;
  JsonNode *node;

  g_return_val_if_fail (media != NULL, NULL);

  o = json_object_new ();
  reel_json_set_nullable_string (o, "id", media->id);
  reel_json_set_nullable_string (o, "name", media->name);
  json_object_set_int_member (o, "size", media->size);
  reel_json_set_nullable_string (o, "content_type", media->content_type);
  reel_json_set_datetime (o, "created_at", media->created_at);
  json_object_set_string_member (o, "status",
      reel_media_status_to_string (media->status));
  if (media->probe != NULL) {
    ReelMediaProbe *p = media->probe;
    JsonObject *po = json_object_new ();

    if (p->has_duration)
      json_object_set_double_member (po, "duration", p->duration);
    else
      json_object_set_null_member (po, "duration");
    if (p->has_video) {
      json_object_set_int_member (po, "width", p->width);
      json_object_set_int_member (po, "height", p->height);
    }
    if (reel_rate_is_valid (p->fps))
      json_object_set_member (po, "fps", reel_rate_to_json (p->fps));
    json_object_set_boolean_member (po, "has_audio", p->has_audio);
    json_object_set_boolean_member (po, "has_video", p->has_video);
    reel_json_merge_extra (po, p->extra);
    json_object_set_object_member (o, "probe", po);
  } else {
    json_object_set_null_member (o, "probe");
  }
  reel_json_set_nullable_string (o, "analysis_job", media->analysis_job);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

/**
 * reel_media_copy:
 *
 * Returns: (transfer full): a deep copy
 */
ReelMedia *
reel_media_copy (ReelMedia *media)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelMedia *copy;

  g_return_val_if_fail (media != NULL, NULL);

  node = reel_media_to_json (media);
  copy = parse_media (node, errors);
  return copy != NULL ? copy : reel_media_new (media->id, media->name);
}
