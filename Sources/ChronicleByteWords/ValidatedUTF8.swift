/// Strings made from bytes already known to be valid UTF-8, without checking them again.
///
/// `String(decoding:as:)` validates its input (and repairs it); for text that is not ASCII that
/// check costs more than the copy (0.9 GB/s for Japanese text on the benchmark machine, against
/// tens of GB/s for the copy). Its callers, and why their bytes are valid:
/// - the JSON scanner validates every string it reads strictly, byte by byte, as it finds its
///   end (a test holds its check to the standard library's on random bytes,
///   `JSONScannerUTF8Tests`);
/// - pretty-printed JSON is written from Swift strings and ASCII;
/// - redaction's replaced text is a Swift string's bytes cut only at scalar boundaries, with a
///   string's bytes (the marker) between (`ReplacedText` checks the cuts and otherwise takes
///   the checked path).
/// Any other bytes go through `String(decoding:as:)`.
public enum ValidatedUTF8 {
    /// A string of `bytes`, which the caller has validated as UTF-8.
    @inlinable
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes)))
    }

    /// A string of `bytes`, which the caller has validated as UTF-8.
    @inlinable
    public static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string($0) }
    }
}
