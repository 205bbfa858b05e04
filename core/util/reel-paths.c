/* reel — where reel finds its plugins, pipeline templates and data; see
 * reel-paths.h. */
#include "reel-paths.h"

#include <string.h>

/**
 * reel_running_uninstalled:
 *
 * Returns: whether this program's executable lives in reel's build tree
 */
gboolean
reel_running_uninstalled (void)
{
  static gsize result;

  if (g_once_init_enter (&result)) {
    g_autofree gchar *exe = g_file_read_link ("/proc/self/exe", NULL);
    g_autofree gchar *root = g_canonicalize_filename (REEL_BUILD_ROOT, NULL);
    gboolean inside = exe != NULL && g_str_has_prefix (exe, root)
                      && exe[strlen (root)] == '/';

    g_once_init_leave (&result, inside ? 2 : 1);
  }
  return result == 2;
}

/**
 * reel_get_plugin_dir:
 *
 * Returns: (transfer none): the build tree's `plugins/` when running
 *   uninstalled, else the installed plugin folder
 */
const gchar *
reel_get_plugin_dir (void)
{
  return reel_running_uninstalled () ? REEL_BUILD_PLUGINDIR : REEL_PLUGINDIR;
}

/**
 * reel_get_pipeline_dir:
 *
 * Returns: (transfer none): the source tree's `pipelines/` when running
 *   uninstalled, else the installed one
 */
const gchar *
reel_get_pipeline_dir (void)
{
  return reel_running_uninstalled () ? REEL_SOURCE_PIPELINEDIR
                                     : REEL_PIPELINEDIR;
}

/**
 * reel_get_data_dir:
 *
 * Returns: (transfer none): the source tree's `data/` when running
 *   uninstalled, else the installed data folder
 */
const gchar *
reel_get_data_dir (void)
{
  return reel_running_uninstalled () ? REEL_SOURCE_DATADIR : REEL_DATADIR;
}

/**
 * reel_get_user_data_dir:
 *
 * Where reel keeps what it writes: `$REEL_DATA_DIR` when set and not empty,
 * else `reel` under the XDG user data directory (`$XDG_DATA_HOME`, by
 * default `~/.local/share`). Read from the environment on every call, so a
 * test may change it. The folder may not exist yet.
 *
 * Returns: (transfer full): an absolute path
 */
gchar *
reel_get_user_data_dir (void)
{
  const gchar *env = g_getenv ("REEL_DATA_DIR");

  if (env != NULL && env[0] != '\0')
    return g_canonicalize_filename (env, NULL);
  return g_build_filename (g_get_user_data_dir (), "reel", NULL);
}
