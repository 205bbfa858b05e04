/* reel — probing a media file with GstDiscoverer; see reel-probe.h.
 *
 * A local file is checked first (exists, is a regular file, can be opened,
 * is not empty), so the common mistakes get a plain message instead of a
 * GStreamer one. Then GstDiscoverer reads it up to its parsed caps; its
 * result is turned into a ReelProbe, and each stream is checked against the
 * installed decoders, because the discoverer stops before decoding and would
 * otherwise report a stream no decoder takes as a good one.
 */
#include "reel-probe.h"
#include "reel-decoders.h"
#include "reel-time.h"

#include <gst/pbutils/pbutils.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* How long a local file's first discovery may take; see reel_probe_file(). */
#define FIRST_TRY (3 * GST_SECOND)

/**
 * reel_probe_error_quark:
 *
 * Returns: the domain of #ReelProbeError errors, %REEL_PROBE_ERROR
 */
G_DEFINE_QUARK (reel_probe_error_quark, reel_probe_error)

static const gchar *const kind_names[] = {
  [REEL_PROBE_STREAM_VIDEO] = "video",
  [REEL_PROBE_STREAM_AUDIO] = "audio",
  [REEL_PROBE_STREAM_SUBTITLE] = "subtitle",
  [REEL_PROBE_STREAM_OTHER] = "other",
};

/* Caps media types to the short codec names ffprobe users know. Entries
 * that need a field (mpegversion, layer) are handled in codec_short_name. */
static const struct {
  const gchar *media_type;
  const gchar *codec;
} codec_names[] = {
  { "video/x-h264", "h264" },
  { "video/x-h265", "hevc" },
  { "video/x-vp8", "vp8" },
  { "video/x-vp9", "vp9" },
  { "video/x-av1", "av1" },
  { "video/x-theora", "theora" },
  { "video/x-prores", "prores" },
  { "video/x-dnxhd", "dnxhd" },
  { "video/x-divx", "mpeg4" },
  { "video/x-xvid", "mpeg4" },
  { "video/x-wmv", "wmv" },
  { "video/x-raw", "rawvideo" },
  { "image/jpeg", "mjpeg" },
  { "image/png", "png" },
  { "audio/x-opus", "opus" },
  { "audio/x-vorbis", "vorbis" },
  { "audio/x-flac", "flac" },
  { "audio/x-ac3", "ac3" },
  { "audio/x-eac3", "eac3" },
  { "audio/x-alac", "alac" },
  { "audio/x-wma", "wma" },
  { "audio/x-raw", "pcm" },
  { "text/x-raw", "text" },
  { "application/x-subtitle-vtt", "webvtt" },
};

/* Container caps to short names. */
static const struct {
  const gchar *media_type;
  const gchar *container;
} container_names[] = {
  { "audio/x-m4a", "mp4" },
  { "video/webm", "webm" },
  { "audio/webm", "webm" },
  { "video/x-matroska", "matroska" },
  { "audio/x-matroska", "matroska" },
  { "application/ogg", "ogg" },
  { "video/ogg", "ogg" },
  { "audio/ogg", "ogg" },
  { "video/x-msvideo", "avi" },
  { "video/mpegts", "mpegts" },
  { "video/x-flv", "flv" },
  { "audio/x-wav", "wav" },
  { "audio/x-aiff", "aiff" },
  { "application/x-id3", "mp3" },
  { "application/x-apetag", "mp3" },
  { "application/mxf", "mxf" },
};

static void
stream_free (gpointer data)
{
  ReelProbeStream *s = data;

  g_free (s->codec);
  g_free (s->codec_name);
  g_free (s->caps);
  g_free (s->profile);
  g_free (s->level);
  g_free (s->language);
  g_free (s->missing);
  g_free (s);
}

/**
 * reel_probe_free:
 * @probe: (nullable) (transfer full): a #ReelProbe
 *
 * Frees @probe and everything it owns.
 */
void
reel_probe_free (ReelProbe *probe)
{
  if (probe == NULL)
    return;
  g_free (probe->uri);
  g_free (probe->container);
  g_free (probe->container_name);
  g_clear_pointer (&probe->streams, g_ptr_array_unref);
  g_free (probe);
}

/**
 * reel_probe_stream_kind_to_string:
 * @kind: a stream kind
 *
 * Returns: (transfer none): `video`, `audio`, `subtitle` or `other`
 */
const gchar *
reel_probe_stream_kind_to_string (ReelProbeStreamKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return "other";
  return kind_names[kind];
}

/* ---- the file itself ---------------------------------------------------- */

/**
 * reel_probe_make_uri:
 * @path_or_uri: a local path (relative or absolute) or a URI
 * @error: return location for a #GError
 *
 * Returns: (transfer full): @path_or_uri as a URI; a path is made absolute
 *   and becomes a `file://` URI
 */
gchar *
reel_probe_make_uri (const gchar *path_or_uri, GError **error)
{
  g_autofree gchar *scheme = NULL;
  g_autofree gchar *abs = NULL;
  gchar *uri;

  g_return_val_if_fail (path_or_uri != NULL, NULL);

  if (path_or_uri[0] == '\0') {
    g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_FOUND,
        "an empty file name");
    return NULL;
  }
  scheme = g_uri_parse_scheme (path_or_uri);
  if (scheme != NULL) {
    if (!g_uri_is_valid (path_or_uri, G_URI_FLAGS_ENCODED, NULL)) {
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_FOUND,
          "%s: not a valid URI", path_or_uri);
      return NULL;
    }
    return g_strdup (path_or_uri);
  }
  abs = g_canonicalize_filename (path_or_uri, NULL);
  uri = g_filename_to_uri (abs, NULL, NULL);
  if (uri == NULL)
    g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_FOUND,
        "%s: cannot be made into a file:// URI", path_or_uri);
  return uri;
}

/**
 * reel_probe_check_file:
 * @path: a local file
 * @size: (out) (optional): its size in bytes
 * @error: return location for a #GError
 *
 * Checks that @path names a regular file that this process can open and
 * that is not empty. Everything reel reads is checked so first: a FIFO or
 * a device would make a demuxer wait for ever, and "permission denied" is
 * clearer than a GStreamer resource error.
 *
 * Returns: %TRUE when @path can be read
 */
gboolean
reel_probe_check_file (const gchar *path, guint64 *size, GError **error)
{
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0) {
    int err = errno;

    g_set_error (error, REEL_PROBE_ERROR,
        err == ENOENT || err == ENOTDIR ? REEL_PROBE_ERROR_NOT_FOUND
                                        : REEL_PROBE_ERROR_NOT_READABLE,
        "%s: %s", path, err == ENOENT ? "no such file" : g_strerror (err));
    return FALSE;
  }
  if (S_ISDIR (st.st_mode)) {
    g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_READABLE,
        "%s: is a directory, not a media file", path);
    return FALSE;
  }
  if (!S_ISREG (st.st_mode)) {
    g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_READABLE,
        "%s: is not a regular file (a device, FIFO or socket cannot be "
        "analysed)",
        path);
    return FALSE;
  }
  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0) {
    int err = errno;

    g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_READABLE,
        "%s: cannot be read: %s", path, g_strerror (err));
    return FALSE;
  }
  close (fd);
  if (st.st_size == 0) {
    g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_EMPTY,
        "%s: is empty (0 bytes), not a media file", path);
    return FALSE;
  }
  if (size != NULL)
    *size = (guint64) st.st_size;
  return TRUE;
}

/* ---- streams ------------------------------------------------------------ */

static gchar *
codec_short_name (const GstStructure *s)
{
  const gchar *name = gst_structure_get_name (s);
  gint version = 0, layer = 0;

  if (g_str_equal (name, "video/mpeg")) {
    gst_structure_get_int (s, "mpegversion", &version);
    if (version == 4)
      return g_strdup ("mpeg4");
    return g_strdup_printf ("mpeg%dvideo", version > 0 ? version : 1);
  }
  if (g_str_equal (name, "audio/mpeg")) {
    gst_structure_get_int (s, "mpegversion", &version);
    if (version == 2 || version == 4)
      return g_strdup ("aac");
    gst_structure_get_int (s, "layer", &layer);
    return g_strdup_printf ("mp%d", layer > 0 ? layer : 3);
  }
  for (guint i = 0; i < G_N_ELEMENTS (codec_names); i++) {
    if (g_str_equal (name, codec_names[i].media_type))
      return g_strdup (codec_names[i].codec);
  }
  return g_strdup (name);
}

static gchar *
container_short_name (const GstStructure *s)
{
  const gchar *name = gst_structure_get_name (s);
  const gchar *slash;

  if (g_str_equal (name, "video/quicktime")) {
    const gchar *variant = gst_structure_get_string (s, "variant");

    return g_strdup (g_strcmp0 (variant, "apple") == 0 ? "mov" : "mp4");
  }
  if (g_str_equal (name, "video/mpeg")) {
    gboolean system = FALSE;

    gst_structure_get_boolean (s, "systemstream", &system);
    return g_strdup (system ? "mpegps" : "mpeg");
  }
  for (guint i = 0; i < G_N_ELEMENTS (container_names); i++) {
    if (g_str_equal (name, container_names[i].media_type))
      return g_strdup (container_names[i].container);
  }
  slash = strchr (name, '/');
  name = slash != NULL ? slash + 1 : name;
  if (g_str_has_prefix (name, "x-"))
    name += 2;
  return g_strdup (name);
}

/* The caps as text without the binary fields that make it unreadable. */
static gchar *
caps_to_display (const GstCaps *caps)
{
  g_autoptr (GstCaps) copy = NULL;

  if (caps == NULL || gst_caps_is_empty (caps))
    return NULL;
  copy = gst_caps_copy (caps);
  for (guint i = 0; i < gst_caps_get_size (copy); i++)
    gst_structure_remove_fields (gst_caps_get_structure (copy, i), "codec_data",
        "streamheader", NULL);
  return gst_caps_to_string (copy);
}

static guint
stream_bitrate (GstDiscovererStreamInfo *info, guint from_info)
{
  const GstTagList *tags = gst_discoverer_stream_info_get_tags (info);
  guint rate = 0;

  if (from_info > 0)
    return from_info;
  if (tags != NULL
      && (gst_tag_list_get_uint (tags, GST_TAG_BITRATE, &rate)
          || gst_tag_list_get_uint (tags, GST_TAG_NOMINAL_BITRATE, &rate)))
    return rate;
  return 0;
}

static void
reduce (gint *num, gint *den)
{
  gint a = ABS (*num), b = ABS (*den);

  while (b != 0) {
    gint t = a % b;

    a = b;
    b = t;
  }
  if (a > 1) {
    *num /= a;
    *den /= a;
  }
}

static gboolean
is_raw (const GstCaps *caps)
{
  const GstStructure *s = gst_caps_get_structure (caps, 0);

  return gst_structure_has_name (s, "video/x-raw")
         || gst_structure_has_name (s, "audio/x-raw");
}

/* Whether an installed decoder takes @caps. */
static gboolean
has_decoder (GList *decoders, const GstCaps *caps)
{
  GList *found;

  if (is_raw (caps))
    return TRUE;
  found = gst_element_factory_list_filter (decoders, caps, GST_PAD_SINK, FALSE);
  if (found == NULL)
    return FALSE;
  gst_plugin_feature_list_free (found);
  return TRUE;
}

static ReelProbeStream *
make_stream (GstDiscovererStreamInfo *info, GList *decoders)
{
  ReelProbeStream *s = g_new0 (ReelProbeStream, 1);
  g_autoptr (GstCaps) caps = gst_discoverer_stream_info_get_caps (info);
  const GstStructure *st =
      caps != NULL && !gst_caps_is_empty (caps) && !gst_caps_is_any (caps)
          ? gst_caps_get_structure (caps, 0)
          : NULL;
  const GstTagList *tags = gst_discoverer_stream_info_get_tags (info);

  if (GST_IS_DISCOVERER_VIDEO_INFO (info))
    s->kind = REEL_PROBE_STREAM_VIDEO;
  else if (GST_IS_DISCOVERER_AUDIO_INFO (info))
    s->kind = REEL_PROBE_STREAM_AUDIO;
  else if (GST_IS_DISCOVERER_SUBTITLE_INFO (info))
    s->kind = REEL_PROBE_STREAM_SUBTITLE;
  else
    s->kind = REEL_PROBE_STREAM_OTHER;

  if (st != NULL) {
    s->codec = codec_short_name (st);
    s->codec_name = gst_pb_utils_get_codec_description (caps);
    s->caps = caps_to_display (caps);
    s->profile = g_strdup (gst_structure_get_string (st, "profile"));
    s->level = g_strdup (gst_structure_get_string (st, "level"));
    s->decodable = has_decoder (decoders, caps);
    if (!s->decodable) {
      s->missing = gst_pb_utils_get_decoder_description (caps);
      if (s->missing == NULL)
        s->missing =
            g_strdup_printf ("a decoder for %s", gst_structure_get_name (st));
    }
  } else {
    s->codec = g_strdup ("unknown");
  }
  if (tags != NULL)
    gst_tag_list_get_string (tags, GST_TAG_LANGUAGE_CODE, &s->language);

  switch (s->kind) {
    case REEL_PROBE_STREAM_VIDEO: {
      GstDiscovererVideoInfo *v = GST_DISCOVERER_VIDEO_INFO (info);

      s->width = (gint) gst_discoverer_video_info_get_width (v);
      s->height = (gint) gst_discoverer_video_info_get_height (v);
      s->par_n = (gint) gst_discoverer_video_info_get_par_num (v);
      s->par_d = (gint) gst_discoverer_video_info_get_par_denom (v);
      if (s->par_n <= 0 || s->par_d <= 0)
        s->par_n = s->par_d = 1;
      reduce (&s->par_n, &s->par_d);
      s->fps_n = (gint) gst_discoverer_video_info_get_framerate_num (v);
      s->fps_d = (gint) gst_discoverer_video_info_get_framerate_denom (v);
      if (s->fps_n <= 0 || s->fps_d <= 0)
        s->fps_n = s->fps_d = 0; /* variable or unknown */
      else
        reduce (&s->fps_n, &s->fps_d);
      /* The discoverer's depth is bits per pixel; the caps say per sample. */
      if (st != NULL) {
        guint bits = 0;

        if (gst_structure_get_uint (st, "bit-depth-luma", &bits))
          s->depth = (gint) bits;
      }
      s->interlaced = gst_discoverer_video_info_is_interlaced (v);
      s->is_image = gst_discoverer_video_info_is_image (v);
      s->bitrate =
          stream_bitrate (info, gst_discoverer_video_info_get_bitrate (v));
      break;
    }
    case REEL_PROBE_STREAM_AUDIO: {
      GstDiscovererAudioInfo *a = GST_DISCOVERER_AUDIO_INFO (info);

      s->rate = (gint) gst_discoverer_audio_info_get_sample_rate (a);
      s->channels = (gint) gst_discoverer_audio_info_get_channels (a);
      s->depth = (gint) gst_discoverer_audio_info_get_depth (a);
      s->bitrate =
          stream_bitrate (info, gst_discoverer_audio_info_get_bitrate (a));
      if (s->language == NULL)
        s->language = g_strdup (gst_discoverer_audio_info_get_language (a));
      break;
    }
    default:
      s->bitrate = stream_bitrate (info, 0);
      break;
  }
  return s;
}

/* "rotate-90", "flip-rotate-270": how the picture is to be turned. */
static void
read_orientation (const GstTagList *tags, gint *rotation, gboolean *flip)
{
  g_autofree gchar *text = NULL;
  const gchar *degrees;

  if (tags == NULL
      || !gst_tag_list_get_string (tags, GST_TAG_IMAGE_ORIENTATION, &text))
    return;
  *flip = g_str_has_prefix (text, "flip-");
  degrees = strstr (text, "rotate-");
  *rotation = degrees != NULL ? atoi (degrees + strlen ("rotate-")) % 360 : 0;
}

/* ---- errors ------------------------------------------------------------- */

/* The description field of an installer detail string:
 * "gstreamer|1.0|app|H.265 (Main Profile) decoder|decoder-video/x-h265…". */
static gchar *
missing_description (const gchar *detail)
{
  g_auto (GStrv) fields = g_strsplit (detail, "|", 5);

  if (g_strv_length (fields) >= 5 && fields[3][0] != '\0')
    return g_strdup (fields[3]);
  return g_strdup (detail);
}

/* Whether every "missing" plugin the discoverer reports is a decoder that
 * is in fact installed (its template takes the stream) but refused the
 * stream: avdec_h264 does for pictures larger than libavcodec allows. Then
 * nothing is missing: the stream is probed as it is and the analysis
 * decides (it refuses pictures that large with a clear reason). */
static gboolean
decoders_refused (GstDiscovererInfo *info)
{
  const gchar **details =
      gst_discoverer_info_get_missing_elements_installer_details (info);
  GList *decoders = NULL;
  gboolean refused = details != NULL && details[0] != NULL;

  for (guint i = 0; refused && details[i] != NULL; i++) {
    g_auto (GStrv) fields = g_strsplit (details[i], "|", 5);
    g_autoptr (GstCaps) caps = NULL;

    if (g_strv_length (fields) < 5
        || !g_str_has_prefix (fields[4], "decoder-")) {
      refused = FALSE;
      break;
    }
    caps = gst_caps_from_string (fields[4] + strlen ("decoder-"));
    if (decoders == NULL)
      decoders = gst_element_factory_list_get_elements (
          GST_ELEMENT_FACTORY_TYPE_DECODER, GST_RANK_MARGINAL);
    refused = caps != NULL && has_decoder (decoders, caps);
  }
  gst_plugin_feature_list_free (decoders);
  return refused;
}

static void
set_discoverer_error (const gchar *name, GstDiscovererResult result,
    GstDiscovererInfo *info, const GError *gst_error, GstClockTime timeout,
    GError **error)
{
  const gchar *detail = gst_error != NULL ? gst_error->message : NULL;

  switch (result) {
    case GST_DISCOVERER_URI_INVALID:
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_FOUND,
          "%s: GStreamer cannot open it (no source for this kind of URI)",
          name);
      return;
    case GST_DISCOVERER_TIMEOUT:
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_TIMEOUT,
          "%s: probing took longer than %.3g s; the file may be damaged, or "
          "very slow to read",
          name, (gdouble) timeout / GST_SECOND);
      return;
    case GST_DISCOVERER_MISSING_PLUGINS: {
      const gchar **details =
          info != NULL
              ? gst_discoverer_info_get_missing_elements_installer_details (
                  info)
              : NULL;
      g_autoptr (GString) what = g_string_new (NULL);

      for (guint i = 0; details != NULL && details[i] != NULL; i++) {
        g_autofree gchar *d = missing_description (details[i]);

        g_string_append_printf (what, "%s%s", i > 0 ? ", " : "", d);
      }
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_MISSING_PLUGIN,
          "%s: a GStreamer plugin it needs is not installed: %s", name,
          what->len > 0 ? what->str : "(GStreamer did not say which)");
      return;
    }
    case GST_DISCOVERER_ERROR:
      if (gst_error != NULL
          && g_error_matches (gst_error, GST_STREAM_ERROR,
              GST_STREAM_ERROR_TYPE_NOT_FOUND)) {
        g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_MEDIA,
            "%s: not a media file (GStreamer cannot tell what it holds)", name);
      } else if (gst_error != NULL && gst_error->domain == GST_RESOURCE_ERROR) {
        g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NOT_READABLE,
            "%s: cannot be read: %s", name, detail);
      } else if (gst_error != NULL && gst_error->domain == GST_STREAM_ERROR) {
        g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_CORRUPT,
            "%s: damaged or truncated media: %s", name, detail);
      } else {
        g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_FAILED,
            "%s: cannot be probed: %s", name,
            detail != NULL ? detail : "GStreamer gave no reason");
      }
      return;
    default:
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_FAILED,
          "%s: cannot be probed: %s", name,
          detail != NULL ? detail : "the discoverer is busy");
      return;
  }
}

/* ---- ISO base media files ----------------------------------------------- */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8)
         | p[3];
}

/* An MP4 or QuickTime file whose index (the moov box) is missing cannot be
 * played at all: the usual result of a recording or a copy cut short, as
 * MP4 writers put the index last. Said here, from the box headers alone,
 * because qtdemux reports it while decodebin is still trying it, and
 * decodebin can drop that error: GstDiscoverer then waits for its timeout
 * instead of failing at once. Fragmented files (moof) need no moov up
 * front. Returns FALSE with @error set only for such a file. */
static gboolean
check_iso_index (const gchar *path, const gchar *name, GError **error)
{
  static const gchar *const top_boxes[] = { "ftyp", "moov", "mdat", "free",
    "skip", "wide", "pnot", "styp", NULL };
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr (GFileInfo) info = NULL;
  guint8 header[16];
  goffset size, offset = 0;
  gboolean index = FALSE, first = TRUE;

  if (in == NULL)
    return TRUE; /* the discoverer will say what is wrong */
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE,
      NULL, NULL);
  if (info == NULL)
    return TRUE;
  size = g_file_info_get_size (info);
  /* A few thousand boxes at most: real files have a handful. */
  for (guint n = 0; n < 4096 && offset + 8 <= size; n++) {
    gsize got = 0;
    guint64 box;
    gchar type[5] = { 0 };

    if (!g_seekable_seek (G_SEEKABLE (in), offset, G_SEEK_SET, NULL, NULL)
        || !g_input_stream_read_all (G_INPUT_STREAM (in), header, 16, &got,
            NULL, NULL)
        || got < 8)
      return TRUE;
    memcpy (type, header + 4, 4);
    if (first && !g_strv_contains (top_boxes, type))
      return TRUE; /* not an ISO base media file */
    first = FALSE;
    if (g_str_equal (type, "moov") || g_str_equal (type, "moof"))
      index = TRUE;
    box = read_be32 (header);
    if (box == 1 && got >= 16)
      box = ((guint64) read_be32 (header + 8) << 32) | read_be32 (header + 12);
    else if (box == 0)
      box = (guint64) (size - offset); /* to the end of the file */
    if (box < 8)
      break; /* damaged: let the demuxer say so */
    offset += (goffset) box;
  }
  if (index || first)
    return TRUE;
  g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_CORRUPT,
      "%s: truncated or damaged MP4/QuickTime file: its index (the moov box) "
      "is missing, as when a recording or a copy is cut short",
      name);
  return FALSE;
}

/* ---- probing ------------------------------------------------------------ */

static gboolean
is_local (const gchar *uri, gchar **path)
{
  g_autofree gchar *scheme = g_uri_parse_scheme (uri);

  if (g_strcmp0 (scheme, "file") != 0)
    return FALSE;
  *path = g_filename_from_uri (uri, NULL, NULL);
  return *path != NULL;
}

static ReelProbe *
probe_from_info (GstDiscovererInfo *info, const gchar *uri, guint64 size,
    const gchar *name, GError **error)
{
  g_autoptr (ReelProbe) p = g_new0 (ReelProbe, 1);
  g_autoptr (GstDiscovererStreamInfo) top =
      gst_discoverer_info_get_stream_info (info);
  GList *streams = gst_discoverer_info_get_stream_list (info);
  GList *decoders =
      gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DECODER,
          GST_RANK_MARGINAL);
  g_autoptr (GString) missing = g_string_new (NULL);
  g_autoptr (GString) kinds = g_string_new (NULL);
  const GstTagList *global = gst_discoverer_info_get_tags (info);
  ReelProbeStream *first_video = NULL, *first_audio = NULL;
  guint64 stream_bits = 0;

  p->uri = g_strdup (uri);
  p->size = size;
  p->duration = gst_discoverer_info_get_duration (info);
  if (p->duration == 0 && gst_discoverer_info_get_live (info))
    p->duration = GST_CLOCK_TIME_NONE;
  p->seekable = gst_discoverer_info_get_seekable (info);
  p->par_n = p->par_d = 1;
  p->streams = g_ptr_array_new_with_free_func (stream_free);

  if (top != NULL && GST_IS_DISCOVERER_CONTAINER_INFO (top)) {
    g_autoptr (GstCaps) caps = gst_discoverer_stream_info_get_caps (top);

    if (caps != NULL && !gst_caps_is_empty (caps) && !gst_caps_is_any (caps)) {
      p->container = container_short_name (gst_caps_get_structure (caps, 0));
      p->container_name = gst_pb_utils_get_codec_description (caps);
    }
  }

  for (GList *l = streams; l != NULL; l = l->next) {
    GstDiscovererStreamInfo *si = l->data;
    ReelProbeStream *s;

    if (GST_IS_DISCOVERER_CONTAINER_INFO (si))
      continue;
    s = make_stream (si, decoders);
    g_ptr_array_add (p->streams, s);
    g_string_append_printf (kinds, "%s%s %s", kinds->len > 0 ? ", " : "",
        reel_probe_stream_kind_to_string (s->kind), s->codec);
    stream_bits += s->bitrate;
    if (s->kind != REEL_PROBE_STREAM_VIDEO
        && s->kind != REEL_PROBE_STREAM_AUDIO)
      continue;
    if (!s->decodable) {
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "",
          s->missing);
      continue;
    }
    if (s->kind == REEL_PROBE_STREAM_VIDEO && first_video == NULL) {
      first_video = s;
      read_orientation (gst_discoverer_stream_info_get_tags (si), &p->rotation,
          &p->flip);
    } else if (s->kind == REEL_PROBE_STREAM_AUDIO && first_audio == NULL) {
      first_audio = s;
    }
  }
  gst_discoverer_stream_info_list_free (streams);
  gst_plugin_feature_list_free (decoders);

  if (first_video == NULL && first_audio == NULL) {
    if (missing->len > 0)
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_MISSING_PLUGIN,
          "%s: no installed decoder takes its streams; missing: %s", name,
          missing->str);
    else if (kinds->len > 0)
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NO_STREAMS,
          "%s: holds no audio or video stream (only %s)", name, kinds->str);
    else
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_NO_STREAMS,
          "%s: holds no audio or video stream", name);
    return NULL;
  }

  if (first_video != NULL) {
    p->has_video = TRUE;
    p->width = first_video->width;
    p->height = first_video->height;
    p->par_n = first_video->par_n;
    p->par_d = first_video->par_d;
    p->fps_n = first_video->fps_n;
    p->fps_d = first_video->fps_d;
    if (p->rotation == 0 && !p->flip)
      read_orientation (global, &p->rotation, &p->flip);
  }
  if (first_audio != NULL) {
    p->has_audio = TRUE;
    p->audio_rate = first_audio->rate;
    p->audio_channels = first_audio->channels;
  }
  if (size > 0 && GST_CLOCK_TIME_IS_VALID (p->duration) && p->duration > 0)
    p->bitrate = (guint) MIN (G_MAXUINT,
        gst_util_uint64_scale (size * 8, GST_SECOND, p->duration));
  else
    p->bitrate = (guint) MIN (G_MAXUINT, stream_bits);
  return g_steal_pointer (&p);
}

/**
 * reel_probe_file:
 * @path_or_uri: a local path or a URI
 * @timeout: how long the discoverer may take, 0 for
 *   %REEL_PROBE_DEFAULT_TIMEOUT
 * @error: return location for a #GError
 *
 * Probes one file with GstDiscoverer. GStreamer must be initialised. A
 * local file is checked first (reel_probe_check_file(), and an MP4 for its
 * index), then discovered with a timeout of at most 3 s, and only when that
 * times out with the whole @timeout: decodebin can lose the error of a
 * demuxer that fails at once, which would otherwise cost the whole timeout.
 *
 * Returns: (transfer full): what the file holds, or %NULL with @error set
 *   (%REEL_PROBE_ERROR; the message begins with @path_or_uri)
 */
ReelProbe *
reel_probe_file (const gchar *path_or_uri, GstClockTime timeout, GError **error)
{
  static gsize pbutils_ready;
  g_autofree gchar *uri = NULL;
  g_autofree gchar *path = NULL;
  g_autoptr (GstDiscoverer) discoverer = NULL;
  g_autoptr (GstDiscovererInfo) info = NULL;
  g_autoptr (GError) gst_error = NULL;
  GstDiscovererResult result = GST_DISCOVERER_ERROR;
  guint64 size = 0;

  g_return_val_if_fail (path_or_uri != NULL, NULL);
  g_return_val_if_fail (gst_is_initialized (), NULL);

  reel_decoders_init ();
  if (g_once_init_enter (&pbutils_ready)) {
    gst_pb_utils_init ();
    g_once_init_leave (&pbutils_ready, 1);
  }
  if (timeout == 0 || !GST_CLOCK_TIME_IS_VALID (timeout))
    timeout = REEL_PROBE_DEFAULT_TIMEOUT;

  uri = reel_probe_make_uri (path_or_uri, error);
  if (uri == NULL)
    return NULL;
  if (is_local (uri, &path)) {
    g_autofree gchar *scheme = g_uri_parse_scheme (path_or_uri);

    /* Errors name the file as the caller did: a path as given. */
    if (!reel_probe_check_file (scheme != NULL ? path : path_or_uri, &size,
            error))
      return NULL;
  }

  if (path != NULL && !check_iso_index (path, path_or_uri, error))
    return NULL;

  /* decodebin can drop an error a demuxer posts while it is being tried,
   * and the discoverer then waits for its whole timeout: a local file gets
   * a short first try, and the full timeout only on a second one. */
  for (guint attempt = 0; attempt < 2; attempt++) {
    GstClockTime limit = timeout;

    if (attempt == 0 && path != NULL && timeout > FIRST_TRY)
      limit = FIRST_TRY;
    else if (attempt == 1 && (path == NULL || timeout <= FIRST_TRY))
      break;
    g_clear_object (&info);
    g_clear_object (&discoverer);
    g_clear_error (&gst_error);
    discoverer = gst_discoverer_new (limit, &gst_error);
    if (discoverer == NULL) {
      g_set_error (error, REEL_PROBE_ERROR, REEL_PROBE_ERROR_FAILED,
          "%s: cannot start GstDiscoverer: %s", path_or_uri,
          gst_error != NULL ? gst_error->message : "unknown error");
      return NULL;
    }
    info = gst_discoverer_discover_uri (discoverer, uri, &gst_error);
    result = info != NULL ? gst_discoverer_info_get_result (info)
                          : GST_DISCOVERER_ERROR;
    if (result != GST_DISCOVERER_TIMEOUT)
      break;
  }
  if (result == GST_DISCOVERER_MISSING_PLUGINS && decoders_refused (info))
    result = GST_DISCOVERER_OK;
  if (result != GST_DISCOVERER_OK) {
    set_discoverer_error (path_or_uri, result, info, gst_error, timeout, error);
    return NULL;
  }
  return probe_from_info (info, uri, size, path_or_uri, error);
}

/* ---- writing ------------------------------------------------------------ */

/**
 * reel_probe_get_fps_string:
 * @probe: a probe
 *
 * Returns: (transfer full) (nullable): the frame rate as an exact fraction,
 *   `30000/1001` or `25/1`; %NULL when unknown
 */
gchar *
reel_probe_get_fps_string (ReelProbe *probe)
{
  g_return_val_if_fail (probe != NULL, NULL);

  if (probe->fps_n <= 0 || probe->fps_d <= 0)
    return NULL;
  return g_strdup_printf ("%d/%d", probe->fps_n, probe->fps_d);
}

/**
 * reel_probe_get_duration_seconds:
 * @probe: a probe
 *
 * Returns: the duration in seconds, or -1 when unknown
 */
gdouble
reel_probe_get_duration_seconds (ReelProbe *probe)
{
  g_return_val_if_fail (probe != NULL, -1);

  if (!GST_CLOCK_TIME_IS_VALID (probe->duration))
    return -1;
  return (gdouble) probe->duration / GST_SECOND;
}

static void
set_rate (JsonObject *o, const gchar *member, gint num, gint den)
{
  ReelRate rate = { num, den };

  if (num > 0 && den > 0 && reel_rate_is_valid (rate))
    json_object_set_member (o, member, reel_rate_to_json (rate));
}

static void
set_fraction (JsonObject *o, const gchar *member, gint num, gint den)
{
  g_autofree gchar *text = g_strdup_printf ("%d/%d", num, den);

  json_object_set_string_member (o, member, text);
}

static void
set_string_if (JsonObject *o, const gchar *member, const gchar *value)
{
  if (value != NULL)
    json_object_set_string_member (o, member, value);
}

static JsonObject *
stream_to_json (ReelProbeStream *s)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "type",
      reel_probe_stream_kind_to_string (s->kind));
  json_object_set_string_member (o, "codec", s->codec);
  set_string_if (o, "codec_name", s->codec_name);
  set_string_if (o, "profile", s->profile);
  set_string_if (o, "level", s->level);
  set_string_if (o, "language", s->language);
  if (s->kind == REEL_PROBE_STREAM_VIDEO) {
    json_object_set_int_member (o, "width", s->width);
    json_object_set_int_member (o, "height", s->height);
    set_fraction (o, "pixel_aspect_ratio", s->par_n, s->par_d);
    set_rate (o, "fps", s->fps_n, s->fps_d);
    if (s->depth > 0)
      json_object_set_int_member (o, "depth", s->depth);
    json_object_set_boolean_member (o, "interlaced", s->interlaced);
    if (s->is_image)
      json_object_set_boolean_member (o, "image", TRUE);
  } else if (s->kind == REEL_PROBE_STREAM_AUDIO) {
    json_object_set_int_member (o, "rate", s->rate);
    json_object_set_int_member (o, "channels", s->channels);
    if (s->depth > 0)
      json_object_set_int_member (o, "depth", s->depth);
  }
  if (s->bitrate > 0)
    json_object_set_int_member (o, "bitrate", s->bitrate);
  if (s->kind == REEL_PROBE_STREAM_VIDEO || s->kind == REEL_PROBE_STREAM_AUDIO)
    json_object_set_boolean_member (o, "decodable", s->decodable);
  set_string_if (o, "missing", s->missing);
  set_string_if (o, "caps", s->caps);
  return o;
}

/**
 * reel_probe_to_json:
 * @probe: a probe
 *
 * Writes the MEDIA record's `probe` member: the members the media model
 * types (`duration` in seconds or null, `width`, `height`, `fps` as the
 * model writes a rate — an integer when whole, else an exact fraction
 * string such as `"30000/1001"` — `has_audio`, `has_video`), then
 * `container`, `container_name`, `pixel_aspect_ratio` (`"1/1"`),
 * `rotation`, `flip` (only when mirrored), `audio_rate`, `audio_channels`,
 * `bitrate`, `size`, `seekable` and `streams` (each with `type`, `codec`,
 * `codec_name`, and what its kind has: size, pixel aspect, fps, depth,
 * interlacing; rate, channels; `bitrate`, `decodable`, `caps`).
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
reel_probe_to_json (ReelProbe *probe)
{
  JsonObject *o;
  JsonArray *streams;
  JsonNode *node;

  g_return_val_if_fail (probe != NULL, NULL);

  o = json_object_new ();
  if (GST_CLOCK_TIME_IS_VALID (probe->duration))
    json_object_set_double_member (o, "duration",
        reel_probe_get_duration_seconds (probe));
  else
    json_object_set_null_member (o, "duration");
  if (probe->has_video) {
    json_object_set_int_member (o, "width", probe->width);
    json_object_set_int_member (o, "height", probe->height);
    set_rate (o, "fps", probe->fps_n, probe->fps_d);
  }
  json_object_set_boolean_member (o, "has_audio", probe->has_audio);
  json_object_set_boolean_member (o, "has_video", probe->has_video);
  set_string_if (o, "container", probe->container);
  set_string_if (o, "container_name", probe->container_name);
  if (probe->has_video) {
    set_fraction (o, "pixel_aspect_ratio", probe->par_n, probe->par_d);
    json_object_set_int_member (o, "rotation", probe->rotation);
    if (probe->flip)
      json_object_set_boolean_member (o, "flip", TRUE);
  }
  if (probe->has_audio) {
    json_object_set_int_member (o, "audio_rate", probe->audio_rate);
    json_object_set_int_member (o, "audio_channels", probe->audio_channels);
  }
  if (probe->bitrate > 0)
    json_object_set_int_member (o, "bitrate", probe->bitrate);
  if (probe->size > 0)
    json_object_set_int_member (o, "size", (gint64) probe->size);
  json_object_set_boolean_member (o, "seekable", probe->seekable);
  streams = json_array_new ();
  for (guint i = 0; i < probe->streams->len; i++)
    json_array_add_object_element (streams,
        stream_to_json (g_ptr_array_index (probe->streams, i)));
  json_object_set_array_member (o, "streams", streams);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}
