/* reel — printing a built graph in gst-launch syntax; see reel-launch-line.h.
 *
 * The walk follows links, not the order a bin keeps its children in: a bin
 * that was made from a description with a ghost sink pad starts at the
 * ghost pad's target; any other bin starts at its sources (elements with no
 * linked sink pad) in the order they were added. From each element the
 * first linked output continues the chain; the others are printed after it
 * as `NAME. ! …` branches, in pad order, so a tee's request pads come back
 * in the same order when gst-launch-1.0 parses the line.
 */
#include "reel-launch-line.h"
#include "reel-json.h"

#include <string.h>

static void describe_bin (GstBin *bin, GString *out);
static void
describe_element (GstElement *element, GString *out, gboolean with_name);

/* Whether @s is safe to print unquoted in a gst-launch value. */
static gboolean
is_plain (const gchar *s)
{
  if (s[0] == '\0')
    return FALSE;
  return strspn (s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789_.+-/:")
         == strlen (s);
}

static void
append_quoted (GString *out, const gchar *s)
{
  g_string_append_c (out, '"');
  for (const gchar *c = s; *c != '\0'; c++) {
    if (*c == '"' || *c == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, *c);
  }
  g_string_append_c (out, '"');
}

/* An automatic name, `<factory><digits>`, which need not be printed. */
static gboolean
has_automatic_name (GstElement *element)
{
  GstElementFactory *factory = gst_element_get_factory (element);
  const gchar *name = GST_OBJECT_NAME (element);
  const gchar *fname;
  gsize len;

  if (factory == NULL)
    return FALSE;
  fname = GST_OBJECT_NAME (factory);
  len = strlen (fname);
  if (strncmp (name, fname, len) != 0 || name[len] == '\0')
    return FALSE;
  for (const gchar *c = name + len; *c != '\0'; c++) {
    if (!g_ascii_isdigit (*c))
      return FALSE;
  }
  return TRUE;
}

/* The value as gst-launch reads it, or NULL when it cannot be written. */
static gchar *
value_to_text (const GValue *value, gboolean *quote)
{
  GType type = G_VALUE_TYPE (value);
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  *quote = FALSE;
  if (g_type_is_a (type, GST_TYPE_ELEMENT)) {
    GstElement *element = g_value_get_object (value);
    GString *out = g_string_new (NULL);

    if (GST_IS_BIN (element) && !GST_IS_PIPELINE (element))
      describe_bin (GST_BIN (element), out);
    else
      describe_element (element, out, FALSE);
    *quote = TRUE;
    return g_string_free (out, FALSE);
  }
  if (type == GST_TYPE_CAPS) {
    const GstCaps *caps = gst_value_get_caps (value);

    *quote = TRUE;
    return caps != NULL ? gst_caps_to_string (caps) : NULL;
  }
  if (type == G_TYPE_STRING) {
    const gchar *s = g_value_get_string (value);

    *quote = TRUE;
    return s != NULL ? g_strdup (s) : NULL;
  }
  if (type == G_TYPE_DOUBLE)
    return g_strdup (reel_json_format_double (buf, g_value_get_double (value)));
  if (type == G_TYPE_FLOAT) {
    gfloat f = g_value_get_float (value);

    g_ascii_formatd (buf, sizeof buf, "%.9g", f);
    return g_strdup (buf);
  }
  /* Nicks, which read better than value names and parse the same. */
  if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_ENUM) {
    GEnumClass *klass = g_type_class_ref (type);
    GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));
    gchar *text = ev != NULL ? g_strdup (ev->value_nick)
                             : g_strdup_printf ("%d", g_value_get_enum (value));

    g_type_class_unref (klass);
    *quote = !is_plain (text);
    return text;
  }
  if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_FLAGS) {
    GFlagsClass *klass = g_type_class_ref (type);
    guint flags = g_value_get_flags (value);
    GString *text = g_string_new (NULL);

    for (guint i = 0; i < klass->n_values; i++) {
      GFlagsValue *fv = &klass->values[i];

      /* Single bits only: a combined value would print its bits twice. */
      if (fv->value != 0 && (fv->value & (fv->value - 1)) == 0
          && (flags & fv->value) == fv->value) {
        g_string_append_printf (text, "%s%s", text->len > 0 ? "+" : "",
            fv->value_nick);
        flags &= ~fv->value;
      }
    }
    if (flags != 0 || text->len == 0)
      g_string_append_printf (text, "%s0x%x", text->len > 0 ? "+" : "", flags);
    g_type_class_unref (klass);
    *quote = !is_plain (text->str);
    return g_string_free (text, FALSE);
  }
  if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_OBJECT
      || G_TYPE_FUNDAMENTAL (type) == G_TYPE_POINTER
      || G_TYPE_FUNDAMENTAL (type) == G_TYPE_BOXED)
    return NULL;
  {
    gchar *text = gst_value_serialize (value);

    if (text != NULL && !is_plain (text))
      *quote = TRUE;
    return text;
  }
}

static void
append_properties (GstElement *element, GString *out)
{
  guint n = 0;
  GParamSpec **specs =
      g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n);

  for (guint i = 0; i < n; i++) {
    GParamSpec *pspec = specs[i];
    g_auto (GValue) value = G_VALUE_INIT;
    g_auto (GValue) def = G_VALUE_INIT;
    g_autofree gchar *text = NULL;
    gboolean quote;

    if ((pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE
        || (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
        || (pspec->flags & G_PARAM_DEPRECATED)
        || g_str_equal (pspec->name, "name")
        || g_str_equal (pspec->name, "parent"))
      continue;
    g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
    g_object_get_property (G_OBJECT (element), pspec->name, &value);
    g_value_init (&def, G_PARAM_SPEC_VALUE_TYPE (pspec));
    g_param_value_set_default (pspec, &def);
    if (g_param_values_cmp (pspec, &value, &def) == 0)
      continue;
    text = value_to_text (&value, &quote);
    if (text == NULL)
      continue;
    g_string_append_printf (out, " %s=", pspec->name);
    if (quote)
      append_quoted (out, text);
    else
      g_string_append (out, text);
  }
  g_free (specs);
}

static void
describe_element (GstElement *element, GString *out, gboolean with_name)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  g_string_append (out, factory != NULL ? GST_OBJECT_NAME (factory) : "bin");
  if (with_name || !has_automatic_name (element))
    g_string_append_printf (out, " name=%s", GST_OBJECT_NAME (element));
  append_properties (element, out);
}

/* The element on the other side of @pad inside @bin, or NULL. */
static GstElement *
peer_in_bin (GstPad *pad, GstBin *bin)
{
  g_autoptr (GstPad) peer = gst_pad_get_peer (pad);
  GstObject *parent;

  if (peer == NULL)
    return NULL;
  parent = GST_OBJECT_PARENT (peer);
  if (parent == NULL || !GST_IS_ELEMENT (parent)
      || GST_OBJECT_PARENT (parent) != GST_OBJECT (bin))
    return NULL;
  return GST_ELEMENT (parent);
}

static GList *
src_pads (GstElement *element)
{
  GList *pads = NULL;

  GST_OBJECT_LOCK (element);
  for (GList *l = element->srcpads; l != NULL; l = l->next)
    pads = g_list_prepend (pads, gst_object_ref (l->data));
  GST_OBJECT_UNLOCK (element);
  return g_list_reverse (pads);
}

/* Whether more than one output of @element is linked: it will be named in
 * branches. */
static gboolean
is_branching (GstElement *element, GstBin *bin)
{
  GList *pads = src_pads (element);
  guint linked = 0;

  for (GList *l = pads; l != NULL; l = l->next)
    linked += peer_in_bin (l->data, bin) != NULL;
  g_list_free_full (pads, gst_object_unref);
  return linked > 1;
}

typedef struct {
  GstElement *from;
  GstElement *to;
} Branch;

static void
print_chain (GstBin *bin, GstElement *start, GHashTable *printed,
    GQueue *branches, GString *out)
{
  GstElement *element = start;

  while (element != NULL) {
    GList *pads;
    GstElement *next = NULL;

    describe_element (element, out, is_branching (element, bin));
    g_hash_table_add (printed, element);
    pads = src_pads (element);
    for (GList *l = pads; l != NULL; l = l->next) {
      GstElement *peer = peer_in_bin (l->data, bin);

      if (peer == NULL)
        continue;
      if (next == NULL && !g_hash_table_contains (printed, peer)) {
        next = peer;
      } else {
        Branch *b = g_new (Branch, 1);

        b->from = element;
        b->to = peer;
        g_queue_push_tail (branches, b);
      }
    }
    g_list_free_full (pads, gst_object_unref);
    if (next != NULL)
      g_string_append (out, " ! ");
    element = next;
  }
}

/* Whether an element of @bin feeds @element: then the walk reaches it from
 * there. */
static gboolean
has_upstream_in_bin (GstElement *element, GstBin *bin)
{
  GList *pads = NULL;
  gboolean found = FALSE;

  GST_OBJECT_LOCK (element);
  for (GList *l = element->sinkpads; l != NULL; l = l->next)
    pads = g_list_prepend (pads, gst_object_ref (l->data));
  GST_OBJECT_UNLOCK (element);
  for (GList *l = pads; l != NULL && !found; l = l->next)
    found = peer_in_bin (l->data, bin) != NULL;
  g_list_free_full (pads, gst_object_unref);
  return found;
}

static void
print_from (GstBin *bin, GstElement *start, GHashTable *printed, GString *out)
{
  GQueue branches = G_QUEUE_INIT;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  print_chain (bin, start, printed, &branches, out);
  while (!g_queue_is_empty (&branches)) {
    Branch *b = g_queue_pop_head (&branches);

    g_string_append_printf (out, " %s. ! ", GST_OBJECT_NAME (b->from));
    if (g_hash_table_contains (printed, b->to))
      g_string_append_printf (out, "%s.", GST_OBJECT_NAME (b->to));
    else
      print_chain (bin, b->to, printed, &branches, out);
    g_free (b);
  }
}

static void
describe_bin (GstBin *bin, GString *out)
{
  g_autoptr (GHashTable) printed = g_hash_table_new (NULL, NULL);
  g_autoptr (GstPad) ghost =
      gst_element_get_static_pad (GST_ELEMENT (bin), "sink");
  GList *children = NULL;

  /* bin->children is newest first: prepending gives the order added. */
  GST_OBJECT_LOCK (bin);
  for (GList *l = bin->children; l != NULL; l = l->next)
    children = g_list_prepend (children, gst_object_ref (l->data));
  GST_OBJECT_UNLOCK (bin);

  if (ghost != NULL && GST_IS_GHOST_PAD (ghost)) {
    g_autoptr (GstPad) target =
        gst_ghost_pad_get_target (GST_GHOST_PAD (ghost));
    GstObject *parent = target != NULL ? GST_OBJECT_PARENT (target) : NULL;

    if (parent != NULL && GST_IS_ELEMENT (parent))
      print_from (bin, GST_ELEMENT (parent), printed, out);
  }
  for (GList *l = children; l != NULL; l = l->next) {
    if (!g_hash_table_contains (printed, l->data)
        && !has_upstream_in_bin (l->data, bin))
      print_from (bin, l->data, printed, out);
  }
  /* Whatever is left is only reachable through a loop; print it alone
   * rather than lose it. */
  for (GList *l = children; l != NULL; l = l->next) {
    if (!g_hash_table_contains (printed, l->data))
      print_from (bin, l->data, printed, out);
  }
  g_list_free_full (children, gst_object_unref);
}

/**
 * reel_launch_line_from_element:
 * @element: a pipeline (its children are printed), a bin, or one element
 *
 * Prints what @element holds as one gst-launch-1.0 description. The
 * pipeline's own properties are not printed: gst-launch-1.0 makes its own.
 *
 * Returns: (transfer full): the description
 */
gchar *
reel_launch_line_from_element (GstElement *element)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (GST_IS_ELEMENT (element), NULL);

  if (GST_IS_BIN (element))
    describe_bin (GST_BIN (element), out);
  else
    describe_element (element, out, FALSE);
  return g_string_free (out, FALSE);
}

/* Splits a description into the words gst-launch-1.0 would see on its
 * command line: spaces outside double quotes separate them. */
static GPtrArray *
split_words (const gchar *line)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const gchar *c = line; *c != '\0'; c++) {
    if (*c == '\\' && quoted && c[1] != '\0') {
      g_string_append_c (word, *c);
      g_string_append_c (word, *++c);
      continue;
    }
    if (*c == '"')
      quoted = !quoted;
    if (*c == ' ' && !quoted) {
      if (word->len > 0)
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      continue;
    }
    g_string_append_c (word, *c);
  }
  if (word->len > 0)
    g_ptr_array_add (words, g_strdup (word->str));
  g_string_free (word, TRUE);
  return words;
}

/**
 * reel_launch_line_to_shell_command:
 * @line: a gst-launch description
 *
 * Returns: (transfer full): `gst-launch-1.0 -e` and the words of @line,
 *   each single-quoted where a POSIX shell would otherwise change it
 */
gchar *
reel_launch_line_to_shell_command (const gchar *line)
{
  g_autoptr (GPtrArray) words = NULL;
  GString *cmd = g_string_new ("gst-launch-1.0 -e");

  g_return_val_if_fail (line != NULL, NULL);

  words = split_words (line);
  for (guint i = 0; i < words->len; i++) {
    const gchar *w = g_ptr_array_index (words, i);

    g_string_append_c (cmd, ' ');
    if (g_str_equal (w, "!")
        || strspn (w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                      "0123456789_./:=,@%+-")
               == strlen (w)) {
      g_string_append (cmd, w);
      continue;
    }
    g_string_append_c (cmd, '\'');
    for (const gchar *c = w; *c != '\0'; c++) {
      if (*c == '\'')
        g_string_append (cmd, "'\\''");
      else
        g_string_append_c (cmd, *c);
    }
    g_string_append_c (cmd, '\'');
  }
  return g_string_free (cmd, FALSE);
}
