/* reel — the plugin host: loading modules, checking them, keeping what they
 * register, and listing it. See reel-registry.h for the rules. */
#include "reel-registry-private.h"
#include "reel-param-private.h"
#include "reel-paths.h"

#include <gmodule.h>
#include <string.h>

struct _ReelRegistry {
  GPtrArray *plugins;                            /* ReelPlugin, owned */
  GPtrArray *components[REEL_N_COMPONENT_KINDS]; /* ReelComponent */
  GPtrArray *load_errors;                        /* LoadError */
  GHashTable *seen_files;                        /* canonical path → TRUE */
};

typedef struct {
  gchar *filename;
  GError *error;
} LoadError;

G_DEFINE_QUARK (reel_plugin_error_quark, reel_plugin_error)

static const gchar *const kind_names[REEL_N_COMPONENT_KINDS] = {
  "analyser",
  "generator",
  "renderer",
  "effect",
};

static const gchar *const kind_plurals[REEL_N_COMPONENT_KINDS] = {
  "analysers",
  "generators",
  "renderers",
  "effects",
};

const gchar *
reel_component_kind_to_string (ReelComponentKind kind)
{
  g_return_val_if_fail (kind < REEL_N_COMPONENT_KINDS, NULL);
  return kind_names[kind];
}

gboolean
reel_component_kind_from_string (const gchar *name, ReelComponentKind *kind)
{
  for (guint i = 0; i < REEL_N_COMPONENT_KINDS; i++) {
    if (g_strcmp0 (name, kind_names[i]) == 0
        || g_strcmp0 (name, kind_plurals[i]) == 0) {
      *kind = i;
      return TRUE;
    }
  }
  return FALSE;
}

static void
component_free (gpointer data)
{
  ReelComponent *c = data;

  g_free (c->name);
  g_free (c->description);
  g_clear_pointer (&c->params, reel_param_schema_unref);
  g_strfreev (c->elements);
  g_strfreev (c->requires);
  g_free (c->unavailable);
  g_free (c);
}

static void
plugin_free (gpointer data)
{
  ReelPlugin *p = data;

  g_free (p->filename);
  /* Modules stay resident: GLib cannot unload the types they register. */
  g_ptr_array_unref (p->components);
  g_free (p);
}

static void
load_error_free (gpointer data)
{
  LoadError *le = data;

  g_free (le->filename);
  g_clear_error (&le->error);
  g_free (le);
}

/**
 * reel_registry_new:
 *
 * Returns: (transfer full): an empty registry; load modules into it with
 *   reel_registry_load_default() or reel_registry_load_file()
 */
ReelRegistry *
reel_registry_new (void)
{
  ReelRegistry *r = g_new0 (ReelRegistry, 1);

  r->plugins = g_ptr_array_new_with_free_func (plugin_free);
  for (guint i = 0; i < REEL_N_COMPONENT_KINDS; i++)
    r->components[i] = g_ptr_array_new_with_free_func (component_free);
  r->load_errors = g_ptr_array_new_with_free_func (load_error_free);
  r->seen_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return r;
}

void
reel_registry_free (ReelRegistry *registry)
{
  if (registry == NULL)
    return;
  for (guint i = 0; i < REEL_N_COMPONENT_KINDS; i++)
    g_ptr_array_unref (registry->components[i]);
  g_ptr_array_unref (registry->plugins);
  g_ptr_array_unref (registry->load_errors);
  g_hash_table_unref (registry->seen_files);
  g_free (registry);
}

static gboolean
check_descriptor (const ReelPluginDesc *desc, const gchar *filename,
    GError **error)
{
  if (desc->abi_major != REEL_PLUGIN_ABI_MAJOR) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_ABI,
        "%s: built for reel plugin ABI %u.%u, but this reel (%s) speaks ABI "
        "%d.%d; rebuild the plugin against reel-plugin-1",
        filename, desc->abi_major, desc->abi_minor, REEL_VERSION_STRING,
        REEL_PLUGIN_ABI_MAJOR, REEL_PLUGIN_ABI_MINOR);
    return FALSE;
  }
  if (desc->abi_minor > REEL_PLUGIN_ABI_MINOR) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_ABI,
        "%s: built for reel plugin ABI %u.%u, newer than this reel's %d.%d; "
        "upgrade reel or rebuild the plugin against this version",
        filename, desc->abi_major, desc->abi_minor, REEL_PLUGIN_ABI_MAJOR,
        REEL_PLUGIN_ABI_MINOR);
    return FALSE;
  }
  if (!reel_param_name_is_valid (desc->name) || strchr (desc->name, '_')) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "%s: invalid plugin name '%s' (use lower-case letters, digits and "
        "'-')",
        filename, desc->name ? desc->name : "(null)");
    return FALSE;
  }
  if (desc->init == NULL || desc->version == NULL
      || desc->description == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "%s: plugin '%s' has no %s", filename, desc->name,
        desc->init == NULL      ? "init function"
        : desc->version == NULL ? "version"
                                : "description");
    return FALSE;
  }
  return TRUE;
}

static void
drop_components_of (ReelRegistry *registry, ReelPlugin *plugin)
{
  for (guint k = 0; k < REEL_N_COMPONENT_KINDS; k++) {
    GPtrArray *list = registry->components[k];

    for (guint i = list->len; i > 0; i--) {
      ReelComponent *c = g_ptr_array_index (list, i - 1);

      if (c->plugin == plugin)
        g_ptr_array_remove_index (list, i - 1);
    }
  }
}

/* A module may also be a GStreamer plugin (GST_PLUGIN_DEFINE, file named
 * libgst<name>.so) that brings the elements its analysers and effects use,
 * so that gst-inspect-1.0 and gst-launch-1.0 see them too. Its elements are
 * registered before the reel plugin's init runs, so init can rely on them. */
static gboolean
load_gst_elements (GModule *module, const gchar *filename, GError **error)
{
  g_autofree gchar *base = g_path_get_basename (filename);
  g_autofree gchar *name = NULL;
  g_autofree gchar *symbol = NULL;
  g_autoptr (GError) gst_error = NULL;
  g_autoptr (GstPlugin) gst_plugin = NULL;
  gpointer desc = NULL;
  gchar *dot;

  if (!g_str_has_prefix (base, "libgst"))
    return TRUE;
  name = g_strdup (base + strlen ("libgst"));
  dot = strchr (name, '.');
  if (dot != NULL)
    *dot = '\0';
  g_strdelimit (name, "-", '_');
  symbol = g_strdup_printf ("gst_plugin_%s_get_desc", name);
  if (!g_module_symbol (module, symbol, &desc))
    return TRUE;

  gst_plugin = gst_plugin_load_file (filename, &gst_error);
  if (gst_plugin == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_OPEN,
        "%s: its GStreamer elements cannot be registered: %s", filename,
        gst_error ? gst_error->message : "unknown error");
    return FALSE;
  }
  return TRUE;
}

/**
 * reel_registry_load_file:
 * @registry: a registry
 * @filename: a plugin module
 * @error: return location for a #GError
 *
 * Loads one module and runs its init. On failure nothing of the module stays
 * registered and @error names @filename and what was wrong.
 *
 * Returns: %TRUE when the plugin was loaded
 */
gboolean
reel_registry_load_file (ReelRegistry *registry, const gchar *filename,
    GError **error)
{
  g_autofree gchar *canonical = NULL;
  g_autoptr (GError) init_error = NULL;
  GModule *module;
  gpointer symbol = NULL;
  const ReelPluginDesc *desc;
  ReelPlugin *plugin;
  ReelPlugin *other;

  g_return_val_if_fail (registry != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  canonical = g_canonicalize_filename (filename, NULL);
  if (g_hash_table_contains (registry->seen_files, canonical))
    return TRUE;

  module = g_module_open (filename, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_OPEN,
        "%s: cannot be loaded as a plugin: %s", filename, g_module_error ());
    return FALSE;
  }
  if (!g_module_symbol (module, REEL_PLUGIN_DESC_SYMBOL, &symbol)
      || symbol == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_NO_DESCRIPTOR,
        "%s: not a reel plugin (no '%s' symbol; declare the plugin with "
        "REEL_PLUGIN_DEFINE)",
        filename, REEL_PLUGIN_DESC_SYMBOL);
    g_module_close (module);
    return FALSE;
  }
  desc = symbol;
  if (!check_descriptor (desc, filename, error)) {
    g_module_close (module);
    return FALSE;
  }
  other = reel_registry_find_plugin (registry, desc->name);
  if (other != NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_DUPLICATE,
        "%s: a plugin named '%s' is already loaded from %s; remove one of "
        "them from the plugin path",
        filename, desc->name, other->filename);
    g_module_close (module);
    return FALSE;
  }

  if (!load_gst_elements (module, filename, error)) {
    g_module_close (module);
    return FALSE;
  }

  plugin = g_new0 (ReelPlugin, 1);
  plugin->registry = registry;
  plugin->filename = g_strdup (filename);
  plugin->module = module;
  plugin->desc = desc;
  plugin->components = g_ptr_array_new ();
  g_ptr_array_add (registry->plugins, plugin);

  if (!desc->init (plugin, &init_error)) {
    drop_components_of (registry, plugin);
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INIT,
        "%s: plugin '%s' failed to initialise: %s", filename, desc->name,
        init_error ? init_error->message : "(its init gave no reason)");
    g_ptr_array_remove (registry->plugins, plugin);
    g_module_close (module);
    return FALSE;
  }

  /* Plugins may register GTypes and GStreamer elements: never unload. */
  g_module_make_resident (module);
  g_hash_table_add (registry->seen_files, g_steal_pointer (&canonical));
  g_debug ("loaded plugin %s %s from %s", desc->name, desc->version, filename);
  return TRUE;
}

static void
record_load_error (ReelRegistry *registry, const gchar *filename, GError *error)
{
  LoadError *le = g_new0 (LoadError, 1);

  g_warning ("%s", error->message);
  le->filename = g_strdup (filename);
  le->error = error;
  g_ptr_array_add (registry->load_errors, le);
}

/* Copying with g_ptr_array_copy would copy the free function too: these
 * views own nothing. */
static GPtrArray *
copy_unowned (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_sized_new (array->len);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (array, i));
  return copy;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar *const *) a, *(const gchar *const *) b);
}

static void
collect_modules (const gchar *dirname, guint depth, GPtrArray *paths)
{
  g_autoptr (GDir) dir = g_dir_open (dirname, 0, NULL);
  const gchar *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL) {
    g_autofree gchar *path = g_build_filename (dirname, name, NULL);

    if (name[0] == '.')
      continue;
    if (g_file_test (path, G_FILE_TEST_IS_DIR)) {
      /* meson's object folders (`*.p`) hold no modules */
      if (depth > 0 && !g_str_has_suffix (name, ".p"))
        collect_modules (path, depth - 1, paths);
    } else if (g_str_has_suffix (name, "." G_MODULE_SUFFIX)
               && g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  }
}

/**
 * reel_registry_load_dir:
 * @registry: a registry
 * @dirname: a folder of plugin modules
 *
 * Loads every module (`*.so`) in @dirname and its subfolders (two levels
 * down, as a build tree lays them out), in path order. Modules that are
 * refused are recorded as load errors (and logged); the others load.
 *
 * Returns: how many plugins were loaded
 */
guint
reel_registry_load_dir (ReelRegistry *registry, const gchar *dirname)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint loaded = 0;

  collect_modules (dirname, 2, paths);
  g_ptr_array_sort (paths, compare_strings);

  for (guint i = 0; i < paths->len; i++) {
    const gchar *path = g_ptr_array_index (paths, i);
    g_autofree gchar *canonical = g_canonicalize_filename (path, NULL);
    GError *error = NULL;

    if (g_hash_table_contains (registry->seen_files, canonical))
      continue;
    if (reel_registry_load_file (registry, path, &error))
      loaded++;
    else
      record_load_error (registry, path, error);
  }
  return loaded;
}

/**
 * reel_registry_load_default:
 * @registry: a registry
 *
 * Loads the folders on `REEL_PLUGIN_PATH` (colon-separated, in order), then
 * the build tree's plugin folder when this program runs from the build tree,
 * else the installed plugin folder. `REEL_NO_SYSTEM_PLUGINS=1` leaves out the
 * last two (tests use it to load only what they name).
 */
void
reel_registry_load_default (ReelRegistry *registry)
{
  const gchar *path = g_getenv ("REEL_PLUGIN_PATH");

  if (path != NULL) {
    g_auto (GStrv) dirs = g_strsplit (path, G_SEARCHPATH_SEPARATOR_S, -1);

    for (guint i = 0; dirs[i] != NULL; i++) {
      if (dirs[i][0] != '\0')
        reel_registry_load_dir (registry, dirs[i]);
    }
  }
  if (g_strcmp0 (g_getenv ("REEL_NO_SYSTEM_PLUGINS"), "1") == 0)
    return;
  reel_registry_load_dir (registry, reel_get_plugin_dir ());
}

/**
 * reel_registry_get_default:
 *
 * Returns: (transfer none): the process's registry, loaded with
 *   reel_registry_load_default() on first use
 */
ReelRegistry *
reel_registry_get_default (void)
{
  static ReelRegistry *registry;

  if (g_once_init_enter (&registry)) {
    ReelRegistry *r = reel_registry_new ();

    reel_registry_load_default (r);
    g_once_init_leave (&registry, r);
  }
  return registry;
}

guint
reel_registry_get_n_plugins (ReelRegistry *registry)
{
  return registry->plugins->len;
}

/**
 * reel_registry_get_plugin:
 *
 * Returns: (transfer none): the @index-th loaded plugin
 */
ReelPlugin *
reel_registry_get_plugin (ReelRegistry *registry, guint index)
{
  g_return_val_if_fail (index < registry->plugins->len, NULL);
  return g_ptr_array_index (registry->plugins, index);
}

/**
 * reel_registry_find_plugin:
 *
 * Returns: (transfer none) (nullable): the plugin called @name
 */
ReelPlugin *
reel_registry_find_plugin (ReelRegistry *registry, const gchar *name)
{
  for (guint i = 0; i < registry->plugins->len; i++) {
    ReelPlugin *p = g_ptr_array_index (registry->plugins, i);

    if (g_strcmp0 (p->desc->name, name) == 0)
      return p;
  }
  return NULL;
}

guint
reel_registry_get_n_load_errors (ReelRegistry *registry)
{
  return registry->load_errors->len;
}

/**
 * reel_registry_get_load_error:
 * @filename: (out) (optional) (transfer none): the refused module
 *
 * Returns: (transfer none): why the @index-th refused module was refused
 */
const GError *
reel_registry_get_load_error (ReelRegistry *registry, guint index,
    const gchar **filename)
{
  LoadError *le;

  g_return_val_if_fail (index < registry->load_errors->len, NULL);
  le = g_ptr_array_index (registry->load_errors, index);
  if (filename != NULL)
    *filename = le->filename;
  return le->error;
}

static gint
compare_component_names (gconstpointer a, gconstpointer b)
{
  const ReelComponent *ca = *(ReelComponent *const *) a;
  const ReelComponent *cb = *(ReelComponent *const *) b;

  return strcmp (ca->name, cb->name);
}

/**
 * reel_registry_list:
 *
 * Returns: (transfer container) (element-type ReelComponent): the
 *   components of @kind, sorted by name
 */
GPtrArray *
reel_registry_list (ReelRegistry *registry, ReelComponentKind kind)
{
  GPtrArray *list;

  g_return_val_if_fail (kind < REEL_N_COMPONENT_KINDS, NULL);
  list = copy_unowned (registry->components[kind]);
  g_ptr_array_sort (list, compare_component_names);
  return list;
}

static ReelComponent *
find_component (ReelRegistry *registry, ReelComponentKind kind,
    const gchar *name)
{
  GPtrArray *list = registry->components[kind];

  for (guint i = 0; i < list->len; i++) {
    ReelComponent *c = g_ptr_array_index (list, i);

    if (g_strcmp0 (c->name, name) == 0)
      return c;
  }
  return NULL;
}

/**
 * reel_registry_lookup:
 * @error: set when there is no such component, naming those there are
 *
 * Returns: (transfer none) (nullable): the component
 */
ReelComponent *
reel_registry_lookup (ReelRegistry *registry, ReelComponentKind kind,
    const gchar *name, GError **error)
{
  ReelComponent *c;
  g_autoptr (GString) known = NULL;
  g_autoptr (GPtrArray) sorted = NULL;

  g_return_val_if_fail (registry != NULL, NULL);
  g_return_val_if_fail (kind < REEL_N_COMPONENT_KINDS, NULL);

  c = find_component (registry, kind, name);
  if (c != NULL)
    return c;

  known = g_string_new (NULL);
  sorted = copy_unowned (registry->components[kind]);
  g_ptr_array_sort (sorted, compare_component_names);
  for (guint i = 0; i < sorted->len; i++) {
    ReelComponent *k = g_ptr_array_index (sorted, i);

    g_string_append_printf (known, "%s%s", i ? ", " : "", k->name);
  }
  g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_NOT_FOUND,
      "no %s named '%s'; %s%s", kind_names[kind], name ? name : "(null)",
      known->len ? "available: " : "no plugin provides any",
      known->len ? known->str : "");
  return NULL;
}

/* ---- registration ------------------------------------------------------- */

static ReelComponent *
add_component (ReelPlugin *plugin, ReelComponentKind kind, const gchar *name,
    const gchar *description, ReelParamSchema *params,
    const gchar *const *elements, const gchar *extra_element,
    gpointer user_data, GError **error)
{
  ReelRegistry *registry;
  ReelComponent *c;
  ReelComponent *other;
  g_autoptr (GStrvBuilder) eb = g_strv_builder_new ();

  g_return_val_if_fail (plugin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  registry = plugin->registry;

  if (!reel_param_name_is_valid (name) || strchr (name, '_')) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "invalid %s name '%s' (use lower-case letters, digits and '-')",
        kind_names[kind], name ? name : "(null)");
    return NULL;
  }
  if (description == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "%s '%s' has no description", kind_names[kind], name);
    return NULL;
  }
  other = find_component (registry, kind, name);
  if (other != NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_DUPLICATE,
        "%s '%s' is already registered by plugin '%s' (%s)", kind_names[kind],
        name, other->plugin->desc->name, other->plugin->filename);
    return NULL;
  }

  c = g_new0 (ReelComponent, 1);
  c->kind = kind;
  c->plugin = plugin;
  c->name = g_strdup (name);
  c->description = g_strdup (description);
  c->params =
      params ? reel_param_schema_ref (params) : reel_param_schema_new ();
  c->user_data = user_data;

  if (extra_element != NULL)
    g_strv_builder_add (eb, extra_element);
  for (guint i = 0; elements != NULL && elements[i] != NULL; i++)
    g_strv_builder_add (eb, elements[i]);
  c->elements = g_strv_builder_end (eb);

  for (guint i = 0; c->elements[i] != NULL; i++) {
    g_autoptr (GstElementFactory) f = gst_element_factory_find (c->elements[i]);

    if (f == NULL) {
      c->unavailable = g_strdup_printf ("the GStreamer element '%s' is not "
                                        "installed",
          c->elements[i]);
      break;
    }
  }

  g_ptr_array_add (registry->components[kind], c);
  g_ptr_array_add (plugin->components, c);
  return c;
}

/**
 * reel_plugin_add_analyser:
 *
 * See include/reel/reel-plugin.h.
 */
gboolean
reel_plugin_add_analyser (ReelPlugin *plugin, const ReelAnalyserInfo *info,
    ReelParamSchema *params, const gchar *const *elements, gpointer user_data,
    GError **error)
{
  ReelComponent *c;

  g_return_val_if_fail (info != NULL, FALSE);
  if (info->element == NULL || info->summarise == NULL
      || (info->stream != REEL_STREAM_VIDEO
          && info->stream != REEL_STREAM_AUDIO)) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "analyser '%s' needs an element, a stream type and a summarise "
        "function",
        info->name ? info->name : "(null)");
    return FALSE;
  }
  c = add_component (plugin, REEL_COMPONENT_ANALYSER, info->name,
      info->description, params, elements, info->element, user_data, error);
  if (c == NULL)
    return FALSE;
  c->info.analyser = *info;
  return TRUE;
}

/**
 * reel_plugin_add_generator:
 *
 * See include/reel/reel-plugin.h.
 */
gboolean
reel_plugin_add_generator (ReelPlugin *plugin, const ReelGeneratorInfo *info,
    ReelParamSchema *params, gpointer user_data, GError **error)
{
  ReelComponent *c;

  g_return_val_if_fail (info != NULL, FALSE);
  if (info->generate == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "generator '%s' has no generate function",
        info->name ? info->name : "(null)");
    return FALSE;
  }
  c = add_component (plugin, REEL_COMPONENT_GENERATOR, info->name,
      info->description, params, NULL, NULL, user_data, error);
  if (c == NULL)
    return FALSE;
  c->info.generator = *info;
  c->requires = g_strdupv ((gchar **) info->requires);
  if (c->requires == NULL)
    c->requires = g_new0 (gchar *, 1);
  return TRUE;
}

/**
 * reel_plugin_add_renderer:
 *
 * See include/reel/reel-plugin.h.
 */
gboolean
reel_plugin_add_renderer (ReelPlugin *plugin, const ReelRendererInfo *info,
    ReelParamSchema *params, const gchar *const *elements, gpointer user_data,
    GError **error)
{
  ReelComponent *c;

  g_return_val_if_fail (info != NULL, FALSE);
  if (info->render == NULL) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "renderer '%s' has no render function",
        info->name ? info->name : "(null)");
    return FALSE;
  }
  c = add_component (plugin, REEL_COMPONENT_RENDERER, info->name,
      info->description, params, elements, NULL, user_data, error);
  if (c == NULL)
    return FALSE;
  c->info.renderer = *info;
  return TRUE;
}

/**
 * reel_plugin_add_effect:
 *
 * See include/reel/reel-plugin.h.
 */
gboolean
reel_plugin_add_effect (ReelPlugin *plugin, const ReelEffectInfo *info,
    ReelParamSchema *params, const gchar *const *elements, gpointer user_data,
    GError **error)
{
  ReelComponent *c;

  g_return_val_if_fail (info != NULL, FALSE);
  if (info->make_element == NULL
      || (info->stream != REEL_STREAM_VIDEO
          && info->stream != REEL_STREAM_AUDIO)) {
    g_set_error (error, REEL_PLUGIN_ERROR, REEL_PLUGIN_ERROR_INVALID,
        "effect '%s' needs a stream type and a make_element function",
        info->name ? info->name : "(null)");
    return FALSE;
  }
  c = add_component (plugin, REEL_COMPONENT_EFFECT, info->name,
      info->description, params, elements, NULL, user_data, error);
  if (c == NULL)
    return FALSE;
  c->info.effect = *info;
  return TRUE;
}

/* ---- accessors and listing ---------------------------------------------- */

const gchar *
reel_plugin_get_name (ReelPlugin *plugin)
{
  g_return_val_if_fail (plugin != NULL, NULL);
  return plugin->desc->name;
}

const gchar *
reel_plugin_get_filename (ReelPlugin *plugin)
{
  g_return_val_if_fail (plugin != NULL, NULL);
  return plugin->filename;
}

const gchar *
reel_plugin_get_version (ReelPlugin *plugin)
{
  g_return_val_if_fail (plugin != NULL, NULL);
  return plugin->desc->version;
}

const gchar *
reel_plugin_get_description (ReelPlugin *plugin)
{
  g_return_val_if_fail (plugin != NULL, NULL);
  return plugin->desc->description;
}

ReelComponentKind
reel_component_get_kind (ReelComponent *component)
{
  return component->kind;
}

const gchar *
reel_component_get_name (ReelComponent *component)
{
  return component->name;
}

const gchar *
reel_component_get_description (ReelComponent *component)
{
  return component->description;
}

/**
 * reel_component_get_plugin:
 *
 * Returns: (transfer none): the plugin that registered @component
 */
ReelPlugin *
reel_component_get_plugin (ReelComponent *component)
{
  return component->plugin;
}

/**
 * reel_component_get_params:
 *
 * Returns: (transfer none): the component's parameter schema
 */
ReelParamSchema *
reel_component_get_params (ReelComponent *component)
{
  return component->params;
}

/**
 * reel_component_is_available:
 * @reason: (out) (optional) (transfer none): why not, when it is not
 *
 * Returns: whether every GStreamer element the component needs is installed
 */
gboolean
reel_component_is_available (ReelComponent *component, const gchar **reason)
{
  if (reason != NULL)
    *reason = component->unavailable;
  return component->unavailable == NULL;
}

/**
 * reel_component_get_analyser_info:
 *
 * Returns: (transfer none) (nullable): the analyser's info, %NULL for other
 *   kinds
 */
const ReelAnalyserInfo *
reel_component_get_analyser_info (ReelComponent *component)
{
  if (component->kind != REEL_COMPONENT_ANALYSER)
    return NULL;
  return &component->info.analyser;
}

/**
 * reel_component_get_requires:
 *
 * Returns: (transfer none) (array zero-terminated=1): the analyses a
 *   generator reads (empty for other kinds)
 */
const gchar *const *
reel_component_get_requires (ReelComponent *component)
{
  static const gchar *const none[] = { NULL };

  if (component->requires == NULL)
    return none;
  return (const gchar *const *) component->requires;
}

/**
 * reel_component_validate_params:
 *
 * Validates @params against the component's schema; see
 * reel_param_schema_validate().
 *
 * Returns: (transfer full) (nullable): the checked parameters with defaults
 */
JsonObject *
reel_component_validate_params (ReelComponent *component, JsonNode *params,
    const gchar *path, ReelFieldErrors *errors)
{
  return reel_param_schema_validate (component->params, params, path, errors);
}

static void
add_strv (JsonBuilder *b, const gchar *member, gchar **strv)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

static const gchar *
stream_name (ReelStreamType stream)
{
  return stream == REEL_STREAM_AUDIO ? "audio" : "video";
}

/**
 * reel_component_to_json:
 *
 * Returns: (transfer full): the component as the API lists it: name, kind,
 *   description, plugin, parameter JSON Schema, GStreamer elements,
 *   availability, and what is particular to its kind
 */
JsonNode *
reel_component_to_json (ReelComponent *c)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, c->name);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind_names[c->kind]);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, c->description);
  json_builder_set_member_name (b, "plugin");
  json_builder_add_string_value (b, c->plugin->desc->name);
  switch (c->kind) {
    case REEL_COMPONENT_ANALYSER:
      json_builder_set_member_name (b, "stream");
      json_builder_add_string_value (b, stream_name (c->info.analyser.stream));
      json_builder_set_member_name (b, "element");
      json_builder_add_string_value (b, c->info.analyser.element);
      if (c->info.analyser.message != NULL) {
        json_builder_set_member_name (b, "message");
        json_builder_add_string_value (b, c->info.analyser.message);
      }
      break;
    case REEL_COMPONENT_GENERATOR:
      add_strv (b, "requires", c->requires);
      break;
    case REEL_COMPONENT_EFFECT:
      json_builder_set_member_name (b, "stream");
      json_builder_add_string_value (b, stream_name (c->info.effect.stream));
      break;
    case REEL_COMPONENT_RENDERER:
      break;
  }
  add_strv (b, "elements", c->elements);
  json_builder_set_member_name (b, "available");
  json_builder_add_boolean_value (b, c->unavailable == NULL);
  if (c->unavailable != NULL) {
    json_builder_set_member_name (b, "unavailable_reason");
    json_builder_add_string_value (b, c->unavailable);
  }
  json_builder_set_member_name (b, "params");
  json_builder_add_value (b, reel_param_schema_to_json_schema (c->params));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * reel_plugin_to_json:
 *
 * Returns: (transfer full): the plugin with its components by kind
 */
JsonNode *
reel_plugin_to_json (ReelPlugin *plugin)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree gchar *abi = g_strdup_printf ("%u.%u", plugin->desc->abi_major,
      plugin->desc->abi_minor);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, plugin->desc->name);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, plugin->desc->version);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, plugin->desc->description);
  json_builder_set_member_name (b, "license");
  if (plugin->desc->license != NULL)
    json_builder_add_string_value (b, plugin->desc->license);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "abi");
  json_builder_add_string_value (b, abi);
  json_builder_set_member_name (b, "filename");
  json_builder_add_string_value (b, plugin->filename);
  for (guint k = 0; k < REEL_N_COMPONENT_KINDS; k++) {
    g_autoptr (GPtrArray) sorted = g_ptr_array_new ();

    for (guint i = 0; i < plugin->components->len; i++) {
      ReelComponent *c = g_ptr_array_index (plugin->components, i);

      if (c->kind == k)
        g_ptr_array_add (sorted, c);
    }
    g_ptr_array_sort (sorted, compare_component_names);
    json_builder_set_member_name (b, kind_plurals[k]);
    json_builder_begin_array (b);
    for (guint i = 0; i < sorted->len; i++)
      json_builder_add_value (b,
          reel_component_to_json (g_ptr_array_index (sorted, i)));
    json_builder_end_array (b);
  }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gint
compare_plugin_names (gconstpointer a, gconstpointer b)
{
  const ReelPlugin *pa = *(ReelPlugin *const *) a;
  const ReelPlugin *pb = *(ReelPlugin *const *) b;

  return strcmp (pa->desc->name, pb->desc->name);
}

/**
 * reel_registry_to_json:
 *
 * Returns: (transfer full): `{"plugins":[…],"errors":[{"file","message"}]}`,
 *   plugins sorted by name
 */
JsonNode *
reel_registry_to_json (ReelRegistry *registry)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) sorted = copy_unowned (registry->plugins);

  g_ptr_array_sort (sorted, compare_plugin_names);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "plugins");
  json_builder_begin_array (b);
  for (guint i = 0; i < sorted->len; i++)
    json_builder_add_value (b,
        reel_plugin_to_json (g_ptr_array_index (sorted, i)));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < registry->load_errors->len; i++) {
    LoadError *le = g_ptr_array_index (registry->load_errors, i);

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "file");
    json_builder_add_string_value (b, le->filename);
    json_builder_set_member_name (b, "message");
    json_builder_add_string_value (b, le->error->message);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
