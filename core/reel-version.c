/* reel — the library's run-time version, for plugins and the CLI. */
#include <reel/reel-version.h>

/**
 * reel_get_version_string:
 *
 * Returns: (transfer none): the version of the running libreel
 */
const gchar *
reel_get_version_string (void)
{
  return REEL_VERSION_STRING;
}
