/* reel — exact time for timelines.
 *
 * A ReelTime is an exact rational number of seconds (num/den, den > 0,
 * always reduced), so that a trim lands on the frame the user named also at
 * 30000/1001 or 24000/1001 frames per second, where no decimal and no double
 * is exact. Arithmetic is exact and refuses to overflow; conversion to
 * GStreamer nanoseconds rounds as gst_util_uint64_scale_round() does and
 * conversion to a frame index rounds as the caller asks.
 *
 * In JSON a time may be written three ways (data/schemas/timeline.schema.json
 * has the same rules):
 *
 * - a number of seconds, `2.5`: read as the decimal it is written as (the
 *   shortest decimal that reads back as the same double, which is what every
 *   JSON writer prints) when that has at most 9 decimal places; otherwise as
 *   the simplest fraction with a denominator of at most 10^6 that rounds to
 *   the same double (so 1001/30000 printed to 17 digits comes back exactly);
 *   otherwise rounded to the nearest nanosecond;
 * - a string: an integer `"3"`, an exact decimal `"2.002"` or a fraction
 *   `"1001/500"`;
 * - a frame count, `{"frames": 60, "rate": "30000/1001"}`.
 *
 * A time remembers the form it was read in and is written back in that form
 * (fractions reduced), so a round trip is lossless and keeps what the author
 * wrote. A number that would not read back as the same value is written as a
 * fraction string instead.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include "reel-field-errors.h"

G_BEGIN_DECLS

/**
 * REEL_TIME_MAX_SECONDS:
 *
 * The largest magnitude of a time read from JSON, in seconds (about 31
 * years); larger values are reported as out of range.
 */
#define REEL_TIME_MAX_SECONDS G_GINT64_CONSTANT (1000000000)

/**
 * REEL_RATE_MAX:
 *
 * The largest frame rate, in frames per second, a frame-count time may use.
 */
#define REEL_RATE_MAX 1000000

/**
 * ReelRate:
 * @num: frames, > 0
 * @den: per this many seconds, > 0
 *
 * A frame rate, as in GStreamer caps (`framerate=30000/1001`). Rates made by
 * reel are reduced.
 */
typedef struct {
  gint num;
  gint den;
} ReelRate;

/**
 * ReelTimeForm:
 * @REEL_TIME_FORM_SECONDS: a JSON number of seconds
 * @REEL_TIME_FORM_DECIMAL: a string holding an integer or an exact decimal
 * @REEL_TIME_FORM_RATIONAL: a string holding a fraction, `"1001/500"`
 * @REEL_TIME_FORM_FRAMES: `{"frames": n, "rate": r}`
 *
 * How a time is written in JSON. Not part of its value.
 */
typedef enum {
  REEL_TIME_FORM_SECONDS,
  REEL_TIME_FORM_DECIMAL,
  REEL_TIME_FORM_RATIONAL,
  REEL_TIME_FORM_FRAMES,
} ReelTimeForm;

/**
 * ReelTime:
 * @num: numerator, in seconds
 * @den: denominator, > 0; num/den is reduced
 * @form: how reel_time_to_json() writes it
 * @rate: the frame rate of a %REEL_TIME_FORM_FRAMES time
 *
 * An exact time in seconds, passed by value. Compare times with
 * reel_time_compare(), never with `==` on the struct: @form and @rate say
 * how the time is written, not what it is. Also used for exact ratios
 * (a clip's speed).
 */
typedef struct {
  gint64 num;
  gint64 den;
  ReelTimeForm form;
  ReelRate rate;
} ReelTime;

/**
 * ReelRounding:
 * @REEL_ROUND_FLOOR: towards minus infinity: the frame being shown at a time
 * @REEL_ROUND_NEAREST: to the nearest, a half rounded up
 * @REEL_ROUND_CEIL: towards plus infinity: the first frame starting at or
 *   after a time
 *
 * How reel_time_to_frame() rounds.
 */
typedef enum {
  REEL_ROUND_FLOOR,
  REEL_ROUND_NEAREST,
  REEL_ROUND_CEIL,
} ReelRounding;

REEL_API ReelTime reel_time_new (gint64 num, gint64 den);
REEL_API ReelTime reel_time_zero (void);
REEL_API gboolean reel_time_from_double (gdouble seconds, ReelTime *out);
REEL_API gboolean reel_time_from_frames (gint64 frames, ReelRate rate,
    ReelTime *out);
REEL_API ReelTime reel_time_from_clock_time (GstClockTime ns);
REEL_API gboolean reel_time_parse (const gchar *text, ReelTime *out);

REEL_API gdouble reel_time_to_double (ReelTime t);
REEL_API GstClockTime reel_time_to_clock_time (ReelTime t);
REEL_API gint64 reel_time_to_frame (ReelTime t, ReelRate rate,
    ReelRounding rounding);
REEL_API gint64 reel_clock_time_to_frame (GstClockTime ns, ReelRate rate);
REEL_API GstClockTime reel_frame_to_clock_time (gint64 frame, ReelRate rate);

REEL_API gint reel_time_compare (ReelTime a, ReelTime b);
REEL_API gboolean reel_time_equal (ReelTime a, ReelTime b);
REEL_API gint reel_time_sign (ReelTime t);
REEL_API gboolean reel_time_add (ReelTime a, ReelTime b, ReelTime *out);
REEL_API gboolean reel_time_sub (ReelTime a, ReelTime b, ReelTime *out);
REEL_API gboolean reel_time_mul (ReelTime a, ReelTime b, ReelTime *out);
REEL_API gboolean reel_time_div (ReelTime a, ReelTime b, ReelTime *out);

REEL_API gchar *reel_time_to_string (ReelTime t) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_time_from_json (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors, ReelTime *out);
REEL_API JsonNode *reel_time_to_json (ReelTime t) G_GNUC_WARN_UNUSED_RESULT;

REEL_API gboolean reel_rate_is_valid (ReelRate rate);
REEL_API gboolean reel_rate_parse (const gchar *text, ReelRate *out);
REEL_API gchar *reel_rate_to_string (ReelRate rate) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_rate_from_json (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors, ReelRate *out);
REEL_API JsonNode *reel_rate_to_json (ReelRate rate) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
