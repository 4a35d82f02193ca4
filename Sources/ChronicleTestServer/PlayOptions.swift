/// Switches a fault rule hands to the player for one request.
public struct PlayOptions: Sendable, Hashable {
    /// The answer's cursor or page key is the same one again, forever.
    public var repeatCursor: Bool

    public init(repeatCursor: Bool = false) {
        self.repeatCursor = repeatCursor
    }
}
