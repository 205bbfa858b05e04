/* reel — the one-pass analysis runner; see reel-analyse.h for the model.
 *
 * The order of work in reel_analyse_file(): check the file, hash it and
 * look the request up in the cache (a hit decodes nothing); probe it; refuse
 * pictures larger than the limit before anything allocates them; build the
 * pipeline from the `analyse` template and the branches; run it on a main
 * context of its own, pushed as the thread's default, until end-of-stream,
 * an error, the watchdog or cancellation; summarise each analyser; assemble,
 * validate and cache the document.
 *
 * Everything GStreamer reports arrives on the bus and is handled on that
 * context, in order, so every element message an analyser posted before
 * end-of-stream has been collected when the EOS message is handled.
 */
#include "reel-analyse.h"
#include "reel-decoders.h"
#include "reel-analysis-cache.h"
#include "reel-launch-line.h"
#include "reel-template.h"
#include "reel-model.h"
#include "reel-param-private.h"
#include "reel-json.h"

#include <gst/pbutils/pbutils.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#define TEMPLATE_NAME "analyse"
#define PROGRESS_INTERVAL_MS 200
#define MIN_WIDTH 16
#define MAX_WIDTH 3840
/* End-of-stream in every stream this much before the declared end (the
 * larger of the two) means the file stopped early: truncated, or damaged
 * past a point. Containers may declare a little more than their streams
 * hold; not this much. */
#define INCOMPLETE_SLACK GST_SECOND
#define INCOMPLETE_FRACTION 0.05

/**
 * reel_analyse_error_quark:
 *
 * Returns: the domain of #ReelAnalyseError errors, %REEL_ANALYSE_ERROR
 */
G_DEFINE_QUARK (reel_analyse_error_quark, reel_analyse_error)

typedef struct {
  ReelComponent *component; /* owned by the registry, which lives on */
  const ReelAnalyserInfo *info;
  JsonObject *params; /* validated, with every default */
} Entry;

struct _ReelAnalyseRequest {
  ReelRegistry *registry;
  GPtrArray *entries; /* Entry, sorted by name */
  gint width;
};

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_clear_pointer (&e->params, json_object_unref);
  g_free (e);
}

/**
 * reel_analyse_request_free:
 * @request: (nullable) (transfer full): a request
 */
void
reel_analyse_request_free (ReelAnalyseRequest *request)
{
  if (request == NULL)
    return;
  g_ptr_array_unref (request->entries);
  g_free (request);
}

static const gchar *
stream_word (ReelStreamType stream)
{
  return stream == REEL_STREAM_AUDIO ? "audio" : "video";
}

/* ---- parameters to element properties ---------------------------------- */

static gboolean
int_in_range (GParamSpec *pspec, gint64 v, gchar **problem)
{
  GType f = G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspec));
  gint64 lo = 0;
  guint64 hi = 0;
  gboolean is_signed = TRUE;

  switch (f) {
    case G_TYPE_INT:
      lo = G_PARAM_SPEC_INT (pspec)->minimum;
      hi = G_PARAM_SPEC_INT (pspec)->maximum;
      break;
    case G_TYPE_LONG:
      lo = G_PARAM_SPEC_LONG (pspec)->minimum;
      hi = G_PARAM_SPEC_LONG (pspec)->maximum;
      break;
    case G_TYPE_INT64:
      lo = G_PARAM_SPEC_INT64 (pspec)->minimum;
      hi = G_PARAM_SPEC_INT64 (pspec)->maximum;
      break;
    case G_TYPE_UINT:
      is_signed = FALSE;
      lo = G_PARAM_SPEC_UINT (pspec)->minimum;
      hi = G_PARAM_SPEC_UINT (pspec)->maximum;
      break;
    case G_TYPE_ULONG:
      is_signed = FALSE;
      lo = G_PARAM_SPEC_ULONG (pspec)->minimum;
      hi = G_PARAM_SPEC_ULONG (pspec)->maximum;
      break;
    case G_TYPE_UINT64:
      is_signed = FALSE;
      lo = (gint64) MIN (G_PARAM_SPEC_UINT64 (pspec)->minimum,
          (guint64) G_MAXINT64);
      hi = G_PARAM_SPEC_UINT64 (pspec)->maximum;
      break;
    default:
      return FALSE;
  }
  if (v < lo || (v >= 0 && (guint64) v > hi)) {
    if (is_signed)
      *problem =
          g_strdup_printf ("it takes %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
              lo, (gint64) hi);
    else
      *problem = g_strdup_printf ("it takes %" G_GINT64_FORMAT
                                  " to %" G_GUINT64_FORMAT,
          lo, hi);
    return FALSE;
  }
  return TRUE;
}

/* Converts a validated parameter to @pspec's type. On failure returns FALSE
 * and sets @problem. */
static gboolean
param_to_property (JsonNode *node, GParamSpec *pspec, GValue *out,
    gchar **problem)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  GType f = G_TYPE_FUNDAMENTAL (type);
  GType vt;

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto mismatch;
  vt = json_node_get_value_type (node);

  if (f == G_TYPE_BOOLEAN && vt == G_TYPE_BOOLEAN) {
    g_value_init (out, type);
    g_value_set_boolean (out, json_node_get_boolean (node));
    return TRUE;
  }
  if (f == G_TYPE_STRING && vt == G_TYPE_STRING) {
    g_value_init (out, type);
    g_value_set_string (out, json_node_get_string (node));
    return TRUE;
  }
  if ((f == G_TYPE_DOUBLE || f == G_TYPE_FLOAT)
      && (vt == G_TYPE_DOUBLE || vt == G_TYPE_INT64)) {
    gdouble d = json_node_get_double (node);
    gdouble lo = f == G_TYPE_DOUBLE ? G_PARAM_SPEC_DOUBLE (pspec)->minimum
                                    : G_PARAM_SPEC_FLOAT (pspec)->minimum;
    gdouble hi = f == G_TYPE_DOUBLE ? G_PARAM_SPEC_DOUBLE (pspec)->maximum
                                    : G_PARAM_SPEC_FLOAT (pspec)->maximum;

    if (d < lo || d > hi) {
      *problem = g_strdup_printf ("it takes %g to %g", lo, hi);
      return FALSE;
    }
    g_value_init (out, type);
    if (f == G_TYPE_DOUBLE)
      g_value_set_double (out, d);
    else
      g_value_set_float (out, (gfloat) d);
    return TRUE;
  }
  if (f == G_TYPE_INT || f == G_TYPE_LONG || f == G_TYPE_INT64
      || f == G_TYPE_UINT || f == G_TYPE_ULONG || f == G_TYPE_UINT64) {
    gint64 v;

    if (vt == G_TYPE_INT64) {
      v = json_node_get_int (node);
    } else if (vt == G_TYPE_DOUBLE
               && json_node_get_double (node)
                      == floor (json_node_get_double (node))
               && fabs (json_node_get_double (node)) < 9007199254740992.0) {
      v = (gint64) json_node_get_double (node);
    } else {
      goto mismatch;
    }
    if (!int_in_range (pspec, v, problem))
      return FALSE;
    g_value_init (out, type);
    switch (f) {
      case G_TYPE_INT:
        g_value_set_int (out, (gint) v);
        break;
      case G_TYPE_LONG:
        g_value_set_long (out, (glong) v);
        break;
      case G_TYPE_INT64:
        g_value_set_int64 (out, v);
        break;
      case G_TYPE_UINT:
        g_value_set_uint (out, (guint) v);
        break;
      case G_TYPE_ULONG:
        g_value_set_ulong (out, (gulong) v);
        break;
      default:
        g_value_set_uint64 (out, (guint64) v);
        break;
    }
    return TRUE;
  }
  if (f == G_TYPE_ENUM && vt == G_TYPE_STRING) {
    GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
    const gchar *s = json_node_get_string (node);
    GEnumValue *ev = g_enum_get_value_by_nick (klass, s);

    if (ev == NULL)
      ev = g_enum_get_value_by_name (klass, s);
    if (ev == NULL) {
      g_autoptr (GString) nicks = g_string_new (NULL);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "",
            klass->values[i].value_nick);
      *problem = g_strdup_printf ("it takes %s", nicks->str);
      return FALSE;
    }
    g_value_init (out, type);
    g_value_set_enum (out, ev->value);
    return TRUE;
  }
  if (vt == G_TYPE_STRING
      && (f == G_TYPE_FLAGS || type == GST_TYPE_FRACTION
          || type == GST_TYPE_CAPS)) {
    g_value_init (out, type);
    if (gst_value_deserialize (out, json_node_get_string (node)))
      return TRUE;
    g_value_unset (out);
    *problem = g_strdup_printf ("it is not a valid %s", g_type_name (type));
    return FALSE;
  }

mismatch:
  *problem = g_strdup_printf ("the property holds a %s", g_type_name (type));
  return FALSE;
}

/* Sets each parameter that names a writable property of @element. Errors
 * name `PATH.PARAM`. */
static void
apply_params (GstElement *element, JsonObject *params, const gchar *path,
    ReelFieldErrors *errors)
{
  g_autoptr (GList) members = json_object_get_members (params);
  GstElementFactory *factory = gst_element_get_factory (element);

  for (GList *l = members; l != NULL; l = l->next) {
    const gchar *name = l->data;
    GParamSpec *pspec =
        g_object_class_find_property (G_OBJECT_GET_CLASS (element), name);
    g_auto (GValue) value = G_VALUE_INIT;
    g_autofree gchar *problem = NULL;

    /* A parameter only summarise reads. */
    if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE)
        || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
      continue;
    if (!param_to_property (json_object_get_member (params, name), pspec,
            &value, &problem)) {
      g_autofree gchar *p = reel_path_member (path, name);
      g_autofree gchar *shown =
          json_to_string (json_object_get_member (params, name), FALSE);

      reel_field_errors_add (errors, p,
          "%s cannot set property '%s' of element '%s': %s", shown, name,
          factory != NULL ? GST_OBJECT_NAME (factory) : "?", problem);
      continue;
    }
    g_object_set_property (G_OBJECT (element), name, &value);
  }
}

/* ---- requests ----------------------------------------------------------- */

static gint
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *ea = *(const Entry *const *) a;
  const Entry *eb = *(const Entry *const *) b;

  return strcmp (ea->info->name, eb->info->name);
}

static gchar *
available_names (GPtrArray *all)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < all->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "",
        reel_component_get_name (g_ptr_array_index (all, i)));
  if (s->len == 0)
    g_string_append (s, "none (no plugin provides an analyser)");
  return g_string_free (s, FALSE);
}

static ReelComponent *
find_in (GPtrArray *list, const gchar *name)
{
  for (guint i = 0; list != NULL && i < list->len; i++) {
    ReelComponent *c = g_ptr_array_index (list, i);

    if (g_strcmp0 (reel_component_get_name (c), name) == 0)
      return c;
  }
  return NULL;
}

/* The shared body of both constructors: exactly one of @params and
 * @param_args is used. */
static ReelAnalyseRequest *
request_new (ReelRegistry *registry, const gchar *const *names,
    JsonObject *params, const gchar *const *param_args, GError **error)
{
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) selected = g_ptr_array_new ();
  g_autoptr (GHashTable) args = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autofree gchar *known = NULL;
  ReelAnalyseRequest *request;

  if (registry == NULL)
    registry = reel_registry_get_default ();
  all = reel_registry_list (registry, REEL_COMPONENT_ANALYSER);
  known = available_names (all);

  if (names == NULL || names[0] == NULL) {
    for (guint i = 0; i < all->len; i++)
      g_ptr_array_add (selected, g_ptr_array_index (all, i));
  } else {
    for (guint i = 0; names[i] != NULL; i++) {
      ReelComponent *c = find_in (all, names[i]);

      if (c == NULL)
        reel_field_errors_add (errors, "analysers",
            "unknown analyser '%s'; available: %s", names[i], known);
      else if (!g_ptr_array_find (selected, c, NULL))
        g_ptr_array_add (selected, c);
    }
  }

  /* Parameters for analysers that are not run are mistakes worth saying. */
  if (params != NULL) {
    g_autoptr (GList) members = json_object_get_members (params);

    for (GList *l = members; l != NULL; l = l->next) {
      g_autofree gchar *p = reel_path_member ("analysers", l->data);

      if (find_in (all, l->data) == NULL)
        reel_field_errors_add (errors, p, "unknown analyser; available: %s",
            known);
      else if (find_in (selected, l->data) == NULL)
        reel_field_errors_add (errors, p,
            "has parameters but is not among the analysers to run");
    }
  }
  for (guint i = 0; param_args != NULL && param_args[i] != NULL; i++) {
    const gchar *arg = param_args[i];
    const gchar *eq = strchr (arg, '=');
    const gchar *dot = strchr (arg, '.');
    g_autofree gchar *analyser = NULL;
    g_autofree gchar *p = NULL;
    GPtrArray *list;

    if (eq == NULL || dot == NULL || dot > eq || dot == arg || dot + 1 == eq) {
      reel_field_errors_add (errors, "analysers",
          "'%s' is not of the form ANALYSER.PARAMETER=VALUE", arg);
      continue;
    }
    analyser = g_strndup (arg, dot - arg);
    p = reel_path_member ("analysers", analyser);
    if (find_in (all, analyser) == NULL) {
      reel_field_errors_add (errors, p, "unknown analyser; available: %s",
          known);
      continue;
    }
    if (find_in (selected, analyser) == NULL) {
      reel_field_errors_add (errors, p,
          "has parameters but is not among the analysers to run");
      continue;
    }
    list = g_hash_table_lookup (args, analyser);
    if (list == NULL) {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (args, g_strdup (analyser), list);
    }
    g_ptr_array_add (list, g_strdup (dot + 1));
  }

  request = g_new0 (ReelAnalyseRequest, 1);
  request->registry = registry;
  request->entries = g_ptr_array_new_with_free_func (entry_free);
  request->width = REEL_ANALYSE_DEFAULT_WIDTH;
  for (guint i = 0; i < selected->len; i++) {
    ReelComponent *c = g_ptr_array_index (selected, i);
    const gchar *name = reel_component_get_name (c);
    g_autofree gchar *path = reel_path_member ("analysers", name);
    JsonObject *checked;
    Entry *e;

    if (param_args != NULL) {
      GPtrArray *list = g_hash_table_lookup (args, name);

      if (list != NULL)
        g_ptr_array_add (list, NULL);
      checked = reel_param_schema_parse_args (reel_component_get_params (c),
          list != NULL ? (gchar **) list->pdata : NULL, path, errors);
    } else {
      JsonNode *node =
          params != NULL ? json_object_get_member (params, name) : NULL;

      checked = reel_component_validate_params (c, node, path, errors);
    }
    if (checked == NULL)
      continue;
    e = g_new0 (Entry, 1);
    e->component = c;
    e->info = reel_component_get_analyser_info (c);
    e->params = checked;
    g_ptr_array_add (request->entries, e);

    /* Check now that the values fit the element's properties, so a bad
     * value is a request error, not a failure halfway through a file. */
    if (reel_component_is_available (c, NULL) && e->info->element != NULL) {
      GstElement *probe = gst_element_factory_make (e->info->element, NULL);

      if (probe != NULL) {
        gst_object_ref_sink (probe);
        apply_params (probe, e->params, path, errors);
        gst_object_unref (probe);
      }
    }
  }
  g_ptr_array_sort (request->entries, compare_entries);

  if (!reel_field_errors_propagate (errors, error, REEL_ANALYSE_ERROR,
          REEL_ANALYSE_ERROR_INVALID, "analysis request")) {
    reel_analyse_request_free (request);
    return NULL;
  }
  return request;
}

/**
 * reel_analyse_request_new:
 * @registry: (nullable): where the analysers are registered; %NULL for
 *   reel_registry_get_default()
 * @analysers: (array zero-terminated=1) (nullable): the analysers to run;
 *   %NULL or empty for every registered one
 * @params: (nullable): analyser name → its parameters object, as the API
 *   takes them
 * @error: return location for a #GError
 *
 * Validates what to run. Every problem is reported at once, each with its
 * path: `analysers` for an unknown name (the message lists those
 * available), `analysers.NAME.PARAM` for a parameter that does not
 * validate against the analyser's schema or does not fit its element's
 * property.
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 *   (%REEL_ANALYSE_ERROR_INVALID)
 */
ReelAnalyseRequest *
reel_analyse_request_new (ReelRegistry *registry, const gchar *const *analysers,
    JsonObject *params, GError **error)
{
  return request_new (registry, analysers, params, NULL, error);
}

/**
 * reel_analyse_request_new_from_args:
 * @registry: (nullable): as for reel_analyse_request_new()
 * @analysers: (array zero-terminated=1) (nullable): as for
 *   reel_analyse_request_new()
 * @param_args: (array zero-terminated=1) (nullable):
 *   `ANALYSER.PARAMETER=VALUE` strings, as `--param` gives them; each value
 *   is parsed as its parameter's type
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 */
ReelAnalyseRequest *
reel_analyse_request_new_from_args (ReelRegistry *registry,
    const gchar *const *analysers, const gchar *const *param_args,
    GError **error)
{
  static const gchar *const none[] = { NULL };

  return request_new (registry, analysers, NULL,
      param_args != NULL ? param_args : none, error);
}

/**
 * reel_analyse_request_set_width:
 * @request: a request
 * @width: the width of the pictures video analysers see, 16 to 3840 pixels
 *   (the height keeps the picture's shape, with square pixels)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @width is allowed
 */
gboolean
reel_analyse_request_set_width (ReelAnalyseRequest *request, gint width,
    GError **error)
{
  g_return_val_if_fail (request != NULL, FALSE);

  if (width < MIN_WIDTH || width > MAX_WIDTH) {
    g_set_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_INVALID,
        "width: %d is out of range; expected %d to %d pixels", width, MIN_WIDTH,
        MAX_WIDTH);
    return FALSE;
  }
  request->width = width;
  return TRUE;
}

gint
reel_analyse_request_get_width (ReelAnalyseRequest *request)
{
  g_return_val_if_fail (request != NULL, 0);
  return request->width;
}

/**
 * reel_analyse_request_get_analysers:
 *
 * Returns: (transfer full): the analysers the request runs, sorted
 */
gchar **
reel_analyse_request_get_analysers (ReelAnalyseRequest *request)
{
  GStrvBuilder *b = g_strv_builder_new ();
  gchar **names;

  for (guint i = 0; i < request->entries->len; i++)
    g_strv_builder_add (b,
        ((Entry *) g_ptr_array_index (request->entries, i))->info->name);
  names = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return names;
}

/**
 * reel_analyse_request_to_json:
 *
 * What the request asks for, in a fixed order, as the cache key is made
 * from it: the ANALYSIS format version, reel's version, the width, and
 * each analyser with its plugin, the plugin's version and its parameters
 * in schema order.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
reel_analyse_request_to_json (ReelAnalyseRequest *request)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, REEL_ANALYSIS_VERSION);
  json_builder_set_member_name (b, "reel");
  json_builder_add_string_value (b, reel_get_version_string ());
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, request->width);
  json_builder_set_member_name (b, "analysers");
  json_builder_begin_array (b);
  for (guint i = 0; i < request->entries->len; i++) {
    Entry *e = g_ptr_array_index (request->entries, i);
    ReelPlugin *plugin = reel_component_get_plugin (e->component);
    ReelParamSchema *schema = reel_component_get_params (e->component);

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "name");
    json_builder_add_string_value (b, e->info->name);
    json_builder_set_member_name (b, "plugin");
    json_builder_add_string_value (b, reel_plugin_get_name (plugin));
    json_builder_set_member_name (b, "plugin_version");
    json_builder_add_string_value (b, reel_plugin_get_version (plugin));
    json_builder_set_member_name (b, "params");
    json_builder_begin_object (b);
    for (guint k = 0; k < reel_param_schema_get_n_params (schema); k++) {
      const gchar *name = reel_param_schema_get_name (schema, k);
      JsonNode *v = json_object_get_member (e->params, name);

      if (v == NULL)
        continue;
      json_builder_set_member_name (b, name);
      json_builder_add_value (b, json_node_copy (v));
    }
    json_builder_end_object (b);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * reel_analyse_list_analysers:
 * @registry: (nullable): %NULL for reel_registry_get_default()
 *
 * Returns: (transfer full): every registered analyser's name, sorted
 */
gchar **
reel_analyse_list_analysers (ReelRegistry *registry)
{
  g_autoptr (GPtrArray) all = NULL;
  GStrvBuilder *b = g_strv_builder_new ();
  gchar **names;

  if (registry == NULL)
    registry = reel_registry_get_default ();
  all = reel_registry_list (registry, REEL_COMPONENT_ANALYSER);
  for (guint i = 0; i < all->len; i++)
    g_strv_builder_add (b,
        reel_component_get_name (g_ptr_array_index (all, i)));
  names = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return names;
}

/* ---- one run ------------------------------------------------------------ */

typedef struct {
  Entry *entry;
  GstElement *element; /* held by the pipeline */
  GPtrArray *messages; /* GstStructure, in the order posted */
} Branch;

typedef struct {
  const gchar *name; /* the file as the caller named it */
  gchar *uri;
  ReelAnalyseRequest *request;
  const ReelAnalyseOptions *options;
  ReelProbe *probe;
  GstElement *pipeline;
  GPtrArray *branches; /* Branch */
  GMainLoop *loop;
  GError *error; /* the first failure */
  gboolean eos;
  GstClockTime position;   /* the furthest the pipeline has been */
  GMutex lock;             /* guards decoded, written from streaming threads */
  GstClockTime decoded[2]; /* per tee (video, audio): the end of its last
                            * buffer, in stream time */
  GstClockTime reached;    /* at end-of-stream: the furthest stream's end */
  gint64 started;          /* monotonic µs */
  gint64 moved;            /* monotonic µs when the position last moved */
  gdouble reported;        /* the last fraction reported */
  GString *missing_plugins;
} Run;

static void
branch_free (gpointer data)
{
  Branch *b = data;

  g_ptr_array_unref (b->messages);
  g_free (b);
}

static void
report (Run *run, gdouble fraction)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (run->options->progress == NULL
      || (fraction < 1.0 && fabs (fraction - run->reported) < 0.001))
    return;
  run->reported = fraction;
  run->options->progress (fraction, run->options->progress_data);
}

static void
fail (Run *run, GError *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  if (run->loop != NULL)
    g_main_loop_quit (run->loop);
}

static gdouble
seconds (GstClockTime t)
{
  return GST_CLOCK_TIME_IS_VALID (t) ? (gdouble) t / GST_SECOND : 0.0;
}

static gchar *
where (Run *run)
{
  if (run->probe != NULL && GST_CLOCK_TIME_IS_VALID (run->probe->duration))
    return g_strdup_printf ("at %.1f of %.1f s", seconds (run->position),
        seconds (run->probe->duration));
  return g_strdup_printf ("at %.1f s", seconds (run->position));
}

static Branch *
find_branch (Run *run, GstObject *src)
{
  for (guint i = 0; run->branches != NULL && i < run->branches->len; i++) {
    Branch *b = g_ptr_array_index (run->branches, i);

    if (src == GST_OBJECT (b->element)
        || gst_object_has_as_ancestor (src, GST_OBJECT (b->element)))
      return b;
  }
  return NULL;
}

static void
on_error_message (Run *run, GstMessage *msg)
{
  g_autoptr (GError) err = NULL;
  g_autofree gchar *debug = NULL;
  g_autofree gchar *at = where (run);
  Branch *b = find_branch (run, GST_MESSAGE_SRC (msg));
  const gchar *src = GST_MESSAGE_SRC_NAME (msg);

  gst_message_parse_error (msg, &err, &debug);
  g_debug ("%s: error from %s: %s (%s)", run->name, src, err->message,
      debug != NULL ? debug : "no details");
  if (b != NULL) {
    fail (run,
        g_error_new (REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_PIPELINE,
            "%s: analyser '%s' (element %s) failed %s: %s", run->name,
            b->entry->info->name, b->entry->info->element, at, err->message));
  } else if (run->missing_plugins->len > 0) {
    fail (run, g_error_new (REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_PIPELINE,
                   "%s: a GStreamer plugin it needs is not installed: %s",
                   run->name, run->missing_plugins->str));
  } else {
    fail (run, g_error_new (REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_PIPELINE,
                   "%s: decoding failed %s (element %s): %s", run->name, at,
                   src, err->message));
  }
}

/* Moves run->position forward to how far every stream has been decoded
 * (the slowest one counts: the others wait for it), or, before any buffer
 * has been seen, to the pipeline's position. Returns whether it moved. */
static gboolean
update_position (Run *run, gint64 *pos)
{
  GstClockTime best = GST_CLOCK_TIME_NONE;

  g_mutex_lock (&run->lock);
  for (guint i = 0; i < G_N_ELEMENTS (run->decoded); i++) {
    if (GST_CLOCK_TIME_IS_VALID (run->decoded[i])
        && (!GST_CLOCK_TIME_IS_VALID (best) || run->decoded[i] < best))
      best = run->decoded[i];
  }
  g_mutex_unlock (&run->lock);
  if (!GST_CLOCK_TIME_IS_VALID (best)
      && gst_element_query_position (run->pipeline, GST_FORMAT_TIME, pos)
      && *pos >= 0)
    best = (GstClockTime) *pos;
  if (!GST_CLOCK_TIME_IS_VALID (best)
      || (GST_CLOCK_TIME_IS_VALID (run->position) && best <= run->position))
    return FALSE;
  run->position = best;
  return TRUE;
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  Run *run = user_data;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR:
      on_error_message (run, msg);
      break;
    case GST_MESSAGE_EOS: {
      gint64 pos;

      run->eos = TRUE;
      update_position (run, &pos);
      g_mutex_lock (&run->lock);
      for (guint i = 0; i < G_N_ELEMENTS (run->decoded); i++) {
        if (GST_CLOCK_TIME_IS_VALID (run->decoded[i])
            && (!GST_CLOCK_TIME_IS_VALID (run->reached)
                || run->decoded[i] > run->reached))
          run->reached = run->decoded[i];
      }
      g_mutex_unlock (&run->lock);
      g_debug ("%s: end-of-stream at %" GST_TIME_FORMAT
               " (video %" GST_TIME_FORMAT ", audio %" GST_TIME_FORMAT ")",
          run->name, GST_TIME_ARGS (run->position),
          GST_TIME_ARGS (run->decoded[0]), GST_TIME_ARGS (run->decoded[1]));
      g_main_loop_quit (run->loop);
      break;
    }
    case GST_MESSAGE_WARNING: {
      g_autoptr (GError) err = NULL;

      gst_message_parse_warning (msg, &err, NULL);
      g_debug ("%s: warning from %s: %s", run->name, GST_MESSAGE_SRC_NAME (msg),
          err->message);
      break;
    }
    case GST_MESSAGE_ELEMENT: {
      const GstStructure *s = gst_message_get_structure (msg);
      Branch *b;

      if (gst_is_missing_plugin_message (msg)) {
        g_autofree gchar *what =
            gst_missing_plugin_message_get_description (msg);

        g_string_append_printf (run->missing_plugins, "%s%s",
            run->missing_plugins->len > 0 ? ", " : "", what);
        break;
      }
      b = find_branch (run, GST_MESSAGE_SRC (msg));
      if (b != NULL && s != NULL
          && (b->entry->info->message == NULL
              || gst_structure_has_name (s, b->entry->info->message)))
        g_ptr_array_add (b->messages, gst_structure_copy (s));
      break;
    }
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

/* The watchdog and the progress reports. */
static gboolean
on_tick (gpointer user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();
  const ReelAnalyseOptions *o = run->options;
  guint stall = o->stall_timeout > 0 ? o->stall_timeout
                                     : REEL_ANALYSE_DEFAULT_STALL_TIMEOUT;
  gint64 pos = -1;

  if (update_position (run, &pos)) {
    run->moved = now;
    if (GST_CLOCK_TIME_IS_VALID (run->probe->duration)
        && run->probe->duration > 0)
      report (run, MIN (0.999, seconds (run->position)
                                   / seconds (run->probe->duration)));
  }
  if (o->time_limit > 0
      && now - run->started > (gint64) o->time_limit * G_USEC_PER_SEC) {
    g_autofree gchar *at = where (run);

    fail (run, g_error_new (REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_TIMEOUT,
                   "%s: the analysis took longer than the %u s allowed "
                   "(stopped %s)",
                   run->name, o->time_limit, at));
    return G_SOURCE_REMOVE;
  }
  if (now - run->moved > (gint64) stall * G_USEC_PER_SEC) {
    g_autofree gchar *at = where (run);

    fail (run, g_error_new (REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_STALLED,
                   "%s: no progress for %u s (stuck %s); the file may be "
                   "damaged",
                   run->name, stall, at));
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  Run *run = user_data;

  fail (run, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 "%s: the analysis was cancelled", run->name));
  return G_SOURCE_REMOVE;
}

/* Decoders get every core and frame threading: analysing is a batch job,
 * and latency does not matter. Set before the decoder opens, which is
 * when playbin's decodebin adds it. */
static void
on_deep_element_added (GstBin *bin, GstBin *sub_bin, GstElement *element,
    gpointer user_data)
{
  GstElementFactory *factory = gst_element_get_factory (element);
  GObjectClass *klass = G_OBJECT_GET_CLASS (element);

  if (factory == NULL
      || !g_str_has_prefix (GST_OBJECT_NAME (factory), "avdec_"))
    return;
  if (g_object_class_find_property (klass, "max-threads") != NULL)
    g_object_set (element, "max-threads", (gint) g_get_num_processors (), NULL);
  if (g_object_class_find_property (klass, "thread-type") != NULL)
    gst_util_set_object_arg (G_OBJECT (element), "thread-type", "frame");
}

static GstElement *
make (const gchar *factory, const gchar *name, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, name);

  if (e == NULL)
    g_set_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_FAILED,
        "the GStreamer element '%s' is not installed", factory);
  return e;
}

static void
drop (GstElement *element)
{
  if (element != NULL)
    gst_object_unref (gst_object_ref_sink (element));
}

static gboolean
add_branch (Run *run, Branch *b, GstBin *bin, GstElement *tee, GError **error)
{
  const ReelAnalyserInfo *info = b->entry->info;
  gboolean audio = info->stream == REEL_STREAM_AUDIO;
  g_autofree gchar *qname = g_strdup_printf ("%s-queue", info->name);
  g_autofree gchar *cname = g_strdup_printf ("%s-convert", info->name);
  g_autofree gchar *rname = g_strdup_printf ("%s-resample", info->name);
  g_autofree gchar *sname = g_strdup_printf ("%s-sink", info->name);
  g_autofree gchar *path = reel_path_member ("analysers", info->name);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  GstElement *queue, *convert, *resample = NULL, *element, *sink;
  gboolean linked;

  queue = make ("queue", qname, error);
  convert = queue ? make (audio ? "audioconvert" : "videoconvert", cname, error)
                  : NULL;
  if (audio && convert != NULL)
    resample = make ("audioresample", rname, error);
  element = convert != NULL && (!audio || resample != NULL)
                ? make (info->element, info->name, error)
                : NULL;
  sink = element != NULL ? make ("fakesink", sname, error) : NULL;
  if (sink != NULL) {
    g_object_set (sink, "sync", FALSE, NULL);
    apply_params (element, b->entry->params, path, errors);
    if (reel_field_errors_propagate (errors, error, REEL_ANALYSE_ERROR,
            REEL_ANALYSE_ERROR_INVALID, "analysis request"))
      goto add;
  } else {
    g_prefix_error (error, "analyser '%s': ", info->name);
  }
  /* Not in a bin yet: ours to drop. */
  drop (queue);
  drop (convert);
  drop (resample);
  drop (element);
  drop (sink);
  return FALSE;

add:
  gst_bin_add_many (bin, queue, convert, element, sink, NULL);
  if (resample != NULL)
    gst_bin_add (bin, resample);
  linked = gst_element_link_many (tee, queue, convert, NULL)
           && (resample == NULL || gst_element_link (convert, resample))
           && gst_element_link (resample != NULL ? resample : convert, element)
           && gst_element_link (element, sink);
  if (!linked) {
    g_set_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_FAILED,
        "analyser '%s': its element %s does not take decoded %s "
        "(the pads do not link)",
        info->name, info->element, stream_word (info->stream));
    return FALSE;
  }
  b->element = element;
  return TRUE;
}

static GstElement *
find_in_sink (GstElement *play, const gchar *property, const gchar *name,
    GstBin **bin_out)
{
  g_autoptr (GstElement) sink = NULL;

  g_object_get (play, property, &sink, NULL);
  if (sink == NULL || !GST_IS_BIN (sink))
    return NULL;
  *bin_out = GST_BIN (sink);
  return gst_bin_get_by_name (GST_BIN (sink), name);
}

/* How far decoding has got, in stream time, from the buffers entering each
 * tee: a position query can miss a short run's end, and says nothing of a
 * stream that stopped early while another went on. */
static GstPadProbeReturn
on_tee_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Run *run = g_object_get_data (G_OBJECT (pad), "reel-run");
  guint which = GPOINTER_TO_UINT (user_data);
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  g_autoptr (GstEvent) event = NULL;
  const GstSegment *segment;
  GstClockTime end;

  if (buf == NULL || !GST_BUFFER_PTS_IS_VALID (buf))
    return GST_PAD_PROBE_OK;
  event = gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0);
  if (event == NULL)
    return GST_PAD_PROBE_OK;
  gst_event_parse_segment (event, &segment);
  end = GST_BUFFER_PTS (buf);
  if (GST_BUFFER_DURATION_IS_VALID (buf))
    end += GST_BUFFER_DURATION (buf);
  if (segment->format != GST_FORMAT_TIME)
    return GST_PAD_PROBE_OK;
  end = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, end);
  if (!GST_CLOCK_TIME_IS_VALID (end))
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&run->lock);
  if (!GST_CLOCK_TIME_IS_VALID (run->decoded[which])
      || end > run->decoded[which])
    run->decoded[which] = end;
  g_mutex_unlock (&run->lock);
  return GST_PAD_PROBE_OK;
}

static void
watch_tee (Run *run, GstElement *tee, guint which)
{
  g_autoptr (GstPad) pad = gst_element_get_static_pad (tee, "sink");

  if (pad == NULL)
    return;
  g_object_set_data (G_OBJECT (pad), "reel-run", run);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_tee_buffer,
      GUINT_TO_POINTER (which), NULL);
}

/* Builds the template and hangs the branches off its tees. */
static gboolean
build_pipeline (Run *run, GError **error)
{
  g_autoptr (ReelTemplate) tpl = NULL;
  g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GstElement) play = NULL;
  g_autoptr (GstElement) vsize = NULL;
  g_autoptr (GstElement) vtee = NULL;
  g_autoptr (GstElement) atee = NULL;
  GstBin *vbin = NULL, *abin = NULL;

  tpl = reel_template_load (TEMPLATE_NAME, error);
  if (tpl == NULL)
    return FALSE;
  g_hash_table_insert (values, (gpointer) "input", run->uri);
  run->pipeline = reel_template_instantiate (tpl, values, error);
  if (run->pipeline == NULL)
    return FALSE;
  play = gst_bin_get_by_name (GST_BIN (run->pipeline), "play");
  if (play != NULL) {
    vtee = find_in_sink (play, "video-sink", "video", &vbin);
    vsize = vbin != NULL ? gst_bin_get_by_name (vbin, "vsize") : NULL;
    atee = find_in_sink (play, "audio-sink", "audio", &abin);
  }
  if (vtee == NULL || atee == NULL || vsize == NULL) {
    g_set_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_FAILED,
        "template '%s' (%s) lacks the playbin 'play' whose sinks hold the "
        "capsfilter 'vsize' and the tees 'video' and 'audio'",
        TEMPLATE_NAME, reel_template_get_path (tpl));
    return FALSE;
  }

  {
    g_autoptr (GstCaps) caps = NULL;

    g_object_get (vsize, "caps", &caps, NULL);
    caps = caps != NULL ? gst_caps_make_writable (caps)
                        : gst_caps_new_empty_simple ("video/x-raw");
    gst_caps_set_simple (caps, "width", G_TYPE_INT, run->request->width, NULL);
    g_object_set (vsize, "caps", caps, NULL);
  }

  for (guint i = 0; i < run->branches->len; i++) {
    Branch *b = g_ptr_array_index (run->branches, i);
    gboolean audio = b->entry->info->stream == REEL_STREAM_AUDIO;

    if (!add_branch (run, b, audio ? abin : vbin, audio ? atee : vtee, error))
      return FALSE;
  }
  watch_tee (run, vtee, 0);
  watch_tee (run, atee, 1);
  g_signal_connect (run->pipeline, "deep-element-added",
      G_CALLBACK (on_deep_element_added), run);
  return TRUE;
}

static gboolean
run_pipeline (Run *run)
{
  GMainContext *context = g_main_context_new ();
  g_autoptr (GstBus) bus = gst_element_get_bus (run->pipeline);
  GSource *bus_source = gst_bus_create_watch (bus);
  GSource *tick = g_timeout_source_new (PROGRESS_INTERVAL_MS);
  GSource *cancel = NULL;
  GstStateChangeReturn ret;

  g_main_context_push_thread_default (context);
  run->loop = g_main_loop_new (context, FALSE);
  g_source_set_callback (bus_source,
      (GSourceFunc) (void (*) (void)) on_bus_message, run, NULL);
  g_source_attach (bus_source, context);
  g_source_set_callback (tick, on_tick, run, NULL);
  g_source_attach (tick, context);
  if (run->options->cancellable != NULL) {
    cancel = g_cancellable_source_new (run->options->cancellable);
    g_source_set_callback (cancel, (GSourceFunc) (void (*) (void)) on_cancelled,
        run, NULL);
    g_source_attach (cancel, context);
  }
  run->started = run->moved = g_get_monotonic_time ();

  ret = gst_element_set_state (run->pipeline, GST_STATE_PLAYING);
  if (ret == GST_STATE_CHANGE_FAILURE) {
    g_autoptr (GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

    if (msg != NULL)
      on_error_message (run, msg);
    else
      fail (run, g_error_new (REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_PIPELINE,
                     "%s: the pipeline refused to start", run->name));
  } else if (run->error == NULL) {
    g_main_loop_run (run->loop);
  }
  gst_element_set_state (run->pipeline, GST_STATE_NULL);

  /* Messages the last state change left are of no use now. */
  gst_bus_set_flushing (bus, TRUE);
  g_source_destroy (bus_source);
  g_source_unref (bus_source);
  g_source_destroy (tick);
  g_source_unref (tick);
  if (cancel != NULL) {
    g_source_destroy (cancel);
    g_source_unref (cancel);
  }
  g_main_context_pop_thread_default (context);
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_main_context_unref (context);
  return run->error == NULL;
}

static void
run_clear (Run *run)
{
  if (run->pipeline != NULL) {
    gst_element_set_state (run->pipeline, GST_STATE_NULL);
    gst_clear_object (&run->pipeline);
  }
  g_clear_pointer (&run->branches, g_ptr_array_unref);
  g_clear_pointer (&run->probe, reel_probe_free);
  g_clear_pointer (&run->uri, g_free);
  g_clear_error (&run->error);
  if (run->missing_plugins != NULL)
    g_string_free (g_steal_pointer (&run->missing_plugins), TRUE);
  g_mutex_clear (&run->lock);
}

/* ---- the document ------------------------------------------------------- */

typedef struct {
  const gchar *dir;       /* where files are written now */
  const gchar *final_dir; /* where they will be read from */
  const gchar *analyser;
} Store;

static gchar *
store_file (const gchar *name, GBytes *bytes, gpointer user_data,
    GError **error)
{
  Store *store = user_data;
  g_autofree gchar *sub = g_build_filename (store->dir, store->analyser, NULL);
  g_autofree gchar *path = g_build_filename (sub, name, NULL);
  gsize size;
  const gchar *data = g_bytes_get_data (bytes, &size);

  if (g_mkdir_with_parents (sub, 0755) != 0) {
    int err = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
        "cannot make %s: %s", sub, g_strerror (err));
    return NULL;
  }
  if (!reel_write_file_atomically (path, data != NULL ? data : "",
          (gssize) size, error))
    return NULL;
  return g_build_filename (store->final_dir, store->analyser, name, NULL);
}

/* Checks one section alone, so that one analyser's mistake costs only its
 * own section. Returns the first error, or NULL when it is valid. */
static gchar *
check_section (const gchar *name, JsonNode *section, gdouble duration)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelAnalysis) a = NULL;

  json_object_set_int_member (o, "version", REEL_ANALYSIS_VERSION);
  json_object_set_string_member (o, "media", "check");
  json_object_set_double_member (o, "duration", duration);
  json_object_set_member (o, name, json_node_ref (section));
  json_node_set_object (node, o);
  a = reel_analysis_new_from_json (node, errors);
  if (a != NULL)
    return NULL;
  return g_strdup_printf ("%s: %s", reel_field_errors_get_path (errors, 0),
      reel_field_errors_get_message (errors, 0));
}

static void
add_missing (JsonArray *missing, const gchar *analyser, const gchar *reason)
{
  JsonObject *m = json_object_new ();

  json_object_set_string_member (m, "analyser", analyser);
  json_object_set_string_member (m, "reason", reason);
  json_array_add_object_element (missing, m);
}

static JsonNode *
assemble (Run *run, const gchar *media_id, const gchar *files_dir,
    const gchar *final_dir, GError **error)
{
  g_autoptr (JsonObject) doc = json_object_new ();
  g_autoptr (JsonArray) missing = json_array_new ();
  g_autoptr (JsonObject) sections = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (ReelAnalysis) analysis = NULL;
  static const gchar *const reserved[] = { "$schema", "kind", "version",
    "media", "status", "duration", "missing", "probe", NULL };
  GstClockTime duration = run->probe->duration;
  guint next_branch = 0;

  if (!GST_CLOCK_TIME_IS_VALID (duration))
    duration = GST_CLOCK_TIME_IS_VALID (run->position) ? run->position : 0;

  for (guint i = 0; i < run->request->entries->len; i++) {
    Entry *e = g_ptr_array_index (run->request->entries, i);
    const gchar *name = e->info->name;
    const gchar *unavailable = NULL;
    gboolean has_stream = e->info->stream == REEL_STREAM_AUDIO
                              ? run->probe->has_audio
                              : run->probe->has_video;
    Branch *b = NULL;
    g_autoptr (GError) local = NULL;
    g_autoptr (JsonNode) section = NULL;
    g_autofree gchar *problem = NULL;
    Store store = { files_dir, final_dir, name };

    if (g_strv_contains (reserved, name)) {
      add_missing (missing, name,
          "its name is a member of the ANALYSIS document itself, so its "
          "section cannot be kept");
      if (has_stream && reel_component_is_available (e->component, NULL))
        next_branch++;
      continue;
    }
    if (!reel_component_is_available (e->component, &unavailable)) {
      g_autofree gchar *reason =
          g_strdup_printf ("cannot run: %s", unavailable);

      add_missing (missing, name, reason);
      continue;
    }
    if (!has_stream) {
      g_autofree gchar *reason = g_strdup_printf ("the file has no %s stream",
          stream_word (e->info->stream));

      add_missing (missing, name, reason);
      continue;
    }
    b = g_ptr_array_index (run->branches, next_branch++);
    g_assert (b->entry == e);
    section = reel_component_summarise (e->component, e->params, duration,
        b->messages, store_file, &store, &local);
    if (section == NULL) {
      add_missing (missing, name, local->message);
      continue;
    }
    problem = check_section (name, section, seconds (duration));
    if (problem != NULL) {
      g_autofree gchar *reason =
          g_strdup_printf ("its section is not valid: %s", problem);

      g_message ("%s: analyser '%s' made a section that is not valid: %s",
          run->name, name, problem);
      add_missing (missing, name, reason);
      continue;
    }
    json_object_set_member (sections, name, g_steal_pointer (&section));
  }

  json_object_set_int_member (doc, "version", REEL_ANALYSIS_VERSION);
  json_object_set_string_member (doc, "media", media_id);
  json_object_set_string_member (doc, "status",
      json_array_get_length (missing) > 0 ? "partial" : "complete");
  json_object_set_double_member (doc, "duration", seconds (duration));
  if (json_array_get_length (missing) > 0)
    json_object_set_array_member (doc, "missing", g_steal_pointer (&missing));
  json_object_set_member (doc, "probe", reel_probe_to_json (run->probe));
  {
    g_autoptr (GList) names = json_object_get_members (sections);

    for (GList *l = names; l != NULL; l = l->next)
      json_object_set_member (doc, l->data,
          json_node_ref (json_object_get_member (sections, l->data)));
  }
  json_node_set_object (node, doc);

  analysis = reel_analysis_new_from_json (node, errors);
  if (analysis == NULL) {
    g_autofree gchar *what = g_strdup_printf ("%s: the analysis", run->name);

    reel_field_errors_propagate (errors, error, REEL_ANALYSE_ERROR,
        REEL_ANALYSE_ERROR_FAILED, what);
    return NULL;
  }
  /* The model's own form, in its order; a section that is null (the
   * analyser ran and found nothing to report, as beats without a steady
   * tempo) is read as absent, so it is put back. */
  {
    JsonNode *out = reel_analysis_to_json (analysis);
    g_autoptr (GList) names = json_object_get_members (sections);

    for (GList *l = names; l != NULL; l = l->next) {
      if (JSON_NODE_HOLDS_NULL (json_object_get_member (sections, l->data)))
        json_object_set_null_member (json_node_get_object (out), l->data);
    }
    return out;
  }
}

/* ---- the entry points --------------------------------------------------- */

/**
 * reel_analyse_media_id_from_path:
 * @path: a path or URI
 *
 * Returns: (transfer full): a valid media id made from the file's name:
 *   characters outside `[A-Za-z0-9._-]` become `-`, at most 128 of them
 */
gchar *
reel_analyse_media_id_from_path (const gchar *path)
{
  g_autofree gchar *base = g_path_get_basename (path);
  GString *id = g_string_new (NULL);

  for (const gchar *c = base; *c != '\0' && id->len < REEL_ID_MAX_LENGTH; c++) {
    if (g_ascii_isalnum (*c) || *c == '.' || *c == '_' || *c == '-')
      g_string_append_c (id, *c);
    else
      g_string_append_c (id, '-');
  }
  if (!reel_id_is_valid (id->str)) {
    g_string_free (id, TRUE);
    return g_strdup ("media");
  }
  return g_string_free (id, FALSE);
}

static gboolean
is_local_file (const gchar *uri, gchar **path)
{
  g_autofree gchar *scheme = g_uri_parse_scheme (uri);

  if (g_strcmp0 (scheme, "file") != 0)
    return FALSE;
  *path = g_filename_from_uri (uri, NULL, NULL);
  return *path != NULL;
}

/* Probes and checks the file; fills run->probe, run->uri, run->branches. */
static gboolean
prepare (Run *run, GError **error)
{
  const ReelAnalyseOptions *o = run->options;
  guint64 max_pixels =
      o->max_pixels > 0 ? o->max_pixels : REEL_ANALYSE_DEFAULT_MAX_PIXELS;
  ReelProbe *p;

  run->probe = reel_probe_file (run->name, o->probe_timeout, error);
  if (run->probe == NULL)
    return FALSE;
  p = run->probe;
  if (p->has_video
      && ((guint64) p->width * (guint64) p->height > max_pixels
          || p->width > 65536 || p->height > 65536)) {
    g_set_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_TOO_LARGE,
        "%s: declares %d×%d pictures, larger than reel analyses (at most "
        "%" G_GUINT64_FORMAT " pixels); refusing to decode it",
        run->name, p->width, p->height, max_pixels);
    return FALSE;
  }

  run->branches = g_ptr_array_new_with_free_func (branch_free);
  for (guint i = 0; i < run->request->entries->len; i++) {
    Entry *e = g_ptr_array_index (run->request->entries, i);
    gboolean has_stream =
        e->info->stream == REEL_STREAM_AUDIO ? p->has_audio : p->has_video;
    Branch *b;

    if (!has_stream || !reel_component_is_available (e->component, NULL))
      continue;
    b = g_new0 (Branch, 1);
    b->entry = e;
    b->messages =
        g_ptr_array_new_with_free_func ((GDestroyNotify) gst_structure_free);
    g_ptr_array_add (run->branches, b);
  }
  return TRUE;
}

static gboolean
run_init (Run *run, const gchar *path_or_uri, ReelAnalyseRequest *request,
    const ReelAnalyseOptions *options, GError **error)
{
  run->name = path_or_uri;
  run->request = request;
  run->options = options;
  run->position = GST_CLOCK_TIME_NONE;
  run->decoded[0] = run->decoded[1] = GST_CLOCK_TIME_NONE;
  run->reached = GST_CLOCK_TIME_NONE;
  g_mutex_init (&run->lock);
  run->reported = -1;
  run->missing_plugins = g_string_new (NULL);
  run->uri = reel_probe_make_uri (path_or_uri, error);
  return run->uri != NULL;
}

/**
 * reel_analyse_print_pipeline:
 * @path_or_uri: the file
 * @request: what to run
 * @options: (nullable): how (only the probe settings are read)
 * @error: return location for a #GError
 *
 * Probes the file and builds the pipeline reel_analyse_file() would run,
 * without running it, and prints it.
 *
 * Returns: (transfer full): a `gst-launch-1.0 -e …` command for a POSIX
 *   shell; reel elements need `GST_PLUGIN_PATH` pointing at reel's plugin
 *   folder
 */
gchar *
reel_analyse_print_pipeline (const gchar *path_or_uri,
    ReelAnalyseRequest *request, const ReelAnalyseOptions *options,
    GError **error)
{
  static const ReelAnalyseOptions defaults = { 0 };
  Run run = { 0 };
  g_autofree gchar *line = NULL;
  gchar *cmd = NULL;

  g_return_val_if_fail (path_or_uri != NULL && request != NULL, NULL);

  if (run_init (&run, path_or_uri, request, options ? options : &defaults,
          error)
      && prepare (&run, error) && build_pipeline (&run, error)) {
    line = reel_launch_line_from_element (run.pipeline);
    cmd = reel_launch_line_to_shell_command (line);
  }
  run_clear (&run);
  return cmd;
}

/**
 * reel_analyse_result_free:
 * @result: (nullable) (transfer full): a result
 */
void
reel_analyse_result_free (ReelAnalyseResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->document, json_node_unref);
  g_free (result->folder);
  g_free (result->key);
  g_free (result);
}

static ReelAnalyseResult *
cached_result (JsonNode *doc, const gchar *media_id, ReelAnalysisCache *cache,
    const gchar *key)
{
  ReelAnalyseResult *r = g_new0 (ReelAnalyseResult, 1);

  /* The same bytes under another name: the document is about this one. */
  json_object_set_string_member (json_node_get_object (doc), "media", media_id);
  r->document = json_node_ref (doc);
  r->cached = TRUE;
  r->folder = reel_analysis_cache_get_folder (cache, key);
  r->key = g_strdup (key);
  return r;
}

/**
 * reel_analyse_file:
 * @path_or_uri: the file: a local path or a URI
 * @request: what to run
 * @options: (nullable): how; %NULL for the defaults
 * @error: return location for a #GError
 *
 * Analyses one file in one decode pass, or returns the cached analysis of
 * the same bytes made for the same request. Blocks until done; runs a main
 * context of its own, so call it from any thread, one file at a time per
 * thread. GStreamer must be initialised.
 *
 * Returns: (transfer full): the result, or %NULL with @error set: a
 *   %REEL_PROBE_ERROR when the file cannot be read or is not media, a
 *   %REEL_ANALYSE_ERROR when analysing fails, %G_IO_ERROR_CANCELLED when
 *   cancelled. Every message begins with @path_or_uri.
 */
ReelAnalyseResult *
reel_analyse_file (const gchar *path_or_uri, ReelAnalyseRequest *request,
    const ReelAnalyseOptions *options, GError **error)
{
  static const ReelAnalyseOptions defaults = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  Run run = { 0 };
  g_autoptr (ReelAnalysisCache) cache = NULL;
  g_autoptr (JsonNode) request_json = NULL;
  g_autoptr (JsonNode) doc = NULL;
  g_autofree gchar *path = NULL;
  g_autofree gchar *key = NULL;
  g_autofree gchar *media_id = NULL;
  g_autofree gchar *staging = NULL;
  g_autofree gchar *files_dir = NULL;
  g_autofree gchar *final_dir = NULL;
  gboolean made_dir = FALSE;
  ReelAnalyseResult *result = NULL;

  g_return_val_if_fail (path_or_uri != NULL && request != NULL, NULL);
  g_return_val_if_fail (gst_is_initialized (), NULL);
  if (options == NULL)
    options = &defaults;

  reel_decoders_init ();

  if (!run_init (&run, path_or_uri, request, options, error))
    goto out;
  media_id = options->media_id != NULL
                 ? g_strdup (options->media_id)
                 : reel_analyse_media_id_from_path (path_or_uri);
  report (&run, 0.0);

  /* The cache first: a hit costs one read of the file. */
  if (!options->no_cache && is_local_file (run.uri, &path)) {
    g_autoptr (GError) local = NULL;
    g_autofree gchar *hash = NULL;
    g_autofree gchar *scheme = g_uri_parse_scheme (path_or_uri);

    if (!reel_probe_check_file (scheme != NULL ? path : path_or_uri, NULL,
            error))
      goto out;
    hash = reel_analysis_cache_hash_file (path, options->cancellable, &local);
    if (hash == NULL) {
      g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
    cache = reel_analysis_cache_new (options->cache_dir);
    request_json = reel_analyse_request_to_json (request);
    key = reel_analysis_cache_make_key (hash, request_json);
    if (!options->refresh) {
      g_autoptr (JsonNode) hit = reel_analysis_cache_lookup (cache, key);

      if (hit != NULL) {
        g_info ("%s: cached analysis %s", path_or_uri, key);
        result = cached_result (hit, media_id, cache, key);
        report (&run, 1.0);
        goto out;
      }
    }
  }

  if (!prepare (&run, error))
    goto out;

  /* Where the files analysers keep go. */
  if (cache != NULL) {
    g_autoptr (GError) local = NULL;

    staging = reel_analysis_cache_begin (cache, key, &local);
    if (staging != NULL) {
      files_dir = g_strdup (staging);
      final_dir = reel_analysis_cache_get_folder (cache, key);
    } else {
      g_message ("%s: the result will not be cached: %s", path_or_uri,
          local->message);
      g_clear_pointer (&cache, reel_analysis_cache_free);
    }
  }
  if (files_dir == NULL) {
    if (options->output_dir != NULL) {
      files_dir = g_canonicalize_filename (options->output_dir, NULL);
      if (g_mkdir_with_parents (files_dir, 0755) != 0) {
        int err = errno;

        g_set_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_FAILED,
            "cannot make the output folder %s: %s", files_dir,
            g_strerror (err));
        goto out;
      }
    } else {
      files_dir = g_dir_make_tmp ("reel-analysis-XXXXXX", error);
      if (files_dir == NULL)
        goto out;
      made_dir = TRUE;
    }
    final_dir = g_strdup (files_dir);
  }

  if (run.branches->len > 0) {
    if (!build_pipeline (&run, error))
      goto out;
    if (!run_pipeline (&run)) {
      g_propagate_error (error, g_steal_pointer (&run.error));
      goto out;
    }
    /* End-of-stream well before the declared end: the file stops early. */
    if (GST_CLOCK_TIME_IS_VALID (run.probe->duration)
        && GST_CLOCK_TIME_IS_VALID (run.reached)
        && run.reached
                   + MAX (INCOMPLETE_SLACK,
                       INCOMPLETE_FRACTION * run.probe->duration)
               < run.probe->duration) {
      g_set_error (error, REEL_ANALYSE_ERROR, REEL_ANALYSE_ERROR_INCOMPLETE,
          "%s: decoding stopped at %.1f s of the %.1f s the file declares; "
          "it is truncated or damaged",
          path_or_uri, seconds (run.reached), seconds (run.probe->duration));
      goto out;
    }
  }

  doc = assemble (&run, media_id, files_dir, final_dir, error);
  if (doc == NULL)
    goto out;

  result = g_new0 (ReelAnalyseResult, 1);
  result->key = g_strdup (key);
  if (cache != NULL) {
    g_autoptr (GError) local = NULL;

    if (reel_analysis_cache_commit (cache, key, staging, doc, request_json,
            &local)) {
      result->folder = g_strdup (final_dir);
    } else {
      g_message ("%s: %s", path_or_uri, local->message);
    }
    g_clear_pointer (&staging, g_free); /* consumed either way */
  } else {
    result->folder = g_strdup (final_dir);
  }
  result->document = g_steal_pointer (&doc);
  report (&run, 1.0);

out:
  if (staging != NULL)
    reel_analysis_cache_abort (staging);
  /* A folder made for files that no analyser kept, or for a run that
   * failed, is not left behind. */
  if (made_dir && (result == NULL || g_rmdir (files_dir) == 0)) {
    reel_remove_tree (files_dir);
    if (result != NULL)
      g_clear_pointer (&result->folder, g_free);
  }
  run_clear (&run);
  if (result != NULL)
    result->seconds = (g_get_monotonic_time () - t0) / (gdouble) G_USEC_PER_SEC;
  return result;
}
