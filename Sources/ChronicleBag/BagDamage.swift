/// One problem found in a bag.
public struct BagDamage: Sendable, Hashable, CustomStringConvertible {
    /// The damaged file relative to the bag (e.g. `data/run.json`,
    /// `bagit.txt`, `data/` or `.` for the bag folder), or `(chain)` for a
    /// broken link to an earlier bag.
    public let file: String
    /// What is wrong, in words.
    public let problem: String

    /// Creates a damage record.
    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    /// `"<file>: <problem>"`.
    public var description: String { "\(file): \(problem)" }
}
