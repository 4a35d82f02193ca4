import Foundation

/// One cell of a CSV row. Numbers can only be made from numeric types, so they are written as
/// numbers (never quoted, never neutralised: `-2` stays a number); text is neutralised.
public enum CSVCell: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case decimal(Decimal)
    /// Unknown: an empty cell, never `0`.
    case empty

    public static func int(_ value: Int) -> CSVCell { .integer(Int64(value)) }

    public static func integer(_ value: Int64?) -> CSVCell { value.map { .integer($0) } ?? .empty }

    public static func decimal(_ value: Decimal?) -> CSVCell { value.map { .decimal($0) } ?? .empty }

    public static func text(_ value: String?) -> CSVCell { value.map { .text($0) } ?? .empty }

    public static func bool(_ value: Bool) -> CSVCell { .text(value ? "true" : "false") }
}
