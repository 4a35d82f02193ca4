import ChronicleHTMLSafety

/// The frame every Chronicle page shares: doctype, a strict Content-Security-Policy (no script,
/// no remote anything; images only from the bag and `data:`), the stylesheet, light and dark
/// following the system.
enum HTMLPage {
    static let contentSecurityPolicy =
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(HTMLSanitizer.escapeText(title))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>

        """
    }

    static let foot = "</body>\n</html>\n"

    static let stylesheet = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--user:#ddf4ff;--warn:#9a6700;--bad:#d1242f}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--user:#0c2d6b;--warn:#d29922;--bad:#f85149}}
        body{margin:0 auto;max-width:60rem;padding:1rem;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
        header,footer{border-bottom:1px solid var(--line);margin-bottom:1rem}
        dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
        dl.meta dt{color:var(--muted)}
        article.event{border:1px solid var(--line);border-radius:6px;margin:.8rem 0;padding:.5rem .8rem;background:var(--card)}
        article.user_message{background:var(--user)}
        article.hidden{border-style:dashed;opacity:.8}
        .event-head{color:var(--muted);font-size:.85rem;display:flex;flex-wrap:wrap;gap:.6rem}
        .badge{border:1px solid var(--line);border-radius:1rem;padding:0 .5rem;font-size:.8rem}
        .badge.warn{color:var(--warn);border-color:var(--warn)}.badge.bad{color:var(--bad);border-color:var(--bad)}
        .text{white-space:pre-wrap;overflow-wrap:anywhere}
        pre{overflow-x:auto;white-space:pre;padding:.5rem;border:1px solid var(--line);border-radius:6px}
        table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left}
        img.artifact{max-width:100%;height:auto;border:1px solid var(--line)}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
        @media print{details{display:block}details>*{display:block}article.event{break-inside:avoid}}
        """
}
