#!/usr/bin/env python3
# Checks data/schemas against data/examples (TAP output): every schema is a
# valid draft 2020-12 schema, every valid example passes the schema of its
# kind, and each invalid example whose errors are about shape (types,
# members, names) fails it. Rules only reel's validator knows (overlaps,
# order, consistency of a job) are tested in test-*.c, not here.
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
schemas_dir = root / "data" / "schemas"
examples = root / "data" / "examples"

FOLDERS = {"timelines": "timeline", "jobs": "job", "media": "media",
           "analysis": "analysis"}
# invalid examples a schema alone can refuse, and the schema to use
SHAPE_INVALID = {
    "bad-version.json": "timeline",
    "unknown-members.json": "timeline",
    "wrong-types.json": "timeline",
    "huge-numbers.json": "timeline",
    "bad-ids.json": "timeline",
    "bad-output.json": "timeline",
    "job-bad-enums.json": "job",
    "media-bad.json": "media",
    "analysis-future.json": "analysis",
    "analysis-sections.json": "analysis",
}

schemas = {}
resources = []
for kind in FOLDERS.values():
    doc = json.loads((schemas_dir / f"{kind}.schema.json").read_text())
    schemas[kind] = doc
    resources.append((doc["$id"], Resource.from_contents(doc)))
registry = Registry().with_resources(resources)

checks = []


def check(name, ok, detail=""):
    checks.append((name, ok, detail))


for kind, doc in schemas.items():
    try:
        jsonschema.Draft202012Validator.check_schema(doc)
        check(f"schema {kind} is valid", True)
    except jsonschema.SchemaError as e:
        check(f"schema {kind} is valid", False, str(e))


def validator(kind):
    return jsonschema.Draft202012Validator(schemas[kind], registry=registry)


for folder, kind in FOLDERS.items():
    for path in sorted((examples / folder).glob("*.json")):
        errors = list(validator(kind).iter_errors(json.loads(path.read_text())))
        check(f"{folder}/{path.name} passes {kind}.schema.json", not errors,
              "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))

for name, kind in SHAPE_INVALID.items():
    doc = json.loads((examples / "invalid" / name).read_text())
    errors = list(validator(kind).iter_errors(doc))
    check(f"invalid/{name} fails {kind}.schema.json", bool(errors))

print(f"1..{len(checks)}")
for i, (name, ok, detail) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    if not ok and detail:
        for line in detail.splitlines():
            print(f"# {line}")
sys.exit(0 if all(ok for _, ok, _ in checks) else 1)
