/* reel — json-glib helpers; see reel-json.h. */
#include "reel-json.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (reel_json_error_quark, reel_json_error)

/**
 * reel_json_load_data:
 * @data: JSON text
 * @length: its length, or -1 when nul-terminated
 * @what: what the text is (a file name, "request body"), for errors
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the document's root
 */
JsonNode *
reel_json_load_data (const gchar *data, gssize length, const gchar *what,
    GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, &local_error)) {
    g_set_error (error, REEL_JSON_ERROR, REEL_JSON_ERROR_PARSE,
        "%s: not valid JSON: %s", what, local_error->message);
    return NULL;
  }
  root = json_parser_steal_root (parser);
  if (root == NULL) {
    g_set_error (error, REEL_JSON_ERROR, REEL_JSON_ERROR_PARSE,
        "%s: empty document", what);
    return NULL;
  }
  return root;
}

/**
 * reel_json_load_file:
 *
 * Returns: (transfer full): the root of the JSON document in @filename
 */
JsonNode *
reel_json_load_file (const gchar *filename, GError **error)
{
  g_autofree gchar *contents = NULL;
  gsize length;
  g_autoptr (GError) local_error = NULL;

  if (!g_file_get_contents (filename, &contents, &length, &local_error)) {
    g_set_error (error, REEL_JSON_ERROR, REEL_JSON_ERROR_PARSE, "%s",
        local_error->message);
    return NULL;
  }
  return reel_json_load_data (contents, length, filename, error);
}

/**
 * reel_json_load_object_file:
 *
 * Returns: (transfer full): the JSON object in @filename; an error when the
 *   document is not an object
 */
JsonObject *
reel_json_load_object_file (const gchar *filename, GError **error)
{
  g_autoptr (JsonNode) root = reel_json_load_file (filename, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root)) {
    g_set_error (error, REEL_JSON_ERROR, REEL_JSON_ERROR_NOT_OBJECT,
        "%s: the document must be a JSON object", filename);
    return NULL;
  }
  return json_node_dup_object (root);
}

/**
 * reel_json_format_double:
 * @buf: (out caller-allocates): at least %G_ASCII_DTOSTR_BUF_SIZE bytes
 * @value: a finite number
 *
 * Writes the shortest decimal that reads back as @value (json-glib writes
 * 17 significant digits, so 0.1 would read "0.10000000000000001"). Whole
 * numbers keep a ".0" so they still read back as doubles.
 *
 * Returns: (transfer none): @buf
 */
const gchar *
reel_json_format_double (gchar *buf, gdouble value)
{
  if (!isfinite (value)) {
    /* JSON has no NaN or infinity; null is what a reader can take. */
    g_strlcpy (buf, "null", G_ASCII_DTOSTR_BUF_SIZE);
    return buf;
  }
  for (gint digits = 15; digits <= 17; digits++) {
    g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE,
        digits == 15   ? "%.15g"
        : digits == 16 ? "%.16g"
                       : "%.17g",
        value);
    if (g_ascii_strtod (buf, NULL) == value)
      break;
  }
  if (strpbrk (buf, ".eEn") == NULL)
    g_strlcat (buf, ".0", G_ASCII_DTOSTR_BUF_SIZE);
  return buf;
}

static void
write_string (GString *out, const gchar *s)
{
  g_string_append_c (out, '"');
  for (const guchar *c = (const guchar *) s; *c; c++) {
    switch (*c) {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        if (*c < 0x20)
          g_string_append_printf (out, "\\u%04x", *c);
        else
          g_string_append_c (out, *c);
    }
  }
  g_string_append_c (out, '"');
}

static void
write_indent (GString *out, gboolean pretty, guint depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_node (GString *out, JsonNode *node, gboolean pretty, guint depth)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (JSON_NODE_TYPE (node)) {
    case JSON_NODE_OBJECT: {
      JsonObjectIter iter;
      const gchar *name;
      JsonNode *member;
      gboolean first = TRUE;

      g_string_append_c (out, '{');
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member)) {
        if (!first)
          g_string_append_c (out, ',');
        first = FALSE;
        write_indent (out, pretty, depth + 1);
        write_string (out, name);
        g_string_append (out, pretty ? ": " : ":");
        write_node (out, member, pretty, depth + 1);
      }
      if (!first)
        write_indent (out, pretty, depth);
      g_string_append_c (out, '}');
      break;
    }
    case JSON_NODE_ARRAY: {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++) {
        if (i > 0)
          g_string_append_c (out, ',');
        write_indent (out, pretty, depth + 1);
        write_node (out, json_array_get_element (array, i), pretty, depth + 1);
      }
      if (n > 0)
        write_indent (out, pretty, depth);
      g_string_append_c (out, ']');
      break;
    }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node)) {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT,
              json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          g_string_append (out,
              reel_json_format_double (buf, json_node_get_double (node)));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out,
              json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
      }
      break;
  }
}

/**
 * reel_json_to_string:
 * @node: a JSON node
 * @pretty: indent by two spaces, one member or element a line
 *
 * Writes @node as JSON, members in insertion order and numbers in their
 * shortest exact form (see reel_json_format_double()). Every JSON document
 * reel prints or serves goes through here.
 *
 * Returns: (transfer full): @node as JSON text
 */
gchar *
reel_json_to_string (JsonNode *node, gboolean pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);
  write_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

/**
 * reel_json_object_to_string:
 *
 * Returns: (transfer full): @object as JSON text
 */
gchar *
reel_json_object_to_string (JsonObject *object, gboolean pretty)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return reel_json_to_string (node, pretty);
}
