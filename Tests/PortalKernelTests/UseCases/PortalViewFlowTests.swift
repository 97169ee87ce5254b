import Foundation
import PortalKernel
import Testing

/// What a logged-in client sees through `CustomerPortal` on the in-memory store (#19, point 8).
@Suite("CustomerPortal: what one client sees")
struct PortalViewFlowTests {
    @Test("F4: the portal lists the client's sent proposals and open invoices, never a draft, a voided invoice or another customer's")
    func view() async throws {
        let bed = try await UseCaseBed()
        let portal = CustomerPortal(services: bed.services)
        let proposal = try await bed.sentProposal()
        let invoice = try await bed.openInvoice()
        var draft = proposal
        draft.id = .random()
        draft.status = .draft
        try await bed.services.storage.proposals.insert(draft)
        var voided = invoice
        voided.id = .random()
        voided.number = "INV-2"
        voided.voided = true
        try await bed.services.storage.invoices.insert(voided)
        let neighbour = Customer(accountID: bed.account.id, displayName: "Birch Homes", emails: ["birch@example.net"])
        try await bed.services.storage.customers.insert(neighbour)
        var theirs = invoice
        theirs.id = .random()
        theirs.number = "INV-3"
        theirs.customerID = neighbour.id
        try await bed.services.storage.invoices.insert(theirs)

        let view = try await portal.view(of: bed.customer.id, account: bed.account)
        #expect(view.proposals.map(\.id) == [proposal.id])
        #expect(view.invoices.map(\.id) == [invoice.id])
        #expect(try await portal.view(of: neighbour.id, account: bed.account).invoices.map(\.id) == [theirs.id])

        #expect(try await portal.invoice(invoice.id, of: bed.customer.id, account: bed.account)?.id == invoice.id)
        #expect(try await portal.invoice(theirs.id, of: bed.customer.id, account: bed.account) == nil)
        #expect(try await portal.invoice(voided.id, of: bed.customer.id, account: bed.account) == nil)
        #expect(try await portal.proposal(proposal.id, of: neighbour.id, account: bed.account) == nil)
        #expect(try await portal.proposal(draft.id, of: bed.customer.id, account: bed.account) == nil)
    }

    @Test("F4, F10: a receipt is the client's own; opening an invoice is recorded for the back office")
    func receiptAndViewed() async throws {
        let bed = try await UseCaseBed()
        let portal = CustomerPortal(services: bed.services)
        let invoice = try await bed.openInvoice()
        let (payment, _) = try await Billing(services: bed.services, emails: KindComposer()).recordPayment(
            on: invoice.id, amount: Money(cents: 30_000), method: .check, idempotencyKey: nil, in: bed.account, by: nil)
        #expect(try await portal.receipt(payment.id, of: bed.customer.id, account: bed.account)?.0.id == payment.id)
        #expect(try await portal.receipt(payment.id, of: "someone-elses", account: bed.account) == nil)

        try await portal.recordView(
            .invoiceViewed, of: .invoice(invoice.id), account: bed.account, customer: bed.customer.id, email: "cece@example.com", origin: bed.origin)
        let events = try await bed.services.storage.auditEvents.all(about: .invoice(invoice.id), in: bed.account.id)
        #expect(events.map(\.action).contains(.invoiceViewed))
        #expect(events.first { $0.action == .invoiceViewed }?.actorEmail == "cece@example.com")
    }
}
