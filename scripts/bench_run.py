#!/usr/bin/env python3
"""bench_run.py - runs Chronicle's benchmark (called by scripts/bench, which builds first).

Each case: generate (or reuse) a deterministic corpus with bench_corpus.py, export it with the
release `chronicle` (html,csv,archive) under /usr/bin/time, and print sessions/s, events/s, input
MB/s, wall, CPU (user+sys) and peak RSS. References measured in the same run, over the same
bytes the archives hold (every archive decompressed once into one file): `gzip -6` and
`pigz -p 2 -6`; and `naive_pipeline.py --gzip-level 6` over the same conversations (logical
form). The latency case serves a small replay tree over loopback HTTP with 20 ms per request
(`chronicle-bench serve`) and exports it at --concurrency 1 and 16.
"""
import argparse
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import time

import bench_profile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MB = 1024 * 1024
# Part of each cached corpus's folder name: bump it when bench_corpus.py writes other bytes.
# v2: real-session text (e-mail addresses, diff hunks, keys, stack traces, long lines, ...).
CORPUS_VERSION = "v2"


def log(msg):
    print(msg, flush=True)


def timed(cmd, label, env=None, stdout=None):
    """Runs cmd under /usr/bin/time; returns dict wall, user, sys, cpu, rss_mb, rc."""
    tf = "/tmp/chronicle-bench-time-%d.txt" % os.getpid()
    full = ["/usr/bin/time", "-o", tf, "-f", "%e %U %S %M"] + cmd
    start = time.monotonic()
    p = subprocess.run(full, env=env, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    with open(tf) as f:
        last = f.read().strip().splitlines()[-1].split()
    os.unlink(tf)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode(errors="replace")[-3000:])
        raise SystemExit("bench: %s failed with exit status %d" % (label, p.returncode))
    e, u, s, m = float(last[0]), float(last[1]), float(last[2]), int(last[3])
    return {"label": label, "wall": max(e, 0.01), "user": u, "sys": s, "cpu": u + s, "rss_mb": m / 1024.0, "wall_py": wall}


def corpus(args, name, sessions, events, platform="vectara", logical=False, big_artifact=0, big_listing=0, page_size=50):
    d = os.path.join(args.dir, "corpus-%s-%s-%dx%d-p%d-s%d-a%d-l%d" % (CORPUS_VERSION, platform, sessions, events, page_size, args.seed, big_artifact, big_listing))
    info_path = os.path.join(d, "corpus.json")
    need_logical = logical and not os.path.exists(os.path.join(d, "logical", "artifacts.jsonl"))
    if os.path.exists(info_path) and not need_logical:
        with open(info_path) as f:
            return d, json.load(f)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    log("  generating %s corpus %d x %d (%s)..." % (platform, sessions, events, name))
    cmd = [sys.executable, os.path.join(HERE, "bench_corpus.py"), "--sessions", str(sessions), "--events", str(events),
           "--seed", str(args.seed), "--platform", platform, "--replay", os.path.join(d, "replay"), "--page-size", str(page_size),
           "--big-artifact-mb", str(big_artifact), "--big-listing-mb", str(big_listing)]
    if logical:
        cmd += ["--logical", os.path.join(d, "logical")]
    t = time.monotonic()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout.decode()
    info = json.loads(out.strip().splitlines()[-1])
    info["page_size"] = page_size
    with open(info_path, "w") as f:
        json.dump(info, f)
    log("  generated in %.1f s: %.1f MB in %d files" % (time.monotonic() - t, info["input_bytes"] / MB, info["input_files"]))
    return d, info


def export_cmd(args, base_url, out, platform, concurrency, page_size):
    return [args.chronicle, "export", "--platform", platform, "--base-url", base_url, "--out", out,
            "--concurrency", str(concurrency), "--page-size", str(page_size), "--formats", "html,csv,archive",
            "--log-level", "error"]


# Output folders of this run, deleted only when the whole benchmark is over. On ext4 without a
# journal (these machines), the inode allocator skips, one by one, every inode of a block group
# freed in the last 12 hours (vm.dirtytime_expire_seconds): an export started right after deleting
# an earlier export's thousands of files spent 8.6% of its CPU in the kernel's recently_deleted(),
# and one run after a few earlier benchmarks 25%. A nightly export never follows such a deletion,
# so no measured run should: the outputs go under a folder marked top of a directory hierarchy
# (`chattr +T`), below which ext4's Orlov allocator puts each new folder, and so each run's files,
# in a block group of its own choosing, away from the groups an earlier run freed. Chronicle and
# the naive pipeline are measured alike.
OUTPUTS = []


def outputs_root(args):
    root = os.path.join(args.dir, "outputs")
    os.makedirs(root, exist_ok=True)
    # Best effort: other filesystems have no such flag and no such penalty.
    subprocess.run(["chattr", "+T", root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return root


def fresh(path):
    """A new, empty output folder named after `path`, unique to this run."""
    unique = "%s-run%d-%d" % (path, os.getpid(), len(OUTPUTS))
    os.makedirs(unique)
    OUTPUTS.append(unique)
    return unique


def remove_outputs():
    for path in OUTPUTS:
        shutil.rmtree(path, ignore_errors=True)
    OUTPUTS.clear()


# Megabytes written to a file and deleted before each measured run (--warm-mb). On these
# machines (virtual machines whose memory the host backs on first touch), a page-cache page the
# guest has never used costs a host page fault when a write first fills it: `dd` of 1 GB into
# fresh page cache took 2.7-3.2 s of system time, 0.26 s once the pages had been used and freed.
# An export writes its whole bag (510 MB on the main case) into new pages while pigz rewrites
# 80 MB, so without this the ratio measured how much of the guest's memory earlier runs had
# touched (Chronicle's system time 0.7-2.1 s across the rounds of one benchmark). A machine that
# has run for a while, as a nightly export's has, has touched its memory; every measured command
# (Chronicle, --compare, gzip, pigz, the naive pipeline) gets the same warm-up.
WARM_MB = 2048
WARM_DIR = None


def warm_page_cache():
    if WARM_MB <= 0 or WARM_DIR is None:
        return
    path = os.path.join(WARM_DIR, "warm-page-cache.tmp")
    chunk = bytes(MB)
    try:
        with open(path, "wb") as f:
            for _ in range(WARM_MB):
                f.write(chunk)
    except OSError as e:
        log("  (page cache warm-up stopped: %s)" % e)
    finally:
        if os.path.exists(path):
            os.unlink(path)


def sync_disk():
    """Before each measured run: warm the page cache (see WARM_MB), then flush the disk."""
    warm_page_cache()
    subprocess.run(["sync"])


def row(r, info=None):
    cols = "%-26s wall %7.2f s  cpu %7.2f s (user %6.2f sys %5.2f)  peak RSS %7.1f MB" % (
        r["label"], r["wall"], r["cpu"], r["user"], r["sys"], r["rss_mb"])
    if info:
        cols += "\n%-26s %8.0f sessions/s  %9.0f events/s  %7.1f input MB/s" % (
            "", info["sessions"] / r["wall"], info["events"] / r["wall"], info["input_bytes"] / MB / r["wall"])
    log(cols)


def run_export(args, d, info, platform, label, concurrency=None, binary=None):
    out = fresh(os.path.join(outputs_root(args), "out"))
    sync_disk()
    cmd = export_cmd(args, "file:" + os.path.join(d, "replay"), out, platform, concurrency or args.concurrency, info["page_size"])
    if binary:
        cmd[0] = binary
    r = timed(cmd, label)
    row(r, info)
    return r, out


def archived_bytes(out, dest):
    """Decompresses every archive of the bag in `out` into one file (the bytes the archives hold)."""
    total, n = 0, 0
    with open(dest, "wb") as w:
        for path in sorted(glob.glob(os.path.join(out, "*", "*", "data", "archive", "*.json.gz"))):
            with gzip.open(path, "rb") as g:
                while True:
                    b = g.read(1 << 20)
                    if not b:
                        break
                    w.write(b)
                    total += len(b)
            n += 1
    return total, n


def archive_size(out):
    return sum(os.path.getsize(p) for p in glob.glob(os.path.join(out, "*", "*", "data", "archive", "*.json.gz")))


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def references(args, d, info, base, out):
    """gzip -6 and pigz -p 2 -6 over the archived bytes, and `--repeat` exports interleaved with
    them; prints the medians of the per-round ratios (each round's runs are neighbours in time,
    so a busy machine slows both sides of a ratio alike)."""
    doc = os.path.join(args.dir, "archived.json")
    total, n = archived_bytes(out, doc)
    compressed = archive_size(out)
    log("  archived bytes: %.1f MB uncompressed in %d archives, %.1f MB compressed" % (total / MB, n, compressed / MB))
    rounds = []
    try:
        for k in range(args.repeat):
            r = {"chronicle": base} if k == 0 else {"chronicle": run_export(args, d, info, args.platform, "chronicle export")[0]}
            if args.compare:
                r["compare"] = run_export(args, d, info, args.platform, "--compare binary", binary=args.compare)[0]
            for label, cmd in (("gzip -6", ["gzip", "-6", "-c", doc]), ("pigz -p 2 -6", ["pigz", "-p", "2", "-6", "-c", doc])):
                sync_disk()
                with open(doc + ".gz", "wb") as sink:
                    t = timed(cmd, label, stdout=sink)
                t["size"] = os.path.getsize(doc + ".gz")
                row(t)
                r[label] = t
            rounds.append(r)
    finally:
        for path in (doc, doc + ".gz"):
            if os.path.exists(path):
                os.unlink(path)
    med = {key: median([r["chronicle"][key] for r in rounds]) for key in ("wall", "cpu", "rss_mb")}
    log("  median of %d: chronicle wall %.2f s, cpu %.2f s, peak RSS %.1f MB" % (len(rounds), med["wall"], med["cpu"], med["rss_mb"]))
    for label in ("gzip -6", "pigz -p 2 -6"):
        ratio = median([r["chronicle"]["wall"] / r[label]["wall"] for r in rounds])
        log("  ratio  chronicle wall / %-13s = %.2f  (median of %d%s)" % (label, ratio, len(rounds), "; target <= 0.7" if label.startswith("pigz") else ""))
    if args.compare:
        for key in ("wall", "cpu", "rss_mb"):
            log("  --compare %s: median %s %.2f, ratio chronicle / compare = %.2f" % (
                args.compare, key, median([r["compare"][key] for r in rounds]), median([r["chronicle"][key] / r["compare"][key] for r in rounds])))
        log("  ratio  --compare wall / pigz -p 2 -6 = %.2f" % median([r["compare"]["wall"] / r["pigz -p 2 -6"]["wall"] for r in rounds]))
    gz = rounds[0]["gzip -6"]["size"]
    log("  ratio  archive size / gzip -6 size    = %.2f  (%.1f / %.1f MB; target <= 1.15)" % (compressed / gz, compressed / MB, gz / MB))
    med["label"] = base["label"]
    return med


def stage_profile(args, d, info, platform, title):
    """One more export of the case under perf: the CPU share of each stage (bench_profile.py)."""
    if args.no_profile:
        return
    out = fresh(os.path.join(outputs_root(args), "out"))
    sync_disk()
    cmd = export_cmd(args, "file:" + os.path.join(d, "replay"), out, platform, args.concurrency, info["page_size"])
    try:
        text = bench_profile.profile(cmd, title)
    except RuntimeError as e:
        text = "%s: skipped, %s" % (title, e)
    log("\n".join("  " + line for line in text.splitlines()))


def naive(args, d, info, base):
    script = args.naive
    if not os.path.exists(script):
        log("  (no %s: naive reference skipped)" % script)
        return None
    out = fresh(os.path.join(outputs_root(args), "naive-out"))
    sync_disk()
    r = timed([sys.executable, script, os.path.join(d, "logical"), out, "--gzip-level", "6"], "naive_pipeline.py -6")
    row(r, info)
    log("  ratio  naive wall / chronicle wall = %.2f  (target >= 4)" % (r["wall"] / base["wall"]))
    return r


def case_main(args, sessions, events, with_naive):
    log("\n== export %d sessions x %d events (%s, replay, html+csv+archive, --concurrency %d)" % (sessions, events, args.platform, args.concurrency))
    d, info = corpus(args, "main", sessions, events, args.platform, logical=with_naive)
    log("  corpus: %d sessions, %d events, %d artifacts (%.1f MB decoded), %.1f MB input" % (
        info["sessions"], info["events"], info["artifacts"], info["artifact_bytes"] / MB, info["input_bytes"] / MB))
    base, out = run_export(args, d, info, args.platform, "chronicle export")
    base = references(args, d, info, base, out)
    if with_naive:
        naive(args, d, info, base)
    stage_profile(args, d, info, args.platform, "stage shares, %d x %d" % (sessions, events))
    return base


def case_big_artifact(args):
    log("\n== one %d MB artifact (vectara, 1 session x 8 events)" % args.big_artifact_mb)
    d, info = corpus(args, "big artifact", 1, 8, "vectara", big_artifact=args.big_artifact_mb)
    r, _ = run_export(args, d, info, "vectara", "chronicle export")
    log("  peak RSS %.1f MB (target < 150)" % r["rss_mb"])


def case_big_listing(args):
    log("\n== one %d MB listing response (guayaba history of 1 session x 400 events, unpaged)" % args.big_listing_mb)
    d, info = corpus(args, "big listing", 1, 400, "guayaba", big_listing=args.big_listing_mb)
    r, _ = run_export(args, d, info, "guayaba", "chronicle export")
    log("  peak RSS %.1f MB (target < 150)" % r["rss_mb"])


def case_latency(args):
    s, e = args.latency_sessions, args.latency_events
    log("\n== latency: %d sessions x %d events over loopback HTTP, %d ms per request (page size %d)" % (s, e, args.latency_ms, args.latency_page_size))
    d, info = corpus(args, "latency", s, e, "vectara", page_size=args.latency_page_size)
    results = {}
    for c in (1, 16):
        server = subprocess.Popen([args.bench_tool, "serve", "--root", os.path.join(d, "replay"), "--latency-ms", str(args.latency_ms)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline().strip()  # "listening on http://127.0.0.1:PORT"
            url = line.split()[-1]
            out = fresh(os.path.join(outputs_root(args), "out"))
            env = dict(os.environ, CHRONICLE_BENCH_TOKEN="bench")
            cmd = export_cmd(args, url, out, "vectara", c, args.latency_page_size) + ["--token-env", "CHRONICLE_BENCH_TOKEN"]
            r = timed(cmd, "chronicle --concurrency %d" % c, env=env)
            row(r, info)
            results[c] = r
        finally:
            server.terminate()
            server.wait()
    log("  ratio  wall(--concurrency 1) / wall(--concurrency 16) = %.1f  (target >= 10)" % (results[1]["wall"] / results[16]["wall"]))


def main():
    global WARM_MB, WARM_DIR
    ap = argparse.ArgumentParser(description="Chronicle benchmark (run it through scripts/bench)")
    ap.add_argument("--sessions", type=int, default=1000)
    ap.add_argument("--events", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--platform", choices=["vectara", "guayaba"], default="vectara")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--large", action="store_true", help="also 5000 sessions x 200 events (no naive reference)")
    ap.add_argument("--big-artifact-mb", type=int, default=50)
    ap.add_argument("--big-listing-mb", type=int, default=100)
    ap.add_argument("--latency-sessions", type=int, default=300)
    ap.add_argument("--latency-events", type=int, default=20)
    ap.add_argument("--latency-ms", type=int, default=20)
    ap.add_argument("--latency-page-size", type=int, default=5)
    ap.add_argument("--only", choices=["main", "large", "artifact", "listing", "latency"], action="append",
                    help="run only these cases (repeatable); default: main, artifact, listing, latency (+ large with --large)")
    ap.add_argument("--repeat", type=int, default=3, help="exports (each with its gzip and pigz references) per export case; medians are printed")
    ap.add_argument("--compare", help="another chronicle binary (e.g. main's) exported in every round of the export cases, for before/after ratios")
    ap.add_argument("--no-naive", action="store_true")
    ap.add_argument("--no-profile", action="store_true", help="skip the perf profile (stage shares) of each case")
    ap.add_argument("--naive", default=os.path.join(REPO, "..", "..", "shared", "bench", "naive_pipeline.py"))
    ap.add_argument("--dir", default=os.environ.get("CHRONICLE_BENCH_DIR", "/tmp/chronicle-bench"))
    ap.add_argument("--chronicle", default=os.path.join(REPO, ".build", "release", "chronicle"))
    ap.add_argument("--bench-tool", default=os.path.join(REPO, ".build", "release", "chronicle-bench"))
    ap.add_argument("--warm-mb", type=int, default=WARM_MB,
                    help="MB written and deleted before each measured run, so writes land in used page cache (0: off; see WARM_MB)")
    args = ap.parse_args()
    WARM_MB = args.warm_mb
    WARM_DIR = args.dir
    if not os.path.exists(args.naive):
        args.naive = "/work/shared/bench/naive_pipeline.py"
    os.makedirs(args.dir, exist_ok=True)
    cases = args.only or (["main", "artifact", "listing", "latency"] + (["large"] if args.large else []))
    log("chronicle benchmark: %s, %d CPUs, corpora in %s" % (args.chronicle, os.cpu_count(), args.dir))
    log("  page cache warmed with %d MB before each measured run (--warm-mb)" % WARM_MB)
    # Left behind by an interrupted run (ours are removed at the end).
    for leftover in glob.glob(os.path.join(args.dir, "*-run*-*")) + glob.glob(os.path.join(args.dir, "outputs", "*-run*-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        return run_cases(args, cases)
    finally:
        remove_outputs()


def run_cases(args, cases):
    main_run = None
    if "main" in cases:
        main_run = case_main(args, args.sessions, args.events, not args.no_naive)
    if "large" in cases:
        large_run = case_main(args, 5000, 200, False)
        log("  peak RSS %.1f MB (target <= 150)" % large_run["rss_mb"])
        if main_run:
            log("  ratio  peak RSS 5000x200 / %dx%d = %.2f  (target <= 1.2)" % (
                args.sessions, args.events, large_run["rss_mb"] / main_run["rss_mb"]))
    if "artifact" in cases:
        case_big_artifact(args)
    if "listing" in cases:
        case_big_listing(args)
    if "latency" in cases:
        case_latency(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
