/* reel — `reel validate FILE…`: checks timeline, job, media and analysis
 * documents. Each error is printed as `FILE: path: message`, the same field
 * paths the API returns in a 422, and the exit status is 1 when any file is
 * invalid. Effects and generators a timeline names are checked against the
 * loaded plugins too, parameters included. */
#include "reel-commands.h"
#include "reel-model.h"
#include "reel-registry.h"
#include "reel-json.h"

#include <stdio.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>

/* A timeline names effects (on clips) and the generator that made it; both
 * must exist, and their parameters fit their schemas. */
static void
check_components (JsonObject *timeline, ReelFieldErrors *errors)
{
  ReelRegistry *registry = reel_registry_get_default ();
  JsonArray *tracks;

  if (json_object_has_member (timeline, "generator")
      && JSON_NODE_HOLDS_OBJECT (
          json_object_get_member (timeline, "generator"))) {
    JsonObject *gen = json_object_get_object_member (timeline, "generator");
    const gchar *name =
        json_object_get_string_member_with_default (gen, "name", NULL);
    g_autoptr (GError) error = NULL;
    ReelComponent *c = name ? reel_registry_lookup (registry,
                           REEL_COMPONENT_GENERATOR, name, &error)
                            : NULL;

    if (name != NULL && c == NULL)
      reel_field_errors_add (errors, "generator.name", "%s", error->message);
    else if (c != NULL) {
      g_autoptr (JsonObject) checked = reel_component_validate_params (c,
          json_object_get_member (gen, "params"), "generator.params", errors);
    }
  }

  if (!json_object_has_member (timeline, "tracks")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (timeline, "tracks")))
    return;
  tracks = json_object_get_array_member (timeline, "tracks");
  for (guint t = 0; t < json_array_get_length (tracks); t++) {
    JsonNode *tn = json_array_get_element (tracks, t);
    JsonArray *clips;

    if (!JSON_NODE_HOLDS_OBJECT (tn)
        || !json_object_has_member (json_node_get_object (tn), "clips")
        || !JSON_NODE_HOLDS_ARRAY (
            json_object_get_member (json_node_get_object (tn), "clips")))
      continue;
    clips = json_object_get_array_member (json_node_get_object (tn), "clips");
    for (guint c = 0; c < json_array_get_length (clips); c++) {
      JsonNode *cn = json_array_get_element (clips, c);
      JsonArray *effects;

      if (!JSON_NODE_HOLDS_OBJECT (cn)
          || !json_object_has_member (json_node_get_object (cn), "effects")
          || !JSON_NODE_HOLDS_ARRAY (
              json_object_get_member (json_node_get_object (cn), "effects")))
        continue;
      effects =
          json_object_get_array_member (json_node_get_object (cn), "effects");
      for (guint e = 0; e < json_array_get_length (effects); e++) {
        JsonNode *en = json_array_get_element (effects, e);
        g_autofree gchar *path =
            g_strdup_printf ("tracks[%u].clips[%u].effects[%u]", t, c, e);
        g_autofree gchar *name_path = reel_path_member (path, "name");
        g_autofree gchar *params_path = reel_path_member (path, "params");
        g_autoptr (GError) error = NULL;
        const gchar *name;
        ReelComponent *comp;

        if (!JSON_NODE_HOLDS_OBJECT (en))
          continue;
        name =
            json_object_get_string_member_with_default (json_node_get_object (
                                                            en),
                "name", NULL);
        if (name == NULL)
          continue; /* the model reports it */
        comp = reel_registry_lookup (registry, REEL_COMPONENT_EFFECT, name,
            &error);
        if (comp == NULL) {
          reel_field_errors_add (errors, name_path, "%s", error->message);
        } else {
          g_autoptr (JsonObject) checked = reel_component_validate_params (comp,
              json_object_get_member (json_node_get_object (en), "params"),
              params_path, errors);
        }
      }
    }
  }
}

static gboolean
validate_one (const gchar *filename, const gchar *forced_kind,
    gboolean check_plugins, gboolean json, JsonArray *report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  ReelDocumentKind kind = REEL_DOCUMENT_UNKNOWN;
  JsonObject *entry = json_object_new ();
  gboolean valid;

  json_array_add_object_element (report, entry);
  json_object_set_string_member (entry, "file", filename);

  if (g_str_equal (filename, "-")) {
    g_autoptr (GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
    g_autoptr (JsonParser) parser = json_parser_new_immutable ();

    if (json_parser_load_from_stream (parser, in, NULL, &error))
      root = json_parser_steal_root (parser);
    else
      g_prefix_error (&error, "standard input: not valid JSON: ");
  } else {
    root = reel_json_load_file (filename, &error);
  }
  if (root == NULL) {
    reel_field_errors_add (errors, NULL, "%s", error->message);
  } else {
    if (forced_kind != NULL) {
      for (kind = REEL_DOCUMENT_MEDIA; kind <= REEL_DOCUMENT_JOB; kind++) {
        if (g_str_equal (reel_document_kind_to_string (kind), forced_kind))
          break;
      }
    } else {
      kind = reel_document_detect_kind (root);
    }
    if (kind == REEL_DOCUMENT_UNKNOWN || kind > REEL_DOCUMENT_JOB) {
      kind = REEL_DOCUMENT_UNKNOWN;
      reel_field_errors_add (errors, NULL,
          "cannot tell what kind of "
          "document this is (a timeline has \"tracks\", a job \"type\" and "
          "\"status\"); name it with --kind");
    } else if (reel_document_validate (root, kind, errors) && check_plugins
               && kind == REEL_DOCUMENT_TIMELINE) {
      check_components (json_node_get_object (root), errors);
    }
  }

  valid = reel_field_errors_get_count (errors) == 0;
  json_object_set_string_member (entry, "kind",
      kind == REEL_DOCUMENT_UNKNOWN ? "unknown"
                                    : reel_document_kind_to_string (kind));
  json_object_set_boolean_member (entry, "valid", valid);
  json_object_set_member (entry, "errors", reel_field_errors_to_json (errors));

  if (json)
    return valid;
  if (valid) {
    g_print ("%s: valid %s\n", filename, reel_document_kind_to_string (kind));
  } else {
    for (guint i = 0; i < reel_field_errors_get_count (errors); i++) {
      const gchar *path = reel_field_errors_get_path (errors, i);

      g_printerr ("%s: %s%s%s\n", filename, path, path[0] != '\0' ? ": " : "",
          reel_field_errors_get_message (errors, i));
    }
  }
  return valid;
}

int
reel_cmd_validate (int argc, char **argv)
{
  gboolean json = FALSE;
  gboolean no_plugins = FALSE;
  gchar *kind = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
        "The document's kind, when it cannot be told from its members",
        "timeline|job|media|analysis" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
        "Print a JSON report of every file on standard output", NULL },
    { "no-plugins", 0, 0, G_OPTION_ARG_NONE, &no_plugins,
        "Do not check effect and generator names against loaded plugins",
        NULL },
    { NULL }
  };
  g_autoptr (JsonArray) report = json_array_new ();
  gboolean all_valid = TRUE;

  if (!reel_command_parse ("validate", "FILE…",
          "Check timeline, job, media "
          "and analysis documents (\"-\" reads standard input).\n\n"
          "Every error is printed as FILE: field.path: message. The exit "
          "status is 0 when every file is valid, 1 when any is not.",
          entries, &argc, &argv))
    return REEL_EXIT_USAGE;
  if (argc < 2) {
    g_printerr ("reel validate: name at least one FILE\n");
    return REEL_EXIT_USAGE;
  }
  if (kind != NULL && !g_str_equal (kind, "timeline")
      && !g_str_equal (kind, "job") && !g_str_equal (kind, "media")
      && !g_str_equal (kind, "analysis")) {
    g_printerr ("reel validate: --kind must be timeline, job, media or "
                "analysis, not '%s'\n",
        kind);
    return REEL_EXIT_USAGE;
  }

  for (int i = 1; i < argc; i++)
    all_valid &= validate_one (argv[i], kind, !no_plugins, json, report);

  if (json) {
    g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);
    g_autofree gchar *text = NULL;

    json_node_set_array (node, report);
    text = reel_json_to_string (node, TRUE);
    g_print ("%s\n", text);
  }
  g_free (kind);
  return all_valid ? REEL_EXIT_OK : REEL_EXIT_FAILED;
}
