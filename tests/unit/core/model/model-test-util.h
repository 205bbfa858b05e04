/* Helpers the core/model unit tests share: JSON written in C strings with '
 * for ", parsed into a node (any parse error fails the test). */
#pragma once

#include <json-glib/json-glib.h>

static inline JsonNode *
parse (const gchar *text)
{
  g_autofree gchar *json = g_strdup (text);
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  g_strdelimit (json, "'", '"');
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}
