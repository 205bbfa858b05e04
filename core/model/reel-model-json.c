/* reel — the JSON reading and writing the models share (see
 * reel-model-private.h): typed member readers that report each problem with
 * its path and a message a person can act on, and small writers.
 */
#include "reel-model-private.h"

#include <math.h>
#include <string.h>

/* Largest whole number a double holds exactly: integers beyond it are
 * refused where an integer is expected. */
#define EXACT_INT_MAX 9007199254740992.0

static const gchar *
type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node)) {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    default:
      return "a number";
  }
}

static gboolean
holds (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == type;
}

static gboolean
holds_number (JsonNode *node)
{
  return holds (node, G_TYPE_INT64) || holds (node, G_TYPE_DOUBLE);
}

/* Levenshtein distance, for "did you mean" hints on short names. */
static guint
edit_distance (const gchar *a, const gchar *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = NULL;

  if (la > 64 || lb > 64)
    return G_MAXUINT;
  row = g_new (guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++) {
    guint diag = row[0];

    row[0] = i;
    for (gsize j = 1; j <= lb; j++) {
      guint up = row[j];
      guint best = diag + (a[i - 1] == b[j - 1] ? 0 : 1);

      best = MIN (best, up + 1);
      best = MIN (best, row[j - 1] + 1);
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

static const gchar *
closest_name (const gchar *name, const gchar *const *names)
{
  const gchar *best = NULL;
  guint best_distance = 3;

  for (guint i = 0; names != NULL && names[i] != NULL; i++) {
    guint d = edit_distance (name, names[i]);

    if (d < best_distance && d < strlen (names[i])) {
      best = names[i];
      best_distance = d;
    }
  }
  return best;
}

/**
 * reel_reader_init:
 * @r: (out caller-allocates): the reader
 * @node: (nullable): the node to read, expected to be an object
 * @path: its path
 * @errors: where to report
 * @known: (nullable) (array zero-terminated=1): the members this object may
 *   have; others are reported as unknown. %NULL accepts any member.
 *
 * Returns: %FALSE (reported) when @node is not an object
 */
gboolean
reel_reader_init (ReelReader *r, JsonNode *node, const gchar *path,
    ReelFieldErrors *errors, const gchar *const *known)
{
  r->object = NULL;
  r->path = g_strdup (path != NULL ? path : "");
  r->errors = errors;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)) {
    reel_field_errors_add (errors, r->path, "must be an object (not %s)",
        node != NULL ? type_name (node) : "missing");
    return FALSE;
  }
  r->object = json_node_get_object (node);
  if (known != NULL)
    reel_reader_check_members (r, known);
  return TRUE;
}

/**
 * reel_reader_check_members:
 * @known: (array zero-terminated=1): the members the object may have
 *
 * Reports every other member as unknown, with a hint when a known name is
 * close (a typo).
 */
void
reel_reader_check_members (ReelReader *r, const gchar *const *known)
{
  g_autoptr (GList) members = NULL;

  if (r->object == NULL)
    return;
  members = json_object_get_members (r->object);
  for (GList *l = members; l != NULL; l = l->next) {
    const gchar *name = l->data;
    g_autofree gchar *p = NULL;
    const gchar *hint;

    if (g_strv_contains (known, name))
      continue;
    p = reel_path_member (r->path, name);
    hint = closest_name (name, known);
    if (hint != NULL)
      reel_field_errors_add (r->errors, p,
          "unknown member (did you mean "
          "\"%s\"?)",
          hint);
    else
      reel_field_errors_add (r->errors, p, "unknown member");
  }
}

void
reel_reader_clear (ReelReader *r)
{
  g_clear_pointer (&r->path, g_free);
  r->object = NULL;
}

/**
 * reel_reader_path:
 *
 * Returns: (transfer full): the path of @member of the object being read
 */
gchar *
reel_reader_path (ReelReader *r, const gchar *member)
{
  return reel_path_member (r->path, member);
}

/**
 * reel_reader_node:
 *
 * Returns: (transfer none) (nullable): @member, or %NULL when it is missing
 *   or null
 */
JsonNode *
reel_reader_node (ReelReader *r, const gchar *member)
{
  JsonNode *node;

  if (r->object == NULL)
    return NULL;
  node = json_object_get_member (r->object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

/* The common start of every member reader: absent, or required and
 * missing (reported), or there. */
static ReelRead
fetch (ReelReader *r, const gchar *member, gboolean required, JsonNode **node)
{
  *node = reel_reader_node (r, member);
  if (*node != NULL)
    return REEL_READ_OK;
  if (required) {
    g_autofree gchar *p = reel_reader_path (r, member);

    reel_field_errors_add (r->errors, p, "is required");
    return REEL_READ_BAD;
  }
  return REEL_READ_ABSENT;
}

static ReelRead
bad_type (ReelFieldErrors *errors, const gchar *path, const gchar *expected,
    JsonNode *node)
{
  reel_field_errors_add (errors, path, "must be %s (not %s)", expected,
      type_name (node));
  return REEL_READ_BAD;
}

/**
 * reel_node_string:
 * @out: (out) (transfer full): a copy of the string
 */
ReelRead
reel_node_string (JsonNode *node, const gchar *path, ReelFieldErrors *errors,
    gchar **out)
{
  if (!holds (node, G_TYPE_STRING))
    return bad_type (errors, path, "a string", node);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return REEL_READ_OK;
}

/**
 * reel_node_double:
 *
 * Reads a finite number. 1e400 parses as infinity and is refused here.
 */
ReelRead
reel_node_double (JsonNode *node, const gchar *path, ReelFieldErrors *errors,
    gdouble *out)
{
  gdouble d;

  if (!holds_number (node))
    return bad_type (errors, path, "a number", node);
  d = json_node_get_double (node);
  if (!isfinite (d)) {
    reel_field_errors_add (errors, path, "is out of range");
    return REEL_READ_BAD;
  }
  *out = d == 0 ? 0 : d; /* no negative zero */
  return REEL_READ_OK;
}

ReelRead
reel_read_string (ReelReader *r, const gchar *member, gboolean required,
    gchar **out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  return reel_node_string (node, p, r->errors, out);
}

ReelRead
reel_read_double (ReelReader *r, const gchar *member, gboolean required,
    gdouble *out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  return reel_node_double (node, p, r->errors, out);
}

/**
 * reel_read_nullable_double:
 * @is_set: (out): %FALSE when the member is null or missing
 */
ReelRead
reel_read_nullable_double (ReelReader *r, const gchar *member, gboolean *is_set,
    gdouble *out)
{
  ReelRead res = reel_read_double (r, member, FALSE, out);

  *is_set = res == REEL_READ_OK;
  return res;
}

ReelRead
reel_read_int (ReelReader *r, const gchar *member, gboolean required,
    gint64 *out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);
  gdouble d;

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  if (holds (node, G_TYPE_INT64)) {
    *out = json_node_get_int (node);
    return REEL_READ_OK;
  }
  if (!holds (node, G_TYPE_DOUBLE))
    return bad_type (r->errors, p, "an integer", node);
  d = json_node_get_double (node);
  if (!isfinite (d) || fabs (d) > EXACT_INT_MAX) {
    reel_field_errors_add (r->errors, p, "is out of range");
    return REEL_READ_BAD;
  }
  if (d != floor (d)) {
    reel_field_errors_add (r->errors, p, "must be an integer (not %g)", d);
    return REEL_READ_BAD;
  }
  *out = (gint64) d;
  return REEL_READ_OK;
}

ReelRead
reel_read_gint (ReelReader *r, const gchar *member, gboolean required,
    gint *out)
{
  gint64 v = 0;
  ReelRead res = reel_read_int (r, member, required, &v);

  if (res != REEL_READ_OK)
    return res;
  if (v < G_MININT || v > G_MAXINT) {
    g_autofree gchar *p = reel_reader_path (r, member);

    reel_field_errors_add (r->errors, p, "is out of range");
    return REEL_READ_BAD;
  }
  *out = (gint) v;
  return REEL_READ_OK;
}

ReelRead
reel_read_boolean (ReelReader *r, const gchar *member, gboolean required,
    gboolean *out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  if (!holds (node, G_TYPE_BOOLEAN)) {
    p = reel_reader_path (r, member);
    return bad_type (r->errors, p, "true or false", node);
  }
  *out = json_node_get_boolean (node);
  return REEL_READ_OK;
}

/**
 * reel_read_enum:
 * @names: (array zero-terminated=1): the accepted strings, in enum order
 * @out: (out): the index of the string in @names
 */
ReelRead
reel_read_enum (ReelReader *r, const gchar *member, gboolean required,
    const gchar *const *names, gint *out)
{
  g_autofree gchar *p = NULL;
  g_autofree gchar *value = NULL;
  g_autoptr (GString) list = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);
  const gchar *hint;

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  if (reel_node_string (node, p, r->errors, &value) != REEL_READ_OK)
    return REEL_READ_BAD;
  for (gint i = 0; names[i] != NULL; i++) {
    if (g_str_equal (names[i], value)) {
      *out = i;
      return REEL_READ_OK;
    }
  }
  list = g_string_new (NULL);
  for (gint i = 0; names[i] != NULL; i++)
    g_string_append_printf (list, "%s\"%s\"", i > 0 ? ", " : "", names[i]);
  hint = closest_name (value, names);
  if (hint != NULL)
    reel_field_errors_add (r->errors, p,
        "must be one of %s (did you mean "
        "\"%s\"?)",
        list->str, hint);
  else
    reel_field_errors_add (r->errors, p, "must be one of %s", list->str);
  return REEL_READ_BAD;
}

ReelRead
reel_read_time (ReelReader *r, const gchar *member, gboolean required,
    ReelTime *out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  return reel_time_from_json (node, p, r->errors, out) ? REEL_READ_OK
                                                       : REEL_READ_BAD;
}

ReelRead
reel_read_rate (ReelReader *r, const gchar *member, gboolean required,
    ReelRate *out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  return reel_rate_from_json (node, p, r->errors, out) ? REEL_READ_OK
                                                       : REEL_READ_BAD;
}

/**
 * reel_read_object:
 * @out: (out) (transfer none): the member's node, holding an object
 */
ReelRead
reel_read_object (ReelReader *r, const gchar *member, gboolean required,
    JsonNode **out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  if (!JSON_NODE_HOLDS_OBJECT (node)) {
    p = reel_reader_path (r, member);
    return bad_type (r->errors, p, "an object", node);
  }
  *out = node;
  return REEL_READ_OK;
}

/**
 * reel_read_array:
 * @out: (out) (transfer none): the array
 */
ReelRead
reel_read_array (ReelReader *r, const gchar *member, gboolean required,
    JsonArray **out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  if (!JSON_NODE_HOLDS_ARRAY (node)) {
    p = reel_reader_path (r, member);
    return bad_type (r->errors, p, "an array", node);
  }
  *out = json_node_get_array (node);
  return REEL_READ_OK;
}

/**
 * reel_read_datetime:
 * @out: (out) (transfer full): the date and time
 *
 * Reads an ISO 8601 date and time with a time zone offset (or `Z`).
 */
ReelRead
reel_read_datetime (ReelReader *r, const gchar *member, gboolean required,
    GDateTime **out)
{
  g_autofree gchar *p = NULL;
  g_autofree gchar *text = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);
  GDateTime *dt;

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  if (reel_node_string (node, p, r->errors, &text) != REEL_READ_OK)
    return REEL_READ_BAD;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL) {
    reel_field_errors_add (r->errors, p,
        "must be an ISO 8601 date and time "
        "with a time zone, such as \"2024-05-01T12:00:00Z\"");
    return REEL_READ_BAD;
  }
  g_clear_pointer (out, g_date_time_unref);
  *out = dt;
  return REEL_READ_OK;
}

static gboolean
depth_exceeds (JsonNode *node, guint budget)
{
  if (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node)) {
    if (budget == 0)
      return TRUE;
    if (JSON_NODE_HOLDS_ARRAY (node)) {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++) {
        if (depth_exceeds (json_array_get_element (a, i), budget - 1))
          return TRUE;
      }
    } else {
      JsonObjectIter iter;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &child)) {
        if (depth_exceeds (child, budget - 1))
          return TRUE;
      }
    }
  }
  return FALSE;
}

/**
 * reel_json_check_depth:
 *
 * Refuses JSON nested deeper than %REEL_MODEL_MAX_DEPTH containers; the
 * walk stops at that depth, so a hostile document costs nothing more.
 *
 * Returns: %TRUE when @node is shallow enough
 */
gboolean
reel_json_check_depth (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors)
{
  if (!depth_exceeds (node, REEL_MODEL_MAX_DEPTH))
    return TRUE;
  reel_field_errors_add (errors, path,
      "is nested too deeply (more than %d "
      "levels)",
      REEL_MODEL_MAX_DEPTH);
  return FALSE;
}

/**
 * reel_read_params:
 * @out: (out) (transfer full): the object, referenced
 *
 * Reads an object kept as it is (parameters), at most
 * %REEL_MODEL_MAX_DEPTH deep.
 */
ReelRead
reel_read_params (ReelReader *r, const gchar *member, gboolean required,
    JsonObject **out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = reel_read_object (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  if (!reel_json_check_depth (node, p, r->errors))
    return REEL_READ_BAD;
  g_clear_pointer (out, json_object_unref);
  *out = json_object_ref (json_node_get_object (node));
  return REEL_READ_OK;
}

/**
 * reel_read_json:
 * @out: (out) (transfer full): the node, referenced
 *
 * Reads any JSON value kept as it is, at most %REEL_MODEL_MAX_DEPTH deep.
 */
ReelRead
reel_read_json (ReelReader *r, const gchar *member, gboolean required,
    JsonNode **out)
{
  g_autofree gchar *p = NULL;
  JsonNode *node;
  ReelRead res = fetch (r, member, required, &node);

  if (res != REEL_READ_OK)
    return res;
  p = reel_reader_path (r, member);
  if (!reel_json_check_depth (node, p, r->errors))
    return REEL_READ_BAD;
  g_clear_pointer (out, json_node_unref);
  *out = json_node_copy (node);
  return REEL_READ_OK;
}

/**
 * reel_reader_take_extra:
 * @known: (array zero-terminated=1): members read into fields
 *
 * Collects the members not in @known, kept as they are (each at most
 * %REEL_MODEL_MAX_DEPTH deep; deeper ones are reported and dropped).
 *
 * Returns: (transfer full): the other members, possibly empty
 */
JsonObject *
reel_reader_take_extra (ReelReader *r, const gchar *const *known)
{
  JsonObject *extra = json_object_new ();
  g_autoptr (GList) members = NULL;

  if (r->object == NULL)
    return extra;
  members = json_object_get_members (r->object);
  for (GList *l = members; l != NULL; l = l->next) {
    const gchar *name = l->data;
    JsonNode *node = json_object_get_member (r->object, name);
    g_autofree gchar *p = NULL;

    if (g_strv_contains (known, name))
      continue;
    p = reel_path_member (r->path, name);
    if (reel_json_check_depth (node, p, r->errors))
      json_object_set_member (extra, name, json_node_copy (node));
  }
  return extra;
}

/**
 * reel_model_read_version:
 * @what: the document's name for the message ("timeline")
 * @out: (out): the version, 1 unless unsupported
 *
 * Every document reel writes carries `"version": 1`. A missing or malformed
 * version is reported and read as 1, so the rest is still checked. A later
 * version may be laid out differently: it is the one error reported, and
 * the caller stops reading.
 *
 * Returns: %FALSE when the version is unsupported and reading must stop
 */
gboolean
reel_model_read_version (ReelReader *r, const gchar *what, gboolean required,
    gint *out)
{
  g_autofree gchar *p = reel_reader_path (r, "version");
  gint64 v = 1;

  *out = 1;
  if (reel_read_int (r, "version", required, &v) != REEL_READ_OK)
    return TRUE;
  if (v > 1) {
    reel_field_errors_add (r->errors, p,
        "unsupported %s version %" G_GINT64_FORMAT
        ": this reel reads version 1",
        what, v);
    return FALSE;
  }
  if (v < 1)
    reel_field_errors_add (r->errors, p, "must be 1 (not %" G_GINT64_FORMAT ")",
        v);
  return TRUE;
}

/**
 * reel_model_check_kind:
 * @expected: the document kind's name
 *
 * A document may say what it is with `"kind"`; when it does, it must be
 * @expected.
 *
 * Returns: %FALSE (reported) on a mismatch
 */
gboolean
reel_model_check_kind (ReelReader *r, const gchar *expected)
{
  g_autofree gchar *kind = NULL;
  g_autofree gchar *p = reel_reader_path (r, "kind");

  switch (reel_read_string (r, "kind", FALSE, &kind)) {
    case REEL_READ_OK:
      if (!g_str_equal (kind, expected)) {
        reel_field_errors_add (r->errors, p,
            "must be \"%s\" in a %s "
            "(not \"%s\")",
            expected, expected, kind);
        return FALSE;
      }
      return TRUE;
    case REEL_READ_BAD:
      return FALSE;
    case REEL_READ_ABSENT:
    default:
      return TRUE;
  }
}

/**
 * reel_model_check_id:
 * @id: (nullable): an id
 *
 * Reports an id that reel_id_is_valid() refuses.
 */
void
reel_model_check_id (const gchar *id, const gchar *path,
    ReelFieldErrors *errors)
{
  if (id == NULL)
    reel_field_errors_add (errors, path, "is required");
  else if (id[0] == '\0')
    reel_field_errors_add (errors, path, "must not be empty");
  else if (!reel_id_is_valid (id))
    reel_field_errors_add (errors, path,
        "must be an id of 1 to %d letters, "
        "digits, '.', '_' or '-' (not \".\" or \"..\")",
        REEL_ID_MAX_LENGTH);
}

/**
 * reel_model_check_name:
 * @name: (nullable): a component or preset name
 *
 * Names of effects, generators and presets follow the id rules, at most 64
 * characters.
 */
void
reel_model_check_name (const gchar *name, const gchar *path,
    ReelFieldErrors *errors)
{
  if (name == NULL)
    reel_field_errors_add (errors, path, "is required");
  else if (name[0] == '\0')
    reel_field_errors_add (errors, path, "must not be empty");
  else if (strlen (name) > 64 || !reel_id_is_valid (name))
    reel_field_errors_add (errors, path,
        "must be a name of 1 to 64 letters, "
        "digits, '.', '_' or '-'");
}

/**
 * reel_model_parse_color:
 * @text: `#RRGGBB` or `#RRGGBBAA`
 * @out: (out): 0xRRGGBBAA
 */
gboolean
reel_model_parse_color (const gchar *text, guint32 *out)
{
  gsize len = strlen (text);
  guint32 v = 0;

  if (text[0] != '#' || (len != 7 && len != 9))
    return FALSE;
  for (gsize i = 1; i < len; i++) {
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
    v = (v << 4) | (guint32) g_ascii_xdigit_value (text[i]);
  }
  *out = len == 7 ? (v << 8) | 0xff : v;
  return TRUE;
}

/**
 * reel_model_color_to_string:
 *
 * Returns: (transfer full): `#RRGGBB` when opaque, else `#RRGGBBAA`
 */
gchar *
reel_model_color_to_string (guint32 color)
{
  if ((color & 0xff) == 0xff)
    return g_strdup_printf ("#%06X", color >> 8);
  return g_strdup_printf ("#%08X", color);
}

/**
 * reel_model_parse_aspect:
 * @text: `W:H`, each 1–1000
 */
gboolean
reel_model_parse_aspect (const gchar *text, gint *num, gint *den)
{
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);
  guint64 w, h;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, 1000, &w, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 1000, &h, NULL)
      || !g_ascii_isdigit (parts[0][0]) || !g_ascii_isdigit (parts[1][0]))
    return FALSE;
  *num = (gint) w;
  *den = (gint) h;
  return TRUE;
}

/**
 * reel_model_check_range:
 *
 * Returns: %FALSE (reported) when @value is outside [@min, @max]
 */
gboolean
reel_model_check_range (gdouble value, gdouble min, gdouble max,
    const gchar *path, ReelFieldErrors *errors)
{
  if (value >= min && value <= max)
    return TRUE;
  reel_field_errors_add (errors, path, "must be between %g and %g (not %g)",
      min, max, value);
  return FALSE;
}

const gchar *
reel_model_enum_to_string (const gchar *const *names, gint value)
{
  gint n = (gint) g_strv_length ((gchar **) names);

  if (value < 0 || value >= n)
    return NULL;
  return names[value];
}

void
reel_json_set_time (JsonObject *o, const gchar *member, ReelTime t)
{
  json_object_set_member (o, member, reel_time_to_json (t));
}

/**
 * reel_model_datetime_to_string:
 *
 * RFC 3339 (the ISO 8601 profile every JSON reader knows):
 * `2024-05-01T12:00:00Z`, `2024-05-01T12:00:01.5+02:00`.
 *
 * Returns: (transfer full): @dt as text
 */
gchar *
reel_model_datetime_to_string (GDateTime *dt)
{
  g_autofree gchar *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  g_autofree gchar *offset = NULL;
  gchar frac[16] = "";
  gint usec = g_date_time_get_microsecond (dt);

  if (usec != 0) {
    gsize len;

    g_snprintf (frac, sizeof frac, ".%06d", usec);
    len = strlen (frac);
    while (frac[len - 1] == '0')
      frac[--len] = '\0';
  }
  if (g_date_time_get_utc_offset (dt) == 0)
    offset = g_strdup ("Z");
  else
    offset = g_date_time_format (dt, "%:z");
  return g_strconcat (base, frac, offset, NULL);
}

/**
 * reel_json_set_datetime:
 * @dt: (nullable): written as null when %NULL
 */
void
reel_json_set_datetime (JsonObject *o, const gchar *member, GDateTime *dt)
{
  g_autofree gchar *text = NULL;

  if (dt == NULL) {
    json_object_set_null_member (o, member);
    return;
  }
  text = reel_model_datetime_to_string (dt);
  json_object_set_string_member (o, member, text);
}

void
reel_json_set_nullable_string (JsonObject *o, const gchar *member,
    const gchar *value)
{
  if (value == NULL)
    json_object_set_null_member (o, member);
  else
    json_object_set_string_member (o, member, value);
}

/**
 * reel_json_merge_extra:
 * @extra: (nullable): members to copy into @o, those already set excepted
 */
void
reel_json_merge_extra (JsonObject *o, JsonObject *extra)
{
  JsonObjectIter iter;
  const gchar *name;
  JsonNode *node;

  if (extra == NULL)
    return;
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &name, &node)) {
    if (!json_object_has_member (o, name))
      json_object_set_member (o, name, json_node_copy (node));
  }
}

/**
 * reel_model_copy_errors:
 * @to: (nullable): where to append every error of @from
 */
void
reel_model_copy_errors (ReelFieldErrors *from, ReelFieldErrors *to)
{
  if (to == NULL)
    return;
  for (guint i = 0; i < reel_field_errors_get_count (from); i++)
    reel_field_errors_add (to, reel_field_errors_get_path (from, i), "%s",
        reel_field_errors_get_message (from, i));
}

/**
 * reel_model_finish:
 * @object: (transfer full) (nullable): a model read from JSON
 * @local: the errors found reading and validating it
 * @errors: (nullable): the caller's list
 *
 * The end of every _new_from_json: hands the errors on, and the object only
 * when there were none.
 *
 * Returns: (transfer full) (nullable): @object, or %NULL (freed) on errors
 */
gpointer
reel_model_finish (gpointer object, GDestroyNotify free_func,
    ReelFieldErrors *local, ReelFieldErrors *errors)
{
  reel_model_copy_errors (local, errors);
  if (reel_field_errors_get_count (local) == 0 && object != NULL)
    return object;
  if (object != NULL)
    free_func (object);
  return NULL;
}
