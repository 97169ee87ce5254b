import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import PortalTesting
import SandboxPayments
import Testing

@testable import PortalHTTP

/// What a newcomer's attack on the hardening found (session 5's review), each now refused or held.
@Suite("Cases a newcomer's attack found")
struct BreakerCaseTests {
    typealias I = Seed.CeceInvoice

    @Test("M2: a comment cannot hide a closing tag from the nesting count, so deep sections stay refused")
    func commentHidesClosingTag() async throws {
        let hidden = String(repeating: "{{#a}}{{!{{/a}}", count: 100) + String(repeating: "{{/a}}", count: 100)
        #expect(TemplateLimits.problem(with: hidden)?.contains("deeper") == true)
        #expect(TemplateLimits.problem(with: "{{#a}}{{! a note }}{{{b}}}{{/a}}") == nil)
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            _ = try await browser.get("/admin/templates/loginLink")
            let refused = try await browser.post("/admin/templates/loginLink", [
                ("subject", "Your link"), ("text", hidden + "{{link}}"), ("html", "<p>{{link}}</p>"), ("intent", "preview"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
        await bed.remove()
    }

    @Test("M3: a key whose charge was reversed can never record a payment again, whatever amount is typed next", arguments: TestStorage.all)
    func reversedKeyIsSpent(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        let payer = try await PaymentRaceTests.InterleavedPayer(bed) { desk, account in
            // Staff record part of the balance while the card is charged in full.
            _ = try? await desk.recordPayment(on: I.unpaid, amount: Money(cents: 5_000), method: .check, idempotencyKey: "check-1", in: account, by: nil)
        }
        let key = SecretToken.generate().value
        func pay(_ cents: Int) async throws -> InvoicePayments.Outcome { try await payer.pay(cents, key) }
        guard case .startAgain = try await pay(20_000) else { Issue.record("the first attempt should be reversed"); return }
        guard case .startAgain = try await pay(5_000) else { Issue.record("the spent key should not pay"); return }
        #expect(bed.gateway.keptCharges.isEmpty)
        #expect(try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA).map(\.method) == [.check])
        #expect(try await bed.services.storage.invoices.find(I.unpaid, in: Seed.accountA)?.amountPaid == Money(cents: 5_000))
        await bed.remove()
    }

    @Test("M3: the sandbox, like real gateways, declines a key tried again with another amount")
    func sandboxKeyAmount() async throws {
        let sandbox = SandboxPayments(clock: ManualClock(PortalTestbed.now))
        let card = CardDetails(number: SandboxPayments.TestCard.approved, expiryMonth: 12, expiryYear: 2030, securityCode: "123", nameOnCard: "Cece")
        func charge(_ cents: Int) async throws -> ChargeResult {
            try await sandbox.charge(ChargeRequest(amount: Money(cents: cents), currencyCode: "USD", card: card, idempotencyKey: "k", description: "x"))
        }
        let first = try await charge(1_000)
        #expect(try await charge(1_000) == first)
        guard case .declined = try await charge(500) else { Issue.record("another amount must be declined"); return }
        #expect(sandbox.charges.count == 1)
    }

    @Test("M4: the lead form and the API refuse an address that is not ASCII")
    func nonASCIIAddresses() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf?leadform=true")
            let fields = ServiceRequestTests.filled.map { $0.0 == "email" ? ("email", "ü@exämple.com") : $0 }
            let lead = try await browser.post("/portal/greenleaf/request-service", fields)
            #expect(lead.status == .unprocessableContent)
            #expect(lead.body.contains("value=\"ü@exämple.com\""))
            let api = APIClient(client: client, token: token)
            let customer = try await api.call(.post, "/api/v1/customers", ["displayName": "Ü", "emails": ["ü@exämple.com"]])
            #expect(customer.status == .unprocessableContent || customer.status == .badRequest)
        }
        await bed.remove()
    }

    @Test("M1: back-office quantities are read whole (1,000 is a thousand) or refused with the form kept")
    func quantities() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            _ = try await browser.get("/admin/customers/\(Seed.cece)")
            func create(quantity: String) async throws -> Browser.Page {
                try await browser.post("/admin/customers/\(Seed.cece)/invoices", [
                    ("title", ""), ("taxPercent", "0"), ("lines[r1][description]", "Mulch (bags)"), ("lines[r1][quantity]", quantity),
                    ("lines[r1][unitPrice]", "1.00"),
                ])
            }
            let thousand = try await create(quantity: "1,000")
            #expect(thousand.status == .seeOther)
            let id = try #require(thousand.location?.split(separator: "/").last.map(String.init))
            #expect(try await bed.services.storage.invoices.find(Invoice.ID(rawValue: id), in: Seed.accountA)?.lineItems.first?.quantity == 1_000)
            for refused in ["1/2", "1,5", "1E2"] {
                let page = try await create(quantity: refused)
                #expect(page.status == .unprocessableContent, "\(refused)")
                #expect(page.body.contains("value=\"\(refused)\""), "\(refused)")
            }
        }
        await bed.remove()
    }

    @Test("M1: only the account's own currency code or symbol goes with a typed amount")
    func foreignSymbols() throws {
        let kwd = try #require(Currency(code: "KWD"))
        let usd = try #require(Currency(code: "USD"))
        for foreign in ["$5", "€5", "£5", "¥5", "US$5"] {
            #expect(throws: AmountEntryError.self, "\(foreign)") { try AmountEntry.parse(foreign, in: kwd) }
        }
        #expect(try AmountEntry.parse("KWD 5", in: kwd) == Money(cents: 5_000))
        #expect(try AmountEntry.parse("$5", in: usd) == Money(cents: 500))
        #expect(try AmountEntry.parse("5 usd", in: usd) == Money(cents: 500))
    }

    @Test("M2/M4: a template that renders more than a megabyte goes out with the bundled wording of that part")
    func hugeRendering() throws {
        let composer = try TemplateEmailComposer(publicBaseURL: PortalTestbed.base)
        let name = String(repeating: "N", count: 200)
        let account = Account(id: "a", name: name, portalKey: "k", branding: Branding(displayName: name), createdAt: PortalTestbed.now)
        let template = EmailTemplate(
            kind: .loginLink, subject: "Link", text: String(repeating: "{{account.name}}", count: 6_000) + " {{link}}", html: "<p>{{link}}</p>")
        let message = composer.preview(template, for: .loginLink(account: account, link: "https://portal.test/x", validMinutes: 20))
        #expect(message.textBody.utf8.count < TemplateEmailComposer.maximumBodyBytes)
        #expect(message.textBody.contains("https://portal.test/x"))
    }
}
