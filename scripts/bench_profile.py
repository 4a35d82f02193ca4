#!/usr/bin/env python3
"""bench_profile.py - CPU share of each export stage, from one `perf record` of the export.

    bench_profile.py [--top N] [--keep DATA] -- COMMAND...     (or: bench_profile.py --report DATA)

Runs COMMAND under `perf record -e cpu-clock -F 499 -g` (frame-pointer call chains; the software
clock works in VMs without hardware counters), then attributes every sample to one stage and one
kind of work, and prints two tables. Called by scripts/bench once per case (bench_run.py
--no-profile skips it). When perf is missing or not permitted, it prints why and returns; the
benchmark goes on without the table.

Stage of a sample: its call chain is read from the sampled frame outwards; the first frame whose
(demangled) symbol or library matches a rule of STAGES, in that order of rules, names the stage.
Symbols are matched demangled and simplified (`swift demangle --simplified`: type and function,
no module), so rules name types. Frames of shared code (ChronicleJSON, ChronicleCore, HTML escaping, the Swift runtime and standard library,
Foundation, libc, the kernel) match no rule, so their time goes to the stage that called them:
`swift_retain` under `EventHTMLWriter` is HTML, JSONWriter under ArchiveWriter is archive JSON,
a `write(2)` in the kernel under the gzip file writer is compression. Samples with no matching
frame (a chain cut short, the async executor) are "other", with their innermost module named.

Kind of work of a sample (second table, by the sampled frame only): KINDS below - Swift
reference counting, allocation, memcpy/memmove/memset, the Swift standard library (String,
Array, Dictionary, hashing of Swift values), Foundation, the kernel, and the rest ("own code":
the stage's own instructions and its C libraries).
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

# (stage, pattern over "symbol (library)"), checked in this order for each frame.
STAGES = [
    ("redaction", r"ChronicleRedact|Redact|(?:Email|BearerToken|JWT|PrefixedToken|PrivateKey|AWSSecretKey|BuiltinRule)Scanner|UTF8Text|FoldedLiteral|RunEndCache|UnicodeCharacterClasses|ASCIIByteClass|"
                  r"CaseInsensitiveASCIIClass|ReplacedText|ConfiguredPatternPrefix|libicu|RegularExpression"),
    ("markdown", r"ChronicleMarkdown|Markdown|libcmark|cmark_|HTMLSanitizer|HTMLTreeSerializer|SafeHTMLWriter|HTMLNestingTable|HTMLURLFilter|"
                 r"HTMLAttributeRules|HTMLElementRules|libxml2"),
    ("compression", r"ChronicleGzip|Gzip|libisal|isal_|libz\.so|\bdeflate|crc32"),
    ("hashing", r"SHA256|sha256|Digest|CCryptoBoringSSL|BoringSSL|libcrypto"),
    ("artifacts", r"ChronicleArtifacts|Base64|ArtifactFileWriter"),
    ("archive JSON", r"ArchiveWriter|ModelJSON"),
    ("HTML", r"EventHTMLWriter|Transcript|IndexPage|IndexEntry|Mustache|ViewPreparer|PrettyJSON|ArtifactPresenter|DisplayFormat|TemplateSet|"
             r"CumulativeIndex|OutputFile"),
    ("CSV/usage", r"CSV|UsageRollup|SessionUsage|UsageLedger|UsageSummary|PriceTable|UsageCalendar"),
    ("bag + state", r"ChronicleBag|Bag[A-Z]|Manifest|PayloadTree|AtomicFile|POSIXIO|ChronicleStateSQLite|StateStore|GRDB|libsqlite|OutcomeSpool|"
                    r"RunDocument|RunRecord"),
    ("fetch/parse", r"ChronicleTransport|ChroniclePlatforms|Transport|Replay|Vectara|Guayaba|AgentScope|AgentSwarm|ManagedAgents|Adapter|"
                    r"RecordReader|JSONRecordSplitter|JSONByteScanner|JSONParser|JSONEnvelope|JSONStringStreamDecoder|JSONLargeStringExtractor|"
                    r"FileChunkReader|SpoolFileReader|BodySpool|StreamingScrubber|ContentBlockReader"),
    ("pipeline", r"ChronicleExport|ChronicleCommands|SessionExporter|SourceExport|ExportCommand"),
]
STAGE_ORDER = [s for s, _ in STAGES] + ["other"]
STAGE_RES = [(s, re.compile(p)) for s, p in STAGES]

KINDS = [
    ("retain/release", r"^swift_(retain|release|bridgeObjectRetain|bridgeObjectRelease|unknownObject(Retain|Release)|nonatomic_|isUniquelyReferenced|beginAccess|endAccess)|^_?swift_(retain|release)|objc_(retain|release)"),
    ("alloc/free", r"^(malloc|free|cfree|calloc|realloc|_int_malloc|_int_free|malloc_consolidate|tcache_|__libc_malloc|__libc_free|swift_allocObject|swift_deallocObject|swift_slowAlloc|swift_slowDealloc|swift_deallocClassInstance|_swift_allocObject|__GI___libc_free|__GI___libc_malloc|unlink_chunk|_int_realloc|swift_allocBox|swift_deallocBox|operator new|operator delete)"),
    ("memcpy/memset", r"mem(cpy|move|set|cmp|chr)|__memcpy|__memmove|__memset|__memchr|__memcmp|strlen"),
]
KIND_RES = [(k, re.compile(p)) for k, p in KINDS]
KIND_ORDER = [k for k, _ in KINDS] + ["Swift stdlib", "Foundation", "kernel", "own code"]


def perf_available():
    """None when `perf record` works here, else the reason."""
    if not shutil.which("perf"):
        return "perf is not installed (apt-get install linux-perf)"
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-o", os.path.join(d, "t.data"), "--", "true"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode != 0:
            return "perf record failed: %s (see /proc/sys/kernel/perf_event_paranoid)" % p.stderr.decode(errors="replace").strip()[-300:]
    return None


def record(cmd, data, env=None):
    p = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-F", "499", "-g", "-o", data, "--"] + cmd,
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("perf record of %s failed (exit %d): %s" % (cmd[0], p.returncode, p.stderr.decode(errors="replace")[-2000:]))


FRAME_RE = re.compile(r"^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$")


def samples(data):
    """Yields each sample's frames as [(symbol, library)], sampled frame first."""
    p = subprocess.Popen(["perf", "script", "-i", data, "-F", "comm,ip,sym,dso", "--no-inline"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace")
    frames = None
    for line in p.stdout:
        if not line.strip():
            if frames:
                yield frames
            frames = None
            continue
        if line[0] not in " \t":
            frames = []
            continue
        m = FRAME_RE.match(line)
        if m and frames is not None:
            sym = re.sub(r"\+0x[0-9a-f]+$", "", m.group(2))
            frames.append((sym, os.path.basename(m.group(3))))
    if frames:
        yield frames
    p.wait()


def demangler(symbols):
    """symbol -> readable name (Swift symbols through `swift demangle --simplified`)."""
    names = {s: s for s in symbols}
    swift = [s for s in symbols if s.startswith(("$s", "_$s", "$S"))]
    if swift and shutil.which("swift"):
        p = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(swift) + "\n",
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        out = p.stdout.split("\n")
        if p.returncode == 0 and len(out) >= len(swift):
            names.update(zip(swift, out))
    return names


def stage_of(frames, names):
    for sym, lib in frames:
        text = "%s (%s)" % (names.get(sym, sym), lib)
        for stage, rx in STAGE_RES:
            if rx.search(text):
                return stage
    return "other"


def kind_of(frame, names):
    sym, lib = frame
    name = names.get(sym, sym)
    for kind, rx in KIND_RES:
        if rx.search(name) or rx.search(sym):
            return kind
    if "kernel" in lib or lib.startswith("[k"):
        return "kernel"
    if lib.startswith("libswiftCore") or lib.startswith("libswift_") or name.startswith("Swift."):
        return "Swift stdlib"
    if "Foundation" in lib or name.startswith("Foundation."):
        return "Foundation"
    return "own code"


def analyse(data, top=12):
    raw = list(samples(data))
    syms = {s for frames in raw for s, _ in frames}
    names = demangler(syms)
    total = len(raw)
    by_stage = collections.Counter()
    cross = collections.Counter()
    by_kind = collections.Counter()
    leaf = collections.Counter()
    other_mod = collections.Counter()
    for frames in raw:
        if not frames:
            continue
        st = stage_of(frames, names)
        kd = kind_of(frames[0], names)
        by_stage[st] += 1
        by_kind[kd] += 1
        cross[(st, kd)] += 1
        leaf[(names.get(frames[0][0], frames[0][0])[:110], frames[0][1])] += 1
        if st == "other":
            other_mod[frames[0][1]] += 1
    return {"total": total, "stage": by_stage, "kind": by_kind, "cross": cross, "leaf": leaf, "other": other_mod, "top": top}


def table(res, title="CPU profile"):
    total = max(1, res["total"])
    pct = lambda n: 100.0 * n / total
    lines = ["%s: %d samples (perf cpu-clock, 499 Hz, all threads)" % (title, res["total"])]
    head = "  %-14s %6s |" % ("stage", "CPU%") + "".join(" %8s" % k[:8] for k in KIND_ORDER)
    lines.append(head)
    lines.append("  " + "-" * (len(head) - 2))
    for st in STAGE_ORDER:
        n = res["stage"].get(st, 0)
        if not n:
            continue
        lines.append("  %-14s %5.1f%% |" % (st, pct(n)) + "".join(" %7.1f%%" % pct(res["cross"].get((st, k), 0)) for k in KIND_ORDER))
    lines.append("  %-14s %5.1f%% |" % ("all", 100.0) + "".join(" %7.1f%%" % pct(res["kind"].get(k, 0)) for k in KIND_ORDER))
    if res["other"]:
        lines.append("  other, by sampled library: " + ", ".join("%s %.1f%%" % (m, pct(n)) for m, n in res["other"].most_common(4)))
    lines.append("  top sampled functions:")
    for (name, lib), n in res["leaf"].most_common(res["top"]):
        lines.append("    %5.1f%%  %s  (%s)" % (pct(n), name, lib))
    return "\n".join(lines)


def profile(cmd, title, env=None, keep=None, top=12):
    """Records cmd and returns the tables as text, or a one-line reason when perf cannot run."""
    why = perf_available()
    if why:
        return "%s: skipped, %s" % (title, why)
    d = tempfile.mkdtemp(prefix="chronicle-perf-")
    data = keep or os.path.join(d, "perf.data")
    try:
        record(cmd, data, env)
        return table(analyse(data, top), title)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--keep", help="write perf.data here (kept)")
    ap.add_argument("--report", help="only analyse an existing perf.data")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    if a.report:
        print(table(analyse(a.report, a.top), a.report))
        return 0
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    if not cmd:
        ap.error("a command to profile is needed after --")
    print(profile(cmd, "CPU profile of " + os.path.basename(cmd[0]), keep=a.keep, top=a.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
