/* reel — the umbrella header of the plugin SDK. A plugin includes this one
 * header and links with `pkg-config --cflags --libs reel-plugin-1`. */
#pragma once

#define __REEL_H_INSIDE__

#include <reel/reel-prelude.h>
#include <reel/reel-version.h>
#include <reel/reel-param.h>
#include <reel/reel-plugin.h>

#undef __REEL_H_INSIDE__
