/* reel — the JOB record: reading, checking and writing it, and the status
 * machine (see reel-job.h).
 *
 * Status changes (reel_job_status_can_transition()):
 *
 *   queued  → running, canceled, failed (refused before it ran)
 *   running → succeeded, failed, canceled, queued (lease lost or retried
 *             after a failed attempt)
 *   failed  → queued (POST /v1/jobs/{id}/retry)
 *
 * succeeded and canceled are final. A status never "changes" to itself.
 *
 * Rules beyond the schema: valid ids; progress 0–1, and 1 once succeeded;
 * eta ≥ 0; attempts ≥ 1 once running; started_at set once running (and
 * after created_at); finished_at set exactly when terminal (and after
 * started_at); an error when failed and none when succeeded; a result when
 * succeeded, naming the timeline (timeline, edit) and the output media
 * (render, edit); the request fits the type: media for analyze, timeline
 * and edit, a generator for timeline and edit, exactly one of timeline_id
 * and timeline for render; an http(s) callback URL.
 */
#include "reel-model-private.h"

#include <math.h>

enum {
  J_ID = 1 << 0,
  J_TYPE = 1 << 1,
  J_STATUS = 1 << 2,
  J_PROGRESS = 1 << 3,
  J_ETA = 1 << 4,
  J_ATTEMPTS = 1 << 5,
  J_CREATED = 1 << 6,
  J_STARTED = 1 << 7,
  J_FINISHED = 1 << 8,
  J_ERROR = 1 << 9,
  J_RESULT = 1 << 10,
  J_REQUEST = 1 << 11,
};

enum {
  R_MEDIA = 1 << 0,
  R_TIMELINE_ID = 1 << 1,
  R_TIMELINE = 1 << 2,
  R_CALLBACK = 1 << 3,
  R_GENERATOR = 1 << 4,
};

#define MARK(obj, bit, read)                                                   \
  G_STMT_START                                                                 \
  {                                                                            \
    if ((read) == REEL_READ_BAD)                                               \
      (obj)->_broken |= (bit);                                                 \
  }                                                                            \
  G_STMT_END
#define OK(obj, bits) (((obj)->_broken & (bits)) == 0)

static const gchar *const types[] = { "analyze", "timeline", "render", "edit",
  NULL };
static const gchar *const statuses[] = { "queued", "running", "succeeded",
  "failed", "canceled", NULL };
static const gchar *const job_members[] = { "$schema", "kind", "id", "type",
  "status", "stage", "progress", "eta", "attempts", "created_at", "started_at",
  "finished_at", "error", "result", "request", NULL };
static const gchar *const error_members[] = { "code", "message", NULL };
static const gchar *const result_known[] = { "timeline_id", "output_media_id",
  "url", NULL };
static const gchar *const request_members[] = { "media", "generator",
  "timeline_id", "timeline", "output", "callback_url", NULL };

G_DEFINE_BOXED_TYPE (ReelJob, reel_job, reel_job_copy, reel_job_free)

/* ---- small types ------------------------------------------------------ */

/**
 * reel_job_error_new:
 *
 * Returns: (transfer full): an error record
 */
ReelJobError *
reel_job_error_new (const gchar *code, const gchar *message)
{
  ReelJobError *e = g_new0 (ReelJobError, 1);

  e->code = g_strdup (code);
  e->message = g_strdup (message);
  return e;
}

/**
 * reel_job_error_free:
 * @error: (nullable) (transfer full): a #ReelJobError
 *
 * Frees @error and everything it owns.
 */
void
reel_job_error_free (ReelJobError *error)
{
  if (error == NULL)
    return;
  g_free (error->code);
  g_free (error->message);
  g_free (error);
}

/**
 * reel_job_result_new:
 *
 * Returns: (transfer full): an empty result
 */
ReelJobResult *
reel_job_result_new (void)
{
  ReelJobResult *r = g_new0 (ReelJobResult, 1);

  r->extra = json_object_new ();
  return r;
}

/**
 * reel_job_result_free:
 * @result: (nullable) (transfer full): a #ReelJobResult
 *
 * Frees @result and everything it owns.
 */
void
reel_job_result_free (ReelJobResult *result)
{
  if (result == NULL)
    return;
  g_free (result->timeline_id);
  g_free (result->output_media_id);
  g_free (result->url);
  g_clear_pointer (&result->extra, json_object_unref);
  g_free (result);
}

static ReelJobRequest *
request_new (void)
{
  ReelJobRequest *r = g_new0 (ReelJobRequest, 1);

  r->media = g_ptr_array_new_with_free_func (g_free);
  return r;
}

static void
request_free (ReelJobRequest *r)
{
  if (r == NULL)
    return;
  g_ptr_array_unref (r->media);
  reel_generator_free (r->generator);
  g_free (r->timeline_id);
  reel_timeline_free (r->timeline);
  g_clear_pointer (&r->output, json_object_unref);
  g_free (r->callback_url);
  g_free (r);
}

/**
 * reel_job_new:
 * @id: the job id
 * @type: what it does
 *
 * Returns: (transfer full): a queued job created now, with an empty request
 */
ReelJob *
reel_job_new (const gchar *id, ReelJobType type)
{
  ReelJob *job = g_new0 (ReelJob, 1);

  job->id = g_strdup (id);
  job->type = type;
  job->status = REEL_JOB_STATUS_QUEUED;
  job->created_at = g_date_time_new_now_utc ();
  job->request = request_new ();
  return job;
}

/**
 * reel_job_free:
 * @job: (nullable) (transfer full): a #ReelJob
 *
 * Frees @job and everything it owns.
 */
void
reel_job_free (ReelJob *job)
{
  if (job == NULL)
    return;
  g_free (job->id);
  g_free (job->stage);
  g_clear_pointer (&job->created_at, g_date_time_unref);
  g_clear_pointer (&job->started_at, g_date_time_unref);
  g_clear_pointer (&job->finished_at, g_date_time_unref);
  reel_job_error_free (job->error);
  reel_job_result_free (job->result);
  request_free (job->request);
  g_free (job);
}

/* ---- enums and the status machine ------------------------------------- */

/**
 * reel_job_type_to_string:
 * @type: a value of the enum
 *
 * Returns: (transfer none) (nullable): the type's name (`"analyze"`, …), as in JSON; %NULL for a value
 *   out of range
 */
const gchar *
reel_job_type_to_string (ReelJobType type)
{
  return reel_model_enum_to_string (types, type);
}

/**
 * reel_job_type_from_string:
 * @type: (out): the type named @name
 *
 * Returns: %FALSE when @name is not a job type
 */
gboolean
reel_job_type_from_string (const gchar *name, ReelJobType *type)
{
  for (gint i = 0; name != NULL && types[i] != NULL; i++) {
    if (g_str_equal (types[i], name)) {
      *type = (ReelJobType) i;
      return TRUE;
    }
  }
  return FALSE;
}

/**
 * reel_job_status_to_string:
 * @status: a value of the enum
 *
 * Returns: (transfer none) (nullable): the status's name (`"queued"`, …), as in JSON; %NULL for a value
 *   out of range
 */
const gchar *
reel_job_status_to_string (ReelJobStatus status)
{
  return reel_model_enum_to_string (statuses, status);
}

/**
 * reel_job_status_from_string:
 * @status: (out): the status named @name
 *
 * Returns: %FALSE when @name is not a job status
 */
gboolean
reel_job_status_from_string (const gchar *name, ReelJobStatus *status)
{
  for (gint i = 0; name != NULL && statuses[i] != NULL; i++) {
    if (g_str_equal (statuses[i], name)) {
      *status = (ReelJobStatus) i;
      return TRUE;
    }
  }
  return FALSE;
}

/**
 * reel_job_status_is_terminal:
 *
 * Returns: whether @status is succeeded, failed or canceled
 */
gboolean
reel_job_status_is_terminal (ReelJobStatus status)
{
  return status == REEL_JOB_STATUS_SUCCEEDED || status == REEL_JOB_STATUS_FAILED
         || status == REEL_JOB_STATUS_CANCELED;
}

/**
 * reel_job_status_can_transition:
 * @from: the current status
 * @to: the wanted status
 *
 * The job status machine; see the top of reel-job.c.
 *
 * Returns: whether a job may go from @from to @to
 */
gboolean
reel_job_status_can_transition (ReelJobStatus from, ReelJobStatus to)
{
  switch (from) {
    case REEL_JOB_STATUS_QUEUED:
      return to == REEL_JOB_STATUS_RUNNING || to == REEL_JOB_STATUS_CANCELED
             || to == REEL_JOB_STATUS_FAILED;
    case REEL_JOB_STATUS_RUNNING:
      return to == REEL_JOB_STATUS_SUCCEEDED || to == REEL_JOB_STATUS_FAILED
             || to == REEL_JOB_STATUS_CANCELED || to == REEL_JOB_STATUS_QUEUED;
    case REEL_JOB_STATUS_FAILED:
      return to == REEL_JOB_STATUS_QUEUED;
    case REEL_JOB_STATUS_SUCCEEDED:
    case REEL_JOB_STATUS_CANCELED:
    default:
      return FALSE;
  }
}

/**
 * reel_job_set_status:
 * @job: a job
 * @status: the new status
 * @error: return location for a #GError
 *
 * Changes the status when the machine allows it, keeping the record
 * consistent: going to running counts an attempt and sets started_at the
 * first time; a terminal status sets finished_at (and progress 1 on
 * success); going back to queued clears finished_at, and a retry of a
 * failed job clears its error, result and progress.
 *
 * Returns: %FALSE with %REEL_MODEL_ERROR_TRANSITION when not allowed
 */
gboolean
reel_job_set_status (ReelJob *job, ReelJobStatus status, GError **error)
{
  g_return_val_if_fail (job != NULL, FALSE);

  if (!reel_job_status_can_transition (job->status, status)) {
    g_set_error (error, REEL_MODEL_ERROR, REEL_MODEL_ERROR_TRANSITION,
        "job %s cannot go from %s to %s", job->id,
        reel_job_status_to_string (job->status),
        reel_job_status_to_string (status));
    return FALSE;
  }

  if (status == REEL_JOB_STATUS_QUEUED) {
    g_clear_pointer (&job->finished_at, g_date_time_unref);
    if (job->status == REEL_JOB_STATUS_FAILED) {
      g_clear_pointer (&job->error, reel_job_error_free);
      g_clear_pointer (&job->result, reel_job_result_free);
      job->progress = 0;
      job->has_eta = FALSE;
    }
  } else if (status == REEL_JOB_STATUS_RUNNING) {
    job->attempts++;
    if (job->started_at == NULL)
      job->started_at = g_date_time_new_now_utc ();
  } else {
    g_clear_pointer (&job->finished_at, g_date_time_unref);
    job->finished_at = g_date_time_new_now_utc ();
    job->has_eta = FALSE;
    if (status == REEL_JOB_STATUS_SUCCEEDED)
      job->progress = 1;
  }
  job->status = status;
  return TRUE;
}

/* ---- reading ---------------------------------------------------------- */

static ReelJobRequest *
parse_request (JsonNode *node, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelJobRequest *req = request_new ();
  JsonArray *media = NULL;
  JsonNode *child = NULL;

  if (!reel_reader_init (&r, node, "request", errors, request_members)) {
    req->_broken = 0xffffffff;
    return req;
  }
  switch (reel_read_array (&r, "media", FALSE, &media)) {
    case REEL_READ_OK:
      for (guint i = 0; i < json_array_get_length (media); i++) {
        g_autofree gchar *p = g_strdup_printf ("request.media[%u]", i);
        gchar *id = NULL;

        if (reel_node_string (json_array_get_element (media, i), p, errors, &id)
            != REEL_READ_OK)
          req->_broken |= R_MEDIA;
        g_ptr_array_add (req->media, id);
      }
      break;
    case REEL_READ_BAD:
      req->_broken |= R_MEDIA;
      break;
    case REEL_READ_ABSENT:
    default:
      break;
  }
  switch (reel_read_object (&r, "generator", FALSE, &child)) {
    case REEL_READ_OK:
      req->generator =
          reel_generator_parse_at (child, "request.generator", errors);
      break;
    case REEL_READ_BAD:
      req->_broken |= R_GENERATOR;
      break;
    case REEL_READ_ABSENT:
    default:
      break;
  }
  MARK (req, R_TIMELINE_ID,
      reel_read_string (&r, "timeline_id", FALSE, &req->timeline_id));
  if (reel_reader_node (&r, "timeline") != NULL) {
    req->timeline = reel_timeline_parse_at (reel_reader_node (&r, "timeline"),
        "request.timeline", errors);
    if (req->timeline == NULL)
      req->_broken |= R_TIMELINE;
  }
  if (reel_read_params (&r, "output", FALSE, &req->output) == REEL_READ_BAD)
    req->output = NULL;
  MARK (req, R_CALLBACK,
      reel_read_string (&r, "callback_url", FALSE, &req->callback_url));
  return req;
}

static ReelJob *
parse_job (JsonNode *node, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  g_autoptr (ReelJob) job = NULL;
  JsonNode *child = NULL;
  gint type = 0, status = 0;
  gint64 attempts = 0;
  ReelRead res;

  if (!reel_reader_init (&r, node, NULL, errors, job_members))
    return NULL;
  reel_model_check_kind (&r, "job");

  job = g_new0 (ReelJob, 1);
  MARK (job, J_ID, reel_read_string (&r, "id", TRUE, &job->id));
  MARK (job, J_TYPE, reel_read_enum (&r, "type", TRUE, types, &type));
  job->type = (ReelJobType) type;
  MARK (job, J_STATUS, reel_read_enum (&r, "status", TRUE, statuses, &status));
  job->status = (ReelJobStatus) status;
  reel_read_string (&r, "stage", FALSE, &job->stage);
  MARK (job, J_PROGRESS,
      reel_read_double (&r, "progress", FALSE, &job->progress));
  MARK (job, J_ETA,
      reel_read_nullable_double (&r, "eta", &job->has_eta, &job->eta));
  res = reel_read_int (&r, "attempts", FALSE, &attempts);
  if (res == REEL_READ_OK && (attempts < 0 || attempts > G_MAXINT)) {
    g_autofree gchar *p = reel_reader_path (&r, "attempts");

    reel_field_errors_add (errors, p,
        "must be between 0 and %d (not %" G_GINT64_FORMAT ")", G_MAXINT,
        attempts);
    res = REEL_READ_BAD;
  }
  MARK (job, J_ATTEMPTS, res);
  job->attempts = res == REEL_READ_OK ? (guint) attempts : 0;
  MARK (job, J_CREATED,
      reel_read_datetime (&r, "created_at", TRUE, &job->created_at));
  MARK (job, J_STARTED,
      reel_read_datetime (&r, "started_at", FALSE, &job->started_at));
  MARK (job, J_FINISHED,
      reel_read_datetime (&r, "finished_at", FALSE, &job->finished_at));

  res = reel_read_object (&r, "error", FALSE, &child);
  if (res == REEL_READ_OK) {
    g_auto (ReelReader) e = { 0 };

    job->error = reel_job_error_new (NULL, NULL);
    reel_reader_init (&e, child, "error", errors, error_members);
    MARK (job, J_ERROR, reel_read_string (&e, "code", TRUE, &job->error->code));
    MARK (job, J_ERROR,
        reel_read_string (&e, "message", TRUE, &job->error->message));
  }
  MARK (job, J_ERROR, res);

  res = reel_read_object (&r, "result", FALSE, &child);
  if (res == REEL_READ_OK) {
    g_auto (ReelReader) rr = { 0 };

    job->result = reel_job_result_new ();
    reel_reader_init (&rr, child, "result", errors, NULL);
    MARK (job, J_RESULT,
        reel_read_string (&rr, "timeline_id", FALSE,
            &job->result->timeline_id));
    MARK (job, J_RESULT,
        reel_read_string (&rr, "output_media_id", FALSE,
            &job->result->output_media_id));
    MARK (job, J_RESULT,
        reel_read_string (&rr, "url", FALSE, &job->result->url));
    json_object_unref (job->result->extra);
    job->result->extra = reel_reader_take_extra (&rr, result_known);
  }
  MARK (job, J_RESULT, res);

  res = reel_read_object (&r, "request", FALSE, &child);
  if (res == REEL_READ_OK) {
    job->request = parse_request (child, errors);
  } else {
    job->request = request_new ();
    MARK (job, J_REQUEST, res);
  }
  return g_steal_pointer (&job);
}

/* ---- validating ------------------------------------------------------- */

static gboolean
url_is_http (const gchar *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const gchar *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0
             || g_ascii_strcasecmp (scheme, "https") == 0)
         && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

/* The output of a request: the members reel knows are checked, the rest
 * belongs to the renderer. */
static void
validate_output (JsonObject *output, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree gchar *preset = NULL;
  g_autofree gchar *aspect = NULL;
  gint width = 0, height = 0, num, den;
  ReelRate fps;
  const struct {
    const gchar *name;
    gint *value;
  } sizes[] = {
    { "width", &width },
    { "height", &height },
  };

  json_node_set_object (node, output);
  reel_reader_init (&r, node, "request.output", errors, NULL);
  if (reel_read_string (&r, "preset", FALSE, &preset) == REEL_READ_OK)
    reel_model_check_name (preset, "request.output.preset", errors);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++) {
    if (reel_read_gint (&r, sizes[i].name, FALSE, sizes[i].value)
            == REEL_READ_OK
        && (*sizes[i].value < 16 || *sizes[i].value > 8192
            || *sizes[i].value % 2 != 0)) {
      g_autofree gchar *p = reel_reader_path (&r, sizes[i].name);

      reel_field_errors_add (errors, p,
          "must be an even number between 16 "
          "and 8192 (not %d)",
          *sizes[i].value);
    }
  }
  if (reel_read_rate (&r, "fps", FALSE, &fps) == REEL_READ_OK
      && (fps.num < fps.den || fps.num > 240 * (gint64) fps.den))
    reel_field_errors_add (errors, "request.output.fps",
        "must be between 1 "
        "and 240 frames per second");
  if (reel_read_string (&r, "aspect", FALSE, &aspect) == REEL_READ_OK
      && !reel_model_parse_aspect (aspect, &num, &den))
    reel_field_errors_add (errors, "request.output.aspect",
        "must be a ratio "
        "such as \"16:9\"");
}

static void
validate_request (ReelJob *job, ReelFieldErrors *errors)
{
  ReelJobRequest *req = job->request;
  gboolean wants_media, wants_generator;

  if (req == NULL || req->_broken == 0xffffffff)
    return;
  wants_media = job->type != REEL_JOB_TYPE_RENDER;
  wants_generator =
      job->type == REEL_JOB_TYPE_TIMELINE || job->type == REEL_JOB_TYPE_EDIT;

  if (OK (req, R_MEDIA)) {
    for (guint i = 0; i < req->media->len; i++) {
      g_autofree gchar *p = g_strdup_printf ("request.media[%u]", i);

      reel_model_check_id (g_ptr_array_index (req->media, i), p, errors);
    }
    if (OK (job, J_TYPE) && wants_media && req->media->len == 0)
      reel_field_errors_add (errors, "request.media",
          "must name at least "
          "one media for a%s %s job",
          job->type == REEL_JOB_TYPE_ANALYZE || job->type == REEL_JOB_TYPE_EDIT
              ? "n"
              : "",
          reel_job_type_to_string (job->type));
  }
  if (req->generator != NULL)
    reel_generator_validate_at (req->generator, "request.generator", errors);
  else if (OK (req, R_GENERATOR) && OK (job, J_TYPE) && wants_generator)
    reel_field_errors_add (errors, "request.generator",
        "is required for "
        "a%s %s job",
        job->type == REEL_JOB_TYPE_EDIT ? "n" : "",
        reel_job_type_to_string (job->type));

  if (OK (req, R_TIMELINE_ID) && req->timeline_id != NULL)
    reel_model_check_id (req->timeline_id, "request.timeline_id", errors);
  if (req->timeline != NULL)
    reel_timeline_validate_at (req->timeline, "request.timeline", errors);
  if (OK (job, J_TYPE) && job->type == REEL_JOB_TYPE_RENDER
      && OK (req, R_TIMELINE_ID | R_TIMELINE)) {
    if (req->timeline_id == NULL && req->timeline == NULL)
      reel_field_errors_add (errors, "request",
          "a render job needs "
          "timeline_id or timeline");
    else if (req->timeline_id != NULL && req->timeline != NULL)
      reel_field_errors_add (errors, "request.timeline",
          "give timeline_id "
          "or timeline, not both");
  }

  if (req->output != NULL)
    validate_output (req->output, errors);
  if (OK (req, R_CALLBACK) && req->callback_url != NULL
      && !url_is_http (req->callback_url))
    reel_field_errors_add (errors, "request.callback_url",
        "must be an http "
        "or https URL");
}

static void
validate_result (ReelJob *job, ReelFieldErrors *errors)
{
  ReelJobResult *res = job->result;
  gboolean wants_timeline =
      job->type == REEL_JOB_TYPE_TIMELINE || job->type == REEL_JOB_TYPE_EDIT;
  gboolean wants_output =
      job->type == REEL_JOB_TYPE_RENDER || job->type == REEL_JOB_TYPE_EDIT;

  if (res == NULL) {
    if (OK (job, J_STATUS | J_RESULT)
        && job->status == REEL_JOB_STATUS_SUCCEEDED)
      reel_field_errors_add (errors, "result",
          "is required when status is "
          "succeeded");
    return;
  }
  if (!OK (job, J_RESULT))
    return;
  if (res->timeline_id != NULL)
    reel_model_check_id (res->timeline_id, "result.timeline_id", errors);
  if (res->output_media_id != NULL)
    reel_model_check_id (res->output_media_id, "result.output_media_id",
        errors);
  if (res->url != NULL && res->url[0] == '\0')
    reel_field_errors_add (errors, "result.url", "must not be empty");
  if (OK (job, J_STATUS | J_TYPE) && job->status == REEL_JOB_STATUS_SUCCEEDED) {
    if (wants_timeline && res->timeline_id == NULL)
      reel_field_errors_add (errors, "result.timeline_id",
          "is required when "
          "a%s %s job succeeded",
          job->type == REEL_JOB_TYPE_EDIT ? "n" : "",
          reel_job_type_to_string (job->type));
    if (wants_output && res->output_media_id == NULL)
      reel_field_errors_add (errors, "result.output_media_id",
          "is required "
          "when a%s %s job succeeded",
          job->type == REEL_JOB_TYPE_EDIT ? "n" : "",
          reel_job_type_to_string (job->type));
  }
}

static void
validate_job (ReelJob *job, ReelFieldErrors *errors)
{
  gboolean status_ok = OK (job, J_STATUS);
  gboolean terminal = reel_job_status_is_terminal (job->status);
  const gchar *status = reel_job_status_to_string (job->status);

  if (OK (job, J_ID))
    reel_model_check_id (job->id, "id", errors);

  if (OK (job, J_PROGRESS)
      && reel_model_check_range (job->progress, 0, 1, "progress", errors)
      && status_ok && job->status == REEL_JOB_STATUS_SUCCEEDED
      && job->progress != 1)
    reel_field_errors_add (errors, "progress",
        "must be 1 when status is "
        "succeeded");
  if (OK (job, J_ETA) && job->has_eta && job->eta < 0)
    reel_field_errors_add (errors, "eta", "must not be negative");
  if (OK (job, J_ATTEMPTS) && status_ok && job->attempts == 0
      && job->status == REEL_JOB_STATUS_RUNNING)
    reel_field_errors_add (errors, "attempts",
        "must be at least 1 when "
        "status is running");

  if (OK (job, J_CREATED) && job->created_at == NULL)
    reel_field_errors_add (errors, "created_at", "is required");
  if (status_ok && OK (job, J_STARTED)) {
    if (job->started_at == NULL
        && (job->status == REEL_JOB_STATUS_RUNNING
            || job->status == REEL_JOB_STATUS_SUCCEEDED))
      reel_field_errors_add (errors, "started_at",
          "is required when status "
          "is %s",
          status);
    else if (job->started_at != NULL && job->created_at != NULL
             && g_date_time_compare (job->started_at, job->created_at) < 0)
      reel_field_errors_add (errors, "started_at",
          "must not be before "
          "created_at");
  }
  if (status_ok && OK (job, J_FINISHED)) {
    GDateTime *after =
        job->started_at != NULL ? job->started_at : job->created_at;

    if (terminal && job->finished_at == NULL)
      reel_field_errors_add (errors, "finished_at",
          "is required when status "
          "is %s",
          status);
    else if (!terminal && job->finished_at != NULL)
      reel_field_errors_add (errors, "finished_at",
          "must be null when "
          "status is %s",
          status);
    else if (job->finished_at != NULL && after != NULL
             && g_date_time_compare (job->finished_at, after) < 0)
      reel_field_errors_add (errors, "finished_at", "must not be before %s",
          job->started_at != NULL ? "started_at" : "created_at");
  }

  if (status_ok && OK (job, J_ERROR)) {
    if (job->error == NULL && job->status == REEL_JOB_STATUS_FAILED)
      reel_field_errors_add (errors, "error",
          "is required when status is "
          "failed");
    else if (job->error != NULL && job->status == REEL_JOB_STATUS_SUCCEEDED)
      reel_field_errors_add (errors, "error",
          "must be null when status is "
          "succeeded");
    if (job->error != NULL) {
      if (job->error->code == NULL || job->error->code[0] == '\0')
        reel_field_errors_add (errors, "error.code", "must not be empty");
      if (job->error->message == NULL || job->error->message[0] == '\0')
        reel_field_errors_add (errors, "error.message", "must not be empty");
    }
  }

  if (status_ok && OK (job, J_TYPE))
    validate_result (job, errors);
  if (OK (job, J_REQUEST))
    validate_request (job, errors);
}

/**
 * reel_job_validate:
 * @errors: (nullable): where to report each broken rule
 *
 * Returns: %TRUE when @job follows the rules in reel-job.c
 */
gboolean
reel_job_validate (ReelJob *job, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();

  g_return_val_if_fail (job != NULL, FALSE);

  validate_job (job, local);
  reel_model_copy_errors (local, errors);
  return reel_field_errors_get_count (local) == 0;
}

/**
 * reel_job_new_from_json:
 * @node: a JSON document
 * @errors: (nullable): where to report every error, with its path
 *
 * Returns: (transfer full) (nullable): the job, or %NULL when @node is not
 *   a valid job record
 */
ReelJob *
reel_job_new_from_json (JsonNode *node, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();
  ReelJob *job;

  g_return_val_if_fail (node != NULL, NULL);

  job = parse_job (node, local);
  if (job != NULL)
    validate_job (job, local);
  return reel_model_finish (job, (GDestroyNotify) reel_job_free, local, errors);
}

/* ---- writing ---------------------------------------------------------- */

static JsonNode *
request_to_json (ReelJobRequest *req)
{
  JsonObject *o = json_object_new ();
  JsonArray *media = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < req->media->len; i++) {
    const gchar *id = g_ptr_array_index (req->media, i);

    if (id != NULL)
      json_array_add_string_element (media, id);
    else
      json_array_add_null_element (media);
  }
  json_object_set_array_member (o, "media", media);
  if (req->generator != NULL)
    json_object_set_member (o, "generator",
        reel_generator_to_json (req->generator));
  if (req->timeline_id != NULL)
    json_object_set_string_member (o, "timeline_id", req->timeline_id);
  if (req->timeline != NULL)
    json_object_set_member (o, "timeline",
        reel_timeline_to_json (req->timeline));
  if (req->output != NULL)
    json_object_set_object_member (o, "output", json_object_ref (req->output));
  if (req->callback_url != NULL)
    json_object_set_string_member (o, "callback_url", req->callback_url);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

/**
 * reel_job_to_json:
 *
 * Every member is written, unset ones as null.
 *
 * Returns: (transfer full): the JOB document
 */
JsonNode *
reel_job_to_json (ReelJob *job)
{
  JsonObject *o;
  JsonNode *node;

  g_return_val_if_fail (job != NULL, NULL);

  o = json_object_new ();
  reel_json_set_nullable_string (o, "id", job->id);
  json_object_set_string_member (o, "type",
      reel_job_type_to_string (job->type));
  json_object_set_string_member (o, "status",
      reel_job_status_to_string (job->status));
  reel_json_set_nullable_string (o, "stage", job->stage);
  json_object_set_double_member (o, "progress", job->progress);
  if (job->has_eta)
    json_object_set_double_member (o, "eta", job->eta);
  else
    json_object_set_null_member (o, "eta");
  json_object_set_int_member (o, "attempts", job->attempts);
  reel_json_set_datetime (o, "created_at", job->created_at);
  reel_json_set_datetime (o, "started_at", job->started_at);
  reel_json_set_datetime (o, "finished_at", job->finished_at);
  if (job->error != NULL) {
    JsonObject *e = json_object_new ();

    reel_json_set_nullable_string (e, "code", job->error->code);
    reel_json_set_nullable_string (e, "message", job->error->message);
    json_object_set_object_member (o, "error", e);
  } else {
    json_object_set_null_member (o, "error");
  }
  if (job->result != NULL) {
    JsonObject *r = json_object_new ();

    if (job->result->timeline_id != NULL)
      json_object_set_string_member (r, "timeline_id",
          job->result->timeline_id);
    if (job->result->output_media_id != NULL)
      json_object_set_string_member (r, "output_media_id",
          job->result->output_media_id);
    if (job->result->url != NULL)
      json_object_set_string_member (r, "url", job->result->url);
    reel_json_merge_extra (r, job->result->extra);
    json_object_set_object_member (o, "result", r);
  } else {
    json_object_set_null_member (o, "result");
  }
  json_object_set_member (o, "request", request_to_json (job->request));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

/**
 * reel_job_copy:
 *
 * Returns: (transfer full): a deep copy
 */
ReelJob *
reel_job_copy (ReelJob *job)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelJob *copy;

  g_return_val_if_fail (job != NULL, NULL);

  node = reel_job_to_json (job);
  copy = parse_job (node, errors);
  return copy != NULL ? copy : reel_job_new (job->id, job->type);
}
