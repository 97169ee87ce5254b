/// One header field folded as RFC 5322 §2.2.3 describes (SPEC M4): pieces of text that each start with white space
/// are put on the current line while it stays within 78 octets, else on a continuation line of their own, so that
/// unfolding (removing the CRLFs) gives back the field exactly.
///
/// A piece is never put alone after the bare field name, so no line holds only white space or only `Name:`.
struct FoldedHeader {
    /// RFC 5322's recommended line length, without the CRLF.
    static let preferredLineLength = 78

    private(set) var lines: [String]
    private var isEmpty = true

    /// A field called `name` (`Subject`), with no value yet.
    init(_ name: String) {
        lines = ["\(name):"]
    }

    /// Adds `piece`, which starts with a space or a tab; `onNewLine` starts a continuation line whatever the room
    /// left (one address per line).
    mutating func append(_ piece: String, onNewLine: Bool = false) {
        let last = lines.count - 1
        if !isEmpty && (onNewLine || lines[last].utf8.count + piece.utf8.count > Self.preferredLineLength) {
            lines.append(piece)
        } else {
            lines[last] += piece
        }
        isEmpty = false
    }

    /// Whether every line keeps to 78 octets.
    var keepsPreferredLength: Bool { lines.allSatisfy { $0.utf8.count <= Self.preferredLineLength } }

    /// The field, its lines joined by CRLF (no CRLF at the end).
    var text: String { lines.joined(separator: "\r\n") }
}
