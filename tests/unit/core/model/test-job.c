/* Unit tests of the JOB record (core/model/reel-job.c): the status machine
 * (every pair), reel_job_set_status() keeping the record consistent, type
 * and status names, reading and writing with the request and result, and
 * the consistency rules with their messages. JSON in this file is written
 * with ' for ". */
#include "reel-model.h"
#include "model-test-util.h"

static void
assert_errors (const gchar *text, const gchar *expected)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelJob) job = reel_job_new_from_json (node, errors);
  g_autofree gchar *got = reel_field_errors_to_string (errors);

  g_assert_cmpstr (got, ==, expected);
  g_assert_true ((job == NULL) == (expected[0] != '\0'));
}

static void
test_transitions (void)
{
  /* rows: from; columns: to (queued, running, succeeded, failed, canceled) */
  static const gboolean allowed[5][5] = {
    { FALSE, TRUE, FALSE, TRUE, TRUE },
    { TRUE, FALSE, TRUE, TRUE, TRUE },
    { FALSE, FALSE, FALSE, FALSE, FALSE },
    { TRUE, FALSE, FALSE, FALSE, FALSE },
    { FALSE, FALSE, FALSE, FALSE, FALSE },
  };

  for (gint from = 0; from < 5; from++) {
    for (gint to = 0; to < 5; to++)
      g_assert_cmpint (reel_job_status_can_transition (from, to), ==,
          allowed[from][to]);
  }
  g_assert_false (reel_job_status_is_terminal (REEL_JOB_STATUS_RUNNING));
  g_assert_true (reel_job_status_is_terminal (REEL_JOB_STATUS_CANCELED));
}

static void
test_names (void)
{
  ReelJobType type;
  ReelJobStatus status;
  const gchar *types[] = { "analyze", "timeline", "render", "edit" };
  const gchar *statuses[] = { "queued", "running", "succeeded", "failed",
    "canceled" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++) {
    g_assert_true (reel_job_type_from_string (types[i], &type));
    g_assert_cmpint (type, ==, i);
    g_assert_cmpstr (reel_job_type_to_string (type), ==, types[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++) {
    g_assert_true (reel_job_status_from_string (statuses[i], &status));
    g_assert_cmpint (status, ==, i);
    g_assert_cmpstr (reel_job_status_to_string (status), ==, statuses[i]);
  }
  g_assert_false (reel_job_type_from_string ("Analyze", &type));
  g_assert_false (reel_job_status_from_string ("cancelled", &status));
  g_assert_false (reel_job_status_from_string (NULL, &status));
  g_assert_null (reel_job_status_to_string (99));
}

static void
test_set_status (void)
{
  g_autoptr (ReelJob) job = reel_job_new ("job-1", REEL_JOB_TYPE_ANALYZE);
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autofree gchar *text = NULL;

  g_ptr_array_add (job->request->media, g_strdup ("m"));
  g_assert_true (reel_job_validate (job, NULL));

  g_assert_false (reel_job_set_status (job, REEL_JOB_STATUS_SUCCEEDED, &error));
  g_assert_error (error, REEL_MODEL_ERROR, REEL_MODEL_ERROR_TRANSITION);
  g_assert_cmpstr (error->message, ==,
      "job job-1 cannot go from queued to "
      "succeeded");
  g_clear_error (&error);

  g_assert_true (reel_job_set_status (job, REEL_JOB_STATUS_RUNNING, NULL));
  g_assert_cmpuint (job->attempts, ==, 1);
  g_assert_nonnull (job->started_at);
  g_assert_true (reel_job_validate (job, NULL));

  g_assert_true (reel_job_set_status (job, REEL_JOB_STATUS_FAILED, NULL));
  g_assert_false (reel_job_validate (job, errors));
  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==, "error: is required when status is failed\n");
  job->error = reel_job_error_new ("timeout", "took too long");
  g_assert_true (reel_job_validate (job, NULL));

  g_assert_true (reel_job_set_status (job, REEL_JOB_STATUS_QUEUED, NULL));
  g_assert_null (job->error);
  g_assert_null (job->finished_at);
  g_assert_true (reel_job_set_status (job, REEL_JOB_STATUS_RUNNING, NULL));
  g_assert_cmpuint (job->attempts, ==, 2);
  g_assert_true (reel_job_set_status (job, REEL_JOB_STATUS_SUCCEEDED, NULL));
  g_assert_cmpfloat (job->progress, ==, 1);
  job->result = reel_job_result_new ();
  g_assert_true (reel_job_validate (job, NULL));
  g_assert_false (reel_job_set_status (job, REEL_JOB_STATUS_QUEUED, NULL));
}

static void
test_read_write (void)
{
  g_autoptr (JsonNode) node = parse (
      "{'id':'j','type':'edit',"
      "'status':'succeeded','progress':1,'attempts':1,"
      "'created_at':'2024-05-01T12:00:00Z','started_at':"
      "'2024-05-01T12:00:01.5Z','finished_at':'2024-05-01T14:00:02+02:00',"
      "'result':{'timeline_id':'t','output_media_id':'o','bytes':12},"
      "'request':{'media':['a','b'],'generator':{'name':'concat'},"
      "'output':{'preset':'p','crf':20},'callback_url':'http://h/x'}}");
  g_autoptr (ReelJob) job = reel_job_new_from_json (node, NULL);
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (ReelJob) again = NULL;
  g_autoptr (JsonNode) out2 = NULL;
  g_autoptr (ReelJob) copy = NULL;
  g_autoptr (JsonNode) out3 = NULL;
  g_autofree gchar *text = NULL;

  g_assert_nonnull (job);
  g_assert_cmpint (job->type, ==, REEL_JOB_TYPE_EDIT);
  g_assert_false (job->has_eta);
  g_assert_cmpstr (job->result->timeline_id, ==, "t");
  g_assert_cmpint (json_object_get_int_member (job->result->extra, "bytes"), ==,
      12);
  g_assert_cmpuint (job->request->media->len, ==, 2);
  g_assert_cmpstr (job->request->generator->name, ==, "concat");
  g_assert_cmpint (json_object_get_int_member (job->request->output, "crf"), ==,
      20);

  out = reel_job_to_json (job);
  text = json_to_string (out, FALSE);
  g_assert_cmpstr (text, ==,
      "{\"id\":\"j\",\"type\":\"edit\",\"status\":"
      "\"succeeded\",\"stage\":null,\"progress\":1.0,\"eta\":null,"
      "\"attempts\":1,\"created_at\":\"2024-05-01T12:00:00Z\",\"started_at\":"
      "\"2024-05-01T12:00:01.5Z\",\"finished_at\":"
      "\"2024-05-01T14:00:02+02:00\",\"error\":null,\"result\":{"
      "\"timeline_id\":\"t\",\"output_media_id\":\"o\",\"bytes\":12},"
      "\"request\":{\"media\":[\"a\",\"b\"],\"generator\":{\"name\":"
      "\"concat\",\"params\":{}},\"output\":{\"preset\":\"p\",\"crf\":20},"
      "\"callback_url\":\"http://h/x\"}}");
  again = reel_job_new_from_json (out, NULL);
  out2 = reel_job_to_json (again);
  g_assert_true (json_node_equal (out, out2));
  copy = reel_job_copy (job);
  out3 = reel_job_to_json (copy);
  g_assert_true (json_node_equal (out, out3));
}

#define JOB(type, status, extra)                                               \
  "{'id':'j','type':'" type "','status':'" status                              \
  "','created_at':'2024-05-01T12:00:00Z'" extra "}"

static void
test_consistency (void)
{
  assert_errors (JOB ("analyze", "running", ",'request':{'media':['m']}"),
      "attempts: must be at least 1 when status is running\n"
      "started_at: is required when status is running\n");
  assert_errors (JOB ("analyze", "queued",
                     ",'request':{'media':['m']},"
                     "'finished_at':'2024-05-01T12:00:00Z','progress':1.5,'eta'"
                     ":-1"),
      "progress: must be between 0 and 1 (not 1.5)\n"
      "eta: must not be negative\n"
      "finished_at: must be null when status is queued\n");
  assert_errors (JOB ("render", "succeeded",
                     ",'progress':1,'attempts':1,"
                     "'started_at':'2024-05-01T12:00:00Z','finished_at':"
                     "'2024-05-01T11:00:00Z','result':{},'error':{'code':'x',"
                     "'message':'y'},'request':{'timeline_id':'t'}"),
      "finished_at: must not be before started_at\n"
      "error: must be null when status is succeeded\n"
      "result.output_media_id: is required when a render job succeeded\n");
  assert_errors (JOB ("edit", "canceled",
                     ",'finished_at':"
                     "'2024-05-01T12:00:00Z','request':{'media':['a'],'"
                     "generator':"
                     "{'name':'g'}}"),
      "");
}

static void
test_requests (void)
{
  assert_errors (JOB ("render", "queued", ""),
      "request: a render job needs timeline_id or timeline\n");
  assert_errors (JOB ("timeline", "queued", ",'request':{'media':[]}"),
      "request.media: must name at least one media for a timeline job\n"
      "request.generator: is required for a timeline job\n");
  assert_errors (
      JOB ("render", "queued",
          ",'request':{'timeline':{"
          "'version':1,'output':{'width':640,'height':360,'fps':25},"
          "'tracks':[{'kind':'video','clips':[{'media':'a','trim':{'in':1,"
          "'out':1},'start':0}]}]},'callback_url':'javascript:alert(1)',"
          "'output':{'width':'wide','fps':1000,'aspect':'wide'}}"),
      "request.timeline.tracks[0].clips[0].trim.out: must be after trim.in "
      "(1 s)\n"
      "request.output.width: must be an integer (not a string)\n"
      "request.output.fps: must be between 1 and 240 frames per second\n"
      "request.output.aspect: must be a ratio such as \"16:9\"\n"
      "request.callback_url: must be an http or https URL\n");
  assert_errors (JOB ("render", "queued",
                     ",'request':{'timeline':{"
                     "'version':2}}"),
      "request.timeline.version: unsupported timeline version 2: this reel "
      "reads version 1\n");
}

static void
test_wrong_types (void)
{
  assert_errors ("{'id':null,'type':1,'status':[],'created_at':5,"
                 "'progress':'1','eta':'soon','attempts':1.5,'error':'boom',"
                 "'result':[],'request':[],'stage':3}",
      "id: is required\n"
      "type: must be a string (not a number)\n"
      "status: must be a string (not an array)\n"
      "stage: must be a string (not a number)\n"
      "progress: must be a number (not a string)\n"
      "eta: must be a number (not a string)\n"
      "attempts: must be an integer (not 1.5)\n"
      "created_at: must be a string (not a number)\n"
      "error: must be an object (not a string)\n"
      "result: must be an object (not an array)\n"
      "request: must be an object (not an array)\n");
  assert_errors ("{'id':'j','type':'edit','status':'queued',"
                 "'created_at':'2024-05-01T12:00:00Z','progress':1e400,"
                 "'attempts':99999999999,'request':{'media':['a',1,null],"
                 "'generator':{'name':'g','params':{'a':1}}}}",
      "progress: is out of range\n"
      "attempts: must be between 0 and 2147483647 (not 99999999999)\n"
      "request.media[1]: must be a string (not a number)\n"
      "request.media[2]: must be a string (not null)\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/job/transitions", test_transitions);
  g_test_add_func ("/model/job/names", test_names);
  g_test_add_func ("/model/job/set-status", test_set_status);
  g_test_add_func ("/model/job/read-write", test_read_write);
  g_test_add_func ("/model/job/consistency", test_consistency);
  g_test_add_func ("/model/job/requests", test_requests);
  g_test_add_func ("/model/job/wrong-types", test_wrong_types);
  return g_test_run ();
}
