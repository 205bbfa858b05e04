/* reel — collected validation errors, each naming the field it is about.
 *
 * Every validator in reel (timeline, job, parameters, …) reports all the
 * errors it finds, not only the first, each with the JSON path of the field
 * (`tracks[1].clips[0].trim.out`) and a message a person can act on. The API
 * turns the list into the `errors` member of a problem+json body; the CLI
 * prints one `path: message` line each.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ReelFieldErrors ReelFieldErrors;

REEL_API ReelFieldErrors *
reel_field_errors_new (void) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_field_errors_free (ReelFieldErrors *errors);

REEL_API void reel_field_errors_add (ReelFieldErrors *errors, const gchar *path,
    const gchar *format, ...) G_GNUC_PRINTF (3, 4);
REEL_API void reel_field_errors_add_valist (ReelFieldErrors *errors,
    const gchar *path, const gchar *format, va_list args) G_GNUC_PRINTF (3, 0);

REEL_API guint reel_field_errors_get_count (ReelFieldErrors *errors);
REEL_API const gchar *
reel_field_errors_get_path (ReelFieldErrors *errors, guint index);
REEL_API const gchar *
reel_field_errors_get_message (ReelFieldErrors *errors, guint index);
REEL_API gboolean reel_field_errors_has_path (ReelFieldErrors *errors,
    const gchar *path);

REEL_API gchar *
reel_field_errors_to_string (ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *
reel_field_errors_to_json (ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_field_errors_propagate (ReelFieldErrors *errors,
    GError **error, GQuark domain, gint code, const gchar *what);

REEL_API gchar *reel_path_member (const gchar *prefix,
    const gchar *member) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *
reel_path_index (const gchar *prefix, guint index) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelFieldErrors, reel_field_errors_free)

G_END_DECLS
