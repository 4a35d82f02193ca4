/// The outcome of verifying one bag.
public struct BagVerificationReport: Sendable {
    /// The bag folder that was verified.
    public let bagPath: String
    /// Every problem found, in the order found; empty for a sound bag.
    public let damages: [BagDamage]
    /// True when no damage was found.
    public var isSound: Bool { damages.isEmpty }

    /// Creates a report.
    public init(bagPath: String, damages: [BagDamage]) {
        self.bagPath = bagPath
        self.damages = damages
    }
}
