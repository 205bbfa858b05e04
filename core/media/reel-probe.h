/* reel — probing a media file: what it holds, before anything decodes it.
 *
 * reel_probe_file() asks GstDiscoverer about one file (a path or a URI) and
 * returns a ReelProbe: duration, container, every stream with its codec and
 * the fields its caps carry, and the summary the MEDIA record's `probe`
 * member holds (width, height, pixel aspect, an exact frame rate, rotation,
 * audio rate and channels, has_audio/has_video, bitrate).
 * reel_probe_to_json() writes that member; core/model/reel-media.c reads it
 * back (its known members are typed there, the rest are kept as they are).
 *
 * A file that is missing, unreadable, empty, not media, truncated, or whose
 * streams cannot be decoded is refused with a REEL_PROBE_ERROR whose message
 * names the file and what failed (a missing decoder by its description, such
 * as "H.265 (Main Profile) decoder").
 */
#pragma once

#include <reel/reel-prelude.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define REEL_PROBE_ERROR (reel_probe_error_quark ())
REEL_API GQuark reel_probe_error_quark (void);

/**
 * ReelProbeError:
 * @REEL_PROBE_ERROR_NOT_FOUND: there is no such file
 * @REEL_PROBE_ERROR_NOT_READABLE: the file cannot be read (permissions, or
 *   it is a directory or a device)
 * @REEL_PROBE_ERROR_EMPTY: the file has no bytes
 * @REEL_PROBE_ERROR_NOT_MEDIA: GStreamer does not recognise it as media
 * @REEL_PROBE_ERROR_CORRUPT: it looks like media but is truncated or broken
 * @REEL_PROBE_ERROR_MISSING_PLUGIN: a demuxer or decoder it needs is not
 *   installed; the message names it
 * @REEL_PROBE_ERROR_NO_STREAMS: it holds no audio or video that can be
 *   decoded
 * @REEL_PROBE_ERROR_TIMEOUT: probing took longer than allowed
 * @REEL_PROBE_ERROR_FAILED: anything else
 *
 * Errors in the %REEL_PROBE_ERROR domain.
 */
typedef enum {
  REEL_PROBE_ERROR_NOT_FOUND,
  REEL_PROBE_ERROR_NOT_READABLE,
  REEL_PROBE_ERROR_EMPTY,
  REEL_PROBE_ERROR_NOT_MEDIA,
  REEL_PROBE_ERROR_CORRUPT,
  REEL_PROBE_ERROR_MISSING_PLUGIN,
  REEL_PROBE_ERROR_NO_STREAMS,
  REEL_PROBE_ERROR_TIMEOUT,
  REEL_PROBE_ERROR_FAILED,
} ReelProbeError;

/**
 * REEL_PROBE_DEFAULT_TIMEOUT:
 *
 * How long reel_probe_file() waits for GstDiscoverer by default.
 */
#define REEL_PROBE_DEFAULT_TIMEOUT (10 * GST_SECOND)

/**
 * ReelProbeStreamKind:
 * @REEL_PROBE_STREAM_VIDEO: pictures
 * @REEL_PROBE_STREAM_AUDIO: sound
 * @REEL_PROBE_STREAM_SUBTITLE: text
 * @REEL_PROBE_STREAM_OTHER: anything else (data, unknown)
 */
typedef enum {
  REEL_PROBE_STREAM_VIDEO,
  REEL_PROBE_STREAM_AUDIO,
  REEL_PROBE_STREAM_SUBTITLE,
  REEL_PROBE_STREAM_OTHER,
} ReelProbeStreamKind;

/**
 * ReelProbeStream:
 * @kind: what the stream carries
 * @codec: a short codec name: `h264`, `hevc`, `vp9`, `av1`, `aac`, `opus`,
 *   `mp3`, `pcm`, … (the caps' media type when reel has no short name)
 * @codec_name: (nullable): GStreamer's description, `H.264 (High Profile)`
 * @caps: (nullable): the stream's caps as a string
 * @profile: (nullable): the codec profile the caps name
 * @level: (nullable): the codec level the caps name
 * @language: (nullable): an ISO 639 language code from the tags
 * @bitrate: bits per second, 0 when unknown
 * @decodable: whether an installed decoder takes it
 * @missing: (nullable): the missing decoder's description, when not
 * @width: video: pixels
 * @height: video: pixels
 * @par_n: video: pixel aspect ratio numerator
 * @par_d: video: pixel aspect ratio denominator
 * @fps_n: video: frame rate numerator, 0 when variable or unknown
 * @fps_d: video: frame rate denominator
 * @depth: video: bits per luma sample (from the caps); audio: bits per
 *   sample; 0 when unknown
 * @interlaced: video: interlaced
 * @is_image: video: a still image
 * @rate: audio: samples per second
 * @channels: audio: channels
 *
 * One stream of a probed file.
 */
typedef struct {
  ReelProbeStreamKind kind;
  gchar *codec;
  gchar *codec_name;
  gchar *caps;
  gchar *profile;
  gchar *level;
  gchar *language;
  guint bitrate;
  gboolean decodable;
  gchar *missing;
  gint width;
  gint height;
  gint par_n;
  gint par_d;
  gint fps_n;
  gint fps_d;
  gint depth;
  gboolean interlaced;
  gboolean is_image;
  gint rate;
  gint channels;
} ReelProbeStream;

/**
 * ReelProbe:
 * @uri: the URI that was probed
 * @size: the file's size in bytes, 0 when not a local file
 * @duration: the duration, %GST_CLOCK_TIME_NONE when unknown (a live
 *   stream, a still image)
 * @container: (nullable): a short container name (`mp4`, `mov`, `webm`,
 *   `matroska`, `ogg`, `avi`, `mpegts`, …); %NULL for an elementary stream
 * @container_name: (nullable): GStreamer's description of the container
 * @seekable: whether the file can be seeked
 * @has_video: whether it holds a decodable video stream
 * @has_audio: whether it holds a decodable audio stream
 * @width: the first video stream's width, 0 without video
 * @height: its height
 * @par_n: its pixel aspect ratio numerator (1 when unknown)
 * @par_d: its pixel aspect ratio denominator
 * @fps_n: its frame rate numerator, 0 when unknown or variable
 * @fps_d: its frame rate denominator
 * @rotation: degrees clockwise to turn the picture to show it upright (0,
 *   90, 180 or 270), from the `image-orientation` tag
 * @flip: whether the picture is also mirrored
 * @audio_rate: the first audio stream's sample rate, 0 without audio
 * @audio_channels: its channel count
 * @bitrate: the overall bitrate in bits per second (size over duration for
 *   a local file, else the sum of the streams'), 0 when unknown
 * @streams: (element-type ReelProbeStream): every stream, in the
 *   container's order
 *
 * What reel_probe_file() found. Width and height are the coded picture's;
 * @rotation says how to show it.
 */
typedef struct {
  gchar *uri;
  guint64 size;
  GstClockTime duration;
  gchar *container;
  gchar *container_name;
  gboolean seekable;
  gboolean has_video;
  gboolean has_audio;
  gint width;
  gint height;
  gint par_n;
  gint par_d;
  gint fps_n;
  gint fps_d;
  gint rotation;
  gboolean flip;
  gint audio_rate;
  gint audio_channels;
  guint bitrate;
  GPtrArray *streams;
} ReelProbe;

REEL_API ReelProbe *reel_probe_file (const gchar *path_or_uri,
    GstClockTime timeout, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_probe_check_file (const gchar *path, guint64 *size,
    GError **error);
REEL_API gchar *reel_probe_make_uri (const gchar *path_or_uri,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *
reel_probe_to_json (ReelProbe *probe) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *
reel_probe_get_fps_string (ReelProbe *probe) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gdouble reel_probe_get_duration_seconds (ReelProbe *probe);
REEL_API void reel_probe_free (ReelProbe *probe);

REEL_API const gchar *
reel_probe_stream_kind_to_string (ReelProbeStreamKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelProbe, reel_probe_free)

G_END_DECLS
