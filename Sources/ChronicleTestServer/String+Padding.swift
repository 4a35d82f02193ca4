extension String {
    /// A number zero-padded to three digits.
    init(format3 n: Int) {
        let digits = Swift.String(n)
        let zeros = Swift.String(repeating: "0", count: Swift.max(0, 3 - digits.count))
        self = zeros + digits
    }
}
