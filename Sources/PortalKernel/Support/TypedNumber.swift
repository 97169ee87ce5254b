import Foundation

/// A number as a person types it into a form, read exactly or not at all (never a prefix: `Decimal(string:)` reads
/// `1,000` as 1 and `1/2` as 1). The portal's rule, in US English as its pages are: ASCII digits, a dot before the
/// decimals, a comma only between groups of three digits (`1,250.5`).
public enum TypedNumber {
    /// The number `text` stands for with at most `fractionDigits` decimals, or `nil`.
    public static func read(_ text: String, fractionDigits: Int) -> Decimal? {
        let number = text.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = ungrouped(parts[0]) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= fractionDigits, !fraction.contains(","), !(whole.isEmpty && fraction.isEmpty), whole.count <= 20
        else { return nil }
        return Decimal(string: "\(whole.isEmpty ? "0" : whole).\(fraction.isEmpty ? "0" : fraction)", locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The digits of a whole part written with or without commas between groups of three (`12,345` → `12345`), or
    /// `nil` when the commas are elsewhere (`12,50`, `1,0,0`).
    public static func ungrouped(_ whole: Substring) -> String? {
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count == 1 || ((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy({ $0.count == 3 })) else {
            return nil
        }
        return groups.joined()
    }
}
