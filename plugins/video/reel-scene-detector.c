/* reel — the scene-change detector (see reel-scene-detector.h).
 *
 * Measures, from each frame's ReelVideoFeatures:
 *
 * - the change score of frame t, s(t) = 0.6 h + 0.4 min (1, y / 48), where h
 *   is the histogram difference (0..1) and y the mean absolute difference of
 *   the cell lumas (levels) between frames t-1 and t. Histograms ignore
 *   motion; the luma term catches cuts between shots of similar colours.
 * - a cut at t when s(t) is at least the `threshold`, at least the median
 *   of the last second's scores plus six of their median absolute
 *   deviations (0.02 at least), at least 1.5 times s(t+1) (a cut is one
 *   frame of change, not the start of a burst of motion), and the change
 *   persists: s between t-1 and t+1 is at least half of s(t) (no flash).
 *   Deciding frame t therefore waits for frame t+1.
 * - a gradual transition from E(t), the histogram difference between frames
 *   t-W and t, W being half a second: it stays low however things move
 *   inside a shot, and rises to a cut's level across a dissolve or a fade.
 *   A candidate opens when E reaches 0.8 times the threshold (and four
 *   times its recent median), and closes when E falls below half that. Its
 *   end frames A (W before it opened) and B (where it closed) are then the
 *   scenes on either side; if they differ enough, each frame between gets
 *   its position λ = d(A,f) / (d(A,f) + d(f,B)) on the way from A to B: the
 *   transition starts where λ reaches 0.1, is timed at 0.5, and ends at 0.9.
 *   It is a fade when A or B is flat (luma deviation of 12 levels or less:
 *   black, white or a plain colour), else a dissolve. A fade out and a fade
 *   in around a flat stretch of up to three seconds make one fade, timed at
 *   the middle of the stretch. Windows across a cut are left out.
 *
 * A transition closer than the minimum scene length to the start of the
 * stream, to the last reported transition or to the end of the stream is
 * dropped; of two closer than that to each other, the stronger is kept.
 * Transitions are therefore handed back once nothing can replace them.
 */
#include "reel-scene-detector.h"

#include <stdlib.h>
#include <string.h>

#define RING 512
#define HISTORY 64
#define FLAT_STDDEV 12
#define FADE_HOLD (3 * GST_SECOND)

typedef struct {
  guint32 hist[REEL_VIDEO_HIST_BINS];
  GstClockTime time;
  guint64 index;
  guint stddev;
} Entry;

typedef struct {
  gdouble values[HISTORY];
  guint len;
  guint pos;
  guint cap;
} History;

struct _ReelSceneDetector {
  ReelVideoSampler sampler;
  gboolean configured;
  gdouble threshold;
  GstClockTime min_len;
  gboolean gradual;
  gint window;
  gint max_gradual;
  GstClockTime frame_duration;

  /* Features of frames t-1, t and t+1 while frame t is decided. */
  ReelVideoFeatures *feat[3];
  Entry ring[RING];
  guint64 n;
  GstClockTime first_time;
  GstClockTime last_change;
  gdouble s_cur;

  History s_hist;
  History e_hist;
  gint64 last_cut;
  gboolean open;
  gint64 r0;
  gdouble open_thr;

  gboolean have_pending;
  ReelTransition pending;
  gboolean posted_any;
  GstClockTime last_posted;
};

const gchar *
reel_transition_kind_to_string (ReelTransitionKind kind)
{
  switch (kind) {
    case REEL_TRANSITION_CUT:
      return "cut";
    case REEL_TRANSITION_DISSOLVE:
      return "dissolve";
    case REEL_TRANSITION_FADE:
      return "fade";
  }
  return "cut";
}

static void
history_push (History *h, gdouble v)
{
  h->values[h->pos] = v;
  h->pos = (h->pos + 1) % h->cap;
  if (h->len < h->cap)
    h->len++;
}

static gint
compare_doubles (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

/* Median and median absolute deviation of the history (0 when empty). */
static void
history_stats (const History *h, gdouble *median, gdouble *mad)
{
  gdouble tmp[HISTORY];
  gdouble m;

  if (h->len == 0) {
    *median = 0.0;
    if (mad)
      *mad = 0.0;
    return;
  }
  memcpy (tmp, h->values, h->len * sizeof (gdouble));
  qsort (tmp, h->len, sizeof (gdouble), compare_doubles);
  m = tmp[h->len / 2];
  *median = m;
  if (mad == NULL)
    return;
  for (guint i = 0; i < h->len; i++)
    tmp[i] = ABS (h->values[i] - m);
  qsort (tmp, h->len, sizeof (gdouble), compare_doubles);
  *mad = tmp[h->len / 2];
}

ReelSceneDetector *
reel_scene_detector_new (void)
{
  ReelSceneDetector *det = g_new0 (ReelSceneDetector, 1);

  for (guint i = 0; i < 3; i++)
    det->feat[i] = g_new0 (ReelVideoFeatures, 1);
  reel_scene_detector_reset (det);
  return det;
}

void
reel_scene_detector_free (ReelSceneDetector *det)
{
  if (det == NULL)
    return;
  for (guint i = 0; i < 3; i++)
    g_free (det->feat[i]);
  g_free (det);
}

/* Forgets the stream (not the configuration). */
void
reel_scene_detector_reset (ReelSceneDetector *det)
{
  det->n = 0;
  det->first_time = GST_CLOCK_TIME_NONE;
  det->last_change = GST_CLOCK_TIME_NONE;
  det->s_cur = 0.0;
  det->s_hist.len = det->s_hist.pos = 0;
  det->e_hist.len = det->e_hist.pos = 0;
  det->last_cut = -1;
  det->open = FALSE;
  det->have_pending = FALSE;
  det->posted_any = FALSE;
  det->last_posted = GST_CLOCK_TIME_NONE;
}

/**
 * reel_scene_detector_configure:
 * @det: a detector
 * @info: the stream's video info
 * @threshold: the lowest change score of a cut, 0..1
 * @min_scene_length: the shortest scene, ns
 * @gradual: whether to look for dissolves and fades
 *
 * Sets the detector up for a stream and forgets any previous one.
 *
 * Returns: %FALSE when @info's format cannot be read
 */
gboolean
reel_scene_detector_configure (ReelSceneDetector *det, const GstVideoInfo *info,
    gdouble threshold, GstClockTime min_scene_length, gboolean gradual)
{
  gdouble fps = 30.0;

  det->configured = reel_video_sampler_init (&det->sampler, info);
  if (GST_VIDEO_INFO_FPS_N (info) > 0 && GST_VIDEO_INFO_FPS_D (info) > 0)
    fps = (gdouble) GST_VIDEO_INFO_FPS_N (info) / GST_VIDEO_INFO_FPS_D (info);
  det->frame_duration = (GstClockTime) (GST_SECOND / fps);
  det->threshold = threshold;
  det->min_len = min_scene_length;
  det->gradual = gradual;
  det->window = CLAMP ((gint) (fps / 2 + 0.5), 2, 60);
  det->max_gradual = MIN (RING - 2 * det->window - 8, (gint) (4 * fps));
  det->s_hist.cap = CLAMP ((guint) (fps + 0.5), 8, HISTORY);
  det->e_hist.cap = HISTORY;
  reel_scene_detector_reset (det);
  return det->configured;
}

static gdouble
change_score (const ReelVideoSampler *sampler, const ReelVideoFeatures *a,
    const ReelVideoFeatures *b)
{
  gdouble h = reel_video_features_hist_diff (sampler, a, b);
  gdouble y = reel_video_features_luma_diff (sampler, a, b) / 16.0;

  return 0.6 * h + 0.4 * MIN (1.0, y / 48.0);
}

/* The histogram difference of two ring entries (see
 * reel_video_features_hist_diff). */
static gdouble
entry_diff (ReelSceneDetector *det, const Entry *a, const Entry *b)
{
  guint64 dy = 0, dc = 0;

  for (guint i = 0; i < REEL_VIDEO_HIST_Y; i++)
    dy += (guint) ABS ((gint64) a->hist[i] - (gint64) b->hist[i]);
  for (guint i = REEL_VIDEO_HIST_Y; i < REEL_VIDEO_HIST_BINS; i++)
    dc += (guint) ABS ((gint64) a->hist[i] - (gint64) b->hist[i]);
  return (2.0 * dy / (2.0 * det->sampler.mass_y)
             + dc / (2.0 * det->sampler.mass_c))
         / 4.0;
}

static inline Entry *
entry (ReelSceneDetector *det, gint64 t)
{
  return &det->ring[t % RING];
}

static inline gboolean
entry_flat (const Entry *e)
{
  return e->stddev <= FLAT_STDDEV;
}

static void
post (ReelSceneDetector *det, const ReelTransition *tr, GArray *out)
{
  g_array_append_vals (out, tr, 1);
  det->posted_any = TRUE;
  det->last_posted = tr->timestamp;
}

/* Applies the minimum scene length and the fade merging to a new
 * transition; what becomes final goes to @out. */
static void
emit (ReelSceneDetector *det, const ReelTransition *tr, GArray *out)
{
  GstClockTime first = det->first_time;
  ReelTransition *p = &det->pending;

  if (!det->posted_any && !det->have_pending && GST_CLOCK_TIME_IS_VALID (first)
      && tr->timestamp < first + det->min_len)
    return;
  if (det->posted_any && tr->timestamp < det->last_posted + det->min_len)
    return;
  if (det->have_pending) {
    if (p->kind == REEL_TRANSITION_FADE && tr->kind == REEL_TRANSITION_FADE
        && p->to_flat && tr->from_flat && tr->start <= p->end + FADE_HOLD) {
      /* Fade out, flat stretch, fade in: one fade timed at the middle. */
      p->timestamp = p->end + (tr->start - p->end) / 2;
      p->frame = (p->end_frame + tr->start_frame) / 2;
      p->end = tr->end;
      p->end_frame = tr->end_frame;
      p->to_flat = tr->to_flat;
      p->score = MAX (p->score, tr->score);
      return;
    }
    if (tr->timestamp < p->timestamp + det->min_len) {
      if (tr->score > p->score)
        *p = *tr;
      return;
    }
    post (det, p, out);
  }
  *p = *tr;
  det->have_pending = TRUE;
}

static void
close_candidate (ReelSceneDetector *det, gint64 r1, GArray *out)
{
  gint64 a = det->r0 - det->window, start = -1, mid = -1, end = -1;
  Entry *ea, *eb;
  gdouble d_ab;
  ReelTransition tr = { 0 };

  det->open = FALSE;
  if (a < 0 || a < det->last_cut || r1 <= a + 1 || (gint64) det->n - a >= RING)
    return;
  ea = entry (det, a);
  eb = entry (det, r1);
  d_ab = entry_diff (det, ea, eb);
  if (d_ab < 0.8 * det->threshold)
    return;

  for (gint64 t = a; t <= r1; t++) {
    Entry *e = entry (det, t);
    gdouble da = entry_diff (det, ea, e), db = entry_diff (det, e, eb);
    gdouble lambda = da / (da + db + 1e-9);

    if (start < 0 && lambda >= 0.1)
      start = t;
    if (mid < 0 && lambda >= 0.5)
      mid = t;
    if (mid >= 0 && end < 0 && lambda >= 0.9)
      end = t;
  }
  if (start < 0 || mid < 0)
    return;
  if (end < 0)
    end = r1;

  tr.from_flat = entry_flat (ea);
  tr.to_flat = entry_flat (eb);
  tr.kind = tr.from_flat || tr.to_flat ? REEL_TRANSITION_FADE
                                       : REEL_TRANSITION_DISSOLVE;
  tr.timestamp = entry (det, mid)->time;
  tr.frame = entry (det, mid)->index;
  tr.start = entry (det, start)->time;
  tr.start_frame = entry (det, start)->index;
  tr.end = entry (det, end)->time;
  tr.end_frame = entry (det, end)->index;
  tr.score = MIN (1.0, d_ab);
  det->last_change = tr.end;
  emit (det, &tr, out);
}

/* Decides frame t, now that frame t+1 (if @lookahead) is known. */
static void
decide (ReelSceneDetector *det, gint64 t, gboolean lookahead, gdouble s_next,
    GArray *out)
{
  Entry *et = entry (det, t);

  if (t >= 1) {
    gdouble s = det->s_cur, median, mad, thr;
    gboolean cut = FALSE;

    history_stats (&det->s_hist, &median, &mad);
    thr = MAX (det->threshold, median + 6.0 * MAX (mad, 0.02));
    if (s >= thr) {
      cut = !lookahead
            || (s >= 1.5 * s_next
                && change_score (&det->sampler, det->feat[0], det->feat[2])
                       >= 0.5 * s);
    }
    if (cut) {
      ReelTransition tr = { 0 };

      tr.kind = REEL_TRANSITION_CUT;
      tr.timestamp = tr.start = tr.end = et->time;
      tr.frame = tr.start_frame = tr.end_frame = et->index;
      tr.score = MIN (1.0, s);
      det->last_cut = t;
      det->last_change = et->time;
      det->open = FALSE;
      emit (det, &tr, out);
    } else {
      history_push (&det->s_hist, s);
    }
  }

  if (det->gradual && t - det->window >= 0
      && t - det->window >= det->last_cut) {
    gdouble e = entry_diff (det, entry (det, t - det->window), et), median;

    if (!det->open) {
      history_stats (&det->e_hist, &median, NULL);
      det->open_thr = MAX (0.8 * det->threshold, 4.0 * median);
      if (e >= det->open_thr) {
        det->open = TRUE;
        det->r0 = t;
      } else {
        history_push (&det->e_hist, e);
      }
    } else if (e < det->open_thr / 2) {
      close_candidate (det, t - 1, out);
    } else if (t - det->r0 > det->max_gradual) {
      /* A change that never settles is not a transition. */
      det->open = FALSE;
    }
  }

  if (det->have_pending && !det->open
      && et->time >= det->pending.timestamp + det->min_len
      && !(det->pending.to_flat && entry_flat (et)
           && et->time <= det->pending.end + FADE_HOLD)) {
    post (det, &det->pending, out);
    det->have_pending = FALSE;
  }
}

/**
 * reel_scene_detector_push:
 * @det: a configured detector
 * @frame: the next frame, mapped for reading
 * @time: its stream time
 * @index: its frame index
 * @transitions: (element-type ReelTransition): where final transitions are
 *   appended
 */
void
reel_scene_detector_push (ReelSceneDetector *det, const GstVideoFrame *frame,
    GstClockTime time, guint64 index, GArray *transitions)
{
  ReelVideoFeatures *next = det->feat[2], *tmp;
  Entry *e = entry (det, (gint64) det->n);
  gdouble s_next = 0.0;

  if (!det->configured)
    return;
  reel_video_sampler_extract (&det->sampler, frame, next);
  memcpy (e->hist, next->hist, sizeof (e->hist));
  e->time = time;
  e->index = index;
  e->stddev = next->stddev;
  if (det->n == 0)
    det->first_time = det->last_change = time;

  if (det->n >= 1) {
    s_next = change_score (&det->sampler, det->feat[1], next);
    decide (det, (gint64) det->n - 1, TRUE, s_next, transitions);
  }
  tmp = det->feat[0];
  det->feat[0] = det->feat[1];
  det->feat[1] = det->feat[2];
  det->feat[2] = tmp;
  det->s_cur = s_next;
  det->n++;
}

/**
 * reel_scene_detector_finish:
 * @det: a detector
 * @transitions: where the last final transitions are appended
 *
 * Decides the last frame and flushes what was held back, at the end of the
 * stream.
 */
void
reel_scene_detector_finish (ReelSceneDetector *det, GArray *transitions)
{
  GstClockTime end;

  if (!det->configured || det->n == 0)
    return;
  decide (det, (gint64) det->n - 1, FALSE, 0.0, transitions);
  if (det->open)
    close_candidate (det, (gint64) det->n - 1, transitions);
  end = entry (det, (gint64) det->n - 1)->time;
  if (GST_CLOCK_TIME_IS_VALID (end))
    end += det->frame_duration;
  if (det->have_pending && GST_CLOCK_TIME_IS_VALID (end)
      && end >= det->pending.timestamp + det->min_len)
    post (det, &det->pending, transitions);
  det->have_pending = FALSE;
}

/* Whether the last decided frame is inside a scene: no transition under
 * way, no cut in the last two frames. */
gboolean
reel_scene_detector_is_settled (ReelSceneDetector *det)
{
  gint64 t = (gint64) det->n - 2;

  return det->n >= 2 && !det->open
         && (det->last_cut < 0 || t - det->last_cut >= 2);
}

/* Where the last change the detector saw ended (a cut's frame, the end of
 * a gradual transition, or the first frame), before the minimum scene
 * length had its say. */
GstClockTime
reel_scene_detector_get_last_change (ReelSceneDetector *det)
{
  return det->last_change;
}

/* The features of the frame pushed last. */
const ReelVideoFeatures *
reel_scene_detector_get_features (ReelSceneDetector *det)
{
  return det->feat[1];
}

guint64
reel_scene_detector_get_n_frames (ReelSceneDetector *det)
{
  return det->n;
}
