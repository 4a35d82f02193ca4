/// Strings made from bytes already known to be valid UTF-8, without checking them again.
///
/// `String(decoding:as:)` validates its input (and repairs it); for text that is not ASCII that
/// check costs more than the copy (0.9 GB/s for Japanese text on the benchmark machine, against
/// tens of GB/s for the copy). The JSON scanner validates every string it reads strictly, byte
/// by byte, as it finds its end (``JSONByteScanner``), and ``JSONWriter`` writes only bytes of
/// Swift strings, so the strings they hand on are made here. Only those callers: any other
/// bytes go through `String(decoding:as:)`. A test holds the scanner's check to the standard
/// library's on random bytes (``JSONScannerUTF8Tests``).
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
