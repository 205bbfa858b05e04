/* reel — where reel finds its own files. A `reel` (or test) that runs from
 * the build tree uses the build tree's plugins and the source tree's
 * pipelines and data, so nothing needs installing to try a change; an
 * installed one uses the installed folders. What reel itself writes (the
 * embedded queue, local media, cached analyses) goes under the user data
 * directory: `$REEL_DATA_DIR`, else `$XDG_DATA_HOME/reel`. */
#pragma once

#include <reel/reel-prelude.h>

G_BEGIN_DECLS

REEL_API gboolean reel_running_uninstalled (void);
REEL_API const gchar *reel_get_plugin_dir (void);
REEL_API const gchar *reel_get_pipeline_dir (void);
REEL_API const gchar *reel_get_data_dir (void);
REEL_API gchar *reel_get_user_data_dir (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
