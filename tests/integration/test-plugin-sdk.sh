#!/bin/sh
# Integration test of the plugin SDK: installs this build into a scratch
# folder, builds tests/integration/plugin-sdk (an out-of-tree plugin) with
# meson against the installed reel-plugin-1.pc, and checks that the installed
# `reel` loads it and lists its generator with its parameter schema.
set -eu
: "${REEL_BUILD_ROOT:?}" "${REEL_SOURCE_ROOT:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..4"

DESTDIR="$tmp/root" meson install -C "$REEL_BUILD_ROOT" --no-rebuild --quiet >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; echo "not ok 1 - meson install"; exit 1; }
eval "$(meson introspect --buildoptions "$REEL_BUILD_ROOT" | python3 -c '
import json, sys
opts = {o["name"]: o["value"] for o in json.load(sys.stdin)}
print("prefix=%s libdir=%s bindir=%s" % (opts["prefix"], opts["libdir"], opts["bindir"]))')"
root="$tmp/root$prefix"
pc="$root/$libdir/pkgconfig/reel-plugin-1.pc"
[ -f "$pc" ] || { echo "not ok 1 - reel-plugin-1.pc installed"; exit 1; }
# Relocate the installed .pc to where DESTDIR put it, as a packager would.
mkdir -p "$tmp/pc"
sed "s|^prefix=.*|prefix=$root|" "$pc" >"$tmp/pc/reel-plugin-1.pc"
echo "ok 1 - reel installed with reel-plugin-1.pc"

PKG_CONFIG_PATH="$tmp/pc" meson setup "$tmp/build" "$REEL_SOURCE_ROOT/tests/integration/plugin-sdk" >"$tmp/setup.log" 2>&1 \
  && meson compile -C "$tmp/build" >"$tmp/compile.log" 2>&1 \
  || { cat "$tmp/setup.log" "$tmp/compile.log" 2>/dev/null; echo "not ok 2 - out-of-tree plugin builds"; exit 1; }
grep -q "reel-plugin-1 found: YES" "$tmp/setup.log" || { cat "$tmp/setup.log"; echo "not ok 2 - found through pkg-config"; exit 1; }
echo "ok 2 - out-of-tree plugin builds against the installed SDK"

LD_LIBRARY_PATH="$root/$libdir" REEL_PLUGIN_PATH="$tmp/build" REEL_NO_SYSTEM_PLUGINS=1 \
  "$root/$bindir/reel" plugins --json >"$tmp/plugins.json"
python3 - "$tmp/plugins.json" <<'PY' || { cat "$tmp/plugins.json"; echo "not ok 3 - installed reel loads it"; exit 1; }
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["errors"] == [], doc["errors"]
hello = [p for p in doc["plugins"] if p["name"] == "hello"]
assert len(hello) == 1, doc
gen = hello[0]["generators"][0]
assert gen["name"] == "hello-concat"
repeat = gen["params"]["properties"]["repeat"]
assert (repeat["type"], repeat["minimum"], repeat["maximum"], repeat["default"]) == ("integer", 1, 4, 1), repeat
PY
echo "ok 3 - the installed reel loads it and lists its generator"

env -u REEL_NO_SYSTEM_PLUGINS REEL_PLUGIN_PATH="$tmp/build" "$REEL_BUILD_ROOT/tools/reel" plugins >"$tmp/plugins.txt"
grep -q "hello-concat" "$tmp/plugins.txt" && grep -q "example-montage" "$tmp/plugins.txt" \
  || { cat "$tmp/plugins.txt"; echo "not ok 4 - build-tree reel loads it beside its own"; exit 1; }
echo "ok 4 - the build-tree reel loads it beside its own plugins"
