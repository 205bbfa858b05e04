/* reel — pipeline templates: loading and checking `pipelines/NAME.pipeline`,
 * validating typed values for its placeholders, printing the pipeline for
 * gst-launch-1.0, and building it with each value set on its element's
 * property after parsing. See reel-template.h for the model and
 * pipelines/README.md for the file format.
 *
 * A loaded template keeps its body as a list of tokens. Literal tokens are
 * the template author's text and go to GStreamer as written; binding tokens
 * (`location=${input}`) never do: reel_template_instantiate() drops them
 * before parsing and sets typed GValues afterwards, and
 * reel_template_to_launch_line() replaces them by `property=VALUE` where
 * VALUE is printed from the parsed value, quoted for gst-launch's parser.
 */
#include "reel-template.h"
#include "reel-paths.h"

#include "reel-field-errors.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#define TEMPLATE_SUFFIX ".pipeline"
/* How much of a value an error message quotes. */
#define DISPLAY_MAX 120

/**
 * reel_template_error_quark:
 *
 * Returns: the domain of #ReelTemplateError errors, %REEL_TEMPLATE_ERROR
 */
G_DEFINE_QUARK (reel_template_error_quark, reel_template_error)

typedef struct {
  gint num;
  gint den;
} Fraction;

/* A placeholder declared in the header. */
typedef struct {
  gchar *name;
  ReelTemplateParamType type;
  gchar *description;
  gchar *default_text; /* as declared; NULL when required */
  gchar *range_text;   /* canonical "MIN..MAX", NULL for none */
  gchar **choices;     /* enum only */
  gboolean has_min, has_max;
  gint64 imin, imax;
  gdouble dmin, dmax;
  Fraction fmin, fmax;
  guint line;
  gboolean used;
} Param;

/* One placeholder's value, parsed and checked. */
typedef struct {
  ReelTemplateParamType type;
  gint64 i;
  gdouble d;
  gboolean b;
  Fraction f;
  gchar *s; /* string, path, normalised uri, enum */
} Value;

typedef enum {
  TOKEN_TEXT,    /* the author's text, passed on as written */
  TOKEN_BINDING, /* PROPERTY=${NAME} or PROPERTY.FIELD=${NAME} */
} TokenKind;

typedef struct {
  TokenKind kind;
  gchar *text; /* as written, after joining `key = value` */
  guint line;
  gint element;       /* index in elements, -1 outside one */
  gchar *property;    /* bindings, and the literal caps they refine */
  gchar *field;       /* caps field of a field binding, else NULL */
  guint param;        /* bindings: index in params */
  gboolean caps_base; /* a literal PROPERTY=CAPS that fields refine */
} Token;

typedef struct {
  gchar *factory;
  gchar *name; /* the literal name=, NULL when unnamed */
  guint line;
} Element;

struct _ReelTemplate {
  gchar *name;
  gchar *path;
  gchar *description;
  gchar *summary;
  GPtrArray *params;   /* Param */
  GPtrArray *tokens;   /* Token */
  GPtrArray *elements; /* Element */
};

static const gchar *const type_names[] = {
  [REEL_TEMPLATE_PARAM_STRING] = "string",
  [REEL_TEMPLATE_PARAM_PATH] = "path",
  [REEL_TEMPLATE_PARAM_URI] = "uri",
  [REEL_TEMPLATE_PARAM_INT] = "int",
  [REEL_TEMPLATE_PARAM_DOUBLE] = "double",
  [REEL_TEMPLATE_PARAM_BOOLEAN] = "boolean",
  [REEL_TEMPLATE_PARAM_FRACTION] = "fraction",
  [REEL_TEMPLATE_PARAM_ENUM] = "enum",
};

/* Which Debian package brings an element, for the "not installed" error.
 * Only a hint: an element missing from this list is still reported. */
static const struct {
  const gchar *factory; /* a trailing '*' matches a prefix */
  const gchar *package;
} package_hints[] = {
  { "av*", "gstreamer1.0-libav" },
  { "x264enc", "gstreamer1.0-plugins-ugly" },
  { "openh264*", "gstreamer1.0-plugins-bad" },
  { "h264parse", "gstreamer1.0-plugins-bad" },
  { "h265parse", "gstreamer1.0-plugins-bad" },
  { "vp8*", "gstreamer1.0-plugins-good" },
  { "vp9*", "gstreamer1.0-plugins-good" },
  { "mp4mux", "gstreamer1.0-plugins-good" },
  { "qtmux", "gstreamer1.0-plugins-good" },
  { "qtdemux", "gstreamer1.0-plugins-good" },
  { "matroska*", "gstreamer1.0-plugins-good" },
  { "webmmux", "gstreamer1.0-plugins-good" },
  { "aacparse", "gstreamer1.0-plugins-good" },
  { "jpegenc", "gstreamer1.0-plugins-good" },
  { "opusenc", "gstreamer1.0-plugins-base" },
  { "vorbisenc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "videoscale", "gstreamer1.0-plugins-base" },
  { "audioconvert", "gstreamer1.0-plugins-base" },
  { "audioresample", "gstreamer1.0-plugins-base" },
  { "videotestsrc", "gstreamer1.0-plugins-base" },
  { "audiotestsrc", "gstreamer1.0-plugins-base" },
  { "playbin*", "gstreamer1.0-plugins-base" },
  { "decodebin*", "gstreamer1.0-plugins-base" },
  { "uridecodebin*", "gstreamer1.0-plugins-base" },
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static void
param_free (gpointer data)
{
  Param *p = data;

  g_free (p->name);
  g_free (p->description);
  g_free (p->default_text);
  g_free (p->range_text);
  g_strfreev (p->choices);
  g_free (p);
}

static void
token_free (gpointer data)
{
  Token *tok = data;

  g_free (tok->text);
  g_free (tok->property);
  g_free (tok->field);
  g_free (tok);
}

static void
element_free (gpointer data)
{
  Element *el = data;

  g_free (el->factory);
  g_free (el->name);
  g_free (el);
}

static void
value_clear (Value *v)
{
  g_clear_pointer (&v->s, g_free);
}

static void
values_free (Value *values, guint n)
{
  if (values == NULL)
    return;
  for (guint i = 0; i < n; i++)
    value_clear (&values[i]);
  g_free (values);
}

/* An identifier as GStreamer spells property and element names. */
static gboolean
is_ident (const gchar *s, gsize len)
{
  if (len == 0 || !(g_ascii_isalpha (s[0]) || s[0] == '_'))
    return FALSE;
  for (gsize i = 1; i < len; i++) {
    if (!(g_ascii_isalnum (s[i]) || s[i] == '_' || s[i] == '-'))
      return FALSE;
  }
  return TRUE;
}

/* Placeholder names: what a user types on the command line. */
static gboolean
is_param_name (const gchar *s)
{
  if (!g_ascii_islower (s[0]))
    return FALSE;
  for (const gchar *c = s + 1; *c != '\0'; c++) {
    if (!(g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '-'))
      return FALSE;
  }
  return TRUE;
}

static gboolean
is_template_name (const gchar *s)
{
  if (s == NULL || s[0] == '\0')
    return FALSE;
  for (const gchar *c = s; *c != '\0'; c++) {
    if (!(g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '-'))
      return FALSE;
  }
  return TRUE;
}

/* Enum choices are printed unquoted, so they keep to a small alphabet. */
static gboolean
is_choice (const gchar *s)
{
  if (s[0] == '\0')
    return FALSE;
  for (const gchar *c = s; *c != '\0'; c++) {
    if (!(g_ascii_isalnum (*c) || *c == '_' || *c == '-' || *c == '.'))
      return FALSE;
  }
  return g_strcmp0 (s, "NULL") != 0;
}

/* A value as an error message quotes it: control characters escaped, cut
 * short (on a character boundary) when long. Bytes of text that is not
 * UTF-8 are escaped too, so the message always is. */
static gchar *
display (const gchar *s)
{
  GString *out = g_string_new ("\"");
  gboolean utf8 = g_utf8_validate (s, -1, NULL);
  guint n = 0;

  for (const gchar *c = s; *c != '\0'; c++) {
    guchar b = (guchar) *c;

    if ((b & 0xc0) != 0x80 && n++ == DISPLAY_MAX) {
      g_string_append (out, "…");
      break;
    }
    switch (b) {
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '"':
      case '\\':
        g_string_append_c (out, '\\');
        g_string_append_c (out, *c);
        break;
      default:
        if (b < 0x20 || b == 0x7f || (b >= 0x80 && !utf8))
          g_string_append_printf (out, "\\x%02x", b);
        else
          g_string_append_c (out, *c);
    }
  }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static gchar *
format_double (gdouble d)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest of %.15g..%.17g that reads back as the same double. */
  for (gint precision = 15; precision <= 17; precision++) {
    gchar format[8];

    g_snprintf (format, sizeof format, "%%.%dg", precision);
    g_ascii_formatd (buf, sizeof buf, format, d);
    if (g_ascii_strtod (buf, NULL) == d)
      break;
  }
  return g_strdup (buf);
}

static gboolean
parse_int (const gchar *text, gint64 min, gint64 max, gint64 *out)
{
  guint64 magnitude;
  gboolean negative = FALSE;
  const gchar *digits = text;

  /* g_ascii_string_to_signed() rejects junk, but also accepts a leading
   * '+' and whitespace on some versions; keep to [-]DIGITS. */
  if (*digits == '-') {
    negative = TRUE;
    digits++;
  }
  if (!g_ascii_isdigit (*digits))
    return FALSE;
  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT64, &magnitude,
          NULL))
    return FALSE;
  if (negative) {
    if (magnitude > (guint64) G_MAXINT64 + 1)
      return FALSE;
    *out = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64
                                                 : -(gint64) magnitude;
  } else {
    if (magnitude > (guint64) G_MAXINT64)
      return FALSE;
    *out = (gint64) magnitude;
  }
  return *out >= min && *out <= max;
}

static gboolean
parse_double (const gchar *text, gdouble *out)
{
  gchar *end = NULL;

  if (text[0] == '\0' || g_ascii_isspace (text[0]))
    return FALSE;
  errno = 0;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && errno == 0 && isfinite (*out);
}

static gint64
gcd64 (gint64 a, gint64 b)
{
  if (a < 0)
    a = -a;
  while (b != 0) {
    gint64 t = a % b;

    a = b;
    b = t;
  }
  return a;
}

static gboolean
parse_fraction (const gchar *text, Fraction *out)
{
  const gchar *slash = strchr (text, '/');
  g_autofree gchar *num_text = NULL;
  gint64 num, den = 1, g;

  num_text = slash != NULL ? g_strndup (text, slash - text) : g_strdup (text);
  if (!parse_int (num_text, G_MININT + 1, G_MAXINT, &num))
    return FALSE;
  if (slash != NULL && !parse_int (slash + 1, 1, G_MAXINT, &den))
    return FALSE;
  g = gcd64 (num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  out->num = (gint) num;
  out->den = (gint) den;
  return TRUE;
}

static gint
fraction_compare (const Fraction *a, const Fraction *b)
{
  gint64 l = (gint64) a->num * b->den, r = (gint64) b->num * a->den;

  return l < r ? -1 : l > r ? 1 : 0;
}

static gboolean
type_from_string (const gchar *s, ReelTemplateParamType *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++) {
    if (g_strcmp0 (s, type_names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Values                                                               */

/* What a placeholder accepts, as an error message ends: "expected …". */
static gchar *
param_expectation (const Param *p)
{
  const gchar *what = NULL;
  g_autofree gchar *lo = NULL;
  g_autofree gchar *hi = NULL;

  switch (p->type) {
    case REEL_TEMPLATE_PARAM_STRING:
      return g_strdup ("any text");
    case REEL_TEMPLATE_PARAM_PATH:
      return g_strdup ("a file path");
    case REEL_TEMPLATE_PARAM_URI:
      return g_strdup ("a URI (file:///…, https://…) or a file path");
    case REEL_TEMPLATE_PARAM_BOOLEAN:
      return g_strdup ("true or false");
    case REEL_TEMPLATE_PARAM_ENUM: {
      g_autofree gchar *list = g_strjoinv (", ", p->choices);

      return g_strdup_printf ("one of %s", list);
    }
    case REEL_TEMPLATE_PARAM_INT:
      what = "an integer";
      if (p->has_min)
        lo = g_strdup_printf ("%" G_GINT64_FORMAT, p->imin);
      if (p->has_max)
        hi = g_strdup_printf ("%" G_GINT64_FORMAT, p->imax);
      break;
    case REEL_TEMPLATE_PARAM_DOUBLE:
      what = "a number";
      if (p->has_min)
        lo = format_double (p->dmin);
      if (p->has_max)
        hi = format_double (p->dmax);
      break;
    case REEL_TEMPLATE_PARAM_FRACTION:
      what = "a fraction such as 30/1";
      if (p->has_min)
        lo = g_strdup_printf ("%d/%d", p->fmin.num, p->fmin.den);
      if (p->has_max)
        hi = g_strdup_printf ("%d/%d", p->fmax.num, p->fmax.den);
      break;
  }
  if (lo != NULL && hi != NULL)
    return g_strdup_printf ("%s from %s to %s", what, lo, hi);
  if (lo != NULL)
    return g_strdup_printf ("%s of at least %s", what, lo);
  if (hi != NULL)
    return g_strdup_printf ("%s of at most %s", what, hi);
  return g_strdup (what);
}

/* Parses @text for @p into @out. On failure returns FALSE and sets @problem
 * to what is wrong with the text ("\"x\" is not an integer"). */
static gboolean
parse_value (const Param *p, const gchar *text, Value *out, gchar **problem)
{
  g_autofree gchar *shown = display (text);

  memset (out, 0, sizeof *out);
  out->type = p->type;

  if (!g_utf8_validate (text, -1, NULL)) {
    *problem = g_strdup_printf ("%s is not valid UTF-8", shown);
    return FALSE;
  }

  switch (p->type) {
    case REEL_TEMPLATE_PARAM_STRING:
      out->s = g_strdup (text);
      return TRUE;

    case REEL_TEMPLATE_PARAM_PATH:
      if (text[0] == '\0') {
        *problem = g_strdup ("the value is empty");
        return FALSE;
      }
      out->s = g_strdup (text);
      return TRUE;

    case REEL_TEMPLATE_PARAM_URI: {
      g_autofree gchar *scheme = NULL;

      if (text[0] == '\0') {
        *problem = g_strdup ("the value is empty");
        return FALSE;
      }
      scheme = g_uri_parse_scheme (text);
      if (scheme != NULL) {
        if (!g_uri_is_valid (text, G_URI_FLAGS_ENCODED, NULL)) {
          *problem = g_strdup_printf ("%s is not a valid URI", shown);
          return FALSE;
        }
        out->s = g_strdup (text);
      } else {
        g_autofree gchar *abs = g_canonicalize_filename (text, NULL);

        out->s = g_filename_to_uri (abs, NULL, NULL);
        if (out->s == NULL) {
          *problem =
              g_strdup_printf ("%s cannot be made into a file:// URI", shown);
          return FALSE;
        }
      }
      return TRUE;
    }

    case REEL_TEMPLATE_PARAM_INT:
      if (!parse_int (text, G_MININT64, G_MAXINT64, &out->i)) {
        *problem = g_strdup_printf ("%s is not an integer", shown);
        return FALSE;
      }
      if ((p->has_min && out->i < p->imin)
          || (p->has_max && out->i > p->imax)) {
        *problem = g_strdup_printf ("%s is out of range", shown);
        return FALSE;
      }
      return TRUE;

    case REEL_TEMPLATE_PARAM_DOUBLE:
      if (!parse_double (text, &out->d)) {
        *problem = g_strdup_printf ("%s is not a number", shown);
        return FALSE;
      }
      if ((p->has_min && out->d < p->dmin)
          || (p->has_max && out->d > p->dmax)) {
        *problem = g_strdup_printf ("%s is out of range", shown);
        return FALSE;
      }
      return TRUE;

    case REEL_TEMPLATE_PARAM_BOOLEAN:
      if (g_strcmp0 (text, "true") == 0)
        out->b = TRUE;
      else if (g_strcmp0 (text, "false") == 0)
        out->b = FALSE;
      else {
        *problem = g_strdup_printf ("%s is not a boolean", shown);
        return FALSE;
      }
      return TRUE;

    case REEL_TEMPLATE_PARAM_FRACTION:
      if (!parse_fraction (text, &out->f)) {
        *problem = g_strdup_printf ("%s is not a fraction", shown);
        return FALSE;
      }
      if ((p->has_min && fraction_compare (&out->f, &p->fmin) < 0)
          || (p->has_max && fraction_compare (&out->f, &p->fmax) > 0)) {
        *problem = g_strdup_printf ("%s is out of range", shown);
        return FALSE;
      }
      return TRUE;

    case REEL_TEMPLATE_PARAM_ENUM:
      if (!g_strv_contains ((const gchar *const *) p->choices, text)) {
        *problem = g_strdup_printf ("%s is not allowed", shown);
        return FALSE;
      }
      out->s = g_strdup (text);
      return TRUE;
  }
  g_assert_not_reached ();
}

/* gst-launch reads a double-quoted property value by dropping the quotes
 * and the backslash before any character, then deserialises the result for
 * the property's type. Three kinds of value need GStreamer's own quoted
 * form (gst_value_deserialize()'s) inside that, so they arrive as written:
 * "NULL", which a string property reads as no string; a value that itself
 * starts and ends with '"', which it reads as that form; and a value
 * ending in a backslash, because gst-launch's lexer takes the `\"` that
 * would end the quoted word as an escaped quote and runs on to the next
 * '"' in the line. */
static gchar *
launch_quote (const gchar *s)
{
  gsize len = strlen (s);
  g_autoptr (GString) wrapped = NULL;
  GString *out = g_string_new ("\"");

  if (g_strcmp0 (s, "NULL") == 0 || (len > 0 && s[len - 1] == '\\')
      || (len > 0 && s[0] == '"' && s[len - 1] == '"')) {
    wrapped = g_string_new ("\"");
    for (const gchar *c = s; *c != '\0'; c++) {
      if (!(g_ascii_isalnum (*c) || strchr ("_-+/:.", *c) != NULL))
        g_string_append_c (wrapped, '\\');
      g_string_append_c (wrapped, *c);
    }
    g_string_append_c (wrapped, '"');
    s = wrapped->str;
  }
  for (const gchar *c = s; *c != '\0'; c++) {
    if (*c == '"' || *c == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, *c);
  }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* The inverse of the first step above, as gst-launch applies it to a
 * literal value in the template (the caps that field bindings refine). */
static gchar *
launch_unquote (const gchar *value)
{
  gchar *s = g_strdup (value);
  gchar *pos = s, *read, *write;
  gboolean in_quotes = FALSE;

  if (*pos == '"') {
    gsize len;

    pos++;
    len = strlen (pos);
    if (len > 0 && pos[len - 1] == '"')
      pos[len - 1] = '\0';
  }
  for (read = write = pos; *read != '\0'; read++) {
    if (*read == '\\' && !in_quotes) {
      read++;
      if (*read == '\0')
        break;
    } else if (*read == '"' && (!in_quotes || read[-1] != '\\')) {
      in_quotes = !in_quotes;
    }
    *write++ = *read;
  }
  *write = '\0';
  memmove (s, pos, strlen (pos) + 1);
  return s;
}

static gchar *
value_to_launch (const Value *v)
{
  switch (v->type) {
    case REEL_TEMPLATE_PARAM_STRING:
    case REEL_TEMPLATE_PARAM_PATH:
    case REEL_TEMPLATE_PARAM_URI:
      return launch_quote (v->s);
    case REEL_TEMPLATE_PARAM_ENUM:
      return g_strdup (v->s); /* is_choice(): nothing to quote */
    case REEL_TEMPLATE_PARAM_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->i);
    case REEL_TEMPLATE_PARAM_DOUBLE:
      return format_double (v->d);
    case REEL_TEMPLATE_PARAM_BOOLEAN:
      return g_strdup (v->b ? "true" : "false");
    case REEL_TEMPLATE_PARAM_FRACTION:
      return g_strdup_printf ("%d/%d", v->f.num, v->f.den);
  }
  g_assert_not_reached ();
}

static gint
find_param (ReelTemplate *t, const gchar *name)
{
  for (guint i = 0; i < t->params->len; i++) {
    Param *p = g_ptr_array_index (t->params, i);

    if (g_strcmp0 (p->name, name) == 0)
      return i;
  }
  return -1;
}

static gchar *
param_names (ReelTemplate *t)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < t->params->len; i++) {
    Param *p = g_ptr_array_index (t->params, i);

    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", p->name);
  }
  if (t->params->len == 0)
    g_string_append (s, "none");
  return g_string_free (s, FALSE);
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

/* Checks every value in @values (unknown keys, types, ranges, required ones
 * missing), adding one error per problem to @errors. Returns the values of
 * all placeholders, defaults filled in, or NULL when anything was wrong. */
static Value *
resolve_values (ReelTemplate *t, GHashTable *values, ReelFieldErrors *errors)
{
  Value *resolved = g_new0 (Value, MAX (t->params->len, 1));
  guint before = reel_field_errors_get_count (errors);

  if (values != NULL) {
    g_autofree gpointer *keys = g_hash_table_get_keys_as_array (values, NULL);
    guint n = g_hash_table_size (values);

    qsort (keys, n, sizeof (gpointer), compare_strings);
    for (guint i = 0; i < n; i++) {
      if (find_param (t, keys[i]) < 0) {
        g_autofree gchar *names = param_names (t);

        reel_field_errors_add (errors, keys[i],
            "no such placeholder in template '%s' (it takes: %s)", t->name,
            names);
      }
    }
  }

  for (guint i = 0; i < t->params->len; i++) {
    Param *p = g_ptr_array_index (t->params, i);
    const gchar *text =
        values != NULL ? g_hash_table_lookup (values, p->name) : NULL;
    g_autofree gchar *problem = NULL;
    g_autofree gchar *expected = NULL;

    if (text == NULL)
      text = p->default_text;
    if (text == NULL) {
      /* A value that failed a JSON type check is not "missing" too. */
      if (!reel_field_errors_has_path (errors, p->name)) {
        expected = param_expectation (p);
        reel_field_errors_add (errors, p->name,
            "required, but no value was given; expected %s", expected);
      }
      continue;
    }
    if (!parse_value (p, text, &resolved[i], &problem)) {
      expected = param_expectation (p);
      reel_field_errors_add (errors, p->name, "%s; expected %s", problem,
          expected);
    }
  }

  if (reel_field_errors_get_count (errors) > before) {
    values_free (resolved, t->params->len);
    return NULL;
  }
  return resolved;
}

static Value *
resolve_or_error (ReelTemplate *t, GHashTable *values, GError **error)
{
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autofree gchar *what = g_strdup_printf ("template '%s'", t->name);
  Value *resolved = resolve_values (t, values, errors);

  if (resolved == NULL)
    reel_field_errors_propagate (errors, error, REEL_TEMPLATE_ERROR,
        REEL_TEMPLATE_ERROR_INVALID_VALUE, what);
  return resolved;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

typedef struct {
  ReelFieldErrors *errors;
  const gchar *path;
} LoadContext;

static void load_error (LoadContext *ctx, guint line, const gchar *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
load_error (LoadContext *ctx, guint line, const gchar *format, ...)
{
  g_autofree gchar *where = g_strdup_printf ("%s:%u", ctx->path, line);
  va_list args;

  va_start (args, format);
  reel_field_errors_add_valist (ctx->errors, where, format, args);
  va_end (args);
}

/* A default written in double quotes, for text with leading or trailing
 * spaces or an empty string: `= ""`. */
static gchar *
unquote_default (const gchar *s)
{
  GString *out = g_string_new (NULL);
  const gchar *c = s + 1;

  for (; *c != '\0' && *c != '"'; c++) {
    if (*c == '\\' && (c[1] == '"' || c[1] == '\\'))
      c++;
    g_string_append_c (out, *c);
  }
  if (*c != '"' || c[1] != '\0') {
    g_string_free (out, TRUE);
    return NULL;
  }
  return g_string_free (out, FALSE);
}

static gboolean
parse_range (Param *p, const gchar *text, gchar **problem)
{
  const gchar *dots = strstr (text, "..");
  g_autofree gchar *lo = NULL;
  const gchar *hi;

  if (dots == NULL) {
    *problem = g_strdup_printf ("'%s' is not a range; write MIN..MAX, MIN.. "
                                "or ..MAX",
        text);
    return FALSE;
  }
  lo = g_strndup (text, dots - text);
  hi = dots + 2;
  p->has_min = lo[0] != '\0';
  p->has_max = hi[0] != '\0';
  if (!p->has_min && !p->has_max) {
    *problem = g_strdup ("'..' is not a range; give a minimum, a maximum or "
                         "both");
    return FALSE;
  }

  switch (p->type) {
    case REEL_TEMPLATE_PARAM_INT:
      if ((p->has_min && !parse_int (lo, G_MININT64, G_MAXINT64, &p->imin))
          || (p->has_max && !parse_int (hi, G_MININT64, G_MAXINT64, &p->imax)))
        goto bad_bound;
      if (p->has_min && p->has_max && p->imin > p->imax)
        goto inverted;
      break;
    case REEL_TEMPLATE_PARAM_DOUBLE:
      if ((p->has_min && !parse_double (lo, &p->dmin))
          || (p->has_max && !parse_double (hi, &p->dmax)))
        goto bad_bound;
      if (p->has_min && p->has_max && p->dmin > p->dmax)
        goto inverted;
      break;
    case REEL_TEMPLATE_PARAM_FRACTION:
      if ((p->has_min && !parse_fraction (lo, &p->fmin))
          || (p->has_max && !parse_fraction (hi, &p->fmax)))
        goto bad_bound;
      if (p->has_min && p->has_max && fraction_compare (&p->fmin, &p->fmax) > 0)
        goto inverted;
      break;
    default:
      g_assert_not_reached ();
  }
  p->range_text = g_strdup (text);
  return TRUE;

bad_bound:
  *problem = g_strdup_printf ("range '%s' has a bound that is not %s", text,
      p->type == REEL_TEMPLATE_PARAM_INT      ? "an integer"
      : p->type == REEL_TEMPLATE_PARAM_DOUBLE ? "a number"
                                              : "a fraction");
  return FALSE;
inverted:
  *problem =
      g_strdup_printf ("range '%s' has its minimum above its maximum", text);
  return FALSE;
}

/* `@NAME: TYPE [CONSTRAINT] [= DEFAULT]`, the text after '@'. */
static Param *
parse_param_decl (const gchar *decl, guint line, gchar **problem)
{
  const gchar *colon = strchr (decl, ':');
  const gchar *eq;
  g_autofree gchar *name = NULL;
  g_autofree gchar *left = NULL;
  g_autofree gchar *constraint = NULL;
  g_auto (GStrv) words = NULL;
  Param *p;

  if (colon == NULL) {
    *problem = g_strdup ("expected '@NAME: TYPE [RANGE|CHOICES] [= DEFAULT]'");
    return NULL;
  }
  name = g_strstrip (g_strndup (decl, colon - decl));
  if (!is_param_name (name)) {
    *problem = g_strdup_printf ("'%s' is not a placeholder name: use "
                                "lower-case letters, digits and '-', starting "
                                "with a letter",
        name);
    return NULL;
  }

  eq = strchr (colon + 1, '=');
  left =
      eq != NULL ? g_strndup (colon + 1, eq - colon - 1) : g_strdup (colon + 1);
  words = g_strsplit_set (g_strstrip (left), " \t", -1);

  p = g_new0 (Param, 1);
  p->name = g_steal_pointer (&name);
  p->line = line;

  if (words[0] == NULL || !type_from_string (words[0], &p->type)) {
    *problem = g_strdup_printf ("@%s: '%s' is not a type; use string, path, "
                                "uri, int, double, boolean, fraction or enum",
        p->name, words[0] != NULL ? words[0] : "");
    goto fail;
  }
  constraint = g_strjoinv ("", words + 1);

  if (p->type == REEL_TEMPLATE_PARAM_ENUM) {
    if (constraint[0] == '\0') {
      *problem = g_strdup_printf ("@%s: an enum lists its choices: "
                                  "'enum a|b|c'",
          p->name);
      goto fail;
    }
    p->choices = g_strsplit (constraint, "|", -1);
    for (guint i = 0; p->choices[i] != NULL; i++) {
      if (!is_choice (p->choices[i])) {
        *problem = g_strdup_printf ("@%s: '%s' is not a valid choice; use "
                                    "letters, digits, '_', '-' and '.'",
            p->name, p->choices[i]);
        goto fail;
      }
      for (guint j = 0; j < i; j++) {
        if (g_strcmp0 (p->choices[i], p->choices[j]) == 0) {
          *problem = g_strdup_printf ("@%s: choice '%s' is listed twice",
              p->name, p->choices[i]);
          goto fail;
        }
      }
    }
  } else if (constraint[0] != '\0') {
    if (p->type != REEL_TEMPLATE_PARAM_INT
        && p->type != REEL_TEMPLATE_PARAM_DOUBLE
        && p->type != REEL_TEMPLATE_PARAM_FRACTION) {
      *problem = g_strdup_printf ("@%s: a %s placeholder takes no range or "
                                  "choices ('%s')",
          p->name, type_names[p->type], constraint);
      goto fail;
    }
    if (!parse_range (p, constraint, problem)) {
      gchar *inner = *problem;

      *problem = g_strdup_printf ("@%s: %s", p->name, inner);
      g_free (inner);
      goto fail;
    }
  }

  if (eq != NULL) {
    g_autofree gchar *text = g_strstrip (g_strdup (eq + 1));
    g_autofree gchar *bad = NULL;
    g_autofree gchar *expected = NULL;
    Value v;

    if (text[0] == '\0') {
      *problem = g_strdup_printf ("@%s: '=' with no default; write "
                                  "'= \"\"' for an empty text",
          p->name);
      goto fail;
    }
    if (text[0] == '"') {
      p->default_text = unquote_default (text);
      if (p->default_text == NULL) {
        *problem =
            g_strdup_printf ("@%s: the quoted default %s is not "
                             "closed, or has text after its closing quote",
                p->name, text);
        goto fail;
      }
    } else {
      p->default_text = g_steal_pointer (&text);
    }
    if (!parse_value (p, p->default_text, &v, &bad)) {
      expected = param_expectation (p);
      *problem = g_strdup_printf ("@%s: default %s; expected %s", p->name, bad,
          expected);
      goto fail;
    }
    value_clear (&v);
  }
  return p;

fail:
  param_free (p);
  return NULL;
}

typedef struct {
  gchar *text;
  guint line;
} Word;

static void
word_free (gpointer data)
{
  Word *w = data;

  g_free (w->text);
  g_free (w);
}

/* Splits the body into words as gst-launch's lexer does, near enough to
 * find placeholders: whitespace separates words except inside double quotes
 * and around '=' (`key = value` is one word), '!' is a word of its own, a
 * backslash protects the next character. */
static GPtrArray *
lex_body (LoadContext *ctx, const gchar *body)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (word_free);
  const gchar *p = body;
  guint line = 1;

  while (*p != '\0') {
    GString *w;
    Word *word;
    guint start = line;
    gboolean in_quote = FALSE, ends_with_eq = FALSE;

    if (g_ascii_isspace (*p)) {
      if (*p == '\n')
        line++;
      p++;
      continue;
    }

    w = g_string_new (NULL);
    if (*p == '!') {
      g_string_append_c (w, *p++);
    } else {
      while (*p != '\0') {
        gchar c = *p;

        if (in_quote) {
          if (c == '\\' && p[1] != '\0') {
            if (p[1] == '\n')
              line++;
            g_string_append_len (w, p, 2);
            p += 2;
            continue;
          }
          if (c == '"')
            in_quote = FALSE;
          else if (c == '\n')
            line++;
          g_string_append_c (w, c);
          p++;
          continue;
        }
        if (c == '"') {
          in_quote = TRUE;
        } else if (c == '\\' && p[1] != '\0') {
          g_string_append_len (w, p, 2);
          p += 2;
          ends_with_eq = FALSE;
          continue;
        } else if (g_ascii_isspace (c)) {
          const gchar *q = p;
          guint l = line;

          while (g_ascii_isspace (*q)) {
            if (*q == '\n')
              l++;
            q++;
          }
          if (*q != '\0' && (ends_with_eq || *q == '=')) {
            p = q;
            line = l;
            continue;
          }
          break;
        } else if (c == '!') {
          break;
        }
        ends_with_eq = c == '=';
        g_string_append_c (w, c);
        p++;
      }
      if (in_quote)
        load_error (ctx, start, "a double-quoted value is never closed");
    }

    word = g_new0 (Word, 1);
    word->line = start;
    word->text = g_string_free (w, FALSE);
    g_ptr_array_add (words, word);
  }
  return words;
}

/* The index of the first '=' outside double quotes, or -1. */
static gssize
find_assign (const gchar *word)
{
  gboolean in_quote = FALSE;

  for (const gchar *c = word; *c != '\0'; c++) {
    if (*c == '\\' && c[1] != '\0')
      c++;
    else if (*c == '"')
      in_quote = !in_quote;
    else if (*c == '=' && !in_quote)
      return c - word;
  }
  return -1;
}

/* `prop`, `child::prop` or, for caps fields, `prop.field`. */
static gboolean
split_property_key (const gchar *key, gchar **property, gchar **field)
{
  const gchar *dot = strchr (key, '.');
  gsize len = dot != NULL ? (gsize) (dot - key) : strlen (key);
  g_auto (GStrv) parts = NULL;
  g_autofree gchar *prop = g_strndup (key, len);

  parts = g_strsplit (prop, "::", -1);
  for (guint i = 0; parts[i] != NULL; i++) {
    if (!is_ident (parts[i], strlen (parts[i])))
      return FALSE;
  }
  if (dot != NULL && !is_ident (dot + 1, strlen (dot + 1)))
    return FALSE;
  *property = g_steal_pointer (&prop);
  *field = dot != NULL ? g_strdup (dot + 1) : NULL;
  return TRUE;
}

/* `${name}` and nothing else. */
static gchar *
whole_placeholder (const gchar *value)
{
  gsize len = strlen (value);

  if (len < 4 || !g_str_has_prefix (value, "${") || value[len - 1] != '}')
    return NULL;
  return g_strndup (value + 2, len - 3);
}

static gboolean
looks_like_caps (const gchar *word)
{
  return word[0] == '"' || strchr (word, '/') != NULL
         || strchr (word, ',') != NULL;
}

/* Marks the declared placeholders @text mentions as used, so that one
 * misplaced ${x} is reported once, not also as "declared but unused". */
static void
mark_mentioned (ReelTemplate *t, const gchar *text)
{
  for (const gchar *c = strstr (text, "${"); c != NULL;
       c = strstr (c + 2, "${")) {
    const gchar *end = strchr (c + 2, '}');
    g_autofree gchar *name = NULL;
    gint index;

    if (end == NULL)
      return;
    name = g_strndup (c + 2, end - c - 2);
    index = find_param (t, name);
    if (index >= 0)
      ((Param *) g_ptr_array_index (t->params, index))->used = TRUE;
  }
}

static void
add_text_token (ReelTemplate *t, const Word *w, gint element)
{
  Token *tok = g_new0 (Token, 1);

  tok->kind = TOKEN_TEXT;
  tok->text = g_strdup (w->text);
  tok->line = w->line;
  tok->element = element;
  g_ptr_array_add (t->tokens, tok);
}

/* Turns words into tokens and elements, rejecting placeholders anywhere but
 * as the whole value of a property of an element. */
static void
classify_words (ReelTemplate *t, LoadContext *ctx, GPtrArray *words)
{
  g_autoptr (GPtrArray) keys =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  gint current = -1;

  for (guint i = 0; i < words->len; i++) {
    Word *w = g_ptr_array_index (words, i);
    gboolean has_placeholder = strstr (w->text, "${") != NULL;
    gssize eq;

    mark_mentioned (t, w->text);

    if (g_strcmp0 (w->text, "!") == 0 || g_strcmp0 (w->text, "(") == 0
        || g_strcmp0 (w->text, ")") == 0 || g_str_has_suffix (w->text, ".(")) {
      if (has_placeholder)
        load_error (ctx, w->line, "a placeholder cannot name a bin");
      add_text_token (t, w, -1);
      current = -1;
      continue;
    }

    eq = find_assign (w->text);
    if (eq > 0) {
      g_autofree gchar *key = g_strndup (w->text, eq);
      const gchar *value = w->text + eq + 1;
      g_autofree gchar *property = NULL;
      g_autofree gchar *field = NULL;

      if (strstr (key, "${") != NULL) {
        load_error (ctx, w->line,
            "'%s': a placeholder cannot stand for a "
            "property name, only for a property's value",
            w->text);
        continue;
      }
      if (split_property_key (key, &property, &field)) {
        g_autofree gchar *pname = NULL;
        GHashTable *seen;
        Element *el;
        Token *tok;
        gint index;

        if (current < 0) {
          if (has_placeholder)
            load_error (ctx, w->line,
                "'%s' is not a property of an element; "
                "a placeholder sets a property of a named element",
                w->text);
          add_text_token (t, w, -1);
          continue;
        }
        el = g_ptr_array_index (t->elements, current);
        seen = g_ptr_array_index (keys, current);
        if (g_hash_table_contains (seen, key)) {
          load_error (ctx, w->line,
              "'%s' sets '%s' of element '%s' a second time", w->text, key,
              el->factory);
          continue;
        }
        g_hash_table_add (seen, g_strdup (key));

        if (!has_placeholder) {
          if (g_strcmp0 (key, "name") == 0)
            el->name = launch_unquote (value);
          add_text_token (t, w, current);
          continue;
        }

        pname = whole_placeholder (value);
        if (pname == NULL || strstr (pname, "${") != NULL
            || strchr (pname, '}') != NULL) {
          load_error (ctx, w->line,
              "'%s': a placeholder must be the whole, "
              "unquoted value of a property, as in %s=${NAME}",
              w->text, key);
          continue;
        }
        if (g_strcmp0 (key, "name") == 0) {
          load_error (ctx, w->line,
              "'%s': an element's name is fixed by the "
              "template; placeholders set other properties",
              w->text);
          continue;
        }
        index = find_param (t, pname);
        if (index < 0) {
          load_error (ctx, w->line,
              "${%s} is not declared in the header; "
              "add '# @%s: TYPE' with a description",
              pname, pname);
          continue;
        } else {
          Param *p = g_ptr_array_index (t->params, index);

          p->used = TRUE;
          if (field != NULL
              && (p->type == REEL_TEMPLATE_PARAM_STRING
                  || p->type == REEL_TEMPLATE_PARAM_PATH
                  || p->type == REEL_TEMPLATE_PARAM_URI)) {
            load_error (ctx, w->line,
                "'%s': a caps field takes an int, "
                "double, boolean, fraction or enum placeholder, not a %s",
                w->text, type_names[p->type]);
            continue;
          }
        }

        tok = g_new0 (Token, 1);
        tok->kind = TOKEN_BINDING;
        tok->text = g_strdup (w->text);
        tok->line = w->line;
        tok->element = current;
        tok->property = g_steal_pointer (&property);
        tok->field = g_steal_pointer (&field);
        tok->param = index;
        g_ptr_array_add (t->tokens, tok);
        continue;
      }
    }

    /* Not a property: an element, caps, or a reference to a named element's
     * pad. */
    if (has_placeholder) {
      load_error (ctx, w->line,
          "'%s': a placeholder cannot stand %s; it can "
          "only be the whole value of a property of a named element",
          w->text,
          looks_like_caps (w->text)
              ? "inside caps (bind a caps "
                "field with caps.FIELD=${NAME} on a capsfilter instead)"
          : strchr (w->text, '.') != NULL ? "in a pad reference"
                                          : "for an element");
      current = -1;
      continue;
    }
    if (looks_like_caps (w->text) || strchr (w->text, '.') != NULL) {
      add_text_token (t, w, -1);
      current = -1;
      continue;
    }

    {
      Element *el = g_new0 (Element, 1);

      el->factory = g_strdup (w->text);
      el->line = w->line;
      g_ptr_array_add (t->elements, el);
      g_ptr_array_add (keys,
          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
      current = t->elements->len - 1;
      add_text_token (t, w, current);
    }
  }
}

/* The checks that need the whole body: bound elements are named, once;
 * caps fields refine literal caps. */
static void
check_bindings (ReelTemplate *t, LoadContext *ctx)
{
  for (guint i = 0; i < t->tokens->len; i++) {
    Token *tok = g_ptr_array_index (t->tokens, i);
    Element *el;
    Param *p;

    if (tok->kind != TOKEN_BINDING)
      continue;
    el = g_ptr_array_index (t->elements, tok->element);
    p = g_ptr_array_index (t->params, tok->param);

    if (el->name == NULL || !is_ident (el->name, strlen (el->name))) {
      load_error (ctx, tok->line,
          "${%s} sets a property of '%s' (line %u), "
          "which needs a plain literal name=… to be found by",
          p->name, el->factory, el->line);
      continue;
    }
    if (tok->field != NULL) {
      Token *base = NULL;

      for (guint j = 0; j < t->tokens->len; j++) {
        Token *other = g_ptr_array_index (t->tokens, j);
        gssize eq = find_assign (other->text);

        if (other->kind == TOKEN_TEXT && other->element == tok->element
            && eq > 0 && strlen (tok->property) == (gsize) eq
            && strncmp (other->text, tok->property, eq) == 0) {
          base = other;
          break;
        }
      }
      if (base == NULL) {
        load_error (ctx, tok->line,
            "'%s' refines the caps in %s=… of "
            "element '%s', which the template does not set; add "
            "%s=video/x-raw (or the caps to start from)",
            tok->text, tok->property, el->name, tok->property);
        continue;
      }
      base->caps_base = TRUE;
      g_free (base->property);
      base->property = g_strdup (tok->property);
    }
  }

  for (guint i = 0; i < t->elements->len; i++) {
    Element *a = g_ptr_array_index (t->elements, i);

    for (guint j = 0; j < i && a->name != NULL; j++) {
      Element *b = g_ptr_array_index (t->elements, j);

      if (g_strcmp0 (a->name, b->name) == 0)
        load_error (ctx, a->line,
            "two elements are named '%s' (lines %u and %u)", a->name, b->line,
            a->line);
    }
  }

  for (guint i = 0; i < t->params->len; i++) {
    Param *p = g_ptr_array_index (t->params, i);

    if (!p->used)
      load_error (ctx, p->line,
          "@%s is declared but ${%s} is not used in the pipeline", p->name,
          p->name);
  }
}

/* Reads the comment header (description, then `@NAME:` declarations with
 * indented descriptions) and returns the body, with header and comment
 * lines blanked so that line numbers stay those of the file. */
static gchar *
parse_header (ReelTemplate *t, LoadContext *ctx, const gchar *contents)
{
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  GString *body = g_string_new (NULL);
  GString *desc = g_string_new (NULL);
  gboolean in_header = TRUE, pending_break = FALSE;
  Param *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++) {
    gchar *line = lines[i];
    guint lineno = i + 1;
    gsize len = strlen (line);
    const gchar *stripped;

    if (len > 0 && line[len - 1] == '\r')
      line[len - 1] = '\0';
    stripped = line;
    while (g_ascii_isspace (*stripped))
      stripped++;

    if (in_header && (stripped[0] == '#' || stripped[0] == '\0')) {
      const gchar *rest = stripped[0] == '#' ? stripped + 1 : stripped;
      const gchar *text = rest;

      while (*text == ' ' || *text == '\t')
        text++;
      g_string_append_c (body, '\n');

      if (text[0] == '@') {
        g_autofree gchar *problem = NULL;
        Param *p = parse_param_decl (text + 1, lineno, &problem);

        if (p == NULL) {
          load_error (ctx, lineno, "%s", problem);
          current = NULL;
        } else if (find_param (t, p->name) >= 0) {
          load_error (ctx, lineno, "@%s is declared twice", p->name);
          param_free (p);
          current = NULL;
        } else {
          g_ptr_array_add (t->params, p);
          current = p;
        }
        continue;
      }
      if (text[0] == '\0') {
        current = NULL;
        if (t->params->len == 0 && desc->len > 0)
          pending_break = TRUE;
        continue;
      }
      if (current != NULL
          && (g_str_has_prefix (rest, "  ") || rest[0] == '\t')) {
        gchar *joined =
            current->description == NULL
                ? g_strdup (text)
                : g_strconcat (current->description, " ", text, NULL);

        g_free (current->description);
        current->description = joined;
        continue;
      }
      if (current != NULL) {
        load_error (ctx, lineno,
            "a placeholder's description is indented: "
            "two spaces after '#' under its @ line (leave a blank '#' line "
            "before a plain comment)");
        continue;
      }
      if (t->params->len > 0)
        continue; /* a plain comment after the declarations */
      if (pending_break)
        g_string_append (desc, "\n\n");
      else if (desc->len > 0)
        g_string_append_c (desc, '\n');
      pending_break = FALSE;
      g_string_append (desc, rest[0] == ' ' ? rest + 1 : rest);
      continue;
    }

    in_header = FALSE;
    if (stripped[0] == '#') {
      const gchar *text = stripped + 1;

      while (*text == ' ' || *text == '\t')
        text++;
      if (text[0] == '@')
        load_error (ctx, lineno,
            "placeholders are declared in the header, before the pipeline");
      g_string_append_c (body, '\n');
      continue;
    }
    g_string_append (body, line);
    g_string_append_c (body, '\n');
  }

  t->description = g_strstrip (g_string_free (desc, FALSE));
  if (t->description[0] == '\0')
    load_error (ctx, 1,
        "the header must begin with comment lines saying "
        "what the pipeline is for");
  {
    const gchar *end = strstr (t->description, "\n\n");
    g_autofree gchar *first =
        end != NULL ? g_strndup (t->description, end - t->description)
                    : g_strdup (t->description);
    g_auto (GStrv) first_lines = g_strsplit (first, "\n", -1);

    t->summary = g_strjoinv (" ", first_lines);
  }

  for (guint i = 0; i < t->params->len; i++) {
    Param *p = g_ptr_array_index (t->params, i);

    if (p->description == NULL)
      load_error (ctx, p->line,
          "@%s has no description: add indented comment lines under it",
          p->name);
  }
  if (in_header)
    load_error (ctx, g_strv_length (lines),
        "there is no pipeline after the header");
  return g_string_free (body, FALSE);
}

static ReelTemplate *
template_new (const gchar *name, const gchar *path)
{
  ReelTemplate *t = g_new0 (ReelTemplate, 1);

  t->name = g_strdup (name);
  t->path = g_strdup (path);
  t->params = g_ptr_array_new_with_free_func (param_free);
  t->tokens = g_ptr_array_new_with_free_func (token_free);
  t->elements = g_ptr_array_new_with_free_func (element_free);
  return t;
}

/**
 * reel_template_free:
 * @t: (nullable) (transfer full): a template
 *
 * Frees @t.
 */
void
reel_template_free (ReelTemplate *t)
{
  if (t == NULL)
    return;
  g_free (t->name);
  g_free (t->path);
  g_free (t->description);
  g_free (t->summary);
  g_ptr_array_unref (t->params);
  g_ptr_array_unref (t->tokens);
  g_ptr_array_unref (t->elements);
  g_free (t);
}

/**
 * reel_template_load_file:
 * @path: a `.pipeline` file
 * @error: return location for a #GError
 *
 * Reads and checks the template in @path. Its name is the file's base name
 * without `.pipeline`. Every problem in the file is reported, each as
 * `PATH:LINE: message`.
 *
 * Returns: (transfer full): the template, or %NULL with @error set
 */
ReelTemplate *
reel_template_load_file (const gchar *path, GError **error)
{
  g_autoptr (ReelTemplate) t = NULL;
  g_autoptr (ReelFieldErrors) errors = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) words = NULL;
  g_autofree gchar *contents = NULL;
  g_autofree gchar *base = NULL;
  g_autofree gchar *body = NULL;
  g_autofree gchar *what = NULL;
  LoadContext ctx;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error)) {
    g_set_error (error, REEL_TEMPLATE_ERROR,
        g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
            ? REEL_TEMPLATE_ERROR_NOT_FOUND
            : REEL_TEMPLATE_ERROR_READ,
        "cannot read pipeline template: %s", local_error->message);
    return NULL;
  }
  if (!g_utf8_validate_len (contents, length, NULL)) {
    g_set_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_SYNTAX,
        "%s: not UTF-8 text (or it contains a NUL byte)", path);
    return NULL;
  }

  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, TEMPLATE_SUFFIX))
    base[strlen (base) - strlen (TEMPLATE_SUFFIX)] = '\0';
  t = template_new (base, path);

  errors = reel_field_errors_new ();
  ctx.errors = errors;
  ctx.path = path;

  body = parse_header (t, &ctx, contents);
  words = lex_body (&ctx, body);
  classify_words (t, &ctx, words);
  check_bindings (t, &ctx);

  what = g_strdup_printf ("pipeline template '%s'", t->name);
  if (!reel_field_errors_propagate (errors, error, REEL_TEMPLATE_ERROR,
          REEL_TEMPLATE_ERROR_SYNTAX, what))
    return NULL;
  return g_steal_pointer (&t);
}

/* REEL_PIPELINE_PATH's directories, then reel's own (the source tree's when
 * running from the build tree). */
static GPtrArray *
search_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const gchar *env = g_getenv ("REEL_PIPELINE_PATH");

  if (env != NULL) {
    g_auto (GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

    for (guint i = 0; parts[i] != NULL; i++) {
      if (parts[i][0] != '\0')
        g_ptr_array_add (dirs, g_strdup (parts[i]));
    }
  }
  g_ptr_array_add (dirs, g_strdup (reel_get_pipeline_dir ()));
  return dirs;
}

/**
 * reel_template_load:
 * @name: a template name, `[a-z0-9-]+`
 * @error: return location for a #GError
 *
 * Finds `NAME.pipeline` in the directories of `REEL_PIPELINE_PATH`
 * (separated by ':'), then in reel's installed pipeline directory, and
 * loads the first one found with reel_template_load_file().
 *
 * Returns: (transfer full): the template, or %NULL with @error set
 */
ReelTemplate *
reel_template_load (const gchar *name, GError **error)
{
  g_autoptr (GPtrArray) dirs = NULL;
  g_autoptr (GString) looked = NULL;

  if (!is_template_name (name)) {
    g_autofree gchar *shown = display (name != NULL ? name : "");

    g_set_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_INVALID_NAME,
        "%s is not a pipeline template name: names use only a-z, 0-9 and '-'",
        shown);
    return NULL;
  }

  dirs = search_dirs ();
  looked = g_string_new (NULL);
  for (guint i = 0; i < dirs->len; i++) {
    const gchar *dir = g_ptr_array_index (dirs, i);
    g_autofree gchar *file = g_strconcat (name, TEMPLATE_SUFFIX, NULL);
    g_autofree gchar *path = g_build_filename (dir, file, NULL);

    if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
      return reel_template_load_file (path, error);
    g_string_append_printf (looked, "%s%s", i > 0 ? ", " : "", dir);
  }
  g_set_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_NOT_FOUND,
      "no pipeline template '%s' (looked in %s; set REEL_PIPELINE_PATH to "
      "add directories)",
      name, looked->str);
  return NULL;
}

/**
 * reel_template_list:
 *
 * Lists the templates on the search path (see reel_template_load()), each
 * name once, whichever directory holds it.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, sorted
 */
gchar **
reel_template_list (void)
{
  g_autoptr (GPtrArray) dirs = search_dirs ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < dirs->len; i++) {
    g_autoptr (GDir) dir = g_dir_open (g_ptr_array_index (dirs, i), 0, NULL);
    const gchar *entry;

    if (dir == NULL)
      continue;
    while ((entry = g_dir_read_name (dir)) != NULL) {
      g_autofree gchar *name = NULL;

      if (!g_str_has_suffix (entry, TEMPLATE_SUFFIX))
        continue;
      name = g_strndup (entry, strlen (entry) - strlen (TEMPLATE_SUFFIX));
      if (!is_template_name (name) || g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, name);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (gchar **) g_ptr_array_free (names, FALSE);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */

/**
 * reel_template_get_name:
 *
 * Returns: (transfer none): the template's name (its file's base name)
 */
const gchar *
reel_template_get_name (ReelTemplate *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  return t->name;
}

/**
 * reel_template_get_path:
 *
 * Returns: (transfer none): the file the template was loaded from
 */
const gchar *
reel_template_get_path (ReelTemplate *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  return t->path;
}

/**
 * reel_template_get_description:
 *
 * Returns: (transfer none): what the template is for: the header's leading
 *   comment text, paragraphs separated by a blank line
 */
const gchar *
reel_template_get_description (ReelTemplate *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  return t->description;
}

/**
 * reel_template_get_summary:
 *
 * Returns: (transfer none): the description's first paragraph on one line,
 *   for lists
 */
const gchar *
reel_template_get_summary (ReelTemplate *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  return t->summary;
}

/**
 * reel_template_get_n_params:
 *
 * Returns: how many placeholders the template declares
 */
guint
reel_template_get_n_params (ReelTemplate *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->params->len;
}

/**
 * reel_template_find_param:
 * @t: a template
 * @name: a placeholder name
 *
 * Returns: the index of placeholder @name, or -1 when there is none
 */
gint
reel_template_find_param (ReelTemplate *t, const gchar *name)
{
  g_return_val_if_fail (t != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);
  return find_param (t, name);
}

static Param *
get_param (ReelTemplate *t, guint index)
{
  return g_ptr_array_index (t->params, index);
}

/**
 * reel_template_get_param_name:
 * @t: a template
 * @index: a placeholder index, below reel_template_get_n_params()
 *
 * Returns: (transfer none): the placeholder's name
 */
const gchar *
reel_template_get_param_name (ReelTemplate *t, guint index)
{
  g_return_val_if_fail (t != NULL && index < t->params->len, NULL);
  return get_param (t, index)->name;
}

/**
 * reel_template_get_param_type:
 * @t: a template
 * @index: a placeholder index
 *
 * Returns: the placeholder's type
 */
ReelTemplateParamType
reel_template_get_param_type (ReelTemplate *t, guint index)
{
  g_return_val_if_fail (t != NULL && index < t->params->len,
      REEL_TEMPLATE_PARAM_STRING);
  return get_param (t, index)->type;
}

/**
 * reel_template_get_param_default:
 * @t: a template
 * @index: a placeholder index
 *
 * Returns: (transfer none) (nullable): the default as declared, or %NULL
 *   when a value is required
 */
const gchar *
reel_template_get_param_default (ReelTemplate *t, guint index)
{
  g_return_val_if_fail (t != NULL && index < t->params->len, NULL);
  return get_param (t, index)->default_text;
}

/**
 * reel_template_get_param_description:
 * @t: a template
 * @index: a placeholder index
 *
 * Returns: (transfer none): what the placeholder sets
 */
const gchar *
reel_template_get_param_description (ReelTemplate *t, guint index)
{
  g_return_val_if_fail (t != NULL && index < t->params->len, NULL);
  return get_param (t, index)->description;
}

/**
 * reel_template_get_param_range:
 * @t: a template
 * @index: a placeholder index
 *
 * Returns: (transfer none) (nullable): the range of an int, double or
 *   fraction placeholder as declared (`MIN..MAX`, `MIN..`, `..MAX`), or
 *   %NULL when it has none
 */
const gchar *
reel_template_get_param_range (ReelTemplate *t, guint index)
{
  g_return_val_if_fail (t != NULL && index < t->params->len, NULL);
  return get_param (t, index)->range_text;
}

/**
 * reel_template_get_param_choices:
 * @t: a template
 * @index: a placeholder index
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   choices of an enum placeholder, %NULL for other types
 */
const gchar *const *
reel_template_get_param_choices (ReelTemplate *t, guint index)
{
  g_return_val_if_fail (t != NULL && index < t->params->len, NULL);
  return (const gchar *const *) get_param (t, index)->choices;
}

/**
 * reel_template_param_type_to_string:
 * @type: a placeholder type
 *
 * Returns: (transfer none): the type as the header spells it (`int`, …)
 */
const gchar *
reel_template_param_type_to_string (ReelTemplateParamType type)
{
  g_return_val_if_fail (type <= REEL_TEMPLATE_PARAM_ENUM, NULL);
  return type_names[type];
}

/**
 * reel_template_describe:
 * @t: a template
 *
 * Returns: (transfer full): help text: the description, then each
 *   placeholder with its type, range or choices, default and description
 */
gchar *
reel_template_describe (ReelTemplate *t)
{
  GString *s;

  g_return_val_if_fail (t != NULL, NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, "%s: %s\n", t->name, t->description);
  if (t->params->len > 0)
    g_string_append (s, "\nPlaceholders (give them as NAME=VALUE):\n");
  for (guint i = 0; i < t->params->len; i++) {
    Param *p = get_param (t, i);

    g_string_append_printf (s, "  %s (%s", p->name, type_names[p->type]);
    if (p->choices != NULL) {
      g_autofree gchar *list = g_strjoinv (", ", p->choices);

      g_string_append_printf (s, ": %s", list);
    }
    if (p->range_text != NULL)
      g_string_append_printf (s, ", %s", p->range_text);
    if (p->default_text != NULL) {
      g_autofree gchar *shown = display (p->default_text);

      g_string_append_printf (s, "; default %s)\n", shown);
    } else {
      g_string_append (s, "; required)\n");
    }
    g_string_append_printf (s, "      %s\n", p->description);
  }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------ */
/* Values from the command line and from JSON                           */

/**
 * reel_template_validate:
 * @t: a template
 * @values: (nullable) (element-type utf8 utf8): placeholder name → value
 *   text
 * @error: return location for a #GError
 *
 * Checks @values against the placeholders: no unknown names, every
 * required one given, each value of its type and in its range. All
 * problems are reported in one %REEL_TEMPLATE_ERROR_INVALID_VALUE error,
 * one `NAME: message` line each.
 *
 * Returns: %TRUE when the values fit
 */
gboolean
reel_template_validate (ReelTemplate *t, GHashTable *values, GError **error)
{
  Value *resolved;

  g_return_val_if_fail (t != NULL, FALSE);

  resolved = resolve_or_error (t, values, error);
  if (resolved == NULL)
    return FALSE;
  values_free (resolved, t->params->len);
  return TRUE;
}

static GHashTable *
new_values_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
finish_values (ReelTemplate *t, GHashTable *values, ReelFieldErrors *errors,
    GHashTable **values_out, GError **error)
{
  g_autofree gchar *what = g_strdup_printf ("template '%s'", t->name);
  Value *resolved = resolve_values (t, values, errors);

  if (resolved == NULL || reel_field_errors_get_count (errors) > 0) {
    values_free (resolved, t->params->len);
    reel_field_errors_propagate (errors, error, REEL_TEMPLATE_ERROR,
        REEL_TEMPLATE_ERROR_INVALID_VALUE, what);
    g_hash_table_unref (values);
    return FALSE;
  }
  values_free (resolved, t->params->len);
  if (values_out != NULL)
    *values_out = values;
  else
    g_hash_table_unref (values);
  return TRUE;
}

/**
 * reel_template_parse_args:
 * @t: a template
 * @key_value_args: (array zero-terminated=1) (nullable): `NAME=VALUE`
 *   strings as a command line gives them
 * @values_out: (out) (optional) (transfer full) (element-type utf8 utf8):
 *   the values given, by name
 * @error: return location for a #GError
 *
 * Splits each argument at its first '=' and validates the result as
 * reel_template_validate() does, reporting malformed and repeated
 * arguments too. Defaults are not added to @values_out.
 *
 * Returns: %TRUE when every argument is well formed and the values fit
 */
gboolean
reel_template_parse_args (ReelTemplate *t, gchar **key_value_args,
    GHashTable **values_out, GError **error)
{
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  GHashTable *values;

  g_return_val_if_fail (t != NULL, FALSE);

  values = new_values_table ();
  for (guint i = 0; key_value_args != NULL && key_value_args[i] != NULL; i++) {
    const gchar *arg = key_value_args[i];
    const gchar *eq = strchr (arg, '=');
    g_autofree gchar *key = NULL;

    if (eq == NULL || eq == arg) {
      g_autofree gchar *shown = display (arg);

      reel_field_errors_add (errors, NULL, "%s is not NAME=VALUE", shown);
      continue;
    }
    key = g_strndup (arg, eq - arg);
    if (g_hash_table_contains (values, key)) {
      reel_field_errors_add (errors, key, "given more than once");
      continue;
    }
    g_hash_table_insert (values, g_steal_pointer (&key), g_strdup (eq + 1));
  }
  return finish_values (t, values, errors, values_out, error);
}

/**
 * reel_template_values_from_json:
 * @t: a template
 * @object: typed values: JSON integers for int, numbers for double,
 *   booleans for boolean, strings for the others (a fraction as "30/1")
 * @values_out: (out) (optional) (transfer full) (element-type utf8 utf8):
 *   the values as text, by name, ready for the other calls
 * @error: return location for a #GError
 *
 * Checks each member's JSON type, then validates as
 * reel_template_validate() does, reporting every problem at once.
 *
 * Returns: %TRUE when the values fit
 */
gboolean
reel_template_values_from_json (ReelTemplate *t, JsonObject *object,
    GHashTable **values_out, GError **error)
{
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autoptr (GList) members = NULL;
  GHashTable *values;

  g_return_val_if_fail (t != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  values = new_values_table ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next) {
    const gchar *name = l->data;
    JsonNode *node = json_object_get_member (object, name);
    gint index = find_param (t, name);
    GType vtype = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                               : G_TYPE_INVALID;
    gchar *text = NULL;
    const gchar *want = NULL;

    if (index < 0) {
      /* Reported by resolve_values(), with the list of names. */
      g_hash_table_insert (values, g_strdup (name), g_strdup (""));
      continue;
    }
    switch (get_param (t, index)->type) {
      case REEL_TEMPLATE_PARAM_INT:
        if (vtype == G_TYPE_INT64)
          text =
              g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        want = "an integer";
        break;
      case REEL_TEMPLATE_PARAM_DOUBLE:
        if (vtype == G_TYPE_INT64 || vtype == G_TYPE_DOUBLE)
          text = format_double (json_node_get_double (node));
        want = "a number";
        break;
      case REEL_TEMPLATE_PARAM_BOOLEAN:
        if (vtype == G_TYPE_BOOLEAN)
          text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
        want = "true or false";
        break;
      case REEL_TEMPLATE_PARAM_FRACTION:
        if (vtype == G_TYPE_INT64)
          text =
              g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (vtype == G_TYPE_STRING)
          text = g_strdup (json_node_get_string (node));
        want = "a string such as \"30/1\"";
        break;
      default:
        if (vtype == G_TYPE_STRING)
          text = g_strdup (json_node_get_string (node));
        want = "a string";
        break;
    }
    if (text == NULL) {
      reel_field_errors_add (errors, name, "must be %s, not %s", want,
          JSON_NODE_HOLDS_NULL (node) ? "null"
          : vtype == G_TYPE_INVALID   ? json_node_type_name (node)
          : vtype == G_TYPE_STRING    ? "a string"
          : vtype == G_TYPE_BOOLEAN   ? "a boolean"
                                      : "a number");
      continue;
    }
    g_hash_table_insert (values, g_strdup (name), text);
  }
  return finish_values (t, values, errors, values_out, error);
}

/* ------------------------------------------------------------------ */
/* Printing                                                             */

static gboolean
value_to_caps_gvalue (const Value *v, GValue *gv, gchar **problem)
{
  switch (v->type) {
    case REEL_TEMPLATE_PARAM_INT:
      if (v->i < G_MININT || v->i > G_MAXINT) {
        *problem =
            g_strdup_printf ("%" G_GINT64_FORMAT " does not fit a caps integer",
                v->i);
        return FALSE;
      }
      g_value_init (gv, G_TYPE_INT);
      g_value_set_int (gv, (gint) v->i);
      return TRUE;
    case REEL_TEMPLATE_PARAM_DOUBLE:
      g_value_init (gv, G_TYPE_DOUBLE);
      g_value_set_double (gv, v->d);
      return TRUE;
    case REEL_TEMPLATE_PARAM_BOOLEAN:
      g_value_init (gv, G_TYPE_BOOLEAN);
      g_value_set_boolean (gv, v->b);
      return TRUE;
    case REEL_TEMPLATE_PARAM_FRACTION:
      g_value_init (gv, GST_TYPE_FRACTION);
      gst_value_set_fraction (gv, v->f.num, v->f.den);
      return TRUE;
    case REEL_TEMPLATE_PARAM_ENUM:
      g_value_init (gv, G_TYPE_STRING);
      g_value_set_string (gv, v->s);
      return TRUE;
    default:
      /* The loader refuses free text in caps fields. */
      g_assert_not_reached ();
  }
}

/* The literal caps of @base refined by every field binding on the same
 * element and property. Printing and instantiating both use this, so the
 * two agree. */
static GstCaps *
build_caps (ReelTemplate *t, Token *base, const Value *values,
    ReelFieldErrors *errors)
{
  Element *el = g_ptr_array_index (t->elements, base->element);
  g_autofree gchar *raw = launch_unquote (strchr (base->text, '=') + 1);
  g_autoptr (GstCaps) caps = gst_caps_from_string (raw);
  gboolean ok = TRUE;

  if (caps == NULL || gst_caps_is_any (caps) || gst_caps_is_empty (caps)) {
    g_autofree gchar *where = g_strdup_printf ("%s:%u", t->path, base->line);

    reel_field_errors_add (errors, where,
        "%s of element '%s' are not fixed caps whose fields can be set",
        base->text, el->name);
    return NULL;
  }
  caps = gst_caps_make_writable (g_steal_pointer (&caps));
  for (guint i = 0; i < t->tokens->len; i++) {
    Token *tok = g_ptr_array_index (t->tokens, i);
    Param *p;
    g_auto (GValue) gv = G_VALUE_INIT;
    g_autofree gchar *problem = NULL;

    if (tok->kind != TOKEN_BINDING || tok->field == NULL
        || tok->element != base->element
        || g_strcmp0 (tok->property, base->property) != 0)
      continue;
    p = get_param (t, tok->param);
    if (!value_to_caps_gvalue (&values[tok->param], &gv, &problem)) {
      reel_field_errors_add (errors, p->name, "%s", problem);
      ok = FALSE;
      continue;
    }
    gst_caps_set_value (caps, tok->field, &gv);
  }
  return ok ? g_steal_pointer (&caps) : NULL;
}

/* The pipeline as gst-launch words, values printed from their parsed
 * form. */
static GPtrArray *
launch_words (ReelTemplate *t, GHashTable *values, GError **error)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (ReelFieldErrors) errors = NULL;
  g_autofree gchar *what = NULL;
  Value *resolved = resolve_or_error (t, values, error);

  if (resolved == NULL)
    return NULL;

  errors = reel_field_errors_new ();
  for (guint i = 0; i < t->tokens->len; i++) {
    Token *tok = g_ptr_array_index (t->tokens, i);

    if (tok->kind == TOKEN_BINDING && tok->field == NULL) {
      g_autofree gchar *text = value_to_launch (&resolved[tok->param]);

      g_ptr_array_add (words, g_strdup_printf ("%s=%s", tok->property, text));
    } else if (tok->caps_base) {
      g_autoptr (GstCaps) caps = build_caps (t, tok, resolved, errors);
      g_autofree gchar *caps_text = NULL;
      g_autofree gchar *quoted = NULL;

      if (caps == NULL)
        continue;
      caps_text = gst_caps_to_string (caps);
      quoted = launch_quote (caps_text);
      g_ptr_array_add (words, g_strdup_printf ("%s=%s", tok->property, quoted));
    } else if (tok->kind == TOKEN_TEXT) {
      g_ptr_array_add (words, g_strdup (tok->text));
    }
  }
  values_free (resolved, t->params->len);

  what = g_strdup_printf ("template '%s'", t->name);
  if (!reel_field_errors_propagate (errors, error, REEL_TEMPLATE_ERROR,
          REEL_TEMPLATE_ERROR_INVALID_VALUE, what))
    return NULL;
  return g_steal_pointer (&words);
}

/**
 * reel_template_to_launch_line:
 * @t: a template
 * @values: (nullable) (element-type utf8 utf8): placeholder name → value
 *   text
 * @error: return location for a #GError
 *
 * Prints the pipeline @values make of @t as one gst-launch description:
 * text, path and URI values double-quoted with '"' and '\' escaped,
 * numbers, booleans, fractions and choices printed from their parsed
 * values, never copied from the input. Parsing the line with
 * gst_parse_launch() builds the same pipeline as
 * reel_template_instantiate(). Needs GStreamer initialised when the
 * template binds caps fields.
 *
 * Returns: (transfer full): the line, or %NULL with @error set
 */
gchar *
reel_template_to_launch_line (ReelTemplate *t, GHashTable *values,
    GError **error)
{
  g_autoptr (GPtrArray) words = NULL;

  g_return_val_if_fail (t != NULL, NULL);

  words = launch_words (t, values, error);
  if (words == NULL)
    return NULL;
  g_ptr_array_add (words, NULL);
  return g_strjoinv (" ", (gchar **) words->pdata);
}

static gchar *
shell_quote (const gchar *word)
{
  GString *out;

  if (word[0] != '\0'
      && strspn (word, "abcdefghijklmnopqrstuvwxyz"
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,@%+-")
             == strlen (word))
    return g_strdup (word);
  if (g_strcmp0 (word, "!") == 0)
    return g_strdup (word);

  out = g_string_new ("'");
  for (const gchar *c = word; *c != '\0'; c++) {
    if (*c == '\'')
      g_string_append (out, "'\\''");
    else
      g_string_append_c (out, *c);
  }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

/**
 * reel_template_to_shell_command:
 * @t: a template
 * @values: (nullable) (element-type utf8 utf8): placeholder name → value
 *   text
 * @error: return location for a #GError
 *
 * Like reel_template_to_launch_line(), as a POSIX shell command line:
 * `gst-launch-1.0 -e` followed by each word of the description,
 * single-quoted where the shell would otherwise change it.
 *
 * Returns: (transfer full): the command, or %NULL with @error set
 */
gchar *
reel_template_to_shell_command (ReelTemplate *t, GHashTable *values,
    GError **error)
{
  g_autoptr (GPtrArray) words = NULL;
  GString *cmd;

  g_return_val_if_fail (t != NULL, NULL);

  words = launch_words (t, values, error);
  if (words == NULL)
    return NULL;
  cmd = g_string_new ("gst-launch-1.0 -e");
  for (guint i = 0; i < words->len; i++) {
    g_autofree gchar *quoted = shell_quote (g_ptr_array_index (words, i));

    g_string_append_printf (cmd, " %s", quoted);
  }
  return g_string_free (cmd, FALSE);
}

/* ------------------------------------------------------------------ */
/* Instantiating                                                        */

static gchar *
element_label (GstElement *element)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  return g_strdup_printf ("'%s' (%s)", GST_OBJECT_NAME (element),
      factory != NULL ? GST_OBJECT_NAME (factory) : "?");
}

/* Converts @v to @pspec's type into @gv, checking the property's own
 * range. On failure sets @problem. */
static gboolean
value_to_property (const Value *v, GParamSpec *pspec, GValue *gv,
    gchar **problem)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  GType fundamental = G_TYPE_FUNDAMENTAL (type);
  gboolean is_int = v->type == REEL_TEMPLATE_PARAM_INT;
  gint64 lo = 0, hi = 0;
  guint64 uhi = 0;

  if (type == GST_TYPE_FRACTION && v->type == REEL_TEMPLATE_PARAM_FRACTION) {
    g_value_init (gv, type);
    gst_value_set_fraction (gv, v->f.num, v->f.den);
    return TRUE;
  }

  switch (fundamental) {
    case G_TYPE_STRING:
      if (v->s == NULL)
        break;
      g_value_init (gv, type);
      g_value_set_string (gv, v->s);
      return TRUE;

    case G_TYPE_BOOLEAN:
      if (v->type != REEL_TEMPLATE_PARAM_BOOLEAN)
        break;
      g_value_init (gv, type);
      g_value_set_boolean (gv, v->b);
      return TRUE;

    case G_TYPE_ENUM: {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      GEnumValue *ev;

      if (v->type != REEL_TEMPLATE_PARAM_ENUM)
        break;
      /* The order gst-launch tries, so both forms agree. */
      ev = g_enum_get_value_by_name (klass, v->s);
      if (ev == NULL)
        ev = g_enum_get_value_by_nick (klass, v->s);
      if (ev == NULL) {
        GString *nicks = g_string_new (NULL);

        for (guint i = 0; i < klass->n_values; i++)
          g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "",
              klass->values[i].value_nick);
        *problem = g_strdup_printf ("'%s' is not a value of %s (it takes %s)",
            v->s, g_type_name (type), nicks->str);
        g_string_free (nicks, TRUE);
        return FALSE;
      }
      g_value_init (gv, type);
      g_value_set_enum (gv, ev->value);
      return TRUE;
    }

    case G_TYPE_DOUBLE:
    case G_TYPE_FLOAT: {
      gdouble d = is_int ? (gdouble) v->i : v->d;
      gdouble dlo, dhi;

      if (!is_int && v->type != REEL_TEMPLATE_PARAM_DOUBLE)
        break;
      if (fundamental == G_TYPE_DOUBLE) {
        dlo = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
        dhi = G_PARAM_SPEC_DOUBLE (pspec)->maximum;
      } else {
        dlo = G_PARAM_SPEC_FLOAT (pspec)->minimum;
        dhi = G_PARAM_SPEC_FLOAT (pspec)->maximum;
      }
      if (d < dlo || d > dhi) {
        g_autofree gchar *a = format_double (dlo);
        g_autofree gchar *b = format_double (dhi);

        *problem = g_strdup_printf ("it takes %s to %s", a, b);
        return FALSE;
      }
      g_value_init (gv, type);
      if (fundamental == G_TYPE_DOUBLE)
        g_value_set_double (gv, d);
      else
        g_value_set_float (gv, (gfloat) d);
      return TRUE;
    }

    case G_TYPE_INT:
      lo = G_PARAM_SPEC_INT (pspec)->minimum;
      hi = G_PARAM_SPEC_INT (pspec)->maximum;
      goto signed_int;
    case G_TYPE_LONG:
      lo = G_PARAM_SPEC_LONG (pspec)->minimum;
      hi = G_PARAM_SPEC_LONG (pspec)->maximum;
      goto signed_int;
    case G_TYPE_INT64:
      lo = G_PARAM_SPEC_INT64 (pspec)->minimum;
      hi = G_PARAM_SPEC_INT64 (pspec)->maximum;
      goto signed_int;
    case G_TYPE_UINT:
      lo = G_PARAM_SPEC_UINT (pspec)->minimum;
      uhi = G_PARAM_SPEC_UINT (pspec)->maximum;
      goto unsigned_int;
    case G_TYPE_ULONG:
      lo = G_PARAM_SPEC_ULONG (pspec)->minimum;
      uhi = G_PARAM_SPEC_ULONG (pspec)->maximum;
      goto unsigned_int;
    case G_TYPE_UINT64:
      lo = G_PARAM_SPEC_UINT64 (pspec)->minimum;
      uhi = G_PARAM_SPEC_UINT64 (pspec)->maximum;
      goto unsigned_int;
    default:
      break;
  }
  goto mismatch;

signed_int:
  if (!is_int)
    goto mismatch;
  if (v->i < lo || v->i > hi) {
    *problem =
        g_strdup_printf ("it takes %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
            lo, hi);
    return FALSE;
  }
  g_value_init (gv, type);
  if (fundamental == G_TYPE_INT)
    g_value_set_int (gv, (gint) v->i);
  else if (fundamental == G_TYPE_LONG)
    g_value_set_long (gv, (glong) v->i);
  else
    g_value_set_int64 (gv, v->i);
  return TRUE;

unsigned_int:
  if (!is_int)
    goto mismatch;
  if (v->i < 0 || (guint64) v->i < (guint64) lo || (guint64) v->i > uhi) {
    *problem =
        g_strdup_printf ("it takes %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
            (guint64) lo, uhi);
    return FALSE;
  }
  g_value_init (gv, type);
  if (fundamental == G_TYPE_UINT)
    g_value_set_uint (gv, (guint) v->i);
  else if (fundamental == G_TYPE_ULONG)
    g_value_set_ulong (gv, (gulong) v->i);
  else
    g_value_set_uint64 (gv, (guint64) v->i);
  return TRUE;

mismatch:
  *problem =
      g_strdup_printf ("it holds a %s, which a %s placeholder cannot set",
          g_type_name (type), type_names[v->type]);
  return FALSE;
}

/* Finds @property on @element, or on one of its children for
 * `child::property`. */
static gboolean
lookup_property (GstElement *element, const gchar *property, GObject **target,
    GParamSpec **pspec)
{
  if (GST_IS_CHILD_PROXY (element))
    return gst_child_proxy_lookup (GST_CHILD_PROXY (element), property, target,
        pspec);
  *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (element), property);
  if (*pspec == NULL)
    return FALSE;
  *target = g_object_ref (G_OBJECT (element));
  return TRUE;
}

static void
set_binding (ReelTemplate *t, GstBin *bin, Token *tok, const GValue *caps,
    const Value *v, ReelFieldErrors *errors)
{
  Element *el = g_ptr_array_index (t->elements, tok->element);
  g_autoptr (GstElement) element = gst_bin_get_by_name (bin, el->name);
  g_autoptr (GObject) target = NULL;
  g_autofree gchar *label = NULL;
  g_autofree gchar *problem = NULL;
  g_autofree gchar *who = NULL;
  g_auto (GValue) gv = G_VALUE_INIT;
  GParamSpec *pspec = NULL;

  /* Errors name the placeholder, or for whole caps the property. */
  who = tok->kind == TOKEN_BINDING
            ? g_strdup (get_param (t, tok->param)->name)
            : g_strdup_printf ("%s.%s", el->name, tok->property);

  if (element == NULL) {
    reel_field_errors_add (errors, who,
        "the pipeline has no element named '%s'", el->name);
    return;
  }
  label = element_label (element);
  if (!lookup_property (element, tok->property, &target, &pspec)) {
    reel_field_errors_add (errors, who, "element %s has no property '%s'",
        label, tok->property);
    return;
  }
  if (!(pspec->flags & G_PARAM_WRITABLE)
      || (pspec->flags & G_PARAM_CONSTRUCT_ONLY)) {
    reel_field_errors_add (errors, who,
        "property '%s' of element %s cannot be set after the element is made",
        tok->property, label);
    return;
  }

  if (caps != NULL) {
    if (!g_type_is_a (G_PARAM_SPEC_VALUE_TYPE (pspec), GST_TYPE_CAPS)) {
      reel_field_errors_add (errors, who,
          "property '%s' of element %s holds a %s, not caps with fields",
          tok->property, label, g_type_name (G_PARAM_SPEC_VALUE_TYPE (pspec)));
      return;
    }
    g_object_set_property (target, pspec->name, caps);
    return;
  }

  if (!value_to_property (v, pspec, &gv, &problem)) {
    g_autofree gchar *text = value_to_launch (v);

    reel_field_errors_add (errors, who,
        "%s cannot set property '%s' of element %s: %s", text, tok->property,
        label, problem);
    return;
  }
  g_object_set_property (target, pspec->name, &gv);
}

static gchar *
package_hint (const gchar *factory)
{
  for (guint i = 0; i < G_N_ELEMENTS (package_hints); i++) {
    const gchar *pattern = package_hints[i].factory;
    gsize len = strlen (pattern);
    gboolean match = pattern[len - 1] == '*'
                         ? strncmp (factory, pattern, len - 1) == 0
                         : g_strcmp0 (factory, pattern) == 0;

    if (match)
      return g_strdup_printf (" (Debian package %s)", package_hints[i].package);
  }
  return g_strdup ("");
}

/**
 * reel_template_instantiate:
 * @t: a template
 * @values: (nullable) (element-type utf8 utf8): placeholder name → value
 *   text
 * @error: return location for a #GError
 *
 * Builds the pipeline. The body is parsed without the bound properties
 * (gst_parse_launch_full() with %GST_PARSE_FLAG_FATAL_ERRORS and
 * %GST_PARSE_FLAG_PLACE_IN_BIN), then each value is set on its named
 * element's property as a GValue of the property's type, range-checked
 * against the property too, so a value is only ever a value. The result is
 * a #GstPipeline named after the template holding what the parser made, in
 * %GST_STATE_NULL. GStreamer must be initialised.
 *
 * Returns: (transfer full): the pipeline, or %NULL with @error set:
 *   %REEL_TEMPLATE_ERROR_INVALID_VALUE when @values do not fit the
 *   placeholders, %REEL_TEMPLATE_ERROR_MISSING_ELEMENT naming an element
 *   that is not installed, %REEL_TEMPLATE_ERROR_PIPELINE otherwise
 */
GstElement *
reel_template_instantiate (ReelTemplate *t, GHashTable *values, GError **error)
{
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (ReelFieldErrors) errors = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GString) body = NULL;
  g_autofree gchar *what = NULL;
  GstParseContext *ctx;
  Value *resolved;
  GstElement *parsed;

  g_return_val_if_fail (t != NULL, NULL);
  g_return_val_if_fail (gst_is_initialized (), NULL);

  resolved = resolve_or_error (t, values, error);
  if (resolved == NULL)
    return NULL;

  body = g_string_new (NULL);
  for (guint i = 0; i < t->tokens->len; i++) {
    Token *tok = g_ptr_array_index (t->tokens, i);

    if (tok->kind == TOKEN_TEXT)
      g_string_append_printf (body, "%s%s", body->len > 0 ? " " : "",
          tok->text);
  }

  ctx = gst_parse_context_new ();
  parsed = gst_parse_launch_full (body->str, ctx,
      GST_PARSE_FLAG_FATAL_ERRORS | GST_PARSE_FLAG_PLACE_IN_BIN, &parse_error);
  if (parsed == NULL) {
    g_auto (GStrv) missing = gst_parse_context_get_missing_elements (ctx);

    gst_parse_context_free (ctx);
    values_free (resolved, t->params->len);
    if (missing != NULL && missing[0] != NULL) {
      g_autofree gchar *hint = package_hint (missing[0]);

      g_set_error (error, REEL_TEMPLATE_ERROR,
          REEL_TEMPLATE_ERROR_MISSING_ELEMENT,
          "template '%s' needs the "
          "GStreamer element '%s', which is not installed%s",
          t->name, missing[0], hint);
    } else {
      g_set_error (error, REEL_TEMPLATE_ERROR, REEL_TEMPLATE_ERROR_PIPELINE,
          "template '%s' (%s): GStreamer cannot build the pipeline: %s",
          t->name, t->path,
          parse_error != NULL ? parse_error->message : "unknown error");
    }
    return NULL;
  }
  gst_parse_context_free (ctx);
  /* With PLACE_IN_BIN the parser returns a plain bin, or the element itself
   * when there is only one: either way it goes into a pipeline of its own,
   * so the caller always gets a bus and a clock. */
  pipeline = gst_object_ref_sink (gst_pipeline_new (t->name));
  gst_bin_add (GST_BIN (pipeline), parsed);

  errors = reel_field_errors_new ();
  for (guint i = 0; i < t->tokens->len; i++) {
    Token *tok = g_ptr_array_index (t->tokens, i);

    if (tok->kind == TOKEN_BINDING && tok->field == NULL) {
      set_binding (t, GST_BIN (pipeline), tok, NULL, &resolved[tok->param],
          errors);
    } else if (tok->caps_base) {
      g_autoptr (GstCaps) caps = build_caps (t, tok, resolved, errors);
      g_auto (GValue) gv = G_VALUE_INIT;

      if (caps == NULL)
        continue;
      g_value_init (&gv, GST_TYPE_CAPS);
      g_value_set_boxed (&gv, caps);
      set_binding (t, GST_BIN (pipeline), tok, &gv, NULL, errors);
    }
  }
  values_free (resolved, t->params->len);

  what = g_strdup_printf ("template '%s'", t->name);
  if (!reel_field_errors_propagate (errors, error, REEL_TEMPLATE_ERROR,
          REEL_TEMPLATE_ERROR_PIPELINE, what))
    return NULL;
  return g_steal_pointer (&pipeline);
}
