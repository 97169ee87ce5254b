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

/// #22: reading a page writes nothing most of the time.
@Suite("CustomerPortal: views recorded once per viewer and window")
struct RecordedViewTests {
    @Test("#22: a document opened again by the same viewer within 30 minutes is one view; another viewer, another document or a later visit is a view of its own")
    func oncePerWindow() async throws {
        let bed = try await UseCaseBed()
        let portal = CustomerPortal(services: bed.services)
        let invoice = try await bed.openInvoice()
        let proposal = try await bed.sentProposal()
        func view(_ subject: RecordReference, _ action: AuditEvent.Action = .invoiceViewed, email: String? = "cece@example.com") async throws {
            try await portal.recordView(action, of: subject, account: bed.account, customer: bed.customer.id, email: email, origin: bed.origin)
        }
        func views(_ subject: RecordReference) async throws -> [AuditEvent] {
            try await bed.services.storage.auditEvents.all(about: subject, in: bed.account.id).filter { $0.action == .invoiceViewed || $0.action == .proposalViewed }
        }
        try await view(.invoice(invoice.id))
        try await view(.invoice(invoice.id))
        bed.clock.advance(by: CustomerPortal.viewWindow - 1)
        try await view(.invoice(invoice.id))
        #expect(try await views(.invoice(invoice.id)).count == 1)

        // Another email of the same customer, and the emailed link (no email), are other viewers.
        try await view(.invoice(invoice.id), email: "office@example.com")
        try await view(.invoice(invoice.id), email: nil)
        try await view(.invoice(invoice.id), email: nil)
        #expect(try await views(.invoice(invoice.id)).compactMap(\.actorEmail) == ["cece@example.com", "office@example.com"])
        #expect(try await views(.invoice(invoice.id)).count == 3)

        // Another document is viewed on its own; and once the window has passed since the last recorded view, again.
        try await view(.proposal(proposal.id), .proposalViewed)
        #expect(try await views(.proposal(proposal.id)).count == 1)
        bed.clock.advance(by: 2)
        try await view(.invoice(invoice.id))
        #expect(try await views(.invoice(invoice.id)).count == 4)
    }
}
