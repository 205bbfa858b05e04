#!/bin/sh
# Integration test of `reel analyze` (TAP), run as a user runs it, on media
# made by tests/media: the documents it prints for a clip with sound and
# picture (every loaded analyser has its section, and the document
# validates), a file analysed twice (the second time from the cache),
# audio-only and video-only files (partial, saying what is missing and why),
# several files at once, --json, --only, --param, --print-pipeline (the
# printed command runs in gst-launch-1.0), `reel launch analyse`, and bad
# input: an empty file, random bytes, an MP4 cut at 30% and at 90%, files
# declaring 30000x30000 and 100000x100000 pictures, a directory, a missing
# path and an unreadable file. Each must end with a clear error naming the
# file, or a partial analysis; none may crash or hang (every command runs
# under a timeout).
set -u
: "${REEL_BUILD_ROOT:?}" "${REEL_SOURCE_ROOT:?}"
REEL="$REEL_BUILD_ROOT/tools/reel"
MAKE="$REEL_BUILD_ROOT/tests/media/reel-make-test-media"
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export REEL_DATA_DIR="$tmp/data"
cd "$tmp" || exit 1

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
show () { sed 's/^/#   /' "$@" | head -40; }

# run NAME ARGS…: `reel` under a timeout; status in $rc, output in NAME.out
# and NAME.err.
run () {
  name=$1; shift
  timeout 60 "$REEL" "$@" >"$name.out" 2>"$name.err"
  rc=$?
}

# expect_error NAME FILE STATUS TEXT: the run failed with STATUS, did not
# time out, and said TEXT about FILE.
expect_error () {
  if [ "$rc" = "$3" ] && grep -qF -- "$2: " "$1.err" && grep -qF -- "$4" "$1.err"; then
    ok "$1: exit $3, '$4'"
  else
    not_ok "$1: exit $3 and '$2: …$4'" "got exit $rc" "$(show "$1.err")"
  fi
}

py () { python3 - "$@"; }

# ---- media ----------------------------------------------------------------
"$MAKE" -q -p clicks-120 --duration 4 --cut 30,90 -o clip.mp4 \
  && "$MAKE" -q -p audio-only --duration 3 -o audio-only.m4a \
  && "$MAKE" -q -p video-only --duration 2 --cut 25 -o video-only.mp4 \
  || { echo "Bail out! cannot make test media"; exit 1; }
: >empty.mp4
head -c 100000 /dev/urandom >random.bin
py clip.mp4 <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
open("cut30.mp4", "wb").write(d[: len(d) * 30 // 100])
open("cut90.mp4", "wb").write(d[: len(d) * 90 // 100])
PY
printf 'YUV4MPEG2 W100000 H100000 F30:1 Ip A1:1 C420jpeg\nFRAME\n' >huge.y4m
head -c 4096 /dev/zero >>huge.y4m
mkdir folder.mp4
echo "not for you" >locked.mp4
chmod 000 locked.mp4

# A copy of clip.mp4 whose H.264 parameters (the SPS in avcC, the sample
# entry and the track header) declare 30000x30000 pictures.
py clip.mp4 huge.mp4 30000 30000 <<'PY'
import struct, sys

def bits_of(data):
    return [(b >> (7 - i)) & 1 for b in data for i in range(8)]

class Reader:
    def __init__(self, bits): self.b = bits; self.p = 0
    def u(self, n):
        v = 0
        for _ in range(n): v = (v << 1) | self.b[self.p]; self.p += 1
        return v
    def ue(self):
        z = 0
        while self.u(1) == 0: z += 1
        return (1 << z) - 1 + self.u(z)

def ue(v):
    v += 1
    n = v.bit_length()
    return [0] * (n - 1) + [(v >> (n - 1 - i)) & 1 for i in range(n)]

def unescape(nal):
    out, z = bytearray(), 0
    for c in nal:
        if z >= 2 and c == 3: z = 0; continue
        out.append(c); z = z + 1 if c == 0 else 0
    return bytes(out)

def escape(rbsp):
    out, z = bytearray(), 0
    for c in rbsp:
        if z >= 2 and c <= 3: out.append(3); z = 0
        out.append(c); z = z + 1 if c == 0 else 0
    return bytes(out)

def patch_sps(nal, mbs_w, mbs_h):
    bits = bits_of(unescape(nal[1:]))
    r = Reader(bits)
    profile = r.u(8); r.u(16); r.ue()
    if profile in (100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135):
        if r.ue() == 3: r.u(1)
        r.ue(); r.ue(); r.u(1)
        assert r.u(1) == 0, "scaling matrices"
    r.ue()
    poc = r.ue()
    if poc == 0: r.ue()
    assert poc != 1
    r.ue(); r.u(1)
    start = r.p; r.ue(); r.ue(); after = r.p
    if r.u(1) == 0: r.u(1)
    r.u(1)
    crop_at = r.p
    if r.u(1):
        for _ in range(4): r.ue()
    rest = r.p
    last = len(bits) - 1
    while bits[last] == 0: last -= 1
    out = bits[:start] + ue(mbs_w - 1) + ue(mbs_h - 1) + bits[after:crop_at] + [0] + bits[rest:last] + [1]
    out += [0] * (-len(out) % 8)
    rbsp = bytes(int("".join(map(str, out[i:i + 8])), 2) for i in range(0, len(out), 8))
    return nal[:1] + escape(rbsp)

src, dst, w, h = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
d = bytearray(open(src, "rb").read())
assert d.find(b"mdat") < d.find(b"moov"), "moov must follow mdat"
i = d.find(b"avcC")
size = struct.unpack(">I", d[i - 4:i])[0]
avcc = bytes(d[i + 4:i - 4 + size])
assert avcc[5] & 0x1f == 1
l = struct.unpack(">H", avcc[6:8])[0]
sps = patch_sps(avcc[8:8 + l], (w + 15) // 16, (h + 15) // 16)
new = avcc[:6] + struct.pack(">H", len(sps)) + sps + avcc[8 + l:]
delta = len(new) - len(avcc)
parents = []
def walk(start, end):
    p = start
    while p + 8 <= end:
        s, t = struct.unpack(">I4s", d[p:p + 8])
        if s < 8: break
        if p < i < p + s: parents.append(p)
        if t in (b"moov", b"trak", b"mdia", b"minf", b"stbl"): walk(p + 8, p + s)
        elif t == b"stsd": walk(p + 16, p + s)
        elif t == b"avc1": walk(p + 86, p + s)
        p += s
walk(0, len(d))
for p in parents:
    d[p:p + 4] = struct.pack(">I", struct.unpack(">I", d[p:p + 4])[0] + delta)
d[i - 4:i] = struct.pack(">I", size + delta)
d[i + 4:i - 4 + size] = new
a = d.find(b"avc1")
d[a + 28:a + 32] = struct.pack(">HH", w & 0xffff, h & 0xffff)
t = d.find(b"tkhd")
off = t + 4 + (88 if d[t + 4] == 1 else 76)
d[off:off + 8] = struct.pack(">II", w << 16, h << 16)
open(dst, "wb").write(d)
PY
[ -f huge.mp4 ] || { echo "Bail out! cannot craft huge.mp4"; exit 1; }

"$REEL" plugins --json >plugins.json 2>/dev/null
py plugins.json >analysers.txt <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for p in doc["plugins"]:
    for a in p.get("analysers", []):
        print(a["name"], a.get("stream", "video"), "yes" if a.get("available", True) else "no")
PY

echo "1..25"

# ---- a clip with picture and sound ------------------------------------------
run clip analyze clip.mp4
if [ "$rc" = 0 ] && "$REEL" validate clip.out >/dev/null 2>&1 \
   && py clip.out analysers.txt <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1 and doc["media"] == "clip.mp4", doc
assert doc["status"] == "complete", doc.get("missing")
assert abs(doc["duration"] - 4.0) < 1e-9, doc["duration"]
p = doc["probe"]
assert p["has_audio"] and p["has_video"] and p["width"] == 640 and p["fps"] == 30, p
for line in open(sys.argv[2]):
    name, stream, available = line.split()
    if available == "yes":
        assert name in doc, "no section for " + name
PY
then ok "clip.mp4: every loaded analyser has its section; the document validates"
else not_ok "clip.mp4 analysed, complete, valid" "exit $rc" "$(show clip.err)" "$(show clip.out)"
fi
if grep -q "^progress 1.00 clip.mp4$" clip.err && grep -q "^analysed clip.mp4 in " clip.err; then
  ok "plain progress lines on stderr when it is not a terminal"
else
  not_ok "progress lines" "$(show clip.err)"
fi

# ---- the cache -----------------------------------------------------------------
run again analyze clip.mp4
if [ "$rc" = 0 ] && grep -q "^cached clip.mp4: complete" again.err && cmp -s clip.out again.out; then
  ok "a second run comes from the cache, unchanged"
else
  not_ok "second run cached" "exit $rc" "$(show again.err)"
fi
run fresh analyze --no-cache clip.mp4
if [ "$rc" = 0 ] && grep -q "^analysed clip.mp4" fresh.err; then
  ok "--no-cache analyses again"
else
  not_ok "--no-cache" "exit $rc" "$(show fresh.err)"
fi
if ls "$REEL_DATA_DIR"/analysis/*/analysis.json >/dev/null 2>&1 \
   && ! ls -a "$REEL_DATA_DIR"/analysis | grep -q '^\.staging'; then
  ok "the cache holds whole entries under \$REEL_DATA_DIR/analysis"
else
  not_ok "cache layout" "$(ls -la "$REEL_DATA_DIR"/analysis 2>&1)"
fi

# ---- partial analyses ------------------------------------------------------------
run audio analyze audio-only.m4a
if [ "$rc" = 0 ] && py audio.out analysers.txt audio <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
lacking = "video" if sys.argv[3] == "audio" else "audio"
missing = {m["analyser"]: m["reason"] for m in doc.get("missing", [])}
expect_partial = False
for line in open(sys.argv[2]):
    name, stream, available = line.split()
    if stream == lacking:
        assert missing.get(name) == "the file has no %s stream" % lacking, (name, missing)
        expect_partial = True
    elif available == "yes":
        assert name in doc, name
assert doc["status"] == ("partial" if expect_partial else "complete"), doc["status"]
PY
then ok "audio-only: partial, each video analyser missing with the reason"
else not_ok "audio-only partial" "exit $rc" "$(show audio.err)" "$(show audio.out)"
fi
run video analyze video-only.mp4
if [ "$rc" = 0 ] && py video.out analysers.txt video <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
missing = {m["analyser"]: m["reason"] for m in doc.get("missing", [])}
for line in open(sys.argv[2]):
    name, stream, available = line.split()
    if stream == "audio":
        assert missing.get(name) == "the file has no audio stream", (name, missing)
    elif available == "yes":
        assert name in doc, name
PY
then ok "video-only: partial, each audio analyser missing with the reason"
else not_ok "video-only partial" "exit $rc" "$(show video.err)" "$(show video.out)"
fi

# ---- bad input -----------------------------------------------------------------
# Hostile files make GStreamer's own elements log criticals now and then
# (y4mdec answers a duration query with a zero frame rate before its header
# is refused, depending on thread timing); those are not reel's bugs and do
# not stop a production run, so here they are not made fatal. What counts is
# reel's exit status and message, and that nothing crashes or hangs.
G_DEBUG=gc-friendly
export G_DEBUG
run empty analyze empty.mp4
expect_error empty empty.mp4 1 "is empty (0 bytes)"
run random analyze random.bin
expect_error random random.bin 1 "not a media file"
run cut30 analyze cut30.mp4
expect_error cut30 cut30.mp4 1 "truncated or damaged"
run cut90 analyze cut90.mp4
expect_error cut90 cut90.mp4 1 "truncated or damaged"
run huge analyze huge.mp4
expect_error huge huge.mp4 1 "declares 30000×30000 pictures"
run y4m analyze huge.y4m
expect_error y4m huge.y4m 1 "damaged or truncated media"
run folder analyze folder.mp4
expect_error folder folder.mp4 1 "is a directory"
run missing analyze no-such-file.mp4
expect_error missing no-such-file.mp4 1 "no such file"
if [ "$(id -u)" = 0 ]; then
  # root reads any file: ask as nobody, with a registry and data folder
  # nobody may write.
  chmod 755 "$tmp"
  mkdir -m 777 nobody
  cp "$GST_REGISTRY" nobody/registry.bin 2>/dev/null; chmod 666 nobody/registry.bin 2>/dev/null
  # No registry rescan as nobody: the file is refused before any element
  # is needed, and a scan in a sanitizer build is slow.
  GST_REGISTRY="$tmp/nobody/registry.bin" GST_REGISTRY_UPDATE=no \
    REEL_DATA_DIR="$tmp/nobody/data" HOME="$tmp/nobody" \
    timeout 60 setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$REEL" analyze locked.mp4 >locked.out 2>locked.err
  rc=$?
  expect_error locked locked.mp4 1 "cannot be read: Permission denied"
else
  run locked analyze locked.mp4
  expect_error locked locked.mp4 1 "cannot be read: Permission denied"
fi

G_DEBUG=gc-friendly,fatal-criticals

# ---- several files, --json, --only, --param ------------------------------------------
run several analyze -q clip.mp4 random.bin audio-only.m4a
if [ "$rc" = 1 ] && py several.out <<'PY'
import json, sys
docs = json.load(open(sys.argv[1]))
assert len(docs) == 3 and docs[1] is None, docs
assert docs[0]["media"] == "clip.mp4" and docs[2]["media"] == "audio-only.m4a"
PY
then ok "several files: an array, null for the one that failed, exit 1"
else not_ok "several files" "exit $rc" "$(show several.err)"
fi
run jsonout analyze -q --json out.json clip.mp4
if [ "$rc" = 0 ] && [ ! -s jsonout.out ] && cmp -s out.json clip.out; then
  ok "--json writes the document to OUT"
else
  not_ok "--json OUT" "exit $rc" "$(show jsonout.err)"
fi
run unknown analyze --only scenes,nope clip.mp4
if [ "$rc" = 1 ] && grep -q "unknown analyser 'nope'; available: " unknown.err; then
  ok "--only with an unknown name lists those available"
else
  not_ok "--only unknown" "exit $rc" "$(show unknown.err)"
fi
first=$(head -n 1 analysers.txt | cut -d' ' -f1)
run only analyze -q --only "$first" clip.mp4
if [ "$rc" = 0 ] && py only.out "$first" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
known = {"version", "media", "status", "duration", "missing", "probe"}
assert set(doc) - known == {sys.argv[2]}, set(doc)
PY
then ok "--only $first runs only $first"
else not_ok "--only" "exit $rc" "$(show only.err)"
fi
run param analyze --param "$first.no-such-parameter=1" clip.mp4
if [ "$rc" = 1 ] && grep -q "analysers.$first.no-such-parameter: unknown parameter" param.err; then
  ok "--param errors name analysers.NAME.PARAM"
else
  not_ok "--param error path" "exit $rc" "$(show param.err)"
fi
run usage analyze
if [ "$rc" = 2 ] && grep -q "name at least one file" usage.err; then
  ok "no file is a usage error"
else
  not_ok "usage" "exit $rc" "$(show usage.err)"
fi
run help analyze --help
if [ "$rc" = 0 ] && grep -q -- "--print-pipeline" help.out && grep -q "^Analysers" help.out \
   && grep -q "^  $first " help.out; then
  ok "--help documents the options and lists the analysers"
else
  not_ok "--help" "exit $rc" "$(show help.out)"
fi

# ---- printing pipelines ----------------------------------------------------------
run print analyze --print-pipeline clip.mp4
# In a sanitizer build, reel's plugins need the sanitizer runtimes that the
# system's gst-launch-1.0 was not linked with.
preload=$(ldd "$REEL" | awk '/libasan|libubsan/ { printf "%s:", $3 }')
if [ "$rc" = 0 ] && grep -q "^gst-launch-1.0 -e playbin " print.out \
   && GST_PLUGIN_PATH="$REEL_BUILD_ROOT/plugins" LD_PRELOAD="$preload" \
      timeout 60 sh print.out >launch.log 2>&1; then
  ok "--print-pipeline prints a command gst-launch-1.0 runs to the end"
else
  not_ok "--print-pipeline runs" "exit $rc" "$(show print.out)" "$(show launch.log)"
fi
run tpl launch analyse input=audio-only.m4a --print
run tplrun launch analyse input=audio-only.m4a
if [ "$rc" = 0 ] && grep -q "playbin name=play" tpl.out; then
  ok "reel launch analyse prints the template and runs it on an audio-only file"
else
  not_ok "reel launch analyse" "exit $rc" "$(show tpl.out)" "$(show tplrun.err)"
fi

exit $failed
