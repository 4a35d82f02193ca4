import ChronicleCommands
import ChronicleGzip
import ChronicleJSON
import Foundation

/// Runs `chronicle export` in-process with the given arguments.
public func export(_ arguments: [String], environment: [String: String] = [:]) async throws -> Int32 {
    let command = try ExportCommand.parse(arguments)
    return await command.execute(environment: environment)
}

/// Runs `chronicle verify` in-process.
public func verify(_ bags: [String]) throws -> Int32 {
    try VerifyCommand.parse(bags).execute()
}

/// The published bags under `<out>/<source>/`.
public func bags(in out: String, source: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: out + "/" + source).filter { !$0.hasPrefix(".") }.sorted().map { "\(out)/\(source)/\($0)" }
}

/// Reads a whole archive as JSON.
public func readArchive(_ path: String) throws -> (JSONValue, [UInt8]) {
    guard let data = FileManager.default.contents(atPath: path) else { throw SupportError("cannot read \(path)") }
    let bytes = try Gzip.decompress([UInt8](data))
    return (try JSONParser.parse(bytes), bytes)
}

/// Reads a JSON file.
public func readJSON(_ path: String) throws -> JSONValue {
    guard let data = FileManager.default.contents(atPath: path) else { throw SupportError("cannot read \(path)") }
    return try JSONParser.parse([UInt8](data))
}

/// Reads a text file.
public func read(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw SupportError("cannot read \(path)") }
    return String(decoding: data, as: UTF8.self)
}

/// Every file under a folder, relative paths, sorted.
public func files(under root: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    var out: [String] = []
    while let p = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
    }
    return out.sorted()
}
