import Foundation

/// An ``EmailMessage`` rendered as an RFC 5322 / MIME message: what an `.eml` file holds and what SMTP's `DATA`
/// sends (before dot-stuffing).
///
/// Lines end in CRLF; headers with non-ASCII text use RFC 2047 encoded words; bodies are UTF-8 in
/// quoted-printable; a message with an HTML body is `multipart/alternative` with the text part first.
public struct MIMEMessage: Sendable {
    /// The full message text.
    public let text: String
    /// The `Message-ID` header's value, with angle brackets.
    public let messageID: String

    /// Renders `message`, sent from `defaultFrom` unless it names its own sender, dated `date`.
    public init(_ message: EmailMessage, defaultFrom: EmailMessage.Mailbox, date: Date) {
        let from = message.from ?? defaultFrom
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = "<\(UUID().uuidString.lowercased())@\(domain)>"
        var headers = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(Self.header(from))",
            "To: \(message.to.map(Self.header).joined(separator: ", "))",
        ]
        if let replyTo = message.replyTo { headers.append("Reply-To: \(Self.header(replyTo))") }
        headers += [
            "Subject: \(Self.encodedWords(message.subject))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        let body: [String]
        if let html = message.htmlBody {
            let boundary = "=_portal_\(UUID().uuidString.lowercased())"
            headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            body =
                ["", "--\(boundary)"] + Self.partHeaders(type: "text/plain") + ["", Self.quotedPrintable(message.textBody)]
                + ["--\(boundary)"] + Self.partHeaders(type: "text/html") + ["", Self.quotedPrintable(html)]
                + ["--\(boundary)--", ""]
        } else {
            headers += Self.partHeaders(type: "text/plain")
            body = ["", Self.quotedPrintable(message.textBody)]
        }
        self.messageID = messageID
        self.text = (headers + body).joined(separator: "\r\n")
    }

    private static func partHeaders(type: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
    }

    /// `Name <address>`, the name quoted or encoded as needed.
    static func header(_ mailbox: EmailMessage.Mailbox) -> String {
        guard let name = mailbox.name, !name.isEmpty else { return mailbox.address }
        let isPlainASCII = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 }
        let display =
            isPlainASCII
            ? "\"\(name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
            : encodedWords(name)
        return "\(display) <\(mailbox.address)>"
    }

    /// The text as is when it is printable ASCII, else RFC 2047 `=?utf-8?B?…?=` words of at most 75 characters,
    /// never splitting a character.
    static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value < 127 }) { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            // 45 bytes make 60 base64 characters: with `=?utf-8?B?` and `?=` a word stays within 75.
            if chunk.count + bytes.count > 45 {
                words.append("=?utf-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Quoted-printable (RFC 2045 §6.7) over UTF-8 with CRLF line breaks and soft breaks before 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            var output = ""
            var width = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let needsEncoding =
                    byte == UInt8(ascii: "=") || byte > 126 || (byte < 32 && byte != UInt8(ascii: "\t"))
                    || (isLast && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")))
                let piece = needsEncoding ? String(format: "=%02X", byte) : String(UnicodeScalar(byte))
                if width + piece.count > 75 {
                    output += "=\r\n"
                    width = 0
                }
                output += piece
                width += piece.count
            }
            return output
        }.joined(separator: "\r\n")
    }

    /// `Tue, 25 Nov 2026 09:30:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
