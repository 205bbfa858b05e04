/* reel — the scene-change detector shared by reelscenes and reelthumbnails.
 *
 * Fed one frame at a time (with its stream time and frame index), it finds
 * hard cuts (a one-frame change far above the recent level of change, that
 * persists past the next frame) and gradual transitions (a change that
 * builds up over half a second or more until the histograms half a second
 * apart differ as much as across a cut: dissolves, and fades when one end is
 * a flat, black or white, picture), enforces a minimum scene length, and
 * hands back each transition once it is final. See reel-scene-detector.c
 * for the measures and thresholds. No allocation per frame.
 */
#pragma once

#include "reel-video-features.h"

G_BEGIN_DECLS

typedef enum {
  REEL_TRANSITION_CUT,
  REEL_TRANSITION_DISSOLVE,
  REEL_TRANSITION_FADE,
} ReelTransitionKind;

/* One transition into a new scene. Times are stream times in ns. */
typedef struct {
  ReelTransitionKind kind;
  /* The first frame of the new scene (for a gradual transition, its
   * midpoint), and that frame's index. */
  GstClockTime timestamp;
  guint64 frame;
  /* The first changed frame and the first frame fully in the new scene
   * (both equal to timestamp for a cut). */
  GstClockTime start;
  GstClockTime end;
  /* How different the two scenes are, 0..1. */
  gdouble score;
  /*< private >*/
  gboolean from_flat;
  gboolean to_flat;
  guint64 start_frame;
  guint64 end_frame;
} ReelTransition;

const gchar *reel_transition_kind_to_string (ReelTransitionKind kind);

typedef struct _ReelSceneDetector ReelSceneDetector;

ReelSceneDetector *reel_scene_detector_new (void);
void reel_scene_detector_free (ReelSceneDetector *det);
gboolean
reel_scene_detector_configure (ReelSceneDetector *det, const GstVideoInfo *info,
    gdouble threshold, GstClockTime min_scene_length, gboolean gradual);
void reel_scene_detector_reset (ReelSceneDetector *det);
void
reel_scene_detector_push (ReelSceneDetector *det, const GstVideoFrame *frame,
    GstClockTime time, guint64 index, GArray *transitions);
void reel_scene_detector_finish (ReelSceneDetector *det, GArray *transitions);
gboolean reel_scene_detector_is_settled (ReelSceneDetector *det);
GstClockTime reel_scene_detector_get_last_change (ReelSceneDetector *det);
const ReelVideoFeatures *
reel_scene_detector_get_features (ReelSceneDetector *det);
guint64 reel_scene_detector_get_n_frames (ReelSceneDetector *det);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelSceneDetector, reel_scene_detector_free)

G_END_DECLS
