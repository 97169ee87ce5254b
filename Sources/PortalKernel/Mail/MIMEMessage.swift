import Foundation

/// An ``EmailMessage`` rendered as an RFC 5322 / MIME message: what an `.eml` file holds and what SMTP's `DATA`
/// sends (before dot-stuffing).
///
/// Lines end in CRLF; headers with non-ASCII text use RFC 2047 encoded words; bodies are UTF-8 in
/// quoted-printable; a message with an HTML body is `multipart/alternative` with the text part first; a message with
/// attachments is `multipart/mixed`: the body first, then each file in base64 under its plain-ASCII name.
///
/// SPEC M4: whatever the names, subjects and recipient lists, no line exceeds 998 octets (header lines keep to 78
/// but for an address longer than that): headers are folded, address lists one mailbox a line, and a control
/// character or line break typed in a name or subject becomes a space, so it can never start a header. With no
/// recipients, there is no `To` field.
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
            Self.addressField("From", [from]),
        ]
        if !message.to.isEmpty { headers.append(Self.addressField("To", message.to)) }
        if let replyTo = message.replyTo { headers.append(Self.addressField("Reply-To", [replyTo])) }
        headers += [
            Self.unstructuredField("Subject", message.subject),
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        let content = Self.content(of: message)
        let body: [String]
        if message.attachments.isEmpty {
            headers += content.headers
            body = content.body
        } else {
            let boundary = Self.boundary()
            headers += ["Content-Type: multipart/mixed;", " boundary=\"\(boundary)\""]
            body =
                ["", "--\(boundary)"] + content.headers + content.body
                + message.attachments.flatMap { ["--\(boundary)"] + Self.attachmentPart($0) } + ["--\(boundary)--", ""]
        }
        self.messageID = messageID
        self.text = (headers + body).joined(separator: "\r\n")
    }

    /// The message's text (and HTML) as one MIME entity: its headers, then its body after a blank line.
    private static func content(of message: EmailMessage) -> (headers: [String], body: [String]) {
        guard let html = message.htmlBody else {
            return (partHeaders(type: "text/plain"), ["", quotedPrintable(message.textBody)])
        }
        let boundary = boundary()
        return (
            ["Content-Type: multipart/alternative;", " boundary=\"\(boundary)\""],
            ["", "--\(boundary)"] + partHeaders(type: "text/plain") + ["", quotedPrintable(message.textBody)]
                + ["--\(boundary)"] + partHeaders(type: "text/html") + ["", quotedPrintable(html)] + ["--\(boundary)--", ""]
        )
    }

    /// A file in base64, 76 characters a line (RFC 2045 §6.8), its plain-ASCII name on a line of its own in each
    /// header, so no line passes 78 octets.
    private static func attachmentPart(_ attachment: EmailAttachment) -> [String] {
        let encoded = Array(attachment.content.base64EncodedString().utf8)
        let lines = stride(from: 0, to: encoded.count, by: 76).map { String(decoding: encoded[$0..<min($0 + 76, encoded.count)], as: UTF8.self) }
        return [
            "Content-Type: \(attachment.mediaType);", " name=\"\(attachment.fileName)\"",
            "Content-Disposition: attachment;", " filename=\"\(attachment.fileName)\"",
            "Content-Transfer-Encoding: base64", "",
        ] + lines
    }

    private static func boundary() -> String { "=_portal_\(UUID().uuidString.lowercased())" }

    private static func partHeaders(type: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
    }

    /// M4: an address field with one mailbox per line: `To: "Cece" <cece@example.com>,` then ` bob@example.com`.
    static func addressField(_ name: String, _ mailboxes: [EmailMessage.Mailbox]) -> String {
        var field = FoldedHeader(name)
        for (index, mailbox) in mailboxes.enumerated() {
            var pieces = mailboxPieces(mailbox)
            if index < mailboxes.count - 1 { pieces[pieces.count - 1] += "," }
            for (position, piece) in pieces.enumerated() { field.append(piece, onNewLine: index > 0 && position == 0) }
        }
        return field.text
    }

    /// M4: ` "Name"`, ` <address>`, or the name as encoded words when it is not plain ASCII or too long to quote on
    /// one line. A control character in the address becomes a space, so even an address no one checked cannot start
    /// a header.
    private static func mailboxPieces(_ mailbox: EmailMessage.Mailbox) -> [String] {
        let address = HeaderText.printable(mailbox.address)
        let name = HeaderText.printable(mailbox.name ?? "")
        guard !name.isEmpty else { return [" " + address] }
        let quoted = "\"\(name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
        let display = HeaderText.isPlain(name) && quoted.utf8.count <= 64 ? [" " + quoted] : HeaderText.encodedWords(name).map { " " + $0 }
        return display + [" <\(address)>"]
    }

    /// M4: a text field such as `Subject`: as typed and folded at its spaces when it is plain ASCII and every line
    /// stays within 78 octets, else as encoded words, one a line.
    static func unstructuredField(_ name: String, _ text: String) -> String {
        let text = HeaderText.printable(text)
        if HeaderText.isPlain(text) {
            var field = FoldedHeader(name)
            for piece in HeaderText.foldablePieces(text) { field.append(piece) }
            if field.keepsPreferredLength { return field.text }
        }
        var field = FoldedHeader(name)
        for word in HeaderText.encodedWords(text) { field.append(" " + word) }
        return field.text
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
