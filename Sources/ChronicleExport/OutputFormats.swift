/// Which outputs a run writes. The archive is always written: it is the record of the run.
public struct OutputFormats: Sendable, Hashable {
    public var html: Bool
    public var csv: Bool
    public var archive: Bool

    public init(html: Bool = true, csv: Bool = true, archive: Bool = true) {
        self.html = html
        self.csv = csv
        self.archive = archive
    }

    /// Parses `html,csv,archive`; unknown names are returned as the error.
    public static func parse(_ list: String) -> Result<OutputFormats, UnknownFormat> {
        var f = OutputFormats(html: false, csv: false, archive: true)
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            switch name {
            case "html": f.html = true
            case "csv": f.csv = true
            case "archive": f.archive = true
            default: return .failure(UnknownFormat(name: name))
            }
        }
        return .success(f)
    }

    public struct UnknownFormat: Error, Sendable { public var name: String }
}

import Foundation
