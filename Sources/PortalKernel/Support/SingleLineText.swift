import Foundation

/// The rule for a name or label typed on one line: an invoice number, a proposal's, job's or line's title, a customer's,
/// a company's, a staff user's, a crew's, a signer's or a requester's name, an API token's name. It holds no control
/// character (C0, C1, a line or paragraph separator) and none of the direction controls that reorder what follows
/// them on screen (U+202A–U+202E, U+2066–U+2069, the "Trojan Source" set), so "INV-1" followed by a right-to-left
/// override cannot show as another text in a page, an email subject or a file name; and at least one character of it
/// shows (a name made of joiners, fillers or marks that draw nothing is blank). Joiners (U+200C, U+200D) and the
/// direction marks (U+200E, U+200F) may stand in a name: scripts and emoji need them, and they reorder nothing beyond
/// themselves. An identifier (an invoice number) takes no invisible character and no space but U+0020, so two
/// numbers that look the same are the same.
public enum SingleLineText {
    /// Whether `scalar` may not be in a single-line text.
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// Whether `scalar` draws nothing: white space, a format character or another default-ignorable code point
    /// (joiners, direction marks, U+FEFF, the soft hyphen, Hangul fillers, variation selectors), or the blank Braille
    /// pattern U+2800.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .format
            || scalar.value == 0x2800
    }

    /// Why `text` cannot be `what` ("An invoice number cannot hold …"); `nil` when it may. An `identifier` also
    /// refuses every invisible character. An empty text passes: whether it may be empty is the field's own rule.
    public static func problem(_ text: String, naming what: String, identifier: Bool = false) -> String? {
        let scalars = text.unicodeScalars
        if scalars.contains(where: isRefused) {
            return "\(what) cannot hold line breaks, control characters or hidden direction changes: type it again on one line."
        }
        if !scalars.isEmpty && scalars.allSatisfy(isInvisible) { return "\(what) needs a character that shows." }
        if identifier && scalars.contains(where: { $0 != " " && isInvisible($0) }) {
            return "\(what) cannot hold invisible characters or spaces other than the space bar's: type it again."
        }
        return nil
    }
}
