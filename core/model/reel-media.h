/* reel — the MEDIA record: one uploaded or imported file.
 *
 * The API returns it for `POST /v1/media` and `GET /v1/media/{id}`; storage
 * keeps it beside the bytes. Its `probe` is filled in by the probe stage
 * (GstDiscoverer) and keeps whatever else the prober reports (codecs,
 * channels, …) as extra members; `analysis_job` names the job analysing it.
 * data/schemas/media.schema.json describes the JSON.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "reel-field-errors.h"
#include "reel-time.h"

G_BEGIN_DECLS

/**
 * ReelMediaStatus:
 * @REEL_MEDIA_STATUS_UPLOADING: `"uploading"`: bytes still arriving (or
 *   being fetched for an import)
 * @REEL_MEDIA_STATUS_PROCESSING: `"processing"`: stored, being probed and
 *   analysed
 * @REEL_MEDIA_STATUS_READY: `"ready"`: probed; usable in edits
 * @REEL_MEDIA_STATUS_FAILED: `"failed"`: not usable media
 */
typedef enum {
  REEL_MEDIA_STATUS_UPLOADING,
  REEL_MEDIA_STATUS_PROCESSING,
  REEL_MEDIA_STATUS_READY,
  REEL_MEDIA_STATUS_FAILED,
} ReelMediaStatus;

/**
 * ReelMediaProbe:
 * @has_duration: whether the duration is known
 * @duration: seconds, ≥ 0
 * @width: video width in pixels, 0 without video
 * @height: video height in pixels, 0 without video
 * @fps: video frame rate; 0/0 when unknown or a still image
 * @has_audio: whether there is an audio stream
 * @has_video: whether there is a video stream
 * @extra: (not nullable): every other member the prober wrote, kept as is
 */
typedef struct {
  gboolean has_duration;
  gdouble duration;
  gint width;
  gint height;
  ReelRate fps;
  gboolean has_audio;
  gboolean has_video;
  JsonObject *extra;
  /*< private >*/
  guint32 _broken;
} ReelMediaProbe;

/**
 * ReelMedia:
 * @id: the media id (reel_id_is_valid())
 * @name: the original file name
 * @size: size in bytes, ≥ 0
 * @content_type: a MIME type, `type/subtype`
 * @created_at: when it was created
 * @status: where it is in its life
 * @probe: (nullable): what the probe found, once probed
 * @analysis_job: (nullable): the id of the job analysing it
 */
typedef struct {
  gchar *id;
  gchar *name;
  gint64 size;
  gchar *content_type;
  GDateTime *created_at;
  ReelMediaStatus status;
  ReelMediaProbe *probe;
  gchar *analysis_job;
  /*< private >*/
  guint32 _broken;
} ReelMedia;

#define REEL_TYPE_MEDIA (reel_media_get_type ())
REEL_API GType reel_media_get_type (void);

REEL_API ReelMedia *
reel_media_new (const gchar *id, const gchar *name) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelMedia *reel_media_new_from_json (JsonNode *node,
    ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;
REEL_API JsonNode *
reel_media_to_json (ReelMedia *media) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gboolean reel_media_validate (ReelMedia *media,
    ReelFieldErrors *errors);
REEL_API ReelMedia *
reel_media_copy (ReelMedia *media) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_media_free (ReelMedia *media);

REEL_API ReelMediaProbe *reel_media_probe_new (void) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_media_probe_free (ReelMediaProbe *probe);

REEL_API const gchar *reel_media_status_to_string (ReelMediaStatus status);
REEL_API gboolean reel_media_status_from_string (const gchar *name,
    ReelMediaStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelMedia, reel_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelMediaProbe, reel_media_probe_free)

G_END_DECLS
