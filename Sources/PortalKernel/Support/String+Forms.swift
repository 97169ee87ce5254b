import Foundation

extension String {
    /// Without leading and trailing white space and line breaks: how every typed field is read.
    public var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }

    /// `nil` for an empty string: an optional field left blank.
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
