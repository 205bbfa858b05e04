/* reel — printing a built GStreamer graph as a gst-launch-1.0 line.
 *
 * A pipeline reel runs is built from a template (pipelines/) and then
 * extended in code by element name — the analysis runner hangs one branch
 * per analyser off the template's tees. reel_launch_line_from_element()
 * walks what was actually built and prints it in gst-launch syntax, so
 * `reel analyze FILE --print-pipeline` shows the whole graph, branches
 * included, ready to paste into a terminal and debug with GST_DEBUG.
 *
 * It prints chains of linked elements (`a ! b ! c`), every further output of
 * an element as a branch from its name (`t. ! d`), each element's factory,
 * its name unless it is an automatic one, and every property whose value
 * differs from the property's default. A property that holds an element (a
 * playbin sink) is printed as a quoted bin description, as gst-launch-1.0
 * reads it; caps as quoted caps strings. Properties that cannot be written
 * as text (other objects, pointers) are left out.
 */
#pragma once

#include <reel/reel-prelude.h>
#include <gst/gst.h>

G_BEGIN_DECLS

REEL_API gchar *
reel_launch_line_from_element (GstElement *element) G_GNUC_WARN_UNUSED_RESULT;
REEL_API gchar *
reel_launch_line_to_shell_command (const gchar *line) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
