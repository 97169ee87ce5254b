import Foundation

/// Issue #18: a page's form errors read back from its HTML: the controls marked `aria-invalid` with the message their
/// `aria-describedby` names, the summary's links, and anything that does not hold together.
struct FieldErrorMarkup {
    /// Each control marked invalid, by id (by name for a group's checkbox): the text of the message it is described by.
    private(set) var invalid: [String: String] = [:]
    /// The summary's links, in order: the ids they point to.
    private(set) var summaryLinks: [String] = []
    /// The summary's items, in order, as text.
    private(set) var summaryItems: [String] = []
    /// What does not hold together: a description naming no message, a message no control names, a summary link to
    /// no element, a field's message missing from the summary, or not exactly one summary when there are errors.
    private(set) var problems: [String] = []

    init(_ html: String) {
        let messages = Dictionary(
            Self.matches(#"<p class="error-text" id="([^"]+)">([^<]*)</p>"#, in: html).map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let ids = Set(Self.matches(#"\sid="([^"]+)""#, in: html).map { $0[0] })
        var described: Set<String> = []
        for tag in Self.matches(#"(<(?:input|select|textarea)\b[^>]*aria-invalid="true"[^>]*>)"#, in: html).map({ $0[0] }) {
            // A checkbox of a group may have no id: the summary links to its fieldset, which the message describes.
            guard let id = Self.matches(#"\sid="([^"]+)""#, in: tag).first?[0] ?? Self.matches(#"\sname="([^"]+)""#, in: tag).first?[0]
            else {
                problems.append("an invalid control without an id or a name: \(tag)")
                continue
            }
            let names = Self.matches(#"aria-describedby="([^"]+)""#, in: tag).first?[0].split(separator: " ").map(String.init) ?? []
            let texts = names.compactMap { messages[$0] }
            if texts.isEmpty { problems.append("\(id) is described by no message (\(names))") }
            described.formUnion(names)
            invalid[id] = texts.joined(separator: " ")
        }
        for tag in Self.matches(#"<fieldset\b[^>]*aria-describedby="([^"]+)""#, in: html) { described.insert(tag[0]) }
        for id in messages.keys where !described.contains(id) { problems.append("message \(id) belongs to no control") }
        let summaries = Self.matches(#"(<div class="notice error error-summary" role="alert"[^>]*>[\s\S]*?</div>)"#, in: html).map { $0[0] }
        if (!messages.isEmpty || !summaries.isEmpty) && summaries.count != 1 {
            problems.append("\(summaries.count) summaries")
        }
        for summary in summaries {
            summaryItems = Self.matches(#"<li>([\s\S]*?)</li>"#, in: summary).map {
                $0[0].replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            }
            summaryLinks = Self.matches(##"<a href="#([^"]+)">"##, in: summary).map { $0[0] }
        }
        for link in summaryLinks where !ids.contains(link) { problems.append("the summary links to #\(link), which is not on the page") }
        for text in messages.values where !summaryItems.contains(text) { problems.append("\"\(text)\" is not in the summary") }
    }

    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }
}
