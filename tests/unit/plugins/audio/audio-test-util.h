/* reel — helpers shared by the audio plugin's tests: synthetic signals with
 * known beats, the beat F-measure, and running an element over raw samples
 * with GstHarness while collecting the element messages it posts. */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Interleaved F32 samples; every channel the same. */
typedef struct {
  gint rate;
  gint channels;
  gsize frames;
  gfloat *data;
} TestSignal;

TestSignal *test_signal_new (gint rate, gint channels, gdouble seconds);
void test_signal_free (TestSignal *signal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestSignal, test_signal_free)

void test_signal_add_clicks (TestSignal *signal, gdouble bpm, gdouble offset,
    gdouble amplitude, GArray *times);
void test_signal_add_drums (TestSignal *signal, gdouble bpm, gdouble offset,
    const gchar *pattern, GArray *times);
void test_signal_add_sine (TestSignal *signal, gdouble frequency,
    gdouble amplitude, gdouble from, gdouble to);
void test_signal_silence (TestSignal *signal, gdouble from, gdouble to);

gdouble test_f_measure (GArray *estimated, GArray *reference, gdouble tolerance,
    gdouble *max_error);

GPtrArray *test_run_element (const gchar *launch, const TestSignal *signal,
    gboolean s16, guint frames_per_buffer);
GPtrArray *test_run_element_full (const gchar *launch,
    const TestSignal *const *parts, const GstClockTime *starts, guint n_parts,
    gboolean s16, guint frames_per_buffer, gboolean flush_between);
guint test_count_messages (GPtrArray *messages, const gchar *name);
const GstStructure *test_find_message (GPtrArray *messages, const gchar *name);
GArray *
test_message_times (GPtrArray *messages, const gchar *name, const gchar *field);

G_END_DECLS
