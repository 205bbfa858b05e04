/* reel — the plugin host: finds modules, checks their ABI, runs their init,
 * and keeps what they register.
 *
 * A ReelRegistry loads every module on REEL_PLUGIN_PATH, then the build
 * tree's plugin folder (when the running program lives in the build tree) or
 * the installed one. A module that cannot be opened, has no descriptor, was
 * built for another ABI major (or a newer minor), clashes with a plugin or
 * component already loaded, or whose init fails is refused with an error that
 * names its file; loading goes on with the others, and the errors stay
 * listed. Components are looked up by kind and name, their parameters
 * validated against their schemas, and everything listed as JSON for
 * `reel plugins --json` and `GET /v1/plugins`.
 */
#pragma once

#include <reel/reel-plugin.h>
#include "reel-field-errors.h"

G_BEGIN_DECLS

#define REEL_PLUGIN_ERROR (reel_plugin_error_quark ())
REEL_API GQuark reel_plugin_error_quark (void);

/**
 * ReelPluginError:
 * @REEL_PLUGIN_ERROR_OPEN: the module could not be opened
 * @REEL_PLUGIN_ERROR_NO_DESCRIPTOR: no `reel_plugin_desc` symbol
 * @REEL_PLUGIN_ERROR_ABI: built for an incompatible plugin ABI
 * @REEL_PLUGIN_ERROR_INVALID: the descriptor or a registration is malformed
 * @REEL_PLUGIN_ERROR_DUPLICATE: a plugin or component of that name exists
 * @REEL_PLUGIN_ERROR_INIT: the plugin's init failed
 * @REEL_PLUGIN_ERROR_NOT_FOUND: no component of that kind and name
 * @REEL_PLUGIN_ERROR_UNAVAILABLE: the component's GStreamer elements are
 *   missing
 * @REEL_PLUGIN_ERROR_PARAMS: parameters failed validation
 * @REEL_PLUGIN_ERROR_FAILED: the component ran and failed
 */
typedef enum {
  REEL_PLUGIN_ERROR_OPEN,
  REEL_PLUGIN_ERROR_NO_DESCRIPTOR,
  REEL_PLUGIN_ERROR_ABI,
  REEL_PLUGIN_ERROR_INVALID,
  REEL_PLUGIN_ERROR_DUPLICATE,
  REEL_PLUGIN_ERROR_INIT,
  REEL_PLUGIN_ERROR_NOT_FOUND,
  REEL_PLUGIN_ERROR_UNAVAILABLE,
  REEL_PLUGIN_ERROR_PARAMS,
  REEL_PLUGIN_ERROR_FAILED,
} ReelPluginError;

typedef enum {
  REEL_COMPONENT_ANALYSER,
  REEL_COMPONENT_GENERATOR,
  REEL_COMPONENT_RENDERER,
  REEL_COMPONENT_EFFECT,
} ReelComponentKind;

#define REEL_N_COMPONENT_KINDS 4

typedef struct _ReelRegistry ReelRegistry;
typedef struct _ReelComponent ReelComponent;

REEL_API const gchar *reel_component_kind_to_string (ReelComponentKind kind);
REEL_API gboolean reel_component_kind_from_string (const gchar *name,
    ReelComponentKind *kind);

REEL_API ReelRegistry *reel_registry_new (void) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void reel_registry_free (ReelRegistry *registry);
REEL_API gboolean reel_registry_load_file (ReelRegistry *registry,
    const gchar *filename, GError **error);
REEL_API guint reel_registry_load_dir (ReelRegistry *registry,
    const gchar *dirname);
REEL_API void reel_registry_load_default (ReelRegistry *registry);
REEL_API ReelRegistry *reel_registry_get_default (void);

REEL_API guint reel_registry_get_n_plugins (ReelRegistry *registry);
REEL_API ReelPlugin *
reel_registry_get_plugin (ReelRegistry *registry, guint index);
REEL_API ReelPlugin *
reel_registry_find_plugin (ReelRegistry *registry, const gchar *name);
REEL_API guint reel_registry_get_n_load_errors (ReelRegistry *registry);
REEL_API const GError *reel_registry_get_load_error (ReelRegistry *registry,
    guint index, const gchar **filename);

REEL_API GPtrArray *reel_registry_list (ReelRegistry *registry,
    ReelComponentKind kind) G_GNUC_WARN_UNUSED_RESULT;
REEL_API ReelComponent *reel_registry_lookup (ReelRegistry *registry,
    ReelComponentKind kind, const gchar *name, GError **error);
REEL_API JsonNode *
reel_registry_to_json (ReelRegistry *registry) G_GNUC_WARN_UNUSED_RESULT;

REEL_API const gchar *reel_plugin_get_version (ReelPlugin *plugin);
REEL_API const gchar *reel_plugin_get_description (ReelPlugin *plugin);
REEL_API JsonNode *
reel_plugin_to_json (ReelPlugin *plugin) G_GNUC_WARN_UNUSED_RESULT;

REEL_API ReelComponentKind reel_component_get_kind (ReelComponent *component);
REEL_API const gchar *reel_component_get_name (ReelComponent *component);
REEL_API const gchar *reel_component_get_description (ReelComponent *component);
REEL_API ReelPlugin *reel_component_get_plugin (ReelComponent *component);
REEL_API ReelParamSchema *reel_component_get_params (ReelComponent *component);
REEL_API gboolean reel_component_is_available (ReelComponent *component,
    const gchar **reason);
REEL_API const ReelAnalyserInfo *
reel_component_get_analyser_info (ReelComponent *component);
REEL_API const gchar *const *
reel_component_get_requires (ReelComponent *component);
REEL_API JsonNode *
reel_component_to_json (ReelComponent *component) G_GNUC_WARN_UNUSED_RESULT;

REEL_API JsonObject *
reel_component_validate_params (ReelComponent *component, JsonNode *params,
    const gchar *path, ReelFieldErrors *errors) G_GNUC_WARN_UNUSED_RESULT;

/* Running components (see reel-contexts.c). */
REEL_API JsonObject *reel_component_generate (ReelComponent *component,
    JsonObject *params, GPtrArray *media, GPtrArray *analyses,
    GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API GstElement *reel_component_make_effect (ReelComponent *component,
    JsonObject *params, GError **error) G_GNUC_WARN_UNUSED_RESULT;
/**
 * ReelStoreFunc:
 * @name: a file name the analyser chose, e.g. `scene-003.jpg`
 * @bytes: the file's contents
 * @user_data: the store's data
 * @error: return location for a #GError
 *
 * Keeps a file an analyser made (a thumbnail, a waveform image).
 *
 * Returns: (transfer full): the URL or path the ANALYSIS document names it by
 */
typedef gchar *(*ReelStoreFunc) (const gchar *name, GBytes *bytes,
    gpointer user_data, GError **error);

REEL_API JsonNode *
reel_component_summarise (ReelComponent *component, JsonObject *params,
    GstClockTime duration, GPtrArray *messages, ReelStoreFunc store,
    gpointer store_data, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * ReelMediaResolveFunc:
 * @media_id: a media id named by the timeline
 * @user_data: the resolver's data
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a URI GStreamer can read the media from
 */
typedef gchar *(*ReelMediaResolveFunc) (const gchar *media_id,
    gpointer user_data, GError **error);
typedef void (*ReelProgressFunc) (gdouble fraction, gpointer user_data);

REEL_API gboolean reel_component_render (ReelComponent *component,
    JsonObject *params, JsonObject *timeline, JsonObject *output,
    const gchar *output_uri, ReelMediaResolveFunc resolve,
    gpointer resolve_data, ReelProgressFunc progress, gpointer progress_data,
    GCancellable *cancellable, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReelRegistry, reel_registry_free)

G_END_DECLS
