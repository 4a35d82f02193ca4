/// `s3://bucket/prefix`: the bucket and the key prefix (no leading or trailing `/`, may be empty).
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    public var prefix: String

    public init(bucket: String, prefix: String) {
        self.bucket = bucket
        self.prefix = prefix
    }

    /// Parses `s3://bucket[/prefix]`; nil with the reason in `problem` when it is not one.
    public static func parse(_ url: String) -> Result<S3Location, S3Error> {
        guard url.hasPrefix("s3://") else { return .failure(S3Error(.badLocation, message: "'\(url)' is not an s3://bucket/prefix URL")) }
        let rest = url.dropFirst("s3://".count)
        let bucket = String(rest.prefix { $0 != "/" })
        guard isBucketName(bucket) else {
            return .failure(S3Error(.badLocation, message: "'\(bucket)' is not a bucket name (3–63 characters: a–z, 0–9, '.', '-')"))
        }
        let prefix = rest.dropFirst(bucket.count).split(separator: "/").joined(separator: "/")
        if prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(S3Error(.badLocation, message: "the prefix of '\(url)' has a '.' or '..' component"))
        }
        return .success(S3Location(bucket: bucket, prefix: prefix))
    }

    /// The key of `path` below the prefix.
    public func key(_ path: String) -> String { prefix.isEmpty ? path : prefix + "/" + path }

    public var description: String { "s3://\(bucket)" + (prefix.isEmpty ? "" : "/\(prefix)") }

    static func isBucketName(_ name: String) -> Bool {
        (3...63).contains(name.count) && name.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D
        } && name.first != "." && name.first != "-"
    }
}
