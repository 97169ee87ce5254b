import Foundation

/// The rule for a name or label typed on one line: an invoice number, a proposal's or job's title, a customer's,
/// a company's or a requester's name. It holds no control character (C0, C1, a line or paragraph separator) and none
/// of the direction controls that reorder what follows them on screen (U+202A–U+202E, U+2066–U+2069, the "Trojan
/// Source" set), so "INV-1" followed by a right-to-left override cannot show as another text in a page, an email
/// subject or a file name. Joiners (U+200C, U+200D) and the direction marks (U+200E, U+200F) stay: scripts and emoji
/// need them, and they reorder nothing beyond themselves.
public enum SingleLineText {
    /// Whether `scalar` may not be in a single-line text.
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// Why `text` cannot be `what` ("The invoice number cannot hold …"); `nil` when it may.
    public static func problem(_ text: String, naming what: String) -> String? {
        guard text.unicodeScalars.contains(where: isRefused) else { return nil }
        return "\(what) cannot hold line breaks, control characters or hidden direction changes: type it again on one line."
    }
}
