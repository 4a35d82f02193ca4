import ChronicleTestSupport
import Foundation
import Testing

/// Static checks every page must pass, whatever data it shows.
enum PageChecks {
    static func matches(_ pattern: String, in text: String, options: NSRegularExpression.Options = [.caseInsensitive]) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern, options: options) else { return ["bad pattern \(pattern)"] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            ns.substring(with: m.numberOfRanges > 1 ? m.range(at: 1) : m.range)
        }
    }

    /// - Parameter shared: a `share` file (data: images allowed, no relative links into a bag).
    static func check(_ html: String, page: String, script: String, shared: Bool = false) {
        #expect(matches("<script", in: html).count == 1, "\(page): exactly the one inline script")
        #expect(html.contains("<script>" + script + "</script>"), "\(page): the script is Chronicle's own")
        #expect(matches("<style", in: html).count == 1, "\(page): one stylesheet")
        // Chronicle's own charts (index pages) are the only SVG: bars and their titles.
        #expect(matches("<svg", in: html).count == matches(#"<svg class="chart" role="img" width="\d+" height="\d+" viewBox="[0-9 ]+" aria-labelledby="chart\d+-t chart\d+-d">"#, in: html).count, "\(page): an <svg> that is not a chart")
        #expect(matches("<foreignObject|<use|<image|<animate|<set", in: html).isEmpty, "\(page): SVG content beyond bars")
        for tag in ["iframe", "form", "object", "embed", "base", "link", "math", "textarea", "video", "audio", "input type=\"(?!search|checkbox|date)"] {
            #expect(matches("<" + tag, in: html).isEmpty, "\(page): <\(tag)> in the page")
        }
        #expect(matches("<meta http-equiv=\"refresh", in: html).isEmpty, "\(page): meta refresh")
        // Attribute names only: quoted values (escaped data) are blanked first.
        let tags = matches(#"<[a-z][^>]*>"#, in: html).map { $0.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression) }
        #expect(tags.filter { !matches(#"\son[a-z]+\s*="#, in: $0).isEmpty }.isEmpty, "\(page): an event handler attribute")
        #expect(tags.filter { !matches(#"\sstyle\s*="#, in: $0).isEmpty }.isEmpty, "\(page): a style attribute")
        for url in matches(#"\s(?:href|src|action|formaction|srcset|poster|data)\s*=\s*"([^"]*)""#, in: html) {
            let lower = url.lowercased()
            let ok = lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#")
                || (shared && lower.hasPrefix("data:image/")) || (shared && lower.hasPrefix("data:application/") && lower.contains(";base64,")) || (!lower.contains(":") && !lower.hasPrefix("//"))
            #expect(ok, "\(page): URL \(url.prefix(80))")
        }
        let csp = matches(#"<meta http-equiv="Content-Security-Policy" content="([^"]*)""#, in: html)
        #expect(csp.count == 1, "\(page): one CSP")
        if let policy = csp.first?.replacingOccurrences(of: "&#39;", with: "'") {
            #expect(policy.hasPrefix("default-src 'none'; img-src " + (shared ? "data:" : "'self' data:") + "; style-src 'unsafe-inline'; script-src 'sha256-"), "\(page): \(policy)")
        }
        let forbidden = html.unicodeScalars.filter { v in
            (v.value < 0x20 && v != "\n" && v != "\t") || (0x7F...0x9F).contains(v.value) || v.value == 0x2028 || v.value == 0x2029 || v.value & 0xFFFE == 0xFFFE
        }
        #expect(forbidden.isEmpty, "\(page): control characters \(forbidden.map { String($0.value, radix: 16) })")
    }
}
