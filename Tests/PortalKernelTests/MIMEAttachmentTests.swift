import Foundation
import PortalKernel
import PortalTestSupport
import Testing

/// #25, SPEC F16, M4: a PDF attached to an invoice's or a proposal's email.
@Suite("MIME attachments")
struct MIMEAttachmentTests {
    /// Bytes of every value, so base64's padding and line breaks are all exercised.
    static let bytes = Data((0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })

    @Test("M4, F16: a message with a PDF is multipart/mixed, its body first; Python's strict parser reads the file back byte for byte under its name, with or without an HTML body")
    func readsBack() async throws {
        for html in [nil, "<p>Your invoice</p>"] as [String?] {
            for size in [0, 1, 2, 3, 57, 76, 2_000] {
                let message = EmailMessage(
                    to: [.init(address: "cece@example.com", name: "Cécile 大塚")], subject: "Invoice INV-1001 from Greenleaf", textBody: "Your invoice is attached.",
                    htmlBody: html,
                    attachments: [EmailAttachment(fileName: "Invoice INV-1001", fileExtension: "pdf", mediaType: "application/pdf", content: Self.bytes.prefix(size))])
                let text = MIMEMessage(message, defaultFrom: StrictEmailCheck.sender, date: Date()).text
                #expect(text.contains("Content-Type: multipart/mixed;\r\n boundary="))
                #expect(StrictEmailCheck.badLines(text) == [])
                for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
                let problems = try await StrictEmailCheck.problems([message])
                #expect(problems == nil, "html \(html != nil), \(size) bytes")
            }
        }
    }

    @Test("F16: an attachment's name is plain ASCII of at most 60 characters before its extension, whatever the title")
    func safeNames() async throws {
        #expect(EmailAttachment.safeFileName("Invoice INV-1001", fileExtension: "pdf") == "Invoice INV-1001.pdf")
        #expect(EmailAttachment.safeFileName("Proposal: \"Oak\" trim; 大塚\r\nBcc: x@y", fileExtension: "pdf") == "Proposal_ _Oak_ trim_ ___Bcc_ x_y.pdf")
        #expect(EmailAttachment.safeFileName(String(repeating: "é", count: 1_000), fileExtension: "pdf") == String(repeating: "_", count: 60) + ".pdf")
        #expect(EmailAttachment.safeFileName(" . ", fileExtension: "pdf") == "file.pdf")
        #expect(EmailAttachment.safeFileName("plan.pdf", fileExtension: "pdf") == "plan.pdf")
        let long = EmailMessage(
            to: [.init(address: "cece@example.com")], subject: "Proposal", textBody: "x",
            attachments: [EmailAttachment(fileName: "Proposal " + String(repeating: "Hedge trimming and ", count: 20), fileExtension: "pdf", mediaType: "application/pdf", content: Self.bytes)])
        let problems = try await StrictEmailCheck.problems([long])
        #expect(problems == nil)
    }

    @Test("F16: an email queued before attachments existed reads with none")
    func storedBefore() throws {
        let stored = #"{"to":[{"address":"cece@example.com"}],"subject":"Hi","textBody":"x"}"#
        let message = try JSONDecoder().decode(EmailMessage.self, from: Data(stored.utf8))
        #expect(message.attachments.isEmpty && message.subject == "Hi")
        let again = try JSONDecoder().decode(EmailMessage.self, from: try JSONEncoder().encode(
            EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: "t",
                         attachments: [EmailAttachment(fileName: "a", fileExtension: "pdf", mediaType: "application/pdf", content: Self.bytes)])))
        #expect(again.attachments.first?.content == Self.bytes && again.attachments.first?.fileName == "a.pdf")
    }
}
