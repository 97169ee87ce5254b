import Mustache

/// A page's view model as swift-mustache reads it, reflected once.
///
/// Handed a struct, swift-mustache makes a new `Mirror` and scans its children on every lookup, at every level of
/// the context stack it climbs: on the portal home that was over a third of the request's time. This walks the
/// model once, turning each struct into a dictionary of its fields (a `MustacheParent`, looked up by key) and each
/// array into an array of the same, and unwrapping optionals. What a template sees is unchanged: an absent field
/// and a `nil` one both fall through to the enclosing context, as with a `Mirror`.
///
/// A `[String: Any]` model (the back office's page models, the emails' variables) is walked the same way, so an
/// optional stored in one (`"notice": notice as Any`) is unwrapped too: a `nil` is missing, `{{#notice}}` skips its
/// section and `{{notice}}` renders nothing, where swift-mustache itself would print "nil".
struct ReflectedView: MustacheParent {
    private let fields: [String: Any]

    func child(named name: String) -> Any? { fields[name] }

    /// `value` ready for rendering: structs, classes and string-keyed dictionaries become `ReflectedView`s (a
    /// dictionary's `nil` values left out), arrays are converted element by element, optionals are unwrapped (`nil`
    /// when empty), an empty string is ``EmptyText``; other strings, numbers, booleans, enums and lambdas pass as
    /// they are.
    static func of(_ value: Any) -> Any? {
        switch value {
        case let text as String:
            return text.isEmpty ? EmptyText() : text
        case is Bool, is Int, is Double, is MustacheLambda, is MustacheCustomRepresentation:
            return value
        case let dictionary as [String: Any]:
            return ReflectedView(fields: dictionary.compactMapValues(of))
        case is MustacheParent:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { of($0.value) }
        case .collection:
            return mirror.children.compactMap { of($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let field = of(child.value) { fields[label] = field }
            }
            return ReflectedView(fields: fields)
        default:
            return value
        }
    }
}

/// An empty string as a template sees it: it renders nothing and counts as false, so `{{#note}}…{{/note}}` leaves
/// out its paragraph for `""` as it does for a missing value (swift-mustache treats any string as true), and
/// `{{^note}}` shows its fallback. It is still a value, so a lookup does not climb to an outer context's field of
/// the same name.
struct EmptyText: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
