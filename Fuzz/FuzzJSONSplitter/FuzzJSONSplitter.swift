import ChronicleFuzzSupport
import ChronicleJSON

/// What one run of the splitter over a document gave.
private struct SplitResult: Equatable {
    var records: [[UInt8]] = []
    var envelope: [UInt8]?
    var recordCount = 0
    var found = false
    var errorOffset: Int?
}

private func split(_ chunks: [ArraySlice<UInt8>], location: JSONRecordSplitter.ArrayLocation, maxRecord: Int, maxEnvelope: Int) -> SplitResult {
    var splitter = JSONRecordSplitter(recordArray: location, maxRecordBytes: maxRecord, maxEnvelopeBytes: maxEnvelope)
    var result = SplitResult()
    do {
        for chunk in chunks {
            try chunk.withUnsafeBytes { raw in
                try splitter.feed(raw) { record in
                    // Invariant: every delivered record is one well-formed JSON value.
                    do throws(JSONSyntaxError) {
                        try JSONParser.validate(record)
                        _ = try JSONParser.parse(Array(record))
                    } catch {
                        fuzzFailure("record rejected by JSONParser: \(error)")
                    }
                    result.records.append(Array(record))
                }
            }
        }
        let envelope = try splitter.finish()
        result.envelope = envelope.raw
        result.recordCount = envelope.recordCount
        result.found = envelope.foundRecordArray
    } catch let error as JSONStreamError {
        result.errorOffset = error.offset
    } catch {
        fuzzFailure("unexpected error type \(type(of: error)): \(error)")
    }
    return result
}

/// Input: one byte choosing the record array's location and the limits, eight bytes seeding the
/// chunking, then the document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    var seed: UInt64 = 0
    for _ in 0..<8 { seed = seed << 8 | UInt64(input.byte()) }
    let document = input.rest()
    let location: JSONRecordSplitter.ArrayLocation
    switch mode & 3 {
    case 0: location = .root
    case 1: location = .member("data")
    case 2: location = .member("items")
    default: location = .member("")
    }
    // Small limits sometimes, so the limit checks run too.
    let maxRecord = mode & 4 != 0 ? 64 : RecordLimits.maxRecordBytes
    let maxEnvelope = mode & 8 != 0 ? 64 : 1 << 20

    let whole = split([document[...]], location: location, maxRecord: maxRecord, maxEnvelope: maxEnvelope)
    var random = FuzzRandom(seed: seed)
    let chunked = split(randomChunks(document, &random), location: location, maxRecord: maxRecord, maxEnvelope: maxEnvelope)
    // Invariant: the chunking changes nothing, errors and their offsets included.
    if whole != chunked {
        fuzzFailure("chunking changed the result: whole \(whole) vs chunked \(chunked)")
    }
    guard whole.errorOffset == nil, let envelope = whole.envelope else { return 0 }
    if whole.recordCount != whole.records.count {
        fuzzFailure("envelope counts \(whole.recordCount) records, \(whole.records.count) delivered")
    }
    // Invariant: a document the splitter accepts is one well-formed JSON document, and its
    // envelope is too.
    let parsed: JSONValue
    do throws(JSONSyntaxError) {
        parsed = try JSONParser.parse(document)
        _ = try JSONParser.parse(envelope)
    } catch {
        fuzzFailure("splitter accepted a document JSONParser rejects: \(error)")
    }
    // Invariant: the records are exactly the record array's elements, in order.
    guard whole.found else { return 0 }
    let array: JSONValue?
    switch location {
    case .root: array = parsed
    case .member(let key):
        if case .object(let members) = parsed {
            array = members.first { $0.key == key }?.value
        } else {
            array = nil
        }
    }
    guard case .array(let elements) = array else {
        fuzzFailure("record array found by the splitter is not an array in the parsed document")
    }
    let records = whole.records.compactMap { try? JSONParser.parse($0) }
    if records != elements {
        fuzzFailure("records differ from the parsed record array (\(records.count) vs \(elements.count))")
    }
    return 0
}
