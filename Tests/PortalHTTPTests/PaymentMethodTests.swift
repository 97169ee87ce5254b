import Foundation
import PortalKernel
import SandboxPayments
import Testing

@testable import PortalHTTP

/// SPEC F11 (#24 point 2) through the portal: "Save this card" on the pay page, paying with a card on file in one
/// confirmation, and the payment methods page, on a phone's forms without JavaScript.
@Suite("Portal: saved payment methods")
struct PaymentMethodTests {
    static let portal = "/portal/\(Seed.keyA)"
    static func payPath(_ invoice: Invoice.ID) -> String { "\(portal)/invoices/\(invoice)/pay" }

    /// The pay form's hidden fields as the page holds them, with `fields` added.
    static func payFields(_ page: Browser.Page, _ fields: [(String, String)]) -> [(String, String)] {
        [
            ("idempotencyKey", page.hiddenField("idempotencyKey") ?? ""), ("amount", page.hiddenField("amount") ?? ""),
            ("confirmedAmount", page.hiddenField("confirmedAmount") ?? ""), ("confirmedCharge", page.hiddenField("confirmedCharge") ?? ""),
        ] + fields
    }

    @Test("F11: a client pays with Save ticked; the card is listed on the payment methods page as the default; the next invoice is paid with it in one confirmation, nothing typed")
    func saveThenPayWithSaved() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let form = try await cece.get(Self.payPath(Seed.CeceInvoice.unpaid))
            #expect(form.body.contains("Save this card to pay with one tap next time") && !form.body.contains("name=\"paymentMethod\""))
            let paid = try await cece.post(
                Self.payPath(Seed.CeceInvoice.unpaid),
                Self.payFields(form, [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"), ("saveCard", "yes")]))
            #expect(paid.status == .seeOther && paid.location?.contains("/receipts/") == true)

            let methods = try await cece.get("\(Self.portal)/payment-methods")
            #expect(methods.status == .ok && methods.body.contains("Visa ending 4242, expires 12/2030") && methods.body.contains(">Default<"))
            #expect(!methods.body.contains("4242424242424242"))
            #expect(try await cece.get(Self.portal).body.contains("\(Self.portal)/payment-methods"))

            // A second open invoice: the card on file is chosen already; one press pays it.
            let invoice = try await Self.openInvoice(bed, cents: 4_200)
            let second = try await cece.get(Self.payPath(invoice))
            let method = try #require(second.body.firstMatch(of: /name="paymentMethod" value="([^"]+)" checked/).map { String($0.1) })
            let oneTap = try await cece.post(Self.payPath(invoice), Self.payFields(second, [("paymentMethod", method)]))
            #expect(oneTap.status == .seeOther)
            let receipt = try await cece.get(try #require(oneTap.location))
            #expect(receipt.body.contains("Visa ending 4242") && receipt.body.contains("$42.00"))
            #expect(bed.gateway.charges.count == 2)
        }
        await bed.remove()
    }

    @Test("F11: Make default and Remove on the payment methods page; another customer's card is the portal's 404 for both, and cannot pay; a removed card charges nothing")
    func manage() async throws {
        let bed = try await PortalTestbed()
        let methods = SavedPaymentMethods(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let cece = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
        let who = SavedPaymentMethods.Client(customer: cece, email: "cece@example.com", origin: RequestOrigin(ipAddress: nil, userAgent: nil))
        func save(_ number: String) async throws -> PaymentMethod {
            let card = CardDetails(number: number, expiryMonth: 11, expiryYear: 31, securityCode: "123", nameOnCard: "Cece")
            guard case .done(let method) = try await methods.save(card, account: account, by: who) else { throw PortalTestbed.Missing(what: "a saved card") }
            return method
        }
        let (visa, mastercard) = (try await save("4242424242424242"), try await save("5555555555554444"))
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            _ = try await browser.get("\(Self.portal)/payment-methods")
            let made = try await browser.post("\(Self.portal)/payment-methods/\(mastercard.id)/default")
            #expect(made.status == .seeOther && made.location == "\(Self.portal)/payment-methods?done=default")
            let page = try await browser.get(made.location!)
            #expect(page.body.contains("That card is now your default.") && page.body.contains("Mastercard ending 4444, expires 11/2031</span> <span class=\"tag accepted\">Default"))
            #expect(try await browser.post("\(Self.portal)/payment-methods/\(mastercard.id)/remove").status == .seeOther)
            #expect(try await methods.onFile(for: Seed.cece, in: Seed.accountA).map(\.id) == [visa.id])

            var bob = Browser(client)
            try await bed.logIn("bob@example.com", browser: &bob)
            _ = try await bob.get("\(Self.portal)/payment-methods")
            #expect(!(try await bob.get("\(Self.portal)/payment-methods").body.contains("4242")))
            #expect(try await bob.post("\(Self.portal)/payment-methods/\(visa.id)/remove").status == .notFound)
            #expect(try await bob.post("\(Self.portal)/payment-methods/\(visa.id)/default").status == .notFound)
            let form = try await bob.get(Self.payPath(Seed.bobInvoice))
            let refused = try await bob.post(Self.payPath(Seed.bobInvoice), Self.payFields(form, [("paymentMethod", visa.id.rawValue)]))
            #expect(refused.status == .unprocessableContent && refused.body.contains("That card is not on file any more"))
            // Removed: Cece cannot pay with the Mastercard any more.
            let ceceForm = try await browser.get(Self.payPath(Seed.CeceInvoice.unpaid))
            #expect(!ceceForm.body.contains(mastercard.id.rawValue))
            let gone = try await browser.post(Self.payPath(Seed.CeceInvoice.unpaid), Self.payFields(ceceForm, [("paymentMethod", mastercard.id.rawValue)]))
            #expect(gone.status == .unprocessableContent)
            #expect(bed.gateway.charges.isEmpty)
        }
        await bed.remove()
    }

    /// A new open invoice of Cece's for `cents`.
    static func openInvoice(_ bed: PortalTestbed, cents: Int) async throws -> Invoice.ID {
        let invoice = Invoice(
            accountID: Seed.accountA, customerID: Seed.cece, number: "MARK-CECE-INV-\(cents)", invoiceDate: CalendarDate(iso: "2026-11-20")!,
            sentAt: bed.clock.now, lineItems: [LineItem(description: "Edging", unitPrice: Money(cents: cents))], createdAt: bed.clock.now)
        try await bed.services.storage.invoices.insert(invoice)
        return invoice.id
    }

    @Test("F11: a saved card chosen while a number is typed is refused beside the choice (which card was meant is not guessed); a month 13 expiry is refused beside the field; nothing is charged")
    func ambiguousInput() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let form = try await cece.get(Self.payPath(Seed.CeceInvoice.unpaid))
            let month13 = try await cece.post(
                Self.payPath(Seed.CeceInvoice.unpaid),
                Self.payFields(form, [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "13/30"), ("securityCode", "123"), ("saveCard", "yes")]))
            #expect(month13.status == .unprocessableContent && month13.body.contains("Enter the expiry as MM/YY"))
            let small = try await Self.openInvoice(bed, cents: 1_000)
            let smallForm = try await cece.get(Self.payPath(small))
            _ = try await cece.post(
                Self.payPath(small),
                Self.payFields(smallForm, [("nameOnCard", "Cece"), ("cardNumber", "4242 4242 4242 4242"), ("expiry", "12/30"), ("securityCode", "123"), ("saveCard", "yes")]))
            let second = try await cece.get(Self.payPath(Seed.CeceInvoice.unpaid))
            let method = try #require(second.body.firstMatch(of: /name="paymentMethod" value="([^"]+)" checked/).map { String($0.1) })
            let both = try await cece.post(
                Self.payPath(Seed.CeceInvoice.unpaid),
                Self.payFields(second, [("paymentMethod", method), ("nameOnCard", "Cece"), ("cardNumber", "4000 0000 0000 0002"), ("expiry", "12/30"), ("securityCode", "123")]))
            #expect(both.status == .unprocessableContent && both.body.contains("You chose a saved card and also typed a card number"))
            #expect(both.body.contains("href=\"#paymentMethod\""))
            #expect(bed.gateway.charges.count == 1)
        }
        await bed.remove()
    }

    @Test("F11/F12: removing the default card says which card is now charged; removing the last card says autopay is off")
    func removalNotices() async throws {
        let bed = try await PortalTestbed()
        let methods = SavedPaymentMethods(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let cece = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
        let who = ClientActor(customer: cece, email: "cece@example.com", origin: RequestOrigin(ipAddress: nil, userAgent: nil))
        var saved: [PaymentMethod] = []
        for number in ["4242424242424242", "5555555555554444"] {
            guard case .done(let method) = try await methods.save(
                CardDetails(number: number, expiryMonth: 11, expiryYear: 31, securityCode: "123", nameOnCard: "Cece"), account: account, by: who)
            else { throw PortalTestbed.Missing(what: "a saved card") }
            saved.append(method)
        }
        let autopays = Autopays(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let wording = try #require(try await autopays.wording(for: Seed.cece, account: account))
        _ = try await autopays.turnOn(account: account, by: who, agreedHash: SecretToken.hash(of: wording))
        let (first, last) = (saved[0].id, saved[1].id)
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            _ = try await browser.get(Self.methodsPath)
            let removedDefault = try await browser.post("\(Self.methodsPath)/\(first)/remove")
            #expect(removedDefault.location == "\(Self.methodsPath)?done=removedNewDefault")
            #expect(try await browser.get(removedDefault.location!).body.contains("The card marked Default below is now the one we charge, autopay included."))
            let removedLast = try await browser.post("\(Self.methodsPath)/\(last)/remove")
            #expect(removedLast.location == "\(Self.methodsPath)?done=removedAutopayOff")
            #expect(try await browser.get(removedLast.location!).body.contains("Autopay is off: no card is left to charge."))
        }
        await bed.remove()
    }

    static let methodsPath = "\(portal)/payment-methods"
}
