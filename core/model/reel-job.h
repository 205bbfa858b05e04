/* reel — the JOB record: one unit of queued work and everything a client
 * sees of it.
 *
 * A job analyses media, generates a timeline, renders one, or does all
 * three (an edit). The API returns the record in every state; the queue,
 * the worker and the job process update it; webhooks post it. It carries
 * the request that made it (media, generator, output, callback URL, the
 * timeline to render), its progress, its timestamps, and its error or
 * result. reel_job_status_can_transition() is the one place that says how
 * a status may change. data/schemas/job.schema.json describes the JSON.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "reel-field-errors.h"
#include "reel-timeline.h"

G_BEGIN_DECLS

/**
 * ReelJobType:
 * @REEL_JOB_TYPE_ANALYZE: `"analyze"`: probe and analyse media
 * @REEL_JOB_TYPE_TIMELINE: `"timeline"`: generate a timeline
 * @REEL_JOB_TYPE_RENDER: `"render"`: render a timeline
 * @REEL_JOB_TYPE_EDIT: `"edit"`: analyse what is missing, generate, render
 */
typedef enum {
  REEL_JOB_TYPE_ANALYZE,
  REEL_JOB_TYPE_TIMELINE,
  REEL_JOB_TYPE_RENDER,
  REEL_JOB_TYPE_EDIT,
} ReelJobType;

/**
 * ReelJobStatus:
 * @REEL_JOB_STATUS_QUEUED: `"queued"`: waiting for a worker
 * @REEL_JOB_STATUS_RUNNING: `"running"`: a worker has it
 * @REEL_JOB_STATUS_SUCCEEDED: `"succeeded"`: done, see the result
 * @REEL_JOB_STATUS_FAILED: `"failed"`: gave up, see the error
 * @REEL_JOB_STATUS_CANCELED: `"canceled"`: stopped by a client
 *
 * The last three are terminal.
 */
typedef enum {
  REEL_JOB_STATUS_QUEUED,
  REEL_JOB_STATUS_RUNNING,
  REEL_JOB_STATUS_SUCCEEDED,
  REEL_JOB_STATUS_FAILED,
  REEL_JOB_STATUS_CANCELED,
} ReelJobStatus;

/**
 * ReelJobError:
 * @code: a stable, machine-readable code (`"media.decode"`, `"timeout"`)
 * @message: what went wrong and what to do, for a person
 */
typedef struct {
  gchar *code;
  gchar *message;
} ReelJobError;

/**
 * ReelJobResult:
 * @timeline_id: (nullable): the timeline made (timeline and edit jobs)
 * @output_media_id: (nullable): the media rendered (render and edit jobs)
 * @url: (nullable): where to fetch the output
 * @extra: (not nullable): every other member, kept as is
 */
typedef struct {
  gchar *timeline_id;
  gchar *output_media_id;
  gchar *url;
  JsonObject *extra;
} ReelJobResult;

/**
 * ReelJobRequest:
 * @media: (element-type utf8): the media ids to work on
 * @generator: (nullable): the generator to run
 * @timeline_id: (nullable): the stored timeline to render
 * @timeline: (nullable): a timeline given inline to render
 * @output: (nullable): output settings: `preset`, `width`, `height`, `fps`,
 *   `aspect` are checked, other members kept for the renderer
 * @callback_url: (nullable): the http(s) webhook to post terminal states to
 */
typedef struct {
  GPtrArray *media;
  ReelGenerator *generator;
  gchar *timeline_id;
  ReelTimeline *timeline;
  JsonObject *output;
  gchar *callback_url;
  /*< private >*/
  guint32 _broken;
} ReelJobRequest;

/**
 * ReelJob:
 * @id: the job id (reel_id_is_valid())
 * @type: what it does
 * @status: where it is
 * @stage: (nullable): the stage running or last run (`"probe"`,
 *   `"analyse"`, `"generate"`, `"render"`)
 * @progress: 0–1, 1 once succeeded
 * @has_eta: whether @eta is known
 * @eta: seconds left, ≥ 0
 * @attempts: attempts started so far
 * @created_at: when it was made
 * @started_at: (nullable): when its first attempt started
 * @finished_at: (nullable): when it reached a terminal status
 * @error: (nullable): why it failed (or was canceled)
 * @result: (nullable): what it made
 * @request: (not nullable): what was asked
 */
typedef struct {
  gchar *id;
  ReelJobType type;
  ReelJobStatus status;
  gchar *stage;
  gdouble progress;
  gboolean has_eta;
  gdouble eta;
  guint attempts;
  GDateTime *created_at;
  GDateTime *started_at;
  GDateTime *finished_at;
  ReelJobError *error;
  ReelJobResult *result;
  ReelJobRequest *request;
  /*< private >*/
  guint32 _broken;
} ReelJob;

#define REEL_TYPE_JOB (reel_job_get_type ())
REEL_API GType reel_job_get_type (void);

REEL_API ReelJob *
reel_job_new (const gchar *id, ReelJobType type) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelJob *reel_job_new_from_json (JsonNode *node,
    ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *reel_job_to_json (ReelJob *job) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_job_validate (ReelJob *job, ReelFieldErrors *errors);
REEL_API ReelJob *reel_job_copy (ReelJob *job) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_job_free (ReelJob *job);

REEL_API gboolean reel_job_status_can_transition (ReelJobStatus from,
    ReelJobStatus to);
REEL_API gboolean reel_job_status_is_terminal (ReelJobStatus status);
REEL_API gboolean reel_job_set_status (ReelJob *job, ReelJobStatus status,
    GError **error);

REEL_API const gchar *reel_job_type_to_string (ReelJobType type);
REEL_API gboolean reel_job_type_from_string (const gchar *name,
    ReelJobType *type);
REEL_API const gchar *reel_job_status_to_string (ReelJobStatus status);
REEL_API gboolean reel_job_status_from_string (const gchar *name,
    ReelJobStatus *status);

REEL_API ReelJobError *reel_job_error_new (const gchar *code,
    const gchar *message) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_job_error_free (ReelJobError *error);
REEL_API ReelJobResult *reel_job_result_new (void) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_job_result_free (ReelJobResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelJob, reel_job_free)

G_END_DECLS
