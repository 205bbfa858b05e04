/* reel — collected validation errors with field paths; see
 * reel-field-errors.h for how the rest of reel uses them. */
#include "reel-field-errors.h"

#include <stdarg.h>

typedef struct {
  gchar *path;
  gchar *message;
} FieldError;

struct _ReelFieldErrors {
  GArray *items; /* FieldError, owning both strings */
};

static void
field_error_clear (gpointer data)
{
  FieldError *fe = data;

  g_free (fe->path);
  g_free (fe->message);
}

/**
 * reel_field_errors_new:
 *
 * Returns: (transfer full): an empty list
 */
ReelFieldErrors *
reel_field_errors_new (void)
{
  ReelFieldErrors *errors = g_new0 (ReelFieldErrors, 1);

  errors->items = g_array_new (FALSE, TRUE, sizeof (FieldError));
  g_array_set_clear_func (errors->items, field_error_clear);
  return errors;
}

void
reel_field_errors_free (ReelFieldErrors *errors)
{
  if (errors == NULL)
    return;
  g_array_unref (errors->items);
  g_free (errors);
}

void
reel_field_errors_add_valist (ReelFieldErrors *errors, const gchar *path,
    const gchar *format, va_list args)
{
  FieldError fe;

  g_return_if_fail (errors != NULL);
  g_return_if_fail (format != NULL);

  fe.path = g_strdup (path != NULL ? path : "");
  fe.message = g_strdup_vprintf (format, args);
  g_array_append_val (errors->items, fe);
}

/**
 * reel_field_errors_add:
 * @errors: the list
 * @path: (nullable): the field's JSON path; empty or %NULL for the document
 * @format: printf-style message
 *
 * Appends one error.
 */
void
reel_field_errors_add (ReelFieldErrors *errors, const gchar *path,
    const gchar *format, ...)
{
  va_list args;

  va_start (args, format);
  reel_field_errors_add_valist (errors, path, format, args);
  va_end (args);
}

guint
reel_field_errors_get_count (ReelFieldErrors *errors)
{
  g_return_val_if_fail (errors != NULL, 0);
  return errors->items->len;
}

const gchar *
reel_field_errors_get_path (ReelFieldErrors *errors, guint index)
{
  g_return_val_if_fail (errors != NULL, NULL);
  g_return_val_if_fail (index < errors->items->len, NULL);
  return g_array_index (errors->items, FieldError, index).path;
}

const gchar *
reel_field_errors_get_message (ReelFieldErrors *errors, guint index)
{
  g_return_val_if_fail (errors != NULL, NULL);
  g_return_val_if_fail (index < errors->items->len, NULL);
  return g_array_index (errors->items, FieldError, index).message;
}

/**
 * reel_field_errors_has_path:
 *
 * Returns: whether any error names exactly @path
 */
gboolean
reel_field_errors_has_path (ReelFieldErrors *errors, const gchar *path)
{
  g_return_val_if_fail (errors != NULL, FALSE);

  for (guint i = 0; i < errors->items->len; i++) {
    if (g_strcmp0 (g_array_index (errors->items, FieldError, i).path, path)
        == 0)
      return TRUE;
  }
  return FALSE;
}

/**
 * reel_field_errors_to_string:
 *
 * Returns: (transfer full): one `path: message` line per error
 */
gchar *
reel_field_errors_to_string (ReelFieldErrors *errors)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (errors != NULL, NULL);

  for (guint i = 0; i < errors->items->len; i++) {
    FieldError *fe = &g_array_index (errors->items, FieldError, i);

    if (fe->path[0] != '\0')
      g_string_append_printf (s, "%s: %s\n", fe->path, fe->message);
    else
      g_string_append_printf (s, "%s\n", fe->message);
  }
  return g_string_free (s, FALSE);
}

/**
 * reel_field_errors_to_json:
 *
 * Returns: (transfer full): a JSON array of `{"path","message"}` objects, the
 *   `errors` member of a problem+json body
 */
JsonNode *
reel_field_errors_to_json (ReelFieldErrors *errors)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < errors->items->len; i++) {
    FieldError *fe = &g_array_index (errors->items, FieldError, i);
    JsonObject *o = json_object_new ();

    json_object_set_string_member (o, "path", fe->path);
    json_object_set_string_member (o, "message", fe->message);
    json_array_add_object_element (array, o);
  }
  json_node_take_array (node, array);
  return node;
}

/**
 * reel_field_errors_propagate:
 * @errors: the list
 * @error: return location for a #GError
 * @domain: the error domain to use
 * @code: the error code to use
 * @what: what was being validated, e.g. a file name
 *
 * Sets @error when the list is not empty, with every error in the message.
 *
 * Returns: %TRUE when the list is empty
 */
gboolean
reel_field_errors_propagate (ReelFieldErrors *errors, GError **error,
    GQuark domain, gint code, const gchar *what)
{
  g_autofree gchar *text = NULL;

  if (errors->items->len == 0)
    return TRUE;

  text = reel_field_errors_to_string (errors);
  g_strchomp (text);
  g_set_error (error, domain, code, "%s: %u error%s:\n%s", what,
      errors->items->len, errors->items->len == 1 ? "" : "s", text);
  return FALSE;
}

/**
 * reel_path_member:
 * @prefix: (nullable): a path, or %NULL/empty for the document root
 * @member: a member name
 *
 * Returns: (transfer full): `prefix.member`, or `member` at the root
 */
gchar *
reel_path_member (const gchar *prefix, const gchar *member)
{
  if (prefix == NULL || prefix[0] == '\0')
    return g_strdup (member);
  return g_strconcat (prefix, ".", member, NULL);
}

/**
 * reel_path_index:
 *
 * Returns: (transfer full): `prefix[index]`
 */
gchar *
reel_path_index (const gchar *prefix, guint index)
{
  return g_strdup_printf ("%s[%u]", prefix != NULL ? prefix : "", index);
}
