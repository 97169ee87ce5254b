import Foundation

/// Text a user typed (a name, a subject) as it may appear in a header field (SPEC M4).
enum HeaderText {
    /// `text` with every control character (CR, LF, TAB, …) and line or paragraph separator as a space, then trimmed:
    /// what a header shows of it, so that a line break typed in a name or a subject can never start a header.
    static func printable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `text` (already ``printable(_:)``) may be written as it is: printable ASCII with nothing a reader
    /// would take for the start of an encoded word (`=?`).
    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && !text.contains("=?")
    }

    /// `text` as RFC 2047 `=?utf-8?B?…?=` words of at most 68 characters, so that one fits on a folded line even
    /// after `Reply-To:`. A word holds whole Unicode scalars (never part of a UTF-8 sequence) and readers join adjacent
    /// words without the folding white space between them (RFC 2047 §6.2).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk = Data()
        for scalar in text.unicodeScalars {
            let bytes = Data(String(scalar).utf8)
            // 42 bytes make 56 base64 characters; with `=?utf-8?B?` and `?=`, 68.
            if chunk.count + bytes.count > 42 {
                words.append("=?utf-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(chunk.base64EncodedString())?=") }
        return words
    }

    /// `text` (plain and trimmed) cut before each run of white space, each piece keeping the white space before it
    /// and the first one given a space: `"a  b"` → `[" a", "  b"]`. Joined, the pieces are `" " + text`.
    static func foldablePieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = " "
        var previousWasSpace = false
        for character in text {
            let isSpace = character == " "
            if isSpace && !previousWasSpace {
                pieces.append(current)
                current = ""
            }
            current.append(character)
            previousWasSpace = isSpace
        }
        if !text.isEmpty { pieces.append(current) }
        return pieces
    }
}
