import ChronicleCore
import ChronicleFuzzSupport

// ReplayLayout.swift is compiled into this target (a symbolic link to the product's file), so
// the fuzzer needs neither ChronicleTransport's network dependencies nor a library product.

private let methods = ["GET", "POST", "get", "Post", "DELETE", "PUT", "PATCH", "G3T", ""]
private let specialSegments = [".", "..", "", "%", "%2E", "%2E%2E", "GET.json", "GET@a=1.json", "a/b", "%sha256-0", "~", "-"]

private func text(_ input: inout FuzzInput, maxCount: Int) -> String {
    if input.byte() & 7 == 0 {
        return specialSegments[input.int(below: specialSegments.count)]
    }
    let run = input.run(maxCount: maxCount)
    // Short runs are mostly ASCII so that near-collisions are likely; the rest is any UTF-8.
    return String(decoding: run, as: UTF8.self)
}

private func request(_ input: inout FuzzInput) -> TransportRequest {
    let method = methods[input.int(below: methods.count)]
    let segments = (0..<input.int(below: 5)).map { _ in text(&input, maxCount: input.bool() ? 8 : 260) }
    let query = (0..<input.int(below: 4)).map { _ in
        TransportRequest.QueryItem(text(&input, maxCount: 8), text(&input, maxCount: input.bool() ? 8 : 120))
    }
    let body: [UInt8]? = input.bool() ? input.run(maxCount: 16) : nil
    return TransportRequest(method: method, path: segments, query: query, body: body)
}

/// What identifies a request's response: the method (case-insensitive), the exact bytes of the
/// path segments, the query as a multiset of exact byte pairs, the body.
private struct Key: Hashable {
    var method: String
    var segments: [[UInt8]]
    var query: [[UInt8]]
    var body: [UInt8]?

    init(_ r: TransportRequest) {
        method = r.method.uppercased().filter { $0.isLetter }
        segments = r.pathSegments.map { Array($0.utf8) }
        query = r.query.map { Array($0.name.utf8) + [0xFF] + Array($0.value.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        body = r.body
    }
}

private func mutated(_ r: TransportRequest, _ input: inout FuzzInput) -> TransportRequest {
    var m = r
    switch input.byte() % 8 {
    case 0: m = request(&input)
    case 1: m.query.reverse()
    case 2: m.method = m.method.lowercased()
    case 3:
        if !m.pathSegments.isEmpty { m.pathSegments[m.pathSegments.count - 1] += String(decoding: input.run(maxCount: 3), as: UTF8.self) }
    case 4:
        if m.pathSegments.count >= 2 { m.pathSegments = [m.pathSegments[0] + "/" + m.pathSegments[1]] + m.pathSegments.dropFirst(2) }
    case 5: m.body = m.body == nil ? [] : nil
    case 6: m.pathSegments.append(text(&input, maxCount: 12))
    default:
        if !m.query.isEmpty { m.query[0].value += String(decoding: input.run(maxCount: 3), as: UTF8.self) }
    }
    return m
}

/// Checks that `path` is relative, has only plain components within the file-name limit, and
/// ends in a response file.
private func checkShape(_ path: String, _ r: TransportRequest) {
    if path.hasPrefix("/") { fuzzFailure("absolute path \(path) for \(r)") }
    if path.utf8.contains(0) { fuzzFailure("NUL in path for \(r)") }
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    if components.count != r.pathSegments.count + 1 {
        fuzzFailure("\(components.count) components for \(r.pathSegments.count) segments: \(path)")
    }
    for c in components {
        if c.isEmpty || c == "." || c == ".." { fuzzFailure("component '\(c)' in \(path) for \(r)") }
        if c.utf8.count > 255 { fuzzFailure("component of \(c.utf8.count) bytes in \(path)") }
    }
    if !path.hasSuffix(".json") { fuzzFailure("response file \(path) does not end in .json") }
}

/// Input: bytes describing a request, a mutation, and more bytes. Invariants: paths are safe
/// relative paths under the root; the same request (query order, method case aside) gives the
/// same path; different requests give different paths, and no response file is a folder of another.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let a = request(&input)
    let b = mutated(a, &input)
    let pathA = ReplayLayout.relativePath(for: a)
    let pathB = ReplayLayout.relativePath(for: b)
    checkShape(pathA, a)
    checkShape(pathB, b)
    if ReplayLayout.relativePath(for: a) != pathA { fuzzFailure("not deterministic for \(a)") }
    let same = Key(a) == Key(b)
    if same && pathA != pathB { fuzzFailure("the same request has two paths: \(pathA) and \(pathB)") }
    if !same && pathA == pathB { fuzzFailure("two requests share \(pathA): \(a) and \(b)") }
    if pathB.hasPrefix(pathA + "/") || pathA.hasPrefix(pathB + "/") {
        fuzzFailure("one response file is a folder of the other: \(pathA) and \(pathB)")
    }
    return 0
}
