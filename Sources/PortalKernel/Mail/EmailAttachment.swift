import Foundation

/// A file sent with an email: an invoice's or a proposal's PDF (SPEC F16, the account's `attachesPDFs`).
public struct EmailAttachment: Hashable, Codable, Sendable {
    /// The name mail programs show and save it under: printable ASCII only (``safeFileName(_:fileExtension:)``),
    /// so it needs no encoding and its header lines stay short (M4).
    public var fileName: String
    /// Its media type: `application/pdf`.
    public var mediaType: String
    /// Its bytes.
    public var content: Data

    /// Memberwise; `fileName` is made safe with ``safeFileName(_:fileExtension:)`` and `fileExtension`.
    public init(fileName: String, fileExtension: String, mediaType: String, content: Data) {
        self.fileName = Self.safeFileName(fileName, fileExtension: fileExtension)
        self.mediaType = mediaType
        self.content = content
    }

    /// The most characters of a name before its extension.
    public static let maxNameLength = 60

    /// `typed` as a file name in plain ASCII (letters, digits, space, `-`, `_`, `.`, `(`, `)`; anything else `_`),
    /// at most ``maxNameLength`` characters before `.fileExtension`: `Invoice INV-1001.pdf`; `file.pdf` for a name
    /// with nothing left.
    public static func safeFileName(_ typed: String, fileExtension: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.()")
        var name = String(typed.map { allowed.contains($0) ? $0 : "_" }.prefix(maxNameLength))
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        if name.hasSuffix(".\(fileExtension)") { name = String(name.dropLast(fileExtension.count + 1)) }
        return (name.isEmpty ? "file" : name) + ".\(fileExtension)"
    }
}
