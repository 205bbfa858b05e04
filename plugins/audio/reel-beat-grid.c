/* reel — the whole-track tempo and beat grid behind `reelbeats`.
 *
 * Input: the onset detection function of the whole stream, one value per
 * hop (aubio's spectral flux plus a low-band energy flux, see
 * gstreelbeats.c; REEL_BEAT_GRID_SILENT where aubio's silence gate closed),
 * and the beats aubio's running tracker predicted, in frames of that
 * function. Output: one tempo for the track, and its beats.
 *
 * 1. Envelope: the function compressed with log (1 + x / mean), so that a
 *    few loud hits do not drown the rest.
 * 2. Tempo: the autocovariance of the envelope over the whole track, scored
 *    for each candidate period between max-bpm and min-bpm by its first four
 *    multiples (a comb: the true period has peaks at 2, 3 and 4 times itself,
 *    while 2/3 or 4/3 of it — aubio's typical mistakes — have only some),
 *    weighted by a log-normal preference around 120 BPM (0.7 octave wide);
 *    a candidate must also recur itself (its own autocorrelation at least
 *    half its comb score), not only through its multiples. Between the winner and its 3/2, 2/3, 4/3 and 3/4 neighbours the comb
 *    alone decides, unless the preference puts the neighbour 20 % behind:
 *    the preference must not turn a fast track into aubio's 2/3 mistake.
 *    The period is then interpolated between frames.
 * 3. Metrical level: the comb cannot tell a click track at 174 BPM from one
 *    at 87 (every multiple agrees) and the preference leans to 87; when the
 *    onsets halfway between the beats are as strong as those on them (≥ 0.9
 *    of them, best phase), the faster level is the beat. Conversely, a slow
 *    click track (60 BPM) scores at 120 too (half its multiples hit) and the
 *    preference leans to 120; when every other beat is all but empty (under
 *    0.15 of the others), the slower level is the beat.
 * 4. Beats: dynamic programming over the envelope at that period (Ellis,
 *    "Beat tracking by dynamic programming", 2007): the chain of beats that
 *    collects the most onset strength, paying tightness · log (interval /
 *    period)² for every interval that strays. aubio's beats vote in it (half
 *    a standard deviation of the envelope each) when most of them are one
 *    period apart; a vote only tips a tie, so aubio's phase wins when the
 *    onsets allow it, and is overruled when aubio locked onto another tempo
 *    or onto the off-beats: the re-phasing. This also places the beats of
 *    the first seconds, before aubio's tracker predicts any.
 * 5. Each beat is moved to the onset peak within two frames (interpolated),
 *    and is "supported" when that peak is at least 0.3 times a typical
 *    beat's (the median). Beats on silent frames are dropped; unsupported
 *    runs at either end are trimmed (nothing is extrapolated past the music),
 *    and so are runs of more than four unsupported beats inside (the music
 *    stopped).
 * 6. The reported period is the mean interval between neighbouring supported
 *    beats one period apart, when that agrees within 4 %: the end-to-end
 *    slope of each run, far finer than a frame.
 */
#include "reel-beat-grid.h"

#include <math.h>
#include <string.h>

#define HARMONICS 4
#define PRIOR_BPM 120.0
#define PRIOR_OCTAVES 0.7
#define HALVE_RATIO 0.9
#define FUNDAMENTAL_SHARE 0.5
#define DOUBLE_RATIO 0.15
#define NEIGHBOUR_RATIO 0.8
#define IN_TEMPO_TOLERANCE 0.08
#define AUBIO_VOTE 0.5
#define TIGHTNESS 100.0
#define SNAP_RADIUS 2.0
#define SUPPORT_FRACTION 0.3
#define MAX_UNSUPPORTED_RUN 4

typedef struct {
  const gfloat *odf;
  gsize n;
  gdouble frame_rate;
  gfloat *env;
  gdouble *acf;
  gsize max_lag;
} Grid;

typedef struct {
  gdouble position;
  gdouble value;
  gboolean supported;
} Candidate;

static gdouble
period_to_bpm (const Grid *g, gdouble period)
{
  return 60.0 * g->frame_rate / period;
}

static gboolean
make_envelope (Grid *g)
{
  gdouble sum = 0.0, scale;
  gsize count = 0;

  for (gsize i = 0; i < g->n; i++) {
    if (g->odf[i] > 0.0f) {
      sum += g->odf[i];
      count++;
    }
  }
  if (count == 0 || sum <= 0.0)
    return FALSE;
  scale = sum / count;
  g->env = g_new (gfloat, g->n);
  for (gsize i = 0; i < g->n; i++)
    g->env[i] = g->odf[i] > 0.0f ? log1p (g->odf[i] / scale) : 0.0f;
  return TRUE;
}

/* The autocovariance of the envelope for lags 0…max_lag, normalised by its
 * value at 0 and by the number of terms (so long lags are not penalised).
 * About 0.3 s per hour of audio at the default hop. */
static gboolean
make_acf (Grid *g)
{
  g_autofree gfloat *d = g_new (gfloat, g->n);
  gdouble mean = 0.0;

  for (gsize i = 0; i < g->n; i++)
    mean += g->env[i];
  mean /= g->n;
  for (gsize i = 0; i < g->n; i++)
    d[i] = g->env[i] - mean;

  g->acf = g_new0 (gdouble, g->max_lag + 1);
  for (gsize lag = 0; lag <= g->max_lag; lag++) {
    gsize terms = g->n - lag;
    /* Four partial sums so that the compiler may vectorise the loop. */
    gfloat s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    gsize i = 0;

    for (; i + 4 <= terms; i += 4) {
      s0 += d[i] * d[i + lag];
      s1 += d[i + 1] * d[i + 1 + lag];
      s2 += d[i + 2] * d[i + 2 + lag];
      s3 += d[i + 3] * d[i + 3 + lag];
    }
    for (; i < terms; i++)
      s0 += d[i] * d[i + lag];
    g->acf[lag] = ((gdouble) s0 + s1 + s2 + s3) / terms;
  }
  if (g->acf[0] <= 0.0)
    return FALSE;
  for (gsize lag = 1; lag <= g->max_lag; lag++)
    g->acf[lag] /= g->acf[0];
  g->acf[0] = 1.0;
  return TRUE;
}

static gdouble
acf_peak (const Grid *g, gdouble center, gdouble radius)
{
  gssize lo = MAX ((gssize) floor (center - radius), 1);
  gssize hi = MIN ((gssize) ceil (center + radius), (gssize) g->max_lag);
  gdouble best = 0.0;

  for (gssize i = lo; i <= hi; i++)
    best = i == lo ? g->acf[i] : MAX (best, g->acf[i]);
  return best;
}

static gdouble
comb_score (const Grid *g, gdouble lag)
{
  gdouble score = 0.0;
  guint used = 0;

  for (guint k = 1; k <= HARMONICS; k++) {
    if (k * lag + 1 > g->max_lag)
      break;
    score += acf_peak (g, k * lag, MAX (1.0, k / 2.0));
    used++;
  }
  return used ? score / used : 0.0;
}

/* The autocorrelation's own peak within a frame of period (the comb and the
 * metrical choices work to a frame), interpolated between frames. */
static gdouble
refine_period (const Grid *g, gdouble period)
{
  gssize center = lround (period), peak = center;
  gdouble offset = 0.0;

  for (gssize lag = center - 1; lag <= center + 1; lag++)
    if (lag >= 1 && lag < (gssize) g->max_lag && g->acf[lag] > g->acf[peak])
      peak = lag;
  if (peak >= 2 && peak + 1 <= (gssize) g->max_lag) {
    gdouble a = g->acf[peak - 1], b = g->acf[peak], c = g->acf[peak + 1];

    if (a - 2 * b + c < 0.0)
      offset = CLAMP (0.5 * (a - c) / (a - 2 * b + c), -0.5, 0.5);
  }
  return peak + offset;
}

/* The period (in frames, fractional) that the comb and the preference agree
 * on, or 0. */
static gdouble
estimate_period (const Grid *g, gdouble min_bpm, gdouble max_bpm)
{
  gdouble lag_min = 60.0 * g->frame_rate / max_bpm;
  gdouble lag_max = 60.0 * g->frame_rate / min_bpm;
  static const gdouble ratios[] = { 2.0 / 3.0, 3.0 / 2.0, 3.0 / 4.0,
    4.0 / 3.0 };
  gdouble best_score = 0.0;
  gssize best = -1;

  for (gssize lag = MAX (2, (gssize) ceil (lag_min));
       lag <= (gssize) floor (lag_max) && lag + 1 <= (gssize) g->max_lag;
       lag++) {
    gdouble octaves = log2 (period_to_bpm (g, lag) / PRIOR_BPM) / PRIOR_OCTAVES;
    gdouble comb = comb_score (g, lag);
    gdouble score = comb * exp (-0.5 * octaves * octaves);

    /* A period must recur itself, not only through its multiples (half
     * the period of a click track hits every other multiple). */
    if (acf_peak (g, lag, 1.0) < FUNDAMENTAL_SHARE * comb)
      continue;
    if (score > best_score) {
      best_score = score;
      best = lag;
    }
  }
  if (best < 0)
    return 0.0;

  /* A period 3/2, 2/3, 4/3 or 3/4 of the best one is aubio's classic
   * mistake, and the preference alone may choose it over the true period
   * when that lies far from 120 BPM: between such neighbours the comb (the
   * evidence) decides, as long as the preference does not rule it out. */
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++) {
    gssize lag = lround (best * ratios[i]);
    gdouble octaves, score;

    if (lag < 2 || lag < lag_min - 0.5 || lag > lag_max + 0.5
        || lag + 1 > (gssize) g->max_lag)
      continue;
    octaves = log2 (period_to_bpm (g, lag) / PRIOR_BPM) / PRIOR_OCTAVES;
    score = comb_score (g, lag) * exp (-0.5 * octaves * octaves);
    for (gssize l = lag - 1; l <= lag + 1; l++)
      if (comb_score (g, l) > comb_score (g, lag))
        lag = l;
    if (comb_score (g, lag) > comb_score (g, best)
        && score >= NEIGHBOUR_RATIO * best_score) {
      best = lag;
      break;
    }
  }

  return refine_period (g, best);
}

/* The envelope's maximum within a frame of x. */
static gdouble
env_near (const Grid *g, gdouble x)
{
  gssize i = (gssize) lround (x);
  gdouble best = 0.0;

  for (gssize j = i - 1; j <= i + 1; j++)
    if (j >= 0 && j < (gssize) g->n)
      best = MAX (best, g->env[j]);
  return best;
}

/* The mean envelope along the grid phase + k · period. */
static gdouble
grid_strength (const Grid *g, gdouble phase, gdouble period)
{
  gdouble sum = 0.0;
  guint count = 0;

  for (guint k = 0; phase + k * period < g->n; k++) {
    sum += env_near (g, phase + k * period);
    count++;
  }
  return count ? sum / count : 0.0;
}

static gdouble
best_phase (const Grid *g, gdouble period, gdouble *strength)
{
  gdouble best = 0.0;

  *strength = -1.0;
  for (gdouble phase = 0.0; phase < period; phase += 1.0) {
    gdouble s = grid_strength (g, phase, period);

    if (s > *strength) {
      *strength = s;
      best = phase;
    }
  }
  return best;
}

static gdouble
choose_metrical_level (const Grid *g, gdouble period, gdouble min_bpm,
    gdouble max_bpm)
{
  for (guint round = 0; round < 2; round++) {
    gdouble on, phase = best_phase (g, period, &on);
    gdouble off = grid_strength (g, phase + period / 2, period);
    gdouble even = grid_strength (g, phase, 2 * period);
    gdouble odd = grid_strength (g, phase + period, 2 * period);

    if (on > 0.0 && off >= HALVE_RATIO * on
        && period_to_bpm (g, period / 2) <= max_bpm) {
      period = refine_period (g, period / 2);
    } else if (MAX (even, odd) > 0.0
               && MIN (even, odd) < DOUBLE_RATIO * MAX (even, odd)
               && period_to_bpm (g, period * 2) >= min_bpm
               && 2 * period + 1 <= g->max_lag) {
      period = refine_period (g, period * 2);
    } else {
      break;
    }
  }
  return period;
}

/* The strongest onset within SNAP_RADIUS frames of center (interpolated
 * between frames); its value is judged on the uncompressed function, where
 * a soft onset does not pass for a beat. */
static void
snap (const Grid *g, gdouble center, Candidate *out)
{
  gssize lo = MAX (0, (gssize) ceil (center - SNAP_RADIUS));
  gssize hi = MIN ((gssize) g->n - 1, (gssize) floor (center + SNAP_RADIUS));
  gssize best = -1;

  out->position = center;
  out->value = 0.0;
  out->supported = FALSE;
  for (gssize i = lo; i <= hi; i++)
    if (best < 0 || g->env[i] > g->env[best])
      best = i;
  if (best < 0 || g->env[best] <= 0.0f)
    return;
  out->value = g->odf[best];
  out->position = best;
  if (best >= 1 && best + 1 < (gssize) g->n) {
    gdouble a = g->env[best - 1], b = g->env[best], c = g->env[best + 1];

    if (a - 2 * b + c < 0.0)
      out->position += CLAMP (0.5 * (a - c) / (a - 2 * b + c), -0.5, 0.5);
  }
}

/* Adds aubio's votes to local when most of its beats are one period apart
 * (±8 %); returns whether they were. */
static gboolean
add_aubio_votes (const Grid *g, const gdouble *beats, gsize n_beats,
    gdouble period, gfloat *local)
{
  guint fitting = 0, inside = 0;

  for (gsize i = 0; i < n_beats; i++) {
    if (beats[i] < 0 || beats[i] >= g->n)
      continue;
    inside++;
    if (i > 0
        && fabs ((beats[i] - beats[i - 1]) / period - 1.0)
               <= IN_TEMPO_TOLERANCE)
      fitting++;
  }
  if (inside < 4 || fitting * 2 < inside - 1)
    return FALSE;
  for (gsize i = 0; i < n_beats; i++) {
    Candidate c;

    if (beats[i] < 0 || beats[i] >= g->n)
      continue;
    snap (g, beats[i], &c);
    local[lround (CLAMP (c.position, 0, g->n - 1))] += AUBIO_VOTE;
  }
  return TRUE;
}

/* Dynamic programming over the local score at a fixed period: the chain of
 * beats that collects the most score, minus TIGHTNESS · log (interval /
 * period)² per interval. Returns beat frames, in order. */
static GArray *
track (const Grid *g, const gfloat *local, gdouble period)
{
  gssize lo = MAX (1, (gssize) lround (period / 2));
  gssize hi = MAX (lo, (gssize) lround (2 * period));
  gssize last_period = MAX (0, (gssize) g->n - (gssize) ceil (period));
  g_autofree gdouble *penalty = g_new (gdouble, hi + 1);
  g_autofree gdouble *score = g_new (gdouble, g->n);
  g_autofree gssize *back = g_new (gssize, g->n);
  GArray *beats = g_array_new (FALSE, FALSE, sizeof (gssize));
  gssize end = last_period;

  for (gssize d = lo; d <= hi; d++) {
    gdouble l = log (d / period);

    penalty[d] = TIGHTNESS * l * l;
  }
  for (gssize t = 0; t < (gssize) g->n; t++) {
    gdouble best = 0.0;
    gssize from = -1;

    /* A chain may also start here (from nothing, score 0). */
    for (gssize tau = MAX (0, t - hi); tau <= t - lo; tau++) {
      gdouble v = score[tau] - penalty[t - tau];

      if (v > best) {
        best = v;
        from = tau;
      }
    }
    score[t] = local[t] + best;
    back[t] = from;
  }
  for (gssize t = last_period; t < (gssize) g->n; t++)
    if (score[t] > score[end])
      end = t;
  for (gssize t = end; t >= 0; t = back[t])
    g_array_prepend_val (beats, t);
  return beats;
}

static gint
compare_doubles (gconstpointer a, gconstpointer b)
{
  gdouble da = *(const gdouble *) a, db = *(const gdouble *) b;

  return (da > db) - (da < db);
}

static gboolean
frame_is_silent (const Grid *g, gdouble position)
{
  gssize i = (gssize) lround (position);

  return i < 0 || i >= (gssize) g->n || g->odf[i] <= REEL_BEAT_GRID_SILENT;
}

/* Drops silent beats, trims unsupported beats at both ends and unsupported
 * runs longer than MAX_UNSUPPORTED_RUN. */
static void
clean_up (const Grid *g, GArray *beats)
{
  g_autoptr (GArray) in = g_array_copy (beats);
  guint i = 0;

  g_array_set_size (beats, 0);
  while (i < in->len) {
    Candidate *c = &g_array_index (in, Candidate, i);
    guint run = 0;

    if (frame_is_silent (g, c->position)) {
      i++;
      continue;
    }
    while (i + run < in->len && !(c + run)->supported
           && !frame_is_silent (g, (c + run)->position))
      run++;
    if (run == 0) {
      g_array_append_val (beats, *c);
      i++;
      continue;
    }
    if (beats->len > 0 && i + run < in->len && run <= MAX_UNSUPPORTED_RUN
        && (c + run)->supported)
      g_array_append_vals (beats, c, run);
    i += run;
  }
}

/* The mean interval between neighbouring supported beats one period apart
 * (±10 %), or period when there are too few or they disagree. */
static gdouble
fit_period (GArray *beats, gdouble period)
{
  gdouble sum = 0.0;
  guint count = 0;

  for (guint i = 1; i < beats->len; i++) {
    Candidate *a = &g_array_index (beats, Candidate, i - 1);
    Candidate *b = a + 1;
    gdouble d = b->position - a->position;

    if (a->supported && b->supported && fabs (d / period - 1.0) < 0.1) {
      sum += d;
      count++;
    }
  }
  if (count < 3 || fabs (sum / count / period - 1.0) >= 0.04)
    return period;
  return sum / count;
}

/**
 * reel_beat_grid_analyse:
 * @odf: (array length=n_frames): the onset detection function, one value per
 *   hop; %REEL_BEAT_GRID_SILENT on silent frames
 * @n_frames: its length
 * @frame_rate: frames per second (sample rate / hop size)
 * @aubio_beats: (array length=n_aubio_beats): aubio's beats, in frames
 * @n_aubio_beats: how many
 * @min_bpm: slowest tempo to consider
 * @max_bpm: fastest tempo to consider
 * @result: (out caller-allocates): the tempo and the beats; clear it with
 *   reel_beat_grid_result_clear()
 *
 * Finds the tempo of the whole track and its beats. When there is too little
 * signal for a tempo, @result->period is 0 and there are no beats.
 */
void
reel_beat_grid_analyse (const gfloat *odf, gsize n_frames, gdouble frame_rate,
    const gdouble *aubio_beats, gsize n_aubio_beats, gdouble min_bpm,
    gdouble max_bpm, ReelBeatGridResult *result)
{
  Grid g = { odf, n_frames, frame_rate, NULL, NULL, 0 };
  g_autoptr (GArray) beats = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr (GArray) frames = NULL;
  g_autofree gfloat *local = NULL;
  gdouble period, typical, mean = 0.0, sq = 0.0, deviation;

  memset (result, 0, sizeof (*result));
  result->beats = g_array_new (FALSE, FALSE, sizeof (ReelBeatGridBeat));

  /* Three beats at the fastest tempo, at least. */
  if (min_bpm <= 0.0 || max_bpm < min_bpm || frame_rate <= 0.0
      || n_frames < 3 * 60.0 * frame_rate / max_bpm)
    return;
  g.max_lag = MIN (n_frames - 1,
      (gsize) ceil (HARMONICS * 60.0 * frame_rate / min_bpm) + HARMONICS);
  if (!make_envelope (&g) || !make_acf (&g))
    goto out;

  period = estimate_period (&g, min_bpm, max_bpm);
  if (period <= 0.0)
    goto out;
  period = choose_metrical_level (&g, period, min_bpm, max_bpm);

  /* The local score: the envelope in units of its standard deviation. */
  local = g_new (gfloat, g.n);
  for (gsize i = 0; i < g.n; i++) {
    mean += g.env[i];
    sq += g.env[i] * g.env[i];
  }
  mean /= g.n;
  deviation = sqrt (MAX (sq / g.n - mean * mean, 1e-12));
  for (gsize i = 0; i < g.n; i++)
    local[i] = g.env[i] / deviation;
  result->aubio_agreed =
      add_aubio_votes (&g, aubio_beats, n_aubio_beats, period, local);

  frames = track (&g, local, period);
  for (guint i = 0; i < frames->len; i++) {
    Candidate c;

    snap (&g, g_array_index (frames, gssize, i), &c);
    g_array_append_val (beats, c);
    if (c.value > 0.0)
      g_array_append_val (values, c.value);
  }
  if (values->len == 0)
    goto out;
  g_array_sort (values, compare_doubles);
  typical = g_array_index (values, gdouble, values->len / 2);
  for (guint i = 0; i < beats->len; i++) {
    Candidate *c = &g_array_index (beats, Candidate, i);

    c->supported = c->value >= SUPPORT_FRACTION * typical;
  }

  clean_up (&g, beats);
  if (beats->len == 0)
    goto out;
  period = fit_period (beats, period);

  result->period = period;
  result->bpm = period_to_bpm (&g, period);
  result->confidence = CLAMP (acf_peak (&g, period, 1.0), 0.0, 1.0);
  for (guint i = 0; i < beats->len; i++) {
    Candidate *c = &g_array_index (beats, Candidate, i);
    ReelBeatGridBeat b = { c->position, CLAMP (c->value / typical, 0.0, 1.0) };

    g_array_append_val (result->beats, b);
  }

out:
  g_free (g.env);
  g_free (g.acf);
}

/**
 * reel_beat_grid_result_clear:
 * @result: a result filled by reel_beat_grid_analyse()
 *
 * Frees what @result holds (not @result itself).
 */
void
reel_beat_grid_result_clear (ReelBeatGridResult *result)
{
  g_clear_pointer (&result->beats, g_array_unref);
}
