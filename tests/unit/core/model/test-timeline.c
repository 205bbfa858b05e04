/* Unit tests of the TIMELINE model (core/model/reel-timeline.c): one test
 * per class of error, each asserting the exact `path: message` lines a user
 * sees; exact overlaps at 29.97 fps; malformed and hostile input (wrong
 * types everywhere, 1e400, a 10 000-level array); timelines built in code;
 * round trips. JSON in this file is written with ' for ". */
#include "reel-model.h"
#include "model-test-util.h"

#include <ges/ges-enums.h>

#define DOC(tracks)                                                            \
  "{'version':1,'output':{'width':1920,'height':1080,"                         \
  "'fps':30},'tracks':" tracks "}"
#define VIDEO(clips) "[{'kind':'video','clips':[" clips "]}]"
#define CLIP(media, in, out, start)                                            \
  "{'media':'" media "','trim':{'in':" in ",'out':" out "},'start':" start "}"

/* The error lines for @text; asserts the timeline is refused exactly when
 * there are errors. */
static gchar *
errors_of (const gchar *text)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelTimeline) tl = reel_timeline_new_from_json (node, errors);

  g_assert_true ((tl == NULL) == (reel_field_errors_get_count (errors) > 0));
  return reel_field_errors_to_string (errors);
}

static void
assert_errors (const gchar *text, const gchar *expected)
{
  g_autofree gchar *got = errors_of (text);

  g_assert_cmpstr (got, ==, expected);
}

static ReelTimeline *
load (const gchar *text)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelTimeline *tl = reel_timeline_new_from_json (node, errors);
  g_autofree gchar *s = reel_field_errors_to_string (errors);

  g_assert_cmpstr (s, ==, "");
  g_assert_nonnull (tl);
  return tl;
}

static void
test_minimal (void)
{
  g_autoptr (ReelTimeline) tl =
      load (DOC (VIDEO (CLIP ("a", "1", "3.5", "0"))));
  ReelTrack *track = g_ptr_array_index (tl->tracks, 0);
  ReelClip *clip = g_ptr_array_index (track->clips, 0);
  g_autoptr (JsonNode) json = reel_timeline_to_json (tl);
  g_autofree gchar *text = json_to_string (json, FALSE);
  ReelTime end;

  g_assert_cmpint (tl->version, ==, 1);
  g_assert_cmpint (tl->output.width, ==, 1920);
  g_assert_cmpint (tl->output.fps.num, ==, 30);
  g_assert_cmpint (track->kind, ==, REEL_TRACK_VIDEO);
  g_assert_cmpstr (clip->media, ==, "a");
  g_assert_true (reel_time_equal (clip->trim_out, reel_time_new (7, 2)));
  g_assert_true (reel_time_equal (clip->speed, reel_time_new (1, 1)));
  g_assert_cmpint (clip->fit, ==, REEL_FIT_LETTERBOX);
  g_assert_cmpfloat (clip->volume, ==, 1.0);
  g_assert_null (clip->transition);
  g_assert_false (clip->has_score);
  g_assert_true (reel_timeline_get_duration (tl, &end));
  g_assert_true (reel_time_equal (end, reel_time_new (5, 2)));
  g_assert_cmpstr (text, ==,
      "{\"version\":1,\"output\":{\"width\":1920,"
      "\"height\":1080,\"fps\":30,\"background\":\"#000000\"},\"tracks\":"
      "[{\"kind\":\"video\",\"clips\":[{\"media\":\"a\",\"trim\":{\"in\":1,"
      "\"out\":3.5},\"start\":0,\"speed\":1,\"fit\":\"letterbox\","
      "\"volume\":1.0}]}]}");
}

static void
test_output_optional (void)
{
  g_autoptr (ReelTimeline) tl =
      load ("{'version':1,'tracks':" VIDEO (CLIP ("a", "0", "1", "0")) "}");
  g_autoptr (ReelTimeline) vertical =
      load ("{'version':1,'output':"
            "{'aspect':'9:16','preset':'h264-vertical'},'tracks':" VIDEO (
                CLIP ("a", "0", "1", "0")) "}");
  g_autoptr (JsonNode) json = reel_timeline_to_json (tl);
  g_autoptr (JsonNode) json2 = reel_timeline_to_json (vertical);
  g_autofree gchar *text = json_to_string (json, FALSE);
  g_autofree gchar *text2 = json_to_string (json2, FALSE);

  g_assert_cmpint (tl->output.width, ==, 0);
  g_assert_cmpint (tl->output.fps.den, ==, 0);
  g_assert_null (strstr (text, "output"));
  g_assert_cmpint (vertical->output.aspect_num, ==, 9);
  g_assert_nonnull (strstr (text2,
      "\"output\":{\"aspect\":\"9:16\","
      "\"preset\":\"h264-vertical\",\"background\":\"#000000\"}"));
}

static void
test_wrong_types (void)
{
  assert_errors ("{'version':'1','output':[],'tracks':{}}",
      "version: must be an integer (not a string)\n"
      "output: must be an object (not an array)\n"
      "tracks: must be an array (not an object)\n");
  assert_errors (DOC ("[{'kind':1,'clips':'x'}]"),
      "tracks[0].kind: must be a string (not a number)\n"
      "tracks[0].clips: must be an array (not a string)\n");
  assert_errors (DOC (VIDEO (
                     "{'media':['a'],'trim':{'in':'0','out':true},"
                     "'start':{},'speed':'fast','fit':0,'reason':{},'score':[],"
                     "'transition':[],'effects':[1]}")),
      "tracks[0].clips[0].media: must be a string (not an array)\n"
      "tracks[0].clips[0].trim.out: must be a time: seconds (2.5), a string "
      "(\"2.002\" or \"1001/500\") or {\"frames\": 60, \"rate\": "
      "\"30000/1001\"} (not a boolean)\n"
      "tracks[0].clips[0].start.frames: is required\n"
      "tracks[0].clips[0].start.rate: is required\n"
      "tracks[0].clips[0].speed: must be a time: seconds (2.5), a string "
      "(\"2.002\" or \"1001/500\") or {\"frames\": 60, \"rate\": "
      "\"30000/1001\"}\n"
      "tracks[0].clips[0].fit: must be a string (not a number)\n"
      "tracks[0].clips[0].transition: must be an object (not an array)\n"
      "tracks[0].clips[0].effects[0]: must be an object (not a number)\n"
      "tracks[0].clips[0].reason: must be a string (not an object)\n"
      "tracks[0].clips[0].score: must be a number (not an array)\n");
}

static void
test_missing_required (void)
{
  assert_errors ("{'version':1}", "tracks: is required\n");
  assert_errors ("{'tracks':[],'output':{}}",
      "version: is required\n"
      "tracks: must have at least one track\n");
  /* output is optional, as each of its members; the size comes whole */
  assert_errors ("{'version':1,'output':{'width':1920,'preset':'p'},"
                 "'tracks':" VIDEO (CLIP ("a", "0", "1", "0")) "}",
      "output.height: is required when width is given\n");
  assert_errors ("{'version':1,'output':{'width':0,'height':-2},"
                 "'tracks':" VIDEO (CLIP ("a", "0", "1", "0")) "}",
      "output.width: must be between 16 and 8192 (not 0)\n"
      "output.height: must be between 16 and 8192 (not -2)\n");
  assert_errors (DOC ("[{'clips':[{'trim':{}}]}]"),
      "tracks[0].kind: is required\n"
      "tracks[0].clips[0].media: is required\n"
      "tracks[0].clips[0].trim.in: is required\n"
      "tracks[0].clips[0].trim.out: is required\n"
      "tracks[0].clips[0].start: is required\n");
  /* null is absent */
  assert_errors (DOC (VIDEO ("{'media':null,'trim':{'in':0,'out':1},"
                             "'start':0,'speed':null,'transition':null}")),
      "tracks[0].clips[0].media: is required\n");
}

static void
test_unknown_kinds (void)
{
  assert_errors (DOC ("[{'kind':'subtitles','clips':[]}]"),
      "tracks[0].kind: must be one of \"video\", \"audio\"\n"
      "tracks: must have at least one clip\n");
  assert_errors (DOC ("[{'kind':'vidoe','clips':[]}]"),
      "tracks[0].kind: must be one of \"video\", \"audio\" (did you mean "
      "\"video\"?)\n"
      "tracks: must have at least one clip\n");
  assert_errors (DOC (VIDEO ("{'media':'a','trim':{'in':0,'out':1},"
                             "'start':0,'fit':'zoom'}")),
      "tracks[0].clips[0].fit: must be one of \"letterbox\", \"crop\", "
      "\"stretch\"\n");
}

static void
test_unknown_members (void)
{
  assert_errors ("{'version':1,'$schema':'x','kind':'timeline','title':'t',"
                 "'output':{'width':1920,'height':1080,'fps':30,'framerate':30}"
                 ","
                 "'tracks':[{'kind':'video','name':'v','clips':[{'media':'a',"
                 "'trim':{'in':0,'out':1},'strat':0}]}]}",
      "title: unknown member\n"
      "output.framerate: unknown member\n"
      "tracks[0].name: unknown member\n"
      "tracks[0].clips[0].strat: unknown member (did you mean \"start\"?)\n"
      "tracks[0].clips[0].start: is required\n");
  assert_errors ("{'kind':'job','version':1,'output':{'width':1920,"
                 "'height':1080,'fps':30},'tracks':" VIDEO (
                     CLIP ("a", "0", "1", "0")) "}",
      "kind: must be \"timeline\" in a timeline (not \"job\")\n");
}

static void
test_trim (void)
{
  assert_errors (DOC (VIDEO (CLIP ("a", "2", "2", "0"))),
      "tracks[0].clips[0].trim.out: must be after trim.in (2 s)\n");
  assert_errors (DOC (VIDEO (CLIP ("a", "'1001/500'", "2", "0"))),
      "tracks[0].clips[0].trim.out: must be after trim.in (2.002 s)\n");
  assert_errors (DOC (VIDEO (CLIP ("a", "'1/3'", "0.3", "0"))),
      "tracks[0].clips[0].trim.out: must be after trim.in (1/3 s)\n");
  assert_errors (DOC (VIDEO (CLIP ("a", "-0.5", "1", "0"))),
      "tracks[0].clips[0].trim.in: must not be negative\n");
}

static void
test_negative_start (void)
{
  assert_errors (DOC (VIDEO (CLIP ("a", "0", "1", "-0.001"))),
      "tracks[0].clips[0].start: must not be negative\n");
  /* negative zero is zero */
  g_free (errors_of (DOC (VIDEO (CLIP ("a", "0", "1", "-0.0")))));
  assert_errors (DOC (VIDEO (CLIP ("a", "-0", "1", "-0.0"))), "");
}

static void
test_speed_and_volume (void)
{
  assert_errors (DOC (VIDEO ("{'media':'a','trim':{'in':0,'out':1},"
                             "'start':0,'speed':0}")),
      "tracks[0].clips[0].speed: must be greater than 0\n");
  assert_errors (DOC (VIDEO ("{'media':'a','trim':{'in':0,'out':1},"
                             "'start':0,'speed':-1}")),
      "tracks[0].clips[0].speed: must be greater than 0\n");
  assert_errors (DOC (VIDEO ("{'media':'a','trim':{'in':0,'out':1},"
                             "'start':0,'speed':100.5,'volume':10.5}")),
      "tracks[0].clips[0].speed: must be at most 100\n"
      "tracks[0].clips[0].volume: must be between 0 and 10 (not 10.5)\n");
}

static void
test_speed_changes_duration (void)
{
  g_autoptr (ReelTimeline) tl =
      load (DOC (VIDEO ("{'media':'a','trim':{'in':0,'out':3},'start':0,'speed'"
                        ":'3/2'}," CLIP ("b", "0", "1", "2"))));
  ReelClip *c =
      g_ptr_array_index (((ReelTrack *) g_ptr_array_index (tl->tracks, 0))
                             ->clips,
          0);
  ReelTime d;

  g_assert_true (reel_clip_get_duration (c, &d));
  g_assert_true (reel_time_equal (d, reel_time_new (2, 1)));
  assert_errors (DOC (VIDEO ("{'media':'a','trim':{'in':0,'out':3},'start':0,'"
                             "speed':0.5}," CLIP ("b", "0", "1", "5.5"))),
      "tracks[0].clips[1].start: overlaps tracks[0].clips[0] by 0.5 s: start "
      "at 6 s or add a transition of 0.5 s\n");
}

static void
test_overlap (void)
{
  assert_errors (DOC (VIDEO (CLIP ("a", "0", "4", "0") "," CLIP ("b", "0", "4",
                     "3.5"))),
      "tracks[0].clips[1].start: overlaps tracks[0].clips[0] by 0.5 s: start "
      "at 4 s or add a transition of 0.5 s\n");
  /* the same on two tracks is fine */
  assert_errors (DOC ("[{'kind':'video','clips':[" CLIP ("a", "0", "4",
                     "0") "]},{'kind':'video','clips':[" CLIP ("b", "0", "4",
                     "3.5") "]}]"),
      "");
  /* adjacent is fine */
  assert_errors (DOC (VIDEO (
                     CLIP ("a", "0", "4", "0") "," CLIP ("b", "0", "4", "4"))),
      "");
  /* not only the previous clip */
  assert_errors (DOC (VIDEO (CLIP ("a", "0", "10",
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':1},'start':9,"
                          "'transition':{'kind':'crossfade','duration':1}}"
                          "," CLIP ("c", "0", "1", "9.5"))),
      "tracks[0].clips[2].start: overlaps tracks[0].clips[0], which ends at "
      "10 s: only consecutive clips may overlap\n");
}

/* At 29.97 fps, clip b starts 15 frames before clip a ends and crossfades
 * for 15 frames: equal exactly, although no decimal says either. One frame
 * off is caught. */
static void
test_overlap_exact_at_2997 (void)
{
#define F(n) "{'frames':" #n ",'rate':'30000/1001'}"
  assert_errors (DOC (VIDEO (CLIP ("a", F (0), F (150),
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':10},'start':" F (
                              135) ","
                                   "'transition':{'kind':'crossfade','duration'"
                                   ":" F (15) "}}")),
      "");
  assert_errors (DOC (VIDEO (CLIP ("a", F (0), F (150),
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':10},'start':" F (
                              135) ","
                                   "'transition':{'kind':'crossfade','duration'"
                                   ":" F (14) "}}")),
      "tracks[0].clips[1].transition.duration: must equal the overlap with "
      "tracks[0].clips[0] (0.5005 s)\n");
  /* the same overlap as a number of seconds printed to 17 digits */
  assert_errors (DOC (VIDEO (CLIP ("a", F (0), F (150),
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':10},'start':" F (
                              135) ","
                                   "'transition':{'kind':'crossfade','duration'"
                                   ":"
                                   "0.50049999999999994}}")),
      "");
#undef F
}

static void
test_transitions (void)
{
  assert_errors (DOC (
                     VIDEO ("{'media':'a','trim':{'in':0,'out':2},'start':0,"
                            "'transition':{'kind':'crossfade','duration':1}}")),
      "tracks[0].clips[0].transition: the first clip of a track has no clip "
      "to transition from\n");
  assert_errors (DOC (VIDEO (CLIP ("a", "0", "4",
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':1},'start':2,"
                          "'transition':{'kind':'crossfade','duration':2}}")),
      "tracks[0].clips[1].transition.duration: must not be longer than the "
      "clip (1 s)\n");
  assert_errors (DOC (VIDEO (CLIP ("a", "0", "4",
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':4},'start':4,"
                          "'transition':{'kind':'crossfade','duration':1}}")),
      "tracks[0].clips[1].transition: needs the clip to overlap "
      "tracks[0].clips[0] by its duration (1 s): start at 3 s\n");
  assert_errors (DOC (VIDEO (CLIP ("a", "0", "4",
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':4},'start':4,"
                          "'transition':{'kind':'crossfade','duration':0}}")),
      "tracks[0].clips[1].transition.duration: must be greater than 0\n");
  assert_errors (DOC (VIDEO (CLIP ("a", "0", "4",
                     "0") ","
                          "{'media':'b','trim':{'in':0,'out':4},'start':3,"
                          "'transition':{'kind':'star','duration':1}}")),
      "tracks[0].clips[1].transition.kind: must be \"crossfade\", "
      "\"fade-in\" or an SMPTE wipe such as \"bar-wipe-lr\" (not \"star\")\n");
  assert_errors (DOC ("[{'kind':'audio','clips':[" CLIP ("a", "0", "4",
                     "0") ",{'media':'b','trim':{'in':0,'out':4},'start':3,"
                          "'transition':{'kind':'iris-rect','duration':1}}]}]"),
      "tracks[0].clips[1].transition.kind: must be \"crossfade\" on an audio "
      "track (not \"iris-rect\")\n");
  assert_errors (DOC ("[{'kind':'audio','clips':[{'media':'a','trim':{'in':0,"
                      "'out':1},'start':0,'fit':'crop'}]}]"),
      "tracks[0].clips[0].fit: only clips on a video track have a fit\n");
}

/* Our list of wipes is GES's, "none" excepted. */
static void
test_transition_kinds_match_ges (void)
{
  GEnumClass *klass =
      g_type_class_ref (GES_VIDEO_STANDARD_TRANSITION_TYPE_TYPE);
  const gchar *const *kinds = reel_transition_kinds ();

  g_assert_cmpuint (g_strv_length ((gchar **) kinds), ==, klass->n_values - 1);
  for (guint i = 0; i < klass->n_values; i++) {
    const gchar *nick = klass->values[i].value_nick;

    if (!g_str_equal (nick, "none"))
      g_assert_true (reel_transition_kind_is_valid (nick, REEL_TRACK_VIDEO));
  }
  g_assert_false (reel_transition_kind_is_valid ("none", REEL_TRACK_VIDEO));
  g_assert_true (reel_transition_kind_is_valid ("crossfade", REEL_TRACK_AUDIO));
  g_assert_false (reel_transition_kind_is_valid ("fade-in", REEL_TRACK_AUDIO));
  g_type_class_unref (klass);
}

static void
test_clip_order (void)
{
  assert_errors (DOC (VIDEO (
                     CLIP ("a", "0", "1", "5") "," CLIP ("b", "0", "1", "0"))),
      "tracks[0].clips[1].start: must not be before the start of the clip "
      "listed before it (tracks[0].clips[0] starts at 5 s): list clips in "
      "timeline order\n");
}

static void
test_media_ids (void)
{
  g_autofree gchar *long_id = g_strnfill (129, 'a');
  g_autofree gchar *ok_id = g_strnfill (128, 'a');
  g_autofree gchar *doc_long =
      g_strdup_printf (DOC (VIDEO ("{'media':'%s',"
                                   "'trim':{'in':0,'out':1},'start':0}")),
          long_id);
  g_autofree gchar *doc_ok =
      g_strdup_printf (DOC (VIDEO ("{'media':'%s',"
                                   "'trim':{'in':0,'out':1},'start':0}")),
          ok_id);

  assert_errors (DOC (VIDEO (CLIP ("", "0", "1", "0"))),
      "tracks[0].clips[0].media: must not be empty\n");
  assert_errors (DOC (VIDEO (CLIP ("..", "0", "1", "0"))),
      "tracks[0].clips[0].media: must be an id of 1 to 128 letters, digits, "
      "'.', '_' or '-' (not \".\" or \"..\")\n");
  assert_errors (DOC (VIDEO (CLIP ("a/b", "0", "1", "0"))),
      "tracks[0].clips[0].media: must be an id of 1 to 128 letters, digits, "
      "'.', '_' or '-' (not \".\" or \"..\")\n");
  assert_errors (doc_long,
      "tracks[0].clips[0].media: must be an id of 1 to "
      "128 letters, digits, '.', '_' or '-' (not \".\" or \"..\")\n");
  assert_errors (doc_ok, "");
  g_assert_true (reel_id_is_valid ("Clip_01.v2-final"));
  g_assert_true (reel_id_is_valid ("..."));
  g_assert_false (reel_id_is_valid ("."));
  g_assert_false (reel_id_is_valid ("caf\xc3\xa9"));
  g_assert_false (reel_id_is_valid (NULL));
}

static void
test_duplicate_ids (void)
{
  assert_errors (
      DOC ("[{'kind':'video','clips':[{'id':'x','media':'a',"
           "'trim':{'in':0,'out':1},'start':0}]},{'kind':'audio','clips':["
           "{'id':'x','media':'b','trim':{'in':0,'out':1},'start':0}]}]"),
      "tracks[1].clips[0].id: \"x\" is already the id of tracks[0].clips[0]\n");
}

static void
test_version (void)
{
  /* a later version is the one error: its layout may differ */
  assert_errors ("{'version':2,'tracks':'whatever','new':1}",
      "version: unsupported timeline version 2: this reel reads version 1\n");
  assert_errors ("{'version':0,'output':{'width':1920,'height':1080,"
                 "'fps':30},'tracks':" VIDEO (CLIP ("a", "0", "1", "0")) "}",
      "version: must be 1 (not 0)\n");
  assert_errors ("{'version':1.5,'output':{'width':1920,'height':1080,"
                 "'fps':30},'tracks':" VIDEO (CLIP ("a", "0", "1", "0")) "}",
      "version: must be an integer (not 1.5)\n");
}

static void
test_output (void)
{
  assert_errors ("{'version':1,'output':{'width':1081,'height':8,"
                 "'fps':'30000/1001','aspect':'16:9','preset':'a "
                 "b'},'tracks':" VIDEO (CLIP ("a", "0", "1", "0")) "}",
      "output.width: must be even (not 1081): encoders need even frame "
      "sizes\n"
      "output.height: must be between 16 and 8192 (not 8)\n"
      "output.preset: must be a name of 1 to 64 letters, digits, '.', '_' "
      "or '-'\n");
  assert_errors ("{'version':1,'output':{'width':1080,'height':1350,"
                 "'fps':29.97,'aspect':'16:9'},'tracks':" VIDEO (
                     CLIP ("a", "0", "1", "0")) "}",
      "output.fps: must be a fraction string such as \"30000/1001\": a "
      "decimal frame rate is not exact\n"
      "output.aspect: 16:9 does not match width and height (1080x1350 is "
      "4:5)\n");
  /* 854x480 is 16:9 within 1 % */
  assert_errors ("{'version':1,'output':{'width':854,'height':480,"
                 "'fps':'1/2','aspect':'16:9'},'tracks':" VIDEO (
                     CLIP ("a", "0", "1", "0")) "}",
      "output.fps: must be between 1 and 240 frames per second (not 1/2)\n");
}

static void
test_text_and_soundtrack (void)
{
  g_autoptr (ReelTimeline) tl =
      load ("{'version':1,'output':{'width':1920,"
            "'height':1080,'fps':30},'tracks':" VIDEO (CLIP ("a", "0", "4",
                "0")) ",'text':[{'text':'Hi','start':1,'duration':2,'position':"
                      "'top-left',"
                      "'style':{'color':'#ff000080','background':'#000000'}}],"
                      "'soundtrack':{'media':'m','trim':{'in':1,'out':5},'fade_"
                      "out':1}}");
  ReelText *text = g_ptr_array_index (tl->texts, 0);
  ReelTime end;

  g_assert_cmpint (text->position, ==, REEL_TEXT_POSITION_TOP_LEFT);
  g_assert_cmphex (text->style.color, ==, 0xff000080);
  g_assert_true (text->style.has_background);
  g_assert_cmphex (text->style.background, ==, 0x000000ff);
  g_assert_cmpstr (text->style.font, ==, "Sans");
  g_assert_true (tl->soundtrack->has_trim);
  g_assert_cmpfloat (tl->soundtrack->volume, ==, 1.0);
  g_assert_true (reel_timeline_get_duration (tl, &end));
  g_assert_true (reel_time_equal (end, reel_time_new (4, 1)));

  assert_errors ("{'version':1,'output':{'width':1920,'height':1080,'fps':30},"
                 "'tracks':" VIDEO (CLIP ("a", "0", "4",
                     "0")) ",'text':[{'text':'',"
                           "'start':0,'duration':-1,'style':{'size':0,'font':1}"
                           "}],"
                           "'soundtrack':{'media':'m','trim':{'in':0,'out':1},'"
                           "fade_in':0.75,"
                           "'fade_out':0.5,'volume':-1}}",
      "text[0].style.font: must be a string (not a number)\n"
      "text[0].text: must not be empty\n"
      "text[0].duration: must be greater than 0\n"
      "text[0].style.size: must be greater than 0 and at most 1 (a fraction "
      "of the output height, not 0)\n"
      "soundtrack.volume: must be between 0 and 10 (not -1)\n"
      "soundtrack.fade_out: fade_in and fade_out together must not be longer "
      "than the trimmed soundtrack (1 s)\n");
}

static void
test_malformed_roots (void)
{
  assert_errors ("[]", "must be an object (not an array)\n");
  assert_errors ("null", "must be an object (not null)\n");
  assert_errors ("'timeline'", "must be an object (not a string)\n");
  assert_errors ("1e400", "must be an object (not a number)\n");
}

static void
test_huge_numbers (void)
{
  assert_errors ("{'version':1e400,'output':{'width':1e308,'height':"
                 "-1e400,'fps':1e308},'tracks':" VIDEO (
                     "{'media':'a','trim':{'in':0,"
                     "'out':1e400},'start':1e308,'speed':1e400,'volume':-1e400,"
                     "'score':1e400}") "}",
      "version: is out of range\n"
      "output.width: is out of range\n"
      "output.height: is out of range\n"
      "output.fps: must be greater than 0 and at most 1000000 frames per "
      "second\n"
      "tracks[0].clips[0].trim.out: is out of range (at most 1000000000 "
      "seconds)\n"
      "tracks[0].clips[0].start: is out of range (at most 1000000000 "
      "seconds)\n"
      "tracks[0].clips[0].speed: is out of range (at most 1000000000 "
      "seconds)\n"
      "tracks[0].clips[0].volume: is out of range\n"
      "tracks[0].clips[0].score: is out of range\n");
  assert_errors ("{'version':9223372036854775807,'tracks':[]}",
      "version: unsupported timeline version 9223372036854775807: this reel "
      "reads version 1\n");
}

static gchar *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* A hostile 10 000-level array anywhere costs nothing and crashes
 * nothing. */
static void
test_deep_nesting (void)
{
  g_autofree gchar *deep = nested (10000);
  g_autofree gchar *as_member =
      g_strdup_printf ("{'version':1,'output':"
                       "{'width':1920,'height':1080,'fps':30},'tracks':" VIDEO (
                           CLIP ("a", "0", "1", "0")) ",'deep':%s}",
          deep);
  g_autofree gchar *as_start =
      g_strdup_printf (DOC (VIDEO ("{'media':'a',"
                                   "'trim':{'in':0,'out':1},'start':%s}")),
          deep);
  g_autofree gchar *as_params =
      g_strdup_printf (DOC (VIDEO ("{'media':'a',"
                                   "'trim':{'in':0,'out':1},'start':0,'effects'"
                                   ":[{'name':'blur',"
                                   "'params':{'x':%s}}]}")),
          deep);
  g_autofree gchar *as_generator =
      g_strdup_printf ("{'version':1,'output':"
                       "{'width':1920,'height':1080,'fps':30},'tracks':" VIDEO (
                           CLIP ("a", "0", "1", "0")) ",'generator':{'name':'g'"
                                                      ",'params':{'p':%s}}}",
          deep);
  g_autofree gchar *shallow = nested (31);
  g_autofree gchar *ok_params =
      g_strdup_printf (DOC (VIDEO ("{'media':'a',"
                                   "'trim':{'in':0,'out':1},'start':0,'effects'"
                                   ":[{'name':'blur',"
                                   "'params':{'x':%s}}]}")),
          shallow);

  assert_errors (as_member, "deep: unknown member\n");
  assert_errors (as_start,
      "tracks[0].clips[0].start: must be a time: "
      "seconds (2.5), a string (\"2.002\" or \"1001/500\") or {\"frames\": "
      "60, \"rate\": \"30000/1001\"} (not an array)\n");
  assert_errors (as_params, "tracks[0].clips[0].effects[0].params: is nested "
                            "too deeply (more than 32 levels)\n");
  assert_errors (as_generator, "generator.params: is nested too deeply (more "
                               "than 32 levels)\n");
  assert_errors (ok_params, "");
}

static void
test_null_errors_still_refuses (void)
{
  g_autoptr (JsonNode) bad = parse (DOC (VIDEO (CLIP ("a", "2", "1", "0"))));
  g_autoptr (JsonNode) good = parse (DOC (VIDEO (CLIP ("a", "1", "2", "0"))));
  g_autoptr (ReelTimeline) refused = reel_timeline_new_from_json (bad, NULL);
  g_autoptr (ReelTimeline) accepted = reel_timeline_new_from_json (good, NULL);

  g_assert_null (refused);
  g_assert_nonnull (accepted);
}

static void
test_built_in_code (void)
{
  g_autoptr (ReelTimeline) tl = reel_timeline_new ();
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelTimeline) copy = NULL;
  g_autoptr (JsonNode) a = NULL;
  g_autoptr (JsonNode) b = NULL;
  g_autofree gchar *text = NULL;
  ReelTrack *track = reel_track_new (REEL_TRACK_VIDEO);
  ReelClip *second;
  ReelTime end;

  g_assert_false (reel_timeline_validate (tl, errors));
  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==, "tracks: must have at least one track\n");

  g_ptr_array_add (tl->tracks, track);
  g_ptr_array_add (track->clips, reel_clip_new ("a", reel_time_zero (),
                                     reel_time_new (4, 1), reel_time_zero ()));
  second = reel_clip_new ("b", reel_time_new (10, 1), reel_time_new (14, 1),
      reel_time_new (3, 1));
  g_ptr_array_add (track->clips, second);
  g_ptr_array_add (second->effects, reel_effect_new ("blur", NULL));
  tl->generator = reel_generator_new ("manual", NULL);

  g_clear_pointer (&errors, reel_field_errors_free);
  errors = reel_field_errors_new ();
  g_assert_false (reel_timeline_validate (tl, errors));
  g_clear_pointer (&text, g_free);
  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==,
      "tracks[0].clips[1].start: overlaps "
      "tracks[0].clips[0] by 1 s: start at 4 s or add a transition of 1 s\n");

  second->transition = reel_transition_new ("crossfade", reel_time_new (1, 1));
  g_assert_true (reel_timeline_validate (tl, NULL));
  g_assert_true (reel_timeline_get_duration (tl, &end));
  g_assert_true (reel_time_equal (end, reel_time_new (7, 1)));

  copy = reel_timeline_copy (tl);
  a = reel_timeline_to_json (tl);
  b = reel_timeline_to_json (copy);
  g_assert_true (json_node_equal (a, b));
  g_assert_true (G_TYPE_IS_BOXED (REEL_TYPE_TIMELINE));
}

/* The 29.97 fps example: frame-count trims land on their frames. */
static void
test_ntsc_example (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("REEL_SOURCE_ROOT"),
      "data", "examples", "timelines", "ntsc-frames.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTimeline) tl = reel_timeline_load_file (path, &error);
  ReelRate ntsc = { 30000, 1001 };
  ReelClip *a, *b;

  g_assert_no_error (error);
  a = g_ptr_array_index (((ReelTrack *) g_ptr_array_index (tl->tracks, 0))
                             ->clips,
      0);
  b = g_ptr_array_index (((ReelTrack *) g_ptr_array_index (tl->tracks, 0))
                             ->clips,
      1);
  g_assert_true (reel_time_equal (a->trim_in, reel_time_new (1001, 500)));
  g_assert_cmpuint (reel_time_to_clock_time (a->trim_in), ==, 2002000000);
  g_assert_cmpint (reel_clock_time_to_frame (reel_time_to_clock_time (
                                                 a->trim_out),
                       ntsc),
      ==, 210);
  g_assert_cmpint (reel_time_to_frame (b->start, ntsc, REEL_ROUND_FLOOR), ==,
      135);
  g_assert_cmpint (tl->output.fps.num, ==, 30000);
  g_assert_cmpint (tl->output.fps.den, ==, 1001);
}

static void
test_load_file_errors (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("REEL_SOURCE_ROOT"),
      "data", "examples", "invalid", "bad-trim.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTimeline) tl = reel_timeline_load_file (path, &error);
  g_autoptr (ReelTimeline) none = NULL;

  g_assert_null (tl);
  g_assert_error (error, REEL_MODEL_ERROR, REEL_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3 errors"));
  g_assert_nonnull (strstr (error->message,
      "tracks[0].clips[0].trim.out: must be after trim.in (5 s)"));
  g_clear_error (&error);
  none = reel_timeline_load_file ("/nonexistent/t.json", &error);
  g_assert_null (none);
  g_assert_error (error, REEL_MODEL_ERROR, REEL_MODEL_ERROR_PARSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/timeline/minimal", test_minimal);
  g_test_add_func ("/model/timeline/output-optional", test_output_optional);
  g_test_add_func ("/model/timeline/wrong-types", test_wrong_types);
  g_test_add_func ("/model/timeline/missing-required", test_missing_required);
  g_test_add_func ("/model/timeline/unknown-kinds", test_unknown_kinds);
  g_test_add_func ("/model/timeline/unknown-members", test_unknown_members);
  g_test_add_func ("/model/timeline/trim", test_trim);
  g_test_add_func ("/model/timeline/negative-start", test_negative_start);
  g_test_add_func ("/model/timeline/speed-and-volume", test_speed_and_volume);
  g_test_add_func ("/model/timeline/speed-changes-duration",
      test_speed_changes_duration);
  g_test_add_func ("/model/timeline/overlap", test_overlap);
  g_test_add_func ("/model/timeline/overlap-exact-at-29.97",
      test_overlap_exact_at_2997);
  g_test_add_func ("/model/timeline/transitions", test_transitions);
  g_test_add_func ("/model/timeline/transition-kinds-match-ges",
      test_transition_kinds_match_ges);
  g_test_add_func ("/model/timeline/clip-order", test_clip_order);
  g_test_add_func ("/model/timeline/media-ids", test_media_ids);
  g_test_add_func ("/model/timeline/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/model/timeline/version", test_version);
  g_test_add_func ("/model/timeline/output", test_output);
  g_test_add_func ("/model/timeline/text-and-soundtrack",
      test_text_and_soundtrack);
  g_test_add_func ("/model/timeline/malformed-roots", test_malformed_roots);
  g_test_add_func ("/model/timeline/huge-numbers", test_huge_numbers);
  g_test_add_func ("/model/timeline/deep-nesting", test_deep_nesting);
  g_test_add_func ("/model/timeline/null-errors-still-refuses",
      test_null_errors_still_refuses);
  g_test_add_func ("/model/timeline/built-in-code", test_built_in_code);
  g_test_add_func ("/model/timeline/ntsc-example", test_ntsc_example);
  g_test_add_func ("/model/timeline/load-file-errors", test_load_file_errors);
  return g_test_run ();
}
