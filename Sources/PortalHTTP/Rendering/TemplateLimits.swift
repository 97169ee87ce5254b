/// Bounds on an account's email template, checked before the Mustache parser sees it (SPEC M2: no input and no
/// stored record can stop the server). The parser recurses once per nested section, so a template of a few
/// thousand `{{#a}}` would overflow the stack; the bounds stop that, far above what any wording needs.
enum TemplateLimits {
    /// The most characters one part (subject, text or HTML) may have.
    static let maximumLength = 100_000
    /// The deepest nesting of sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) one part may have.
    static let maximumDepth = 16

    /// Why `source` is refused before parsing, or `nil`: too long, nested too deep, or changing the tag delimiters
    /// (which would hide sections from this count).
    ///
    /// It reads tag by tag as the parser does: a tag runs from `{{` to the next `}}` (`{{{` to `}}}`), so a comment
    /// such as `{{! {{/a}} }}` closes nothing, and an unclosed tag ends the count (the parser refuses it).
    static func problem(with source: String) -> String? {
        if source.utf8.count > maximumLength { return "is longer than \(maximumLength) characters." }
        var depth = 0
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            let triple = rest[open.upperBound...].first == "{"
            let body = rest[(triple ? rest.index(after: open.upperBound) : open.upperBound)...]
            guard let close = body.range(of: triple ? "}}}" : "}}") else { break }
            let tag = body[..<close.lowerBound].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
            rest = body[close.upperBound...]
            if triple { continue }
            switch tag.first {
            case "#", "^", "$", "<":
                depth += 1
                if depth > maximumDepth { return "nests sections deeper than \(maximumDepth) levels." }
            case "/":
                depth = max(0, depth - 1)
            case "=":
                return "changes the tag delimiters ({{=…=}}), which email templates do not allow."
            default:
                break
            }
        }
        return nil
    }
}
