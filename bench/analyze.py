#!/usr/bin/env python3
"""Analysis speed, side by side with its peers (issue 3's benchmark).

Times, on the same clip and the same machine, each run N times (median
wall time): GStreamer decode-only (reel's decode-only template), ffmpeg
decode-only, `reel analyze` with every analyser, ffmpeg's scene filter
(select='gt(scene,0.3)'), and ffmpeg's ebur128 filter. Prints the ratios the
issue sets targets for (analyze / GStreamer decode <= 1.15; analyze / ffmpeg
scene filter < 1) and, for generated clips, how many of the truth's cuts each
scene detector found within one frame.

Usage: bench/analyze.py [--build build] [--runs 3] [--clip FILE …]
With no --clip it generates the 60 s 1080p preset (av-1080p-60s) into
build/bench/. Needs ffmpeg (Debian package ffmpeg).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time


# The analysers reel ships (the example plugin's is left out).
STANDARD = "scenes,motion,black,thumbnails,beats,loudness,silences,waveform"


def run_timed(cmd, env=None):
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, check=False)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        sys.stderr.write("failed (%d): %s\n%s\n" % (
            proc.returncode, " ".join(cmd), proc.stderr.decode(errors="replace")[-2000:]))
        return None, proc
    return elapsed, proc


def median_time(cmd, runs, env=None):
    times = []
    last = None
    for _ in range(runs):
        t, last = run_timed(cmd, env)
        if t is None:
            return None, last
        times.append(t)
    return statistics.median(times), last


def ffmpeg_scene_times(stderr_text):
    return [float(m) for m in re.findall(r"pts_time:([0-9.]+)", stderr_text)]


def cut_hits(found, truth_cuts, fps):
    """How many truth cuts have a detection within one frame, and how many
    detections match no cut."""
    tol = 1.0 / fps + 1e-6
    hits = sum(1 for c in truth_cuts if any(abs(f - c) <= tol for f in found))
    false = sum(1 for f in found if not any(abs(f - c) <= tol for c in truth_cuts))
    return hits, false


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--clip", action="append", default=[])
    args = ap.parse_args()

    reel = os.path.join(args.build, "tools", "reel")
    maker = os.path.join(args.build, "tests", "media", "reel-make-test-media")
    if not shutil.which("ffmpeg"):
        sys.exit("bench/analyze.py: ffmpeg is needed (apt-get install ffmpeg)")
    clips = args.clip
    if not clips:
        out = os.path.join(args.build, "bench")
        os.makedirs(out, exist_ok=True)
        clip = os.path.join(out, "av-1080p-60s.mp4")
        if not os.path.exists(clip + ".truth.json"):
            subprocess.run([maker, "--preset", "av-1080p-60s", "-o", clip], check=True)
        clips = [clip]

    for clip in clips:
        truth = None
        if os.path.exists(clip + ".truth.json"):
            with open(clip + ".truth.json", encoding="utf-8") as f:
                truth = json.load(f)
        rows = []

        def measure(name, cmd):
            t, proc = median_time(cmd, args.runs)
            rows.append((name, t))
            print("  %-34s %s" % (name, "failed" if t is None else "%.2f s" % t), flush=True)
            return t, proc

        print("%s (median of %d runs)" % (clip, args.runs))
        gst_decode, _ = measure("GStreamer decode-only", [reel, "launch", "decode-only", "input=" + clip])
        ff_decode, _ = measure("ffmpeg decode-only", ["ffmpeg", "-v", "error", "-threads", "0", "-i", clip, "-f", "null", "-"])
        analyze, proc = measure("reel analyze (all analysers)", [reel, "analyze", "--no-cache", "--only", STANDARD, clip])
        ff_scene, ff_proc = measure("ffmpeg scene filter", ["ffmpeg", "-v", "info", "-i", clip, "-an", "-vf", "select='gt(scene,0.3)',showinfo", "-f", "null", "-"])
        ff_r128, _ = measure("ffmpeg ebur128", ["ffmpeg", "-v", "error", "-i", clip, "-vn", "-af", "ebur128", "-f", "null", "-"])

        print("  ratios:")
        if analyze and gst_decode:
            print("    analyze / GStreamer decode-only  %.2f  (target <= 1.15)" % (analyze / gst_decode))
        if analyze and ff_scene:
            print("    analyze / ffmpeg scene filter    %.2f  (target < 1.00)" % (analyze / ff_scene))
        if gst_decode and ff_decode:
            print("    GStreamer / ffmpeg decode-only   %.2f" % (gst_decode / ff_decode))

        if truth and truth.get("cuts") is not None and truth.get("video"):
            fps_n, fps_d = (int(x) for x in truth["video"]["fps"].split("/"))
            fps = fps_n / fps_d
            cuts = [c["time"] for c in truth["cuts"]]
            if analyze and proc is not None:
                doc = json.loads(proc.stdout)
                if isinstance(doc, list):
                    doc = doc[0]
                found = [s["start"] for s in doc.get("scenes", [])[1:]
                         if s.get("transition", {}).get("kind", "cut") == "cut"]
                hits, false = cut_hits(found, cuts, fps)
                print("    reel scenes:   %d/%d cuts within 1 frame, %d false" % (hits, len(cuts), false))
            if ff_scene and ff_proc is not None:
                found = ffmpeg_scene_times(ff_proc.stderr.decode(errors="replace"))
                hits, false = cut_hits(found, cuts, fps)
                print("    ffmpeg scenes: %d/%d cuts within 1 frame, %d false" % (hits, len(cuts), false))


if __name__ == "__main__":
    main()
