/* reel — the host side of parameter schemas: validating what a client (API
 * body or `--param name=value` on the command line) sends. Not installed:
 * plugins only build schemas (include/reel/reel-param.h). */
#pragma once

#include <reel/reel-param.h>
#include "reel-field-errors.h"

G_BEGIN_DECLS

REEL_API gboolean reel_param_name_is_valid (const gchar *name);

REEL_API JsonObject *
reel_param_schema_validate (ReelParamSchema *schema, JsonNode *params,
    const gchar *path, ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonObject *
reel_param_schema_parse_args (ReelParamSchema *schema, gchar **args,
    const gchar *path, ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
