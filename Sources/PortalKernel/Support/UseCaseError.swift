/// Why a use case refused what it was asked: the one error every use case throws, and every front renders its own
/// way (#20). The HTTP front maps ``Kind`` to a status in one place (`UseCaseError+HTTP.swift`); the back office
/// shows ``message`` on the page again with what was typed, ``fields`` beside their controls; the JSON API answers
/// `{"error": {"code", "message"}}` in its own words for the fields; the command line prints ``message``.
///
/// An outcome a caller expects (a declined card, a link already used) is not an error: those use cases return an
/// `Outcome` enum instead.
public struct UseCaseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal it is, which decides the HTTP status.
    public enum Kind: String, Hashable, Sendable {
        /// No such record in the account (404).
        case notFound = "not_found"
        /// The input cannot be saved (422); ``UseCaseError/fields`` says which fields, when it is about fields.
        case invalid
        /// The record's state does not allow it (409): an accepted proposal is locked, a voided invoice is closed, a
        /// key is taken.
        case conflict
        /// The caller may not do this (403): a staff user who is not an admin changing settings.
        case forbidden
    }

    /// What kind of refusal it is: decides the HTTP status (404, 422, 409 or 403).
    public let kind: Kind
    /// The whole refusal in words for the person who asked, fields included.
    public let message: String
    /// With ``Kind/invalid`` about a form: one message per field, keyed by the field's name in the use case's input
    /// (`SettingsForm.Field`'s raw values, for example). Empty when the refusal is about the whole request.
    public let fields: [String: String]

    /// No such record in the account (404); `message` names what is missing ("No such invoice.").
    public static func notFound(_ message: String) -> UseCaseError { UseCaseError(kind: .notFound, message: message, fields: [:]) }
    /// The input as a whole cannot be saved (422).
    public static func invalid(_ message: String) -> UseCaseError { UseCaseError(kind: .invalid, message: message, fields: [:]) }
    /// The record's state does not allow the change (409).
    public static func conflict(_ message: String) -> UseCaseError { UseCaseError(kind: .conflict, message: message, fields: [:]) }
    /// The caller may not do this (403).
    public static func forbidden(_ message: String) -> UseCaseError { UseCaseError(kind: .forbidden, message: message, fields: [:]) }

    /// One field of the input cannot be saved (422). `field` is its name as the JSON API's document names it
    /// (`displayName`, `lines[0].quantity`), which the API puts before the message.
    public static func invalid(_ message: String, field: String) -> UseCaseError {
        UseCaseError(kind: .invalid, message: message, fields: [field: message])
    }

    /// Fields of a form that cannot be saved (422), one message each; ``message`` is every message, in the order of
    /// the fields' names.
    public static func invalid<Field: RawRepresentable<String> & Hashable>(fields: [Field: String]) -> UseCaseError {
        let named = Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
        let message = named.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ")
        return UseCaseError(kind: .invalid, message: message, fields: named)
    }

    /// Every message with the name of its field before it ("lines[0].quantity: …", sorted by name), or ``message``
    /// when the refusal names no field: what the JSON API answers (#20: an error names the field as the API does).
    public var messageNamingFields: String {
        guard !fields.isEmpty else { return message }
        return fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: " ")
    }

    /// ``fields`` keyed by `Field` again, for a page that orders its messages by its own fields; names `Field` does
    /// not have are left out.
    public func fields<Field: RawRepresentable<String> & Hashable>(as _: Field.Type) -> [Field: String] {
        Dictionary(uniqueKeysWithValues: fields.compactMap { name, message in Field(rawValue: name).map { ($0, message) } })
    }

    public var description: String { message }
}
