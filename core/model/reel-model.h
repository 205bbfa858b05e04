/* reel — the data models, in one header: media records, analysis
 * documents, timelines and job records, the exact time they share, ids, the
 * model error domain, and a dispatcher that tells which kind of document a
 * JSON value is and validates it.
 *
 * Every arrow of reel's flow (upload → probe → analyse → generate → render)
 * carries one of these documents. Each model reads its JSON with json-glib
 * and reports every problem with the field's path, writes it back
 * losslessly, and checks the rules the JSON schemas in data/schemas/ cannot
 * say. Unknown members are errors, except where a document keeps extra
 * members on purpose (media `probe`, job `result`, analysis sections that
 * plugins add).
 */
#pragma once

#include <reel/reel-prelude.h>
#include <json-glib/json-glib.h>

#include "reel-field-errors.h"
#include "reel-time.h"
#include "reel-timeline.h"
#include "reel-media.h"
#include "reel-analysis.h"
#include "reel-job.h"

G_BEGIN_DECLS

/**
 * REEL_MODEL_ERROR:
 *
 * The error domain of the models: a document that does not load.
 */
#define REEL_MODEL_ERROR (reel_model_error_quark ())
REEL_API GQuark reel_model_error_quark (void);

/**
 * ReelModelError:
 * @REEL_MODEL_ERROR_INVALID: the document breaks the model's rules; the
 *   message lists every error with its path
 * @REEL_MODEL_ERROR_PARSE: the file is not JSON
 * @REEL_MODEL_ERROR_TRANSITION: a job status change that is not allowed
 */
typedef enum {
  REEL_MODEL_ERROR_INVALID,
  REEL_MODEL_ERROR_PARSE,
  REEL_MODEL_ERROR_TRANSITION,
} ReelModelError;

/**
 * REEL_ID_MAX_LENGTH:
 *
 * The longest id (media, job, timeline, clip).
 */
#define REEL_ID_MAX_LENGTH 128

REEL_API gboolean reel_id_is_valid (const gchar *id);

/**
 * ReelDocumentKind:
 * @REEL_DOCUMENT_UNKNOWN: not a document reel knows
 * @REEL_DOCUMENT_MEDIA: a media record
 * @REEL_DOCUMENT_ANALYSIS: an analysis document
 * @REEL_DOCUMENT_TIMELINE: a timeline
 * @REEL_DOCUMENT_JOB: a job record
 */
typedef enum {
  REEL_DOCUMENT_UNKNOWN,
  REEL_DOCUMENT_MEDIA,
  REEL_DOCUMENT_ANALYSIS,
  REEL_DOCUMENT_TIMELINE,
  REEL_DOCUMENT_JOB,
} ReelDocumentKind;

REEL_API ReelDocumentKind reel_document_detect_kind (JsonNode *node);
REEL_API const gchar *reel_document_kind_to_string (ReelDocumentKind kind);
REEL_API ReelDocumentKind reel_document_kind_from_string (const gchar *name);
REEL_API gboolean reel_document_validate (JsonNode *node, ReelDocumentKind kind,
    ReelFieldErrors *errors);
REEL_API JsonNode *reel_document_normalize (JsonNode *node,
    ReelDocumentKind kind, ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
