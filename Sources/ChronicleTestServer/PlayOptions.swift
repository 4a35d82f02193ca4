/// Switches a fault rule hands to the player for one request.
public struct PlayOptions: Sendable, Hashable {
    /// The answer's cursor or page key is the same one again, forever.
    public var repeatCursor: Bool
    /// The page's `total` says this number whatever the rows are (offset-paged listings).
    public var lyingTotal: Int?

    public init(repeatCursor: Bool = false, lyingTotal: Int? = nil) {
        self.repeatCursor = repeatCursor
        self.lyingTotal = lyingTotal
    }
}
