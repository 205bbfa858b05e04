/* reel — what the model readers share and nobody else sees: a reader that
 * walks one JSON object, reports each missing member, wrong type and unknown
 * member with its path, and hands back typed values; and the writers'
 * counterparts.
 *
 * Readers report shape only (types, required members, known names). Value
 * rules (ranges, order, overlaps) belong to each model's _validate function,
 * which works on the built struct, so a document and a struct built in code
 * are checked by the same code. A field that failed to read is marked in the
 * struct's private `_broken` mask, and _validate skips the rules that read
 * it, so one mistake is reported once.
 */
#pragma once

#include "reel-model.h"

G_BEGIN_DECLS

/* Nesting allowed in JSON kept as-is (effect parameters, plugin sections,
 * extra members): deeper documents are refused rather than walked. */
#define REEL_MODEL_MAX_DEPTH 32

typedef enum {
  REEL_READ_ABSENT, /* missing or null, and optional */
  REEL_READ_OK,
  REEL_READ_BAD, /* reported */
} ReelRead;

typedef struct {
  JsonObject *object; /* borrowed; NULL when not an object */
  gchar *path;
  ReelFieldErrors *errors; /* borrowed */
} ReelReader;

gboolean reel_reader_init (ReelReader *r, JsonNode *node, const gchar *path,
    ReelFieldErrors *errors, const gchar *const *known);
void reel_reader_check_members (ReelReader *r, const gchar *const *known);
void reel_reader_clear (ReelReader *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReelReader, reel_reader_clear)

gchar *reel_reader_path (ReelReader *r, const gchar *member);
JsonNode *reel_reader_node (ReelReader *r, const gchar *member);

ReelRead reel_read_string (ReelReader *r, const gchar *member,
    gboolean required, gchar **out);
ReelRead reel_read_double (ReelReader *r, const gchar *member,
    gboolean required, gdouble *out);
ReelRead reel_read_nullable_double (ReelReader *r, const gchar *member,
    gboolean *is_set, gdouble *out);
ReelRead reel_read_int (ReelReader *r, const gchar *member, gboolean required,
    gint64 *out);
ReelRead reel_read_gint (ReelReader *r, const gchar *member, gboolean required,
    gint *out);
ReelRead reel_read_boolean (ReelReader *r, const gchar *member,
    gboolean required, gboolean *out);
ReelRead reel_read_enum (ReelReader *r, const gchar *member, gboolean required,
    const gchar *const *names, gint *out);
ReelRead reel_read_time (ReelReader *r, const gchar *member, gboolean required,
    ReelTime *out);
ReelRead reel_read_rate (ReelReader *r, const gchar *member, gboolean required,
    ReelRate *out);
ReelRead reel_read_object (ReelReader *r, const gchar *member,
    gboolean required, JsonNode **out);
ReelRead reel_read_array (ReelReader *r, const gchar *member, gboolean required,
    JsonArray **out);
ReelRead reel_read_datetime (ReelReader *r, const gchar *member,
    gboolean required, GDateTime **out);
ReelRead reel_read_params (ReelReader *r, const gchar *member,
    gboolean required, JsonObject **out);
ReelRead reel_read_json (ReelReader *r, const gchar *member, gboolean required,
    JsonNode **out);
JsonObject *reel_reader_take_extra (ReelReader *r, const gchar *const *known);

ReelRead reel_node_string (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors, gchar **out);
ReelRead reel_node_double (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors, gdouble *out);
gboolean reel_json_check_depth (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors);

gboolean reel_model_read_version (ReelReader *r, const gchar *what,
    gboolean required, gint *out);
gboolean reel_model_check_kind (ReelReader *r, const gchar *expected);
void reel_model_check_id (const gchar *id, const gchar *path,
    ReelFieldErrors *errors);
gboolean reel_model_check_range (gdouble value, gdouble min, gdouble max,
    const gchar *path, ReelFieldErrors *errors);
const gchar *reel_model_enum_to_string (const gchar *const *names, gint value);

void reel_model_check_name (const gchar *name, const gchar *path,
    ReelFieldErrors *errors);

/* Models nested in others (a job's request holds a generator, an output
 * and maybe a whole timeline) are read and checked at a path prefix. */
ReelTimeline *reel_timeline_parse_at (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors);
void reel_timeline_validate_at (ReelTimeline *timeline, const gchar *path,
    ReelFieldErrors *errors);
ReelGenerator *reel_generator_parse_at (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors);
void reel_generator_validate_at (ReelGenerator *generator, const gchar *path,
    ReelFieldErrors *errors);
JsonNode *reel_generator_to_json (ReelGenerator *generator);
/* A MEDIA probe kept inside another document's `probe` member (an
 * analysis's): read and checked as the media record checks its own. */
void reel_media_probe_check (JsonNode *node, ReelFieldErrors *errors);
gboolean reel_model_parse_color (const gchar *text, guint32 *out);
gchar *reel_model_color_to_string (guint32 color);
gboolean reel_model_parse_aspect (const gchar *text, gint *num, gint *den);

void reel_model_copy_errors (ReelFieldErrors *from, ReelFieldErrors *to);
gpointer reel_model_finish (gpointer object, GDestroyNotify free_func,
    ReelFieldErrors *local, ReelFieldErrors *errors);

void reel_json_set_time (JsonObject *o, const gchar *member, ReelTime t);
gchar *reel_model_datetime_to_string (GDateTime *dt);
void reel_json_set_datetime (JsonObject *o, const gchar *member, GDateTime *dt);
void reel_json_set_nullable_string (JsonObject *o, const gchar *member,
    const gchar *value);
void reel_json_merge_extra (JsonObject *o, JsonObject *extra);

G_END_DECLS
