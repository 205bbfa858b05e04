/* reel — the plugin SDK: how a module declares itself and what it registers.
 *
 * A plugin is a shared module on REEL_PLUGIN_PATH that declares itself once
 * with REEL_PLUGIN_DEFINE (name, version, description, licence, init). When the
 * host loads it, it checks the ABI numbers stamped into the descriptor and
 * calls init, which registers components:
 *
 * - analysers: a GStreamer element fed one decoded stream, whose element
 *   messages a summarise function turns into a section of the ANALYSIS document;
 * - generators: read MEDIA and ANALYSIS documents, write a TIMELINE document;
 * - renderers: turn a TIMELINE into an output file;
 * - effects: build a GStreamer element from typed parameters.
 *
 * Each comes with a ReelParamSchema the host validates client input against,
 * and the list of GStreamer elements it needs (a component whose elements are
 * missing is listed as unavailable, with the reason). The callbacks receive
 * opaque contexts whose accessors are the stable ABI; the Info structs end in
 * reserved padding so later minor versions can grow them.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <reel/reel-version.h>
#include <reel/reel-param.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * ReelPlugin:
 *
 * The host's record of one loaded module, handed to its init function.
 * Owned by the host; never freed by a plugin.
 */
typedef struct _ReelPlugin ReelPlugin;

/**
 * ReelPluginInitFunc:
 * @plugin: the plugin being loaded
 * @error: return location for a #GError
 *
 * Registers the plugin's components. Returning %FALSE with @error set makes
 * the host drop the module (and whatever it registered) and report @error
 * against the module's file.
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*ReelPluginInitFunc) (ReelPlugin *plugin, GError **error);

/**
 * ReelPluginDesc:
 * @abi_major: %REEL_PLUGIN_ABI_MAJOR the plugin was built with
 * @abi_minor: %REEL_PLUGIN_ABI_MINOR the plugin was built with
 * @name: unique plugin name, `[a-z0-9-]+`
 * @version: the plugin's own version
 * @description: one line for `reel plugins`
 * @license: an SPDX licence identifier
 * @init: the registration function
 *
 * What REEL_PLUGIN_DEFINE exports under the symbol %REEL_PLUGIN_DESC_SYMBOL.
 */
typedef struct {
  guint32 abi_major;
  guint32 abi_minor;
  const gchar *name;
  const gchar *version;
  const gchar *description;
  const gchar *license;
  ReelPluginInitFunc init;
  /*< private >*/
  gpointer _reel_reserved[REEL_PADDING];
} ReelPluginDesc;

#define REEL_PLUGIN_DESC_SYMBOL "reel_plugin_desc"

/**
 * REEL_PLUGIN_DEFINE:
 * @name: the plugin's name, a string literal
 * @description: a one-line description
 * @version: the plugin's version string
 * @license: an SPDX licence identifier
 * @init: a #ReelPluginInitFunc
 *
 * Declares a module as a reel plugin. Use it once, at the foot of one source
 * file of the module.
 */
#define REEL_PLUGIN_DEFINE(name, description, version, license, init)          \
  G_BEGIN_DECLS                                                                \
  REEL_PLUGIN_EXPORT extern const ReelPluginDesc reel_plugin_desc;             \
  G_END_DECLS                                                                  \
  const ReelPluginDesc reel_plugin_desc = { REEL_PLUGIN_ABI_MAJOR,             \
    REEL_PLUGIN_ABI_MINOR, name, version, description, license, init,          \
    { NULL } };

REEL_API const gchar *reel_plugin_get_name (ReelPlugin *plugin);
REEL_API const gchar *reel_plugin_get_filename (ReelPlugin *plugin);

/**
 * ReelStreamType:
 * @REEL_STREAM_VIDEO: decoded raw video
 * @REEL_STREAM_AUDIO: decoded raw audio
 *
 * Which decoded stream an analyser consumes or an effect applies to.
 */
typedef enum {
  REEL_STREAM_VIDEO = 1,
  REEL_STREAM_AUDIO = 2,
} ReelStreamType;

/* ---- analysers ---------------------------------------------------------- */

/**
 * ReelAnalyseContext:
 *
 * What an analyser's summarise function sees once its element has processed
 * the whole stream: the validated parameters, the stream's duration and the
 * element messages the element posted, in order.
 */
typedef struct _ReelAnalyseContext ReelAnalyseContext;

REEL_API JsonObject *reel_analyse_context_get_params (ReelAnalyseContext *ctx);
REEL_API GstClockTime reel_analyse_context_get_duration (
    ReelAnalyseContext *ctx);
REEL_API guint reel_analyse_context_get_n_messages (ReelAnalyseContext *ctx);
REEL_API const GstStructure *
reel_analyse_context_get_message (ReelAnalyseContext *ctx, guint index);
REEL_API gpointer reel_analyse_context_get_user_data (ReelAnalyseContext *ctx);
REEL_API gchar *reel_analyse_context_store (ReelAnalyseContext *ctx,
    const gchar *name, GBytes *bytes, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * ReelAnalyserInfo:
 * @name: the analyser's name, also its key in the ANALYSIS document
 * @description: one line
 * @stream: the decoded stream it reads
 * @element: the GStreamer element factory the host inserts into the one
 *   decode pass; parameters whose names match the element's properties are set
 *   on it
 * @message: the name of the element messages it posts (the structure name)
 * @summarise: turns the collected messages into the analyser's JSON section
 *   (transfer full)
 *
 * Registered with reel_plugin_add_analyser(). The host copies it.
 */
typedef struct {
  const gchar *name;
  const gchar *description;
  ReelStreamType stream;
  const gchar *element;
  const gchar *message;
  JsonNode *(*summarise) (ReelAnalyseContext *ctx, GError **error);
  /*< private >*/
  gpointer _reel_reserved[REEL_PADDING];
} ReelAnalyserInfo;

/* ---- timeline generators ------------------------------------------------ */

/**
 * ReelGenerateContext:
 *
 * The inputs of one generation: each input's MEDIA record and, when the
 * generator asked for analyses, its ANALYSIS document, plus the validated
 * parameters.
 */
typedef struct _ReelGenerateContext ReelGenerateContext;

REEL_API JsonObject *
reel_generate_context_get_params (ReelGenerateContext *ctx);
REEL_API guint reel_generate_context_get_n_inputs (ReelGenerateContext *ctx);
REEL_API JsonObject *
reel_generate_context_get_media (ReelGenerateContext *ctx, guint index);
REEL_API JsonObject *
reel_generate_context_get_analysis (ReelGenerateContext *ctx, guint index);
REEL_API gpointer reel_generate_context_get_user_data (
    ReelGenerateContext *ctx);

/**
 * ReelGeneratorInfo:
 * @name: the generator's name as clients give it
 * @description: one line
 * @requires: (array zero-terminated=1) (nullable): the analysers whose
 *   sections it reads, so an edit runs only those
 * @generate: returns a TIMELINE document (transfer full); the host validates it
 *
 * Registered with reel_plugin_add_generator(). The host copies it.
 */
typedef struct {
  const gchar *name;
  const gchar *description;
  const gchar *const *requires;
  JsonObject *(*generate) (ReelGenerateContext *ctx, GError **error);
  /*< private >*/
  gpointer _reel_reserved[REEL_PADDING];
} ReelGeneratorInfo;

/* ---- renderers ---------------------------------------------------------- */

/**
 * ReelRenderContext:
 *
 * One render: the TIMELINE, the output settings (a preset merged with the
 * client's overrides), where to write, how to find each media's bytes, and
 * where to report progress and look for cancellation.
 */
typedef struct _ReelRenderContext ReelRenderContext;

REEL_API JsonObject *reel_render_context_get_timeline (ReelRenderContext *ctx);
REEL_API JsonObject *reel_render_context_get_output (ReelRenderContext *ctx);
REEL_API JsonObject *reel_render_context_get_params (ReelRenderContext *ctx);
REEL_API const gchar *
reel_render_context_get_output_uri (ReelRenderContext *ctx);
REEL_API gchar *reel_render_context_resolve_media (ReelRenderContext *ctx,
    const gchar *media_id, GError **error) G_GNUC_WARN_UNUSED_RESULT;
REEL_API void
reel_render_context_report_progress (ReelRenderContext *ctx, gdouble fraction);
REEL_API GCancellable *
reel_render_context_get_cancellable (ReelRenderContext *ctx);
REEL_API gpointer reel_render_context_get_user_data (ReelRenderContext *ctx);

/**
 * ReelRendererInfo:
 * @name: the renderer's name
 * @description: one line
 * @render: writes the output; returns %FALSE with @error set on failure
 *
 * Registered with reel_plugin_add_renderer(). The host copies it.
 */
typedef struct {
  const gchar *name;
  const gchar *description;
  gboolean (*render) (ReelRenderContext *ctx, GError **error);
  /*< private >*/
  gpointer _reel_reserved[REEL_PADDING];
} ReelRendererInfo;

/* ---- effects ------------------------------------------------------------ */

/**
 * ReelEffectInfo:
 * @name: the effect's name as a timeline names it
 * @description: one line
 * @stream: the stream it applies to
 * @make_element: builds the element (or bin, with one sink and one src pad)
 *   from validated parameters (transfer floating or full)
 *
 * Registered with reel_plugin_add_effect(). The host copies it. An effect is
 * always built by its own code from typed parameters, never from a string a
 * client sent.
 */
typedef struct {
  const gchar *name;
  const gchar *description;
  ReelStreamType stream;
  GstElement *(
      *make_element) (JsonObject *params, gpointer user_data, GError **error);
  /*< private >*/
  gpointer _reel_reserved[REEL_PADDING];
} ReelEffectInfo;

/* ---- registration (call from the plugin's init) ------------------------- */

/**
 * reel_plugin_add_analyser:
 * @plugin: the plugin being initialised
 * @info: the analyser (copied; the strings must outlive the plugin, as string
 *   literals do)
 * @params: (transfer none) (nullable): its parameters
 * @elements: (array zero-terminated=1) (nullable): GStreamer element
 *   factories it needs besides @info->element
 * @user_data: (nullable): handed to its callbacks
 * @error: return location for a #GError
 *
 * Registers an analyser. Fails when the name is taken or invalid; pass the
 * error back from init.
 *
 * Returns: %TRUE on success
 */
REEL_API gboolean reel_plugin_add_analyser (ReelPlugin *plugin,
    const ReelAnalyserInfo *info, ReelParamSchema *params,
    const gchar *const *elements, gpointer user_data, GError **error);
REEL_API gboolean reel_plugin_add_generator (ReelPlugin *plugin,
    const ReelGeneratorInfo *info, ReelParamSchema *params, gpointer user_data,
    GError **error);
REEL_API gboolean reel_plugin_add_renderer (ReelPlugin *plugin,
    const ReelRendererInfo *info, ReelParamSchema *params,
    const gchar *const *elements, gpointer user_data, GError **error);
REEL_API gboolean reel_plugin_add_effect (ReelPlugin *plugin,
    const ReelEffectInfo *info, ReelParamSchema *params,
    const gchar *const *elements, gpointer user_data, GError **error);

G_END_DECLS
