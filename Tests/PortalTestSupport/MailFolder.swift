import Foundation

/// The `.eml` files a log mailer wrote, read back as a person's mail program would: headers, and the text body
/// with its quoted-printable encoding undone.
public struct MailFolder: Sendable {
    public let url: URL

    public init(_ url: URL) {
        self.url = url
    }

    /// One email as written.
    public struct Mail: Sendable {
        public let raw: String

        public init(raw: String) {
            self.raw = raw
        }

        /// The value of header `name` (as written, possibly RFC 2047 encoded), unfolded: a folded field's lines
        /// joined without their CRLFs.
        public func header(_ name: String) -> String? {
            let head = (raw.components(separatedBy: "\r\n\r\n").first ?? "").replacingOccurrences(of: "\r\n ", with: " ")
                .replacingOccurrences(of: "\r\n\t", with: "\t")
            return head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }

        /// Every body part, quoted-printable decoded and joined: what a reader sees (text and HTML).
        public var decodedBody: String {
            let body = raw.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            return MailFolder.decodeQuotedPrintable(body)
        }

        /// The first URL in the body that starts with `prefix`.
        public func link(startingWith prefix: String) -> String? {
            guard let start = decodedBody.range(of: prefix) else { return nil }
            let rest = decodedBody[start.lowerBound...]
            return String(rest.prefix { !$0.isWhitespace && $0 != "\"" && $0 != "<" })
        }
    }

    /// Every email written so far, oldest first.
    public func all() throws -> [Mail] {
        let files = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
        return try files.filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { Mail(raw: try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// The emails sent to `address`.
    public func to(_ address: String) throws -> [Mail] {
        try all().filter { $0.header("To")?.contains(address) == true }
    }

    /// Undoes quoted-printable: soft line breaks removed, `=XX` bytes decoded as UTF-8.
    public static func decodeQuotedPrintable(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var iterator = Array(joined.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
