import ChronicleCore

/// One source to export or check, with its transport and credential.
struct SourcePlan {
    var source: SourceDescriptor
    var transport: any Transport
    var credential: Credential?
}
