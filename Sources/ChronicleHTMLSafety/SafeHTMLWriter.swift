/// Writes HTML from the allowlist, element by element: the one place that decides which
/// elements and attributes reach a page. The sanitizer feeds it the tree libxml2 parsed; the
/// Markdown renderer feeds it cmark-gfm's tree directly.
///
/// Every tag and attribute is written by this type, every text and attribute value is cleaned
/// and escaped here. Adjacent texts are merged before escaping, as an HTML parser merges them.
public struct SafeHTMLWriter {
    /// What ``open(_:attributes:)`` did with an element.
    public enum Outcome: Equatable, Sendable {
        /// The start tag was written; content follows, then ``close()`` (not for void elements).
        case written
        /// The element is not allowed here: its tags are left out, its content is kept.
        case unwrapped
        /// The element is dropped with everything inside it.
        case dropped
    }

    /// An element name with what the allowlist says of it, looked up once.
    public struct Element: Sendable {
        public let name: String
        /// Index in the allowlist; `nil` when not allowed.
        let index: Int?
        public let isVoid: Bool
        let isDroppedWithContent: Bool
        let hasAttributeRules: Bool

        /// `name` in lowercase.
        public init(_ name: String) {
            self.name = name
            index = HTMLElementRules.indices[name]
            isVoid = HTMLElementRules.void.contains(name)
            isDroppedWithContent = HTMLElementRules.droppedWithContent.contains(name)
            hasAttributeRules = HTMLElementRules.withAttributes.contains(name)
        }
    }

    private let policy: HTMLSanitizerPolicy
    private var bytes: [UInt8] = []
    private var pendingText: [UInt8] = []
    /// The elements currently open (allowlist indices).
    private var openElements: [Int] = []

    public init(policy: HTMLSanitizerPolicy = .transcript) {
        self.policy = policy
    }

    /// The HTML written so far (pending text included).
    public mutating func finish() -> [UInt8] {
        flushText()
        return bytes
    }

    /// Swaps the HTML written so far (pending text written out first) with `buffer`: a caller
    /// hands its own buffer to the writer before writing and takes it back after, so the HTML
    /// is written straight into it, not copied there at the end.
    public mutating func exchangeOutput(with buffer: inout [UInt8]) {
        flushText()
        swap(&bytes, &buffer)
    }

    /// Adds text content. Text is held until the next tag or the end only while it ends in `\r`
    /// (a `\n` at the start of the next text makes one line break with it); otherwise it is
    /// escaped straight into the output.
    public mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { text(utf8: $0) }
    }

    /// Adds text content given as valid UTF-8.
    public mutating func text(utf8 content: UnsafeBufferPointer<UInt8>) {
        if pendingText.isEmpty, content.last != 0x0D {
            HTMLCharacterFilter.append(content, mode: .text, to: &bytes)
        } else {
            pendingText.append(contentsOf: content)
        }
    }

    /// Opens `element` with the attributes found on it (lowercase names); only the
    /// allowlisted ones are written, in a fixed order.
    public mutating func open(_ element: Element, attributes: [String: String] = [:]) -> Outcome {
        if element.isDroppedWithContent { return .dropped }
        guard let index = placement(of: element) else { return .unwrapped }
        if element.name == "img", let replaced = openImageAsLink(attributes) { return replaced }
        var kept: [(String, String?)] = []
        if element.hasAttributeRules {
            guard let rebuilt = HTMLAttributeRules.rebuild(element: element.name, attributes: attributes, policy: policy) else {
                return .dropped
            }
            kept = rebuilt
        }
        flushText()
        bytes.append(0x3C)  // <
        bytes.append(contentsOf: element.name.utf8)
        for (attributeName, value) in kept {
            bytes.append(0x20)
            bytes.append(contentsOf: attributeName.utf8)
            if let value {
                bytes.append(contentsOf: [0x3D, 0x22])  // ="
                HTMLCharacterFilter.append(value, mode: .attribute, to: &bytes)
                bytes.append(0x22)
            }
        }
        bytes.append(0x3E)  // >
        if !element.isVoid { openElements.append(index) }
        return .written
    }

    /// A start tag as ``open(_:attributes:)`` writes it for one element and its attributes,
    /// recorded once so that an element written many times (a highlighted token's `span`) is
    /// written by ``element(_:text:)`` without rebuilding its attributes each time. A class, so
    /// that handing one to the writer for every token copies a reference, not its strings.
    public final class RecordedStartTag: Sendable {
        let element: Element
        let bytes: [UInt8]
        /// The element's end tag.
        let endBytes: [UInt8]

        /// The start tag the allowlist writes for `element` with `attributes` at the top level, or
        /// `nil` when it writes none there. For attributes whose rules do not depend on the
        /// policy's URL decisions (the policy only judges URLs).
        public init?(_ element: Element, attributes: [String: String], policy: HTMLSanitizerPolicy = .transcript) {
            guard !element.isVoid else { return nil }
            var scratch = SafeHTMLWriter(policy: policy)
            guard scratch.open(element, attributes: attributes) == .written else { return nil }
            self.element = element
            bytes = scratch.bytes
            endBytes = Array("</\(element.name)>".utf8)
        }
    }

    /// Opens the element of `tag`: the same checks (allowlist depth, nesting) and the same bytes
    /// as ``open(_:attributes:)`` with the recorded attributes, without rebuilding them. Content
    /// follows, then ``close()``.
    public mutating func open(_ tag: RecordedStartTag) -> Outcome {
        guard let index = placement(of: tag.element) else { return .unwrapped }
        flushText()
        bytes.append(contentsOf: tag.bytes)
        openElements.append(index)
        return .written
    }

    /// Writes the element of `tag` holding only the text `content` (valid UTF-8): the same
    /// checks (allowlist depth, nesting) and the same bytes as ``open(_:attributes:)`` with the
    /// recorded attributes, ``text(utf8:)`` and ``close()``, without staging the text. Returns
    /// `false`, having written nothing, where that `open` would not write the element (the
    /// caller then writes `content` as text).
    public mutating func element(_ tag: RecordedStartTag, text content: UnsafeBufferPointer<UInt8>) -> Bool {
        guard placement(of: tag.element) != nil else { return false }
        flushText()
        bytes.append(contentsOf: tag.bytes)
        HTMLCharacterFilter.append(content, mode: .text, to: &bytes)
        bytes.append(contentsOf: tag.endBytes)
        return true
    }

    /// An image whose source is not one the policy loads (``HTMLSanitizerPolicy/allowsImageSource``)
    /// becomes a link to that source holding its alt text (or the URL when there is none), or
    /// the bare text where no link may stand (inside a link, or a URL links may not carry).
    /// Returns nil when the image is to be written as an image; `.written` otherwise (the image
    /// is void: nothing is left open).
    private mutating func openImageAsLink(_ attributes: [String: String]) -> Outcome? {
        let source = attributes["src"].flatMap { HTMLURLFilter.filter($0, usage: .image, policy: policy) }
        if let source, policy.allowsImageSource(source) { return nil }
        let alt = attributes["alt"] ?? ""
        var linkAttributes: [String: String] = [:]
        if let src = attributes["src"] { linkAttributes["href"] = src }
        if let title = attributes["title"] { linkAttributes["title"] = title }
        let href = attributes["src"].flatMap { HTMLURLFilter.filter($0, usage: .link, policy: policy) }
        if href != nil, open(.link, attributes: linkAttributes) == .written {
            text(alt.isEmpty ? (href ?? "") : alt)
            close()
        } else {
            text(alt)
        }
        return .written
    }

    /// `element`'s allowlist index where it may be written now (allowed, under the depth limit,
    /// allowed inside the innermost open element); nil where it is unwrapped.
    private func placement(of element: Element) -> Int? {
        guard let index = element.index,
              openElements.count < HTMLElementRules.maxEmittedDepth,
              HTMLNestingTable.measured.allows(index, inside: openElements.last)
        else { return nil }
        return index
    }

    /// Closes the innermost element opened with outcome `.written` (not a void one).
    public mutating func close() {
        guard let index = openElements.popLast() else { return }
        flushText()
        bytes.append(contentsOf: Self.endTags[index])
    }

    /// `</name>` of each allowlisted element, by its index in the allowlist.
    private static let endTags: [[UInt8]] = HTMLElementRules.names.map { Array("</\($0)>".utf8) }

    private mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        pendingText.withUnsafeBufferPointer { HTMLCharacterFilter.append($0, mode: .text, to: &bytes) }
        pendingText.removeAll(keepingCapacity: true)
    }
}

extension SafeHTMLWriter.Element {
    /// `a`, for images written as links.
    static let link = SafeHTMLWriter.Element("a")
}
