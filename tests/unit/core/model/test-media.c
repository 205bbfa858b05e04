/* Unit tests of the MEDIA record (core/model/reel-media.c): reading and
 * writing, extra probe members kept, every rule with its message, wrong
 * types and hostile values. JSON in this file is written with ' for ". */
#include "reel-model.h"
#include "model-test-util.h"

#define MEDIA(extra)                                                           \
  "{'id':'clip-1','name':'a.mp4','size':10,"                                   \
  "'content_type':'video/mp4','created_at':'2024-05-01T12:00:00Z',"            \
  "'status':'ready','probe':{'duration':2.5,'width':1920,'height':1080,"       \
  "'fps':'30000/"                                                              \
  "1001','has_audio':true,'has_video':true,'codec':'H.264'}" extra "}"

static void
assert_errors (const gchar *text, const gchar *expected)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelMedia) media = reel_media_new_from_json (node, errors);
  g_autofree gchar *got = reel_field_errors_to_string (errors);

  g_assert_cmpstr (got, ==, expected);
  g_assert_true ((media == NULL) == (expected[0] != '\0'));
}

static void
test_read_write (void)
{
  g_autoptr (JsonNode) node = parse (MEDIA (",'analysis_job':'job-1'"));
  g_autoptr (ReelMedia) media = reel_media_new_from_json (node, NULL);
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (ReelMedia) again = NULL;
  g_autoptr (JsonNode) out2 = NULL;
  g_autoptr (ReelMedia) copy = NULL;
  g_autoptr (JsonNode) out3 = NULL;
  g_autofree gchar *text = NULL;

  g_assert_nonnull (media);
  g_assert_cmpstr (media->id, ==, "clip-1");
  g_assert_cmpint (media->size, ==, 10);
  g_assert_cmpint (media->status, ==, REEL_MEDIA_STATUS_READY);
  g_assert_cmpfloat (media->probe->duration, ==, 2.5);
  g_assert_cmpint (media->probe->fps.num, ==, 30000);
  g_assert_cmpstr (json_object_get_string_member (media->probe->extra, "codec"),
      ==, "H.264");
  g_assert_cmpint (g_date_time_get_hour (media->created_at), ==, 12);

  out = reel_media_to_json (media);
  text = json_to_string (out, FALSE);
  g_assert_cmpstr (text, ==,
      "{\"id\":\"clip-1\",\"name\":\"a.mp4\","
      "\"size\":10,\"content_type\":\"video/mp4\",\"created_at\":"
      "\"2024-05-01T12:00:00Z\",\"status\":\"ready\",\"probe\":{"
      "\"duration\":2.5,\"width\":1920,\"height\":1080,\"fps\":"
      "\"30000/1001\",\"has_audio\":true,\"has_video\":true,\"codec\":"
      "\"H.264\"},\"analysis_job\":\"job-1\"}");
  again = reel_media_new_from_json (out, NULL);
  out2 = reel_media_to_json (again);
  g_assert_true (json_node_equal (out, out2));
  copy = reel_media_copy (media);
  out3 = reel_media_to_json (copy);
  g_assert_true (json_node_equal (out, out3));
}

static void
test_new_and_status (void)
{
  g_autoptr (ReelMedia) media = reel_media_new ("up-1", "x.mov");
  ReelMediaStatus status;

  g_assert_true (reel_media_validate (media, NULL));
  g_assert_true (reel_media_status_from_string ("processing", &status));
  g_assert_cmpint (status, ==, REEL_MEDIA_STATUS_PROCESSING);
  g_assert_false (reel_media_status_from_string ("done", &status));
  g_assert_cmpstr (reel_media_status_to_string (REEL_MEDIA_STATUS_FAILED), ==,
      "failed");

  media->status = REEL_MEDIA_STATUS_READY;
  g_assert_false (reel_media_validate (media, NULL));
  media->probe = reel_media_probe_new ();
  media->probe->has_audio = TRUE;
  g_assert_true (reel_media_validate (media, NULL));
}

static void
test_rules (void)
{
  assert_errors ("{'id':'a b','name':'n','size':-1,'content_type':'mp4',"
                 "'created_at':'2024-05-01T12:00:00Z','status':'ready'}",
      "id: must be an id of 1 to 128 letters, digits, '.', '_' or '-' (not "
      "\".\" or \"..\")\n"
      "size: must not be negative\n"
      "content_type: must be a MIME type such as \"video/mp4\" (not "
      "\"mp4\")\n"
      "probe: is required when status is \"ready\"\n");
  assert_errors ("{'id':'a','name':'n','size':1,'content_type':'audio/wav',"
                 "'created_at':'2024-05-01T12:00:00Z','status':'ready','probe':"
                 "{"
                 "'has_audio':false,'has_video':false,'duration':null}}",
      "probe: has neither audio nor video: has_audio or has_video must be "
      "true\n");
  /* a failed media may have found nothing */
  assert_errors ("{'id':'a','name':'n','size':1,'content_type':'audio/wav',"
                 "'created_at':'2024-05-01T12:00:00Z','status':'failed','probe'"
                 ":{"
                 "'has_audio':false,'has_video':false}}",
      "");
}

static void
test_wrong_types (void)
{
  assert_errors ("{'id':1,'name':null,'size':'10','content_type':[],"
                 "'created_at':'May 1st','status':'READY','probe':[],"
                 "'analysis_job':{},'owner':'x'}",
      "owner: unknown member\n"
      "id: must be a string (not a number)\n"
      "name: is required\n"
      "size: must be an integer (not a string)\n"
      "content_type: must be a string (not an array)\n"
      "created_at: must be an ISO 8601 date and time with a time zone, such "
      "as \"2024-05-01T12:00:00Z\"\n"
      "status: must be one of \"uploading\", \"processing\", \"ready\", "
      "\"failed\"\n"
      "probe: must be an object (not an array)\n"
      "analysis_job: must be a string (not an object)\n");
  assert_errors ("[]", "must be an object (not an array)\n");
  assert_errors ("{'id':'a','name':'n','size':1e400,'content_type':'a/b',"
                 "'created_at':'2024-05-01T12:00:00+02:00','status':'uploading'"
                 "}",
      "size: is out of range\n");
}

static void
test_deep_extra (void)
{
  GString *deep = g_string_new (MEDIA (""));
  g_autofree gchar *text = NULL;

  /* replace the closing of probe with a deep member */
  g_string_truncate (deep, deep->len - 2);
  g_string_append (deep, ",'deep':");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}}");
  text = g_string_free (deep, FALSE);
  assert_errors (text, "probe.deep: is nested too deeply (more than 32 "
                       "levels)\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/media/read-write", test_read_write);
  g_test_add_func ("/model/media/new-and-status", test_new_and_status);
  g_test_add_func ("/model/media/rules", test_rules);
  g_test_add_func ("/model/media/wrong-types", test_wrong_types);
  g_test_add_func ("/model/media/deep-extra", test_deep_extra);
  return g_test_run ();
}
