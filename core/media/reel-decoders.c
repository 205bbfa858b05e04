/* reel — decoder preferences; see reel-decoders.h for why. */
#include "reel-decoders.h"

#include <gst/gst.h>

GST_DEBUG_CATEGORY_STATIC (reel_decoders_debug);
#define GST_CAT_DEFAULT reel_decoders_debug

/* Decoders reel must not pick while a better one is installed. */
static const gchar *const demoted[] = {
  "faad", /* drops AAC priming a second time */
};

/**
 * reel_decoders_init:
 *
 * Demotes the decoders in the table above to marginal rank, so that
 * decodebin and playbin choose the exact one. Safe to call many times, from
 * any thread, after gst_init().
 */
void
reel_decoders_init (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;

  GST_DEBUG_CATEGORY_INIT (reel_decoders_debug, "reeldecoders", 0,
      "reel decoder preferences");
  for (guint i = 0; i < G_N_ELEMENTS (demoted); i++) {
    g_autoptr (GstPluginFeature) feature =
        gst_registry_lookup_feature (gst_registry_get (), demoted[i]);

    if (feature == NULL)
      continue;
    GST_INFO ("demoting %s to marginal rank", demoted[i]);
    gst_plugin_feature_set_rank (feature, GST_RANK_MARGINAL);
  }
  g_once_init_leave (&done, 1);
}
