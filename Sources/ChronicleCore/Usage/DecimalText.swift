import Foundation

/// Decimal amounts as plain text (`0.4561`, `-2`, `12.5`): never an exponent, never a float.
public enum DecimalText {
    /// Rounded to 12 decimal places (costs are exact well below that).
    public static func plain(_ d: Decimal) -> String {
        var value = d
        var rounded = Decimal.zero
        NSDecimalRound(&rounded, &value, 12, .plain)
        return rounded.description
    }
}
