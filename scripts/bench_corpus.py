#!/usr/bin/env python3
"""bench_corpus.py - Chronicle's deterministic benchmark corpus (stdlib only).

    bench_corpus.py --sessions N --events M [--seed S] --platform vectara|guayaba --replay DIR
                    [--logical DIR] [--page-size P] [--big-artifact-mb X] [--big-listing-mb Y]
                    [--archive-docs-hint]

Every session i is drawn from random.Random("chronicle-bench:<seed>:<i>") into one logical
conversation (user messages, assistant messages with usage, tool calls and tool results, base64
artifacts), then written twice:

  --replay DIR   a replay tree for `chronicle export --base-url file:DIR` (ReplayLayout):
                 vectara: one agent, sessions paged by P, events paged by P, artifacts listed and
                 each fetched singly with base64 `data`, `size_bytes` and `checksum_sha256`;
                 guayaba: one agent, one unpaged session listing, one unpaged history per session
                 (POST body {"sessionKey":..,"limit":1000}), artifacts as base64 image/document blocks.
  --logical DIR  the same conversations as sessions.jsonl / events.jsonl / artifacts.jsonl, the
                 input of ../shared/bench/naive_pipeline.py.

Content mix (per event): ~25% user markdown, ~25% assistant markdown (headings, lists, code in
7 languages, tables, CJK/RTL/emoji), ~25% tool calls (Bash, Read, Edit, Grep, ...; JSON inputs),
~25% tool results (1% of them 50-200 KB logs); artifacts on ~4% of tool results and ~3% of user
messages, sizes from a truncated Pareto (alpha 0.5) between 1 KiB and 2 MiB (median ~4 KiB):
PNG (random bytes, incompressible), PDF (text + random stream), text/csv/markdown.

Text as real sessions have it (v2 of the corpus): what redaction, Markdown and HTML escaping meet
in real transcripts, not only words. Measured with --mix on 200 x 100 (shares of the events'
JSON bytes, and of events holding at least one; kinds nest: a diff inside a code fence counts
for both; everything else is prose, lists, headings, code lines, paths and logs):

  kind         % bytes  % events  what
  email          0.4%     17.9%   name.surname@, plus-addressed, noreply: prose, git log, tables
  handle         0.2%     16.0%   @alice, @team-infra (cc/review lines, tables)
  url            1.9%     27.8%   GitHub PRs and blobs with #L anchors, docs with query strings,
                                  Stack Overflow, localhost
  secret         0.1%      1.6%   keys the built-in rules match: sk-ant-api03-, sk-proj-, ghp_,
                                  github_pat_, xoxb-, AIza, sk_live_, AKIA, aws_secret_access_key=,
                                  JWTs, Authorization: Bearer (prose, curl commands, env dumps)
  near-miss      0.0%      1.1%   shapes they must leave: short sk-/ghp_/xoxb-, task-ant-…,
                                  lower-case AKIA…, "the bearer of", YOUR_API_KEY, eyJ alone
  diff           7.7%     12.1%   git diffs: diff --git, index, ---/+++, `@@ -a,b +c,d @@` hunks
                                  (Bash git diff, Edit results, ```diff fences)
  decorator      0.3%     15.0%   @dataclass, @pytest.fixture, @MainActor, @Test(...), @Injectable()
  stack-trace    4.7%      6.1%   Python tracebacks, Swift crash dumps, Java stack traces
                                  (failing test runs, logs, fenced in messages)
  long-line      8.5%      1.1%   2-20 KB lines: minified JSON and JavaScript, base64 payloads
  cjk-rtl        1.1%      3.6%   paragraphs of Chinese, Japanese, Korean, Arabic, Hebrew, Persian
  table          0.6%      5.6%   Markdown tables with alignment, code, links, addresses
  code-fence    21.4%     30.2%   fenced code blocks in messages

Extras for the memory checks: --big-artifact-mb X adds one artifact of X MiB to session 0;
--big-listing-mb Y makes session 0's first events page (vectara) or its history (guayaba) one
response of about Y MiB.

Prints one JSON line: counts and byte totals (the replay tree's bytes are the "input bytes").
"""
import argparse
import base64
import hashlib
import json
import os
import random
import sys
import urllib.parse

WORDS = ("export session archive token model usage render parse stream buffer gzip base64 "
         "request response retry timeout error value config path index cache batch deflate "
         "worker queue task field column record event artifact bytes memory thread latency "
         "the a of to and in is it that for on with as this be are we can by not or from at "
         "should will if then but use so all one new when which file function test build run "
         "change update fix add remove return call type module server client check verify").split()
IDENTS = ("session event artifact usage token model cache index batch exporter renderer decoder "
          "encoder archive writer reader parser client store row record summary payload chunk "
          "buffer stream config options context handle result total count offset cursor page").split()
UNICODE = ["数据导出完成", "会话记录已保存", "設定ファイルを確認してください", "処理が完了しました",
           "한국어 메시지", "مرحبا بالعالم", "הקובץ נשמר בהצלחה", "Zürich → Dubai", "naïve café",
           "🚀", "✅", "⚠️", "🐛", "👩‍💻", "🏳️‍🌈", "🇯🇵", "📦"]
LANGS = ["python", "swift", "bash", "json", "typescript", "sql", "diff"]
MODELS = ["claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5-20251001"]
TOOLS = ["Bash", "Read", "Edit", "Write", "Grep", "Glob", "WebFetch", "TodoWrite"]
TOOL_W = [32, 25, 15, 5, 10, 5, 3, 5]
PROJECTS = ["billing-api", "agent-exporter", "web-dashboard", "ios-client", "infra", "data-pipeline",
            "search-service", "auth-gateway", "docs-site", "ml-eval", "payments", "scheduler"]
PEOPLE = [("alice", "smith"), ("bob", "nguyen"), ("chen", "wei"), ("dana", "kowalski"), ("emre", "yilmaz"),
          ("fatima", "haddad"), ("gal", "levi"), ("hiro", "tanaka"), ("ines", "moreau"), ("jonas", "berg")]
MAIL_DOMAINS = ["example.com", "acme.io", "users.noreply.github.com", "mail.example.co.uk", "corp.acme-inc.com", "gmail.com"]
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
TOKEN_CHARS = ALNUM + "_-"
UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
CJK_RTL = ["数据导出已经完成，所有会话记录都保存在归档目录中", "请检查配置文件中的令牌是否过期", "このセッションのエクスポートは正常に終了しました",
           "設定ファイルのパスを確認してから再実行してください", "세션 기록을 내보내는 중 오류가 발생했습니다",
           "تم حفظ جميع السجلات في الأرشيف بنجاح", "يرجى التحقق من إعدادات الخادم", "הייצוא הסתיים בהצלחה וכל הקבצים נשמרו",
           "بررسی کنید که کلید دسترسی معتبر باشد", "Экспорт завершён, проверьте каталог архива"]
DECORATORS = {"python": ["@dataclass(frozen=True)", "@pytest.fixture", "@pytest.mark.parametrize(\"n\", [1, 2, 3])", "@property",
                         "@app.route(\"/api/v1/sessions\", methods=[\"GET\"])", "@functools.lru_cache(maxsize=None)"],
              "swift": ["@MainActor", "@Test(\"exports every session\")", "@Suite", "@available(macOS 14, *)", "@discardableResult",
                        "@objc", "@Sendable"],
              "typescript": ["@Component({ selector: 'app-root' })", "@Injectable()", "@Input()", "@HostListener('click')"]}
MIX_KINDS = ["email", "handle", "url", "secret", "near-miss", "diff", "decorator", "stack-trace", "long-line", "cjk-rtl", "table", "code-fence"]
BASE_MS = 1_756_684_800_000  # 2025-09-01T00:00:00Z
HISTORY_LIMIT = 1000


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def iso(ms):
    s, ms = divmod(ms, 1000)
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".%03dZ" % ms


class Words:
    """Text generator. Every realistic piece goes through tag(): its bytes are counted per kind
    (MIX_KINDS) and the current event is marked as holding that kind (--mix prints the shares)."""

    def __init__(self, r):
        self.r = r
        self.mix_bytes = dict.fromkeys(MIX_KINDS, 0)
        self.mix_events = dict.fromkeys(MIX_KINDS, 0)
        self.current = set()

    def tag(self, kind, text):
        self.mix_bytes[kind] += len(text.encode())
        self.current.add(kind)
        return text

    def end_event(self):
        for kind in self.current:
            self.mix_events[kind] += 1
        self.current = set()

    def person(self):
        return self.r.choice(PEOPLE)

    def email(self):
        r = self.r
        first, last = self.person()
        local = r.choice(["%s.%s" % (first, last), first, "%s%s" % (first[0], last), "%s+%s" % (first, r.choice(IDENTS)),
                          "noreply", "ci-bot", "%s_%s%d" % (first, last, r.randint(1, 99))])
        return self.tag("email", "%s@%s" % (local, r.choice(MAIL_DOMAINS)))

    def handle(self):
        first, last = self.person()
        return self.tag("handle", "@" + self.r.choice([first, "%s-%s" % (first, last), first + "dev", "team-" + self.r.choice(PROJECTS)]))

    def url(self):
        r = self.r
        x = r.random()
        if x < 0.35:
            u = "https://github.com/acme/%s/pull/%d" % (r.choice(PROJECTS), r.randint(1, 4000))
        elif x < 0.55:
            u = "https://github.com/acme/%s/blob/main/Sources/%s.swift#L%d-L%d" % (r.choice(PROJECTS), self.ident(), r.randint(1, 300), r.randint(300, 600))
        elif x < 0.75:
            u = "https://docs.example.com/%s/%s?version=%d&lang=en#%s" % (r.choice(IDENTS), self.ident(), r.randint(1, 9), r.choice(IDENTS))
        elif x < 0.9:
            u = "https://stackoverflow.com/questions/%d/%s" % (r.randint(10 ** 6, 8 * 10 ** 7), "-".join(r.choices(WORDS, k=r.randint(3, 8))))
        else:
            u = "http://localhost:%d/api/v1/%s?id=%d" % (r.choice([3000, 5173, 8000, 8080]), r.choice(IDENTS), r.randint(1, 10 ** 6))
        return self.tag("url", u)

    def secret(self):
        """An API-key-shaped string: one the built-in redaction rules match (about 60%), or a near
        miss they must leave alone (too short, wrong case, glued to a word, a placeholder)."""
        r = self.r
        tok = lambda n, alphabet=TOKEN_CHARS: "".join(r.choice(alphabet) for _ in range(n))
        if r.random() < 0.6:
            x = r.randrange(11)
            k = ["sk-ant-api03-" + tok(r.randint(40, 95)), "sk-proj-" + tok(r.randint(40, 120)), "ghp_" + tok(36, ALNUM),
                 "github_pat_" + tok(22, ALNUM) + "_" + tok(59, ALNUM), "xoxb-%d-%d-%s" % (r.randint(10 ** 9, 10 ** 10), r.randint(10 ** 9, 10 ** 10), tok(24, ALNUM)),
                 "AIza" + tok(35), "sk_live_" + tok(r.randint(24, 99), ALNUM), "AKIA" + tok(16, UPPER_DIGITS),
                 "aws_secret_access_key = " + tok(40, ALNUM + "/+"),
                 "eyJhbGciOiJIUzI1NiJ9.eyJ" + tok(r.randint(20, 80)) + "." + tok(43),
                 "Authorization: Bearer " + tok(r.randint(20, 60), ALNUM + "-._~")][x]
            return self.tag("secret", k)
        x = r.randrange(10)
        k = ["sk-" + tok(r.randint(3, 19)), "task-ant-" + tok(30), "ghp_" + tok(r.randint(5, 30), ALNUM), "AKIA" + tok(16, ALNUM.lower()),
             "xoxb-" + tok(r.randint(2, 9), ALNUM), "the bearer of the %s" % r.choice(IDENTS), "secret = \"%s\"" % tok(r.randint(8, 30), ALNUM),
             "sk_test_" + tok(r.randint(4, 15), ALNUM), "YOUR_API_KEY", "eyJ" + tok(r.randint(10, 40))]
        return self.tag("near-miss", k[x])

    def diff(self):
        r = self.r
        path = "Sources/%s/%s.swift" % (r.choice(["Core", "Export", "Render", "App"]), self.ident())
        out = ["diff --git a/%s b/%s" % (path, path), "index %07x..%07x 100644" % (r.getrandbits(28), r.getrandbits(28)),
               "--- a/" + path, "+++ b/" + path]
        for _ in range(r.randint(1, 4)):
            a = r.randint(1, 400)
            out.append("@@ -%d,%d +%d,%d @@ %s" % (a, r.randint(3, 12), a + r.randint(0, 9), r.randint(3, 14), r.choice(["func " + self.ident() + "()", "struct " + self.ident().capitalize(), ""])))
            for _ in range(r.randint(3, 14)):
                out.append(r.choice(" +-  ") + "    let %s = %s(%d)" % (self.ident(), self.ident(), r.randint(0, 99)))
        return self.tag("diff", "\n".join(out))

    def stack_trace(self):
        r = self.r
        x = r.random()
        if x < 0.5:
            lines = ["Traceback (most recent call last):"]
            for _ in range(r.randint(3, 12)):
                lines.append('  File "/home/dev/%s/%s/%s.py", line %d, in %s' % (r.choice(PROJECTS), r.choice(IDENTS), self.ident(), r.randint(1, 900), self.ident()))
                lines.append("    %s = %s(%s)" % (self.ident(), self.ident(), r.choice(IDENTS)))
            lines.append("%s: %s" % (r.choice(["KeyError", "ValueError", "TypeError", "ConnectionResetError"]), self.sentence()))
        elif x < 0.8:
            lines = ["Fatal error: Unexpectedly found nil while unwrapping an Optional value", "Stack dump:"]
            for i in range(r.randint(5, 20)):
                lines.append("%-3d %-22s 0x%016x $s%d%s%dV%sySiF + %d" % (i, r.choice(IDENTS), r.getrandbits(48), r.randint(5, 15), self.ident(), r.randint(3, 9), self.ident(), r.randint(12, 900)))
        else:
            lines = ["Exception in thread \"main\" java.lang.IllegalStateException: " + self.sentence()]
            for _ in range(r.randint(5, 25)):
                lines.append("\tat com.acme.%s.%s.%s(%s.java:%d)" % (r.choice(IDENTS), self.ident().capitalize(), self.ident(), self.ident().capitalize(), r.randint(1, 900)))
        return self.tag("stack-trace", "\n".join(lines))

    def long_line(self):
        r = self.r
        x = r.random()
        if x < 0.5:  # minified JSON, as a curl or a log prints it
            line = json.dumps([{self.ident(): r.choice([r.randint(0, 10 ** 9), self.sentence(), None]), "id": r.randint(1, 10 ** 6)}
                               for _ in range(r.randint(20, 200))], ensure_ascii=False, separators=(",", ":"))
        elif x < 0.8:  # minified JavaScript
            line = ";".join("var %s=function(%s){return %s.%s(%d)}" % (self.ident(), r.choice(IDENTS), r.choice(IDENTS), self.ident(), r.randint(0, 99))
                            for _ in range(r.randint(30, 300)))
        else:  # a base64 blob in a log line
            line = "payload=" + base64.b64encode(r.randbytes(r.randint(1000, 12000))).decode("ascii")
        return self.tag("long-line", line)

    def bidi_paragraph(self):
        r = self.r
        return self.tag("cjk-rtl", "".join(r.choice(CJK_RTL) + r.choice(["，", "。", " ", "، ", ". "]) for _ in range(r.randint(3, 15))))

    def decorator(self, lang):
        return self.tag("decorator", self.r.choice(DECORATORS[lang]))

    def ident(self):
        a, b = self.r.choice(IDENTS), self.r.choice(IDENTS)
        return a + b.capitalize() if self.r.random() < 0.5 else a + "_" + b

    def sentence(self):
        r = self.r
        w = r.choices(WORDS, k=r.randint(5, 20))
        x = r.random()
        if x < 0.2:
            w.insert(r.randrange(len(w)), "`%s()`" % self.ident())
        elif x < 0.28:
            w.insert(r.randrange(len(w)), "[docs](https://docs.example.com/%s)" % self.ident())
        elif x < 0.34:
            w.insert(r.randrange(len(w)), "**%s**" % r.choice(WORDS))
        elif x < 0.44:
            w.insert(r.randrange(len(w)), r.choice(UNICODE))
        elif x < 0.46:
            w.insert(r.randrange(len(w)), self.email())
        elif x < 0.48:
            w.insert(r.randrange(len(w)), self.handle())
        elif x < 0.53:
            w.insert(r.randrange(len(w)), self.url())
        elif x < 0.532:
            w.insert(r.randrange(len(w)), self.secret())
        s = " ".join(w)
        return s[0].upper() + s[1:] + r.choice(".?!:.")

    def code(self, lang, n):
        r = self.r
        if lang == "json":
            return json.dumps({self.ident(): r.choice([r.randint(0, 10 ** 6), self.sentence(), None, True])
                               for _ in range(n)}, indent=2, ensure_ascii=False)
        out = []
        for _ in range(n):
            if lang in DECORATORS and r.random() < 0.06:
                out.append(self.decorator(lang))
            if lang == "python":
                out.append("    %s = %s.get(%r, %d)" % (self.ident(), self.ident(), r.choice(IDENTS), r.randint(0, 999)))
            elif lang == "swift":
                out.append("    let %s = try %s(%s: %d)" % (self.ident(), self.ident(), r.choice(IDENTS), r.randint(0, 99)))
            elif lang == "bash":
                out.append("grep -rn \"%s\" Sources/ | head -%d" % (self.ident(), r.randint(5, 50)))
            elif lang == "typescript":
                out.append("  const %s = await fetch(`/api/%s/${id}`);" % (self.ident(), r.choice(IDENTS)))
            elif lang == "sql":
                out.append("SELECT %s, count(*) FROM %s WHERE x > %d GROUP BY 1;" % (self.ident(), self.ident(), r.randint(0, 999)))
            else:
                return self.diff()
        return "\n".join(out)

    def markdown(self, long):
        r = self.r
        blocks = []
        if long and r.random() < 0.6:
            blocks.append("## " + self.sentence()[:-1])
        for _ in range(r.randint(3, 8) if long else r.randint(1, 3)):
            x = r.random()
            if x < 0.45:
                blocks.append(" ".join(self.sentence() for _ in range(r.randint(1, 4))))
            elif x < 0.65:
                blocks.append("\n".join("- " + self.sentence() for _ in range(r.randint(2, 6))))
            elif x < 0.9:
                lang = r.choice(LANGS)
                blocks.append(self.tag("code-fence", "```%s\n%s\n```" % (lang, self.code(lang, r.randint(4, 30)))))
            elif x < 0.93:
                rows = ["| %s | %s | %s |" % (self.ident(), self.ident(), self.ident()), "|---|:---:|---:|"]
                rows += ["| `%s` | %s | %d |" % (self.ident(), r.choice([self.url(), self.email(), self.handle(), r.choice(WORDS)]), r.randint(0, 9999))
                         if r.random() < 0.3 else "| %d | %d | %d |" % (r.randint(0, 9999), r.randint(0, 9999), r.randint(0, 9999))
                         for _ in range(r.randint(2, 8))]
                blocks.append(self.tag("table", "\n".join(rows)))
            elif x < 0.95:
                blocks.append(self.bidi_paragraph())
            elif x < 0.97:
                blocks.append("```\n%s\n```" % self.stack_trace())
            else:
                blocks.append("> " + self.sentence() + " " + r.choice(UNICODE))
        return "\n\n".join(blocks)

    def log(self, size):
        r = self.r
        lines, n = [], 0
        while n < size:
            line = "2025-10-%02dT%02d:%02d:%02dZ %s [%s] %s" % (
                r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                r.choice(["INFO", "INFO", "DEBUG", "WARN", "ERROR"]), self.ident(), self.sentence())
            y = r.random()
            if y < 0.01:
                line += "\n" + self.stack_trace()
            elif y < 0.015:
                line += " " + self.long_line()
            lines.append(line)
            n += len(line.encode()) + 1
        return "\n".join(lines)


def artifact_size(r):
    lo, hi, a = 1024, 2 * 1024 * 1024, 0.5
    u = r.uniform((lo / hi) ** a, 1.0)
    return int(lo * u ** (-1.0 / a))


def artifact(r, w, sid, n, size=None, media=None):
    size = size or artifact_size(r)
    media = media or r.choices(["image/png", "application/pdf", "text/plain", "text/markdown", "text/csv"],
                               [40, 20, 20, 10, 10])[0]
    if media == "image/png":
        raw = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + r.randbytes(max(0, size - 16)))[:size]
        name = "screenshot-%d.png" % n
    elif media == "application/pdf":
        head = ("%PDF-1.7\n" + w.log(size // 3)).encode()
        raw = (head + b"\nstream\n" + r.randbytes(max(0, size - len(head))))[:size]
        name = "report-%d.pdf" % n
    else:
        raw = w.log(size).encode()[:size]
        name = "%s-%d.%s" % (w.ident(), n, {"text/plain": "txt", "text/markdown": "md", "text/csv": "csv"}[media])
    return {"artifact_id": "art_%s_%03d" % (sid[-8:], n), "session_id": sid, "name": name, "media_type": media,
            "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest(), "_raw": raw}


def tool_input(r, w, name, cwd):
    if name == "Bash":
        x = r.random()
        if x < 0.05:
            return {"command": "curl -sS -H 'Authorization: Bearer %s' %s" % (w.secret(), w.url()), "description": w.sentence()}
        if x < 0.15:
            return {"command": "git commit -m %s --author='%s %s <%s>'" % (json.dumps(w.sentence()), *w.person(), w.email()),
                    "description": w.sentence()}
        return {"command": w.code("bash", 1), "description": w.sentence()}
    if name in ("Read", "Edit", "Write"):
        d = {"file_path": "%s/Sources/%s.swift" % (cwd, w.ident())}
        if name == "Edit":
            d.update(old_string=w.code("swift", 2), new_string=w.code("swift", 3))
        if name == "Write":
            d["content"] = w.code("swift", r.randint(5, 40))
        return d
    if name == "Grep":
        return {"pattern": w.ident(), "path": cwd, "output_mode": "content"}
    if name == "Glob":
        return {"pattern": "**/*.swift"}
    if name == "WebFetch":
        return {"url": "https://docs.example.com/" + w.ident(), "prompt": w.sentence()}
    return {"todos": [{"content": w.sentence(), "status": r.choice(["pending", "completed"])} for _ in range(r.randint(2, 6))]}


def tool_output(r, w, name, big):
    if big:
        return w.log(r.randint(50 * 1024, 200 * 1024))
    if name == "Bash":
        x = r.random()
        if x < 0.15:  # git diff
            return "\n".join(w.diff() for _ in range(r.randint(1, 4)))
        if x < 0.25:  # git log: authors' e-mail addresses
            return "\n\n".join("commit %040x\nAuthor: %s %s <%s>\nDate:   Mon Oct %d 10:%02d:00 2025 +0200\n\n    %s" % (
                r.getrandbits(160), *w.person(), w.email(), r.randint(1, 28), r.randint(0, 59), w.sentence())
                for _ in range(r.randint(2, 10)))
        if x < 0.35:  # a failing test run
            return w.log(r.randint(100, 1500)) + "\n" + w.stack_trace() + "\nFAILED tests/test_%s.py::test_%s" % (w.ident(), w.ident())
        if x < 0.40:  # curl, a bundler, a minified response
            return w.long_line()
        if x < 0.42:  # env / config dump: a credential now and then
            return "\n".join("%s=%s" % (w.ident().upper(), w.secret() if r.random() < 0.3 else r.choice(IDENTS)) for _ in range(r.randint(3, 15)))
        return w.log(r.randint(100, 4000))
    if name == "Edit":
        return "The file has been updated. Here's the result of running `cat -n` on a snippet:\n" + w.diff()
    if name == "Read":
        lines = w.code(r.choice(LANGS), r.randint(10, 120)).split("\n")
        return "\n".join("%6d\u2192%s" % (i + 1, l) for i, l in enumerate(lines))
    if name == "Grep":
        return "\n".join("Sources/%s.swift:%d:%s" % (w.ident(), r.randint(1, 900), w.sentence()) for _ in range(r.randint(1, 30)))
    if name == "WebFetch":
        return w.markdown(True)
    return "The file has been updated. " + w.sentence()


def session(seed, i, m, big_artifact_mb=0, big_listing_mb=0):
    r = random.Random("chronicle-bench:%d:%d" % (seed, i))
    w = Words(r)
    sid = "ses_%06d_%s" % (i, "%08x" % r.getrandbits(32))
    project = r.choice(PROJECTS)
    cwd = "/home/dev/" + project
    t = BASE_MS + i * 3_600_000 + r.randint(0, 3_000_000)
    events, arts = [], []
    pending = None
    event_bytes = 0
    big_each = 0
    if big_listing_mb and i == 0:
        big_each = big_listing_mb * 1024 * 1024 // max(1, m // 4)
    for k in range(m):
        t += r.randint(500, 90_000)
        e = {"event_id": "%s_e%04d" % (sid, k), "session_id": sid, "seq": k, "parent_event_id":
             events[-1]["event_id"] if events else None, "timestamp": iso(t)}
        phase = k % 4
        if phase == 0:
            e.update(type="user_message", text=w.markdown(False), artifact_ids=[])
            if r.random() < 0.03:
                a = artifact(r, w, sid, len(arts), media="image/png")
                arts.append(a)
                e["artifact_ids"].append(a["artifact_id"])
        elif phase == 2 and pending is None:
            name = r.choices(TOOLS, TOOL_W)[0]
            pending = (name, "toolu_%s_%04d" % (sid[-8:], k))
            e.update(type="tool_use", tool_use_id=pending[1], name=name, input=tool_input(r, w, name, cwd))
        elif phase == 3 and pending is not None:
            name, tid = pending
            pending = None
            out = w.log(big_each) if big_each else tool_output(r, w, name, r.random() < 0.01)
            e.update(type="tool_result", tool_use_id=tid, name=name, is_error=r.random() < 0.05, output=out, artifact_ids=[])
            if name == "Read" and r.random() < 0.16:
                a = artifact(r, w, sid, len(arts))
                arts.append(a)
                e["artifact_ids"].append(a["artifact_id"])
        else:
            e.update(type="assistant_message", text=w.markdown(True), stop_reason="end_turn")
        if e["type"] in ("assistant_message", "tool_use"):
            e["model"] = r.choice(MODELS)
            e["usage"] = {"input_tokens": r.randint(10, 4000), "output_tokens": r.randint(10, 3000),
                          "cache_creation_input_tokens": r.randint(0, 20000), "cache_read_input_tokens": r.randint(0, 90000)}
        events.append(e)
        w.end_event()
        event_bytes += len(dumps(e).encode())
    if big_artifact_mb and i == 0:
        a = artifact(r, w, sid, len(arts), size=big_artifact_mb * 1024 * 1024, media="image/png")
        arts.append(a)
        events[0]["artifact_ids"].append(a["artifact_id"])
    for a in arts:
        a["event_id"] = next(e["event_id"] for e in events if a["artifact_id"] in e.get("artifact_ids", []))
    s = {"session_id": sid, "project": project, "cwd": cwd, "git_branch": r.choice(["main", "develop", "fix/" + w.ident()]),
         "title": w.sentence()[:80], "created_at": events[0]["timestamp"], "updated_at": events[-1]["timestamp"],
         "event_count": len(events), "artifact_count": len(arts),
         "_mix": {"bytes": w.mix_bytes, "events": w.mix_events, "event_bytes": event_bytes}}
    return s, events, arts


def session_at(seed, m, big_artifact_mb, big_listing_mb, i):
    return session(seed, i, m, big_artifact_mb, big_listing_mb)


# ----------------------------------------------------------------------------- replay trees
def enc(s):
    return urllib.parse.quote(s, safe="-._~")


class Tree:
    def __init__(self, root):
        self.root = root
        self.bytes = 0
        self.files = 0

    def write(self, segments, name, data):
        d = os.path.join(self.root, *[enc(s) for s in segments])
        os.makedirs(d, exist_ok=True)
        if isinstance(data, str):
            data = data.encode()
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        self.bytes += len(data)
        self.files += 1


def page_name(limit, key, extra=()):
    q = [("limit", str(limit))] + ([("page_key", key)] if key else []) + list(extra)
    q.sort()
    return "GET@" + "&".join("%s=%s" % (enc(a), enc(b)) for a, b in q) + ".json"


def paged(tree, segments, member, records, limit, key_prefix, extra=()):
    pages = [records[i:i + limit] for i in range(0, len(records), limit)] or [[]]
    for n, page in enumerate(pages):
        key = None if n == 0 else "%s~%d" % (key_prefix, n)
        nxt = "%s~%d" % (key_prefix, n + 1) if n + 1 < len(pages) else None
        parts = ['{"%s":[' % member, ",".join(page), '],"metadata":', dumps({"page_key": nxt} if nxt else {}), "}"]
        tree.write(segments, page_name(limit, key, extra), "".join(parts))


def vectara_event(e):
    base = {"id": e["event_id"], "session_key": e["session_id"], "created_at": e["timestamp"]}
    t = e["type"]
    if t == "user_message":
        base.update(type="input_message", messages=[{"type": "text", "content": e["text"]}])
        if e["artifact_ids"]:
            base["artifact_ids"] = e["artifact_ids"]
    elif t == "assistant_message":
        base.update(type="agent_output", content=e["text"], model=e["model"], usage=e["usage"])
    elif t == "tool_use":
        # Vectara's tool events (docs/platforms/vectara.md): no usage; tool_input is an object.
        base.update(type="tool_input", tool_call_id=e["tool_use_id"], tool_configuration_name=e["name"].lower(), tool_name=e["name"],
                    tool_input=e["input"])
    else:
        base.update(type="tool_output", tool_call_id=e["tool_use_id"], tool_configuration_name=e["name"].lower(), tool_name=e["name"],
                    tool_output={"content": e["output"]}, error=e["is_error"])
        if e["artifact_ids"]:
            base["artifact_ids"] = e["artifact_ids"]
    return dumps(base)


def write_vectara(tree, sessions_iter, limit, agent="agt_bench"):
    tree.write(["agents"], page_name(limit, None), dumps({"agents": [{"key": agent, "name": "Bench agent", "enabled": True,
                                                                       "created_at": iso(BASE_MS)}], "metadata": {}}))
    listing = []
    for s, events, arts in sessions_iter:
        sid = s["session_id"]
        listing.append(dumps({"key": sid, "agent_key": agent, "name": s["title"], "description": s["project"],
                              "metadata": {"cwd": s["cwd"], "branch": s["git_branch"]}, "enabled": True,
                              "created_at": s["created_at"], "updated_at": s["updated_at"]}))
        base = ["agents", agent, "sessions", sid]
        # The adapter asks for hidden events too (include_hidden=true).
        paged(tree, base + ["events"], "events", [vectara_event(e) for e in events], limit, "pk_" + sid[-8:], [("include_hidden", "true")])
        metas = []
        for a in arts:
            meta = {"artifact_id": a["artifact_id"], "filename": a["name"], "mime_type": a["media_type"],
                    "size_bytes": a["size"], "checksum_sha256": a["sha256"], "metadata": {"event": a["event_id"]},
                    "description": None, "ttl_days": 3650, "created_at": s["created_at"], "updated_at": s["created_at"]}
            metas.append(dumps(meta))
            body = dumps(meta)[:-1] + ',"data":"' + base64.b64encode(a["_raw"]).decode("ascii") + '"}'
            tree.write(base + ["artifacts", a["artifact_id"]], "GET.json", body)
        paged(tree, base + ["artifacts"], "artifacts", metas, limit, "pka_" + sid[-8:])
        yield s, events, arts
    paged(tree, ["agents", agent, "sessions"], "sessions", listing, limit, "pks")
    tree.write([], "replay.json", dumps({"platform": "vectara", "source": "bench-vectara", "page_size": limit}))


def guayaba_message(e, by_id):
    ms_blocks = []
    for aid in e.get("artifact_ids", []):
        a = by_id[aid]
        kind = "image" if a["media_type"].startswith("image/") else "document"
        if a["media_type"].startswith("text/"):
            kind = "document"
        b = {"type": kind, "source": {"type": "base64", "media_type": a["media_type"],
                                      "data": base64.b64encode(a["_raw"]).decode("ascii")}}
        if kind == "document":
            b["title"] = a["name"]
        ms_blocks.append(b)
    t = e["type"]
    import calendar
    import time
    ts = calendar.timegm(time.strptime(e["timestamp"][:19], "%Y-%m-%dT%H:%M:%S")) * 1000 + int(e["timestamp"][20:23])
    m = {"id": e["event_id"], "timestamp": ts}
    if t == "user_message":
        m.update(role="user", content=([{"type": "text", "text": e["text"]}] + ms_blocks) if ms_blocks else e["text"])
    elif t == "assistant_message":
        m.update(role="assistant", content=[{"type": "text", "text": e["text"]}], usage=e["usage"], model=e["model"])
    elif t == "tool_use":
        m.update(role="assistant", content=[{"type": "tool_use", "id": e["tool_use_id"], "name": e["name"], "input": e["input"]}],
                 usage=e["usage"], model=e["model"])
    else:
        m.update(role="user", content=[{"type": "tool_result", "tool_use_id": e["tool_use_id"], "content": e["output"],
                                        "is_error": e["is_error"]}] + ms_blocks)
    return dumps(m)


def write_guayaba(tree, sessions_iter, agent="bench"):
    tree.write(["agents"], "GET.json", dumps([{"id": agent, "name": "Bench agent"}]))
    listing = []
    for s, events, arts in sessions_iter:
        sid = s["session_id"]
        key = "agent:%s:cli:%s" % (agent, sid)
        listing.append(dumps({"key": key, "sessionId": sid, "sessionFile": "sessions/%s.jsonl" % sid, "label": s["title"],
                              "updatedAt": 0, "chatType": "direct", "lastChannel": "cli", "origin": {"channel": "cli"}}))
        body = ('{"sessionKey":' + json.dumps(key) + ',"limit":%d}' % HISTORY_LIMIT).encode()
        name = "POST@#" + hashlib.sha256(body).hexdigest()[:16] + ".json"
        by_id = {a["artifact_id"]: a for a in arts}
        tree.write(["agents", agent, "sessions", "history"], name, "[" + ",".join(guayaba_message(e, by_id) for e in events) + "]")
        yield s, events, arts
    tree.write(["agents", agent, "sessions"], "GET.json", "[" + ",".join(listing) + "]")
    tree.write(["agents", agent, "sessions", "archived"], "GET.json", "[]")
    tree.write([], "replay.json", dumps({"platform": "guayaba", "source": "bench-guayaba", "options": {"history_limit": HISTORY_LIMIT}}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=1000)
    ap.add_argument("--events", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--platform", choices=["vectara", "guayaba"], default="vectara")
    ap.add_argument("--replay", required=True)
    ap.add_argument("--logical")
    ap.add_argument("--page-size", type=int, default=50)
    ap.add_argument("--big-artifact-mb", type=int, default=0)
    ap.add_argument("--big-listing-mb", type=int, default=0)
    ap.add_argument("--mix", action="store_true", help="print the share of each kind of text (bytes, events) on stderr")
    a = ap.parse_args()
    if a.events < 4:
        ap.error("--events must be at least 4")

    def gen():
        if a.sessions < 50:
            for i in range(a.sessions):
                yield session(a.seed, i, a.events, a.big_artifact_mb, a.big_listing_mb)
            return
        # Sessions are independent (each has its own seeded generator): draw them on every core,
        # in order.
        import functools
        import multiprocessing
        job = functools.partial(session_at, a.seed, a.events, a.big_artifact_mb, a.big_listing_mb)
        with multiprocessing.Pool(os.cpu_count() or 1) as pool:
            yield from pool.imap(job, range(a.sessions), chunksize=8)

    tree = Tree(a.replay)
    it = write_vectara(tree, gen(), a.page_size) if a.platform == "vectara" else write_guayaba(tree, gen())
    counts = {"sessions": 0, "events": 0, "artifacts": 0, "artifact_bytes": 0}
    mix = {"bytes": dict.fromkeys(MIX_KINDS, 0), "events": dict.fromkeys(MIX_KINDS, 0), "event_bytes": 0}
    files = None
    if a.logical:
        os.makedirs(a.logical, exist_ok=True)
        files = [open(os.path.join(a.logical, n), "w", encoding="utf-8") for n in ("sessions.jsonl", "events.jsonl", "artifacts.jsonl")]
    for s, events, arts in it:
        counts["sessions"] += 1
        m = s.pop("_mix")
        mix["event_bytes"] += m["event_bytes"]
        for kind in MIX_KINDS:
            mix["bytes"][kind] += m["bytes"][kind]
            mix["events"][kind] += m["events"][kind]
        counts["events"] += len(events)
        counts["artifacts"] += len(arts)
        counts["artifact_bytes"] += sum(x["size"] for x in arts)
        if files:
            files[0].write(dumps(s) + "\n")
            for e in events:
                files[1].write(dumps(e) + "\n")
            for x in arts:
                d = {k: v for k, v in x.items() if k != "_raw"}
                d["data_base64"] = base64.b64encode(x["_raw"]).decode("ascii")
                files[2].write(dumps(d) + "\n")
    for f in files or []:
        f.close()
    counts.update(platform=a.platform, input_bytes=tree.bytes, input_files=tree.files)
    if a.mix:
        sys.stderr.write("%-12s %9s %9s\n" % ("kind", "% bytes", "% events"))
        for kind in MIX_KINDS:
            sys.stderr.write("%-12s %8.2f%% %8.2f%%\n" % (kind, 100.0 * mix["bytes"][kind] / max(1, mix["event_bytes"]),
                                                        100.0 * mix["events"][kind] / max(1, counts["events"])))
    print(dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
