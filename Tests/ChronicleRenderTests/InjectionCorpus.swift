import ChronicleTestSupport
/// Hostile strings placed everywhere data reaches a page. Every payload that could run would
/// add an element whose id is assembled at run time (`pw` + `ned`), change the title, or
/// request `http://127.0.0.1:<port>/…` from the canary listener.
enum InjectionCorpus {
    static func canary(_ port: Int) -> String { "http://127.0.0.1:\(port)" }

    /// Script that leaves a trace if it ever runs; its text never contains the trace itself.
    static func js(_ port: Int) -> String {
        "document.title='PW'+'NED';var d=document.createElement('div');d.id='pw'+'ned';document.body.appendChild(d);fetch('\(canary(port))/js')"
    }

    static func payloads(port: Int) -> [String] {
        let url = canary(port)
        let js = js(port)
        return [
            "<script>\(js)</script>",
            "<img src=x onerror=\"\(js)\">",
            "<img src=\"\(url)/img.png\">",
            "<svg onload=\"\(js)\"><circle r=\"5\"/></svg>",
            "<a href=\"javascript:\(js)\">plain javascript link</a>",
            "<a href=\"&#106;&#97;vascript:alert(1)\">entity-encoded javascript link</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">mixed-case javascript link</a>",
            "<a href=\"java\tscript:alert(1)\">javascript link with a tab</a>",
            "<a href=\"data:text/html,<script>\(js)</script>\">data link</a>",
            "<a href=\"DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">mixed-case data link</a>",
            "[markdown javascript](javascript:alert(1)) [markdown data](data:text/html,<script>alert(1)</script>) [tabbed](java\tscript:alert(1))",
            "![markdown image](\(url)/md.png)",
            "<iframe src=\"\(url)/iframe\"></iframe>",
            "<form action=\"\(url)/form\"><input name=q><button>go</button></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=\(url)/refresh\">",
            "<base href=\"\(url)/base/\">",
            "<link rel=\"stylesheet\" href=\"\(url)/style.css\">",
            "<style>body{background:url(\(url)/style-tag.png)}</style>",
            "<div style=\"background-image:url(\(url)/style-attr.png)\">styled</div>",
            "<p style=\"behavior:url(x.htc);-moz-binding:url(\(url)/xbl)\">old style attacks</p>",
            "</textarea><script>\(js)</script>",
            "</title><script>\(js)</script>",
            "</style><script>\(js)</script>",
            "--><script>\(js)</script><!--",
            "<object data=\"\(url)/object\"></object><embed src=\"\(url)/embed\">",
            "<video src=\"\(url)/video\" autoplay></video><audio src=\"\(url)/audio\" autoplay></audio>",
            "<details open ontoggle=\"\(js)\"><summary>toggle</summary></details>",
            "<math><mtext><table><mglyph><style><img src=x onerror=\"\(js)\">",
            "{{x}} {{{x}}} {{> transcript}} {{#blocks}}{{/blocks}} {{=<% %>=}}",
            "control\u{0}chars\u{7}and\u{1B}[31m escapes \u{2028} line \u{2029} paragraph \u{FFFE}",
            "\"' onmouseover=\"\(js)\" x='",
        ]
    }

    /// One Markdown document with every payload, one per paragraph.
    static func markdown(port: Int) -> String {
        "# Heading\n\n| a | b |\n|---|---|\n| ~~struck~~ | `code` |\n\n- [x] done\n- [ ] todo\n\n" + payloads(port: port).joined(separator: "\n\n")
    }
}
