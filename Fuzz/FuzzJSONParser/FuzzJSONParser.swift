import ChronicleFuzzSupport
import ChronicleJSON

/// Input: the document. Invariants: `parse` and `validate` accept exactly the same documents and
/// report the same first error offset; a parsed document written back with `JSONWriter` parses
/// to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
    var parsed: Result<JSONValue, JSONSyntaxError>
    do throws(JSONSyntaxError) {
        parsed = .success(try JSONParser.parse(raw))
    } catch {
        parsed = .failure(error)
    }
    var validated: JSONSyntaxError?
    do throws(JSONSyntaxError) {
        try JSONParser.validate(raw)
    } catch {
        validated = error
    }
    switch (parsed, validated) {
    case (.success, nil):
        break
    case (.failure(let p), let v?):
        if p.offset != v.offset {
            fuzzFailure("parse and validate disagree on the error offset: \(p) vs \(v)")
        }
    case (.success, let v?):
        fuzzFailure("validate rejects what parse accepts: \(v)")
    case (.failure(let p), nil):
        fuzzFailure("parse rejects what validate accepts: \(p)")
    }
    // The array overload agrees with the buffer overload.
    let arrayParsed = try? JSONParser.parse(Array(raw))
    if arrayParsed != (try? parsed.get()) {
        fuzzFailure("parse([UInt8]) and parse(UnsafeRawBufferPointer) disagree")
    }
    if case .success(let value) = parsed {
        let written = JSONWriter.serialize(value)
        guard let again = try? JSONParser.parse(written) else {
            fuzzFailure("JSONWriter output does not parse: \(String(decoding: written, as: UTF8.self))")
        }
        if again != value {
            fuzzFailure("JSONWriter round trip changed the value")
        }
    }
    return 0
}
