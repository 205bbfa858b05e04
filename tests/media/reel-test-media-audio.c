/* reel — the sound half of the test-media generator: computes any run of
 * samples of a plan, and measures the loudness the truth file reports.
 *
 * Every sample is a pure function of its index (no state carried between
 * buffers), so a buffer of any size at any offset is the same numbers, the
 * encoder and the truth see one signal, and clicks, tones and silences land
 * on exact sample positions. Channels are identical copies.
 *
 * Loudness is ITU-R BS.1770-4 / EBU R128 integrated loudness of that exact
 * signal (K-weighting designed for the actual rate as libebur128 does,
 * 400 ms blocks every 100 ms, absolute gate -70 LUFS, relative gate -10 LU),
 * computed before encoding: a reference for later loudness analysers. */
#include "reel-test-media-private.h"

#include <math.h>
#include <string.h>

static inline gdouble
phase_sin (gdouble cycles)
{
  return sin (2 * G_PI * (cycles - floor (cycles)));
}

/* splitmix64: a stateless uniform value in [-1, 1) for sample n. */
static inline gdouble
white_at (gint64 n)
{
  guint64 z = (guint64) n + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  return (z >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

/* Room-tone-like noise: white noise through an 8-tap moving average (still
 * a pure function of n), so most of its energy is under 3 kHz. Full-band
 * white noise is what lossy codecs reproduce worst: AAC raised its loudness
 * by almost 2 LU. Peak bounded by 1, RMS about -14 dB under that. */
static inline gdouble
noise_at (gint64 n)
{
  gdouble sum = 0;

  for (gint k = 0; k < 8; k++)
    sum += white_at (n - k);
  return sum / 8;
}

static gdouble
voice_at (gdouble f0, gdouble t)
{
  /* Fundamental f0 (1 + 0.04 sin (2 pi 3 t)), integrated in closed form. */
  const gdouble depth = 0.04, vib = 3.0;
  gdouble cycles =
      f0 * t + f0 * depth / (2 * G_PI * vib) * (1 - cos (2 * G_PI * vib * t));
  gdouble sum = 0, norm = 0;
  gdouble syllable = sin (G_PI * 4 * t);

  for (gint h = 1; h <= 10; h++) {
    sum += phase_sin (h * cycles) / h;
    norm += 1.0 / h;
  }
  return sum / norm * (0.3 + 0.7 * syllable * syllable);
}

static gdouble
tone_envelope (const ReelTestMediaPlanTone *tone, gint64 n)
{
  gint64 from_start = n - tone->start, to_end = tone->end - 1 - n;
  gint64 edge = MIN (from_start, to_end);

  if (tone->fade <= 0 || edge >= tone->fade)
    return 1.0;
  return 0.5 - 0.5 * cos (G_PI * (edge + 0.5) / tone->fade);
}

/**
 * reel_test_media_synth:
 * @plan: the plan
 * @first: first sample index
 * @count: how many samples
 * @mono: (out caller-allocates) (array length=count): the samples, in [-1, 1]
 *
 * Computes samples [@first, @first + @count) of one channel.
 */
void
reel_test_media_synth (const ReelTestMediaPlan *plan, gint64 first,
    gint64 count, gfloat *mono)
{
  const ReelTestMediaSpec *spec = plan->spec;
  gint64 last = first + count;
  gdouble rate = spec->rate;
  g_autofree gdouble *acc = g_new0 (gdouble, MAX (count, 1));

  switch (spec->background) {
    case REEL_TEST_MEDIA_BACKGROUND_NONE:
      break;
    case REEL_TEST_MEDIA_BACKGROUND_SINE:
      for (gint64 i = 0; i < count; i++)
        acc[i] = plan->background_amplitude
                 * phase_sin (
                     spec->background_frequency * (gdouble) (first + i) / rate);
      break;
    case REEL_TEST_MEDIA_BACKGROUND_NOISE:
      for (gint64 i = 0; i < count; i++)
        acc[i] = plan->background_amplitude * noise_at (first + i);
      break;
  }

  for (guint k = 0; k < plan->tones->len; k++) {
    const ReelTestMediaPlanTone *tone =
        &g_array_index (plan->tones, ReelTestMediaPlanTone, k);
    gint64 a = MAX (first, tone->start), b = MIN (last, tone->end);

    for (gint64 n = a; n < b; n++) {
      gdouble t = (n - tone->start) / rate, v;

      if (tone->kind == REEL_TEST_MEDIA_TONE_SINE)
        v = phase_sin (tone->frequency * (gdouble) (n - tone->start) / rate);
      else
        v = voice_at (tone->frequency, t);
      acc[n - first] += tone->amplitude * tone_envelope (tone, n) * v;
    }
  }

  for (guint k = 0; k < plan->clicks->len; k++) {
    gint64 s = g_array_index (plan->clicks, gint64, k);
    gint64 a = MAX (first, s), b = MIN (last, s + plan->click_length);

    /* A cosine from its crest: full amplitude on the very first sample, so
     * the onset is that sample; decays with a 6 ms time constant. */
    for (gint64 n = a; n < b; n++) {
      gdouble t = (n - s) / rate;

      acc[n - first] += plan->click_amplitude
                        * cos (2 * G_PI * spec->click_frequency * t)
                        * exp (-t / 0.006);
    }
  }

  for (gint64 i = 0; i < count; i++)
    mono[i] = (gfloat) CLAMP (acc[i], -1.0, 1.0);

  /* Exact digital silence over everything: the declared ranges, the AAC
   * priming (the encoder replaces it anyway) and anything past the end. */
  for (guint k = 0; k <= plan->silences->len; k++) {
    gint64 a, b;

    if (k < plan->silences->len) {
      const ReelTestMediaSampleRange *r =
          &g_array_index (plan->silences, ReelTestMediaSampleRange, k);

      a = r->start;
      b = r->end;
    } else {
      a = 0;
      b = plan->priming;
    }
    a = MAX (a, first);
    b = MIN (b, last);
    if (a < b)
      memset (mono + (a - first), 0, (b - a) * sizeof (gfloat));
  }
  if (last > plan->n_samples) {
    gint64 a = MAX (first, plan->n_samples);

    memset (mono + (a - first), 0, (last - a) * sizeof (gfloat));
  }
}

/**
 * reel_test_media_fill_audio:
 * @plan: the plan
 * @first: first sample index
 * @count: how many samples (per channel)
 * @format: %GST_AUDIO_FORMAT_F32LE or %GST_AUDIO_FORMAT_S16LE
 * @dst: (out caller-allocates): @count × channels interleaved samples
 *
 * Computes samples and writes them in the encoder's own format, so that no
 * audioconvert (and no dither) touches them.
 */
void
reel_test_media_fill_audio (const ReelTestMediaPlan *plan, gint64 first,
    gint64 count, GstAudioFormat format, gpointer dst)
{
  gint channels = plan->spec->channels;
  g_autofree gfloat *mono = g_new (gfloat, MAX (count, 1));

  reel_test_media_synth (plan, first, count, mono);
  for (gint64 i = 0; i < count; i++) {
    for (gint c = 0; c < channels; c++) {
      if (format == GST_AUDIO_FORMAT_F32LE) {
        gfloat v = GFLOAT_TO_LE (mono[i]);

        memcpy ((guint8 *) dst + (i * channels + c) * 4, &v, 4);
      } else {
        gint16 v = GINT16_TO_LE ((gint16) lrintf (mono[i] * 32767.0f));

        memcpy ((guint8 *) dst + (i * channels + c) * 2, &v, 2);
      }
    }
  }
}

/* libebur128's K-weighting design: a high shelf then a high pass, as analog
 * prototypes mapped by the bilinear transform at @rate. At 48 kHz this gives
 * the coefficients printed in BS.1770. */
static void
k_weighting (gdouble rate, gdouble b[5], gdouble a[5])
{
  gdouble f0 = 1681.974450955533, g = 3.999843853973347;
  gdouble q = 0.7071752369554196;
  gdouble k = tan (G_PI * f0 / rate);
  gdouble vh = pow (10.0, g / 20.0);
  gdouble vb = pow (vh, 0.4996667741545416);
  gdouble a0 = 1.0 + k / q + k * k;
  gdouble pb[3], pa[3], rb[3], ra[3];

  pb[0] = (vh + vb * k / q + k * k) / a0;
  pb[1] = 2.0 * (k * k - vh) / a0;
  pb[2] = (vh - vb * k / q + k * k) / a0;
  pa[0] = 1.0;
  pa[1] = 2.0 * (k * k - 1.0) / a0;
  pa[2] = (1.0 - k / q + k * k) / a0;

  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = tan (G_PI * f0 / rate);
  rb[0] = 1.0;
  rb[1] = -2.0;
  rb[2] = 1.0;
  ra[0] = 1.0;
  ra[1] = 2.0 * (k * k - 1.0) / (1.0 + k / q + k * k);
  ra[2] = (1.0 - k / q + k * k) / (1.0 + k / q + k * k);

  /* The cascade as one fourth-order filter. */
  b[0] = pb[0] * rb[0];
  b[1] = pb[0] * rb[1] + pb[1] * rb[0];
  b[2] = pb[0] * rb[2] + pb[1] * rb[1] + pb[2] * rb[0];
  b[3] = pb[1] * rb[2] + pb[2] * rb[1];
  b[4] = pb[2] * rb[2];
  a[0] = pa[0] * ra[0];
  a[1] = pa[0] * ra[1] + pa[1] * ra[0];
  a[2] = pa[0] * ra[2] + pa[1] * ra[1] + pa[2] * ra[0];
  a[3] = pa[1] * ra[2] + pa[2] * ra[1];
  a[4] = pa[2] * ra[2];
}

struct _ReelTestMediaLoudness {
  gint rate;
  gint channels;
  gint64 sub;      /* samples per 100 ms sub-block */
  gint64 position; /* samples fed so far */
  gdouble b[5], a[5], x[5], y[5];
  gdouble peak;
  GArray *energy; /* gdouble per complete or partial sub-block */
};

/**
 * reel_test_media_loudness_new:
 * @rate: sample rate
 * @channels: how many identical channels the mono signal stands for
 *
 * A BS.1770-4 integrated loudness meter for a signal whose channels are all
 * equal (the generator's, or one channel of its decoded output).
 *
 * Returns: (transfer full): a meter
 */
ReelTestMediaLoudness *
reel_test_media_loudness_new (gint rate, gint channels)
{
  ReelTestMediaLoudness *meter = g_new0 (ReelTestMediaLoudness, 1);

  meter->rate = rate;
  meter->channels = channels;
  meter->sub = rate / 10;
  meter->energy = g_array_new (FALSE, TRUE, sizeof (gdouble));
  k_weighting (rate, meter->b, meter->a);
  return meter;
}

void
reel_test_media_loudness_free (ReelTestMediaLoudness *meter)
{
  if (meter == NULL)
    return;
  g_array_unref (meter->energy);
  g_free (meter);
}

void
reel_test_media_loudness_add (ReelTestMediaLoudness *meter, const gfloat *mono,
    gsize count, gsize stride)
{
  gdouble *x = meter->x, *y = meter->y, *b = meter->b, *a = meter->a;

  for (gsize i = 0; i < count; i++) {
    gdouble in = mono[i * stride];
    gint64 block = meter->position / meter->sub;

    if ((guint) block >= meter->energy->len)
      g_array_set_size (meter->energy, block + 1);
    meter->peak = MAX (meter->peak, fabs (in));
    memmove (x + 1, x, 4 * sizeof (gdouble));
    memmove (y + 1, y, 4 * sizeof (gdouble));
    x[0] = in;
    y[0] = b[0] * x[0] + b[1] * x[1] + b[2] * x[2] + b[3] * x[3] + b[4] * x[4]
           - a[1] * y[1] - a[2] * y[2] - a[3] * y[3] - a[4] * y[4];
    g_array_index (meter->energy, gdouble, block) += y[0] * y[0];
    meter->position++;
  }
}

/**
 * reel_test_media_loudness_get:
 * @meter: a meter
 * @integrated: (out): integrated loudness in LUFS, or -HUGE_VAL when every
 *   block is gated out
 * @sample_peak: (out): the largest sample magnitude, in dBFS
 *
 * Returns: %FALSE when fewer than 400 ms were fed
 */
gboolean
reel_test_media_loudness_get (const ReelTestMediaLoudness *meter,
    gdouble *integrated, gdouble *sample_peak)
{
  const gdouble *energy = (const gdouble *) meter->energy->data;
  gint64 n_sub = meter->position / meter->sub, n_blocks = n_sub - 3;
  gint64 kept = 0;
  gdouble sum = 0;

  *integrated = -HUGE_VAL;
  *sample_peak = meter->peak > 0 ? 20 * log10 (meter->peak) : -HUGE_VAL;
  if (n_blocks < 1)
    return FALSE;

  /* Absolute gate, then relative gate 10 LU under the absolute-gated mean.
   * Every channel carries the same signal, weight 1 each. */
  for (gint pass = 0; pass < 2; pass++) {
    gdouble total = 0, gate = -70.0;

    if (pass == 1) {
      if (kept == 0)
        return TRUE;
      gate = -0.691 + 10 * log10 (sum / kept) - 10.0;
    }
    kept = 0;
    for (gint64 j = 0; j < n_blocks; j++) {
      gdouble z = meter->channels
                  * (energy[j] + energy[j + 1] + energy[j + 2] + energy[j + 3])
                  / (4.0 * meter->sub);
      gdouble l = z > 0 ? -0.691 + 10 * log10 (z) : -HUGE_VAL;

      if (l > gate && l > -70.0) {
        total += z;
        kept++;
      }
    }
    sum = total;
  }
  if (kept > 0)
    *integrated = -0.691 + 10 * log10 (sum / kept);
  return TRUE;
}

/**
 * reel_test_media_measure_loudness:
 * @plan: the plan
 * @integrated: (out): integrated loudness in LUFS
 * @sample_peak: (out): the largest sample magnitude, in dBFS
 *
 * Measures the plan's own signal, before any encoding.
 *
 * Returns: %FALSE when the clip is shorter than one 400 ms block
 */
gboolean
reel_test_media_measure_loudness (const ReelTestMediaPlan *plan,
    gdouble *integrated, gdouble *sample_peak)
{
  const gint64 chunk = 8192;
  g_autoptr (ReelTestMediaLoudness) meter =
      reel_test_media_loudness_new (plan->spec->rate, plan->spec->channels);
  g_autofree gfloat *mono = g_new (gfloat, chunk);

  for (gint64 first = 0; first < plan->n_samples; first += chunk) {
    gint64 count = MIN (chunk, plan->n_samples - first);

    reel_test_media_synth (plan, first, count, mono);
    reel_test_media_loudness_add (meter, mono, count, 1);
  }
  return reel_test_media_loudness_get (meter, integrated, sample_peak);
}
