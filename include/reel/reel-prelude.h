/* reel — the prelude every public header includes first.
 *
 * It defines REEL_API, the one export macro: libreel is built with
 * -fvisibility=hidden, so a symbol is visible to plugins and to the `reel`
 * command only when its declaration carries REEL_API. Plugins mark their
 * descriptor with REEL_PLUGIN_EXPORT so the host can find it with g_module_symbol.
 */
#pragma once

#include <glib.h>

#if defined(_WIN32) || defined(__CYGWIN__)
#define REEL_EXPORT __declspec(dllexport)
#define REEL_IMPORT __declspec(dllimport)
#else
#define REEL_EXPORT __attribute__ ((visibility ("default")))
#define REEL_IMPORT
#endif

#ifdef BUILDING_REEL
#define REEL_API REEL_EXPORT extern
#else
#define REEL_API REEL_IMPORT extern
#endif

/* A plugin module's descriptor is always exported, whatever the module's own
 * visibility settings are. */
#define REEL_PLUGIN_EXPORT REEL_EXPORT

/* Reserved slots at the end of every public struct, so that later minor
 * versions can add fields without breaking built plugins. */
#define REEL_PADDING 8
