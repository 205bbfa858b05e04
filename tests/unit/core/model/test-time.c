/* Unit tests of exact time (core/model/reel-time.c): the JSON forms and
 * how a number is read, rounding to nanoseconds as GStreamer does, frame
 * exactness at 25, 29.97, 30, 23.976, 59.94 and 60 fps for tens of
 * thousands of frames, arithmetic with overflow, and refusals with their
 * messages. */
#include "reel-model.h"

#include <math.h>

static const ReelRate rates[] = {
  { 25, 1 },
  { 30000, 1001 },
  { 30, 1 },
  { 24000, 1001 },
  { 60000, 1001 },
  { 60, 1 },
};

static ReelTime
parse_json_time (const gchar *text)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelTime t = { 0, 0 };

  g_assert_nonnull (node);
  g_assert_true (reel_time_from_json (node, "t", errors, &t));
  g_assert_cmpuint (reel_field_errors_get_count (errors), ==, 0);
  return t;
}

static gchar *
time_json_error (const gchar *text)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelTime t;

  g_assert_nonnull (node);
  g_assert_false (reel_time_from_json (node, "t", errors, &t));
  return reel_field_errors_to_string (errors);
}

static gchar *
write_json (ReelTime t)
{
  g_autoptr (JsonNode) node = reel_time_to_json (t);

  return json_to_string (node, FALSE);
}

#define assert_time(t, n, d)                                                   \
  G_STMT_START                                                                 \
  {                                                                            \
    g_assert_cmpint ((t).num, ==, (n));                                        \
    g_assert_cmpint ((t).den, ==, (d));                                        \
  }                                                                            \
  G_STMT_END

static void
test_new_reduces (void)
{
  assert_time (reel_time_new (2002, 1000), 1001, 500);
  assert_time (reel_time_new (-6, 4), -3, 2);
  assert_time (reel_time_new (0, 7), 0, 1);
  assert_time (reel_time_zero (), 0, 1);
}

static void
test_parse_strings (void)
{
  ReelTime t;

  g_assert_true (reel_time_parse ("3", &t));
  assert_time (t, 3, 1);
  g_assert_cmpint (t.form, ==, REEL_TIME_FORM_DECIMAL);
  g_assert_true (reel_time_parse ("-2.002", &t));
  assert_time (t, -1001, 500);
  g_assert_true (reel_time_parse ("2002/1000", &t));
  assert_time (t, 1001, 500);
  g_assert_cmpint (t.form, ==, REEL_TIME_FORM_RATIONAL);
  g_assert_true (reel_time_parse ("0.000000000000000001", &t));
  assert_time (t, 1, G_GINT64_CONSTANT (1000000000000000000));

  for (guint i = 0; i < 12; i++) {
    const gchar *bad[] = { "", "abc", "1.", ".5", "1e3", " 1", "1 ", "1/-2",
      "+1", "1/0", "99999999999999999999", "1000000001" };

    g_assert_false (reel_time_parse (bad[i], &t));
  }
}

static void
test_from_double (void)
{
  ReelTime t;

  g_assert_true (reel_time_from_double (2.5, &t));
  assert_time (t, 5, 2);
  g_assert_true (reel_time_from_double (2.002, &t));
  assert_time (t, 1001, 500);
  g_assert_true (reel_time_from_double (0.1, &t));
  assert_time (t, 1, 10);
  g_assert_true (reel_time_from_double (-0.0, &t));
  assert_time (t, 0, 1);
  g_assert_true (reel_time_from_double (12.345678901, &t));
  assert_time (t, 12345678901, 1000000000);
  /* a short decimal wins over a simpler fraction */
  g_assert_true (reel_time_from_double (0.333333333, &t));
  assert_time (t, 333333333, 1000000000);
  /* a fraction printed to 17 digits comes back */
  g_assert_true (reel_time_from_double (1.0 / 3.0, &t));
  assert_time (t, 1, 3);
  g_assert_true (reel_time_from_double (1001.0 / 30000.0, &t));
  assert_time (t, 1001, 30000);
  g_assert_true (reel_time_from_double (3600 + 1.0 / 90000, &t));
  assert_time (t, 324000001, 90000);
  /* neither: rounded to the nanosecond */
  g_assert_true (reel_time_from_double (0.1234567890123, &t));
  assert_time (t, 123456789, 1000000000);
  g_assert_true (reel_time_from_double (1e-12, &t));
  assert_time (t, 0, 1);
  /* the limits */
  g_assert_true (reel_time_from_double (1e9, &t));
  assert_time (t, 1000000000, 1);
  g_assert_false (reel_time_from_double (1e9 + 1, &t));
  g_assert_false (reel_time_from_double (1e308, &t));
  g_assert_false (reel_time_from_double (INFINITY, &t));
  g_assert_false (reel_time_from_double (NAN, &t));
}

/* Every decimal with up to 6 places below 1000 s, sampled, comes back as
 * written. */
static void
test_decimals_exact (void)
{
  for (gint64 micro = 0; micro < G_GINT64_CONSTANT (1000000000);
       micro += 999983) {
    g_autofree gchar *text =
        g_strdup_printf ("%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT,
            micro / 1000000, micro % 1000000);
    ReelTime t;

    g_assert_true (reel_time_from_double (g_ascii_strtod (text, NULL), &t));
    g_assert_true (reel_time_equal (t, reel_time_new (micro, 1000000)));
  }
}

static void
check_frame (gint64 k, ReelRate r, gboolean thorough)
{
  ReelTime t, back, half, step;
  GstClockTime ns;

  g_assert_true (reel_time_from_frames (k, r, &t));
  g_assert_cmpint (reel_time_to_frame (t, r, REEL_ROUND_FLOOR), ==, k);
  g_assert_cmpint (reel_time_to_frame (t, r, REEL_ROUND_NEAREST), ==, k);
  g_assert_cmpint (reel_time_to_frame (t, r, REEL_ROUND_CEIL), ==, k);

  ns = reel_time_to_clock_time (t);
  g_assert_cmpuint (ns, ==,
      gst_util_uint64_scale_round (k, GST_SECOND * r.den, r.num));
  g_assert_cmpuint (reel_frame_to_clock_time (k, r), ==, ns);
  g_assert_cmpint (reel_clock_time_to_frame (ns, r), ==, k);
  if (k > 0)
    g_assert_cmpint (reel_clock_time_to_frame (ns - 1, r), ==, k - 1);

  if (!thorough)
    return;

  /* half a frame later: floor stays, nearest rounds up, ceil goes on */
  g_assert_true (reel_time_from_frames (1, r, &step));
  g_assert_true (reel_time_div (step, reel_time_new (2, 1), &half));
  g_assert_true (reel_time_add (t, half, &back));
  g_assert_cmpint (reel_time_to_frame (back, r, REEL_ROUND_FLOOR), ==, k);
  g_assert_cmpint (reel_time_to_frame (back, r, REEL_ROUND_NEAREST), ==, k + 1);
  g_assert_cmpint (reel_time_to_frame (back, r, REEL_ROUND_CEIL), ==, k + 1);

  /* through a JSON number (a double) and back */
  g_assert_true (reel_time_from_double (reel_time_to_double (t), &back));
  g_assert_true (reel_time_equal (back, t));
  g_assert_cmpint (reel_time_to_frame (back, r, REEL_ROUND_FLOOR), ==, k);
}

static void
test_frame_exact (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++) {
    for (gint64 k = 0; k < 20000; k++)
      check_frame (k, rates[i], TRUE);
    /* long timelines too: up to about 4 days */
    for (gint64 k = 20000; k < 20000000; k += 9973)
      check_frame (k, rates[i], FALSE);
  }
}

static void
test_frame_60_at_2997 (void)
{
  ReelRate r = { 30000, 1001 };
  ReelTime t = parse_json_time ("{\"frames\": 60, \"rate\": \"30000/1001\"}");

  assert_time (t, 1001, 500); /* 2.002 s exactly */
  g_assert_true (reel_time_equal (t, parse_json_time ("2.002")));
  g_assert_true (reel_time_equal (t, parse_json_time ("\"2.002\"")));
  g_assert_cmpint (reel_time_to_frame (t, r, REEL_ROUND_FLOOR), ==, 60);
  g_assert_cmpuint (reel_time_to_clock_time (t), ==, 2002000000);
  g_assert_cmpint (reel_clock_time_to_frame (2002000000, r), ==, 60);
  /* frame 1 starts at 33366666.67 ns, rounded up; frame 2 at 66733333.33,
   * rounded down, yet both give their frame back */
  g_assert_cmpuint (reel_frame_to_clock_time (1, r), ==, 33366667);
  g_assert_cmpuint (reel_frame_to_clock_time (2, r), ==, 66733333);
  g_assert_cmpint (reel_clock_time_to_frame (66733333, r), ==, 2);
  g_assert_cmpint (reel_clock_time_to_frame (66733332, r), ==, 1);
}

static void
test_clock_time (void)
{
  assert_time (reel_time_from_clock_time (1500000000), 3, 2);
  g_assert_cmpuint (reel_time_to_clock_time (reel_time_new (1, 3)), ==,
      333333333);
  g_assert_cmpuint (reel_time_to_clock_time (reel_time_new (2, 3)), ==,
      666666667);
  g_assert_cmpuint (reel_time_to_clock_time (reel_time_new (1, 2000000000)), ==,
      1); /* a half rounds up */
  g_assert_cmpuint (reel_time_to_clock_time (reel_time_new (-1, 2)), ==,
      GST_CLOCK_TIME_NONE);
  g_assert_cmpuint (reel_time_to_clock_time (reel_time_new (G_MAXINT64, 1)), ==,
      GST_CLOCK_TIME_NONE);
}

static void
test_compare_and_arithmetic (void)
{
  ReelTime a = reel_time_new (1001, 30000), b = reel_time_new (1, 30), r;

  g_assert_cmpint (reel_time_compare (a, b), >, 0);
  g_assert_cmpint (reel_time_compare (b, a), <, 0);
  g_assert_cmpint (reel_time_compare (a, reel_time_new (2002, 60000)), ==, 0);
  g_assert_cmpint (reel_time_sign (reel_time_new (-1, 3)), ==, -1);

  g_assert_true (reel_time_add (a, b, &r));
  assert_time (r, 667, 10000);
  g_assert_true (reel_time_sub (b, a, &r));
  assert_time (r, -1, 30000);
  g_assert_true (reel_time_mul (a, reel_time_new (30, 1), &r));
  assert_time (r, 1001, 1000);
  g_assert_true (
      reel_time_div (reel_time_new (3, 1), reel_time_new (3, 2), &r));
  assert_time (r, 2, 1);
  g_assert_false (reel_time_div (a, reel_time_zero (), &r));

  /* overflow is refused, and leaves the result alone */
  r = reel_time_new (7, 1);
  g_assert_false (
      reel_time_add (reel_time_new (G_MAXINT64, 1), reel_time_new (1, 1), &r));
  g_assert_false (
      reel_time_sub (reel_time_new (-G_MAXINT64, 1), reel_time_new (1, 1), &r));
  g_assert_false (reel_time_add (reel_time_new (1, G_MAXINT64),
      reel_time_new (1, G_MAXINT64 - 1), &r));
  g_assert_false (
      reel_time_mul (reel_time_new (G_MAXINT64, 1), reel_time_new (2, 1), &r));
  assert_time (r, 7, 1);
  /* exact even where a double is not */
  g_assert_cmpint (reel_time_compare (reel_time_new (G_MAXINT64 - 1,
                                          G_MAXINT64),
                       reel_time_new (G_MAXINT64 - 2, G_MAXINT64 - 1)),
      >, 0);
}

static void
test_json_forms (void)
{
  const struct {
    const gchar *in;
    const gchar *out;
  } cases[] = {
    { "2.5", "2.5" },
    { "3", "3" },
    { "3.0", "3" },
    { "-0", "0" },
    { "-0.0", "0" },
    { "\"2.002\"", "\"2.002\"" },
    { "\"2.0020\"", "\"2.002\"" },
    { "\"2002/1000\"", "\"1001/500\"" },
    { "\"3\"", "\"3\"" },
    { "\"6/2\"", "\"3\"" },
    { "{\"frames\": 60, \"rate\": \"30000/1001\"}",
        "{\"frames\":60,\"rate\":\"30000/1001\"}" },
    { "{\"frames\": 120, \"rate\": \"60/2\"}", "{\"frames\":120,\"rate\":30}" },
    { "{\"frames\": 25, \"rate\": 25}", "{\"frames\":25,\"rate\":25}" },
    { "{\"frames\": 5.0, \"rate\": 25.0}", "{\"frames\":5,\"rate\":25}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    ReelTime t = parse_json_time (cases[i].in);
    g_autofree gchar *out = write_json (t);
    ReelTime again = parse_json_time (out);
    g_autofree gchar *out_again = write_json (again);

    g_assert_cmpstr (out, ==, cases[i].out);
    g_assert_true (reel_time_equal (t, again));
    g_assert_cmpstr (out_again, ==, out);
  }
}

static void
test_json_fallbacks (void)
{
  ReelTime t = reel_time_new (1, 3000017), third = reel_time_new (1, 3), r;
  g_autofree gchar *a = write_json (t);
  g_autofree gchar *b = NULL;
  g_autofree gchar *c = NULL;

  /* no double reads back as 1/3000017: written as a fraction */
  g_assert_cmpstr (a, ==, "\"1/3000017\"");
  /* 1/3 as a number reads back as 1/3 */
  b = write_json (third);
  g_assert_true (reel_time_equal (parse_json_time (b), third));
  /* a frame-count time moved off its frame grid */
  r = parse_json_time ("{\"frames\": 1, \"rate\": 25}");
  g_assert_true (reel_time_add (r, reel_time_new (1, 100), &r));
  g_assert_cmpint (r.form, ==, REEL_TIME_FORM_SECONDS);
  r = parse_json_time ("{\"frames\": 1, \"rate\": 25}");
  r.num = 3; /* 1.5 frames, still marked as frames */
  r.den = 50;
  c = write_json (r);
  g_assert_cmpstr (c, ==, "0.059999999999999998");
  /* a decimal string of 1/3 cannot be: a fraction */
  g_assert_true (reel_time_parse ("1.5", &r));
  r.num = 1;
  r.den = 3;
  g_clear_pointer (&c, g_free);
  c = write_json (r);
  g_assert_cmpstr (c, ==, "\"1/3\"");
}

static void
test_json_errors (void)
{
  const struct {
    const gchar *in;
    const gchar *errors;
  } cases[] = {
    { "true", "t: must be a time: seconds (2.5), a string (\"2.002\" or "
              "\"1001/500\") or {\"frames\": 60, \"rate\": \"30000/1001\"} "
              "(not a boolean)\n" },
    { "[1]", "t: must be a time: seconds (2.5), a string (\"2.002\" or "
             "\"1001/500\") or {\"frames\": 60, \"rate\": \"30000/1001\"} "
             "(not an array)\n" },
    { "null", "t: must be a time: seconds (2.5), a string (\"2.002\" or "
              "\"1001/500\") or {\"frames\": 60, \"rate\": \"30000/1001\"} "
              "(not null)\n" },
    { "\"2,5\"",
        "t: must be a time: seconds (2.5), a string (\"2.002\" or "
        "\"1001/500\") or {\"frames\": 60, \"rate\": \"30000/1001\"}\n" },
    { "\"1/0\"", "t: has a zero denominator\n" },
    { "1e400", "t: is out of range (at most 1000000000 seconds)\n" },
    { "-1e400", "t: is out of range (at most 1000000000 seconds)\n" },
    { "1e308", "t: is out of range (at most 1000000000 seconds)\n" },
    { "5000000000", "t: is out of range (at most 1000000000 seconds)\n" },
    { "\"99999999999/1\"", "t: is out of range (at most 1000000000 "
                           "seconds)\n" },
    { "{\"frames\": 1}", "t.rate: is required\n" },
    { "{}", "t.frames: is required\nt.rate: is required\n" },
    { "{\"frames\": \"1\", \"rate\": 25}", "t.frames: must be an integer\n" },
    { "{\"frames\": 1.5, \"rate\": 25}", "t.frames: must be an integer\n" },
    { "{\"frames\": 1, \"rate\": 29.97}",
        "t.rate: must be a fraction string "
        "such as \"30000/1001\": a decimal frame rate is not exact\n" },
    { "{\"frames\": 1, \"rate\": 0}", "t.rate: must be greater than 0 and at "
                                      "most 1000000 frames per second\n" },
    { "{\"frames\": 1, \"rate\": \"0/1\"}",
        "t.rate: must be a frame rate: "
        "an integer (25) or a fraction string (\"30000/1001\"), greater "
        "than 0 and at most 1000000\n" },
    { "{\"frames\": 1, \"rate\": []}",
        "t.rate: must be a frame rate: an "
        "integer (25) or a fraction string (\"30000/1001\") (not an "
        "array)\n" },
    { "{\"frames\": 1, \"rate\": 25, \"fps\": 25}",
        "t.fps: unknown member "
        "(a frame-count time has \"frames\" and \"rate\")\n" },
    { "{\"frames\": 9007199254740992, \"rate\": 1}",
        "t.frames: is out of "
        "range (at most 1000000000 seconds)\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree gchar *text = time_json_error (cases[i].in);

    g_assert_cmpstr (text, ==, cases[i].errors);
  }
}

static void
test_rates (void)
{
  ReelRate r;
  g_autofree gchar *s = NULL;

  g_assert_true (reel_rate_parse ("30000/1001", &r));
  g_assert_cmpint (r.num, ==, 30000);
  g_assert_cmpint (r.den, ==, 1001);
  g_assert_true (reel_rate_parse ("29.97", &r));
  g_assert_cmpint (r.num, ==, 2997);
  g_assert_cmpint (r.den, ==, 100);
  g_assert_true (reel_rate_parse ("50/2", &r));
  g_assert_cmpint (r.num, ==, 25);
  g_assert_cmpint (r.den, ==, 1);
  s = reel_rate_to_string (r);
  g_assert_cmpstr (s, ==, "25");
  g_assert_false (reel_rate_parse ("0", &r));
  g_assert_false (reel_rate_parse ("-25", &r));
  g_assert_false (reel_rate_parse ("25/0", &r));
  g_assert_false (reel_rate_parse ("1000001", &r));
  g_assert_false (reel_rate_parse ("4294967296/2", &r));
  g_assert_true (reel_rate_is_valid ((ReelRate){ 1000000, 1 }));
  g_assert_false (reel_rate_is_valid ((ReelRate){ 1, 0 }));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/time/new-reduces", test_new_reduces);
  g_test_add_func ("/model/time/parse-strings", test_parse_strings);
  g_test_add_func ("/model/time/from-double", test_from_double);
  g_test_add_func ("/model/time/decimals-exact", test_decimals_exact);
  g_test_add_func ("/model/time/frame-exact", test_frame_exact);
  g_test_add_func ("/model/time/frame-60-at-29.97", test_frame_60_at_2997);
  g_test_add_func ("/model/time/clock-time", test_clock_time);
  g_test_add_func ("/model/time/arithmetic", test_compare_and_arithmetic);
  g_test_add_func ("/model/time/json-forms", test_json_forms);
  g_test_add_func ("/model/time/json-fallbacks", test_json_fallbacks);
  g_test_add_func ("/model/time/json-errors", test_json_errors);
  g_test_add_func ("/model/time/rates", test_rates);
  return g_test_run ();
}
