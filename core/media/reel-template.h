/* reel — pipeline templates: the media graphs reel runs, kept as data.
 *
 * A template is a file `pipelines/NAME.pipeline`: a comment header that
 * declares typed placeholders, then a body in gst-launch syntax where each
 * placeholder is the whole value of one property of a named element
 * (`filesrc name=src location=${input}`). The format is described in
 * `pipelines/README.md`.
 *
 * Values are never pasted into the description. reel_template_instantiate()
 * parses the body without them and then sets each one on its element's
 * property as a typed GValue, the way gst-rtsp-server's media factory
 * configures a bin by element name. reel_template_to_launch_line() prints the
 * same pipeline as a line gst-launch-1.0 accepts, every value quoted from its
 * parsed form, so what a job runs can be pasted into a terminal and debugged.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define REEL_TEMPLATE_ERROR (reel_template_error_quark ())
REEL_API GQuark reel_template_error_quark (void);

/**
 * ReelTemplateError:
 * @REEL_TEMPLATE_ERROR_NOT_FOUND: no template of that name on the search path
 * @REEL_TEMPLATE_ERROR_INVALID_NAME: a template name that is not `[a-z0-9-]+`
 * @REEL_TEMPLATE_ERROR_READ: the template file could not be read
 * @REEL_TEMPLATE_ERROR_SYNTAX: the template file is malformed; the message
 *   names the file and line of every problem
 * @REEL_TEMPLATE_ERROR_INVALID_VALUE: the values given do not fit the
 *   placeholders; the message names each placeholder, value and what is allowed
 * @REEL_TEMPLATE_ERROR_MISSING_ELEMENT: the body uses a GStreamer element
 *   that is not installed
 * @REEL_TEMPLATE_ERROR_PIPELINE: GStreamer could not build the pipeline, or a
 *   value does not fit the property it is bound to
 *
 * Errors in the %REEL_TEMPLATE_ERROR domain.
 */
typedef enum {
  REEL_TEMPLATE_ERROR_NOT_FOUND,
  REEL_TEMPLATE_ERROR_INVALID_NAME,
  REEL_TEMPLATE_ERROR_READ,
  REEL_TEMPLATE_ERROR_SYNTAX,
  REEL_TEMPLATE_ERROR_INVALID_VALUE,
  REEL_TEMPLATE_ERROR_MISSING_ELEMENT,
  REEL_TEMPLATE_ERROR_PIPELINE,
} ReelTemplateError;

/**
 * ReelTemplateParamType:
 * @REEL_TEMPLATE_PARAM_STRING: any UTF-8 text
 * @REEL_TEMPLATE_PARAM_PATH: a non-empty file name, used as written
 * @REEL_TEMPLATE_PARAM_URI: a URI; a value without a scheme is taken as a
 *   local path and turned into an absolute `file://` URI
 * @REEL_TEMPLATE_PARAM_INT: a whole number, optionally within a range
 * @REEL_TEMPLATE_PARAM_DOUBLE: a finite number, optionally within a range
 * @REEL_TEMPLATE_PARAM_BOOLEAN: `true` or `false`
 * @REEL_TEMPLATE_PARAM_FRACTION: `N/D` (or `N`), optionally within a range
 * @REEL_TEMPLATE_PARAM_ENUM: one of a fixed list of words
 *
 * The type of one placeholder.
 */
typedef enum {
  REEL_TEMPLATE_PARAM_STRING,
  REEL_TEMPLATE_PARAM_PATH,
  REEL_TEMPLATE_PARAM_URI,
  REEL_TEMPLATE_PARAM_INT,
  REEL_TEMPLATE_PARAM_DOUBLE,
  REEL_TEMPLATE_PARAM_BOOLEAN,
  REEL_TEMPLATE_PARAM_FRACTION,
  REEL_TEMPLATE_PARAM_ENUM,
} ReelTemplateParamType;

/**
 * ReelTemplate:
 *
 * A loaded, checked pipeline template. It owns no GStreamer objects, so it
 * can be loaded and listed before GStreamer is initialised; the functions
 * that build caps or pipelines need gst_init() first. Nothing changes it
 * after loading, so threads may share one.
 */
typedef struct _ReelTemplate ReelTemplate;

REEL_API ReelTemplate *reel_template_load (const gchar *name,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelTemplate *reel_template_load_file (const gchar *path,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar **reel_template_list (void) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_template_free (ReelTemplate *t);

REEL_API const gchar *reel_template_get_name (ReelTemplate *t);
REEL_API const gchar *reel_template_get_path (ReelTemplate *t);
REEL_API const gchar *reel_template_get_description (ReelTemplate *t);
REEL_API const gchar *reel_template_get_summary (ReelTemplate *t);

REEL_API guint reel_template_get_n_params (ReelTemplate *t);
REEL_API gint reel_template_find_param (ReelTemplate *t, const gchar *name);
REEL_API const gchar *
reel_template_get_param_name (ReelTemplate *t, guint index);
REEL_API ReelTemplateParamType reel_template_get_param_type (ReelTemplate *t,
    guint index);
REEL_API const gchar *
reel_template_get_param_default (ReelTemplate *t, guint index);
REEL_API const gchar *
reel_template_get_param_description (ReelTemplate *t, guint index);
REEL_API const gchar *
reel_template_get_param_range (ReelTemplate *t, guint index);
REEL_API const gchar *const *
reel_template_get_param_choices (ReelTemplate *t, guint index);
REEL_API const gchar *
reel_template_param_type_to_string (ReelTemplateParamType type);

REEL_API gboolean reel_template_validate (ReelTemplate *t, GHashTable *values,
    GError **error);
REEL_API gboolean reel_template_parse_args (ReelTemplate *t,
    gchar **key_value_args, GHashTable **values_out, GError **error);
REEL_API gboolean reel_template_values_from_json (ReelTemplate *t,
    JsonObject *object, GHashTable **values_out, GError **error);

REEL_API gchar *reel_template_to_launch_line (ReelTemplate *t,
    GHashTable *values, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *reel_template_to_shell_command (ReelTemplate *t,
    GHashTable *values, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API GstElement *reel_template_instantiate (ReelTemplate *t,
    GHashTable *values, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *
reel_template_describe (ReelTemplate *t) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelTemplate, reel_template_free)

G_END_DECLS
