/* Unit tests of reel's JSON writer and loader (core/util/reel-json.c):
 * numbers in their shortest exact form, escapes, member order, the pretty
 * layout, and load errors that say where the text came from. */
#include "reel-json.h"

#include <math.h>

static JsonNode *
parse (const gchar *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = reel_json_load_data (text, -1, "test", &error);

  g_assert_no_error (error);
  return node;
}

static void
test_shortest_numbers (void)
{
  const gdouble values[] = { 0.1, 2.002, 1.0 / 3.0, 1e300, -0.0, 5e-324,
    30000.0 / 1001.0, 1234567.125, 0.30000000000000004 };
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_cmpstr (reel_json_format_double (buf, 0.1), ==, "0.1");
  g_assert_cmpstr (reel_json_format_double (buf, 2.002), ==, "2.002");
  g_assert_cmpstr (reel_json_format_double (buf, 3.0), ==, "3.0");
  g_assert_cmpstr (reel_json_format_double (buf, 1e21), ==, "1e+21");
  g_assert_cmpstr (reel_json_format_double (buf, NAN), ==, "null");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++) {
    reel_json_format_double (buf, values[i]);
    g_assert_cmpfloat (g_ascii_strtod (buf, NULL), ==, values[i]);
  }
}

static void
test_write (void)
{
  g_autoptr (JsonNode) node =
      parse ("{\"b\":1,\"a\":[0.1,true,null,"
             "\"q\\\"\\\\\\n\\u0001é\"],\"e\":{},\"f\":[]}");
  g_autofree gchar *compact = reel_json_to_string (node, FALSE);
  g_autofree gchar *pretty = reel_json_to_string (node, TRUE);
  g_autoptr (JsonNode) again = parse (pretty);

  g_assert_cmpstr (compact, ==,
      "{\"b\":1,\"a\":[0.1,true,null,"
      "\"q\\\"\\\\\\n\\u0001é\"],\"e\":{},\"f\":[]}");
  g_assert_cmpstr (pretty, ==,
      "{\n  \"b\": 1,\n  \"a\": [\n    0.1,\n"
      "    true,\n    null,\n    \"q\\\"\\\\\\n\\u0001é\"\n  ],\n"
      "  \"e\": {},\n  \"f\": []\n}");
  g_assert_true (json_node_equal (node, again));
}

static void
test_load_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node =
      reel_json_load_data ("{\"a\":", -1, "request body", &error);
  g_autoptr (JsonObject) obj = NULL;
  g_autoptr (GError) error2 = NULL;

  g_assert_null (node);
  g_assert_error (error, REEL_JSON_ERROR, REEL_JSON_ERROR_PARSE);
  g_assert_true (
      g_str_has_prefix (error->message, "request body: not valid JSON"));

  obj = reel_json_load_object_file ("/nonexistent/doc.json", &error2);
  g_assert_null (obj);
  g_assert_nonnull (strstr (error2->message, "/nonexistent/doc.json"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/util/json/shortest-numbers", test_shortest_numbers);
  g_test_add_func ("/util/json/write", test_write);
  g_test_add_func ("/util/json/load-errors", test_load_errors);
  return g_test_run ();
}
