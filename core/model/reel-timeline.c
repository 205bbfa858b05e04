/* reel — the TIMELINE document: reading it from JSON (shape errors),
 * checking its rules (value errors), and writing it back.
 *
 * The rules reel_timeline_validate() enforces, beyond the schema:
 *
 * - output (optional, as each of its members): width and height even,
 *   16–8192, given together; fps 1–240; an `aspect` given with a size
 *   matches width:height within 1 %;
 * - there is at least one track and at least one clip;
 * - a clip: a valid media id, trim.in ≥ 0, trim.out after trim.in,
 *   start ≥ 0, 0 < speed ≤ 100, volume 0–10; clip ids unique;
 * - clips of a track are listed in timeline order (by start). A clip may
 *   overlap the clip before it only through a transition into it whose
 *   duration is exactly the overlap; it may not overlap any earlier clip.
 *   A transition needs a clip before it, is > 0 and no longer than the
 *   clip; audio tracks only crossfade;
 * - a text: not empty, start ≥ 0, duration > 0, size in (0, 1];
 * - the soundtrack: a valid media id, a trim as for clips, start ≥ 0,
 *   volume 0–10, fades ≥ 0 and together no longer than its trim.
 */
#include "reel-model-private.h"
#include "reel-json.h"

#include <string.h>

/* Fields that failed to read, per struct (the private `_broken` masks). */
enum {
  TL_VERSION = 1 << 0,
  TL_OUTPUT = 1 << 1,
  TL_TRACKS = 1 << 2,
};

enum {
  OUT_WIDTH = 1 << 0,
  OUT_HEIGHT = 1 << 1,
  OUT_FPS = 1 << 2,
  OUT_ASPECT = 1 << 3,
  OUT_PRESET = 1 << 4,
};

enum {
  CLIP_ID = 1 << 0,
  CLIP_MEDIA = 1 << 1,
  CLIP_TRIM_IN = 1 << 2,
  CLIP_TRIM_OUT = 1 << 3,
  CLIP_START = 1 << 4,
  CLIP_SPEED = 1 << 5,
  CLIP_VOLUME = 1 << 6,
  CLIP_ALL = 0xffffffff, /* not an object at all */
  CLIP_TIMES = CLIP_TRIM_IN | CLIP_TRIM_OUT | CLIP_START | CLIP_SPEED,
};

enum {
  TR_KIND = 1 << 0,
  TR_DURATION = 1 << 1,
};

enum {
  NAME = 1 << 0, /* effects and generators */
};

enum {
  TRACK_KIND = 1 << 0,
  TRACK_CLIPS = 1 << 1,
  TRACK_ALL = 0xffffffff,
};

enum {
  TEXT_TEXT = 1 << 0,
  TEXT_START = 1 << 1,
  TEXT_DURATION = 1 << 2,
  TEXT_SIZE = 1 << 3,
  TEXT_ALL = 0xffffffff,
};

enum {
  ST_MEDIA = 1 << 0,
  ST_TRIM_IN = 1 << 1,
  ST_TRIM_OUT = 1 << 2,
  ST_START = 1 << 3,
  ST_VOLUME = 1 << 4,
  ST_FADE_IN = 1 << 5,
  ST_FADE_OUT = 1 << 6,
};

#define MARK(obj, bit, read)                                                   \
  G_STMT_START                                                                 \
  {                                                                            \
    if ((read) == REEL_READ_BAD)                                               \
      (obj)->_broken |= (bit);                                                 \
  }                                                                            \
  G_STMT_END
#define OK(obj, bits) (((obj)->_broken & (bits)) == 0)

#define SPEED_MAX 100
#define VOLUME_MAX 10.0
#define SIZE_MIN 16
#define SIZE_MAX 8192
#define FPS_MAX 240

static const gchar *const track_kinds[] = { "video", "audio", NULL };
static const gchar *const fits[] = { "letterbox", "crop", "stretch", NULL };
static const gchar *const positions[] = { "bottom", "top", "center", "top-left",
  "top-right", "bottom-left", "bottom-right", NULL };

/* GES's video transitions (GESVideoStandardTransitionType nicks, "none"
 * excepted); tests/unit/core/model checks the list against GES. */
static const gchar *const transition_kinds[] = { "crossfade", "fade-in",
  "bar-wipe-lr", "bar-wipe-tb", "box-wipe-tl", "box-wipe-tr", "box-wipe-br",
  "box-wipe-bl", "four-box-wipe-ci", "four-box-wipe-co", "barndoor-v",
  "barndoor-h", "box-wipe-tc", "box-wipe-rc", "box-wipe-bc", "box-wipe-lc",
  "diagonal-tl", "diagonal-tr", "bowtie-v", "bowtie-h", "barndoor-dbl",
  "barndoor-dtl", "misc-diagonal-dbd", "misc-diagonal-dd", "vee-d", "vee-l",
  "vee-u", "vee-r", "barnvee-d", "barnvee-l", "barnvee-u", "barnvee-r",
  "iris-rect", "clock-cw12", "clock-cw3", "clock-cw6", "clock-cw9",
  "pinwheel-tbv", "pinwheel-tbh", "pinwheel-fb", "fan-ct", "fan-cr",
  "doublefan-fov", "doublefan-foh", "singlesweep-cwt", "singlesweep-cwr",
  "singlesweep-cwb", "singlesweep-cwl", "doublesweep-pv", "doublesweep-pd",
  "doublesweep-ov", "doublesweep-oh", "fan-t", "fan-r", "fan-b", "fan-l",
  "doublefan-fiv", "doublefan-fih", "singlesweep-cwtl", "singlesweep-cwbl",
  "singlesweep-cwbr", "singlesweep-cwtr", "doublesweep-pdtl",
  "doublesweep-pdbl", "saloondoor-t", "saloondoor-l", "saloondoor-b",
  "saloondoor-r", "windshield-r", "windshield-u", "windshield-v",
  "windshield-h", NULL };

static const gchar *const timeline_members[] = { "$schema", "kind", "version",
  "output", "tracks", "text", "soundtrack", "generator", NULL };
static const gchar *const output_members[] = { "width", "height", "fps",
  "aspect", "preset", "background", NULL };
static const gchar *const track_members[] = { "kind", "clips", NULL };
static const gchar *const clip_members[] = { "id", "media", "trim", "start",
  "speed", "fit", "volume", "transition", "effects", "reason", "score", NULL };
static const gchar *const trim_members[] = { "in", "out", NULL };
static const gchar *const transition_members[] = { "kind", "duration", NULL };
static const gchar *const effect_members[] = { "name", "params", NULL };
static const gchar *const text_members[] = { "text", "start", "duration",
  "position", "style", NULL };
static const gchar *const style_members[] = { "font", "size", "color",
  "background", NULL };
static const gchar *const soundtrack_members[] = { "media", "trim", "start",
  "volume", "fade_in", "fade_out", NULL };
static const gchar *const generator_members[] = { "name", "params", NULL };

/* "2.5 s" for messages. */
static gchar *
fmt_time (ReelTime t)
{
  g_autofree gchar *s = reel_time_to_string (t);

  return g_strconcat (s, " s", NULL);
}

/* ---- constructors and destructors ------------------------------------- */

G_DEFINE_BOXED_TYPE (ReelTimeline, reel_timeline, reel_timeline_copy,
    reel_timeline_free)

/**
 * reel_transition_new:
 * @kind: a transition kind
 * @duration: its duration
 *
 * Returns: (transfer full): a transition
 */
ReelTransition *
reel_transition_new (const gchar *kind, ReelTime duration)
{
  ReelTransition *t = g_new0 (ReelTransition, 1);

  t->kind = g_strdup (kind);
  t->duration = duration;
  return t;
}

/**
 * reel_transition_free:
 * @transition: (nullable) (transfer full): a #ReelTransition
 *
 * Frees @transition and everything it owns.
 */
void
reel_transition_free (ReelTransition *transition)
{
  if (transition == NULL)
    return;
  g_free (transition->kind);
  g_free (transition);
}

/**
 * reel_effect_new:
 * @name: the effect's name
 * @params: (nullable): its parameters; a reference is taken
 *
 * Returns: (transfer full): an effect
 */
ReelEffect *
reel_effect_new (const gchar *name, JsonObject *params)
{
  ReelEffect *e = g_new0 (ReelEffect, 1);

  e->name = g_strdup (name);
  e->params = params != NULL ? json_object_ref (params) : json_object_new ();
  return e;
}

/**
 * reel_effect_free:
 * @effect: (nullable) (transfer full): a #ReelEffect
 *
 * Frees @effect and everything it owns.
 */
void
reel_effect_free (ReelEffect *effect)
{
  if (effect == NULL)
    return;
  g_free (effect->name);
  g_clear_pointer (&effect->params, json_object_unref);
  g_free (effect);
}

static ReelClip *
clip_new_empty (void)
{
  ReelClip *c = g_new0 (ReelClip, 1);

  c->trim_in = reel_time_zero ();
  c->trim_out = reel_time_zero ();
  c->start = reel_time_zero ();
  c->speed = reel_time_new (1, 1);
  c->fit = REEL_FIT_LETTERBOX;
  c->volume = 1.0;
  c->effects =
      g_ptr_array_new_with_free_func ((GDestroyNotify) reel_effect_free);
  return c;
}

/**
 * reel_clip_new:
 * @media: the media id
 * @trim_in: start in the source
 * @trim_out: end in the source
 * @start: place on the timeline
 *
 * Returns: (transfer full): a clip at normal speed, letterboxed, full volume
 */
ReelClip *
reel_clip_new (const gchar *media, ReelTime trim_in, ReelTime trim_out,
    ReelTime start)
{
  ReelClip *c = clip_new_empty ();

  c->media = g_strdup (media);
  c->trim_in = trim_in;
  c->trim_out = trim_out;
  c->start = start;
  return c;
}

/**
 * reel_clip_free:
 * @clip: (nullable) (transfer full): a #ReelClip
 *
 * Frees @clip and everything it owns.
 */
void
reel_clip_free (ReelClip *clip)
{
  if (clip == NULL)
    return;
  g_free (clip->id);
  g_free (clip->media);
  reel_transition_free (clip->transition);
  g_ptr_array_unref (clip->effects);
  g_free (clip->reason);
  g_free (clip);
}

/**
 * reel_clip_get_duration:
 * @duration: (out caller-allocates): (trim_out − trim_in) / speed
 *
 * Returns: %FALSE when the speed is zero or the result overflows
 */
gboolean
reel_clip_get_duration (ReelClip *clip, ReelTime *duration)
{
  ReelTime source;

  g_return_val_if_fail (clip != NULL, FALSE);
  g_return_val_if_fail (duration != NULL, FALSE);

  return reel_time_sub (clip->trim_out, clip->trim_in, &source)
         && reel_time_div (source, clip->speed, duration);
}

/**
 * reel_clip_get_end:
 * @end: (out caller-allocates): where the clip ends on the timeline
 *
 * Returns: %FALSE when it cannot be computed (zero speed, overflow)
 */
gboolean
reel_clip_get_end (ReelClip *clip, ReelTime *end)
{
  ReelTime d;

  g_return_val_if_fail (clip != NULL, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);

  return reel_clip_get_duration (clip, &d)
         && reel_time_add (clip->start, d, end);
}

/**
 * reel_track_new:
 *
 * Returns: (transfer full): an empty track
 */
ReelTrack *
reel_track_new (ReelTrackKind kind)
{
  ReelTrack *t = g_new0 (ReelTrack, 1);

  t->kind = kind;
  t->clips = g_ptr_array_new_with_free_func ((GDestroyNotify) reel_clip_free);
  return t;
}

/**
 * reel_track_free:
 * @track: (nullable) (transfer full): a #ReelTrack
 *
 * Frees @track and everything it owns.
 */
void
reel_track_free (ReelTrack *track)
{
  if (track == NULL)
    return;
  g_ptr_array_unref (track->clips);
  g_free (track);
}

/**
 * reel_text_new:
 *
 * Returns: (transfer full): a text overlay at the bottom, white Sans
 */
ReelText *
reel_text_new (const gchar *text, ReelTime start, ReelTime duration)
{
  ReelText *t = g_new0 (ReelText, 1);

  t->text = g_strdup (text);
  t->start = start;
  t->duration = duration;
  t->position = REEL_TEXT_POSITION_BOTTOM;
  t->style.font = g_strdup ("Sans");
  t->style.size = 0.05;
  t->style.color = 0xffffffff;
  return t;
}

/**
 * reel_text_free:
 * @text: (nullable) (transfer full): a #ReelText
 *
 * Frees @text and everything it owns.
 */
void
reel_text_free (ReelText *text)
{
  if (text == NULL)
    return;
  g_free (text->text);
  g_free (text->style.font);
  g_free (text);
}

/**
 * reel_soundtrack_new:
 *
 * Returns: (transfer full): a soundtrack from the start, untrimmed, no fades
 */
ReelSoundtrack *
reel_soundtrack_new (const gchar *media)
{
  ReelSoundtrack *s = g_new0 (ReelSoundtrack, 1);

  s->media = g_strdup (media);
  s->trim_in = reel_time_zero ();
  s->trim_out = reel_time_zero ();
  s->start = reel_time_zero ();
  s->volume = 1.0;
  s->fade_in = reel_time_zero ();
  s->fade_out = reel_time_zero ();
  return s;
}

/**
 * reel_soundtrack_free:
 * @soundtrack: (nullable) (transfer full): a #ReelSoundtrack
 *
 * Frees @soundtrack and everything it owns.
 */
void
reel_soundtrack_free (ReelSoundtrack *soundtrack)
{
  if (soundtrack == NULL)
    return;
  g_free (soundtrack->media);
  g_free (soundtrack);
}

/**
 * reel_generator_new:
 * @params: (nullable): a reference is taken
 *
 * Returns: (transfer full): a generator record
 */
ReelGenerator *
reel_generator_new (const gchar *name, JsonObject *params)
{
  ReelGenerator *g = g_new0 (ReelGenerator, 1);

  g->name = g_strdup (name);
  g->params = params != NULL ? json_object_ref (params) : json_object_new ();
  return g;
}

/**
 * reel_generator_copy:
 *
 * Returns: (transfer full): a copy sharing the (immutable) parameters
 */
ReelGenerator *
reel_generator_copy (ReelGenerator *generator)
{
  ReelGenerator *g;

  g_return_val_if_fail (generator != NULL, NULL);

  g = reel_generator_new (generator->name, generator->params);
  g->_broken = generator->_broken;
  return g;
}

/**
 * reel_generator_free:
 * @generator: (nullable) (transfer full): a #ReelGenerator
 *
 * Frees @generator and everything it owns.
 */
void
reel_generator_free (ReelGenerator *generator)
{
  if (generator == NULL)
    return;
  g_free (generator->name);
  g_clear_pointer (&generator->params, json_object_unref);
  g_free (generator);
}

/**
 * reel_timeline_new:
 *
 * Returns: (transfer full): an empty version-1 timeline, output unset
 */
ReelTimeline *
reel_timeline_new (void)
{
  ReelTimeline *tl = g_new0 (ReelTimeline, 1);

  tl->version = REEL_TIMELINE_VERSION;
  tl->output.background = 0x000000ff;
  tl->tracks =
      g_ptr_array_new_with_free_func ((GDestroyNotify) reel_track_free);
  tl->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) reel_text_free);
  return tl;
}

/**
 * reel_timeline_free:
 * @timeline: (nullable) (transfer full): a #ReelTimeline
 *
 * Frees @timeline and everything it owns.
 */
void
reel_timeline_free (ReelTimeline *timeline)
{
  if (timeline == NULL)
    return;
  g_free (timeline->output.preset);
  g_ptr_array_unref (timeline->tracks);
  g_ptr_array_unref (timeline->texts);
  reel_soundtrack_free (timeline->soundtrack);
  reel_generator_free (timeline->generator);
  g_free (timeline);
}

/* ---- enums ------------------------------------------------------------ */

/**
 * reel_track_kind_to_string:
 * @kind: a value of the enum
 *
 * Returns: (transfer none) (nullable): `"video"` or `"audio"`, as in JSON; %NULL for a value
 *   out of range
 */
const gchar *
reel_track_kind_to_string (ReelTrackKind kind)
{
  return reel_model_enum_to_string (track_kinds, kind);
}

/**
 * reel_fit_to_string:
 * @fit: a value of the enum
 *
 * Returns: (transfer none) (nullable): `"letterbox"`, `"crop"` or `"stretch"`, as in JSON; %NULL for a value
 *   out of range
 */
const gchar *
reel_fit_to_string (ReelFit fit)
{
  return reel_model_enum_to_string (fits, fit);
}

/**
 * reel_text_position_to_string:
 * @position: a value of the enum
 *
 * Returns: (transfer none) (nullable): the position's name (`"bottom"`, …), as in JSON; %NULL for a value
 *   out of range
 */
const gchar *
reel_text_position_to_string (ReelTextPosition position)
{
  return reel_model_enum_to_string (positions, position);
}

/**
 * reel_transition_kinds:
 *
 * Returns: (transfer none) (array zero-terminated=1): every transition kind
 */
const gchar *const *
reel_transition_kinds (void)
{
  return transition_kinds;
}

/**
 * reel_transition_kind_is_valid:
 *
 * Returns: whether a track of kind @track can have a transition @kind
 */
gboolean
reel_transition_kind_is_valid (const gchar *kind, ReelTrackKind track)
{
  if (kind == NULL)
    return FALSE;
  if (track == REEL_TRACK_AUDIO)
    return g_str_equal (kind, "crossfade");
  return g_strv_contains (transition_kinds, kind);
}

/* ---- reading ---------------------------------------------------------- */

static ReelRead
read_color (ReelReader *r, const gchar *member, guint32 *out, gboolean *set)
{
  g_autofree gchar *text = NULL;
  ReelRead res = reel_read_string (r, member, FALSE, &text);

  if (res != REEL_READ_OK)
    return res;
  if (!reel_model_parse_color (text, out)) {
    g_autofree gchar *p = reel_reader_path (r, member);

    reel_field_errors_add (r->errors, p,
        "must be a color such as "
        "\"#FFFFFF\" or \"#00000080\"");
    return REEL_READ_BAD;
  }
  if (set != NULL)
    *set = TRUE;
  return REEL_READ_OK;
}

/* 0 means "not given" in the struct, so a 0 written in JSON is refused
 * here, where it can still be told apart. */
static ReelRead
read_size (ReelReader *r, const gchar *member, gint *out)
{
  ReelRead res = reel_read_gint (r, member, FALSE, out);

  if (res == REEL_READ_OK && *out <= 0) {
    g_autofree gchar *p = reel_reader_path (r, member);

    reel_field_errors_add (r->errors, p, "must be between %d and %d (not %d)",
        SIZE_MIN, SIZE_MAX, *out);
    *out = 0;
    return REEL_READ_BAD;
  }
  return res;
}

static void
parse_output (ReelOutput *o, JsonNode *node, const gchar *path,
    ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  g_autofree gchar *aspect = NULL;
  ReelRead res;

  if (!reel_reader_init (&r, node, path, errors, output_members)) {
    o->_broken = 0xffffffff;
    return;
  }
  MARK (o, OUT_WIDTH, read_size (&r, "width", &o->width));
  MARK (o, OUT_HEIGHT, read_size (&r, "height", &o->height));
  MARK (o, OUT_FPS, reel_read_rate (&r, "fps", FALSE, &o->fps));
  res = reel_read_string (&r, "aspect", FALSE, &aspect);
  if (res == REEL_READ_OK
      && !reel_model_parse_aspect (aspect, &o->aspect_num, &o->aspect_den)) {
    g_autofree gchar *p = reel_reader_path (&r, "aspect");

    reel_field_errors_add (errors, p, "must be a ratio such as \"16:9\"");
    res = REEL_READ_BAD;
  }
  MARK (o, OUT_ASPECT, res);
  MARK (o, OUT_PRESET, reel_read_string (&r, "preset", FALSE, &o->preset));
  read_color (&r, "background", &o->background, NULL);
}

static ReelTransition *
parse_transition (JsonNode *node, const gchar *path, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelTransition *t = reel_transition_new (NULL, reel_time_zero ());

  if (!reel_reader_init (&r, node, path, errors, transition_members)) {
    t->_broken = 0xffffffff;
    return t;
  }
  MARK (t, TR_KIND, reel_read_string (&r, "kind", TRUE, &t->kind));
  MARK (t, TR_DURATION, reel_read_time (&r, "duration", TRUE, &t->duration));
  return t;
}

static ReelEffect *
parse_effect (JsonNode *node, const gchar *path, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelEffect *e = reel_effect_new (NULL, NULL);

  if (!reel_reader_init (&r, node, path, errors, effect_members)) {
    e->_broken = 0xffffffff;
    return e;
  }
  MARK (e, NAME, reel_read_string (&r, "name", TRUE, &e->name));
  reel_read_params (&r, "params", FALSE, &e->params);
  return e;
}

static ReelClip *
parse_clip (JsonNode *node, const gchar *path, ReelFieldErrors *errors,
    const ReelTrack *track)
{
  g_auto (ReelReader) r = { 0 };
  ReelClip *c = clip_new_empty ();
  JsonNode *child = NULL;
  JsonArray *effects = NULL;
  gint fit = REEL_FIT_LETTERBOX;
  ReelRead res;

  if (!reel_reader_init (&r, node, path, errors, clip_members)) {
    c->_broken = CLIP_ALL;
    return c;
  }
  MARK (c, CLIP_ID, reel_read_string (&r, "id", FALSE, &c->id));
  MARK (c, CLIP_MEDIA, reel_read_string (&r, "media", TRUE, &c->media));

  res = reel_read_object (&r, "trim", TRUE, &child);
  if (res == REEL_READ_OK) {
    g_auto (ReelReader) trim = { 0 };
    g_autofree gchar *trim_path = reel_reader_path (&r, "trim");

    reel_reader_init (&trim, child, trim_path, errors, trim_members);
    MARK (c, CLIP_TRIM_IN, reel_read_time (&trim, "in", TRUE, &c->trim_in));
    MARK (c, CLIP_TRIM_OUT, reel_read_time (&trim, "out", TRUE, &c->trim_out));
  } else {
    c->_broken |= CLIP_TRIM_IN | CLIP_TRIM_OUT;
  }

  MARK (c, CLIP_START, reel_read_time (&r, "start", TRUE, &c->start));
  MARK (c, CLIP_SPEED, reel_read_time (&r, "speed", FALSE, &c->speed));

  res = reel_read_enum (&r, "fit", FALSE, fits, &fit);
  if (res == REEL_READ_OK && OK (track, TRACK_KIND)
      && track->kind == REEL_TRACK_AUDIO) {
    g_autofree gchar *p = reel_reader_path (&r, "fit");

    reel_field_errors_add (errors, p,
        "only clips on a video track have a "
        "fit");
  }
  c->fit = (ReelFit) fit;

  MARK (c, CLIP_VOLUME, reel_read_double (&r, "volume", FALSE, &c->volume));

  if (reel_read_object (&r, "transition", FALSE, &child) == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "transition");

    c->transition = parse_transition (child, p, errors);
  }

  if (reel_read_array (&r, "effects", FALSE, &effects) == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "effects");

    for (guint i = 0; i < json_array_get_length (effects); i++) {
      g_autofree gchar *ep = reel_path_index (p, i);

      g_ptr_array_add (c->effects,
          parse_effect (json_array_get_element (effects, i), ep, errors));
    }
  }

  reel_read_string (&r, "reason", FALSE, &c->reason);
  c->has_score =
      reel_read_double (&r, "score", FALSE, &c->score) == REEL_READ_OK;
  return c;
}

static ReelTrack *
parse_track (JsonNode *node, const gchar *path, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelTrack *t = reel_track_new (REEL_TRACK_VIDEO);
  JsonArray *clips = NULL;
  gint kind = REEL_TRACK_VIDEO;

  if (!reel_reader_init (&r, node, path, errors, track_members)) {
    t->_broken = TRACK_ALL;
    return t;
  }
  MARK (t, TRACK_KIND, reel_read_enum (&r, "kind", TRUE, track_kinds, &kind));
  t->kind = (ReelTrackKind) kind;

  if (reel_read_array (&r, "clips", TRUE, &clips) != REEL_READ_OK) {
    t->_broken |= TRACK_CLIPS;
  } else {
    g_autofree gchar *p = reel_reader_path (&r, "clips");

    for (guint i = 0; i < json_array_get_length (clips); i++) {
      g_autofree gchar *cp = reel_path_index (p, i);

      g_ptr_array_add (t->clips,
          parse_clip (json_array_get_element (clips, i), cp, errors, t));
    }
  }
  return t;
}

static ReelText *
parse_text (JsonNode *node, const gchar *path, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelText *t = reel_text_new (NULL, reel_time_zero (), reel_time_zero ());
  JsonNode *style = NULL;
  gint position = REEL_TEXT_POSITION_BOTTOM;

  if (!reel_reader_init (&r, node, path, errors, text_members)) {
    t->_broken = TEXT_ALL;
    return t;
  }
  MARK (t, TEXT_TEXT, reel_read_string (&r, "text", TRUE, &t->text));
  MARK (t, TEXT_START, reel_read_time (&r, "start", TRUE, &t->start));
  MARK (t, TEXT_DURATION, reel_read_time (&r, "duration", TRUE, &t->duration));
  reel_read_enum (&r, "position", FALSE, positions, &position);
  t->position = (ReelTextPosition) position;

  if (reel_read_object (&r, "style", FALSE, &style) == REEL_READ_OK) {
    g_auto (ReelReader) s = { 0 };
    g_autofree gchar *sp = reel_reader_path (&r, "style");

    reel_reader_init (&s, style, sp, errors, style_members);
    reel_read_string (&s, "font", FALSE, &t->style.font);
    MARK (t, TEXT_SIZE, reel_read_double (&s, "size", FALSE, &t->style.size));
    read_color (&s, "color", &t->style.color, NULL);
    read_color (&s, "background", &t->style.background,
        &t->style.has_background);
  }
  return t;
}

static ReelSoundtrack *
parse_soundtrack (JsonNode *node, const gchar *path, ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelSoundtrack *s = reel_soundtrack_new (NULL);
  JsonNode *trim = NULL;
  ReelRead res;

  if (!reel_reader_init (&r, node, path, errors, soundtrack_members)) {
    s->_broken = 0xffffffff;
    return s;
  }
  MARK (s, ST_MEDIA, reel_read_string (&r, "media", TRUE, &s->media));
  res = reel_read_object (&r, "trim", FALSE, &trim);
  if (res == REEL_READ_OK) {
    g_auto (ReelReader) t = { 0 };
    g_autofree gchar *tp = reel_reader_path (&r, "trim");

    s->has_trim = TRUE;
    reel_reader_init (&t, trim, tp, errors, trim_members);
    MARK (s, ST_TRIM_IN, reel_read_time (&t, "in", TRUE, &s->trim_in));
    MARK (s, ST_TRIM_OUT, reel_read_time (&t, "out", TRUE, &s->trim_out));
  } else if (res == REEL_READ_BAD) {
    s->has_trim = TRUE;
    s->_broken |= ST_TRIM_IN | ST_TRIM_OUT;
  }
  MARK (s, ST_START, reel_read_time (&r, "start", FALSE, &s->start));
  MARK (s, ST_VOLUME, reel_read_double (&r, "volume", FALSE, &s->volume));
  MARK (s, ST_FADE_IN, reel_read_time (&r, "fade_in", FALSE, &s->fade_in));
  MARK (s, ST_FADE_OUT, reel_read_time (&r, "fade_out", FALSE, &s->fade_out));
  return s;
}

/**
 * reel_generator_parse_at: (skip)
 *
 * Reads `{"name", "params"?}` at @path.
 *
 * Returns: (transfer full): the generator, possibly with broken fields
 */
ReelGenerator *
reel_generator_parse_at (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  ReelGenerator *g = reel_generator_new (NULL, NULL);

  if (!reel_reader_init (&r, node, path, errors, generator_members)) {
    g->_broken = 0xffffffff;
    return g;
  }
  MARK (g, NAME, reel_read_string (&r, "name", TRUE, &g->name));
  reel_read_params (&r, "params", FALSE, &g->params);
  return g;
}

/**
 * reel_timeline_parse_at: (skip)
 *
 * Reads a timeline at @path, reporting shape errors only.
 *
 * Returns: (transfer full) (nullable): the timeline, possibly with broken
 *   fields; %NULL when @node is not an object or has an unsupported version
 */
ReelTimeline *
reel_timeline_parse_at (JsonNode *node, const gchar *path,
    ReelFieldErrors *errors)
{
  g_auto (ReelReader) r = { 0 };
  g_autoptr (ReelTimeline) tl = NULL;
  JsonNode *child = NULL;
  JsonArray *array = NULL;
  gint version;
  ReelRead res;

  if (!reel_reader_init (&r, node, path, errors, NULL))
    return NULL;
  /* a later version may have other members: check it first */
  if (!reel_model_read_version (&r, "timeline", TRUE, &version))
    return NULL;
  reel_reader_check_members (&r, timeline_members);
  reel_model_check_kind (&r, "timeline");

  tl = reel_timeline_new ();
  tl->version = version;

  res = reel_read_object (&r, "output", FALSE, &child);
  if (res == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "output");

    parse_output (&tl->output, child, p, errors);
  } else if (res == REEL_READ_BAD) {
    tl->output._broken = 0xffffffff;
  }

  res = reel_read_array (&r, "tracks", TRUE, &array);
  if (res == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "tracks");

    for (guint i = 0; i < json_array_get_length (array); i++) {
      g_autofree gchar *tp = reel_path_index (p, i);

      g_ptr_array_add (tl->tracks,
          parse_track (json_array_get_element (array, i), tp, errors));
    }
  } else {
    tl->_broken |= TL_TRACKS;
  }

  if (reel_read_array (&r, "text", FALSE, &array) == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "text");

    for (guint i = 0; i < json_array_get_length (array); i++) {
      g_autofree gchar *tp = reel_path_index (p, i);

      g_ptr_array_add (tl->texts,
          parse_text (json_array_get_element (array, i), tp, errors));
    }
  }

  if (reel_read_object (&r, "soundtrack", FALSE, &child) == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "soundtrack");

    tl->soundtrack = parse_soundtrack (child, p, errors);
  }

  if (reel_read_object (&r, "generator", FALSE, &child) == REEL_READ_OK) {
    g_autofree gchar *p = reel_reader_path (&r, "generator");

    tl->generator = reel_generator_parse_at (child, p, errors);
  }
  return g_steal_pointer (&tl);
}

/* ---- validating ------------------------------------------------------- */

static gchar *
sub (const gchar *path, const gchar *member)
{
  return reel_path_member (path, member);
}

static void
check_not_negative (ReelTime t, const gchar *path, const gchar *member,
    ReelFieldErrors *errors)
{
  if (reel_time_sign (t) < 0) {
    g_autofree gchar *p = sub (path, member);

    reel_field_errors_add (errors, p, "must not be negative");
  }
}

static void
check_positive (ReelTime t, const gchar *path, const gchar *member,
    ReelFieldErrors *errors)
{
  if (reel_time_sign (t) <= 0) {
    g_autofree gchar *p = sub (path, member);

    reel_field_errors_add (errors, p, "must be greater than 0");
  }
}

static void
validate_output (ReelOutput *o, const gchar *path, ReelFieldErrors *errors)
{
  gboolean size_ok = TRUE;
  const struct {
    const gchar *name;
    gint value;
    guint32 bit;
  } sizes[] = {
    { "width", o->width, OUT_WIDTH },
    { "height", o->height, OUT_HEIGHT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++) {
    g_autofree gchar *p = sub (path, sizes[i].name);

    if (!OK (o, sizes[i].bit) || sizes[i].value == 0) {
      size_ok = FALSE;
    } else if (sizes[i].value < SIZE_MIN || sizes[i].value > SIZE_MAX) {
      reel_field_errors_add (errors, p, "must be between %d and %d (not %d)",
          SIZE_MIN, SIZE_MAX, sizes[i].value);
      size_ok = FALSE;
    } else if (sizes[i].value % 2 != 0) {
      reel_field_errors_add (errors, p,
          "must be even (not %d): encoders "
          "need even frame sizes",
          sizes[i].value);
      size_ok = FALSE;
    }
  }

  if (OK (o, OUT_WIDTH | OUT_HEIGHT) && (o->width == 0) != (o->height == 0)) {
    g_autofree gchar *p = sub (path, o->width == 0 ? "width" : "height");

    reel_field_errors_add (errors, p, "is required when %s is given",
        o->width == 0 ? "height" : "width");
  }

  if (OK (o, OUT_FPS) && (o->fps.num != 0 || o->fps.den != 0)) {
    g_autofree gchar *p = sub (path, "fps");

    if (!reel_rate_is_valid (o->fps) || o->fps.num < o->fps.den
        || o->fps.num > (gint64) FPS_MAX * o->fps.den) {
      g_autofree gchar *rate = reel_rate_to_string (o->fps);

      reel_field_errors_add (errors, p,
          "must be between 1 and %d frames per "
          "second (not %s)",
          FPS_MAX, rate);
    }
  }

  if (OK (o, OUT_ASPECT) && o->aspect_num > 0 && size_ok) {
    gint64 lhs = (gint64) o->width * o->aspect_den;
    gint64 rhs = (gint64) o->height * o->aspect_num;

    if (ABS (lhs - rhs) * 100 > rhs) {
      g_autofree gchar *p = sub (path, "aspect");
      gint g = o->width, b = o->height;

      while (b != 0) {
        gint t = g % b;

        g = b;
        b = t;
      }
      reel_field_errors_add (errors, p,
          "%d:%d does not match width and "
          "height (%dx%d is %d:%d)",
          o->aspect_num, o->aspect_den, o->width, o->height, o->width / g,
          o->height / g);
    }
  }

  if (OK (o, OUT_PRESET) && o->preset != NULL) {
    g_autofree gchar *p = sub (path, "preset");

    reel_model_check_name (o->preset, p, errors);
  }
}

static void
validate_volume (gdouble volume, const gchar *path, ReelFieldErrors *errors)
{
  g_autofree gchar *p = sub (path, "volume");

  reel_model_check_range (volume, 0, VOLUME_MAX, p, errors);
}

/* The checks on one clip that need no neighbour. */
static void
validate_clip (ReelClip *c, ReelTrackKind kind, const gchar *path,
    ReelFieldErrors *errors)
{
  if (OK (c, CLIP_ID) && c->id != NULL) {
    g_autofree gchar *p = sub (path, "id");

    reel_model_check_id (c->id, p, errors);
  }
  if (OK (c, CLIP_MEDIA)) {
    g_autofree gchar *p = sub (path, "media");

    reel_model_check_id (c->media, p, errors);
  }
  if (OK (c, CLIP_TRIM_IN))
    check_not_negative (c->trim_in, path, "trim.in", errors);
  if (OK (c, CLIP_TRIM_IN | CLIP_TRIM_OUT)
      && reel_time_compare (c->trim_out, c->trim_in) <= 0) {
    g_autofree gchar *p = sub (path, "trim.out");
    g_autofree gchar *in = fmt_time (c->trim_in);

    reel_field_errors_add (errors, p, "must be after trim.in (%s)", in);
  }
  if (OK (c, CLIP_START))
    check_not_negative (c->start, path, "start", errors);
  if (OK (c, CLIP_SPEED)) {
    g_autofree gchar *p = sub (path, "speed");

    if (reel_time_sign (c->speed) <= 0)
      reel_field_errors_add (errors, p, "must be greater than 0");
    else if (reel_time_compare (c->speed, reel_time_new (SPEED_MAX, 1)) > 0)
      reel_field_errors_add (errors, p, "must be at most %d", SPEED_MAX);
  }
  if (OK (c, CLIP_VOLUME))
    validate_volume (c->volume, path, errors);

  if (c->transition != NULL) {
    ReelTransition *t = c->transition;
    g_autofree gchar *tp = sub (path, "transition");

    if (OK (t, TR_KIND)) {
      g_autofree gchar *p = sub (tp, "kind");

      if (t->kind == NULL)
        reel_field_errors_add (errors, p, "is required");
      else if (kind == REEL_TRACK_AUDIO && !g_str_equal (t->kind, "crossfade"))
        reel_field_errors_add (errors, p,
            "must be \"crossfade\" on an "
            "audio track (not \"%s\")",
            t->kind);
      else if (!reel_transition_kind_is_valid (t->kind, kind))
        reel_field_errors_add (errors, p,
            "must be \"crossfade\", "
            "\"fade-in\" or an SMPTE wipe such as \"bar-wipe-lr\" "
            "(not \"%s\")",
            t->kind);
    }
    if (OK (t, TR_DURATION))
      check_positive (t->duration, tp, "duration", errors);
  }

  for (guint i = 0; i < c->effects->len; i++) {
    ReelEffect *e = g_ptr_array_index (c->effects, i);
    g_autofree gchar *ep = sub (path, "effects");
    g_autofree gchar *ip = reel_path_index (ep, i);
    g_autofree gchar *np = sub (ip, "name");

    if (OK (e, NAME))
      reel_model_check_name (e->name, np, errors);
  }
}

/* Whether the clip's place on the timeline is known well enough to check
 * its neighbours: times read, trim and speed valid. */
static gboolean
clip_span (ReelClip *c, ReelTime *end, ReelTime *duration)
{
  if (!OK (c, CLIP_TIMES))
    return FALSE;
  if (reel_time_compare (c->trim_out, c->trim_in) <= 0
      || reel_time_sign (c->speed) <= 0 || reel_time_sign (c->start) < 0)
    return FALSE;
  return reel_clip_get_duration (c, duration)
         && reel_time_add (c->start, *duration, end);
}

static void
validate_track (ReelTrack *track, const gchar *path, GHashTable *ids,
    ReelFieldErrors *errors)
{
  g_autofree gchar *clips_path = sub (path, "clips");
  /* the previous clip, and the furthest end of the clips before it */
  ReelClip *prev = NULL;
  guint prev_index = 0;
  ReelTime prev_end = reel_time_zero ();
  gboolean have_earlier = FALSE;
  ReelTime earlier_end = reel_time_zero ();
  guint earlier_index = 0;

  if (track->_broken == TRACK_ALL)
    return;

  for (guint i = 0; i < track->clips->len; i++) {
    ReelClip *c = g_ptr_array_index (track->clips, i);
    g_autofree gchar *cp = reel_path_index (clips_path, i);
    ReelTransition *t = c->transition;
    ReelTime end, duration, overlap;
    gboolean placed;

    if (c->_broken == CLIP_ALL) {
      prev = NULL;
      continue;
    }
    validate_clip (c, track->kind, cp, errors);

    if (OK (c, CLIP_ID) && c->id != NULL && reel_id_is_valid (c->id)) {
      const gchar *other = g_hash_table_lookup (ids, c->id);

      if (other != NULL) {
        g_autofree gchar *p = sub (cp, "id");

        reel_field_errors_add (errors, p, "\"%s\" is already the id of %s",
            c->id, other);
      } else {
        g_hash_table_insert (ids, g_strdup (c->id), g_strdup (cp));
      }
    }

    placed = clip_span (c, &end, &duration);

    if (t != NULL && OK (t, TR_DURATION) && placed
        && reel_time_sign (t->duration) > 0
        && reel_time_compare (t->duration, duration) > 0) {
      g_autofree gchar *p = sub (cp, "transition.duration");
      g_autofree gchar *d = fmt_time (duration);

      reel_field_errors_add (errors, p,
          "must not be longer than the clip "
          "(%s)",
          d);
    }
    if (t != NULL && i == 0) {
      g_autofree gchar *p = sub (cp, "transition");

      reel_field_errors_add (errors, p,
          "the first clip of a track has no "
          "clip to transition from");
    }

    if (!placed) {
      prev = NULL;
      continue;
    }

    if (prev != NULL) {
      g_autofree gchar *prev_path = reel_path_index (clips_path, prev_index);
      g_autofree gchar *sp = sub (cp, "start");

      if (reel_time_compare (c->start, prev->start) < 0) {
        g_autofree gchar *ps = fmt_time (prev->start);

        reel_field_errors_add (errors, sp,
            "must not be before the start of "
            "the clip listed before it (%s starts at %s): list clips in "
            "timeline order",
            prev_path, ps);
      } else if (have_earlier
                 && reel_time_compare (c->start, earlier_end) < 0) {
        g_autofree gchar *ep = reel_path_index (clips_path, earlier_index);
        g_autofree gchar *ee = fmt_time (earlier_end);

        reel_field_errors_add (errors, sp,
            "overlaps %s, which ends at %s: "
            "only consecutive clips may overlap",
            ep, ee);
      } else if (reel_time_sub (prev_end, c->start, &overlap)) {
        if (reel_time_sign (overlap) > 0) {
          g_autofree gchar *ov = fmt_time (overlap);

          if (t == NULL) {
            g_autofree gchar *pe = fmt_time (prev_end);

            reel_field_errors_add (errors, sp,
                "overlaps %s by %s: start at "
                "%s or add a transition of %s",
                prev_path, ov, pe, ov);
          } else if (OK (t, TR_DURATION)
                     && !reel_time_equal (t->duration, overlap)) {
            g_autofree gchar *p = sub (cp, "transition.duration");

            reel_field_errors_add (errors, p,
                "must equal the overlap with "
                "%s (%s)",
                prev_path, ov);
          }
        } else if (t != NULL && OK (t, TR_DURATION)
                   && reel_time_sign (t->duration) > 0) {
          g_autofree gchar *p = sub (cp, "transition");
          g_autofree gchar *d = fmt_time (t->duration);
          ReelTime want;

          if (reel_time_sub (prev_end, t->duration, &want)) {
            g_autofree gchar *w = fmt_time (want);

            reel_field_errors_add (errors, p,
                "needs the clip to overlap %s "
                "by its duration (%s): start at %s",
                prev_path, d, w);
          }
        }
      }
    }

    /* the previous clip becomes an earlier one */
    if (prev != NULL
        && (!have_earlier || reel_time_compare (prev_end, earlier_end) > 0)) {
      earlier_end = prev_end;
      earlier_index = prev_index;
      have_earlier = TRUE;
    }
    prev = c;
    prev_index = i;
    prev_end = end;
  }
}

static void
validate_text (ReelText *t, const gchar *path, ReelFieldErrors *errors)
{
  if (t->_broken == TEXT_ALL)
    return;
  if (OK (t, TEXT_TEXT)) {
    g_autofree gchar *p = sub (path, "text");

    if (t->text == NULL)
      reel_field_errors_add (errors, p, "is required");
    else if (t->text[0] == '\0')
      reel_field_errors_add (errors, p, "must not be empty");
  }
  if (OK (t, TEXT_START))
    check_not_negative (t->start, path, "start", errors);
  if (OK (t, TEXT_DURATION))
    check_positive (t->duration, path, "duration", errors);
  if (OK (t, TEXT_SIZE) && !(t->style.size > 0 && t->style.size <= 1)) {
    g_autofree gchar *p = sub (path, "style.size");

    reel_field_errors_add (errors, p,
        "must be greater than 0 and at most 1 "
        "(a fraction of the output height, not %g)",
        t->style.size);
  }
}

static void
validate_soundtrack (ReelSoundtrack *s, const gchar *path,
    ReelFieldErrors *errors)
{
  gboolean trim_ok = FALSE;

  if (s->_broken == 0xffffffff)
    return;
  if (OK (s, ST_MEDIA)) {
    g_autofree gchar *p = sub (path, "media");

    reel_model_check_id (s->media, p, errors);
  }
  if (s->has_trim) {
    if (OK (s, ST_TRIM_IN))
      check_not_negative (s->trim_in, path, "trim.in", errors);
    if (OK (s, ST_TRIM_IN | ST_TRIM_OUT)) {
      if (reel_time_compare (s->trim_out, s->trim_in) <= 0) {
        g_autofree gchar *p = sub (path, "trim.out");
        g_autofree gchar *in = fmt_time (s->trim_in);

        reel_field_errors_add (errors, p, "must be after trim.in (%s)", in);
      } else {
        trim_ok = TRUE;
      }
    }
  }
  if (OK (s, ST_START))
    check_not_negative (s->start, path, "start", errors);
  if (OK (s, ST_VOLUME))
    validate_volume (s->volume, path, errors);
  if (OK (s, ST_FADE_IN))
    check_not_negative (s->fade_in, path, "fade_in", errors);
  if (OK (s, ST_FADE_OUT))
    check_not_negative (s->fade_out, path, "fade_out", errors);
  if (trim_ok && OK (s, ST_FADE_IN | ST_FADE_OUT)
      && reel_time_sign (s->fade_in) >= 0
      && reel_time_sign (s->fade_out) >= 0) {
    ReelTime fades, length;

    if (reel_time_add (s->fade_in, s->fade_out, &fades)
        && reel_time_sub (s->trim_out, s->trim_in, &length)
        && reel_time_compare (fades, length) > 0) {
      g_autofree gchar *p = sub (path, "fade_out");
      g_autofree gchar *l = fmt_time (length);

      reel_field_errors_add (errors, p,
          "fade_in and fade_out together must "
          "not be longer than the trimmed soundtrack (%s)",
          l);
    }
  }
}

/**
 * reel_generator_validate_at: (skip)
 */
void
reel_generator_validate_at (ReelGenerator *generator, const gchar *path,
    ReelFieldErrors *errors)
{
  g_autofree gchar *p = sub (path, "name");

  if (OK (generator, NAME))
    reel_model_check_name (generator->name, p, errors);
}

/**
 * reel_timeline_validate_at: (skip)
 */
void
reel_timeline_validate_at (ReelTimeline *tl, const gchar *path,
    ReelFieldErrors *errors)
{
  g_autoptr (GHashTable) ids =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gchar *tracks_path = sub (path, "tracks");
  guint n_clips = 0;
  gboolean clips_known = TRUE;

  if (tl->version != REEL_TIMELINE_VERSION) {
    g_autofree gchar *p = sub (path, "version");

    reel_field_errors_add (errors, p, "must be %d (not %d)",
        REEL_TIMELINE_VERSION, tl->version);
  }

  if (tl->output._broken != 0xffffffff) {
    g_autofree gchar *p = sub (path, "output");

    validate_output (&tl->output, p, errors);
  }

  for (guint i = 0; i < tl->tracks->len; i++) {
    ReelTrack *track = g_ptr_array_index (tl->tracks, i);
    g_autofree gchar *tp = reel_path_index (tracks_path, i);

    validate_track (track, tp, ids, errors);
    n_clips += track->clips->len;
    clips_known &= OK (track, TRACK_CLIPS);
  }
  if (OK (tl, TL_TRACKS) && clips_known) {
    if (tl->tracks->len == 0)
      reel_field_errors_add (errors, tracks_path,
          "must have at least one "
          "track");
    else if (n_clips == 0)
      reel_field_errors_add (errors, tracks_path,
          "must have at least one "
          "clip");
  }

  for (guint i = 0; i < tl->texts->len; i++) {
    g_autofree gchar *p = sub (path, "text");
    g_autofree gchar *ip = reel_path_index (p, i);

    validate_text (g_ptr_array_index (tl->texts, i), ip, errors);
  }

  if (tl->soundtrack != NULL) {
    g_autofree gchar *p = sub (path, "soundtrack");

    validate_soundtrack (tl->soundtrack, p, errors);
  }

  if (tl->generator != NULL) {
    g_autofree gchar *p = sub (path, "generator");

    reel_generator_validate_at (tl->generator, p, errors);
  }
}

/**
 * reel_timeline_validate:
 * @timeline: a timeline, read from JSON or built in code
 * @errors: (nullable): where to report each broken rule, with its path
 *
 * Checks the rules listed at the top of reel-timeline.c: ranges, trims,
 * clip order, overlaps and transitions. Fields that failed to read from
 * JSON were reported then and are not checked again.
 *
 * Returns: %TRUE when no rule is broken
 */
gboolean
reel_timeline_validate (ReelTimeline *timeline, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();

  g_return_val_if_fail (timeline != NULL, FALSE);

  reel_timeline_validate_at (timeline, NULL, local);
  if (errors != NULL) {
    for (guint i = 0; i < reel_field_errors_get_count (local); i++)
      reel_field_errors_add (errors, reel_field_errors_get_path (local, i),
          "%s", reel_field_errors_get_message (local, i));
  }
  return reel_field_errors_get_count (local) == 0;
}

/**
 * reel_timeline_new_from_json:
 * @node: a JSON document
 * @errors: (nullable): where to report every error, each with its path
 *
 * Reads and validates a timeline. With @errors %NULL an invalid timeline is
 * still refused, silently.
 *
 * Returns: (transfer full) (nullable): the timeline, or %NULL when @node is
 *   not a valid timeline
 */
ReelTimeline *
reel_timeline_new_from_json (JsonNode *node, ReelFieldErrors *errors)
{
  g_autoptr (ReelFieldErrors) local = reel_field_errors_new ();
  g_autoptr (ReelTimeline) tl = NULL;
  guint count;

  g_return_val_if_fail (node != NULL, NULL);

  tl = reel_timeline_parse_at (node, NULL, local);
  if (tl != NULL)
    reel_timeline_validate_at (tl, NULL, local);

  count = reel_field_errors_get_count (local);
  if (errors != NULL) {
    for (guint i = 0; i < count; i++)
      reel_field_errors_add (errors, reel_field_errors_get_path (local, i),
          "%s", reel_field_errors_get_message (local, i));
  }
  if (count > 0)
    return NULL;
  return g_steal_pointer (&tl);
}

/**
 * reel_timeline_load_file:
 * @filename: a timeline JSON file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the timeline; %NULL with
 *   %REEL_MODEL_ERROR_PARSE or %REEL_MODEL_ERROR_INVALID (listing every
 *   error) otherwise
 */
ReelTimeline *
reel_timeline_load_file (const gchar *filename, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelTimeline) tl = NULL;

  g_return_val_if_fail (filename != NULL, NULL);

  root = reel_json_load_file (filename, &local_error);
  if (root == NULL) {
    g_set_error (error, REEL_MODEL_ERROR, REEL_MODEL_ERROR_PARSE, "%s",
        local_error->message);
    return NULL;
  }
  tl = reel_timeline_new_from_json (root, errors);
  if (!reel_field_errors_propagate (errors, error, REEL_MODEL_ERROR,
          REEL_MODEL_ERROR_INVALID, filename))
    return NULL;
  return g_steal_pointer (&tl);
}

/**
 * reel_timeline_copy:
 *
 * Returns: (transfer full): a deep copy
 */
ReelTimeline *
reel_timeline_copy (ReelTimeline *timeline)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelTimeline *copy;

  g_return_val_if_fail (timeline != NULL, NULL);

  /* the JSON form is lossless; an invalid timeline is copied field by
   * field through it all the same */
  node = reel_timeline_to_json (timeline);
  copy = reel_timeline_parse_at (node, NULL, errors);
  return copy != NULL ? copy : reel_timeline_new ();
}

/**
 * reel_timeline_get_duration:
 * @duration: (out caller-allocates): where the last clip, text or trimmed
 *   soundtrack ends
 *
 * Returns: %FALSE when an end cannot be computed
 */
gboolean
reel_timeline_get_duration (ReelTimeline *timeline, ReelTime *duration)
{
  ReelTime last = reel_time_zero (), end, len;

  g_return_val_if_fail (timeline != NULL, FALSE);
  g_return_val_if_fail (duration != NULL, FALSE);

  for (guint i = 0; i < timeline->tracks->len; i++) {
    ReelTrack *track = g_ptr_array_index (timeline->tracks, i);

    for (guint j = 0; j < track->clips->len; j++) {
      if (!reel_clip_get_end (g_ptr_array_index (track->clips, j), &end))
        return FALSE;
      if (reel_time_compare (end, last) > 0)
        last = end;
    }
  }
  for (guint i = 0; i < timeline->texts->len; i++) {
    ReelText *t = g_ptr_array_index (timeline->texts, i);

    if (!reel_time_add (t->start, t->duration, &end))
      return FALSE;
    if (reel_time_compare (end, last) > 0)
      last = end;
  }
  if (timeline->soundtrack != NULL && timeline->soundtrack->has_trim) {
    ReelSoundtrack *s = timeline->soundtrack;

    if (!reel_time_sub (s->trim_out, s->trim_in, &len)
        || !reel_time_add (s->start, len, &end))
      return FALSE;
    if (reel_time_compare (end, last) > 0)
      last = end;
  }
  *duration = last;
  return TRUE;
}

/* ---- writing ---------------------------------------------------------- */

static void
set_color (JsonObject *o, const gchar *member, guint32 color)
{
  g_autofree gchar *s = reel_model_color_to_string (color);

  json_object_set_string_member (o, member, s);
}

static JsonNode *
object_node (JsonObject *o)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, o);
  return node;
}

static JsonNode *
trim_to_json (ReelTime in, ReelTime out)
{
  JsonObject *o = json_object_new ();

  reel_json_set_time (o, "in", in);
  reel_json_set_time (o, "out", out);
  return object_node (o);
}

static JsonNode *
params_node (JsonObject *params)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (params != NULL)
    json_node_set_object (node, params);
  else
    json_node_take_object (node, json_object_new ());
  return node;
}

/**
 * reel_generator_to_json: (skip)
 */
JsonNode *
reel_generator_to_json (ReelGenerator *generator)
{
  JsonObject *o = json_object_new ();

  reel_json_set_nullable_string (o, "name", generator->name);
  json_object_set_member (o, "params", params_node (generator->params));
  return object_node (o);
}

static JsonNode *
clip_to_json (ReelClip *c, ReelTrackKind kind)
{
  JsonObject *o = json_object_new ();

  if (c->id != NULL)
    json_object_set_string_member (o, "id", c->id);
  reel_json_set_nullable_string (o, "media", c->media);
  json_object_set_member (o, "trim", trim_to_json (c->trim_in, c->trim_out));
  reel_json_set_time (o, "start", c->start);
  reel_json_set_time (o, "speed", c->speed);
  if (kind == REEL_TRACK_VIDEO)
    json_object_set_string_member (o, "fit", reel_fit_to_string (c->fit));
  json_object_set_double_member (o, "volume", c->volume);
  if (c->transition != NULL) {
    JsonObject *t = json_object_new ();

    reel_json_set_nullable_string (t, "kind", c->transition->kind);
    reel_json_set_time (t, "duration", c->transition->duration);
    json_object_set_object_member (o, "transition", t);
  }
  if (c->effects->len > 0) {
    JsonArray *effects = json_array_new ();

    for (guint i = 0; i < c->effects->len; i++) {
      ReelEffect *e = g_ptr_array_index (c->effects, i);
      JsonObject *eo = json_object_new ();

      reel_json_set_nullable_string (eo, "name", e->name);
      json_object_set_member (eo, "params", params_node (e->params));
      json_array_add_object_element (effects, eo);
    }
    json_object_set_array_member (o, "effects", effects);
  }
  if (c->reason != NULL)
    json_object_set_string_member (o, "reason", c->reason);
  if (c->has_score)
    json_object_set_double_member (o, "score", c->score);
  return object_node (o);
}

static gboolean
output_is_set (ReelOutput *out)
{
  return out->width != 0 || out->height != 0 || out->fps.num != 0
         || out->fps.den != 0 || out->aspect_num > 0 || out->preset != NULL
         || out->background != 0x000000ff;
}

static JsonNode *
output_to_json (ReelOutput *out)
{
  JsonObject *o = json_object_new ();

  if (out->width != 0)
    json_object_set_int_member (o, "width", out->width);
  if (out->height != 0)
    json_object_set_int_member (o, "height", out->height);
  if (reel_rate_is_valid (out->fps))
    json_object_set_member (o, "fps", reel_rate_to_json (out->fps));
  if (out->aspect_num > 0 && out->aspect_den > 0) {
    g_autofree gchar *a =
        g_strdup_printf ("%d:%d", out->aspect_num, out->aspect_den);

    json_object_set_string_member (o, "aspect", a);
  }
  if (out->preset != NULL)
    json_object_set_string_member (o, "preset", out->preset);
  set_color (o, "background", out->background);
  return object_node (o);
}

static JsonNode *
text_to_json (ReelText *t)
{
  JsonObject *o = json_object_new ();
  JsonObject *style = json_object_new ();

  reel_json_set_nullable_string (o, "text", t->text);
  reel_json_set_time (o, "start", t->start);
  reel_json_set_time (o, "duration", t->duration);
  json_object_set_string_member (o, "position",
      reel_text_position_to_string (t->position));
  reel_json_set_nullable_string (style, "font", t->style.font);
  json_object_set_double_member (style, "size", t->style.size);
  set_color (style, "color", t->style.color);
  if (t->style.has_background)
    set_color (style, "background", t->style.background);
  json_object_set_object_member (o, "style", style);
  return object_node (o);
}

static JsonNode *
soundtrack_to_json (ReelSoundtrack *s)
{
  JsonObject *o = json_object_new ();

  reel_json_set_nullable_string (o, "media", s->media);
  if (s->has_trim)
    json_object_set_member (o, "trim", trim_to_json (s->trim_in, s->trim_out));
  reel_json_set_time (o, "start", s->start);
  json_object_set_double_member (o, "volume", s->volume);
  reel_json_set_time (o, "fade_in", s->fade_in);
  reel_json_set_time (o, "fade_out", s->fade_out);
  return object_node (o);
}

/**
 * reel_timeline_to_json:
 *
 * Writes the timeline in its canonical form: every member with its value,
 * defaults included; times in the form they were read in; optional parts
 * (clip ids, transitions, effects, reasons, scores, text, soundtrack,
 * generator) only when present. Reading the result gives an equal timeline.
 *
 * Returns: (transfer full): the TIMELINE document
 */
JsonNode *
reel_timeline_to_json (ReelTimeline *timeline)
{
  JsonObject *o;
  JsonArray *tracks;

  g_return_val_if_fail (timeline != NULL, NULL);

  o = json_object_new ();
  json_object_set_int_member (o, "version", timeline->version);
  if (output_is_set (&timeline->output))
    json_object_set_member (o, "output", output_to_json (&timeline->output));

  tracks = json_array_new ();
  for (guint i = 0; i < timeline->tracks->len; i++) {
    ReelTrack *track = g_ptr_array_index (timeline->tracks, i);
    JsonObject *to = json_object_new ();
    JsonArray *clips = json_array_new ();

    json_object_set_string_member (to, "kind",
        reel_track_kind_to_string (track->kind));
    for (guint j = 0; j < track->clips->len; j++)
      json_array_add_element (clips,
          clip_to_json (g_ptr_array_index (track->clips, j), track->kind));
    json_object_set_array_member (to, "clips", clips);
    json_array_add_object_element (tracks, to);
  }
  json_object_set_array_member (o, "tracks", tracks);

  if (timeline->texts->len > 0) {
    JsonArray *texts = json_array_new ();

    for (guint i = 0; i < timeline->texts->len; i++)
      json_array_add_element (texts,
          text_to_json (g_ptr_array_index (timeline->texts, i)));
    json_object_set_array_member (o, "text", texts);
  }
  if (timeline->soundtrack != NULL)
    json_object_set_member (o, "soundtrack",
        soundtrack_to_json (timeline->soundtrack));
  if (timeline->generator != NULL)
    json_object_set_member (o, "generator",
        reel_generator_to_json (timeline->generator));
  return object_node (o);
}
