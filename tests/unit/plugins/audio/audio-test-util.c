/* reel — helpers shared by the audio plugin's tests: synthetic signals with
 * known beats, the beat F-measure, and running an element over raw samples
 * with GstHarness. See audio-test-util.h. */
#include "audio-test-util.h"

#include <gst/check/gstharness.h>
#include <math.h>
#include <string.h>

TestSignal *
test_signal_new (gint rate, gint channels, gdouble seconds)
{
  TestSignal *signal = g_new0 (TestSignal, 1);

  signal->rate = rate;
  signal->channels = channels;
  signal->frames = (gsize) llround (seconds * rate);
  signal->data = g_new0 (gfloat, signal->frames * channels);
  return signal;
}

void
test_signal_free (TestSignal *signal)
{
  g_free (signal->data);
  g_free (signal);
}

static void
add_mono (TestSignal *signal, gsize at, gfloat value)
{
  if (at >= signal->frames)
    return;
  for (gint c = 0; c < signal->channels; c++)
    signal->data[at * signal->channels + c] += value;
}

/* Clicks as the test-media generator makes them: a 1 kHz cosine from its
 * crest, decaying with a 6 ms time constant, 40 ms long. */
void
test_signal_add_clicks (TestSignal *signal, gdouble bpm, gdouble offset,
    gdouble amplitude, GArray *times)
{
  gsize length = signal->rate / 25;

  for (guint k = 0;; k++) {
    gsize start = (gsize) llround ((offset + k * 60.0 / bpm) * signal->rate);

    if (start >= signal->frames)
      break;
    if (times != NULL)
      g_array_append_val (times, (gdouble){ (gdouble) start / signal->rate });
    for (gsize i = 0; i < length; i++) {
      gdouble t = (gdouble) i / signal->rate;

      add_mono (signal, start + i,
          amplitude * cos (2 * G_PI * 1000 * t) * exp (-t / 0.006));
    }
  }
}

/* A deterministic white noise in [-1, 1]. */
static gdouble
noise (guint64 *state)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (*state >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

/* A drum kit on a 16-step bar: a kick (a 150 → 50 Hz sweep), a snare (noise
 * and a 190 Hz body) and hi-hats (differentiated noise, accented on the
 * eighths). Patterns:
 * - "rock16": kick 1, 3 and the "and" of 3; snare 2, 4; hats on every 16th;
 * - "four": kick on every beat, snare 2, 4, an open hat on the off-beats;
 * - "funk": kick 1, "a" of 1, "and" of 3; snare 2, 4 and the last 16th;
 *   hats on every 16th;
 * - "dnb": kick 1 and the "and" of 3, snare 2 and 4, hats on the eighths.
 * The beats (times) are the quarter notes. */
void
test_signal_add_drums (TestSignal *signal, gdouble bpm, gdouble offset,
    const gchar *pattern, GArray *times)
{
  gdouble step = 60.0 / bpm / 4;
  guint64 state = 12345;

  for (guint s = 0;; s++) {
    gsize start = (gsize) llround ((offset + s * step) * signal->rate);
    guint pos = s % 16;
    gboolean kick, snare, hat;
    gdouble hat_level, phase = 0.0, previous = 0.0;

    if (start >= signal->frames)
      break;
    if (pos % 4 == 0 && times != NULL)
      g_array_append_val (times, (gdouble){ (gdouble) start / signal->rate });
    if (g_str_equal (pattern, "four")) {
      kick = pos % 4 == 0;
      snare = pos == 4 || pos == 12;
      hat = pos % 4 == 2;
      hat_level = 0.2;
    } else if (g_str_equal (pattern, "funk")) {
      kick = pos == 0 || pos == 3 || pos == 10;
      snare = pos == 4 || pos == 12 || pos == 15;
      hat = TRUE;
      hat_level = pos % 2 == 0 ? 0.14 : 0.08;
    } else if (g_str_equal (pattern, "dnb")) {
      kick = pos == 0 || pos == 10;
      snare = pos == 4 || pos == 12;
      hat = pos % 2 == 0;
      hat_level = 0.12;
    } else {
      kick = pos == 0 || pos == 8 || pos == 10;
      snare = pos == 4 || pos == 12;
      hat = TRUE;
      hat_level = pos % 4 == 0 ? 0.15 : (pos % 2 == 0 ? 0.1 : 0.07);
    }
    for (gsize i = 0; i < (gsize) signal->rate / 2; i++) {
      gdouble t = (gdouble) i / signal->rate, v = 0.0;

      if (kick) {
        phase += 2 * G_PI * (50 + 100 * exp (-t / 0.03)) / signal->rate;
        v += 0.7 * sin (phase) * exp (-t / 0.08);
      }
      if (snare)
        v += 0.35 * noise (&state) * exp (-t / 0.05)
             + 0.3 * sin (2 * G_PI * 190 * t) * exp (-t / 0.04);
      if (hat) {
        gdouble w = noise (&state);

        v += hat_level * (w - previous) * 0.5 * exp (-t / 0.015);
        previous = w;
      }
      add_mono (signal, start + i, v);
    }
  }
}

void
test_signal_add_sine (TestSignal *signal, gdouble frequency, gdouble amplitude,
    gdouble from, gdouble to)
{
  gsize a = (gsize) llround (from * signal->rate);
  gsize b = MIN ((gsize) llround (to * signal->rate), signal->frames);

  for (gsize i = a; i < b; i++)
    add_mono (signal, i,
        amplitude * sin (2 * G_PI * frequency * i / signal->rate));
}

void
test_signal_silence (TestSignal *signal, gdouble from, gdouble to)
{
  gsize a = (gsize) llround (from * signal->rate);
  gsize b = MIN ((gsize) llround (to * signal->rate), signal->frames);

  if (a < b)
    memset (signal->data + a * signal->channels, 0,
        (b - a) * signal->channels * sizeof (gfloat));
}

/* The usual beat-tracking F-measure: each reference beat matches at most
 * one estimate within the tolerance. */
gdouble
test_f_measure (GArray *estimated, GArray *reference, gdouble tolerance,
    gdouble *max_error)
{
  g_autofree gboolean *used = g_new0 (gboolean, estimated->len + 1);
  guint hits = 0;
  gdouble precision, recall, worst = 0.0;

  for (guint r = 0; r < reference->len; r++) {
    gdouble ref = g_array_index (reference, gdouble, r);
    gint best = -1;

    for (guint e = 0; e < estimated->len; e++) {
      gdouble d = fabs (g_array_index (estimated, gdouble, e) - ref);

      if (!used[e] && d <= tolerance
          && (best < 0
              || d < fabs (g_array_index (estimated, gdouble, best) - ref)))
        best = e;
    }
    if (best >= 0) {
      used[best] = TRUE;
      hits++;
      worst =
          MAX (worst, fabs (g_array_index (estimated, gdouble, best) - ref));
    }
  }
  if (max_error != NULL)
    *max_error = worst;
  if (hits == 0)
    return 0.0;
  precision = (gdouble) hits / estimated->len;
  recall = (gdouble) hits / reference->len;
  return 2 * precision * recall / (precision + recall);
}

static GstBuffer *
make_buffer (const TestSignal *signal, gsize first, gsize count, gboolean s16,
    GstClockTime pts)
{
  gsize n = count * signal->channels;
  const gfloat *in = signal->data + first * signal->channels;
  GstBuffer *buffer;
  GstMapInfo map;

  buffer = gst_buffer_new_allocate (NULL, n * (s16 ? 2 : 4), NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  if (s16) {
    gint16 *out = (gint16 *) map.data;

    for (gsize i = 0; i < n; i++)
      out[i] = (gint16) CLAMP (lrint (in[i] * 32768.0), -32768, 32767);
  } else {
    memcpy (map.data, in, n * sizeof (gfloat));
  }
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = pts;
  GST_BUFFER_DURATION (buffer) =
      gst_util_uint64_scale_int (count, GST_SECOND, signal->rate);
  return buffer;
}

/**
 * test_run_element_full:
 * @launch: the element, gst-launch style (with properties)
 * @parts: (array length=n_parts): signals pushed one after the other
 * @starts: (array length=n_parts): the stream time each part starts at
 * @n_parts: how many
 * @s16: push S16LE instead of F32LE
 * @frames_per_buffer: buffer size
 * @flush_between: send a flush between the parts
 *
 * Runs the element over the parts, then EOS, and returns the structures of
 * every element message and error it posted (errors as "error" structures
 * with a "message" field).
 *
 * Returns: (transfer full) (element-type GstStructure)
 */
GPtrArray *
test_run_element_full (const gchar *launch, const TestSignal *const *parts,
    const GstClockTime *starts, guint n_parts, gboolean s16,
    guint frames_per_buffer, gboolean flush_between)
{
  GPtrArray *messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
  g_autoptr (GstBus) bus = gst_bus_new ();
  g_autofree gchar *caps = g_strdup_printf ("audio/x-raw, format=%s, "
                                            "rate=%d, channels=%d, "
                                            "layout=interleaved",
      s16 ? "S16LE" : "F32LE", parts[0]->rate, parts[0]->channels);
  GstHarness *h = gst_harness_new_parse (launch);
  GstMessage *message;

  gst_element_set_bus (h->element, bus);
  gst_harness_set_drop_buffers (h, TRUE);
  gst_harness_set_src_caps_str (h, caps);
  for (guint p = 0; p < n_parts; p++) {
    const TestSignal *signal = parts[p];

    if (p > 0 && flush_between) {
      GstSegment segment;

      gst_harness_push_event (h, gst_event_new_flush_start ());
      gst_harness_push_event (h, gst_event_new_flush_stop (TRUE));
      gst_segment_init (&segment, GST_FORMAT_TIME);
      gst_harness_push_event (h, gst_event_new_segment (&segment));
    }
    for (gsize at = 0; at < signal->frames; at += frames_per_buffer) {
      gsize count = MIN (frames_per_buffer, signal->frames - at);
      GstClockTime pts =
          starts[p] + gst_util_uint64_scale_int (at, GST_SECOND, signal->rate);

      if (gst_harness_push (h, make_buffer (signal, at, count, s16, pts))
          != GST_FLOW_OK)
        break;
    }
  }
  gst_harness_push_event (h, gst_event_new_eos ());

  while ((message = gst_bus_pop (bus)) != NULL) {
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ELEMENT) {
      g_ptr_array_add (messages,
          gst_structure_copy (gst_message_get_structure (message)));
    } else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
      g_autoptr (GError) error = NULL;

      gst_message_parse_error (message, &error, NULL);
      g_ptr_array_add (messages, gst_structure_new ("error", "message",
                                     G_TYPE_STRING, error->message, NULL));
    }
    gst_message_unref (message);
  }
  gst_element_set_bus (h->element, NULL);
  gst_harness_teardown (h);
  return messages;
}

GPtrArray *
test_run_element (const gchar *launch, const TestSignal *signal, gboolean s16,
    guint frames_per_buffer)
{
  GstClockTime start = 0;

  return test_run_element_full (launch, &signal, &start, 1, s16,
      frames_per_buffer, FALSE);
}

guint
test_count_messages (GPtrArray *messages, const gchar *name)
{
  guint count = 0;

  for (guint i = 0; i < messages->len; i++)
    if (gst_structure_has_name (g_ptr_array_index (messages, i), name))
      count++;
  return count;
}

const GstStructure *
test_find_message (GPtrArray *messages, const gchar *name)
{
  for (guint i = 0; i < messages->len; i++)
    if (gst_structure_has_name (g_ptr_array_index (messages, i), name))
      return g_ptr_array_index (messages, i);
  return NULL;
}

/* The field (a guint64 of nanoseconds) of every message of that name, in
 * seconds. */
GArray *
test_message_times (GPtrArray *messages, const gchar *name, const gchar *field)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gdouble));

  for (guint i = 0; i < messages->len; i++) {
    const GstStructure *s = g_ptr_array_index (messages, i);
    guint64 ns;

    if (gst_structure_has_name (s, name)
        && gst_structure_get_uint64 (s, field, &ns))
      g_array_append_val (times, (gdouble){ ns / 1e9 });
  }
  return times;
}
