import Foundation
import PortalKernel
import Testing

@Suite("MIME rendering")
struct MIMEMessageTests {
    let from = EmailMessage.Mailbox(address: "portal@greenleaf.example", name: "Greenleaf")

    @Test("A text message has the headers mail programs need, CRLF line ends and a quoted-printable body")
    func plainText() {
        let message = EmailMessage(
            to: [.init(address: "cece@example.com", name: "Cece Cunningham")], subject: "Your login link",
            textBody: "Open https://portal.example.com/portal/k/auth/abc=def\n.dot line")
        let mime = MIMEMessage(message, defaultFrom: from, date: Date(timeIntervalSince1970: 0))
        let lines = mime.text.components(separatedBy: "\r\n")
        #expect(lines.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(lines.contains("From: \"Greenleaf\" <portal@greenleaf.example>"))
        #expect(lines.contains("To: \"Cece Cunningham\" <cece@example.com>"))
        #expect(lines.contains("Subject: Your login link"))
        #expect(lines.contains("Message-ID: \(mime.messageID)"))
        #expect(mime.messageID.hasSuffix("@greenleaf.example>"))
        #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(lines.contains("Open https://portal.example.com/portal/k/auth/abc=3Ddef"))
        #expect(lines.contains(".dot line"))
        #expect(!mime.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("Non-ASCII subjects and names become RFC 2047 encoded words that decode back")
    func encodedWords() throws {
        let subject = "Facture payée — merci, Zoë! 🌳 " + String(repeating: "é", count: 40)
        let message = EmailMessage(to: [.init(address: "zoe@example.com", name: "Zoë Ünal")], subject: subject, textBody: "x")
        let text = MIMEMessage(message, defaultFrom: from, date: Date()).text
        let headerBlock = text.components(separatedBy: "\r\n\r\n")[0]
        let subjectLine = headerBlock.components(separatedBy: "\r\nMessage-ID")[0].components(separatedBy: "Subject: ")[1]
        let words = subjectLine.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            decoded.append(try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))))
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        #expect(headerBlock.contains("To: =?utf-8?B?"))
    }

    @Test("Quoted-printable keeps lines under 77 characters and encodes UTF-8 bytes")
    func quotedPrintable() {
        let long = String(repeating: "mulch ", count: 30) + "é"
        let message = EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: long)
        let body = MIMEMessage(message, defaultFrom: from, date: Date()).text.components(separatedBy: "\r\n\r\n")[1]
        for line in body.components(separatedBy: "\r\n") { #expect(line.count <= 76) }
        #expect(body.hasSuffix("=C3=A9"))
    }

    @Test("An HTML body makes a multipart/alternative message, text first")
    func multipart() throws {
        let message = EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: "plain", htmlBody: "<p>rich</p>")
        let text = MIMEMessage(message, defaultFrom: from, date: Date()).text
        let lines = text.components(separatedBy: "\r\n")
        let typeLine = try #require(lines.firstIndex(of: "Content-Type: multipart/alternative;"))
        // The boundary on a folded line of its own, so the header stays under 78 octets (M4).
        let boundaryLine = lines[typeLine + 1]
        #expect(boundaryLine.hasPrefix(" boundary=\"") && boundaryLine.utf8.count <= 78)
        let boundary = try #require(boundaryLine.components(separatedBy: "boundary=\"").last?.dropLast())
        let parts = text.components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4)
        #expect(parts[1].contains("text/plain") && parts[1].contains("plain"))
        #expect(parts[2].contains("text/html") && parts[2].contains("<p>rich</p>"))
        #expect(parts[3].hasPrefix("--"))
    }
}

@Suite("Storage JSON")
struct StorageJSONTests {
    @Test("Instants are written to the millisecond, counted down, and read back exactly")
    func instants() throws {
        let exact = Date(timeIntervalSince1970: 1_790_000_000.123)
        #expect(StorageJSON.format(exact) == "2026-09-21T14:13:20.123Z")
        #expect(StorageJSON.parse("2026-09-21T14:13:20.123Z") == Date(timeIntervalSince1970: 1_790_000_000_123.0 / 1_000))
        #expect(StorageJSON.format(Date(timeIntervalSince1970: 1_790_000_000.1239)) == "2026-09-21T14:13:20.123Z")
        #expect(StorageJSON.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(StorageJSON.parse("2026-09-21T14:13:20Z") == Date(timeIntervalSince1970: 1_790_000_000))
        for bad in ["2026-09-21 14:13:20", "2026-09-21T14:13:20.12aZ", "yesterday"] { #expect(StorageJSON.parse(bad) == nil) }
        // Every whole millisecond survives format → parse → format.
        for millisecond in stride(from: 1_790_000_000_000, to: 1_790_000_001_000, by: 7) {
            let date = Date(timeIntervalSince1970: Double(millisecond) / 1_000)
            #expect(StorageJSON.format(try #require(StorageJSON.parse(StorageJSON.format(date)))) == StorageJSON.format(date))
        }
    }

    @Test("A dump leaves out empty lists and refuses a newer format")
    func dumpCoding() throws {
        let data = try StorageJSON.encoder(pretty: false).encode(StorageDump())
        #expect(String(decoding: data, as: UTF8.self) == #"{"formatVersion":1}"#)
        #expect(try StorageJSON.decoder().decode(StorageDump.self, from: data) == StorageDump())
        #expect(throws: DecodingError.self) {
            try StorageJSON.decoder().decode(StorageDump.self, from: Data(#"{"formatVersion":99}"#.utf8))
        }
    }
}
