/// The `tel:` URI of a phone number as people type it: its digits, with a leading `+` kept
/// ("+1 (555) 010-0100" → `tel:+15550100100`), as a link's `href` must be; the number is still shown as typed.
enum TelephoneURI {
    /// `nil` when `phone` holds no digit (nothing to call).
    static func of(_ phone: String) -> String? {
        let digits = phone.filter { ("0"..."9").contains($0) }
        guard !digits.isEmpty else { return nil }
        let plus = phone.drop { $0.isWhitespace }.first == "+" ? "+" : ""
        return "tel:\(plus)\(digits)"
    }
}
