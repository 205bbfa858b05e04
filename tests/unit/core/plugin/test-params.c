/* Unit tests of parameter schemas (core/plugin/reel-param.c): what plugins
 * declare, the JSON Schema the API publishes, and validation of what clients
 * send — every error naming the parameter, the value and the allowed range. */
#include "reel-param-private.h"
#include "reel-json.h"

static ReelParamSchema *
make_schema (void)
{
  static const gchar *const orders[] = { "source", "score", NULL };
  ReelParamSchema *s = reel_param_schema_new ();

  reel_param_schema_add_double (s, "duration", "Target length", 1.0, 600.0,
      30.0);
  reel_param_schema_set_unit (s, "duration", "s");
  reel_param_schema_add_int (s, "beats", "Beats per clip", 1, 16, 4);
  reel_param_schema_add_boolean (s, "shuffle", "Shuffle", FALSE);
  reel_param_schema_add_choice (s, "order", "Order", "source", orders);
  reel_param_schema_add_string (s, "title", "Title", "untitled", 8);
  reel_param_schema_add_string (s, "needed", "A required text", NULL, 100);
  return s;
}

static JsonNode *
parse (const gchar *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = reel_json_load_data (text, -1, "test", &error);

  g_assert_no_error (error);
  return node;
}

static void
test_defaults_filled (void)
{
  g_autoptr (ReelParamSchema) s = make_schema ();
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (JsonNode) in = parse ("{\"needed\":\"x\",\"beats\":8}");
  g_autoptr (JsonObject) out =
      reel_param_schema_validate (s, in, "generator.params", errors);

  g_assert_cmpuint (reel_field_errors_get_count (errors), ==, 0);
  g_assert_nonnull (out);
  g_assert_cmpfloat (reel_params_get_double (out, "duration"), ==, 30.0);
  g_assert_cmpint (reel_params_get_int (out, "beats"), ==, 8);
  g_assert_false (reel_params_get_boolean (out, "shuffle"));
  g_assert_cmpstr (reel_params_get_string (out, "order"), ==, "source");
  g_assert_cmpstr (reel_params_get_string (out, "title"), ==, "untitled");
  g_assert_cmpstr (reel_params_get_string (out, "needed"), ==, "x");
}

static void
test_every_error_reported (void)
{
  g_autoptr (ReelParamSchema) s = make_schema ();
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (JsonNode) in = parse (
      "{\"duration\":5000,\"beats\":2.5,"
      "\"shuffle\":\"yes\",\"order\":\"random\",\"title\":\"far too long\","
      "\"colour\":1}");
  g_autoptr (JsonObject) out =
      reel_param_schema_validate (s, in, "generator.params", errors);
  g_autofree gchar *text = reel_field_errors_to_string (errors);

  g_assert_null (out);
  g_test_message ("%s", text);
  g_assert_cmpuint (reel_field_errors_get_count (errors), ==, 7);
  g_assert_true (
      reel_field_errors_has_path (errors, "generator.params.duration"));
  g_assert_true (reel_field_errors_has_path (errors, "generator.params.beats"));
  g_assert_true (
      reel_field_errors_has_path (errors, "generator.params.shuffle"));
  g_assert_true (reel_field_errors_has_path (errors, "generator.params.order"));
  g_assert_true (reel_field_errors_has_path (errors, "generator.params.title"));
  g_assert_true (
      reel_field_errors_has_path (errors, "generator.params.colour"));
  g_assert_true (
      reel_field_errors_has_path (errors, "generator.params.needed"));
  /* The value and the allowed range are named. */
  g_assert_nonnull (strstr (text,
      "generator.params.duration: 5000 is not "
      "allowed for 'duration': expected a number from 1 to 600 s"));
  g_assert_nonnull (strstr (text, "2.5 is not allowed for 'beats': expected "
                                  "a whole number from 1 to 16"));
  g_assert_nonnull (strstr (text, "\"random\" is not allowed for 'order': "
                                  "expected one of: source, score"));
  g_assert_nonnull (strstr (text,
      "unknown parameter 'colour'; known "
      "parameters: duration, beats, shuffle, order, title, needed"));
  g_assert_nonnull (strstr (text, "the parameter 'needed' is required"));
}

static void
test_wrong_shapes (void)
{
  g_autoptr (ReelParamSchema) s = make_schema ();
  const gchar *cases[] = {
    "[1,2]",
    "\"duration=3\"",
    "42",
    "{\"needed\":\"x\",\"duration\":null}",
    "{\"needed\":\"x\",\"duration\":[30]}",
    "{\"needed\":\"x\",\"duration\":{\"v\":30}}",
    "{\"needed\":\"x\",\"duration\":1e400}",
    "{\"needed\":\"x\",\"beats\":1e300}",
    "{\"needed\":\"x\",\"beats\":-9223372036854775808}",
    "{\"needed\":\"x\",\"beats\":true}",
    "{\"needed\":\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
    "\",\"title\":\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
    "\\u00e9\\u00e9\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
    g_autoptr (JsonNode) in = NULL;
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (JsonObject) out = NULL;

    /* json-glib reads 1e400 as inf; that must be refused, not crash. */
    if (!json_parser_load_from_data (parser, cases[i], -1, NULL))
      continue;
    in = json_parser_steal_root (parser);
    out = reel_param_schema_validate (s, in, "p", errors);
    g_assert_null (out);
    g_assert_cmpuint (reel_field_errors_get_count (errors), >=, 1);
  }
}

static void
test_whole_double_is_int (void)
{
  g_autoptr (ReelParamSchema) s = make_schema ();
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (JsonNode) in = parse ("{\"needed\":\"x\",\"beats\":3.0,"
                                   "\"duration\":12}");
  g_autoptr (JsonObject) out = reel_param_schema_validate (s, in, NULL, errors);

  g_assert_nonnull (out);
  g_assert_cmpint (reel_params_get_int (out, "beats"), ==, 3);
  g_assert_cmpfloat (reel_params_get_double (out, "duration"), ==, 12.0);
}

static void
test_cli_args (void)
{
  g_autoptr (ReelParamSchema) s = make_schema ();
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  gchar *good[] = { "needed=hello world", "duration=12.5", "shuffle=true",
    "beats=2", "order=score", NULL };
  gchar *bad[] = { "duration=12s", "beats=two", "nonsense", "colour=red",
    NULL };
  g_autoptr (JsonObject) out =
      reel_param_schema_parse_args (s, good, NULL, errors);
  g_autoptr (JsonObject) none = NULL;

  g_assert_nonnull (out);
  g_assert_cmpfloat (reel_params_get_double (out, "duration"), ==, 12.5);
  g_assert_true (reel_params_get_boolean (out, "shuffle"));
  g_assert_cmpstr (reel_params_get_string (out, "needed"), ==, "hello world");

  none = reel_param_schema_parse_args (s, bad, "params", errors);
  g_assert_null (none);
  g_assert_true (reel_field_errors_has_path (errors, "params"));
}

static void
test_cli_args_typed (void)
{
  g_autoptr (ReelParamSchema) s = make_schema ();
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  gchar *bad[] = { "needed=x", "duration=12s", "beats=two", "colour=red",
    NULL };
  g_autoptr (JsonObject) none =
      reel_param_schema_parse_args (s, bad, "params", errors);
  g_autofree gchar *text = reel_field_errors_to_string (errors);

  g_assert_null (none);
  g_assert_cmpuint (reel_field_errors_get_count (errors), ==, 3);
  g_assert_nonnull (strstr (text, "params.duration: \"12s\" is not allowed"));
  g_assert_nonnull (strstr (text, "params.beats: \"two\" is not allowed"));
  g_assert_nonnull (strstr (text, "params.colour: unknown parameter"));
}

static void
test_json_schema (void)
{
  g_autoptr (ReelParamSchema) s = make_schema ();
  g_autoptr (JsonNode) node = reel_param_schema_to_json_schema (s);
  JsonObject *root = json_node_get_object (node);
  JsonObject *props = json_object_get_object_member (root, "properties");
  JsonObject *duration = json_object_get_object_member (props, "duration");
  JsonObject *order = json_object_get_object_member (props, "order");
  JsonArray *required = json_object_get_array_member (root, "required");

  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "object");
  g_assert_false (
      json_object_get_boolean_member (root, "additionalProperties"));
  g_assert_cmpstr (json_object_get_string_member (duration, "type"), ==,
      "number");
  g_assert_cmpfloat (json_object_get_double_member (duration, "minimum"), ==,
      1.0);
  g_assert_cmpfloat (json_object_get_double_member (duration, "maximum"), ==,
      600.0);
  g_assert_cmpfloat (json_object_get_double_member (duration, "default"), ==,
      30.0);
  g_assert_cmpstr (json_object_get_string_member (duration, "x-unit"), ==, "s");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (props, "beats"), "type"),
      ==, "integer");
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (order, "enum")),
      ==, 2);
  g_assert_cmpuint (json_array_get_length (required), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (required, 0), ==, "needed");
  g_assert_cmpuint (reel_param_schema_get_n_params (s), ==, 6);
  g_assert_cmpstr (reel_param_schema_get_name (s, 3), ==, "order");
  g_assert_cmpint (reel_param_schema_get_param_type (s, 3), ==,
      REEL_PARAM_CHOICE);
}

static void
test_programmer_errors (void)
{
  if (g_test_subprocess ()) {
    g_autoptr (ReelParamSchema) s = reel_param_schema_new ();

    /* a default outside its own range is a bug in the plugin */
    reel_param_schema_add_int (s, "n", "n", 0, 10, 11);
    return;
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*default_value >= minimum*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/params/defaults-filled", test_defaults_filled);
  g_test_add_func ("/plugin/params/every-error-reported",
      test_every_error_reported);
  g_test_add_func ("/plugin/params/wrong-shapes", test_wrong_shapes);
  g_test_add_func ("/plugin/params/whole-double-is-int",
      test_whole_double_is_int);
  g_test_add_func ("/plugin/params/cli-args", test_cli_args);
  g_test_add_func ("/plugin/params/cli-args-typed", test_cli_args_typed);
  g_test_add_func ("/plugin/params/json-schema", test_json_schema);
  g_test_add_func ("/plugin/params/programmer-errors", test_programmer_errors);
  return g_test_run ();
}
