/* reel-make-test-media — the command-line face of the test-media generator
 * (tests/media/reel-test-media.h). Makes one clip from a preset and/or
 * options, or the whole standard set with --all DIR, each with its
 * .truth.json beside it. Options given after a preset override its fields;
 * a list option (--cut, --dissolve, --tone/--voice, --silence) replaces the
 * preset's list, and "none" empties it. Not installed: a tool for people
 * writing and debugging reel's tests. */
#include "reel-test-media.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  gchar *preset;
  gboolean list_presets;
  gchar *all_dir;
  gchar *output;
  gboolean truth_only;
  gboolean quiet;
  gchar *container;
  gboolean no_video;
  gboolean no_audio;
  gchar *size;
  gchar *fps;
  gint64 frames;
  gdouble duration;
  gint clip_id;
  gint look;
  gchar **cuts;
  gchar **dissolves;
  gint video_bitrate;
  gint keyframe_interval;
  gboolean no_label;
  gint rate;
  gint channels;
  gchar *background;
  gdouble bpm;
  gdouble click_offset;
  gdouble click_level;
  gdouble click_frequency;
  gchar **tones;
  gchar **voices;
  gchar **silences;
} Options;

static Options opt = {
  .frames = -1,
  .duration = NAN,
  .clip_id = -1,
  .look = -1,
  .video_bitrate = -1,
  .keyframe_interval = -1,
  .rate = -1,
  .channels = -1,
  .bpm = NAN,
  .click_offset = NAN,
  .click_level = NAN,
  .click_frequency = NAN,
};

static const GOptionEntry entries[] = {
  { "preset", 'p', 0, G_OPTION_ARG_STRING, &opt.preset,
      "Start from a named preset (see --list-presets)", "NAME" },
  { "list-presets", 0, 0, G_OPTION_ARG_NONE, &opt.list_presets,
      "List the presets and exit", NULL },
  { "all", 0, 0, G_OPTION_ARG_FILENAME, &opt.all_dir,
      "Make every preset into DIR (as DIR/NAME.EXT) and exit", "DIR" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output,
      "Write the clip here (default: PRESET.EXT or clip.EXT); the truth "
      "goes to FILE.truth.json",
      "FILE" },
  { "truth-only", 0, 0, G_OPTION_ARG_NONE, &opt.truth_only,
      "Write only the truth file, encode nothing", NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt.quiet, "Print nothing but errors",
      NULL },
  { "container", 0, 0, G_OPTION_ARG_STRING, &opt.container,
      "mp4 (H.264 + AAC) or webm (VP9 + Opus)", "mp4|webm" },
  { "no-video", 0, 0, G_OPTION_ARG_NONE, &opt.no_video, "Audio only", NULL },
  { "no-audio", 0, 0, G_OPTION_ARG_NONE, &opt.no_audio, "Video only", NULL },
  { "size", 0, 0, G_OPTION_ARG_STRING, &opt.size,
      "Picture size, even numbers (default 640x360)", "WxH" },
  { "fps", 0, 0, G_OPTION_ARG_STRING, &opt.fps,
      "Frame rate as a fraction, an integer, or 23.976, 29.97, 59.94", "N/D" },
  { "frames", 0, 0, G_OPTION_ARG_INT64, &opt.frames, "Duration in frames",
      "N" },
  { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &opt.duration,
      "Duration in seconds, rounded to whole frames", "SECONDS" },
  { "clip-id", 0, 0, G_OPTION_ARG_INT, &opt.clip_id,
      "Clip id burnt into every frame, 0..15", "N" },
  { "look", 0, 0, G_OPTION_ARG_INT, &opt.look,
      "Look of the first segment, 0..7", "N" },
  { "cut", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.cuts,
      "Hard cuts: frames where a new segment starts (repeatable, or a comma "
      "list; \"none\")",
      "FRAME[,FRAME…]" },
  { "dissolve", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.dissolves,
      "A dissolve of LENGTH frames starting at frame START (repeatable; "
      "\"none\")",
      "START:LENGTH" },
  { "video-bitrate", 0, 0, G_OPTION_ARG_INT, &opt.video_bitrate,
      "Video bitrate in kbit/s (default: constant quality)", "KBPS" },
  { "keyframe-interval", 0, 0, G_OPTION_ARG_INT, &opt.keyframe_interval,
      "Frames between keyframes (default: 2 s)", "N" },
  { "no-label", 0, 0, G_OPTION_ARG_NONE, &opt.no_label,
      "Do not draw the human-readable frame number", NULL },
  { "rate", 0, 0, G_OPTION_ARG_INT, &opt.rate, "Sample rate (default 48000)",
      "HZ" },
  { "channels", 0, 0, G_OPTION_ARG_INT, &opt.channels, "1 or 2 (default 2)",
      "N" },
  { "background", 0, 0, G_OPTION_ARG_STRING, &opt.background,
      "Under everything (default sine:220:-30)", "none|sine:HZ:DB|noise:DB" },
  { "bpm", 0, 0, G_OPTION_ARG_DOUBLE, &opt.bpm, "Click track tempo (0: none)",
      "BPM" },
  { "click-offset", 0, 0, G_OPTION_ARG_DOUBLE, &opt.click_offset,
      "Time of the first click", "SECONDS" },
  { "click-level", 0, 0, G_OPTION_ARG_DOUBLE, &opt.click_level,
      "Click peak level (default -6)", "DBFS" },
  { "click-frequency", 0, 0, G_OPTION_ARG_DOUBLE, &opt.click_frequency,
      "Click pitch (default 1000)", "HZ" },
  { "tone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.tones,
      "A sine burst (repeatable; \"none\")", "HZ:START:DURATION:DBFS" },
  { "voice", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.voices,
      "A speech-like voice with fundamental HZ (repeatable)",
      "HZ:START:DURATION:DBFS" },
  { "silence", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.silences,
      "Exact digital silence over everything (repeatable; \"none\")",
      "START:END" },
  { NULL }
};

static gboolean
usage_error (GError **error, const gchar *option, const gchar *value,
    const gchar *expected)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
      "--%s: “%s” is not %s", option, value, expected);
  return FALSE;
}

/* Splits "a:b:c" into exactly @n doubles. */
static gboolean
parse_numbers (const gchar *text, guint n, gdouble *out)
{
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);

  if (g_strv_length (parts) != n)
    return FALSE;
  for (guint i = 0; i < n; i++) {
    gchar *end = NULL;

    out[i] = g_ascii_strtod (parts[i], &end);
    if (end == parts[i] || *end != '\0' || !isfinite (out[i]))
      return FALSE;
  }
  return TRUE;
}

static gboolean
is_none (gchar **list)
{
  return list && list[0] && g_strcmp0 (list[0], "none") == 0 && !list[1];
}

static gboolean
parse_fps (const gchar *text, gint *n, gint *d)
{
  gint64 num, den = 1;
  gchar *end = NULL;

  if (g_strcmp0 (text, "23.976") == 0 || g_strcmp0 (text, "23.98") == 0) {
    *n = 24000;
    *d = 1001;
    return TRUE;
  }
  if (g_strcmp0 (text, "29.97") == 0) {
    *n = 30000;
    *d = 1001;
    return TRUE;
  }
  if (g_strcmp0 (text, "59.94") == 0) {
    *n = 60000;
    *d = 1001;
    return TRUE;
  }
  num = g_ascii_strtoll (text, &end, 10);
  if (end == text)
    return FALSE;
  if (*end == '/') {
    const gchar *start = end + 1;

    den = g_ascii_strtoll (start, &end, 10);
    if (end == start)
      return FALSE;
  }
  if (*end != '\0' || num <= 0 || den <= 0 || num > G_MAXINT || den > G_MAXINT)
    return FALSE;
  *n = (gint) num;
  *d = (gint) den;
  return TRUE;
}

static gboolean
apply_options (ReelTestMediaSpec *spec, GError **error)
{
  if (opt.container) {
    if (g_strcmp0 (opt.container, "mp4") == 0)
      spec->container = REEL_TEST_MEDIA_CONTAINER_MP4;
    else if (g_strcmp0 (opt.container, "webm") == 0)
      spec->container = REEL_TEST_MEDIA_CONTAINER_WEBM;
    else
      return usage_error (error, "container", opt.container, "mp4 or webm");
  }
  if (opt.no_video)
    spec->has_video = FALSE;
  if (opt.no_audio)
    spec->has_audio = FALSE;
  if (opt.size) {
    gint w, h;
    gchar tail;

    if (sscanf (opt.size, "%dx%d%c", &w, &h, &tail) != 2)
      return usage_error (error, "size", opt.size, "WIDTHxHEIGHT");
    spec->width = w;
    spec->height = h;
  }
  if (opt.fps && !parse_fps (opt.fps, &spec->fps_n, &spec->fps_d))
    return usage_error (error, "fps", opt.fps,
        "a rate like 25, 30000/1001 "
        "or 29.97");
  if (opt.frames >= 0)
    spec->frames = opt.frames;
  if (!isnan (opt.duration))
    spec->frames = (gint64) llround (opt.duration * spec->fps_n / spec->fps_d);
  if (opt.clip_id >= 0)
    spec->clip_id = opt.clip_id;
  if (opt.look >= 0)
    spec->look = opt.look;

  if (opt.cuts) {
    g_array_set_size (spec->cuts, 0);
    for (guint i = 0; !is_none (opt.cuts) && opt.cuts[i]; i++) {
      g_auto (GStrv) parts = g_strsplit (opt.cuts[i], ",", -1);

      for (guint j = 0; parts[j]; j++) {
        gchar *end = NULL;
        gint64 f = g_ascii_strtoll (parts[j], &end, 10);

        if (end == parts[j] || *end != '\0')
          return usage_error (error, "cut", parts[j], "a frame number");
        reel_test_media_spec_add_cut (spec, f);
      }
    }
  }
  if (opt.dissolves) {
    g_array_set_size (spec->dissolves, 0);
    for (guint i = 0; !is_none (opt.dissolves) && opt.dissolves[i]; i++) {
      gdouble v[2];

      if (!parse_numbers (opt.dissolves[i], 2, v) || v[0] != floor (v[0])
          || v[1] != floor (v[1]))
        return usage_error (error, "dissolve", opt.dissolves[i],
            "START:LENGTH in frames");
      reel_test_media_spec_add_dissolve (spec, (gint64) v[0], (gint64) v[1]);
    }
  }
  if (opt.video_bitrate >= 0)
    spec->video_bitrate = opt.video_bitrate;
  if (opt.keyframe_interval >= 0)
    spec->keyframe_interval = opt.keyframe_interval;
  if (opt.no_label)
    spec->label = FALSE;

  if (opt.rate >= 0)
    spec->rate = opt.rate;
  if (opt.channels >= 0)
    spec->channels = opt.channels;
  if (opt.background) {
    gdouble v[2];

    if (g_strcmp0 (opt.background, "none") == 0) {
      spec->background = REEL_TEST_MEDIA_BACKGROUND_NONE;
    } else if (g_str_has_prefix (opt.background, "sine:")
               && parse_numbers (opt.background + 5, 2, v)) {
      spec->background = REEL_TEST_MEDIA_BACKGROUND_SINE;
      spec->background_frequency = v[0];
      spec->background_db = v[1];
    } else if (g_str_has_prefix (opt.background, "noise:")
               && parse_numbers (opt.background + 6, 1, v)) {
      spec->background = REEL_TEST_MEDIA_BACKGROUND_NOISE;
      spec->background_db = v[0];
    } else {
      return usage_error (error, "background", opt.background,
          "none, sine:HZ:DBFS or noise:DBFS");
    }
  }
  if (!isnan (opt.bpm))
    spec->bpm = opt.bpm;
  if (!isnan (opt.click_offset))
    spec->click_offset = opt.click_offset;
  if (!isnan (opt.click_level))
    spec->click_db = opt.click_level;
  if (!isnan (opt.click_frequency))
    spec->click_frequency = opt.click_frequency;

  if (opt.tones || opt.voices)
    g_array_set_size (spec->tones, 0);
  for (guint k = 0; k < 2; k++) {
    gchar **list = k == 0 ? opt.tones : opt.voices;

    for (guint i = 0; list && !is_none (list) && list[i]; i++) {
      gdouble v[4];

      if (!parse_numbers (list[i], 4, v))
        return usage_error (error, k == 0 ? "tone" : "voice", list[i],
            "HZ:START:DURATION:DBFS");
      reel_test_media_spec_add_tone (spec,
          k == 0 ? REEL_TEST_MEDIA_TONE_SINE : REEL_TEST_MEDIA_TONE_VOICE, v[0],
          v[1], v[2], v[3]);
    }
  }
  if (opt.silences) {
    g_array_set_size (spec->silences, 0);
    for (guint i = 0; !is_none (opt.silences) && opt.silences[i]; i++) {
      gdouble v[2];

      if (!parse_numbers (opt.silences[i], 2, v))
        return usage_error (error, "silence", opt.silences[i], "START:END");
      reel_test_media_spec_add_silence (spec, v[0], v[1]);
    }
  }
  return reel_test_media_spec_validate (spec, error);
}

static gboolean
make_one (const ReelTestMediaSpec *spec, const gchar *path, GError **error)
{
  gint64 start = g_get_monotonic_time ();

  if (opt.truth_only) {
    g_autoptr (JsonNode) truth = reel_test_media_make_truth (spec, path, error);
    g_autoptr (JsonGenerator) gen = NULL;
    g_autofree gchar *truth_path = NULL;

    if (truth == NULL)
      return FALSE;
    gen = json_generator_new ();
    json_generator_set_pretty (gen, TRUE);
    json_generator_set_root (gen, truth);
    truth_path = reel_test_media_truth_path (path);
    if (!json_generator_to_file (gen, truth_path, error))
      return FALSE;
  } else if (!reel_test_media_generate (spec, path, error)) {
    return FALSE;
  }

  if (!opt.quiet)
    g_print ("%-48s %5" G_GINT64_FORMAT " frames %7.2f s of media in %6.2f "
             "s\n",
        path, spec->frames, (gdouble) spec->frames * spec->fps_d / spec->fps_n,
        (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

static gboolean
make_all (const gchar *dir, GError **error)
{
  const gchar *const *names = reel_test_media_preset_names ();

  if (g_mkdir_with_parents (dir, 0755) != 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "--all: cannot create %s: %s", dir, g_strerror (errno));
    return FALSE;
  }
  for (guint i = 0; names[i]; i++) {
    g_autoptr (ReelTestMediaSpec) spec =
        reel_test_media_spec_new_preset (names[i], error);
    g_autofree gchar *file = NULL;
    g_autofree gchar *path = NULL;

    if (spec == NULL)
      return FALSE;
    file = g_strdup_printf ("%s.%s", names[i],
        reel_test_media_spec_get_extension (spec));
    path = g_build_filename (dir, file, NULL);
    if (!make_one (spec, path, error))
      return FALSE;
  }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ReelTestMediaSpec) spec = NULL;
  g_autofree gchar *output = NULL;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- make test clips with exact ground truth");
  g_option_context_set_summary (context,
      "Synthesises a clip (frame-numbered picture with hard cuts and "
      "dissolves;\nclicks, tones and exact silences), encodes it, and writes "
      "FILE.truth.json\nbeside it. Options after --preset override the "
      "preset.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("reel-make-test-media: %s\n", error->message);
    return 2;
  }
  gst_init (NULL, NULL);

  if (opt.list_presets) {
    const gchar *const *names = reel_test_media_preset_names ();

    for (guint i = 0; names[i]; i++)
      g_print ("%-20s %s\n", names[i],
          reel_test_media_preset_describe (names[i]));
    return 0;
  }
  if (opt.all_dir) {
    if (!make_all (opt.all_dir, &error)) {
      g_printerr ("reel-make-test-media: %s\n", error->message);
      return 1;
    }
    return 0;
  }

  spec = opt.preset ? reel_test_media_spec_new_preset (opt.preset, &error)
                    : reel_test_media_spec_new ();
  if (spec == NULL || !apply_options (spec, &error)) {
    g_printerr ("reel-make-test-media: %s\n", error->message);
    return 2;
  }
  output = opt.output
               ? g_strdup (opt.output)
               : g_strdup_printf ("%s.%s", opt.preset ? opt.preset : "clip",
                   reel_test_media_spec_get_extension (spec));
  if (!make_one (spec, output, &error)) {
    g_printerr ("reel-make-test-media: %s\n", error->message);
    return 1;
  }
  return 0;
}
