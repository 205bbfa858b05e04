/* Unit tests of the ANALYSIS document (core/model/reel-analysis.c):
 * optional sections, plugin sections kept, each rule with its message,
 * pending documents, future versions, wrong types. JSON in this file is
 * written with ' for ". */
#include "reel-model.h"

#include <math.h>

static JsonNode *
parse (const gchar *text)
{
  g_autofree gchar *json = g_strdup (text);
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  g_strdelimit (json, "'", '"');
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  return node;
}

static void
assert_errors (const gchar *text, const gchar *expected)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelAnalysis) a = reel_analysis_new_from_json (node, errors);
  g_autofree gchar *got = reel_field_errors_to_string (errors);

  g_assert_cmpstr (got, ==, expected);
  g_assert_true ((a == NULL) == (expected[0] != '\0'));
}

static void
test_read_write (void)
{
  g_autoptr (JsonNode) node = parse (
      "{'media':'m','duration':10,"
      "'scenes':[{'start':0,'end':4,'score':0.5},{'start':4,'end':10}],"
      "'beats':{'tempo':120,'times':[0.5,1]},'loudness':{'integrated':null,"
      "'range':0,'true_peak':null},'silences':[],'waveform':[1,2],"
      "'faces':{'n':2}}");
  g_autoptr (ReelAnalysis) a = reel_analysis_new_from_json (node, NULL);
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (ReelAnalysis) again = NULL;
  g_autoptr (JsonNode) out2 = NULL;
  g_autoptr (ReelAnalysis) copy = NULL;
  g_autoptr (JsonNode) out3 = NULL;
  g_autofree gchar *text = NULL;

  g_assert_nonnull (a);
  g_assert_cmpint (a->version, ==, 1);
  g_assert_cmpint (a->status, ==, REEL_ANALYSIS_COMPLETE);
  g_assert_cmpuint (a->scenes->len, ==, 2);
  g_assert_false (g_array_index (a->scenes, ReelAnalysisSpan, 1).has_score);
  g_assert_cmpuint (a->beats->times->len, ==, 2);
  g_assert_false (a->loudness->has_integrated);
  g_assert_cmpuint (a->silences->len, ==, 0);
  g_assert_null (a->motion);
  g_assert_null (a->thumbnails);
  g_assert_true (json_object_has_member (a->sections, "faces"));

  out = reel_analysis_to_json (a);
  text = json_to_string (out, FALSE);
  g_assert_cmpstr (text, ==,
      "{\"version\":1,\"media\":\"m\",\"status\":"
      "\"complete\",\"duration\":10.0,\"scenes\":[{\"start\":0.0,\"end\":4.0,"
      "\"score\":0.5},{\"start\":4.0,\"end\":10.0}],\"beats\":{\"tempo\":"
      "120.0,\"times\":[0.5,1.0]},\"loudness\":{\"integrated\":null,"
      "\"range\":0.0,\"true_peak\":null},\"silences\":[],\"waveform\":[1,2],"
      "\"faces\":{\"n\":2}}");
  again = reel_analysis_new_from_json (out, NULL);
  out2 = reel_analysis_to_json (again);
  g_assert_true (json_node_equal (out, out2));
  copy = reel_analysis_copy (a);
  out3 = reel_analysis_to_json (copy);
  g_assert_true (json_node_equal (out, out3));
}

static void
test_pending (void)
{
  g_autoptr (ReelAnalysis) a = reel_analysis_new ("m");

  assert_errors ("{'media':'m','status':'pending'}", "");
  assert_errors ("{'media':'m','status':'partial'}",
      "duration: is required unless status is \"pending\"\n");
  g_assert_true (reel_analysis_validate (a, NULL));
  g_assert_cmpstr (reel_analysis_status_to_string (a->status), ==, "pending");
}

static void
test_spans (void)
{
  assert_errors ("{'media':'m','duration':10,'scenes':[{'start':0,'end':4},"
                 "{'start':3.5,'end':6},{'start':6,'end':6},{'start':7,'end':"
                 "10.0005},"
                 "{'start':9,'end':10.5,'score':-1}]}",
      "scenes[1].start: must not be before the end of scenes[0] (4 s): "
      "sorted, without overlaps\n"
      "scenes[2].end: must be after start (6 s)\n"
      "scenes[4].end: must not be after the end of the media (10 s)\n"
      "scenes[4].start: must not be before the end of scenes[3] (10.0005 s): "
      "sorted, without overlaps\n"
      "scenes[4].score: must be between 0 and 1 (not -1)\n");
  assert_errors ("{'media':'m','duration':5,'silences':[{'start':-1,"
                 "'end':1},{'end':2},[]]}",
      "silences[1].start: is required\n"
      "silences[2]: must be an object (not an array)\n"
      "silences[0].start: must not be negative\n");
}

static void
test_beats_loudness_motion (void)
{
  assert_errors ("{'media':'m','duration':5,'beats':{'tempo':1001,"
                 "'times':[0.5,0.5,6,'x']},'loudness':{'integrated':-23,'range'"
                 ":-1,"
                 "'true_peak':1},'motion':[{'time':1,'value':1},{'time':0.5,"
                 "'value':-2}],'thumbnails':[{'time':1,'url':''},{'time':'1',"
                 "'url':'u','width':-5}]}",
      "beats.times[3]: must be a number (not a string)\n"
      "thumbnails[1].time: must be a number (not a string)\n"
      "beats.tempo: must be greater than 0 and at most 1000 beats per minute "
      "(not 1001)\n"
      "beats.times[1]: must be after the previous beat (0.5 s)\n"
      "beats.times[2]: must not be after the end of the media (5 s)\n"
      "loudness.range: must not be negative\n"
      "motion[1].time: must be after the previous sample (1 s)\n"
      "motion[1].value: must not be negative\n"
      "thumbnails[0].url: must not be empty\n"
      "thumbnails[1]: width and height must not be negative\n");
  assert_errors ("{'media':'m','duration':5,'loudness':{'range':1}}",
      "loudness.integrated: is required (null when silent)\n");
}

static void
test_built_in_code (void)
{
  g_autoptr (ReelAnalysis) a = reel_analysis_new ("m");
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autofree gchar *text = NULL;
  ReelAnalysisSpan span = { NAN, 1, FALSE, 0 };

  a->status = REEL_ANALYSIS_COMPLETE;
  a->has_duration = TRUE;
  a->duration = 3;
  a->scenes = g_array_new (FALSE, TRUE, sizeof (ReelAnalysisSpan));
  g_array_append_val (a->scenes, span);
  g_assert_false (reel_analysis_validate (a, errors));
  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==, "scenes[0].start: must be a finite number\n");
}

static void
test_version_and_types (void)
{
  assert_errors ("{'version':2,'media':7}",
      "version: unsupported analysis version 2: this reel reads version 1\n");
  assert_errors ("{'media':7,'duration':'long','status':'done','scenes':{},"
                 "'beats':[],'loudness':1,'motion':'x','thumbnails':null,"
                 "'kind':'analysis'}",
      "media: must be a string (not a number)\n"
      "status: must be one of \"complete\", \"partial\", \"pending\"\n"
      "duration: must be a number (not a string)\n"
      "scenes: must be an array (not an object)\n"
      "beats: must be an object (not an array)\n"
      "loudness: must be an object (not a number)\n"
      "motion: must be an array (not a string)\n");
  assert_errors ("{'media':'m','duration':1e400}",
      "duration: is out of range\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/analysis/read-write", test_read_write);
  g_test_add_func ("/model/analysis/pending", test_pending);
  g_test_add_func ("/model/analysis/spans", test_spans);
  g_test_add_func ("/model/analysis/beats-loudness-motion",
      test_beats_loudness_motion);
  g_test_add_func ("/model/analysis/built-in-code", test_built_in_code);
  g_test_add_func ("/model/analysis/version-and-types", test_version_and_types);
  return g_test_run ();
}
