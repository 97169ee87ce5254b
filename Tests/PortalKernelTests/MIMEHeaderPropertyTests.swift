import Foundation
import PortalKernel
import PortalTestSupport
import PropertyBased
import Testing

/// SPEC M4: random display names, subjects and recipient lists rendered through ``MIMEMessage``.
@Suite("M4 email headers, property-based")
struct MIMEHeaderPropertyTests {
    /// Pieces of typed text: ASCII, non-ASCII, combining marks, quotes, backslashes, CR/LF and other controls,
    /// text that looks like an encoded word, and long runs without a space.
    static let pieces = [
        "a", "Zoë", " ", "  ", "\"", "\\", "\r", "\n", "\r\n", "\t", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}", "=?", "?=",
        "=?utf-8?B?SGk=?=", "é", "\u{301}", "🌳", "株式会社", "👩‍👩‍👧", ",", ";", ":", "<", ">", "@", "(", ")", "Subject: x",
        "Bcc: evil@example.com", "Greenleaf Landscaping", String(repeating: "x", count: 120),
        String(repeating: "é", count: 90), String(repeating: "\u{301}", count: 60),
    ]

    /// Typed text of 0–2,000 characters made of ``pieces``: mostly a few pieces, as names and subjects are, one time
    /// in four up to 2,000 characters.
    static let text = Gen.frequency((3, text(pieces: 0...6)), (1, text(pieces: 0...120)))

    static func text(pieces count: ClosedRange<Int>) -> Generator<String, some SendableSequenceType> {
        Gen<String?>.element(of: pieces).array(of: count).map { String($0.compactMap { $0 }.joined().prefix(2_000)) }
    }

    /// A plain address with a random local part.
    static let address = Gen.letterOrNumber.string(of: 1...64).map { "\($0)@greenleaf-landscaping.example" }

    static let mailbox = zip(address, text.optional).map { EmailMessage.Mailbox(address: $0, name: $1) }

    /// A message with 0–80 recipients, maybe its own sender and a reply-to address.
    static let message = zip(mailbox.array(of: 0...80), text, mailbox.optional, mailbox.optional).map { to, subject, from, replyTo in
        EmailMessage(from: from, to: to, replyTo: replyTo, subject: subject, textBody: "Hello", htmlBody: "<p>Hello</p>")
    }

    @Test("M4: whatever the names, subject and recipients, every line has at most 998 octets and ends in CRLF, and nothing typed starts a header")
    func linesAndFields() async {
        await propertyCheck(count: 150, input: Self.message) { message in
            let text = MIMEMessage(message, defaultFrom: StrictEmailCheck.sender, date: Date()).text
            #expect(StrictEmailCheck.badLines(text) == [])
            let expected = ["Date", "From"] + (message.to.isEmpty ? [] : ["To"]) + (message.replyTo == nil ? [] : ["Reply-To"])
                + ["Subject", "Message-ID", "MIME-Version", "Content-Type"]
            #expect(StrictEmailCheck.fieldNames(text) == expected)
            let head = text.components(separatedBy: "\r\n\r\n")[0]
            #expect(head.unicodeScalars.allSatisfy { $0.isASCII })
        }
    }

    @Test("M4: Python's strict email parser reads 300 random messages with no defect, and the same subject, names and addresses")
    func strictParser() async throws {
        var messages: [EmailMessage] = []
        await propertyCheck(count: 300, input: Self.message) { messages.append($0) }
        let problems = try await StrictEmailCheck.problems(messages)
        #expect(problems == nil)
    }
}
