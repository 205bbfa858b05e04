/* reel — json-glib helpers; see reel-json.h. */
#include "reel-json.h"

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
 * reel_json_to_string:
 *
 * Returns: (transfer full): @node as JSON text
 */
gchar *
reel_json_to_string (JsonNode *node, gboolean pretty)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
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
