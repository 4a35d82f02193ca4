/// The outcome of verifying one bag.
public struct BagVerificationReport: Sendable {
    /// Who wrote the bag, as its `bag-info.txt` tells.
    public enum Origin: Sendable, Equatable {
        /// Chronicle (its `Chronicle-…` fields are there): every check ran.
        case chronicle
        /// Another BagIt tool (no `Chronicle-…` field): only RFC 8493's checks ran.
        case foreign
    }

    /// The bag folder that was verified.
    public let bagPath: String
    /// Every problem found, in the order found; empty for a sound bag.
    public let damages: [BagDamage]
    /// Which checks ran: Chronicle's, or only BagIt's.
    public let origin: Origin
    /// True when no damage was found.
    public var isSound: Bool { damages.isEmpty }

    /// Creates a report.
    public init(bagPath: String, damages: [BagDamage], origin: Origin = .chronicle) {
        self.bagPath = bagPath
        self.damages = damages
        self.origin = origin
    }
}
