/* reel — running registered components: the opaque contexts the SDK's
 * callbacks receive (include/reel/reel-plugin.h) and the host calls that build
 * one, call the plugin and check what it returns. A plugin never sees the
 * host's structures, only these accessors, so they are the stable ABI. */
#include "reel-registry-private.h"

struct _ReelAnalyseContext {
  JsonObject *params;
  GstClockTime duration;
  GPtrArray *messages; /* GstStructure, unowned */
  gpointer user_data;
  ReelStoreFunc store;
  gpointer store_data;
};

struct _ReelGenerateContext {
  JsonObject *params;
  GPtrArray *media;    /* JsonObject, unowned */
  GPtrArray *analyses; /* JsonObject or NULL, unowned */
  gpointer user_data;
};

struct _ReelRenderContext {
  JsonObject *params;
  JsonObject *timeline;
  JsonObject *output;
  const gchar *output_uri;
  ReelMediaResolveFunc resolve;
  gpointer resolve_data;
  ReelProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
  gpointer user_data;
};

static gboolean
check_runnable (ReelComponent *component, ReelComponentKind kind,
    GError **error)
{
  if (component->kind != kind) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_NOT_FOUND,
        "'%s' is a %s, not a %s", component->name,
        reel_component_kind_to_string (component->kind),
        reel_component_kind_to_string (kind));
    return FALSE;
  }
  if (component->unavailable != NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_UNAVAILABLE,
        "%s '%s' cannot run: %s", reel_component_kind_to_string (kind),
        component->name, component->unavailable);
    return FALSE;
  }
  return TRUE;
}

/* A plugin that fails without saying why still gets a message naming it. */
static void
ensure_error (GError **error, GError *local, ReelComponent *component)
{
  if (local != NULL) {
    g_propagate_prefixed_error (error, local,
        "%s '%s': ", reel_component_kind_to_string (component->kind),
        component->name);
  } else {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_FAILED,
        "%s '%s' (plugin '%s') failed without giving a reason",
        reel_component_kind_to_string (component->kind), component->name,
        component->plugin->desc->name);
  }
}

/* ---- analysers ---------------------------------------------------------- */

JsonObject *
reel_analyse_context_get_params (ReelAnalyseContext *ctx)
{
  return ctx->params;
}

GstClockTime
reel_analyse_context_get_duration (ReelAnalyseContext *ctx)
{
  return ctx->duration;
}

guint
reel_analyse_context_get_n_messages (ReelAnalyseContext *ctx)
{
  return ctx->messages ? ctx->messages->len : 0;
}

/**
 * reel_analyse_context_get_message:
 *
 * Returns: (transfer none): the @index-th element message's structure
 */
const GstStructure *
reel_analyse_context_get_message (ReelAnalyseContext *ctx, guint index)
{
  g_return_val_if_fail (ctx->messages && index < ctx->messages->len, NULL);
  return g_ptr_array_index (ctx->messages, index);
}

gpointer
reel_analyse_context_get_user_data (ReelAnalyseContext *ctx)
{
  return ctx->user_data;
}

/**
 * reel_analyse_context_store:
 * @ctx: the context
 * @name: a file name, `[A-Za-z0-9._-]+`, unique within this analyser's run
 * @bytes: the file's contents
 * @error: return location for a #GError
 *
 * Keeps a file the analyser made (a thumbnail, say) beside the ANALYSIS
 * document.
 *
 * Returns: (transfer full): the URL or path to name the file by in the
 *   analyser's section
 */
gchar *
reel_analyse_context_store (ReelAnalyseContext *ctx, const gchar *name,
    GBytes *bytes, GError **error)
{
  g_return_val_if_fail (name != NULL && bytes != NULL, NULL);

  for (const gchar *c = name; *c; c++) {
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '_' && *c != '-') {
      g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
          "'%s' is not a valid file name for an analyser's output", name);
      return NULL;
    }
  }
  if (name[0] == '\0' || name[0] == '.') {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "'%s' is not a valid file name for an analyser's output", name);
    return NULL;
  }
  if (ctx->store == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_FAILED,
        "this host keeps no files for analysers (asked to keep '%s')", name);
    return NULL;
  }
  return ctx->store (name, bytes, ctx->store_data, error);
}

/**
 * reel_component_summarise:
 * @component: an analyser
 * @params: its validated parameters
 * @duration: the analysed stream's duration
 * @messages: (element-type GstStructure): the element messages its element
 *   posted, in order
 * @store: (nullable): keeps the files the analyser makes
 * @store_data: (nullable): @store's data
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the analyser's section of the ANALYSIS document
 */
JsonNode *
reel_component_summarise (ReelComponent *component, JsonObject *params,
    GstClockTime duration, GPtrArray *messages, ReelStoreFunc store,
    gpointer store_data, GError **error)
{
  ReelAnalyseContext ctx = { params, duration, messages, component->user_data,
    store, store_data };
  GError *local = NULL;
  JsonNode *result;

  if (!check_runnable (component, REEL_COMPONENT_ANALYSER, error))
    return NULL;
  result = component->info.analyser.summarise (&ctx, &local);
  if (result == NULL)
    ensure_error (error, local, component);
  return result;
}

/* ---- generators --------------------------------------------------------- */

JsonObject *
reel_generate_context_get_params (ReelGenerateContext *ctx)
{
  return ctx->params;
}

guint
reel_generate_context_get_n_inputs (ReelGenerateContext *ctx)
{
  return ctx->media->len;
}

/**
 * reel_generate_context_get_media:
 *
 * Returns: (transfer none): the @index-th input's MEDIA record
 */
JsonObject *
reel_generate_context_get_media (ReelGenerateContext *ctx, guint index)
{
  g_return_val_if_fail (index < ctx->media->len, NULL);
  return g_ptr_array_index (ctx->media, index);
}

/**
 * reel_generate_context_get_analysis:
 *
 * Returns: (transfer none) (nullable): the @index-th input's ANALYSIS
 *   document, when one was made
 */
JsonObject *
reel_generate_context_get_analysis (ReelGenerateContext *ctx, guint index)
{
  g_return_val_if_fail (index < ctx->media->len, NULL);
  if (ctx->analyses == NULL || index >= ctx->analyses->len)
    return NULL;
  return g_ptr_array_index (ctx->analyses, index);
}

gpointer
reel_generate_context_get_user_data (ReelGenerateContext *ctx)
{
  return ctx->user_data;
}

/**
 * reel_component_generate:
 * @component: a generator
 * @params: its validated parameters
 * @media: (element-type JsonObject): the inputs' MEDIA records
 * @analyses: (element-type JsonObject) (nullable): their ANALYSIS documents,
 *   in the same order (entries may be %NULL)
 * @error: return location for a #GError
 *
 * Runs the generator. The caller validates the TIMELINE it returns.
 *
 * Returns: (transfer full): the TIMELINE document
 */
JsonObject *
reel_component_generate (ReelComponent *component, JsonObject *params,
    GPtrArray *media, GPtrArray *analyses, GError **error)
{
  ReelGenerateContext ctx = { params, media, analyses, component->user_data };
  GError *local = NULL;
  JsonObject *timeline;

  g_return_val_if_fail (media != NULL, NULL);
  if (!check_runnable (component, REEL_COMPONENT_GENERATOR, error))
    return NULL;
  timeline = component->info.generator.generate (&ctx, &local);
  if (timeline == NULL)
    ensure_error (error, local, component);
  return timeline;
}

/* ---- renderers ---------------------------------------------------------- */

JsonObject *
reel_render_context_get_timeline (ReelRenderContext *ctx)
{
  return ctx->timeline;
}

JsonObject *
reel_render_context_get_output (ReelRenderContext *ctx)
{
  return ctx->output;
}

JsonObject *
reel_render_context_get_params (ReelRenderContext *ctx)
{
  return ctx->params;
}

const gchar *
reel_render_context_get_output_uri (ReelRenderContext *ctx)
{
  return ctx->output_uri;
}

/**
 * reel_render_context_resolve_media:
 *
 * Returns: (transfer full): a URI for the media the timeline calls @media_id
 */
gchar *
reel_render_context_resolve_media (ReelRenderContext *ctx,
    const gchar *media_id, GError **error)
{
  if (ctx->resolve == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_FAILED,
        "no media resolver: cannot find media '%s'", media_id);
    return NULL;
  }
  return ctx->resolve (media_id, ctx->resolve_data, error);
}

void
reel_render_context_report_progress (ReelRenderContext *ctx, gdouble fraction)
{
  if (ctx->progress != NULL)
    ctx->progress (CLAMP (fraction, 0.0, 1.0), ctx->progress_data);
}

/**
 * reel_render_context_get_cancellable:
 *
 * Returns: (transfer none) (nullable): cancelled when the job is
 */
GCancellable *
reel_render_context_get_cancellable (ReelRenderContext *ctx)
{
  return ctx->cancellable;
}

gpointer
reel_render_context_get_user_data (ReelRenderContext *ctx)
{
  return ctx->user_data;
}

/**
 * reel_component_render:
 *
 * Runs a renderer on @timeline with @output settings, writing @output_uri.
 *
 * Returns: %TRUE on success
 */
gboolean
reel_component_render (ReelComponent *component, JsonObject *params,
    JsonObject *timeline, JsonObject *output, const gchar *output_uri,
    ReelMediaResolveFunc resolve, gpointer resolve_data,
    ReelProgressFunc progress, gpointer progress_data,
    GCancellable *cancellable, GError **error)
{
  ReelRenderContext ctx = { params, timeline, output, output_uri, resolve,
    resolve_data, progress, progress_data, cancellable, component->user_data };
  GError *local = NULL;

  if (!check_runnable (component, REEL_COMPONENT_RENDERER, error))
    return FALSE;
  if (!component->info.renderer.render (&ctx, &local)) {
    ensure_error (error, local, component);
    return FALSE;
  }
  return TRUE;
}

/* ---- effects ------------------------------------------------------------ */

static gboolean
has_static_pad (GstElement *element, const gchar *name)
{
  g_autoptr (GstPad) pad = gst_element_get_static_pad (element, name);

  return pad != NULL;
}

/**
 * reel_component_make_effect:
 * @component: an effect
 * @params: its validated parameters
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the effect's element, with one sink and one src
 *   pad
 */
GstElement *
reel_component_make_effect (ReelComponent *component, JsonObject *params,
    GError **error)
{
  GError *local = NULL;
  GstElement *element;

  if (!check_runnable (component, REEL_COMPONENT_EFFECT, error))
    return NULL;
  element = component->info.effect.make_element (params, component->user_data,
      &local);
  if (element == NULL) {
    ensure_error (error, local, component);
    return NULL;
  }
  gst_object_ref_sink (element);
  if (!has_static_pad (element, "sink") || !has_static_pad (element, "src")) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_FAILED,
        "effect '%s' (plugin '%s') built an element without static 'sink' "
        "and 'src' pads",
        component->name, component->plugin->desc->name);
    gst_object_unref (element);
    return NULL;
  }
  return element;
}
