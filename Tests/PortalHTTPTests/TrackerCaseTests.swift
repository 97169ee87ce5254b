import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import SandboxPayments
import Testing

@testable import PortalHTTP

/// Faults other invoicing products were reported for (Docs/Decisions.md lists the reports), tried on ours.
@Suite("Cases from other products' trackers")
struct TrackerCaseTests {
    typealias I = Seed.CeceInvoice

    @Test("M2: 138.66 at 19 % tax is 165.01 in the API and the portal, and paying 165.01 leaves exactly nothing (Invoice Ninja #10936)")
    func oneRoundingEverywhere() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let created = try await api.call(.post, "/api/v1/invoices", [
                "customerId": Seed.cece.rawValue, "taxRateBasisPoints": 1_900,
                "lines": [["description": "Pruning", "quantity": 1, "unitPrice": 13_866]],
            ])
            #expect(created.status == .created)
            #expect(created["total"] as? Int == 16_501)
            let id = try #require(created["id"] as? String)
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            #expect(try await browser.get("/portal/greenleaf/invoices/\(id)").body.contains("$165.01"))
            let paid = try await api.call(
                .post, "/api/v1/invoices/\(id)/payments", ["amount": 16_501, "method": "bank"],
                headers: [HTTPField.Name("Idempotency-Key")!: "bank-16501"])
            #expect(paid.status == .created)
            let invoice = try #require(try await bed.services.storage.invoices.find(Invoice.ID(rawValue: id), in: Seed.accountA))
            #expect(try invoice.balance == .zero && invoice.isPaid)
        }
        await bed.remove()
    }

    @Test("Negative prices and quantities are refused, not divided or flipped (Crater #185, #1250)")
    func negativeLines() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            for line in [["description": "Credit", "quantity": 1, "unitPrice": -100], ["description": "Credit", "quantity": -1, "unitPrice": 100]] {
                let answer = try await api.call(.post, "/api/v1/invoices", ["customerId": Seed.cece.rawValue, "lines": [line]])
                #expect(answer.status == .unprocessableContent || answer.status == .badRequest, "\(line)")
            }
        }
        await bed.remove()
    }

    @Test("M3: a paid invoice takes no second payment from a new key, and a voided one none at all (Dolibarr #7721, Kill Bill #515)")
    func paidAndVoided() async throws {
        let bed = try await PortalTestbed()
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            func pay(_ id: Invoice.ID, key: String) async throws -> APIClient.Answer {
                try await api.call(
                    .post, "/api/v1/invoices/\(id)/payments", ["amount": 20_000, "method": "cash"],
                    headers: [HTTPField.Name("Idempotency-Key")!: key])
            }
            #expect(try await pay(I.unpaid, key: "first").status == .created)
            #expect(try await pay(I.unpaid, key: "second").status == .unprocessableContent)
            // The card form of a paid invoice charges nothing either.
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            #expect(try await browser.get("/portal/greenleaf/invoices/\(I.unpaid)/pay").status == .seeOther)
            #expect(bed.gateway.charges.isEmpty)

            #expect(try await pay(I.voided, key: "voided").status == .conflict)
            #expect(try await bed.services.storage.payments.all(for: I.voided, in: Seed.accountA).isEmpty)
        }
        await bed.remove()
    }

    @Test("The service fee on a small amount is charged and recorded to the cent (Invoice Ninja #5717, #1973)")
    func feeShownIsFeeCharged() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let paid = try await browser.pay(
                "/portal/greenleaf/invoices/\(I.unpaid)/pay", amount: "1.00", cardNumber: SandboxPayments.TestCard.approved)
            #expect(paid.status == .seeOther)
            let payment = try #require(try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA).first)
            #expect(payment.serviceFee == Money(cents: 3))
            #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 103)])
        }
        await bed.remove()
    }

    @Test("Marking paid after payments that settled it adds nothing (Akaunting #128, #749)")
    func markPaidAfterSettled() async throws {
        let bed = try await PortalTestbed()
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let desk = Billing(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        _ = try await desk.recordPayment(on: I.unpaid, amount: Money(cents: 14_000), method: .cash, idempotencyKey: nil, in: account, by: nil)
        _ = try await desk.recordPayment(on: I.unpaid, amount: Money(cents: 6_000), method: .check, idempotencyKey: nil, in: account, by: nil)
        let invoice = try await desk.markPaid(I.unpaid, method: .cash, in: account, by: nil)
        #expect(invoice.amountPaid == Money(cents: 20_000))
        #expect(try await bed.services.storage.payments.all(for: I.unpaid, in: Seed.accountA).count == 2)
        await bed.remove()
    }
}
