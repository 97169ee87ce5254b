import Foundation

/// What a person sees as broken where a value is missing (issue #18): the text "nil", an alert or status box with
/// nothing in it, a link to nowhere, or a sentence that stops at its colon ("Decline reason: " and then nothing).
enum MissingValueProblems {
    /// Each problem in `text` (a page, or an email's subject or body), quoted with a little context.
    static func find(in text: String) -> [String] {
        var found: [String] = []
        for (pattern, what) in patterns {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range, in: text) else { continue }
                if what == "empty box", !isEmptyBox(String(text[range])) { continue }
                let before = text[..<range.lowerBound].suffix(40), after = text[range.upperBound...].prefix(40)
                found.append("\(what): …\(before)[\(text[range].prefix(160))]\(after)…")
            }
        }
        return found
    }

    /// Each kind of problem, as a pattern and its name.
    private static var patterns: [(NSRegularExpression, String)] {
        let patterns = [
            (#"\bnil\b|Optional\("#, "nil"),
            (#"<(p|div|section|span|strong)\b[^>]*\b(?:role="(?:alert|status)"|class="[^"]*\b(?:notice|error)\b[^"]*")[^>]*>.*?</\1>"#,
             "empty box"),
            (#"\b(?:href|src)="\s*""#, "link to nowhere"),
            // A label's colon followed by nothing (spaces, then the end of the line or of the element), an empty fact,
            // or a sentence whose last words went missing ("due by .").
            (#"\w:[ \t]+(?:\r?\n|$|</(?!label|legend|th|dt)\w+>)|<dd>\s*</dd>|\w[ \t]+[.,;](?=\s|$|<)"#, "dangling sentence"),
        ]
        return patterns.map { (try! NSRegularExpression(pattern: $0.0, options: [.dotMatchesLineSeparators, .anchorsMatchLines]), $0.1) }
    }

    /// Whether the element `html` holds no text (tags aside).
    private static func isEmptyBox(_ html: String) -> Bool {
        guard let open = html.firstIndex(of: ">"), let close = html.range(of: "</", options: .backwards) else { return false }
        let inner = html[html.index(after: open)..<close.lowerBound]
        return inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}
