import ChronicleCore

/// One source to export or check, with its transport and credential.
struct SourcePlan {
    var source: SourceDescriptor
    var transport: any Transport
    var credential: Credential?
    /// OAuth client credentials (vectara), used instead of `credential` when set.
    var oauth: OAuthClientCredentials?
    /// Sessions exported at the same time (and HTTP requests in flight) for this source.
    var concurrency: Int = 4
}
