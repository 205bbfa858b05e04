/* reel — typed parameter schemas.
 *
 * Every analyser, generator, renderer and effect a plugin registers carries a
 * ReelParamSchema: an ordered list of parameters, each with a type, a default,
 * a range or a list of choices, and a description. The host validates what a
 * client sends against it (errors name the parameter, the value and what is
 * allowed), fills in defaults, and publishes it as JSON Schema so the CLI, the
 * API and the web form all read one definition.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * ReelParamType:
 * @REEL_PARAM_BOOLEAN: true or false
 * @REEL_PARAM_INT: a whole number within a range
 * @REEL_PARAM_DOUBLE: a number within a range
 * @REEL_PARAM_STRING: a string of bounded length
 * @REEL_PARAM_CHOICE: one string out of a fixed list
 *
 * The type of one parameter.
 */
typedef enum {
  REEL_PARAM_BOOLEAN,
  REEL_PARAM_INT,
  REEL_PARAM_DOUBLE,
  REEL_PARAM_STRING,
  REEL_PARAM_CHOICE,
} ReelParamType;

/**
 * ReelParamSchema:
 *
 * An ordered, reference-counted list of typed parameters. Build one with
 * reel_param_schema_new() and the `add` calls, hand it to a registration
 * call (which takes its own reference), then unref yours.
 */
typedef struct _ReelParamSchema ReelParamSchema;

#define REEL_TYPE_PARAM_SCHEMA (reel_param_schema_get_type ())
REEL_API GType reel_param_schema_get_type (void);

REEL_API ReelParamSchema *
reel_param_schema_new (void) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelParamSchema *reel_param_schema_ref (ReelParamSchema *schema);
REEL_API void reel_param_schema_unref (ReelParamSchema *schema);

REEL_API void reel_param_schema_add_boolean (ReelParamSchema *schema,
    const gchar *name, const gchar *description, gboolean default_value);
REEL_API void reel_param_schema_add_int (ReelParamSchema *schema,
    const gchar *name, const gchar *description, gint64 minimum, gint64 maximum,
    gint64 default_value);
REEL_API void reel_param_schema_add_double (ReelParamSchema *schema,
    const gchar *name, const gchar *description, gdouble minimum,
    gdouble maximum, gdouble default_value);
REEL_API void
reel_param_schema_add_string (ReelParamSchema *schema, const gchar *name,
    const gchar *description, const gchar *default_value, guint max_length);
REEL_API void reel_param_schema_add_choice (ReelParamSchema *schema,
    const gchar *name, const gchar *description, const gchar *default_value,
    const gchar *const *choices);
REEL_API void reel_param_schema_set_unit (ReelParamSchema *schema,
    const gchar *name, const gchar *unit);

REEL_API guint reel_param_schema_get_n_params (ReelParamSchema *schema);
REEL_API const gchar *
reel_param_schema_get_name (ReelParamSchema *schema, guint index);
REEL_API ReelParamType
reel_param_schema_get_param_type (ReelParamSchema *schema, guint index);
REEL_API gboolean reel_param_schema_has (ReelParamSchema *schema,
    const gchar *name);

REEL_API JsonNode *reel_param_schema_to_json_schema (
    ReelParamSchema *schema) G_GNUC_WARN_UNUSED_RESULT;

/**
 * reel_params_get_boolean:
 * @params: parameters validated against a schema (every parameter present)
 * @name: a parameter the schema declares
 *
 * Readers for a validated parameter object. Validation fills every default,
 * so these never need a fallback.
 */
REEL_API gboolean reel_params_get_boolean (JsonObject *params,
    const gchar *name);
REEL_API gint64 reel_params_get_int (JsonObject *params, const gchar *name);
REEL_API gdouble reel_params_get_double (JsonObject *params, const gchar *name);
REEL_API const gchar *
reel_params_get_string (JsonObject *params, const gchar *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelParamSchema, reel_param_schema_unref)

G_END_DECLS
