/* reel — the registry's records, shared by reel-registry.c (loading and
 * listing) and reel-contexts.c (running components). Never installed. */
#pragma once

#include "reel-registry.h"

G_BEGIN_DECLS

struct _ReelPlugin {
  ReelRegistry *registry; /* unowned back-pointer */
  gchar *filename;
  GModule *module;            /* resident once loaded */
  const ReelPluginDesc *desc; /* points into the module */
  GPtrArray *components;      /* ReelComponent, owned by the registry */
};

struct _ReelComponent {
  ReelComponentKind kind;
  ReelPlugin *plugin;
  gchar *name;
  gchar *description;
  ReelParamSchema *params; /* owned ref, never NULL */
  GStrv elements;          /* every element factory it needs */
  GStrv requires;          /* generators: analyses it reads */
  gpointer user_data;
  gchar *unavailable; /* why it cannot run, or NULL */
  union {
    ReelAnalyserInfo analyser;
    ReelGeneratorInfo generator;
    ReelRendererInfo renderer;
    ReelEffectInfo effect;
  } info;
};

G_END_DECLS
