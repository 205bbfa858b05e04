/* reel — typed parameter schemas (the SDK side in include/reel/reel-param.h)
 * and their validation (the host side in reel-param-private.h).
 *
 * A schema is an ordered list of parameters. Plugins build one in their init;
 * the host validates what a client sends against it — every error collected,
 * each naming the parameter's path, the value and what is allowed — fills the
 * defaults in, and publishes the schema as JSON Schema for the API, the CLI
 * and the web form.
 */
#include "reel-param-private.h"
#include "reel-json.h"

#include <math.h>
#include <stdlib.h>
#include <errno.h>

typedef struct {
  gchar *name;
  gchar *description;
  gchar *unit;
  ReelParamType type;
  gboolean def_boolean;
  gint64 def_int, min_int, max_int;
  gdouble def_double, min_double, max_double;
  gchar *def_string;
  guint max_length;
  GStrv choices;
} Param;

struct _ReelParamSchema {
  gatomicrefcount ref_count;
  GPtrArray *params; /* Param, owned */
};

G_DEFINE_BOXED_TYPE (ReelParamSchema, reel_param_schema, reel_param_schema_ref,
    reel_param_schema_unref)

static void
param_free (gpointer data)
{
  Param *p = data;

  g_free (p->name);
  g_free (p->description);
  g_free (p->unit);
  g_free (p->def_string);
  g_strfreev (p->choices);
  g_free (p);
}

/**
 * reel_param_schema_new:
 *
 * Returns: (transfer full): an empty schema
 */
ReelParamSchema *
reel_param_schema_new (void)
{
  ReelParamSchema *schema = g_new0 (ReelParamSchema, 1);

  g_atomic_ref_count_init (&schema->ref_count);
  schema->params = g_ptr_array_new_with_free_func (param_free);
  return schema;
}

/**
 * reel_param_schema_ref:
 *
 * Returns: (transfer full): @schema
 */
ReelParamSchema *
reel_param_schema_ref (ReelParamSchema *schema)
{
  g_return_val_if_fail (schema != NULL, NULL);
  g_atomic_ref_count_inc (&schema->ref_count);
  return schema;
}

void
reel_param_schema_unref (ReelParamSchema *schema)
{
  g_return_if_fail (schema != NULL);
  if (g_atomic_ref_count_dec (&schema->ref_count)) {
    g_ptr_array_unref (schema->params);
    g_free (schema);
  }
}

static Param *
find_param (ReelParamSchema *schema, const gchar *name)
{
  for (guint i = 0; i < schema->params->len; i++) {
    Param *p = g_ptr_array_index (schema->params, i);

    if (g_strcmp0 (p->name, name) == 0)
      return p;
  }
  return NULL;
}

/* Parameter names are what clients type and what element properties are
 * called: lower-case, digits, '-' and '_'. */
gboolean
reel_param_name_is_valid (const gchar *name)
{
  if (name == NULL || !g_ascii_islower (name[0]))
    return FALSE;
  for (const gchar *c = name; *c; c++) {
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '_'
        && *c != '-')
      return FALSE;
  }
  return strlen (name) <= 64;
}

static Param *
add_param (ReelParamSchema *schema, const gchar *name, const gchar *description,
    ReelParamType type)
{
  Param *p;

  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (reel_param_name_is_valid (name), NULL);
  g_return_val_if_fail (description != NULL, NULL);
  if (find_param (schema, name) != NULL) {
    g_critical ("parameter '%s' declared twice in one schema", name);
    return NULL;
  }

  p = g_new0 (Param, 1);
  p->name = g_strdup (name);
  p->description = g_strdup (description);
  p->type = type;
  g_ptr_array_add (schema->params, p);
  return p;
}

/**
 * reel_param_schema_add_boolean:
 * @schema: a schema
 * @name: the parameter's name, `[a-z][a-z0-9_-]*`
 * @description: one sentence for people
 * @default_value: the value when the client gives none
 *
 * Adds a boolean parameter.
 */
void
reel_param_schema_add_boolean (ReelParamSchema *schema, const gchar *name,
    const gchar *description, gboolean default_value)
{
  Param *p = add_param (schema, name, description, REEL_PARAM_BOOLEAN);

  if (p != NULL)
    p->def_boolean = !!default_value;
}

/**
 * reel_param_schema_add_int:
 * @minimum: the smallest allowed value
 * @maximum: the largest allowed value
 * @default_value: within [@minimum, @maximum]
 *
 * Adds an integer parameter.
 */
void
reel_param_schema_add_int (ReelParamSchema *schema, const gchar *name,
    const gchar *description, gint64 minimum, gint64 maximum,
    gint64 default_value)
{
  Param *p;

  g_return_if_fail (minimum <= maximum);
  g_return_if_fail (default_value >= minimum && default_value <= maximum);
  p = add_param (schema, name, description, REEL_PARAM_INT);
  if (p == NULL)
    return;
  p->min_int = minimum;
  p->max_int = maximum;
  p->def_int = default_value;
}

/**
 * reel_param_schema_add_double:
 * @minimum: the smallest allowed value (finite)
 * @maximum: the largest allowed value (finite)
 * @default_value: within [@minimum, @maximum]
 *
 * Adds a number parameter.
 */
void
reel_param_schema_add_double (ReelParamSchema *schema, const gchar *name,
    const gchar *description, gdouble minimum, gdouble maximum,
    gdouble default_value)
{
  Param *p;

  g_return_if_fail (isfinite (minimum) && isfinite (maximum));
  g_return_if_fail (minimum <= maximum);
  g_return_if_fail (default_value >= minimum && default_value <= maximum);
  p = add_param (schema, name, description, REEL_PARAM_DOUBLE);
  if (p == NULL)
    return;
  p->min_double = minimum;
  p->max_double = maximum;
  p->def_double = default_value;
}

/**
 * reel_param_schema_add_string:
 * @default_value: (nullable): the default; %NULL makes the parameter required
 * @max_length: the longest allowed value in characters
 *
 * Adds a free-text parameter.
 */
void
reel_param_schema_add_string (ReelParamSchema *schema, const gchar *name,
    const gchar *description, const gchar *default_value, guint max_length)
{
  Param *p;

  g_return_if_fail (max_length > 0);
  g_return_if_fail (
      default_value == NULL || g_utf8_strlen (default_value, -1) <= max_length);
  p = add_param (schema, name, description, REEL_PARAM_STRING);
  if (p == NULL)
    return;
  p->def_string = g_strdup (default_value);
  p->max_length = max_length;
}

/**
 * reel_param_schema_add_choice:
 * @default_value: one of @choices
 * @choices: (array zero-terminated=1): the allowed values
 *
 * Adds a parameter that takes one of a fixed list of strings.
 */
void
reel_param_schema_add_choice (ReelParamSchema *schema, const gchar *name,
    const gchar *description, const gchar *default_value,
    const gchar *const *choices)
{
  Param *p;

  g_return_if_fail (choices != NULL && choices[0] != NULL);
  g_return_if_fail (
      default_value != NULL && g_strv_contains (choices, default_value));
  p = add_param (schema, name, description, REEL_PARAM_CHOICE);
  if (p == NULL)
    return;
  p->def_string = g_strdup (default_value);
  p->choices = g_strdupv ((gchar **) choices);
}

/**
 * reel_param_schema_set_unit:
 * @unit: a unit for people and forms, e.g. "s", "dB", "LUFS"
 *
 * Sets the unit of a parameter already added.
 */
void
reel_param_schema_set_unit (ReelParamSchema *schema, const gchar *name,
    const gchar *unit)
{
  Param *p;

  g_return_if_fail (schema != NULL);
  p = find_param (schema, name);
  g_return_if_fail (p != NULL);
  g_free (p->unit);
  p->unit = g_strdup (unit);
}

guint
reel_param_schema_get_n_params (ReelParamSchema *schema)
{
  g_return_val_if_fail (schema != NULL, 0);
  return schema->params->len;
}

const gchar *
reel_param_schema_get_name (ReelParamSchema *schema, guint index)
{
  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (index < schema->params->len, NULL);
  return ((Param *) g_ptr_array_index (schema->params, index))->name;
}

ReelParamType
reel_param_schema_get_param_type (ReelParamSchema *schema, guint index)
{
  g_return_val_if_fail (schema != NULL, REEL_PARAM_STRING);
  g_return_val_if_fail (index < schema->params->len, REEL_PARAM_STRING);
  return ((Param *) g_ptr_array_index (schema->params, index))->type;
}

gboolean
reel_param_schema_has (ReelParamSchema *schema, const gchar *name)
{
  g_return_val_if_fail (schema != NULL, FALSE);
  return find_param (schema, name) != NULL;
}

/**
 * reel_param_schema_to_json_schema:
 *
 * Returns: (transfer full): a JSON Schema (draft 2020-12) object describing
 *   the parameters object, with `default`, ranges, `enum` and `description`
 */
JsonNode *
reel_param_schema_to_json_schema (ReelParamSchema *schema)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) required = g_ptr_array_new ();

  g_return_val_if_fail (schema != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "object");
  json_builder_set_member_name (b, "additionalProperties");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  for (guint i = 0; i < schema->params->len; i++) {
    Param *p = g_ptr_array_index (schema->params, i);

    json_builder_set_member_name (b, p->name);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "description");
    json_builder_add_string_value (b, p->description);
    if (p->unit != NULL) {
      json_builder_set_member_name (b, "x-unit");
      json_builder_add_string_value (b, p->unit);
    }
    json_builder_set_member_name (b, "type");
    switch (p->type) {
      case REEL_PARAM_BOOLEAN:
        json_builder_add_string_value (b, "boolean");
        json_builder_set_member_name (b, "default");
        json_builder_add_boolean_value (b, p->def_boolean);
        break;
      case REEL_PARAM_INT:
        json_builder_add_string_value (b, "integer");
        json_builder_set_member_name (b, "minimum");
        json_builder_add_int_value (b, p->min_int);
        json_builder_set_member_name (b, "maximum");
        json_builder_add_int_value (b, p->max_int);
        json_builder_set_member_name (b, "default");
        json_builder_add_int_value (b, p->def_int);
        break;
      case REEL_PARAM_DOUBLE:
        json_builder_add_string_value (b, "number");
        json_builder_set_member_name (b, "minimum");
        json_builder_add_double_value (b, p->min_double);
        json_builder_set_member_name (b, "maximum");
        json_builder_add_double_value (b, p->max_double);
        json_builder_set_member_name (b, "default");
        json_builder_add_double_value (b, p->def_double);
        break;
      case REEL_PARAM_STRING:
        json_builder_add_string_value (b, "string");
        json_builder_set_member_name (b, "maxLength");
        json_builder_add_int_value (b, p->max_length);
        if (p->def_string != NULL) {
          json_builder_set_member_name (b, "default");
          json_builder_add_string_value (b, p->def_string);
        } else {
          g_ptr_array_add (required, p->name);
        }
        break;
      case REEL_PARAM_CHOICE:
        json_builder_add_string_value (b, "string");
        json_builder_set_member_name (b, "enum");
        json_builder_begin_array (b);
        for (guint c = 0; p->choices[c] != NULL; c++)
          json_builder_add_string_value (b, p->choices[c]);
        json_builder_end_array (b);
        json_builder_set_member_name (b, "default");
        json_builder_add_string_value (b, p->def_string);
        break;
    }
    json_builder_end_object (b);
  }
  json_builder_end_object (b);
  if (required->len > 0) {
    json_builder_set_member_name (b, "required");
    json_builder_begin_array (b);
    for (guint i = 0; i < required->len; i++)
      json_builder_add_string_value (b, g_ptr_array_index (required, i));
    json_builder_end_array (b);
  }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- validation --------------------------------------------------------- */

static gchar *
describe_node (JsonNode *node)
{
  g_autofree gchar *text = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("an array");
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  text = reel_json_to_string (node, FALSE);
  if (g_utf8_strlen (text, -1) > 40) {
    g_autofree gchar *cut = g_utf8_substring (text, 0, 37);
    return g_strconcat (cut, "…", NULL);
  }
  return g_steal_pointer (&text);
}

static gchar *
format_double (gdouble v)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", v));
}

static gchar *
describe_allowed (Param *p)
{
  g_autofree gchar *lo = NULL;
  g_autofree gchar *hi = NULL;

  switch (p->type) {
    case REEL_PARAM_BOOLEAN:
      return g_strdup ("true or false");
    case REEL_PARAM_INT:
      return g_strdup_printf ("a whole number from %" G_GINT64_FORMAT
                              " to %" G_GINT64_FORMAT,
          p->min_int, p->max_int);
    case REEL_PARAM_DOUBLE:
      lo = format_double (p->min_double);
      hi = format_double (p->max_double);
      return g_strdup_printf ("a number from %s to %s%s%s", lo, hi,
          p->unit ? " " : "", p->unit ? p->unit : "");
    case REEL_PARAM_STRING:
      return g_strdup_printf ("a string of at most %u characters",
          p->max_length);
    case REEL_PARAM_CHOICE: {
      g_autofree gchar *list = g_strjoinv (", ", p->choices);
      return g_strdup_printf ("one of: %s", list);
    }
  }
  g_assert_not_reached ();
}

static void
param_error (ReelFieldErrors *errors, const gchar *path, Param *p,
    JsonNode *value)
{
  g_autofree gchar *shown = describe_node (value);
  g_autofree gchar *allowed = describe_allowed (p);

  reel_field_errors_add (errors, path,
      "%s is not allowed for '%s': expected %s", shown, p->name, allowed);
}

/* Checks one value against its parameter; adds the checked value to @out. */
static void
validate_value (Param *p, JsonNode *value, const gchar *path, JsonObject *out,
    ReelFieldErrors *errors)
{
  GType vt = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value)
                                           : G_TYPE_INVALID;

  switch (p->type) {
    case REEL_PARAM_BOOLEAN:
      if (vt != G_TYPE_BOOLEAN) {
        param_error (errors, path, p, value);
        return;
      }
      json_object_set_boolean_member (out, p->name,
          json_node_get_boolean (value));
      return;
    case REEL_PARAM_INT: {
      gint64 v;

      if (vt == G_TYPE_INT64) {
        v = json_node_get_int (value);
      } else if (vt == G_TYPE_DOUBLE) {
        gdouble d = json_node_get_double (value);

        /* 3.0 is a whole number; 3.5 and 1e300 are not usable ones. */
        if (!isfinite (d) || d != floor (d) || d < -9.0e15 || d > 9.0e15) {
          param_error (errors, path, p, value);
          return;
        }
        v = (gint64) d;
      } else {
        param_error (errors, path, p, value);
        return;
      }
      if (v < p->min_int || v > p->max_int) {
        param_error (errors, path, p, value);
        return;
      }
      json_object_set_int_member (out, p->name, v);
      return;
    }
    case REEL_PARAM_DOUBLE: {
      gdouble v;

      if (vt == G_TYPE_INT64)
        v = (gdouble) json_node_get_int (value);
      else if (vt == G_TYPE_DOUBLE)
        v = json_node_get_double (value);
      else {
        param_error (errors, path, p, value);
        return;
      }
      if (!isfinite (v) || v < p->min_double || v > p->max_double) {
        param_error (errors, path, p, value);
        return;
      }
      json_object_set_double_member (out, p->name, v);
      return;
    }
    case REEL_PARAM_STRING:
    case REEL_PARAM_CHOICE: {
      const gchar *s;

      if (vt != G_TYPE_STRING) {
        param_error (errors, path, p, value);
        return;
      }
      s = json_node_get_string (value);
      if (!g_utf8_validate (s, -1, NULL)
          || (p->type == REEL_PARAM_STRING
              && g_utf8_strlen (s, -1) > p->max_length)
          || (p->type == REEL_PARAM_CHOICE
              && !g_strv_contains ((const gchar *const *) p->choices, s))) {
        param_error (errors, path, p, value);
        return;
      }
      json_object_set_string_member (out, p->name, s);
      return;
    }
  }
}

static void
set_default (Param *p, JsonObject *out)
{
  switch (p->type) {
    case REEL_PARAM_BOOLEAN:
      json_object_set_boolean_member (out, p->name, p->def_boolean);
      break;
    case REEL_PARAM_INT:
      json_object_set_int_member (out, p->name, p->def_int);
      break;
    case REEL_PARAM_DOUBLE:
      json_object_set_double_member (out, p->name, p->def_double);
      break;
    case REEL_PARAM_STRING:
    case REEL_PARAM_CHOICE:
      json_object_set_string_member (out, p->name, p->def_string);
      break;
  }
}

static gchar *
list_names (ReelParamSchema *schema)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < schema->params->len; i++) {
    Param *p = g_ptr_array_index (schema->params, i);

    g_string_append_printf (s, "%s%s", i ? ", " : "", p->name);
  }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * reel_param_schema_validate:
 * @schema: (nullable): a schema; %NULL accepts only no parameters
 * @params: (nullable): what the client sent: an object, or %NULL / null for
 *   none
 * @path: (nullable): the path of @params in the request, e.g.
 *   `generator.params`; each error's path is this plus the parameter name
 * @errors: where every error goes
 *
 * Checks every parameter's type and range, refuses unknown ones, and fills
 * the defaults in.
 *
 * Returns: (transfer full) (nullable): the complete, checked parameters, or
 *   %NULL when there were errors
 */
JsonObject *
reel_param_schema_validate (ReelParamSchema *schema, JsonNode *params,
    const gchar *path, ReelFieldErrors *errors)
{
  g_autoptr (JsonObject) out = json_object_new ();
  guint n_before = reel_field_errors_get_count (errors);
  JsonObject *in = NULL;

  if (params != NULL && !JSON_NODE_HOLDS_NULL (params)) {
    if (!JSON_NODE_HOLDS_OBJECT (params)) {
      reel_field_errors_add (errors, path, "must be an object of parameters");
      return NULL;
    }
    in = json_node_get_object (params);
  }

  if (in != NULL) {
    g_autoptr (GList) members = json_object_get_members (in);

    for (GList *l = members; l != NULL; l = l->next) {
      const gchar *name = l->data;
      g_autofree gchar *member_path = reel_path_member (path, name);
      Param *p = schema != NULL ? find_param (schema, name) : NULL;

      if (p == NULL) {
        g_autofree gchar *known = schema ? list_names (schema) : NULL;

        reel_field_errors_add (errors, member_path,
            "unknown parameter '%s'; %s%s", name,
            known && *known ? "known parameters: " : "this takes no parameters",
            known && *known ? known : "");
        continue;
      }
      validate_value (p, json_object_get_member (in, name), member_path, out,
          errors);
    }
  }

  for (guint i = 0; schema != NULL && i < schema->params->len; i++) {
    Param *p = g_ptr_array_index (schema->params, i);

    if (in != NULL && json_object_has_member (in, p->name))
      continue;
    if (p->type == REEL_PARAM_STRING && p->def_string == NULL) {
      g_autofree gchar *member_path = reel_path_member (path, p->name);

      reel_field_errors_add (errors, member_path,
          "the parameter '%s' is required (%s)", p->name, p->description);
      continue;
    }
    set_default (p, out);
  }

  if (reel_field_errors_get_count (errors) > n_before)
    return NULL;
  return g_steal_pointer (&out);
}

static JsonNode *
parse_cli_value (Param *p, const gchar *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  gchar *end = NULL;

  switch (p->type) {
    case REEL_PARAM_BOOLEAN:
      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1")
          || g_ascii_strcasecmp (text, "yes") == 0)
        json_node_set_boolean (node, TRUE);
      else if (g_ascii_strcasecmp (text, "false") == 0
               || g_str_equal (text, "0")
               || g_ascii_strcasecmp (text, "no") == 0)
        json_node_set_boolean (node, FALSE);
      else
        json_node_set_string (node, text);
      return node;
    case REEL_PARAM_INT: {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, &end, 10);
      if (errno == 0 && end != text && *end == '\0')
        json_node_set_int (node, v);
      else
        json_node_set_string (node, text);
      return node;
    }
    case REEL_PARAM_DOUBLE: {
      gdouble v;

      errno = 0;
      v = g_ascii_strtod (text, &end);
      if (errno == 0 && end != text && *end == '\0' && isfinite (v))
        json_node_set_double (node, v);
      else
        json_node_set_string (node, text);
      return node;
    }
    case REEL_PARAM_STRING:
    case REEL_PARAM_CHOICE:
      json_node_set_string (node, text);
      return node;
  }
  g_assert_not_reached ();
}

/**
 * reel_param_schema_parse_args:
 * @schema: (nullable): a schema
 * @args: (array zero-terminated=1) (nullable): `name=value` strings, as
 *   `--param` options give them
 * @path: (nullable): the path to name in errors
 * @errors: where every error goes
 *
 * Turns command-line `name=value` pairs into a typed parameters object, then
 * validates it as reel_param_schema_validate() does. A value that does not
 * parse as its parameter's type is reported with the parameter's range.
 *
 * Returns: (transfer full) (nullable): the checked parameters
 */
JsonObject *
reel_param_schema_parse_args (ReelParamSchema *schema, gchar **args,
    const gchar *path, ReelFieldErrors *errors)
{
  g_autoptr (JsonObject) raw = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  guint n_before = reel_field_errors_get_count (errors);

  for (guint i = 0; args != NULL && args[i] != NULL; i++) {
    const gchar *eq = strchr (args[i], '=');
    g_autofree gchar *name = NULL;
    Param *p;

    if (eq == NULL || eq == args[i]) {
      reel_field_errors_add (errors, path, "'%s' is not of the form name=value",
          args[i]);
      continue;
    }
    name = g_strndup (args[i], eq - args[i]);
    p = schema != NULL ? find_param (schema, name) : NULL;
    if (p == NULL) {
      /* Let validation report it, with the list of known names. */
      json_object_set_string_member (raw, name, eq + 1);
      continue;
    }
    json_object_set_member (raw, name, parse_cli_value (p, eq + 1));
  }
  if (reel_field_errors_get_count (errors) > n_before)
    return NULL;

  json_node_set_object (node, raw);
  return reel_param_schema_validate (schema, node, path, errors);
}

static JsonNode *
get_checked (JsonObject *params, const gchar *name)
{
  JsonNode *node;

  g_return_val_if_fail (params != NULL, NULL);
  node = json_object_get_member (params, name);
  g_return_val_if_fail (node != NULL && JSON_NODE_HOLDS_VALUE (node), NULL);
  return node;
}

gboolean
reel_params_get_boolean (JsonObject *params, const gchar *name)
{
  JsonNode *node = get_checked (params, name);

  return node != NULL ? json_node_get_boolean (node) : FALSE;
}

gint64
reel_params_get_int (JsonObject *params, const gchar *name)
{
  JsonNode *node = get_checked (params, name);

  return node != NULL ? json_node_get_int (node) : 0;
}

gdouble
reel_params_get_double (JsonObject *params, const gchar *name)
{
  JsonNode *node = get_checked (params, name);

  if (node == NULL)
    return 0.0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (gdouble) json_node_get_int (node);
  return json_node_get_double (node);
}

/**
 * reel_params_get_string:
 *
 * Returns: (transfer none): the parameter's string value
 */
const gchar *
reel_params_get_string (JsonObject *params, const gchar *name)
{
  JsonNode *node = get_checked (params, name);

  return node != NULL ? json_node_get_string (node) : NULL;
}
