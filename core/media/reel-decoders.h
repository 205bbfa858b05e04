/* reel — which decoders reel's pipelines use when several could.
 *
 * GStreamer picks decoders by rank, but a few choices change results, not
 * only speed: faad drops an AAC stream's 1024 priming samples that qtdemux
 * already accounts for, so every audio time it yields is 21.3 ms early,
 * where avdec_aac gives the exact times. reel_decoders_init() sets reel's
 * preferences once per process, before any pipeline is built.
 */
#pragma once

#include <reel/reel-prelude.h>

G_BEGIN_DECLS

REEL_API void reel_decoders_init (void);

G_END_DECLS
