/* reel — small json-glib helpers every component shares: loading a document
 * from a file or a buffer with an error that names where it came from, and
 * writing one back out. */
#pragma once

#include <reel/reel-prelude.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define REEL_JSON_ERROR (reel_json_error_quark ())
REEL_API GQuark reel_json_error_quark (void);

typedef enum {
  REEL_JSON_ERROR_PARSE,
  REEL_JSON_ERROR_NOT_OBJECT,
} ReelJsonError;

REEL_API JsonNode *reel_json_load_file (const gchar *filename,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *reel_json_load_data (const gchar *data, gssize length,
    const gchar *what, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonObject *reel_json_load_object_file (const gchar *filename,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API const gchar *reel_json_format_double (gchar *buf, gdouble value);
REEL_API gchar *
reel_json_to_string (JsonNode *node, gboolean pretty) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *reel_json_object_to_string (JsonObject *object,
    gboolean pretty) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
