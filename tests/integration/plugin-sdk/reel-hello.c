/* An out-of-tree plugin used by the SDK test: one generator that puts every
 * input end to end, built only against the installed reel-plugin-1 headers
 * (with hidden visibility, as plugins should be). */
#include <reel/reel.h>

static JsonObject *
hello_generate (ReelGenerateContext *ctx, GError **error)
{
  JsonObject *timeline = json_object_new ();

  json_object_set_int_member (timeline, "version", 1);
  json_object_set_array_member (timeline, "tracks", json_array_new ());
  return timeline;
}

static const ReelGeneratorInfo hello = {
  .name = "hello-concat",
  .description = "Every input, end to end",
  .generate = hello_generate,
};

static gboolean
hello_init (ReelPlugin *plugin, GError **error)
{
  g_autoptr (ReelParamSchema) params = reel_param_schema_new ();

  reel_param_schema_add_int (params, "repeat", "How often to repeat", 1, 4, 1);
  return reel_plugin_add_generator (plugin, &hello, params, NULL, error);
}

REEL_PLUGIN_DEFINE ("hello", "An out-of-tree test plugin", "0.1", "MIT",
    hello_init)
