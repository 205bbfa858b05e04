/* reel — the ANALYSIS document: reading, checking and writing it (see
 * reel-analysis.h).
 *
 * Rules beyond the schema: a valid media id; `duration` ≥ 0, required
 * unless the status is "pending"; scenes, silences and black ranges each
 * have 0 ≤ start < end ≤ duration and are sorted without overlapping; a
 * scene's transition has start ≤ end within the media and touches its
 * scene; beats have a tempo in (0, 1000], a confidence in [0, 1], and
 * increasing beat and onset times within the duration; loudness range is
 * ≥ 0 and a short-term series has an interval > 0; motion samples have
 * increasing times within the duration and values ≥ 0; thumbnails have a
 * time within the duration, a URL, a scene index ≥ 0, and at most one is
 * the poster; the waveform is audiowaveform's JSON (version 1 or 2, 8 or 16
 * bits, `data` holding `length` min/max pairs per channel, each within the
 * bits' range); `missing` names each analyser once, with a reason, never
 * one whose section is present, and only when the status is not
 * "complete"; `probe` follows the MEDIA record's probe rules. "Within the
 * duration" allows 1 ms of rounding.
 *
 * A number that failed to read is stored as NaN, which JSON cannot hold, so
 * the checks skip it instead of reporting it twice.
 */
#include "reel-model-private.h"

#include <math.h>

enum {
  A_MEDIA = 1 << 0,
  A_DURATION = 1 << 1,
  A_STATUS = 1 << 2,
  A_PROBE = 1 << 3,
};

#define SLACK 0.001
#define TEMPO_MAX 1000.0
/* A waveform with more points than this is refused rather than walked. */
#define WAVEFORM_MAX_POINTS (G_GINT64_CONSTANT (1) << 26)

static const gchar *const statuses[] = { "complete", "partial", "pending",
  NULL };
static const gchar *const transition_kinds[] = { "cut", "dissolve", "fade",
  NULL };
static const gchar *const analysis_known[] = { "$schema", "kind", "version",
  "media", "status", "duration", "missing", "probe", "scenes", "beats",
  "loudness", "silences", "motion", "black", "thumbnails", "waveform", NULL };
static const gchar *const scene_members[] = { "start", "end", "score",
  "transition", NULL };
static const gchar *const span_members[] = { "start", "end", NULL };
static const gchar *const transition_members[] = { "kind", "start", "end",
  NULL };
static const gchar *const beats_members[] = { "tempo", "times", "confidence",
  "onsets", NULL };
static const gchar *const loudness_members[] = { "integrated", "range",
  "true_peak", "short_term", NULL };
static const gchar *const short_term_members[] = { "interval", "values", NULL };
static const gchar *const motion_members[] = { "time", "value", NULL };
static const gchar *const thumbnail_members[] = { "time", "url", "width",
  "height", "scene", "poster", NULL };
static const gchar *const missing_members[] = { "analyser", "reason", NULL };
static const gchar *const waveform_members[] = { "version", "channels",
  "sample_rate", "samples_per_pixel", "bits", "length", "data", NULL };

/* The sections reel types, in the order they are written. */
static const gchar *const typed_sections[] = { "scenes", "beats", "loudness",
  "silences", "motion", "black", "thumbnails", "waveform", NULL };

G_DEFINE_BOXED_TYPE (ReelAnalysis, reel_analysis, reel_analysis_copy,
    reel_analysis_free)

static void
thumbnail_free (ReelAnalysisThumbnail *t)
{
  g_free (t->url);
  g_free (t);
}

static void
missing_free (ReelAnalysisMissing *m)
{
  g_free (m->analyser);
  g_free (m->reason);
  g_free (m);
}

static void
beats_free (ReelAnalysisBeats *b)
{
  if (b == NULL)
    return;
  g_array_unref (b->times);
  g_clear_pointer (&b->onsets, g_array_unref);
  g_free (b);
}

static void
loudness_free (ReelAnalysisLoudness *l)
{
  if (l == NULL)
    return;
  g_clear_pointer (&l->short_term, g_array_unref);
  g_free (l);
}

/**
 * reel_analysis_new:
 * @media: the media id
 *
 * Returns: (transfer full): a pending analysis with no sections
 */
ReelAnalysis *
reel_analysis_new (const gchar *media)
{
  ReelAnalysis *a = g_new0 (ReelAnalysis, 1);

  a->version = REEL_ANALYSIS_VERSION;
  a->media = g_strdup (media);
  a->status = REEL_ANALYSIS_PENDING;
  a->sections = json_object_new ();
  return a;
}

/**
 * reel_analysis_free:
 * @analysis: (nullable) (transfer full): a #ReelAnalysis
 *
 * Frees @analysis and everything it owns.
 */
void
reel_analysis_free (ReelAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_free (analysis->media);
  g_clear_pointer (&analysis->missing, g_ptr_array_unref);
  g_clear_pointer (&analysis->probe, json_node_unref);
  g_clear_pointer (&analysis->scenes, g_array_unref);
  beats_free (analysis->beats);
  loudness_free (analysis->loudness);
  g_clear_pointer (&analysis->silences, g_array_unref);
  g_clear_pointer (&analysis->motion, g_array_unref);
  g_clear_pointer (&analysis->black, g_array_unref);
  g_clear_pointer (&analysis->thumbnails, g_ptr_array_unref);
  g_clear_pointer (&analysis->waveform, json_node_unref);
  g_clear_pointer (&analysis->sections, json_object_unref);
  g_free (analysis);
}

/**
 * reel_analysis_add_missing:
 * @analysis: an analysis
 * @analyser: the analyser that gave nothing
 * @reason: why, for a person to read
 *
 * Appends to @analysis's `missing` list (the caller sets the status).
 */
void
reel_analysis_add_missing (ReelAnalysis *analysis, const gchar *analyser,
    const gchar *reason)
{
  ReelAnalysisMissing *m;

  g_return_if_fail (analysis != NULL);

  if (analysis->missing == NULL)
    analysis->missing =
        g_ptr_array_new_with_free_func ((GDestroyNotify) missing_free);
  m = g_new0 (ReelAnalysisMissing, 1);
  m->analyser = g_strdup (analyser);
  m->reason = g_strdup (reason);
  g_ptr_array_add (analysis->missing, m);
}

/**
 * reel_analysis_status_to_string:
 * @status: a value of the enum
 *
 * Returns: (transfer none) (nullable): the status's name, as in JSON; %NULL
 *   for a value out of range
 */
const gchar *
reel_analysis_status_to_string (ReelAnalysisStatus status)
{
  return reel_model_enum_to_string (statuses, status);
}

/**
 * reel_analysis_transition_kind_to_string:
 * @kind: a value of the enum
 *
 * Returns: (transfer none) (nullable): `cut`, `dissolve` or `fade`; %NULL
 *   for a value out of range
 */
const gchar *
reel_analysis_transition_kind_to_string (ReelAnalysisTransitionKind kind)
{
  return reel_model_enum_to_string (transition_kinds, kind);
}

/* ---- reading ---------------------------------------------------------- */

static gdouble
read_number (ReelReader *r, const gchar *member, gboolean required,
    gdouble fallback)
{
  gdouble v = fallback;

  if (reel_read_double (r, member, required, &v) == REEL_READ_BAD)
    return NAN;
  return v;
}

/* An array of numbers; NaN for an element that failed to read, and
 * @null_value for a null element when @null_value is not NaN (otherwise
 * null is a wrong type). */
static GArray *
read_numbers (ReelReader *r, const gchar *member, gboolean required,
    gdouble null_value)
{
  g_autofree gchar *path = reel_reader_path (r, member);
  JsonArray *array = NULL;
  GArray *values;

  if (reel_read_array (r, member, required, &array) != REEL_READ_OK)
    return NULL;
  values = g_array_new (FALSE, TRUE, sizeof (gdouble));
  for (guint i = 0; i < json_array_get_length (array); i++) {
    JsonNode *e = json_array_get_element (array, i);
    g_autofree gchar *ip = reel_path_index (path, i);
    gdouble t = NAN;

    if (JSON_NODE_HOLDS_NULL (e) && !isnan (null_value))
      t = null_value;
    else if (reel_node_double (e, ip, r->errors, &t) != REEL_READ_OK)
      t = NAN;
    g_array_append_val (values, t);
  }
  return values;
}

static void
parse_transition (ReelReader *scene, ReelAnalysisSpan *span)
{
  g_autofree gchar *path = reel_reader_path (scene, "transition");
  g_auto (ReelReader) t = { 0 };
  gint kind = 0;

  if (reel_read_object (scene, "transition", FALSE, &(JsonNode *){ NULL })
      != REEL_READ_OK)
    return;
  span->has_transition = TRUE;
  span->transition.start = NAN;
  span->transition.end = NAN;
  reel_reader_init (&t, reel_reader_node (scene, "transition"), path,
      scene->errors, transition_members);
  if (reel_read_enum (&t, "kind", TRUE, transition_kinds, &kind)
      == REEL_READ_OK)
    span->transition.kind = (ReelAnalysisTransitionKind) kind;
  span->transition.start = read_number (&t, "start", TRUE, NAN);
  span->transition.end = read_number (&t, "end", TRUE, NAN);
}

static GArray *
parse_spans (ReelReader *r, const gchar *member, gboolean scenes)
{
  g_autofree gchar *path = reel_reader_path (r, member);
  JsonArray *array = NULL;
  GArray *spans;

  if (reel_read_array (r, member, FALSE, &array) != REEL_READ_OK)
    return NULL;
  spans = g_array_new (FALSE, TRUE, sizeof (ReelAnalysisSpan));
  for (guint i = 0; i < json_array_get_length (array); i++) {
    g_auto (ReelReader) e = { 0 };
    g_autofree gchar *ep = reel_path_index (path, i);
    ReelAnalysisSpan span = { NAN, NAN, FALSE, 0 };

    if (reel_reader_init (&e, json_array_get_element (array, i), ep, r->errors,
            scenes ? scene_members : span_members)) {
      span.start = read_number (&e, "start", TRUE, NAN);
      span.end = read_number (&e, "end", TRUE, NAN);
      if (scenes) {
        ReelRead res = reel_read_double (&e, "score", FALSE, &span.score);

        span.has_score = res != REEL_READ_ABSENT;
        if (res == REEL_READ_BAD)
          span.score = NAN;
        parse_transition (&e, &span);
      }
    }
    g_array_append_val (spans, span);
  }
  return spans;
}

static ReelAnalysisBeats *
parse_beats (ReelReader *r)
{
  g_autofree gchar *path = reel_reader_path (r, "beats");
  g_auto (ReelReader) b = { 0 };
  ReelAnalysisBeats *beats;
  ReelRead res;

  if (reel_read_object (r, "beats", FALSE, &(JsonNode *){ NULL })
      != REEL_READ_OK)
    return NULL;
  beats = g_new0 (ReelAnalysisBeats, 1);
  reel_reader_init (&b, reel_reader_node (r, "beats"), path, r->errors,
      beats_members);
  beats->tempo = read_number (&b, "tempo", TRUE, NAN);
  beats->times = read_numbers (&b, "times", TRUE, NAN);
  if (beats->times == NULL)
    beats->times = g_array_new (FALSE, TRUE, sizeof (gdouble));
  res = reel_read_double (&b, "confidence", FALSE, &beats->confidence);
  beats->has_confidence = res != REEL_READ_ABSENT;
  if (res == REEL_READ_BAD)
    beats->confidence = NAN;
  beats->onsets = read_numbers (&b, "onsets", FALSE, NAN);
  return beats;
}

static ReelAnalysisLoudness *
parse_loudness (ReelReader *r)
{
  g_autofree gchar *path = reel_reader_path (r, "loudness");
  g_auto (ReelReader) l = { 0 };
  ReelAnalysisLoudness *loudness;
  ReelRead res;

  if (reel_read_object (r, "loudness", FALSE, &(JsonNode *){ NULL })
      != REEL_READ_OK)
    return NULL;
  loudness = g_new0 (ReelAnalysisLoudness, 1);
  reel_reader_init (&l, reel_reader_node (r, "loudness"), path, r->errors,
      loudness_members);
  /* null is allowed for the two that are minus infinity on silence */
  res = reel_read_nullable_double (&l, "integrated", &loudness->has_integrated,
      &loudness->integrated);
  if (res == REEL_READ_BAD)
    loudness->integrated = NAN;
  if (res == REEL_READ_ABSENT
      && json_object_get_member (l.object, "integrated") == NULL) {
    g_autofree gchar *p = reel_reader_path (&l, "integrated");

    reel_field_errors_add (r->errors, p, "is required (null when silent)");
  }
  loudness->range = read_number (&l, "range", TRUE, NAN);
  res = reel_read_nullable_double (&l, "true_peak", &loudness->has_true_peak,
      &loudness->true_peak);
  if (res == REEL_READ_BAD)
    loudness->true_peak = NAN;

  if (reel_read_object (&l, "short_term", FALSE, &(JsonNode *){ NULL })
      == REEL_READ_OK) {
    g_autofree gchar *sp = reel_reader_path (&l, "short_term");
    g_auto (ReelReader) s = { 0 };

    reel_reader_init (&s, reel_reader_node (&l, "short_term"), sp, r->errors,
        short_term_members);
    loudness->short_term_interval = read_number (&s, "interval", TRUE, NAN);
    /* null is silence: minus infinity */
    loudness->short_term = read_numbers (&s, "values", TRUE, -INFINITY);
    if (loudness->short_term == NULL)
      loudness->short_term = g_array_new (FALSE, TRUE, sizeof (gdouble));
  }
  return loudness;
}

static GArray *
parse_motion (ReelReader *r)
{
  g_autofree gchar *path = reel_reader_path (r, "motion");
  JsonArray *array = NULL;
  GArray *samples;

  if (reel_read_array (r, "motion", FALSE, &array) != REEL_READ_OK)
    return NULL;
  samples = g_array_new (FALSE, TRUE, sizeof (ReelAnalysisSample));
  for (guint i = 0; i < json_array_get_length (array); i++) {
    g_auto (ReelReader) e = { 0 };
    g_autofree gchar *ep = reel_path_index (path, i);
    ReelAnalysisSample s = { NAN, NAN };

    if (reel_reader_init (&e, json_array_get_element (array, i), ep, r->errors,
            motion_members)) {
      s.time = read_number (&e, "time", TRUE, NAN);
      s.value = read_number (&e, "value", TRUE, NAN);
    }
    g_array_append_val (samples, s);
  }
  return samples;
}

static GPtrArray *
parse_thumbnails (ReelReader *r)
{
  g_autofree gchar *path = reel_reader_path (r, "thumbnails");
  JsonArray *array = NULL;
  GPtrArray *thumbs;

  if (reel_read_array (r, "thumbnails", FALSE, &array) != REEL_READ_OK)
    return NULL;
  thumbs = g_ptr_array_new_with_free_func ((GDestroyNotify) thumbnail_free);
  for (guint i = 0; i < json_array_get_length (array); i++) {
    g_auto (ReelReader) e = { 0 };
    g_autofree gchar *ep = reel_path_index (path, i);
    ReelAnalysisThumbnail *t = g_new0 (ReelAnalysisThumbnail, 1);

    t->time = NAN;
    if (reel_reader_init (&e, json_array_get_element (array, i), ep, r->errors,
            thumbnail_members)) {
      ReelRead res;

      t->time = read_number (&e, "time", TRUE, NAN);
      reel_read_string (&e, "url", TRUE, &t->url);
      if (reel_read_gint (&e, "width", FALSE, &t->width) == REEL_READ_BAD)
        t->width = 0;
      if (reel_read_gint (&e, "height", FALSE, &t->height) == REEL_READ_BAD)
        t->height = 0;
      res = reel_read_gint (&e, "scene", FALSE, &t->scene);
      t->has_scene = res == REEL_READ_OK;
      if (reel_read_boolean (&e, "poster", FALSE, &t->poster) == REEL_READ_BAD)
        t->poster = FALSE;
    }
    g_ptr_array_add (thumbs, t);
  }
  return thumbs;
}

static GPtrArray *
parse_missing (ReelReader *r)
{
  g_autofree gchar *path = reel_reader_path (r, "missing");
  JsonArray *array = NULL;
  GPtrArray *missing;

  if (reel_read_array (r, "missing", FALSE, &array) != REEL_READ_OK)
    return NULL;
  missing = g_ptr_array_new_with_free_func ((GDestroyNotify) missing_free);
  for (guint i = 0; i < json_array_get_length (array); i++) {
    g_auto (ReelReader) e = { 0 };
    g_autofree gchar *ep = reel_path_index (path, i);
    ReelAnalysisMissing *m = g_new0 (ReelAnalysisMissing, 1);

    if (reel_reader_init (&e, json_array_get_element (array, i), ep, r->errors,
            missing_members)) {
      reel_read_string (&e, "analyser", TRUE, &m->analyser);
      reel_read_string (&e, "reason", TRUE, &m->reason);
    }
    g_ptr_array_add (missing, m);
  }
  return missing;
}

static ReelAnalysis *
parse_analysis (JsonNode *node, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  g_autoptr (ReelAnalysis) a = NULL;
  gint version, status = REEL_ANALYSIS_COMPLETE;
  ReelRead res;

  if (!reel_reader_init (&r, node, NULL, errors, NULL))
    return NULL;
  if (!reel_model_read_version (&r, "analysis", FALSE, &version))
    return NULL;
  reel_model_check_kind (&r, "analysis");

  a = reel_analysis_new (NULL);
  a->version = version;
  if (reel_read_string (&r, "media", TRUE, &a->media) == REEL_READ_BAD)
    a->_broken |= A_MEDIA;
  if (reel_read_enum (&r, "status", FALSE, statuses, &status) == REEL_READ_BAD)
    a->_broken |= A_STATUS;
  a->status = (ReelAnalysisStatus) status;
  res = reel_read_nullable_double (&r, "duration", &a->has_duration,
      &a->duration);
  if (res == REEL_READ_BAD)
    a->_broken |= A_DURATION;
  a->missing = parse_missing (&r);
  res = reel_read_object (&r, "probe", FALSE, &(JsonNode *){ NULL });
  if (res == REEL_READ_OK)
    reel_read_json (&r, "probe", FALSE, &a->probe);
  else if (res == REEL_READ_BAD)
    a->_broken |= A_PROBE;

  a->scenes = parse_spans (&r, "scenes", TRUE);
  a->beats = parse_beats (&r);
  a->loudness = parse_loudness (&r);
  a->silences = parse_spans (&r, "silences", FALSE);
  a->motion = parse_motion (&r);
  a->black = parse_spans (&r, "black", FALSE);
  a->thumbnails = parse_thumbnails (&r);
  reel_read_json (&r, "waveform", FALSE, &a->waveform);

  json_object_unref (a->sections);
  a->sections = reel_reader_take_extra (&r, analysis_known);
  return g_steal_pointer (&a);
}

/* ---- validating ------------------------------------------------------- */

typedef struct {
  ReelFieldErrors *errors;
  gboolean from_json; /* NaN: failed to read, already reported */
  gboolean has_duration;
  gdouble duration;
} Check;

/* Whether @v can be checked; reports a NaN built in code. */
static gboolean
usable (Check *c, gdouble v, const gchar *path)
{
  if (isfinite (v))
    return TRUE;
  if (!c->from_json)
    reel_field_errors_add (c->errors, path, "must be a finite number");
  return FALSE;
}

static gboolean
check_time (Check *c, gdouble t, const gchar *path)
{
  if (!usable (c, t, path))
    return FALSE;
  if (t < 0) {
    reel_field_errors_add (c->errors, path, "must not be negative");
    return FALSE;
  }
  if (c->has_duration && t > c->duration + SLACK) {
    reel_field_errors_add (c->errors, path,
        "must not be after the end of "
        "the media (%g s)",
        c->duration);
    return FALSE;
  }
  return TRUE;
}

static void
validate_transition (Check *c, ReelAnalysisSpan *s, const gchar *ep)
{
  g_autofree gchar *tp = reel_path_member (ep, "transition");
  g_autofree gchar *sp = reel_path_member (tp, "start");
  g_autofree gchar *np = reel_path_member (tp, "end");
  ReelAnalysisTransition *t = &s->transition;
  gboolean start_ok = check_time (c, t->start, sp);
  gboolean end_ok = check_time (c, t->end, np);

  if (!c->from_json
      && reel_analysis_transition_kind_to_string (t->kind) == NULL) {
    g_autofree gchar *kp = reel_path_member (tp, "kind");

    reel_field_errors_add (c->errors, kp,
        "must be one of \"cut\", \"dissolve\", \"fade\"");
  }
  if (start_ok && end_ok && t->end < t->start) {
    reel_field_errors_add (c->errors, np, "must not be before start (%g s)",
        t->start);
    return;
  }
  /* It leads into the scene: it cannot end before the scene starts or start
   * after it ends. */
  if (start_ok && end_ok && isfinite (s->start) && isfinite (s->end)
      && (t->end < s->start - SLACK || t->start > s->end + SLACK))
    reel_field_errors_add (c->errors, tp,
        "must touch its scene (%g to %g s), not lie at %g to %g s", s->start,
        s->end, t->start, t->end);
}

static void
validate_spans (Check *c, GArray *spans, const gchar *name)
{
  gdouble prev_end = NAN;

  for (guint i = 0; spans != NULL && i < spans->len; i++) {
    ReelAnalysisSpan *s = &g_array_index (spans, ReelAnalysisSpan, i);
    g_autofree gchar *ep = g_strdup_printf ("%s[%u]", name, i);
    g_autofree gchar *sp = reel_path_member (ep, "start");
    g_autofree gchar *np = reel_path_member (ep, "end");
    gboolean start_ok = check_time (c, s->start, sp);
    gboolean end_ok = check_time (c, s->end, np);

    if (start_ok && end_ok && s->end <= s->start) {
      reel_field_errors_add (c->errors, np, "must be after start (%g s)",
          s->start);
      end_ok = FALSE;
    }
    if (start_ok && isfinite (prev_end) && s->start < prev_end)
      reel_field_errors_add (c->errors, sp,
          "must not be before the end of "
          "%s[%u] (%g s): sorted, without overlaps",
          name, i - 1, prev_end);
    if (s->has_score) {
      g_autofree gchar *scp = reel_path_member (ep, "score");

      if (usable (c, s->score, scp))
        reel_model_check_range (s->score, 0, 1, scp, c->errors);
    }
    if (s->has_transition)
      validate_transition (c, s, ep);
    prev_end = end_ok ? s->end : NAN;
  }
}

/* Times that increase, each within the media. */
static void
validate_times (Check *c, GArray *times, const gchar *path, const gchar *what)
{
  gdouble prev = NAN;

  for (guint i = 0; times != NULL && i < times->len; i++) {
    gdouble t = g_array_index (times, gdouble, i);
    g_autofree gchar *p = reel_path_index (path, i);
    gboolean ok = check_time (c, t, p);

    if (ok && isfinite (prev) && t <= prev)
      reel_field_errors_add (c->errors, p,
          "must be after the previous %s (%g s)", what, prev);
    prev = ok ? t : NAN;
  }
}

static void
validate_beats (Check *c, ReelAnalysisBeats *b)
{
  if (usable (c, b->tempo, "beats.tempo")
      && !(b->tempo > 0 && b->tempo <= TEMPO_MAX))
    reel_field_errors_add (c->errors, "beats.tempo",
        "must be greater than 0 "
        "and at most %g beats per minute (not %g)",
        TEMPO_MAX, b->tempo);
  validate_times (c, b->times, "beats.times", "beat");
  if (b->has_confidence && usable (c, b->confidence, "beats.confidence"))
    reel_model_check_range (b->confidence, 0, 1, "beats.confidence", c->errors);
  validate_times (c, b->onsets, "beats.onsets", "onset");
}

static void
validate_loudness (Check *c, ReelAnalysisLoudness *l)
{
  if (l->has_integrated)
    usable (c, l->integrated, "loudness.integrated");
  if (l->has_true_peak)
    usable (c, l->true_peak, "loudness.true_peak");
  if (usable (c, l->range, "loudness.range") && l->range < 0)
    reel_field_errors_add (c->errors, "loudness.range",
        "must not be "
        "negative");
  if (l->short_term == NULL)
    return;
  if (usable (c, l->short_term_interval, "loudness.short_term.interval")
      && l->short_term_interval <= 0)
    reel_field_errors_add (c->errors, "loudness.short_term.interval",
        "must be greater than 0 (not %g)", l->short_term_interval);
  for (guint i = 0; i < l->short_term->len; i++) {
    gdouble v = g_array_index (l->short_term, gdouble, i);
    g_autofree gchar *p = g_strdup_printf ("loudness.short_term.values[%u]", i);

    /* minus infinity is silence, written as null */
    if (!(isinf (v) && v < 0))
      usable (c, v, p);
  }
}

static void
validate_thumbnails (Check *c, GPtrArray *thumbnails)
{
  gint poster = -1;

  for (guint i = 0; thumbnails != NULL && i < thumbnails->len; i++) {
    ReelAnalysisThumbnail *t = g_ptr_array_index (thumbnails, i);
    g_autofree gchar *tp = g_strdup_printf ("thumbnails[%u].time", i);
    g_autofree gchar *up = g_strdup_printf ("thumbnails[%u].url", i);

    check_time (c, t->time, tp);
    /* a URL that failed to read was reported then */
    if (t->url == NULL && !c->from_json)
      reel_field_errors_add (c->errors, up, "is required");
    else if (t->url != NULL && t->url[0] == '\0')
      reel_field_errors_add (c->errors, up, "must not be empty");
    if (t->width < 0 || t->height < 0) {
      g_autofree gchar *wp = g_strdup_printf ("thumbnails[%u]", i);

      reel_field_errors_add (c->errors, wp,
          "width and height must not be "
          "negative");
    }
    if (t->has_scene && t->scene < 0) {
      g_autofree gchar *sp = g_strdup_printf ("thumbnails[%u].scene", i);

      reel_field_errors_add (c->errors, sp,
          "must be a scene index, 0 or more (not %d)", t->scene);
    }
    if (t->poster && poster >= 0) {
      g_autofree gchar *pp = g_strdup_printf ("thumbnails[%u].poster", i);

      reel_field_errors_add (c->errors, pp,
          "only one thumbnail is the poster (thumbnails[%d] is already)",
          poster);
    } else if (t->poster) {
      poster = (gint) i;
    }
  }
}

/* An integer member of the waveform, reported when wrong; -1 when absent
 * or wrong. */
static gint64
waveform_int (ReelReader *w, const gchar *member, gboolean required, gint64 min,
    gint64 max)
{
  g_autofree gchar *p = reel_reader_path (w, member);
  gint64 v = -1;
  ReelRead res = reel_read_int (w, member, required, &v);

  if (res != REEL_READ_OK)
    return -1;
  if (v < min || v > max) {
    reel_field_errors_add (w->errors, p,
        "must be from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
        " (not %" G_GINT64_FORMAT ")",
        min, max, v);
    return -1;
  }
  return v;
}

/* audiowaveform's JSON layout (version 2; version 1 has no channels):
 * `data` holds, for each of `length` points and each channel, a minimum and
 * a maximum sample within the range of `bits`. */
static void
validate_waveform (Check *c, JsonNode *node)
{
  g_auto (ReelReader) w = { 0 };
  gint64 version, channels, bits, length;
  JsonArray *data = NULL;
  gint64 lo, hi;

  if (!reel_reader_init (&w, node, "waveform", c->errors, waveform_members))
    return;
  version = waveform_int (&w, "version", TRUE, 1, 2);
  channels = waveform_int (&w, "channels", version == 2, 1, 32);
  if (version == 1 && reel_reader_node (&w, "channels") == NULL)
    channels = 1;
  waveform_int (&w, "sample_rate", TRUE, 1, 10000000);
  waveform_int (&w, "samples_per_pixel", TRUE, 1, G_MAXINT32);
  bits = waveform_int (&w, "bits", TRUE, 0, G_MAXINT32);
  if (bits != -1 && bits != 8 && bits != 16) {
    reel_field_errors_add (c->errors, "waveform.bits",
        "must be 8 or 16 (not %" G_GINT64_FORMAT ")", bits);
    bits = -1;
  }
  length = waveform_int (&w, "length", TRUE, 0, WAVEFORM_MAX_POINTS);
  if (reel_read_array (&w, "data", TRUE, &data) != REEL_READ_OK)
    return;
  if (length >= 0 && channels > 0
      && (gint64) json_array_get_length (data) != length * 2 * channels) {
    reel_field_errors_add (c->errors, "waveform.data",
        "must hold length × 2 × channels = %" G_GINT64_FORMAT
        " values (min and max per point and channel), not %u",
        length * 2 * channels, json_array_get_length (data));
    return;
  }
  lo = bits == 16 ? -32768 : -128;
  hi = bits == 16 ? 32767 : 127;
  for (guint i = 0; i < json_array_get_length (data); i++) {
    JsonNode *e = json_array_get_element (data, i);
    g_autofree gchar *p = NULL;

    if (JSON_NODE_HOLDS_VALUE (e)
        && json_node_get_value_type (e) == G_TYPE_INT64
        && (bits == -1
            || (json_node_get_int (e) >= lo && json_node_get_int (e) <= hi)))
      continue;
    /* One report is enough for a list this long. */
    p = g_strdup_printf ("waveform.data[%u]", i);
    if (JSON_NODE_HOLDS_VALUE (e)
        && json_node_get_value_type (e) == G_TYPE_INT64)
      reel_field_errors_add (c->errors, p,
          "must be from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
          " for %" G_GINT64_FORMAT "-bit data (not %" G_GINT64_FORMAT ")",
          lo, hi, bits, json_node_get_int (e));
    else
      reel_field_errors_add (c->errors, p, "must be an integer");
    break;
  }
}

static gboolean
has_section (ReelAnalysis *a, const gchar *name)
{
  if (g_str_equal (name, "scenes"))
    return a->scenes != NULL;
  if (g_str_equal (name, "beats"))
    return a->beats != NULL;
  if (g_str_equal (name, "loudness"))
    return a->loudness != NULL;
  if (g_str_equal (name, "silences"))
    return a->silences != NULL;
  if (g_str_equal (name, "motion"))
    return a->motion != NULL;
  if (g_str_equal (name, "black"))
    return a->black != NULL;
  if (g_str_equal (name, "thumbnails"))
    return a->thumbnails != NULL;
  if (g_str_equal (name, "waveform"))
    return a->waveform != NULL;
  return json_object_has_member (a->sections, name);
}

static void
validate_missing (ReelAnalysis *a, ReelFieldErrors *errors, gboolean from_json)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (a->missing == NULL)
    return;
  if (a->missing->len > 0 && (a->_broken & A_STATUS) == 0
      && a->status == REEL_ANALYSIS_COMPLETE)
    reel_field_errors_add (errors, "status",
        "must be \"partial\" (or \"pending\") when analysers are missing, "
        "not \"complete\"");
  for (guint i = 0; i < a->missing->len; i++) {
    ReelAnalysisMissing *m = g_ptr_array_index (a->missing, i);
    g_autofree gchar *ap = g_strdup_printf ("missing[%u].analyser", i);
    g_autofree gchar *rp = g_strdup_printf ("missing[%u].reason", i);

    if (m->analyser != NULL || !from_json) {
      guint before = reel_field_errors_get_count (errors);

      reel_model_check_name (m->analyser, ap, errors);
      if (reel_field_errors_get_count (errors) == before) {
        if (!g_hash_table_add (seen, m->analyser))
          reel_field_errors_add (errors, ap, "'%s' is listed twice",
              m->analyser);
        else if (has_section (a, m->analyser))
          reel_field_errors_add (errors, ap,
              "'%s' has a section: it is not missing", m->analyser);
      }
    }
    if (m->reason == NULL && !from_json)
      reel_field_errors_add (errors, rp, "is required");
    else if (m->reason != NULL && m->reason[0] == '\0')
      reel_field_errors_add (errors, rp, "must say why");
  }
}

static void
validate_analysis (ReelAnalysis *a, ReelFieldErrors *errors, gboolean from_json)
{
  Check c = { errors, from_json, FALSE, 0 };

  if (a->version != REEL_ANALYSIS_VERSION)
    reel_field_errors_add (errors, "version", "must be %d (not %d)",
        REEL_ANALYSIS_VERSION, a->version);
  if ((a->_broken & A_MEDIA) == 0)
    reel_model_check_id (a->media, "media", errors);
  if ((a->_broken & A_DURATION) == 0) {
    if (a->has_duration && usable (&c, a->duration, "duration")) {
      if (a->duration < 0)
        reel_field_errors_add (errors, "duration", "must not be negative");
      else
        c.has_duration = TRUE, c.duration = a->duration;
    } else if (!a->has_duration && (a->_broken & A_STATUS) == 0
               && a->status != REEL_ANALYSIS_PENDING) {
      reel_field_errors_add (errors, "duration",
          "is required unless status "
          "is \"pending\"");
    }
  }
  validate_missing (a, errors, from_json);
  if (a->probe != NULL && (a->_broken & A_PROBE) == 0)
    reel_media_probe_check (a->probe, errors);

  validate_spans (&c, a->scenes, "scenes");
  validate_spans (&c, a->silences, "silences");
  if (a->beats != NULL)
    validate_beats (&c, a->beats);
  if (a->loudness != NULL)
    validate_loudness (&c, a->loudness);

  if (a->motion != NULL) {
    gdouble prev = NAN;

    for (guint i = 0; i < a->motion->len; i++) {
      ReelAnalysisSample *s = &g_array_index (a->motion, ReelAnalysisSample, i);
      g_autofree gchar *tp = g_strdup_printf ("motion[%u].time", i);
      g_autofree gchar *vp = g_strdup_printf ("motion[%u].value", i);
      gboolean ok = check_time (&c, s->time, tp);

      if (ok && isfinite (prev) && s->time <= prev)
        reel_field_errors_add (errors, tp,
            "must be after the previous "
            "sample (%g s)",
            prev);
      if (usable (&c, s->value, vp) && s->value < 0)
        reel_field_errors_add (errors, vp, "must not be negative");
      prev = ok ? s->time : NAN;
    }
  }
  validate_spans (&c, a->black, "black");
  validate_thumbnails (&c, a->thumbnails);
  if (a->waveform != NULL)
    validate_waveform (&c, a->waveform);
}

/**
 * reel_analysis_validate:
 * @errors: (nullable): where to report each broken rule
 *
 * Returns: %TRUE when @analysis follows the rules in reel-analysis.c
 */
gboolean
reel_analysis_validate (ReelAnalysis *analysis, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();

  g_return_val_if_fail (analysis != NULL, FALSE);

  validate_analysis (analysis, local, FALSE);
  reel_model_copy_errors (local, errors);
  return reel_field_errors_get_count (local) == 0;
}

/**
 * reel_analysis_new_from_json:
 * @node: a JSON document
 * @errors: (nullable): where to report every error, with its path
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL when @node is
 *   not a valid one
 */
ReelAnalysis *
reel_analysis_new_from_json (JsonNode *node, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();
  ReelAnalysis *a;

  g_return_val_if_fail (node != NULL, NULL);

  a = parse_analysis (node, local);
  if (a != NULL)
    validate_analysis (a, local, TRUE);
  return reel_model_finish (a, (GDestroyNotify) reel_analysis_free, local,
      errors);
}

/* ---- writing ---------------------------------------------------------- */

static void
set_number_or_null (JsonObject *o, const gchar *member, gboolean set, gdouble v)
{
  if (set)
    json_object_set_double_member (o, member, v);
  else
    json_object_set_null_member (o, member);
}

static JsonArray *
numbers_to_json (GArray *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < values->len; i++) {
    gdouble v = g_array_index (values, gdouble, i);

    if (isinf (v) && v < 0)
      json_array_add_null_element (array);
    else
      json_array_add_double_element (array, v);
  }
  return array;
}

static JsonArray *
spans_to_json (GArray *spans)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < spans->len; i++) {
    ReelAnalysisSpan *s = &g_array_index (spans, ReelAnalysisSpan, i);
    JsonObject *o = json_object_new ();

    json_object_set_double_member (o, "start", s->start);
    json_object_set_double_member (o, "end", s->end);
    if (s->has_score)
      json_object_set_double_member (o, "score", s->score);
    if (s->has_transition) {
      JsonObject *t = json_object_new ();
      const gchar *kind =
          reel_analysis_transition_kind_to_string (s->transition.kind);

      reel_json_set_nullable_string (t, "kind", kind);
      json_object_set_double_member (t, "start", s->transition.start);
      json_object_set_double_member (t, "end", s->transition.end);
      json_object_set_object_member (o, "transition", t);
    }
    json_array_add_object_element (array, o);
  }
  return array;
}

static void
write_section (ReelAnalysis *a, JsonObject *o, const gchar *name)
{
  if (g_str_equal (name, "scenes") && a->scenes != NULL) {
    json_object_set_array_member (o, "scenes", spans_to_json (a->scenes));
  } else if (g_str_equal (name, "beats") && a->beats != NULL) {
    JsonObject *b = json_object_new ();

    json_object_set_double_member (b, "tempo", a->beats->tempo);
    json_object_set_array_member (b, "times",
        numbers_to_json (a->beats->times));
    if (a->beats->has_confidence)
      json_object_set_double_member (b, "confidence", a->beats->confidence);
    if (a->beats->onsets != NULL)
      json_object_set_array_member (b, "onsets",
          numbers_to_json (a->beats->onsets));
    json_object_set_object_member (o, "beats", b);
  } else if (g_str_equal (name, "loudness") && a->loudness != NULL) {
    ReelAnalysisLoudness *l = a->loudness;
    JsonObject *lo = json_object_new ();

    set_number_or_null (lo, "integrated", l->has_integrated, l->integrated);
    json_object_set_double_member (lo, "range", l->range);
    set_number_or_null (lo, "true_peak", l->has_true_peak, l->true_peak);
    if (l->short_term != NULL) {
      JsonObject *st = json_object_new ();

      json_object_set_double_member (st, "interval", l->short_term_interval);
      json_object_set_array_member (st, "values",
          numbers_to_json (l->short_term));
      json_object_set_object_member (lo, "short_term", st);
    }
    json_object_set_object_member (o, "loudness", lo);
  } else if (g_str_equal (name, "silences") && a->silences != NULL) {
    json_object_set_array_member (o, "silences", spans_to_json (a->silences));
  } else if (g_str_equal (name, "motion") && a->motion != NULL) {
    JsonArray *m = json_array_new ();

    for (guint i = 0; i < a->motion->len; i++) {
      ReelAnalysisSample *s = &g_array_index (a->motion, ReelAnalysisSample, i);
      JsonObject *so = json_object_new ();

      json_object_set_double_member (so, "time", s->time);
      json_object_set_double_member (so, "value", s->value);
      json_array_add_object_element (m, so);
    }
    json_object_set_array_member (o, "motion", m);
  } else if (g_str_equal (name, "black") && a->black != NULL) {
    json_object_set_array_member (o, "black", spans_to_json (a->black));
  } else if (g_str_equal (name, "thumbnails") && a->thumbnails != NULL) {
    JsonArray *t = json_array_new ();

    for (guint i = 0; i < a->thumbnails->len; i++) {
      ReelAnalysisThumbnail *th = g_ptr_array_index (a->thumbnails, i);
      JsonObject *to = json_object_new ();

      json_object_set_double_member (to, "time", th->time);
      reel_json_set_nullable_string (to, "url", th->url);
      if (th->width > 0)
        json_object_set_int_member (to, "width", th->width);
      if (th->height > 0)
        json_object_set_int_member (to, "height", th->height);
      if (th->has_scene)
        json_object_set_int_member (to, "scene", th->scene);
      if (th->poster)
        json_object_set_boolean_member (to, "poster", TRUE);
      json_array_add_object_element (t, to);
    }
    json_object_set_array_member (o, "thumbnails", t);
  } else if (g_str_equal (name, "waveform") && a->waveform != NULL) {
    json_object_set_member (o, "waveform", json_node_copy (a->waveform));
  }
}

/**
 * reel_analysis_to_json:
 *
 * Writes `version`, `media`, `status`, `duration`, `missing` and `probe`
 * when set, then the sections that are present, plugin sections after
 * reel's own.
 *
 * Returns: (transfer full): the ANALYSIS document
 */
JsonNode *
reel_analysis_to_json (ReelAnalysis *analysis)
{
  ReelAnalysis *a = analysis;
  JsonObject *o;
  JsonNode *node;

  g_return_val_if_fail (analysis != NULL, NULL);

  o = json_object_new ();
  json_object_set_int_member (o, "version", a->version);
  reel_json_set_nullable_string (o, "media", a->media);
  json_object_set_string_member (o, "status",
      reel_analysis_status_to_string (a->status));
  set_number_or_null (o, "duration", a->has_duration, a->duration);
  if (a->missing != NULL) {
    JsonArray *m = json_array_new ();

    for (guint i = 0; i < a->missing->len; i++) {
      ReelAnalysisMissing *mi = g_ptr_array_index (a->missing, i);
      JsonObject *mo = json_object_new ();

      reel_json_set_nullable_string (mo, "analyser", mi->analyser);
      reel_json_set_nullable_string (mo, "reason", mi->reason);
      json_array_add_object_element (m, mo);
    }
    json_object_set_array_member (o, "missing", m);
  }
  if (a->probe != NULL)
    json_object_set_member (o, "probe", json_node_copy (a->probe));
  for (guint i = 0; typed_sections[i] != NULL; i++)
    write_section (a, o, typed_sections[i]);
  reel_json_merge_extra (o, a->sections);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

/**
 * reel_analysis_copy:
 *
 * Returns: (transfer full): a deep copy
 */
ReelAnalysis *
reel_analysis_copy (ReelAnalysis *analysis)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelAnalysis *copy;

  g_return_val_if_fail (analysis != NULL, NULL);

  node = reel_analysis_to_json (analysis);
  copy = parse_analysis (node, errors);
  return copy != NULL ? copy : reel_analysis_new (analysis->media);
}
