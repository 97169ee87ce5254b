import Foundation
import PortalKernel
import PortalTestSupport
import Testing

@testable import PortalHTTP

/// SPEC M4: what goes in an email's headers is limited where it is typed, and what an account's templates render
/// still makes a valid message.
@Suite("M4 email header limits")
struct EmailHeaderLimitTests {
    static let longName = String(repeating: "Greenleaf Landscaping & Tree Care ", count: 33).prefix(1_115).trimmingCharacters(in: .whitespaces)
    static let links = PortalLinks(publicBaseURL: "https://portal.example.com")

    @Test("M4: a {{lead.description}} subject of 4,500 characters becomes one line of 250, and 60 recipients still make a valid message")
    func longTemplateSubject() async throws {
        let composer = try TemplateEmailComposer(publicBaseURL: "https://portal.example.com")
        var account = Account(name: "Greenleaf", portalKey: "greenleaf", branding: Branding(displayName: "Greenleaf"), createdAt: Date())
        account.emailTemplates = [EmailTemplate(kind: .leadNotification, subject: "{{lead.description}}", text: "{{lead.name}}", html: "<p>x</p>")]
        let description = String(repeating: "Please trim the hedges along the drive.\nAnd mulch the beds. ", count: 76).prefix(4_500)
        let lead = Lead(
            accountID: account.id, jobID: .random(), portalLead: true, name: "Jordan Rivers", email: "jordan@example.net",
            serviceAddress: "9 Birch Rd", description: String(description), submittedAt: Date())
        let recipients = (1...60).map { EmailMessage.Mailbox(address: "office-\($0)@greenleaf.example") }
        let message = try composer.compose(.leadNotification(account: account, lead: lead, leadURL: "https://x.example/l", photoURLs: []), to: recipients)
        #expect(message.subject.count == EmailLimits.subjectCharacters && message.subject.hasSuffix("…"))
        #expect(message.subject.hasPrefix("Please trim the hedges along the drive. And mulch the beds. Please"))
        #expect(!message.subject.contains("\n"))
        let preview = composer.preview(account.emailTemplates[0], for: .leadNotification(account: account, lead: lead, leadURL: "https://x.example/l", photoURLs: []))
        #expect(preview.subject == message.subject)
        #expect(StrictEmailCheck.badLines(MIMEMessage(message, defaultFrom: StrictEmailCheck.sender, date: Date()).text) == [])
        #expect(try await StrictEmailCheck.problems([message]) == nil)
    }

    @Test("M4: an account saved with a 1,115-character name and a customer with 8 named addresses still get valid emails")
    func longNameAndManyAddresses() async throws {
        let composer = try TemplateEmailComposer(publicBaseURL: "https://portal.example.com")
        let account = Account(name: Self.longName, portalKey: "greenleaf", branding: Branding(displayName: Self.longName), createdAt: Date())
        let customer = Customer(
            accountID: account.id, displayName: "Harborview Condominium Association — Board", emails: (1...8).map { "board-\($0)@harborview.example" })
        let message = try composer.compose(
            .portalInvitation(account: account, customer: customer),
            to: customer.emails.map { EmailMessage.Mailbox(address: $0, name: customer.displayName) })
        #expect(message.subject.count == EmailLimits.subjectCharacters)
        #expect(StrictEmailCheck.badLines(MIMEMessage(message, defaultFrom: StrictEmailCheck.sender, date: Date()).text) == [])
        #expect(try await StrictEmailCheck.problems([message]) == nil)
    }

    @Test("M4: a portal lead with a 4,500-character description, a {{lead.description}} subject and 60 notification addresses saved before the limit is written as valid .eml files")
    func leadThroughTheLogMailer() async throws {
        let bed = try await PortalTestbed()
        var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        account.settings.leadNotificationEmails = (1...60).map { "office-\($0)@greenleaf.example" }
        account.emailTemplates = [
            EmailTemplate(kind: .leadNotification, subject: "{{lead.description}}", text: "{{lead.description}}", html: "<p>{{lead.description}}</p>")
        ]
        try await bed.services.storage.accounts.update(account)
        let description = String(repeating: "Please trim the hedges along the drive.\r\nAnd mulch the beds. ", count: 75).prefix(4_500)
        try await bed.run { client in
            var browser = Browser(client)
            let fields = ServiceRequestTests.filled.map { $0.0 == "description" ? ($0.0, String(description)) : $0 }
            _ = try await browser.get("/portal/greenleaf?leadform=true")
            #expect(try await browser.post("/portal/greenleaf/request-service", fields).status == .seeOther)
            let lead = try #require(try await bed.services.storage.leads.all(in: Seed.accountA).first)
            let queued = try await bed.services.storage.outbox.all(about: .lead(lead.id), in: Seed.accountA).compactMap(\.email)
            try await bed.deliverMail()
            let written = try queued.map { message in
                (try #require(try bed.mail.to(message.to[0].address).first).raw, message)
            }
            #expect(written.count == 2 && queued.contains { $0.to.count == 60 && $0.subject.count == EmailLimits.subjectCharacters })
            #expect(written.allSatisfy { StrictEmailCheck.badLines($0.0) == [] })
            #expect(try await StrictEmailCheck.problems(written: written, sender: .init(address: "portal@portal.test")) == nil)
        }
        await bed.remove()
    }

    @Test("M4: the settings form refuses a 1,115-character company name and 21 lead-notification addresses, keeping what was typed")
    func settingsForm() async throws {
        let bed = try await PortalTestbed()
        let addresses = (1...21).map { "office-\($0)@greenleaf.example" }.joined(separator: ", ")
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            let bad = try await browser.post("/admin/settings", [("displayName", Self.longName), ("leadNotificationEmails", addresses)])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Keep the name to 200 characters (this one has 1115)"))
            #expect(bad.body.contains("Enter up to 20 addresses (there are 21)"))
            #expect(bad.body.contains("value=\"\(Self.longName.replacingOccurrences(of: "&", with: "&amp;"))\""))
            #expect(bad.body.contains("value=\"\(addresses)\""))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.name == "Greenleaf Lawn & Tree")
        }
        await bed.remove()
    }

    @Test("M4: the API refuses 21 lead-notification addresses and a customer with 11 email addresses (422)")
    func apiLimits() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let many = (1...21).map { "office-\($0)@greenleaf.example" }
            let settings = try await api.call(.patch, "/api/v1/settings", ["leadNotificationEmails": many])
            #expect(settings.status == .unprocessableContent)
            #expect(try await api.call(.patch, "/api/v1/settings", ["leadNotificationEmails": Array(many.prefix(20))]).status == .ok)
            let customer = try await api.call(.post, "/api/v1/customers", ["displayName": "Harborview", "emails": (1...11).map { "b\($0)@harborview.example" }])
            #expect(customer.status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/customers", ["displayName": "Harborview", "emails": (1...10).map { "b\($0)@harborview.example" }]).status == .created)
        }
        await bed.remove()
    }
}
