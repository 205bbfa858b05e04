/* reel — the ANALYSIS document: reading, checking and writing it (see
 * reel-analysis.h).
 *
 * Rules beyond the schema: a valid media id; `duration` ≥ 0, required
 * unless the status is "pending"; scenes and silences each have
 * 0 ≤ start < end ≤ duration and are sorted without overlapping; beats have
 * a tempo in (0, 1000] and increasing times within the duration; motion
 * samples have increasing times within the duration and values ≥ 0;
 * thumbnails have a time within the duration and a URL; loudness range is
 * ≥ 0. "Within the duration" allows 1 ms of rounding.
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
};

#define SLACK 0.001
#define TEMPO_MAX 1000.0

static const gchar *const statuses[] = { "complete", "partial", "pending",
  NULL };
static const gchar *const analysis_known[] = { "$schema", "kind", "version",
  "media", "status", "duration", "scenes", "beats", "loudness", "silences",
  "motion", "thumbnails", "waveform", NULL };
static const gchar *const scene_members[] = { "start", "end", "score", NULL };
static const gchar *const silence_members[] = { "start", "end", NULL };
static const gchar *const beats_members[] = { "tempo", "times", NULL };
static const gchar *const loudness_members[] = { "integrated", "range",
  "true_peak", NULL };
static const gchar *const motion_members[] = { "time", "value", NULL };
static const gchar *const thumbnail_members[] = { "time", "url", "width",
  "height", NULL };

G_DEFINE_BOXED_TYPE (ReelAnalysis, reel_analysis, reel_analysis_copy,
    reel_analysis_free)

static void
thumbnail_free (ReelAnalysisThumbnail *t)
{
  g_free (t->url);
  g_free (t);
}

static void
beats_free (ReelAnalysisBeats *b)
{
  if (b == NULL)
    return;
  g_array_unref (b->times);
  g_free (b);
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
  g_clear_pointer (&analysis->scenes, g_array_unref);
  beats_free (analysis->beats);
  g_free (analysis->loudness);
  g_clear_pointer (&analysis->silences, g_array_unref);
  g_clear_pointer (&analysis->motion, g_array_unref);
  g_clear_pointer (&analysis->thumbnails, g_ptr_array_unref);
  g_clear_pointer (&analysis->waveform, json_node_unref);
  g_clear_pointer (&analysis->sections, json_object_unref);
  g_free (analysis);
}

/**
 * reel_analysis_status_to_string:
 * @status: a value of the enum
 *
 * Returns: (transfer none) (nullable): the status's name, as in JSON; %NULL for a value
 *   out of range
 */
const gchar *
reel_analysis_status_to_string (ReelAnalysisStatus status)
{
  return reel_model_enum_to_string (statuses, status);
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

static GArray *
parse_spans (ReelReader *r, const gchar *member, gboolean scores)
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
            scores ? scene_members : silence_members)) {
      span.start = read_number (&e, "start", TRUE, NAN);
      span.end = read_number (&e, "end", TRUE, NAN);
      if (scores) {
        ReelRead res = reel_read_double (&e, "score", FALSE, &span.score);

        span.has_score = res != REEL_READ_ABSENT;
        if (res == REEL_READ_BAD)
          span.score = NAN;
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
  JsonArray *times = NULL;

  if (reel_read_object (r, "beats", FALSE, &(JsonNode *){ NULL })
      != REEL_READ_OK)
    return NULL;
  beats = g_new0 (ReelAnalysisBeats, 1);
  beats->times = g_array_new (FALSE, TRUE, sizeof (gdouble));
  reel_reader_init (&b, reel_reader_node (r, "beats"), path, r->errors,
      beats_members);
  beats->tempo = read_number (&b, "tempo", TRUE, NAN);
  if (reel_read_array (&b, "times", TRUE, &times) == REEL_READ_OK) {
    g_autofree gchar *tp = reel_reader_path (&b, "times");

    for (guint i = 0; i < json_array_get_length (times); i++) {
      g_autofree gchar *ip = reel_path_index (tp, i);
      gdouble t = NAN;

      if (reel_node_double (json_array_get_element (times, i), ip, r->errors,
              &t)
          != REEL_READ_OK)
        t = NAN;
      g_array_append_val (beats->times, t);
    }
  }
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
      t->time = read_number (&e, "time", TRUE, NAN);
      reel_read_string (&e, "url", TRUE, &t->url);
      if (reel_read_gint (&e, "width", FALSE, &t->width) == REEL_READ_BAD)
        t->width = 0;
      if (reel_read_gint (&e, "height", FALSE, &t->height) == REEL_READ_BAD)
        t->height = 0;
    }
    g_ptr_array_add (thumbs, t);
  }
  return thumbs;
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

  a->scenes = parse_spans (&r, "scenes", TRUE);
  a->beats = parse_beats (&r);
  a->loudness = parse_loudness (&r);
  a->silences = parse_spans (&r, "silences", FALSE);
  a->motion = parse_motion (&r);
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
    prev_end = end_ok ? s->end : NAN;
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

  validate_spans (&c, a->scenes, "scenes");
  validate_spans (&c, a->silences, "silences");

  if (a->beats != NULL) {
    gdouble prev = NAN;

    if (usable (&c, a->beats->tempo, "beats.tempo")
        && !(a->beats->tempo > 0 && a->beats->tempo <= TEMPO_MAX))
      reel_field_errors_add (errors, "beats.tempo",
          "must be greater than 0 "
          "and at most %g beats per minute (not %g)",
          TEMPO_MAX, a->beats->tempo);
    for (guint i = 0; i < a->beats->times->len; i++) {
      gdouble t = g_array_index (a->beats->times, gdouble, i);
      g_autofree gchar *p = g_strdup_printf ("beats.times[%u]", i);
      gboolean ok = check_time (&c, t, p);

      if (ok && isfinite (prev) && t <= prev)
        reel_field_errors_add (errors, p,
            "must be after the previous beat "
            "(%g s)",
            prev);
      prev = ok ? t : NAN;
    }
  }

  if (a->loudness != NULL) {
    ReelAnalysisLoudness *l = a->loudness;

    if (l->has_integrated)
      usable (&c, l->integrated, "loudness.integrated");
    if (l->has_true_peak)
      usable (&c, l->true_peak, "loudness.true_peak");
    if (usable (&c, l->range, "loudness.range") && l->range < 0)
      reel_field_errors_add (errors, "loudness.range",
          "must not be "
          "negative");
  }

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

  for (guint i = 0; a->thumbnails != NULL && i < a->thumbnails->len; i++) {
    ReelAnalysisThumbnail *t = g_ptr_array_index (a->thumbnails, i);
    g_autofree gchar *tp = g_strdup_printf ("thumbnails[%u].time", i);
    g_autofree gchar *up = g_strdup_printf ("thumbnails[%u].url", i);

    check_time (&c, t->time, tp);
    /* a URL that failed to read was reported then */
    if (t->url == NULL && !from_json)
      reel_field_errors_add (errors, up, "is required");
    else if (t->url != NULL && t->url[0] == '\0')
      reel_field_errors_add (errors, up, "must not be empty");
    if (t->width < 0 || t->height < 0) {
      g_autofree gchar *wp = g_strdup_printf ("thumbnails[%u]", i);

      reel_field_errors_add (errors, wp,
          "width and height must not be "
          "negative");
    }
  }
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
    json_array_add_object_element (array, o);
  }
  return array;
}

/**
 * reel_analysis_to_json:
 *
 * Writes the sections that are present, plugin sections after reel's own.
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
  if (a->scenes != NULL)
    json_object_set_array_member (o, "scenes", spans_to_json (a->scenes));
  if (a->beats != NULL) {
    JsonObject *b = json_object_new ();
    JsonArray *times = json_array_new ();

    json_object_set_double_member (b, "tempo", a->beats->tempo);
    for (guint i = 0; i < a->beats->times->len; i++)
      json_array_add_double_element (times,
          g_array_index (a->beats->times, gdouble, i));
    json_object_set_array_member (b, "times", times);
    json_object_set_object_member (o, "beats", b);
  }
  if (a->loudness != NULL) {
    JsonObject *l = json_object_new ();

    set_number_or_null (l, "integrated", a->loudness->has_integrated,
        a->loudness->integrated);
    json_object_set_double_member (l, "range", a->loudness->range);
    set_number_or_null (l, "true_peak", a->loudness->has_true_peak,
        a->loudness->true_peak);
    json_object_set_object_member (o, "loudness", l);
  }
  if (a->silences != NULL)
    json_object_set_array_member (o, "silences", spans_to_json (a->silences));
  if (a->motion != NULL) {
    JsonArray *m = json_array_new ();

    for (guint i = 0; i < a->motion->len; i++) {
      ReelAnalysisSample *s = &g_array_index (a->motion, ReelAnalysisSample, i);
      JsonObject *so = json_object_new ();

      json_object_set_double_member (so, "time", s->time);
      json_object_set_double_member (so, "value", s->value);
      json_array_add_object_element (m, so);
    }
    json_object_set_array_member (o, "motion", m);
  }
  if (a->thumbnails != NULL) {
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
      json_array_add_object_element (t, to);
    }
    json_object_set_array_member (o, "thumbnails", t);
  }
  if (a->waveform != NULL)
    json_object_set_member (o, "waveform", json_node_copy (a->waveform));
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
