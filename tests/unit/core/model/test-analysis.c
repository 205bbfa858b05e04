/* Unit tests of the ANALYSIS document (core/model/reel-analysis.c):
 * optional sections, plugin sections kept, each rule with its message,
 * pending and partial documents (what is missing and why), the sections the
 * analysers emit (scene transitions, beat confidence and onsets, short-term
 * loudness, black ranges, thumbnails of scenes and the poster, audiowaveform
 * peaks), an embedded probe, future versions, wrong types. JSON in this file
 * is written with ' for ". */
#include "reel-model.h"
#include "model-test-util.h"

#include <math.h>

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
      "'range':0,'true_peak':null},'silences':[],'waveform':{'version':1,"
      "'sample_rate':8000,'samples_per_pixel':800,'bits':8,'length':1,"
      "'data':[-1,2]},'faces':{'n':2}}");
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
      "\"range\":0.0,\"true_peak\":null},\"silences\":[],\"waveform\":"
      "{\"version\":1,\"sample_rate\":8000,\"samples_per_pixel\":800,"
      "\"bits\":8,\"length\":1,\"data\":[-1,2]},\"faces\":{\"n\":2}}");
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

/* Every section the analysers emit, read and written back unchanged. */
static void
test_new_sections_round_trip (void)
{
  g_autoptr (JsonNode) node = parse (
      "{'version':1,'media':'m','status':'partial','duration':10,"
      "'missing':[{'analyser':'motion','reason':'the element failed'}],"
      "'probe':{'duration':10,'width':640,'height':360,'fps':'30000/1001',"
      "'has_audio':true,'has_video':true,'container':'mp4'},"
      "'scenes':[{'start':0,'end':5,'score':0},{'start':5,'end':10,"
      "'score':0.5,'transition':{'kind':'dissolve','start':4.5,'end':5.5}}],"
      "'beats':{'tempo':120,'times':[0.5,1],'confidence':0.9,'onsets':[0.5,"
      "0.75,1]},'loudness':{'integrated':-23,'range':2,'true_peak':-1,"
      "'short_term':{'interval':0.5,'values':[null,-30,-23.5]}},"
      "'black':[{'start':0,'end':0.5}],'thumbnails':[{'time':1,'url':'a.jpg',"
      "'scene':0},{'time':6,'url':'b.jpg','width':320,'height':180,'scene':1,"
      "'poster':true}],'waveform':{'version':2,'channels':2,"
      "'sample_rate':48000,'samples_per_pixel':480000,'bits':16,'length':1,"
      "'data':[-32768,32767,-5,5]},'example-luma':{'mean':0.5}}");
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelAnalysis) a = reel_analysis_new_from_json (node, errors);
  g_autofree gchar *text = reel_field_errors_to_string (errors);
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (ReelAnalysis) copy = NULL;
  g_autoptr (JsonNode) out2 = NULL;
  ReelAnalysisSpan *scene;

  g_assert_cmpstr (text, ==, "");
  g_assert_nonnull (a);
  g_assert_cmpint (a->status, ==, REEL_ANALYSIS_PARTIAL);
  g_assert_cmpuint (a->missing->len, ==, 1);
  g_assert_cmpstr (((ReelAnalysisMissing *) g_ptr_array_index (a->missing, 0))
                       ->reason,
      ==, "the element failed");
  scene = &g_array_index (a->scenes, ReelAnalysisSpan, 1);
  g_assert_true (scene->has_transition);
  g_assert_cmpint (scene->transition.kind, ==,
      REEL_ANALYSIS_TRANSITION_DISSOLVE);
  g_assert_cmpfloat (scene->transition.end, ==, 5.5);
  g_assert_false (
      g_array_index (a->scenes, ReelAnalysisSpan, 0).has_transition);
  g_assert_true (a->beats->has_confidence);
  g_assert_cmpuint (a->beats->onsets->len, ==, 3);
  g_assert_cmpfloat (a->loudness->short_term_interval, ==, 0.5);
  g_assert_true (isinf (g_array_index (a->loudness->short_term, gdouble, 0)));
  g_assert_cmpuint (a->black->len, ==, 1);
  g_assert_true (
      ((ReelAnalysisThumbnail *) g_ptr_array_index (a->thumbnails, 1))->poster);
  g_assert_nonnull (a->probe);
  g_assert_true (json_object_has_member (a->sections, "example-luma"));

  out = reel_analysis_to_json (a);
  g_assert_true (json_node_equal (out, node));
  copy = reel_analysis_copy (a);
  out2 = reel_analysis_to_json (copy);
  g_assert_true (json_node_equal (out, out2));
}

static void
test_partial (void)
{
  g_autoptr (ReelAnalysis) a = reel_analysis_new ("clip.mp4");
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autofree gchar *text = NULL;

  assert_errors ("{'media':'m','status':'partial','duration':1,'missing':["
                 "{'analyser':'scenes','reason':'the file has no video "
                 "stream'}]}",
      "");
  assert_errors ("{'media':'m','status':'complete','duration':1,'missing':["
                 "{'analyser':'scenes','reason':''},{'analyser':'scenes',"
                 "'reason':'x'},{'analyser':'Bad Name','reason':'x'},"
                 "{'analyser':'beats'},{'reason':3},'x'],"
                 "'beats':{'tempo':60,'times':[]}}",
      "missing[3].reason: is required\n"
      "missing[4].analyser: is required\n"
      "missing[4].reason: must be a string (not a number)\n"
      "missing[5]: must be an object (not a string)\n"
      "status: must be \"partial\" (or \"pending\") when analysers are "
      "missing, not \"complete\"\n"
      "missing[0].reason: must say why\n"
      "missing[1].analyser: 'scenes' is listed twice\n"
      "missing[2].analyser: must be a name of 1 to 64 letters, digits, '.', "
      "'_' or '-'\n"
      "missing[3].analyser: 'beats' has a section: it is not missing\n");

  /* Built in code, as the runner does. */
  a->status = REEL_ANALYSIS_PARTIAL;
  a->has_duration = TRUE;
  a->duration = 2;
  reel_analysis_add_missing (a, "scenes", "the file has no video stream");
  reel_analysis_add_missing (a, "motion", NULL);
  g_assert_false (reel_analysis_validate (a, errors));
  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==, "missing[1].reason: is required\n");
}

static void
test_scene_transitions (void)
{
  assert_errors ("{'media':'m','duration':10,'scenes':["
                 "{'start':0,'end':4,'transition':{'kind':'cut','start':0,"
                 "'end':0}},"
                 "{'start':4,'end':6,'transition':{'kind':'wipe','start':4}},"
                 "{'start':6,'end':8,'transition':{'kind':'fade','start':7,"
                 "'end':6.5}},"
                 "{'start':8,'end':9,'transition':{'kind':'dissolve','start':2,"
                 "'end':3}},"
                 "{'start':9,'end':10,'transition':{'kind':'fade','start':9.5,"
                 "'end':11,'x':1}}]}",
      "scenes[1].transition.kind: must be one of \"cut\", \"dissolve\", "
      "\"fade\"\n"
      "scenes[1].transition.end: is required\n"
      "scenes[4].transition.x: unknown member\n"
      "scenes[2].transition.end: must not be before start (7 s)\n"
      "scenes[3].transition: must touch its scene (8 to 9 s), not lie at 2 "
      "to 3 s\n"
      "scenes[4].transition.end: must not be after the end of the media "
      "(10 s)\n");
}

static void
test_beats_extras_black_short_term (void)
{
  assert_errors ("{'media':'m','duration':5,'beats':{'tempo':90,'times':[1],"
                 "'confidence':1.5,'onsets':[0.5,0.4,9]},"
                 "'loudness':{'integrated':-20,'range':1,'true_peak':null,"
                 "'short_term':{'interval':0,'values':[-20,'x',null]}},"
                 "'black':[{'start':1,'end':2},{'start':1.5,'end':1.6},"
                 "{'start':3,'end':3}]}",
      "loudness.short_term.values[1]: must be a number (not a string)\n"
      "beats.confidence: must be between 0 and 1 (not 1.5)\n"
      "beats.onsets[1]: must be after the previous onset (0.5 s)\n"
      "beats.onsets[2]: must not be after the end of the media (5 s)\n"
      "loudness.short_term.interval: must be greater than 0 (not 0)\n"
      "black[1].start: must not be before the end of black[0] (2 s): sorted, "
      "without overlaps\n"
      "black[2].end: must be after start (3 s)\n");
  assert_errors ("{'media':'m','duration':5,'loudness':{'integrated':-20,"
                 "'range':1,'short_term':{'values':[]}}}",
      "loudness.short_term.interval: is required\n");
}

static void
test_thumbnails_extras (void)
{
  assert_errors ("{'media':'m','duration':5,'thumbnails':["
                 "{'time':1,'url':'a','scene':-1,'poster':true},"
                 "{'time':2,'url':'b','scene':'one','poster':'yes'},"
                 "{'time':3,'url':'c','poster':true}]}",
      "thumbnails[1].scene: must be an integer (not a string)\n"
      "thumbnails[1].poster: must be true or false (not a string)\n"
      "thumbnails[0].scene: must be a scene index, 0 or more (not -1)\n"
      "thumbnails[2].poster: only one thumbnail is the poster "
      "(thumbnails[0] is already)\n");
}

static void
test_waveform (void)
{
  assert_errors ("{'media':'m','duration':5,'waveform':{'version':2,"
                 "'channels':1,'sample_rate':44100,'samples_per_pixel':441,"
                 "'bits':8,'length':0,'data':[]}}",
      "");
  assert_errors ("{'media':'m','duration':5,'waveform':{'version':3,"
                 "'sample_rate':0,'samples_per_pixel':1,'bits':12,"
                 "'length':1,'data':[1,2],'peaks':[]}}",
      "waveform.peaks: unknown member\n"
      "waveform.version: must be from 1 to 2 (not 3)\n"
      "waveform.sample_rate: must be from 1 to 10000000 (not 0)\n"
      "waveform.bits: must be 8 or 16 (not 12)\n");
  assert_errors ("{'media':'m','duration':5,'waveform':{'version':2,"
                 "'sample_rate':8000,'samples_per_pixel':80,'bits':8,"
                 "'length':2,'data':[1,2,3,4]}}",
      "waveform.channels: is required\n");
  assert_errors ("{'media':'m','duration':5,'waveform':{'version':2,"
                 "'channels':2,'sample_rate':8000,'samples_per_pixel':80,"
                 "'bits':8,'length':2,'data':[1,2,3]}}",
      "waveform.data: must hold length × 2 × channels = 8 values (min and "
      "max per point and channel), not 3\n");
  assert_errors ("{'media':'m','duration':5,'waveform':{'version':2,"
                 "'channels':1,'sample_rate':8000,'samples_per_pixel':80,"
                 "'bits':8,'length':2,'data':[1,2,-129,4]}}",
      "waveform.data[2]: must be from -128 to 127 for 8-bit data (not "
      "-129)\n");
  assert_errors ("{'media':'m','duration':5,'waveform':{'version':1,"
                 "'sample_rate':8000,'samples_per_pixel':80,'bits':16,"
                 "'length':1,'data':[1,0.5]}}",
      "waveform.data[1]: must be an integer\n");
  assert_errors ("{'media':'m','duration':5,'waveform':[1,2]}",
      "waveform: must be an object (not an array)\n");
}

static void
test_probe (void)
{
  assert_errors ("{'media':'m','duration':5,'probe':{'has_audio':false,"
                 "'has_video':true,'width':0,'height':360,'fps':'x',"
                 "'streams':[]}}",
      "probe.fps: must be a frame rate: an integer (25) or a fraction "
      "string (\"30000/1001\"), greater than 0 and at most 1000000\n"
      "probe.width: must be greater than 0 when has_video is true\n");
  assert_errors ("{'media':'m','duration':5,'probe':7}",
      "probe: must be an object (not a number)\n");
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
  g_test_add_func ("/model/analysis/new-sections-round-trip",
      test_new_sections_round_trip);
  g_test_add_func ("/model/analysis/partial", test_partial);
  g_test_add_func ("/model/analysis/scene-transitions", test_scene_transitions);
  g_test_add_func ("/model/analysis/beats-extras-black-short-term",
      test_beats_extras_black_short_term);
  g_test_add_func ("/model/analysis/thumbnails-extras", test_thumbnails_extras);
  g_test_add_func ("/model/analysis/waveform", test_waveform);
  g_test_add_func ("/model/analysis/probe", test_probe);
  return g_test_run ();
}
