/// Checks the content of payload files beyond their digest, e.g. that
/// `data/archive/*.json.gz` is valid gzip holding valid JSON.
public protocol BagPayloadInspector: Sendable {
    /// Inspects the file at absolute `path` (`relativePath` is relative to the
    /// bag, e.g. `data/archive/x.json.gz`) and returns its problems, if any.
    /// A thrown error is reported as a problem too.
    func inspect(fileAt path: String, relativePath: String) throws -> [String]
}
