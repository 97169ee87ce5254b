import Foundation
import PortalKernel
import PortalTestSupport
import Testing

/// SPEC M4: the cases of issue #16 that gave lines of 1,145 to 4,508 octets, which mail servers refuse.
@Suite("M4 long headers")
struct MIMELongHeaderTests {
    static let companyName = String(repeating: "Greenleaf Landscaping & Tree Care ", count: 33).prefix(1_115).trimmingCharacters(in: .whitespaces)

    /// The message rendered, checked line by line and by Python's strict parser.
    func expectValid(_ message: EmailMessage) async throws {
        let text = MIMEMessage(message, defaultFrom: StrictEmailCheck.sender, date: Date()).text
        #expect(StrictEmailCheck.badLines(text) == [])
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        for line in head.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        let problems = try await StrictEmailCheck.problems([message])
        #expect(problems == nil)
    }

    @Test("M4: a 1,115-character company name in the subject and as the sender's name")
    func longCompanyName() async throws {
        #expect(Self.companyName.count > 1_100)
        try await expectValid(
            EmailMessage(
                from: .init(address: "portal@greenleaf.example", name: Self.companyName), to: [.init(address: "cece@example.com", name: "Cece")],
                subject: "Your login link for \(Self.companyName)", textBody: "x"))
    }

    @Test("M4: 60 lead-notification addresses go one a line")
    func sixtyRecipients() async throws {
        let to = (1...60).map { EmailMessage.Mailbox(address: "office-manager-\($0)@greenleaf-landscaping.example") }
        let message = EmailMessage(to: to, subject: "New portal lead: Cece Cunningham", textBody: "x")
        try await expectValid(message)
        let text = MIMEMessage(message, defaultFrom: StrictEmailCheck.sender, date: Date()).text
        #expect(text.contains("To: office-manager-1@greenleaf-landscaping.example,\r\n office-manager-2@greenleaf-landscaping.example,\r\n"))
    }

    @Test("M4: a customer with 8 named addresses, the name quoted on each line")
    func eightNamedAddresses() async throws {
        let name = "Harborview Condominium Association"
        let to = (1...8).map { EmailMessage.Mailbox(address: "board-member-\($0)@harborview.example", name: name) }
        try await expectValid(EmailMessage(to: to, subject: "Invoice 1042 from Greenleaf", textBody: "x"))
        let text = MIMEMessage(EmailMessage(to: to, subject: "s", textBody: "x"), defaultFrom: StrictEmailCheck.sender, date: Date()).text
        #expect(text.contains("\r\n \"\(name)\" <board-member-8@harborview.example>\r\n"))
    }

    @Test("M4: a 4,508-character subject (a {{lead.description}} template) is folded into encoded words")
    func longSubject() async throws {
        let description = String(repeating: "Please trim the hedges along the drive and mulch the beds. ", count: 77).prefix(4_500)
        try await expectValid(EmailMessage(to: [.init(address: "office@greenleaf.example")], subject: "Lead: " + description, textBody: "x"))
        try await expectValid(EmailMessage(to: [.init(address: "office@greenleaf.example")], subject: "Lead: é " + description, textBody: "x"))
    }

    @Test("M4: a line break typed in a name or a subject becomes a space and never starts a header")
    func noInjection() async throws {
        let message = EmailMessage(
            to: [.init(address: "cece@example.com", name: "Cece\r\nBcc: evil@example.com")], replyTo: .init(address: "office@greenleaf.example", name: "Office\n"),
            subject: "Hello\r\nBcc: evil@example.com\n\nbody", textBody: "x")
        let text = MIMEMessage(message, defaultFrom: StrictEmailCheck.sender, date: Date()).text
        #expect(!StrictEmailCheck.fieldNames(text).contains("Bcc"))
        #expect(text.contains("Subject: Hello  Bcc: evil@example.com  body\r\n"))
        #expect(text.contains("To: \"Cece  Bcc: evil@example.com\" <cece@example.com>\r\n"))
        try await expectValid(message)
    }

    @Test("M4: a rendered subject becomes one line, cut to 250 characters ending in an ellipsis")
    func subjectLine() {
        #expect(EmailLimits.subjectLine("  Invoice 1042\r\n  from Greenleaf \n\n") == "Invoice 1042 from Greenleaf")
        let long = EmailLimits.subjectLine(String(repeating: "mulch ", count: 100))
        #expect(long.count == 250 && long.hasSuffix(" mul…") && !long.contains("\n"))
        #expect(EmailLimits.subjectLine(String(repeating: "é", count: 250)) == String(repeating: "é", count: 250))
    }
}
