import Foundation
import Mustache

/// The Mustache templates and assets (stylesheet, scripts) pages are rendered with: the ones
/// compiled into the binary, or a folder's files in their place (`--templates DIR`).
public struct TemplateSet: Sendable {
    /// Templates every page needs; a folder that lacks one falls back to the embedded one.
    public static let templateNames = ["transcript", "event", "block", "artifact", "time", "page-head", "index", "sessions-table"]
    public static let assetNames = ["style.css", "transcript.js", "index.js"]

    let library: MustacheLibrary
    let assets: [String: String]
    /// Where each template came from, for error messages.
    public let origins: [String: String]
    /// Whether the `event`, `block`, `artifact` and `time` templates are the embedded ones, so
    /// events can be rendered by ``EventHTMLWriter`` (the same bytes, without Mustache).
    let rendersEventsNatively: Bool
    /// Whether the `index` and `sessions-table` templates are the embedded ones, so index rows
    /// can be written by ``IndexPage`` one at a time.
    let rendersIndexRowsNatively: Bool
    /// Whether the `transcript`, `page-head`, `time` and `artifact` templates are the embedded
    /// ones, so a transcript's page around its events can be written by ``TranscriptPageWriter``.
    let rendersPageNatively: Bool

    /// The templates ``EventHTMLWriter`` stands in for.
    static let nativeEventTemplates: Set<String> = ["event", "block", "artifact", "time"]
    /// The templates ``TranscriptPageWriter`` stands in for.
    static let nativePageTemplates: Set<String> = ["transcript", "page-head", "artifact", "time"]

    /// The templates compiled into the binary.
    public static let embedded: TemplateSet = {
        do {
            return try TemplateSet(files: EmbeddedTemplates.files, origin: { "embedded templates/\($0)" })
        } catch {
            // Unreachable while the embedded-templates test passes; rendering then names the problem.
            return TemplateSet(library: MustacheLibrary(), assets: [:], origins: [:], rendersEventsNatively: false, rendersIndexRowsNatively: false, rendersPageNatively: false)
        }
    }()

    init(library: MustacheLibrary, assets: [String: String], origins: [String: String], rendersEventsNatively: Bool, rendersIndexRowsNatively: Bool, rendersPageNatively: Bool) {
        self.library = library
        self.assets = assets
        self.origins = origins
        self.rendersEventsNatively = rendersEventsNatively
        self.rendersIndexRowsNatively = rendersIndexRowsNatively
        self.rendersPageNatively = rendersPageNatively
    }

    /// Parses `files` (file name → text): `*.mustache` become templates named without the
    /// extension; the others are assets. `overridden` names the files that are not the
    /// embedded ones.
    init(files: [String: String], overridden: Set<String> = [], origin: (String) -> String) throws(TemplateError) {
        var library = MustacheLibrary()
        var assets: [String: String] = [:]
        var origins: [String: String] = [:]
        for (file, text) in files.sorted(by: { $0.key < $1.key }) {
            guard file.hasSuffix(".mustache") else {
                assets[file] = text
                continue
            }
            let name = String(file.dropLast(".mustache".count))
            do {
                library.register(try MustacheTemplate(string: EscapingContentType.pragmaLine + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // Line numbers count from the template's own first line, after the pragma's.
                throw TemplateError(
                    file: origin(file), line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                    message: "\(error.error) in `\(error.context.line.trimmingCharacters(in: .whitespaces))`"
                )
            } catch {
                throw TemplateError(file: origin(file), message: "\(error)")
            }
            origins[name] = origin(file)
        }
        self.library = library
        self.assets = assets
        self.origins = origins
        rendersEventsNatively = overridden.isDisjoint(with: Self.nativeEventTemplates.map { $0 + ".mustache" })
        rendersIndexRowsNatively = overridden.isDisjoint(with: ["index.mustache", "sessions-table.mustache"])
        rendersPageNatively = overridden.isDisjoint(with: Self.nativePageTemplates.map { $0 + ".mustache" })
    }

    /// The embedded templates with every file of `directory` (`*.mustache`, `style.css`,
    /// `transcript.js`, `index.js`) in place of the embedded one of the same name.
    public static func load(directory: String) throws(TemplateError) -> TemplateSet {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(file: directory, message: "not a folder")
        }
        var files = EmbeddedTemplates.files
        var overridden: Set<String> = []
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw TemplateError(file: directory, message: "cannot list the folder: \(error)")
        }
        for name in names where name.hasSuffix(".mustache") || assetNames.contains(name) {
            let path = directory + "/" + name
            guard let data = fm.contents(atPath: path) else { throw TemplateError(file: path, message: "cannot read the file") }
            guard let text = String(data: data, encoding: .utf8) else { throw TemplateError(file: path, message: "not UTF-8") }
            files[name] = text
            overridden.insert(name)
        }
        return try TemplateSet(files: files, overridden: overridden, origin: { overridden.contains($0) ? directory + "/" + $0 : "embedded templates/\($0)" })
    }

    /// Renders the template `name` with `context`.
    func render(_ name: String, _ context: [String: Any]) throws(TemplateError) -> String {
        guard let out = library.render(context, withTemplate: name) else {
            throw TemplateError(file: origins[name] ?? "\(name).mustache", message: "no such template")
        }
        return out
    }

    func asset(_ name: String) throws(TemplateError) -> String {
        guard let text = assets[name] else { throw TemplateError(file: name, message: "no such asset") }
        return text
    }
}
