/* Unit tests of the document dispatcher (core/model/reel-model.c) and of
 * every example in data/examples: each valid example validates and round
 * trips losslessly (load → save → load gives the same document), and each
 * invalid one yields exactly the error lines in its .errors file, which the
 * CLI tests reuse. The examples are read from $REEL_SOURCE_ROOT. */
#include "reel-model.h"
#include "model-test-util.h"
#include "reel-json.h"

static ReelDocumentKind
detect (const gchar *text)
{
  g_autoptr (JsonNode) node = parse (text);

  return reel_document_detect_kind (node);
}

static void
test_kind_names (void)
{
  for (gint k = REEL_DOCUMENT_MEDIA; k <= REEL_DOCUMENT_JOB; k++)
    g_assert_cmpint (reel_document_kind_from_string (
                         reel_document_kind_to_string (k)),
        ==, k);
  g_assert_cmpstr (reel_document_kind_to_string (REEL_DOCUMENT_TIMELINE), ==,
      "timeline");
  g_assert_cmpstr (reel_document_kind_to_string (REEL_DOCUMENT_UNKNOWN), ==,
      "unknown");
  g_assert_cmpstr (reel_document_kind_to_string (42), ==, "unknown");
  g_assert_cmpint (reel_document_kind_from_string ("unknown"), ==,
      REEL_DOCUMENT_UNKNOWN);
  g_assert_cmpint (reel_document_kind_from_string (NULL), ==,
      REEL_DOCUMENT_UNKNOWN);
}

static void
test_detect (void)
{
  g_assert_cmpint (detect ("{'tracks':[]}"), ==, REEL_DOCUMENT_TIMELINE);
  g_assert_cmpint (detect ("{'type':'edit','status':'queued'}"), ==,
      REEL_DOCUMENT_JOB);
  g_assert_cmpint (detect ("{'content_type':'video/mp4'}"), ==,
      REEL_DOCUMENT_MEDIA);
  g_assert_cmpint (detect ("{'id':'a','probe':null}"), ==, REEL_DOCUMENT_MEDIA);
  g_assert_cmpint (detect ("{'media':'a','duration':1}"), ==,
      REEL_DOCUMENT_ANALYSIS);
  g_assert_cmpint (detect ("{'media':'a','status':'pending'}"), ==,
      REEL_DOCUMENT_ANALYSIS);
  g_assert_cmpint (detect ("{'media':'a'}"), ==, REEL_DOCUMENT_UNKNOWN);
  g_assert_cmpint (detect ("{'type':'edit'}"), ==, REEL_DOCUMENT_UNKNOWN);
  g_assert_cmpint (detect ("{'kind':'job','tracks':[]}"), ==,
      REEL_DOCUMENT_JOB);
  g_assert_cmpint (detect ("{'kind':'reel','tracks':[]}"), ==,
      REEL_DOCUMENT_TIMELINE);
  g_assert_cmpint (detect ("[]"), ==, REEL_DOCUMENT_UNKNOWN);
  g_assert_cmpint (detect ("'tracks'"), ==, REEL_DOCUMENT_UNKNOWN);
  g_assert_cmpint (reel_document_detect_kind (NULL), ==, REEL_DOCUMENT_UNKNOWN);
}

static void
test_validate (void)
{
  g_autoptr (JsonNode) unknown = parse ("{'x':1}");
  g_autoptr (JsonNode) array = parse ("[]");
  g_autoptr (JsonNode) job =
      parse ("{'id':'j','type':'analyze',"
             "'status':'queued','created_at':'2024-05-01T12:00:00Z',"
             "'request':{'media':['m']}}");
  g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
  g_autofree gchar *text = NULL;

  g_assert_true (reel_document_validate (job, REEL_DOCUMENT_UNKNOWN, NULL));
  g_assert_true (reel_document_validate (job, REEL_DOCUMENT_JOB, NULL));
  g_assert_false (reel_document_validate (job, REEL_DOCUMENT_TIMELINE, NULL));
  g_assert_false (
      reel_document_validate (unknown, REEL_DOCUMENT_UNKNOWN, errors));
  g_assert_false (reel_document_validate (array, REEL_DOCUMENT_MEDIA, errors));
  text = reel_field_errors_to_string (errors);
  g_assert_cmpstr (text, ==,
      "cannot tell what kind of document this is: a "
      "timeline has \"tracks\", a job \"type\" and \"status\", a media record "
      "\"content_type\", an analysis \"media\" and \"duration\"\n"
      "must be an object (not an array)\n");
}

static gchar *
examples_dir (const gchar *sub)
{
  const gchar *root = g_getenv ("REEL_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "examples", sub, NULL);
}

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

/* The sorted .json files of one examples folder. */
static GPtrArray *
list_json (const gchar *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const gchar *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL) {
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  }
  g_ptr_array_sort (files, compare_paths);
  return files;
}

static JsonNode *
to_json_of_kind (JsonNode *node, ReelDocumentKind kind)
{
  switch (kind) {
    case REEL_DOCUMENT_MEDIA: {
      g_autoptr (ReelMedia) m = reel_media_new_from_json (node, NULL);

      return m != NULL ? reel_media_to_json (m) : NULL;
    }
    case REEL_DOCUMENT_ANALYSIS: {
      g_autoptr (ReelAnalysis) a = reel_analysis_new_from_json (node, NULL);

      return a != NULL ? reel_analysis_to_json (a) : NULL;
    }
    case REEL_DOCUMENT_TIMELINE: {
      g_autoptr (ReelTimeline) t = reel_timeline_new_from_json (node, NULL);

      return t != NULL ? reel_timeline_to_json (t) : NULL;
    }
    case REEL_DOCUMENT_JOB: {
      g_autoptr (ReelJob) j = reel_job_new_from_json (node, NULL);

      return j != NULL ? reel_job_to_json (j) : NULL;
    }
    case REEL_DOCUMENT_UNKNOWN:
    default:
      return NULL;
  }
}

static void
check_valid_folder (const gchar *sub, ReelDocumentKind kind, guint at_least)
{
  g_autofree gchar *dir = examples_dir (sub);
  g_autoptr (GPtrArray) files = list_json (dir);

  g_assert_cmpuint (files->len, >=, at_least);
  for (guint i = 0; i < files->len; i++) {
    const gchar *file = g_ptr_array_index (files, i);
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = reel_json_load_file (file, &error);
    g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
    g_autoptr (JsonNode) first = NULL;
    g_autoptr (JsonNode) second = NULL;
    g_autoptr (JsonNode) direct = NULL;
    g_autofree gchar *text = NULL;
    g_autofree gchar *a = NULL;
    g_autofree gchar *b = NULL;

    g_test_message ("%s", file);
    g_assert_no_error (error);
    g_assert_cmpint (reel_document_detect_kind (node), ==, kind);
    first = reel_document_normalize (node, REEL_DOCUMENT_UNKNOWN, errors);
    text = reel_field_errors_to_string (errors);
    g_assert_cmpstr (text, ==, "");
    g_assert_nonnull (first);
    g_assert_true (reel_document_validate (node, kind, NULL));

    /* load → save → load → save: the same document */
    second = reel_document_normalize (first, kind, NULL);
    g_assert_nonnull (second);
    a = reel_json_to_string (first, TRUE);
    b = reel_json_to_string (second, TRUE);
    g_assert_cmpstr (a, ==, b);
    g_assert_true (json_node_equal (first, second));
    direct = to_json_of_kind (node, kind);
    g_assert_true (json_node_equal (first, direct));
    /* and what was saved still says what it is */
    g_assert_cmpint (reel_document_detect_kind (first), ==, kind);
  }
}

static void
test_valid_examples (void)
{
  check_valid_folder ("timelines", REEL_DOCUMENT_TIMELINE, 5);
  check_valid_folder ("jobs", REEL_DOCUMENT_JOB, 5);
  check_valid_folder ("media", REEL_DOCUMENT_MEDIA, 2);
  check_valid_folder ("analysis", REEL_DOCUMENT_ANALYSIS, 2);
}

/* One job example per status. */
static void
test_job_examples_cover_statuses (void)
{
  g_autofree gchar *dir = examples_dir ("jobs");
  g_autoptr (GPtrArray) files = list_json (dir);
  gboolean seen[5] = { FALSE };

  for (guint i = 0; i < files->len; i++) {
    g_autoptr (JsonNode) node =
        reel_json_load_file (g_ptr_array_index (files, i), NULL);
    g_autoptr (ReelJob) job = reel_job_new_from_json (node, NULL);

    g_assert_nonnull (job);
    seen[job->status] = TRUE;
  }
  for (guint s = 0; s < G_N_ELEMENTS (seen); s++)
    g_assert_true (seen[s]);
}

static void
test_invalid_examples (void)
{
  g_autofree gchar *dir = examples_dir ("invalid");
  g_autoptr (GPtrArray) files = list_json (dir);

  g_assert_cmpuint (files->len, >=, 10);
  for (guint i = 0; i < files->len; i++) {
    const gchar *file = g_ptr_array_index (files, i);
    g_autofree gchar *base = g_strndup (file, strlen (file) - 5);
    g_autofree gchar *errors_file = g_strconcat (base, ".errors", NULL);
    g_autofree gchar *expected = NULL;
    g_autofree gchar *got = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = reel_json_load_file (file, &error);
    g_autoptr (ReelFieldErrors) errors = reel_field_errors_new ();
    ReelDocumentKind kind;

    g_test_message ("%s", file);
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (errors_file, &expected, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (expected, !=, "");

    kind = reel_document_detect_kind (node);
    g_assert_cmpint (kind, !=, REEL_DOCUMENT_UNKNOWN);
    g_assert_false (reel_document_validate (node, kind, errors));
    got = reel_field_errors_to_string (errors);
    g_assert_cmpstr (got, ==, expected);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/document/kind-names", test_kind_names);
  g_test_add_func ("/model/document/detect", test_detect);
  g_test_add_func ("/model/document/validate", test_validate);
  g_test_add_func ("/model/examples/valid", test_valid_examples);
  g_test_add_func ("/model/examples/jobs-cover-statuses",
      test_job_examples_cover_statuses);
  g_test_add_func ("/model/examples/invalid", test_invalid_examples);
  return g_test_run ();
}
