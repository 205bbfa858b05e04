/* reel — exact time: rational arithmetic, rounding to nanoseconds and
 * frames, and the JSON forms of a time; see reel-time.h for the rules.
 *
 * Every product of two 64-bit numbers is computed in 128 bits, so comparing,
 * adding or scaling times is exact and an overflow is detected rather than
 * wrapped.
 */
#include "reel-time.h"

#include <math.h>
#include <string.h>

#ifndef __SIZEOF_INT128__
#error "reel-time.c needs a compiler with 128-bit integers (GCC or Clang)"
#endif

typedef __int128 i128;
typedef unsigned __int128 u128;

/* Fractions tried when reading a JSON number that is not a short decimal:
 * enough for every frame and sample rate in use (30000/1001, 90000, …). */
#define SIMPLE_DENOMINATOR_MAX 1000000

#define TIME_HINT                                                              \
  "must be a time: seconds (2.5), a string (\"2.002\" or "                     \
  "\"1001/500\") or {\"frames\": 60, \"rate\": \"30000/1001\"}"
#define RATE_HINT                                                              \
  "must be a frame rate: an integer (25) or a fraction "                       \
  "string (\"30000/1001\")"

static i128
gcd128 (i128 a, i128 b)
{
  if (a < 0)
    a = -a;
  if (b < 0)
    b = -b;
  while (b != 0) {
    i128 t = a % b;

    a = b;
    b = t;
  }
  return a;
}

static i128
floor_div (i128 a, i128 b)
{
  i128 q = a / b;

  if (a % b != 0 && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Reduces num/den into *out when the result fits 64 bits (the numerator
 * stays clear of G_MININT64 so that it can always be negated). */
static gboolean
make_time (i128 num, i128 den, ReelTime *out)
{
  i128 g;

  if (den == 0)
    return FALSE;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  g = gcd128 (num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  if (num > G_MAXINT64 || num < -G_MAXINT64 || den > G_MAXINT64)
    return FALSE;
  out->num = (gint64) num;
  out->den = (gint64) den;
  out->form = REEL_TIME_FORM_SECONDS;
  out->rate.num = 0;
  out->rate.den = 0;
  return TRUE;
}

static gboolean
in_range (const ReelTime *t)
{
  return (i128) t->num <= (i128) REEL_TIME_MAX_SECONDS * t->den
         && (i128) t->num >= -(i128) REEL_TIME_MAX_SECONDS * t->den;
}

/**
 * reel_time_new:
 * @num: numerator, in seconds, not %G_MININT64
 * @den: denominator, > 0
 *
 * Returns: the time @num/@den, reduced, written as seconds
 */
ReelTime
reel_time_new (gint64 num, gint64 den)
{
  ReelTime t = { 0, 1, REEL_TIME_FORM_SECONDS, { 0, 0 } };

  g_return_val_if_fail (den > 0, t);
  g_return_val_if_fail (num != G_MININT64, t);

  make_time (num, den, &t);
  return t;
}

/**
 * reel_time_zero:
 *
 * Returns: zero seconds
 */
ReelTime
reel_time_zero (void)
{
  return reel_time_new (0, 1);
}

/* Whether the correctly rounded double of p/q is @x (p, q < 2^53, so both
 * convert exactly and IEEE division rounds once). */
static gboolean
fraction_rounds_to (i128 p, i128 q, gdouble x)
{
  const i128 limit = (i128) 1 << 53;

  if (p >= limit || q >= limit)
    return FALSE;
  return (gdouble) (gint64) p / (gdouble) (gint64) q == x;
}

/* The fraction with the smallest denominator (≤ @qmax) whose nearest double
 * is @ax = @m / 2^@k. Such a fraction is a one-sided best approximation of
 * @ax, so it is one of the convergents or intermediate fractions of @ax's
 * continued fraction, which is computed exactly; within one step of the
 * expansion the intermediate fractions approach @ax from one side, so those
 * that round to @ax form a suffix, found by bisection. */
static gboolean
simplest_fraction (gdouble ax, guint64 m, gint k, gint64 qmax, gint64 *p_out,
    gint64 *q_out)
{
  u128 a, b;
  i128 h2 = 0, h1 = 1, k2 = 1, k1 = 0;

  if (k > 126)
    return FALSE;
  a = m;
  b = (u128) 1 << k;
  while (b != 0) {
    u128 an = a / b, r = a % b, jmax = an;
    i128 hn, kn;

    if (k1 > 0 && (u128) ((qmax - k2) / k1) < jmax)
      jmax = (u128) ((qmax - k2) / k1);
    if (jmax >= 1
        && fraction_rounds_to (h2 + (i128) jmax * h1, k2 + (i128) jmax * k1,
            ax)) {
      u128 lo = 1, hi = jmax;

      while (lo < hi) {
        u128 mid = lo + (hi - lo) / 2;

        if (fraction_rounds_to (h2 + (i128) mid * h1, k2 + (i128) mid * k1, ax))
          hi = mid;
        else
          lo = mid + 1;
      }
      *p_out = (gint64) (h2 + (i128) lo * h1);
      *q_out = (gint64) (k2 + (i128) lo * k1);
      return TRUE;
    }
    if (jmax < an)
      return FALSE; /* the next denominator is above qmax */
    hn = h2 + (i128) an * h1;
    kn = k2 + (i128) an * k1;
    h2 = h1;
    h1 = hn;
    k2 = k1;
    k1 = kn;
    a = b;
    b = r;
  }
  return FALSE;
}

/* The shortest decimal that reads back as @x, as num/10^decimals; FALSE
 * when it needs more than 9 decimal places. */
static gboolean
shortest_decimal (gdouble x, gint64 *num, gint64 *den)
{
  gchar fmt[16], buf[G_ASCII_DTOSTR_BUF_SIZE];
  gint precision;
  gint64 digits = 0;
  gint exponent, shift;
  const gchar *s;

  for (precision = 1; precision <= 17; precision++) {
    g_snprintf (fmt, sizeof fmt, "%%.%de", precision - 1);
    g_ascii_formatd (buf, sizeof buf, fmt, x);
    if (g_ascii_strtod (buf, NULL) == x)
      break;
  }
  if (precision > 17)
    return FALSE;

  /* buf is [-]d[.ddd]e±XX */
  for (s = buf; *s != 'e' && *s != 'E' && *s != '\0'; s++) {
    if (g_ascii_isdigit (*s))
      digits = digits * 10 + (*s - '0');
  }
  if (*s == '\0')
    return FALSE;
  exponent = (gint) g_ascii_strtoll (s + 1, NULL, 10);
  shift = exponent - (precision - 1);
  while (shift < 0 && digits % 10 == 0 && digits != 0) {
    digits /= 10;
    shift++;
  }
  if (shift < -9)
    return FALSE;
  *den = 1;
  for (; shift < 0; shift++)
    *den *= 10;
  for (; shift > 0; shift--)
    digits *= 10; /* |x| ≤ 10^9 keeps this in range */
  *num = buf[0] == '-' ? -digits : digits;
  return TRUE;
}

/**
 * reel_time_from_double:
 * @seconds: a finite number of seconds, at most %REEL_TIME_MAX_SECONDS in
 *   magnitude
 * @out: (out caller-allocates): the time
 *
 * Converts a double as reel reads a JSON number (see reel-time.h): the
 * shortest decimal that reads back as @seconds when it has at most 9 decimal
 * places, else the simplest fraction with a denominator of at most 10^6
 * that rounds to @seconds, else @seconds rounded to the nearest nanosecond.
 * Negative zero is zero.
 *
 * Returns: %FALSE when @seconds is not finite or out of range
 */
gboolean
reel_time_from_double (gdouble seconds, ReelTime *out)
{
  gdouble ax = fabs (seconds), mant;
  gint64 num, den, p, q;
  guint64 m;
  gint e, k;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!isfinite (seconds) || ax > (gdouble) REEL_TIME_MAX_SECONDS)
    return FALSE;
  if (ax == floor (ax))
    return make_time ((gint64) seconds, 1, out);

  if (shortest_decimal (seconds, &num, &den))
    return make_time (num, den, out);

  mant = frexp (ax, &e);
  m = (guint64) ldexp (mant, 53);
  k = 53 - e;
  while ((m & 1) == 0 && k > 0) {
    m >>= 1;
    k--;
  }
  if (simplest_fraction (ax, m, k, SIMPLE_DENOMINATOR_MAX, &p, &q))
    return make_time (seconds < 0 ? -p : p, q, out);

  /* round to the nearest nanosecond, exactly: (m·10^9 + 2^(k-1)) >> k */
  if (k >= 120)
    return make_time (0, 1, out);
  num = (gint64) (((u128) m * GST_SECOND + ((u128) 1 << (k - 1))) >> k);
  return make_time (seconds < 0 ? -num : num, GST_SECOND, out);
}

/**
 * reel_time_from_frames:
 * @frames: a frame index or count
 * @rate: a valid frame rate
 * @out: (out caller-allocates): @frames / @rate seconds, written as frames
 *
 * Returns: %FALSE when the result does not fit
 */
gboolean
reel_time_from_frames (gint64 frames, ReelRate rate, ReelTime *out)
{
  i128 g;

  g_return_val_if_fail (reel_rate_is_valid (rate), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!make_time ((i128) frames * rate.den, rate.num, out))
    return FALSE;
  g = gcd128 (rate.num, rate.den);
  out->form = REEL_TIME_FORM_FRAMES;
  out->rate.num = (gint) (rate.num / g);
  out->rate.den = (gint) (rate.den / g);
  return TRUE;
}

/**
 * reel_time_from_clock_time:
 * @ns: a valid #GstClockTime, at most %G_MAXINT64
 *
 * Returns: @ns nanoseconds, exactly
 */
ReelTime
reel_time_from_clock_time (GstClockTime ns)
{
  ReelTime t = { 0, 1, REEL_TIME_FORM_SECONDS, { 0, 0 } };

  g_return_val_if_fail (ns <= (GstClockTime) G_MAXINT64, t);

  make_time ((i128) ns, GST_SECOND, &t);
  return t;
}

/* Reads [0-9]+ at *s into *value; FALSE when there are no digits or the
 * number exceeds G_MAXINT64. */
static gboolean
read_digits (const gchar **s, gint64 *value, gint *count)
{
  u128 v = 0;
  gint n = 0;

  while (g_ascii_isdigit (**s)) {
    v = v * 10 + (guint) (**s - '0');
    if (v > G_MAXINT64)
      return FALSE;
    (*s)++;
    n++;
  }
  *value = (gint64) v;
  if (count != NULL)
    *count = n;
  return n > 0;
}

typedef enum {
  PARSE_OK,
  PARSE_SYNTAX,
  PARSE_RANGE,
  PARSE_ZERO,
} ParseResult;

static ParseResult
parse_time_text (const gchar *text, ReelTime *out)
{
  const gchar *s = text;
  gboolean negative = FALSE;
  gint64 whole, frac, den;
  gint count;
  ReelTime t;

  if (*s == '-') {
    negative = TRUE;
    s++;
  }
  if (!g_ascii_isdigit (*s))
    return PARSE_SYNTAX;
  if (!read_digits (&s, &whole, NULL))
    return PARSE_RANGE;

  if (*s == '\0') {
    if (!make_time (negative ? -whole : whole, 1, &t))
      return PARSE_RANGE;
    t.form = REEL_TIME_FORM_DECIMAL;
  } else if (*s == '.') {
    i128 scale = 1;

    s++;
    if (!g_ascii_isdigit (*s))
      return PARSE_SYNTAX;
    if (!read_digits (&s, &frac, &count) || count > 18)
      return PARSE_RANGE;
    if (*s != '\0')
      return PARSE_SYNTAX;
    for (gint i = 0; i < count; i++)
      scale *= 10;
    if (!make_time ((negative ? -1 : 1) * ((i128) whole * scale + frac), scale,
            &t))
      return PARSE_RANGE;
    t.form = REEL_TIME_FORM_DECIMAL;
  } else if (*s == '/') {
    s++;
    if (!g_ascii_isdigit (*s))
      return PARSE_SYNTAX;
    if (!read_digits (&s, &den, NULL))
      return PARSE_RANGE;
    if (*s != '\0')
      return PARSE_SYNTAX;
    if (den == 0)
      return PARSE_ZERO;
    if (!make_time (negative ? -whole : whole, den, &t))
      return PARSE_RANGE;
    t.form = REEL_TIME_FORM_RATIONAL;
  } else {
    return PARSE_SYNTAX;
  }
  if (!in_range (&t))
    return PARSE_RANGE;
  *out = t;
  return PARSE_OK;
}

/**
 * reel_time_parse:
 * @text: `"3"`, `"-2.002"` or `"1001/500"` (no spaces, no exponent)
 * @out: (out caller-allocates): the time, remembering which of the string
 *   forms it was
 *
 * Returns: %FALSE when @text is not one of the forms or is out of range
 */
gboolean
reel_time_parse (const gchar *text, ReelTime *out)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return parse_time_text (text, out) == PARSE_OK;
}

/**
 * reel_time_to_double:
 *
 * Returns: @t in seconds, the nearest double
 */
gdouble
reel_time_to_double (ReelTime t)
{
  const gint64 exact = G_GINT64_CONSTANT (1) << 53;

  if (t.num < exact && t.num > -exact && t.den < exact)
    return (gdouble) t.num / (gdouble) t.den;
  return (gdouble) ((long double) t.num / (long double) t.den);
}

/**
 * reel_time_to_clock_time:
 *
 * Converts to nanoseconds as GStreamer does, rounding to the nearest (a half
 * rounded up) with gst_util_uint64_scale_round().
 *
 * Returns: @t in nanoseconds; %GST_CLOCK_TIME_NONE when @t is negative or
 *   too large for a #GstClockTime
 */
GstClockTime
reel_time_to_clock_time (ReelTime t)
{
  if (t.num < 0 || t.den <= 0)
    return GST_CLOCK_TIME_NONE;
  return gst_util_uint64_scale_round ((guint64) t.num, GST_SECOND,
      (guint64) t.den);
}

static gint64
clamp_frame (i128 v)
{
  if (v > G_MAXINT64)
    return G_MAXINT64;
  if (v < G_MININT64)
    return G_MININT64;
  return (gint64) v;
}

/**
 * reel_time_to_frame:
 * @t: a time
 * @rate: a valid frame rate
 * @rounding: how to round a time between two frame starts
 *
 * Exact: frame n starts at n / @rate seconds, so with %REEL_ROUND_FLOOR the
 * time of frame n (reel_time_from_frames()) gives back n, and so does any
 * time before frame n + 1 starts. Saturates at the #gint64 limits.
 *
 * Returns: the frame index
 */
gint64
reel_time_to_frame (ReelTime t, ReelRate rate, ReelRounding rounding)
{
  i128 n, d;

  g_return_val_if_fail (reel_rate_is_valid (rate), 0);
  g_return_val_if_fail (t.den > 0, 0);

  n = (i128) t.num * rate.num;
  d = (i128) t.den * rate.den;
  switch (rounding) {
    case REEL_ROUND_FLOOR:
      return clamp_frame (floor_div (n, d));
    case REEL_ROUND_CEIL:
      return clamp_frame (-floor_div (-n, d));
    case REEL_ROUND_NEAREST:
    default:
      return clamp_frame (floor_div (2 * n + d, 2 * d));
  }
}

/**
 * reel_frame_to_clock_time:
 * @frame: a frame index, ≥ 0
 * @rate: a valid frame rate
 *
 * Returns: when frame @frame starts, in nanoseconds rounded as
 *   reel_time_to_clock_time() does; %GST_CLOCK_TIME_NONE when out of range
 */
GstClockTime
reel_frame_to_clock_time (gint64 frame, ReelRate rate)
{
  ReelTime t;

  g_return_val_if_fail (reel_rate_is_valid (rate), GST_CLOCK_TIME_NONE);

  if (!reel_time_from_frames (frame, rate, &t))
    return GST_CLOCK_TIME_NONE;
  return reel_time_to_clock_time (t);
}

/**
 * reel_clock_time_to_frame:
 * @ns: a valid #GstClockTime
 * @rate: a valid frame rate
 *
 * The frame being shown at @ns: the last frame whose start, rounded to
 * nanoseconds by reel_frame_to_clock_time(), is at or before @ns. So
 * `reel_clock_time_to_frame (reel_frame_to_clock_time (n, r), r) == n` for
 * every frame n, although the nanosecond start of a frame may be rounded
 * down, before its exact start.
 *
 * Returns: the frame index
 */
gint64
reel_clock_time_to_frame (GstClockTime ns, ReelRate rate)
{
  i128 k;

  g_return_val_if_fail (GST_CLOCK_TIME_IS_VALID (ns), -1);
  g_return_val_if_fail (reel_rate_is_valid (rate), -1);

  k = ((i128) ns * rate.num) / ((i128) GST_SECOND * rate.den);
  /* a frame's rounded start is within half a nanosecond of its exact one
   * and frames are longer than a nanosecond: one step each way at most */
  while (reel_frame_to_clock_time ((gint64) k + 1, rate) <= ns)
    k++;
  while (k > 0 && reel_frame_to_clock_time ((gint64) k, rate) > ns)
    k--;
  return (gint64) k;
}

/**
 * reel_time_compare:
 *
 * Compares values exactly; how the times are written does not matter.
 *
 * Returns: negative, 0 or positive as @a is before, at or after @b
 */
gint
reel_time_compare (ReelTime a, ReelTime b)
{
  i128 l = (i128) a.num * b.den, r = (i128) b.num * a.den;

  return l < r ? -1 : (l > r ? 1 : 0);
}

/**
 * reel_time_equal:
 *
 * Returns: whether @a and @b are the same value
 */
gboolean
reel_time_equal (ReelTime a, ReelTime b)
{
  return reel_time_compare (a, b) == 0;
}

/**
 * reel_time_sign:
 *
 * Returns: -1, 0 or 1
 */
gint
reel_time_sign (ReelTime t)
{
  return t.num < 0 ? -1 : (t.num > 0 ? 1 : 0);
}

/* Results of arithmetic keep the operands' form when they share one. */
static void
inherit_form (ReelTime *out, const ReelTime *a, const ReelTime *b)
{
  if (a->form != b->form)
    return;
  if (a->form == REEL_TIME_FORM_FRAMES
      && (a->rate.num != b->rate.num || a->rate.den != b->rate.den))
    return;
  out->form = a->form;
  out->rate = a->rate;
}

/**
 * reel_time_add:
 * @a: a time
 * @b: a time
 * @out: (out caller-allocates): @a + @b, exactly
 *
 * Returns: %FALSE when the result does not fit (then @out is unchanged)
 */
gboolean
reel_time_add (ReelTime a, ReelTime b, ReelTime *out)
{
  ReelTime r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!make_time ((i128) a.num * b.den + (i128) b.num * a.den,
          (i128) a.den * b.den, &r))
    return FALSE;
  inherit_form (&r, &a, &b);
  *out = r;
  return TRUE;
}

/**
 * reel_time_sub:
 * @out: (out caller-allocates): @a - @b, exactly
 *
 * Returns: %FALSE when the result does not fit (then @out is unchanged)
 */
gboolean
reel_time_sub (ReelTime a, ReelTime b, ReelTime *out)
{
  ReelTime r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!make_time ((i128) a.num * b.den - (i128) b.num * a.den,
          (i128) a.den * b.den, &r))
    return FALSE;
  inherit_form (&r, &a, &b);
  *out = r;
  return TRUE;
}

/**
 * reel_time_mul:
 * @out: (out caller-allocates): @a × @b, exactly (a time times a ratio)
 *
 * Returns: %FALSE when the result does not fit (then @out is unchanged)
 */
gboolean
reel_time_mul (ReelTime a, ReelTime b, ReelTime *out)
{
  ReelTime r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!make_time ((i128) a.num * b.num, (i128) a.den * b.den, &r))
    return FALSE;
  *out = r;
  return TRUE;
}

/**
 * reel_time_div:
 * @out: (out caller-allocates): @a ÷ @b, exactly (e.g. a source duration
 *   over a speed)
 *
 * Returns: %FALSE when @b is zero or the result does not fit (then @out is
 *   unchanged)
 */
gboolean
reel_time_div (ReelTime a, ReelTime b, ReelTime *out)
{
  ReelTime r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (b.num == 0)
    return FALSE;
  if (!make_time ((i128) a.num * b.den, (i128) a.den * b.num, &r))
    return FALSE;
  *out = r;
  return TRUE;
}

/* The exact decimal of @t with at most @max_places decimal places, or NULL. */
static gchar *
decimal_string (ReelTime t, gint max_places)
{
  i128 scale = 1, num = t.num < 0 ? -(i128) t.num : t.num, frac;
  gint places = 0;
  gchar digits[64];

  while ((scale % t.den) != 0) {
    if (places == max_places)
      return NULL;
    scale *= 10;
    places++;
  }
  frac = (num % t.den) * (scale / t.den);
  if (places == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT, t.num < 0 ? "-" : "",
        (gint64) (num / t.den));
  g_snprintf (digits, sizeof digits, "%0*" G_GINT64_MODIFIER "d", places,
      (gint64) frac);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%s", t.num < 0 ? "-" : "",
      (gint64) (num / t.den), digits);
}

static gchar *
rational_string (ReelTime t)
{
  if (t.den == 1)
    return g_strdup_printf ("%" G_GINT64_FORMAT, t.num);
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, t.num,
      t.den);
}

/**
 * reel_time_to_string:
 *
 * For messages: the exact decimal when it has at most 9 decimal places
 * (`2.002`), else the fraction (`1001/30000`). No unit.
 *
 * Returns: (transfer full): @t as text
 */
gchar *
reel_time_to_string (ReelTime t)
{
  gchar *s;

  g_return_val_if_fail (t.den > 0, NULL);

  s = decimal_string (t, 9);
  return s != NULL ? s : rational_string (t);
}

static JsonNode *
string_node (gchar *s)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, s);
  g_free (s);
  return node;
}

/* Whether @t is written as a JSON number that reads back as @t. */
static JsonNode *
seconds_node (ReelTime t)
{
  JsonNode *node;
  ReelTime back;
  gdouble d;

  if (t.den == 1) {
    node = json_node_new (JSON_NODE_VALUE);
    json_node_set_int (node, t.num);
    return node;
  }
  d = reel_time_to_double (t);
  if (!reel_time_from_double (d, &back) || !reel_time_equal (back, t))
    return NULL;
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_double (node, d);
  return node;
}

/**
 * reel_time_to_json:
 *
 * Writes @t in the form it was read in (see reel-time.h), fractions reduced.
 * A form that cannot hold the value exactly (a number for 1/3, frames for
 * a time between two frames) falls back to a fraction string.
 *
 * Returns: (transfer full): the JSON form of @t
 */
JsonNode *
reel_time_to_json (ReelTime t)
{
  JsonNode *node = NULL;

  g_return_val_if_fail (t.den > 0, NULL);

  switch (t.form) {
    case REEL_TIME_FORM_FRAMES:
      if (reel_rate_is_valid (t.rate)) {
        i128 n = (i128) t.num * t.rate.num, d = (i128) t.den * t.rate.den;

        if (n % d == 0 && n / d <= G_MAXINT64 && n / d >= -G_MAXINT64) {
          JsonObject *o = json_object_new ();

          json_object_set_int_member (o, "frames", (gint64) (n / d));
          json_object_set_member (o, "rate", reel_rate_to_json (t.rate));
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, o);
          return node;
        }
      }
      node = seconds_node (t);
      break;
    case REEL_TIME_FORM_SECONDS:
      node = seconds_node (t);
      break;
    case REEL_TIME_FORM_DECIMAL: {
      gchar *s = decimal_string (t, 18);

      if (s != NULL)
        return string_node (s);
      break;
    }
    case REEL_TIME_FORM_RATIONAL:
    default:
      break;
  }
  if (node == NULL)
    node = string_node (rational_string (t));
  return node;
}

static const gchar *
json_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node)) {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    default:
      return "a number";
  }
}

static gboolean
read_frames_object (JsonObject *o, const gchar *path, ReelFieldErrors *errors,
    ReelTime *out)
{
  g_autofree gchar *frames_path = reel_path_member (path, "frames");
  g_autofree gchar *rate_path = reel_path_member (path, "rate");
  g_autoptr (GList) members = json_object_get_members (o);
  JsonNode *frames_node = json_object_get_member (o, "frames");
  JsonNode *rate_node = json_object_get_member (o, "rate");
  gboolean ok = TRUE;
  gint64 frames = 0;
  ReelRate rate = { 0, 0 };

  for (GList *l = members; l != NULL; l = l->next) {
    if (!g_str_equal (l->data, "frames") && !g_str_equal (l->data, "rate")) {
      g_autofree gchar *p = reel_path_member (path, l->data);

      reel_field_errors_add (errors, p,
          "unknown member (a frame-count time "
          "has \"frames\" and \"rate\")");
      ok = FALSE;
    }
  }

  if (frames_node == NULL || JSON_NODE_HOLDS_NULL (frames_node)) {
    reel_field_errors_add (errors, frames_path, "is required");
    ok = FALSE;
  } else if (!JSON_NODE_HOLDS_VALUE (frames_node)
             || (json_node_get_value_type (frames_node) != G_TYPE_INT64
                 && json_node_get_value_type (frames_node) != G_TYPE_DOUBLE)) {
    reel_field_errors_add (errors, frames_path, "must be an integer");
    ok = FALSE;
  } else if (json_node_get_value_type (frames_node) == G_TYPE_DOUBLE) {
    gdouble d = json_node_get_double (frames_node);

    if (!isfinite (d) || d != floor (d) || fabs (d) > 9007199254740992.0) {
      reel_field_errors_add (errors, frames_path, "must be an integer");
      ok = FALSE;
    } else {
      frames = (gint64) d;
    }
  } else {
    frames = json_node_get_int (frames_node);
  }

  if (rate_node == NULL || JSON_NODE_HOLDS_NULL (rate_node)) {
    reel_field_errors_add (errors, rate_path, "is required");
    ok = FALSE;
  } else if (!reel_rate_from_json (rate_node, rate_path, errors, &rate)) {
    ok = FALSE;
  }
  if (!ok)
    return FALSE;

  if (!reel_time_from_frames (frames, rate, out) || !in_range (out)) {
    reel_field_errors_add (errors, frames_path,
        "is out of range (at most %" G_GINT64_FORMAT " seconds)",
        REEL_TIME_MAX_SECONDS);
    return FALSE;
  }
  return TRUE;
}

/**
 * reel_time_from_json:
 * @node: a JSON number, string or frame-count object
 * @path: the field's path, for errors
 * @errors: (nullable): where to report why @node is not a time
 * @out: (out caller-allocates): the time, remembering its form
 *
 * Reads a time in any of the forms reel-time.h describes.
 *
 * Returns: %TRUE when @node is a time within ±%REEL_TIME_MAX_SECONDS
 */
gboolean
reel_time_from_json (JsonNode *node, const gchar *path, ReelFieldErrors *errors,
    ReelTime *out)
{
  g_autoptr (ReelFieldErrors) local = NULL;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (errors == NULL)
    errors = local = reel_field_errors_new ();

  if (JSON_NODE_HOLDS_OBJECT (node))
    return read_frames_object (json_node_get_object (node), path, errors, out);

  if (JSON_NODE_HOLDS_VALUE (node)) {
    GType type = json_node_get_value_type (node);

    if (type == G_TYPE_INT64) {
      gint64 v = json_node_get_int (node);

      if (v > REEL_TIME_MAX_SECONDS || v < -REEL_TIME_MAX_SECONDS) {
        reel_field_errors_add (errors, path,
            "is out of range (at most %" G_GINT64_FORMAT " seconds)",
            REEL_TIME_MAX_SECONDS);
        return FALSE;
      }
      *out = reel_time_new (v, 1);
      return TRUE;
    }
    if (type == G_TYPE_DOUBLE) {
      if (!reel_time_from_double (json_node_get_double (node), out)) {
        reel_field_errors_add (errors, path,
            "is out of range (at most %" G_GINT64_FORMAT " seconds)",
            REEL_TIME_MAX_SECONDS);
        return FALSE;
      }
      return TRUE;
    }
    if (type == G_TYPE_STRING) {
      switch (parse_time_text (json_node_get_string (node), out)) {
        case PARSE_OK:
          return TRUE;
        case PARSE_RANGE:
          reel_field_errors_add (errors, path,
              "is out of range (at most %" G_GINT64_FORMAT " seconds)",
              REEL_TIME_MAX_SECONDS);
          return FALSE;
        case PARSE_ZERO:
          reel_field_errors_add (errors, path, "has a zero denominator");
          return FALSE;
        case PARSE_SYNTAX:
        default:
          reel_field_errors_add (errors, path, TIME_HINT);
          return FALSE;
      }
    }
  }
  reel_field_errors_add (errors, path, TIME_HINT " (not %s)",
      json_type_name (node));
  return FALSE;
}

/**
 * reel_rate_is_valid:
 *
 * Returns: whether @rate is positive and at most %REEL_RATE_MAX
 */
gboolean
reel_rate_is_valid (ReelRate rate)
{
  return rate.num > 0 && rate.den > 0
         && (gint64) rate.num <= (gint64) REEL_RATE_MAX * rate.den;
}

/**
 * reel_rate_parse:
 * @text: `"25"`, `"30000/1001"` or an exact decimal `"29.97"`
 * @out: (out caller-allocates): the rate, reduced
 *
 * Returns: %FALSE unless @text is a valid rate
 */
gboolean
reel_rate_parse (const gchar *text, ReelRate *out)
{
  ReelTime t;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (parse_time_text (text, &t) != PARSE_OK || t.num > G_MAXINT
      || t.den > G_MAXINT || t.num <= 0)
    return FALSE;
  out->num = (gint) t.num;
  out->den = (gint) t.den;
  return reel_rate_is_valid (*out);
}

/**
 * reel_rate_to_string:
 *
 * Returns: (transfer full): `"25"` or `"30000/1001"`
 */
gchar *
reel_rate_to_string (ReelRate rate)
{
  if (rate.den == 1)
    return g_strdup_printf ("%d", rate.num);
  return g_strdup_printf ("%d/%d", rate.num, rate.den);
}

/**
 * reel_rate_to_json:
 *
 * Returns: (transfer full): an integer when @rate is whole, else a fraction
 *   string
 */
JsonNode *
reel_rate_to_json (ReelRate rate)
{
  JsonNode *node;

  if (rate.den == 1) {
    node = json_node_new (JSON_NODE_VALUE);
    json_node_set_int (node, rate.num);
    return node;
  }
  return string_node (reel_rate_to_string (rate));
}

/**
 * reel_rate_from_json:
 * @node: an integer, a whole number, or a string reel_rate_parse() reads
 * @path: the field's path, for errors
 * @errors: (nullable): where to report why @node is not a rate
 * @out: (out caller-allocates): the rate, reduced
 *
 * A fractional JSON number (29.97) is refused: it cannot say 30000/1001.
 *
 * Returns: %TRUE when @node is a valid rate
 */
gboolean
reel_rate_from_json (JsonNode *node, const gchar *path, ReelFieldErrors *errors,
    ReelRate *out)
{
  g_autoptr (ReelFieldErrors) local = NULL;
  ReelRate r = { 0, 0 };

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (errors == NULL)
    errors = local = reel_field_errors_new ();

  if (JSON_NODE_HOLDS_VALUE (node)) {
    GType type = json_node_get_value_type (node);

    if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE) {
      gdouble d = json_node_get_double (node);

      if (type == G_TYPE_DOUBLE && isfinite (d) && d != floor (d)) {
        reel_field_errors_add (errors, path,
            "must be a fraction string such "
            "as \"30000/1001\": a decimal frame rate is not exact");
        return FALSE;
      }
      if (!isfinite (d) || d <= 0 || d > REEL_RATE_MAX) {
        reel_field_errors_add (errors, path,
            "must be greater than 0 and at "
            "most %d frames per second",
            REEL_RATE_MAX);
        return FALSE;
      }
      r.num = (gint) d;
      r.den = 1;
      *out = r;
      return TRUE;
    }
    if (type == G_TYPE_STRING) {
      if (reel_rate_parse (json_node_get_string (node), &r)) {
        *out = r;
        return TRUE;
      }
      reel_field_errors_add (errors, path,
          RATE_HINT ", greater than 0 and "
                    "at most %d",
          REEL_RATE_MAX);
      return FALSE;
    }
  }
  reel_field_errors_add (errors, path, RATE_HINT " (not %s)",
      json_type_name (node));
  return FALSE;
}
