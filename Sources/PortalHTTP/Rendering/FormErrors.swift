import PortalKernel

/// What is wrong with a submitted form, as every form page shows it (issue #18): each message beside its field, the
/// field marked `aria-invalid` and described by the message, and all of them at once in a summary at the top of the
/// page whose items link to their fields.
///
/// A page model holds one under `errors`; its template shows the summary with the `form-errors` partial and, for
/// each field `f`, marks it with `{{#errors.field.f}}{{>field-invalid}}{{/errors.field.f}}` inside the control's tag
/// and shows the message with `{{#errors.field.f}}{{>field-error}}{{/errors.field.f}}`. A field is named by the `id`
/// of the control the summary links to.
struct FormErrors: Error, Sendable {
    /// One message: the control it is about (empty for one about the whole form) and the id of its message element.
    struct Entry: Sendable {
        let field: String
        let message: String
        /// The message's element id, which the field's `aria-describedby` names.
        let id: String
        /// Whether the summary links the message to its field.
        let linked: Bool
    }

    /// The summary's heading.
    let heading: String
    /// Every message, in the order the fields appear on the page; those about the whole form first.
    private(set) var summary: [Entry] = []
    /// The messages about a field, by the field's id.
    private(set) var field: [String: Entry] = [:]
    /// Whether there is anything to show.
    private(set) var shown = false

    /// No errors yet; `heading` heads the summary once there are.
    init(heading: String = "There is a problem") {
        self.heading = heading
    }

    /// One message about the whole form (the card was declined, the proposal changed): in the summary, unlinked.
    init(_ message: String?, heading: String = "There is a problem") {
        self.init(heading: heading)
        if let message { add(message) }
    }

    /// One message about the control whose id is `field`.
    init(_ message: String, field id: String, heading: String = "There is a problem") {
        self.init(heading: heading)
        add(message, field: id)
    }

    /// `problems` by field, in the order of `Field.allCases` (the page's order); `id` names each field's control.
    init<Field: CaseIterable & RawRepresentable<String>>(
        _ problems: [Field: String], heading: String = "There is a problem", id: (Field) -> String = \.rawValue
    ) {
        self.init(heading: heading)
        for name in Field.allCases { if let message = problems[name] { add(message, field: id(name)) } }
    }

    /// A use case's refusal (#20): its messages beside the `Field`s they name, or its message about the whole form
    /// when it names none.
    init<Field: CaseIterable & RawRepresentable<String> & Hashable>(
        _ refusal: UseCaseError, fields _: Field.Type, heading: String = "There is a problem", id: (Field) -> String = \.rawValue
    ) {
        let problems = refusal.fields(as: Field.self)
        if problems.isEmpty {
            self.init(refusal.message, heading: heading)
        } else {
            self.init(problems, heading: heading, id: id)
        }
    }

    /// Adds `message` about the control whose id is `field`; a second message for the same field is joined to the
    /// first.
    mutating func add(_ message: String, field id: String) {
        let joined = field[id].map { "\($0.message) \(message)" } ?? message
        let entry = Entry(field: id, message: joined, id: "\(id)-error", linked: true)
        if let index = summary.firstIndex(where: { $0.linked && $0.field == id }) {
            summary[index] = entry
        } else {
            summary.append(entry)
        }
        field[id] = entry
        shown = true
    }

    /// Adds `message` about the whole form, shown in the summary before the fields' messages.
    mutating func add(_ message: String) {
        let count = summary.filter { !$0.linked }.count
        summary.insert(Entry(field: "", message: message, id: "form-error-\(count + 1)", linked: false), at: count)
        shown = true
    }

    /// Whether there is no message.
    var isEmpty: Bool { !shown }
}
