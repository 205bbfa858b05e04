/* Unit tests of the field-path error list (core/util/reel-field-errors.c):
 * paths, every error kept in order, and the JSON and text forms the API and
 * CLI show. */
#include "reel-field-errors.h"

static void
test_paths (void)
{
  g_autofree gchar *root = reel_path_member (NULL, "tracks");
  g_autofree gchar *idx = reel_path_index (root, 1);
  g_autofree gchar *leaf = reel_path_member (idx, "clips");

  g_assert_cmpstr (root, ==, "tracks");
  g_assert_cmpstr (idx, ==, "tracks[1]");
  g_assert_cmpstr (leaf, ==, "tracks[1].clips");
}

static void
test_collects_all (void)
{
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (GError) error = NULL;
  g_autofree gchar *text = NULL;
  g_autoptr (JsonNode) json = NULL;
  JsonObject *first;

  g_assert_true (reel_field_errors_propagate (errors, &error, G_IO_ERROR,
      G_IO_ERROR_FAILED, "x"));
  g_assert_no_error (error);

  reel_field_errors_add (errors, "a.b", "must be %d or more", 3);
  reel_field_errors_add (errors, NULL, "not a timeline");
  g_assert_cmpuint (reel_field_errors_get_count (errors), ==, 2);
  g_assert_true (reel_field_errors_has_path (errors, "a.b"));
  g_assert_false (reel_field_errors_has_path (errors, "a"));

  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==, "a.b: must be 3 or more\nnot a timeline\n");

  json = reel_field_errors_to_json (errors);
  first = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "path"), ==, "a.b");
  g_assert_cmpstr (json_object_get_string_member (first, "message"), ==,
      "must be 3 or more");

  g_assert_false (reel_field_errors_propagate (errors, &error, G_IO_ERROR,
      G_IO_ERROR_INVALID_DATA, "t.json"));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "t.json: 2 errors"));
  g_assert_nonnull (strstr (error->message, "a.b: must be 3 or more"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/util/field-errors/paths", test_paths);
  g_test_add_func ("/util/field-errors/collects-all", test_collects_all);
  return g_test_run ();
}
