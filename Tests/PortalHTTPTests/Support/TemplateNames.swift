import Foundation

/// The names a Mustache template reads (with those of the layouts and partials it uses), and models over them with
/// chosen values missing.
///
/// A name the template tests with a section (`{{#x}}` or `{{^x}}`) is one it expects may be missing: ``optional``.
/// In a model every other name is present, as a sample string or, for `a` in `{{a.b}}`, a dictionary of its parts;
/// a missing one is stored as the back office's page models store it, an optional `nil` in a `[String: Any]`.
struct TemplateNames {
    /// Every dotted name read.
    private(set) var all: Set<String> = []
    /// The names tested with a section.
    private(set) var optional: Set<String> = []

    /// The names of `source`; `partial` gives the source of a layout or partial it names.
    init(_ source: String, partial: (String) -> String?) {
        var seen: Set<String> = []
        read(source, partial: partial, seen: &seen)
    }

    private mutating func read(_ source: String, partial: (String) -> String?, seen: inout Set<String>) {
        for match in Self.tag.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            guard let sigilRange = Range(match.range(at: 1), in: source), let nameRange = Range(match.range(at: 2), in: source) else {
                continue
            }
            let sigil = source[sigilRange], name = String(source[nameRange])
            switch sigil {
            case ">", "<":
                if seen.insert(name).inserted, let included = partial(name) { read(included, partial: partial, seen: &seen) }
            case "!", "$", "%", "=", "/":
                continue
            default:
                guard name != "." else { continue }
                all.insert(name)
                if sigil == "#" || sigil == "^" { optional.insert(name) }
            }
        }
    }

    /// `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}`… : the sigil and the name.
    private static var tag: NSRegularExpression { try! NSRegularExpression(pattern: #"\{\{\{?([#^/&!><$%=]?)\s*([^}\s]*)[^}]*\}?\}\}"#) }

    /// A model with the names in `missing` missing and every other one present.
    func model(missing: Set<String>) -> [String: Any] {
        model(missing: missing, under: "")
    }

    private func model(missing: Set<String>, under prefix: String) -> [String: Any] {
        let heads = Set(all.filter { $0.hasPrefix(prefix) }.compactMap { $0.dropFirst(prefix.count).split(separator: ".").first })
        var model: [String: Any] = [:]
        for head in heads {
            let path = prefix + head
            if missing.contains(path) {
                model[String(head)] = String?.none as Any
            } else if all.contains(where: { $0.hasPrefix(path + ".") }) {
                model[String(head)] = self.model(missing: missing, under: path + ".")
            } else {
                model[String(head)] = "Sample \(head)"
            }
        }
        return model
    }
}
