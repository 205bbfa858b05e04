/* reel — the TIMELINE document: what to render, clip by clip.
 *
 * A timeline is the contract between generators (which write one), the API
 * (which stores and serves it), clients (which edit it) and the renderer
 * (which turns it into GES). It is versioned (`"version": 1`), has output
 * settings, tracks of clips (each naming its media, its trim in the source,
 * its place on the timeline, its speed, fit, volume, transition and effects,
 * and why the generator chose it), text overlays, an optional soundtrack and
 * the generator that made it. data/schemas/timeline.schema.json describes
 * the JSON; reel_timeline_validate() adds the rules a schema cannot say
 * (order, overlaps, transitions, trims).
 *
 * The structs are plain and public: the renderer reads them directly. Every
 * time is an exact #ReelTime. Build a timeline from JSON with
 * reel_timeline_new_from_json(), which reports every error with its path
 * (`tracks[1].clips[0].trim.out: must be after trim.in (3 s)`).
 */
#pragma once

#include <reel/reel-prelude.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "reel-field-errors.h"
#include "reel-time.h"

G_BEGIN_DECLS

/**
 * REEL_TIMELINE_VERSION:
 *
 * The timeline format version this reel reads and writes.
 */
#define REEL_TIMELINE_VERSION 1

/**
 * ReelTrackKind:
 * @REEL_TRACK_VIDEO: `"video"`: pictures (and the clips' own sound)
 * @REEL_TRACK_AUDIO: `"audio"`: sound only
 */
typedef enum {
  REEL_TRACK_VIDEO,
  REEL_TRACK_AUDIO,
} ReelTrackKind;

/**
 * ReelFit:
 * @REEL_FIT_LETTERBOX: `"letterbox"`: scale to fit inside, bars around
 * @REEL_FIT_CROP: `"crop"`: scale to cover, crop what sticks out
 * @REEL_FIT_STRETCH: `"stretch"`: scale each axis to the output
 *
 * How a video clip whose shape differs from the output's fills the frame.
 */
typedef enum {
  REEL_FIT_LETTERBOX,
  REEL_FIT_CROP,
  REEL_FIT_STRETCH,
} ReelFit;

/**
 * ReelTextPosition:
 *
 * Where a text overlay sits: `"bottom"` (the default), `"top"`,
 * `"center"`, `"top-left"`, `"top-right"`, `"bottom-left"`,
 * `"bottom-right"`.
 */
typedef enum {
  REEL_TEXT_POSITION_BOTTOM,
  REEL_TEXT_POSITION_TOP,
  REEL_TEXT_POSITION_CENTER,
  REEL_TEXT_POSITION_TOP_LEFT,
  REEL_TEXT_POSITION_TOP_RIGHT,
  REEL_TEXT_POSITION_BOTTOM_LEFT,
  REEL_TEXT_POSITION_BOTTOM_RIGHT,
} ReelTextPosition;

/**
 * ReelTransition:
 * @kind: `"crossfade"`, `"fade-in"` or a GES SMPTE wipe name
 *   (`"bar-wipe-lr"`, …); audio tracks only crossfade
 * @duration: how long it lasts: exactly the overlap with the previous clip
 *
 * The transition into a clip from the clip before it on the same track.
 */
typedef struct {
  gchar *kind;
  ReelTime duration;
  /*< private >*/
  guint32 _broken;
} ReelTransition;

/**
 * ReelEffect:
 * @name: the effect's registered name
 * @params: (not nullable): its parameters, checked against the effect's
 *   schema by the registry, not here
 */
typedef struct {
  gchar *name;
  JsonObject *params;
  /*< private >*/
  guint32 _broken;
} ReelEffect;

/**
 * ReelClip:
 * @id: (nullable): an id unique in the timeline, for clients
 * @media: the media id
 * @trim_in: where the clip starts in the source, seconds
 * @trim_out: where it ends in the source, after @trim_in
 * @start: where it starts on the timeline
 * @speed: playback speed, > 0 (1 = normal); the clip lasts
 *   (@trim_out − @trim_in) / @speed on the timeline
 * @fit: how a video clip fills the frame
 * @volume: linear gain of its sound, 0–10 (1 = unchanged)
 * @transition: (nullable): the transition into this clip
 * @effects: (element-type ReelEffect): effects, applied in order
 * @reason: (nullable): why the generator chose it
 * @has_score: whether @score is set
 * @score: the generator's score for it
 */
typedef struct {
  gchar *id;
  gchar *media;
  ReelTime trim_in;
  ReelTime trim_out;
  ReelTime start;
  ReelTime speed;
  ReelFit fit;
  gdouble volume;
  ReelTransition *transition;
  GPtrArray *effects;
  gchar *reason;
  gboolean has_score;
  gdouble score;
  /*< private >*/
  guint32 _broken;
} ReelClip;

/**
 * ReelTrack:
 * @kind: video or audio
 * @clips: (element-type ReelClip): clips in timeline order
 */
typedef struct {
  ReelTrackKind kind;
  GPtrArray *clips;
  /*< private >*/
  guint32 _broken;
} ReelTrack;

/**
 * ReelTextStyle:
 * @font: a font family (Pango), default "Sans"
 * @size: text height as a fraction of the output height, (0, 1], default
 *   0.05
 * @color: 0xRRGGBBAA, default opaque white
 * @has_background: whether a box is drawn behind the text
 * @background: the box's colour, 0xRRGGBBAA
 */
typedef struct {
  gchar *font;
  gdouble size;
  guint32 color;
  gboolean has_background;
  guint32 background;
} ReelTextStyle;

/**
 * ReelText:
 * @text: what to show, not empty
 * @start: when it appears on the timeline
 * @duration: how long it stays, > 0
 * @position: where it sits
 * @style: how it looks
 */
typedef struct {
  gchar *text;
  ReelTime start;
  ReelTime duration;
  ReelTextPosition position;
  ReelTextStyle style;
  /*< private >*/
  guint32 _broken;
} ReelText;

/**
 * ReelSoundtrack:
 * @media: the media id of the music
 * @has_trim: whether only a part of it is used
 * @trim_in: start of that part
 * @trim_out: end of that part
 * @start: where it starts on the timeline, default 0
 * @volume: linear gain, 0–10, default 1
 * @fade_in: fade-in length, default 0
 * @fade_out: fade-out length before the timeline ends, default 0
 */
typedef struct {
  gchar *media;
  gboolean has_trim;
  ReelTime trim_in;
  ReelTime trim_out;
  ReelTime start;
  gdouble volume;
  ReelTime fade_in;
  ReelTime fade_out;
  /*< private >*/
  guint32 _broken;
} ReelSoundtrack;

/**
 * ReelOutput:
 * @width: frame width in pixels, even, 16–8192; 0 when not given
 * @height: frame height in pixels, even, 16–8192; 0 when not given
 * @fps: frame rate, 1–240; 0/0 when not given
 * @aspect_num: (nullable): the aspect ratio the author meant, e.g. 16 of
 *   16:9, or 0 when not given; must match @width and @height within 1 %
 * @aspect_den: e.g. 9 of 16:9
 * @preset: (nullable): the encoding preset's name
 * @background: colour of letterbox bars and gaps, 0xRRGGBBAA, default
 *   opaque black
 *
 * What the timeline asks of the output. Every member is optional (the whole
 * `output` too): what is not given comes from the render request and its
 * preset. Width and height come together.
 */
typedef struct {
  gint width;
  gint height;
  ReelRate fps;
  gint aspect_num;
  gint aspect_den;
  gchar *preset;
  guint32 background;
  /*< private >*/
  guint32 _broken;
} ReelOutput;

/**
 * ReelGenerator:
 * @name: the generator's name
 * @params: (not nullable): the parameters it ran with
 *
 * What made a timeline (also what a job asks for).
 */
typedef struct {
  gchar *name;
  JsonObject *params;
  /*< private >*/
  guint32 _broken;
} ReelGenerator;

/**
 * ReelTimeline:
 * @version: %REEL_TIMELINE_VERSION
 * @output: output settings; members not given are 0
 * @tracks: (element-type ReelTrack): the tracks, bottom first
 * @texts: (element-type ReelText): text overlays, above every track
 * @soundtrack: (nullable): music under everything
 * @generator: (nullable): what made it
 */
typedef struct {
  gint version;
  ReelOutput output;
  GPtrArray *tracks;
  GPtrArray *texts;
  ReelSoundtrack *soundtrack;
  ReelGenerator *generator;
  /*< private >*/
  guint32 _broken;
} ReelTimeline;

#define REEL_TYPE_TIMELINE (reel_timeline_get_type ())
REEL_API GType reel_timeline_get_type (void);

REEL_API ReelTimeline *reel_timeline_new (void) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelTimeline *reel_timeline_new_from_json (JsonNode *node,
    ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelTimeline *reel_timeline_load_file (const gchar *filename,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *
reel_timeline_to_json (ReelTimeline *timeline) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_timeline_validate (ReelTimeline *timeline,
    ReelFieldErrors *errors);
REEL_API ReelTimeline *
reel_timeline_copy (ReelTimeline *timeline) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_timeline_free (ReelTimeline *timeline);
REEL_API gboolean reel_timeline_get_duration (ReelTimeline *timeline,
    ReelTime *duration);

REEL_API ReelTrack *
reel_track_new (ReelTrackKind kind) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_track_free (ReelTrack *track);
REEL_API ReelClip *reel_clip_new (const gchar *media, ReelTime trim_in,
    ReelTime trim_out, ReelTime start) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_clip_free (ReelClip *clip);
REEL_API gboolean reel_clip_get_duration (ReelClip *clip, ReelTime *duration);
REEL_API gboolean reel_clip_get_end (ReelClip *clip, ReelTime *end);
REEL_API ReelTransition *reel_transition_new (const gchar *kind,
    ReelTime duration) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_transition_free (ReelTransition *transition);
REEL_API ReelEffect *reel_effect_new (const gchar *name,
    JsonObject *params) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_effect_free (ReelEffect *effect);
REEL_API ReelText *reel_text_new (const gchar *text, ReelTime start,
    ReelTime duration) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_text_free (ReelText *text);
REEL_API ReelSoundtrack *
reel_soundtrack_new (const gchar *media) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_soundtrack_free (ReelSoundtrack *soundtrack);
REEL_API ReelGenerator *reel_generator_new (const gchar *name,
    JsonObject *params) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_generator_free (ReelGenerator *generator);
REEL_API ReelGenerator *
reel_generator_copy (ReelGenerator *generator) G_GNUC_WARN_UNUSED_RESULT;

REEL_API const gchar *reel_track_kind_to_string (ReelTrackKind kind);
REEL_API const gchar *reel_fit_to_string (ReelFit fit);
REEL_API const gchar *reel_text_position_to_string (ReelTextPosition position);
REEL_API gboolean reel_transition_kind_is_valid (const gchar *kind,
    ReelTrackKind track);
REEL_API const gchar *const *reel_transition_kinds (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelTimeline, reel_timeline_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelTrack, reel_track_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelClip, reel_clip_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelTransition, reel_transition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelEffect, reel_effect_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelText, reel_text_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelSoundtrack, reel_soundtrack_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelGenerator, reel_generator_free)

G_END_DECLS
