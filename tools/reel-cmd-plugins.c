/* reel — `reel plugins`: lists the loaded plugins, their analysers,
 * generators, renderers and effects with their parameters, and the modules
 * that were refused and why. `--json` prints what `GET /v1/plugins` serves. */
#include "reel-commands.h"
#include "reel-registry.h"
#include "reel-json.h"

#include <stdio.h>

static void
print_params (JsonObject *schema)
{
  JsonObject *props = json_object_get_object_member (schema, "properties");
  g_autoptr (GList) names = json_object_get_members (props);

  for (GList *l = names; l != NULL; l = l->next) {
    JsonObject *p = json_object_get_object_member (props, l->data);
    g_autoptr (JsonNode) def = NULL;
    g_autofree gchar *def_text = NULL;
    g_autoptr (GString) range = g_string_new (NULL);

    if (json_object_has_member (p, "default"))
      def_text =
          reel_json_to_string (json_object_get_member (p, "default"), FALSE);
    if (json_object_has_member (p, "minimum")) {
      g_autofree gchar *lo =
          reel_json_to_string (json_object_get_member (p, "minimum"), FALSE);
      g_autofree gchar *hi =
          reel_json_to_string (json_object_get_member (p, "maximum"), FALSE);

      g_string_printf (range, " %s…%s", lo, hi);
    } else if (json_object_has_member (p, "enum")) {
      JsonArray *choices = json_object_get_array_member (p, "enum");

      g_string_append (range, " {");
      for (guint i = 0; i < json_array_get_length (choices); i++)
        g_string_append_printf (range, "%s%s", i ? "|" : "",
            json_array_get_string_element (choices, i));
      g_string_append (range, "}");
    }
    if (json_object_has_member (p, "x-unit"))
      g_string_append_printf (range, " %s",
          json_object_get_string_member (p, "x-unit"));
    g_print ("        %-18s %s%s (default %s) — %s\n", (gchar *) l->data,
        json_object_get_string_member (p, "type"), range->str,
        def_text ? def_text : "none: required",
        json_object_get_string_member (p, "description"));
  }
}

static void
print_human (JsonObject *root)
{
  static const gchar *const kinds[] = { "analysers", "generators", "renderers",
    "effects" };
  JsonArray *plugins = json_object_get_array_member (root, "plugins");
  JsonArray *errors = json_object_get_array_member (root, "errors");

  if (json_array_get_length (plugins) == 0)
    g_print ("No plugins loaded (set REEL_PLUGIN_PATH to a folder of "
             "plugins).\n");
  for (guint i = 0; i < json_array_get_length (plugins); i++) {
    JsonObject *p = json_array_get_object_element (plugins, i);

    g_print ("%s %s — %s\n  %s\n", json_object_get_string_member (p, "name"),
        json_object_get_string_member (p, "version"),
        json_object_get_string_member (p, "description"),
        json_object_get_string_member (p, "filename"));
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++) {
      JsonArray *list = json_object_get_array_member (p, kinds[k]);

      if (json_array_get_length (list) == 0)
        continue;
      g_print ("  %s:\n", kinds[k]);
      for (guint c = 0; c < json_array_get_length (list); c++) {
        JsonObject *comp = json_array_get_object_element (list, c);

        g_print ("    %s — %s%s%s\n",
            json_object_get_string_member (comp, "name"),
            json_object_get_string_member (comp, "description"),
            json_object_get_boolean_member (comp, "available")
                ? ""
                : "\n      UNAVAILABLE: ",
            json_object_get_boolean_member (comp, "available")
                ? ""
                : json_object_get_string_member (comp, "unavailable_reason"));
        print_params (json_object_get_object_member (comp, "params"));
      }
    }
  }
  for (guint i = 0; i < json_array_get_length (errors); i++) {
    JsonObject *e = json_array_get_object_element (errors, i);

    g_print ("%sRefused: %s\n", i == 0 ? "\n" : "",
        json_object_get_string_member (e, "message"));
  }
}

int
reel_cmd_plugins (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
        "Print JSON, as GET /v1/plugins serves it", NULL },
    { NULL }
  };
  g_autoptr (JsonNode) root = NULL;
  g_autofree gchar *text = NULL;

  if (!reel_command_parse ("plugins", "",
          "List the loaded plugins and the "
          "analysers, generators, renderers and effects they provide.\n\n"
          "Plugins are loaded from REEL_PLUGIN_PATH (colon-separated "
          "folders), then reel's own plugin folder.",
          entries, &argc, &argv))
    return REEL_EXIT_USAGE;
  if (argc > 1) {
    g_printerr ("reel plugins: unexpected argument '%s'\n", argv[1]);
    return REEL_EXIT_USAGE;
  }

  root = reel_registry_to_json (reel_registry_get_default ());
  if (json) {
    text = reel_json_to_string (root, TRUE);
    g_print ("%s\n", text);
  } else {
    print_human (json_node_get_object (root));
  }
  return REEL_EXIT_OK;
}
