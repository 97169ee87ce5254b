import Foundation
import PortalKernel
import Testing

/// SPEC F13 through the use cases on the in-memory store: accepting makes the deposit invoice, which the client pays
/// as the deposit or, at their choice, as the whole amount.
@Suite("F13 deposits: the deposit invoice and the client's choice")
struct DepositFlowTests {
    static let hedge = LineItem(description: "Hedge trim", unitPrice: Money(cents: 5_000), isOptional: true)

    /// A sent proposal of 250.00 (and the optional hedge trim) asking for `deposit`, with 10 % tax.
    static func proposal(_ bed: UseCaseBed, deposit: Deposit?) async throws -> Proposal {
        var proposal = try await bed.sentProposal(optional: [hedge])
        proposal.deposit = deposit
        proposal.taxRateBasisPoints = 1_000
        try await bed.services.storage.proposals.update(proposal)
        return proposal
    }

    static func accept(_ proposal: Proposal, _ bed: UseCaseBed, via channel: AcceptanceChannel = .portal, choosing: Set<LineItem.ID> = []) async throws -> Proposal? {
        let form = ProposalAnswers.AcceptanceForm(signatureName: "Cece Cunningham", chosenOptionalItemIDs: choosing, shownVersionHash: proposal.contentHash)
        guard case .accepted(let accepted) = try await ProposalAnswers(services: bed.services, emails: KindComposer()).accept(
            proposal.id, account: bed.account, via: channel, form: form, actor: bed.customer.id, actorEmail: nil, origin: bed.origin)
        else { return nil }
        return accepted
    }

    @Test("F13: accepting in the portal makes a deposit invoice of 30 % of the accepted total (chosen lines and tax in), due today and open at once")
    func depositInvoice() async throws {
        let bed = try await UseCaseBed()
        let proposal = try await Self.proposal(bed, deposit: .percentage(basisPoints: 3_000))
        let accepted = try #require(try await Self.accept(proposal, bed, choosing: [Self.hedge.id]))
        #expect(accepted.acceptance?.versionHash == proposal.contentHash)
        let invoice = try #require(try await ProposalAnswers(services: bed.services, emails: KindComposer()).depositInvoice(of: accepted, in: bed.account.id))
        // (250.00 + 50.00) plus 10 % tax is 330.00; 30 % of it is 99.00.
        #expect(invoice.deposit == InvoiceDeposit(proposalID: proposal.id, amount: Money(cents: 9_900), wholeAmount: Money(cents: 33_000)))
        #expect(try invoice.total == Money(cents: 9_900))
        #expect(invoice.taxRateBasisPoints == 0)
        #expect(invoice.lineItems.map(\.description) == ["Deposit: Spring clean-up (30 % of USD 330.00)"])
        #expect(invoice.number == "INV-1001")
        #expect(invoice.jobID == proposal.jobID)
        #expect(invoice.dueDate == bed.account.today(at: bed.clock.now))
        #expect(invoice.sentAt == bed.clock.now)
        #expect(try await CustomerPortal(services: bed.services).invoice(invoice.id, of: bed.customer.id, account: bed.account) != nil)
        let sent = try await bed.queuedEmails().filter { $0.subject == "invoiceSent" }
        #expect(sent.count == 1 && sent.first?.textBody.contains(invoice.number) == true)
    }

    @Test("F13: staff accepting makes the deposit invoice unsent, for staff to send; no deposit, or one that rounds to nothing, makes none")
    func staffAndNone() async throws {
        let bed = try await UseCaseBed()
        let byStaff = try #require(try await Self.accept(try await Self.proposal(bed, deposit: .fixed(amount: Money(cents: 10_000))), bed, via: .staff))
        let invoice = try #require(try await ProposalAnswers(services: bed.services, emails: KindComposer()).depositInvoice(of: byStaff, in: bed.account.id))
        #expect(invoice.sentAt == nil)
        #expect(try invoice.total == Money(cents: 10_000))
        #expect(try await bed.queuedEmails().filter { $0.subject == "invoiceSent" }.isEmpty)
        let none = try #require(try await Self.accept(try await Self.proposal(bed, deposit: nil), bed))
        #expect(try await ProposalAnswers(services: bed.services, emails: KindComposer()).depositInvoice(of: none, in: bed.account.id) == nil)
        var tiny = try await bed.sentProposal()
        tiny.lineItems = [LineItem(description: "Leaf", unitPrice: Money(cents: 1))]
        tiny.deposit = .percentage(basisPoints: 3_000)
        try await bed.services.storage.proposals.update(tiny)
        let acceptedTiny = try #require(try await Self.accept(tiny, bed))
        #expect(try await ProposalAnswers(services: bed.services, emails: KindComposer()).depositInvoice(of: acceptedTiny, in: bed.account.id) == nil)
    }

    @Test("F13: the client switches the invoice to the whole amount (the proposal's chosen lines and tax) and back while nothing is paid; once paid it stays")
    func wholeAmount() async throws {
        let bed = try await UseCaseBed()
        let proposal = try await Self.proposal(bed, deposit: .percentage(basisPoints: 3_000))
        let accepted = try #require(try await Self.accept(proposal, bed))
        let deposit = try #require(try await ProposalAnswers(services: bed.services, emails: KindComposer()).depositInvoice(of: accepted, in: bed.account.id))
        let deposits = Deposits(services: bed.services)
        guard case .changed(let whole) = try await deposits.choose(paysWhole: true, on: deposit.id, of: bed.customer.id, account: bed.account) else {
            Issue.record("not switched to the whole amount")
            return
        }
        #expect(whole.lineItems.map(\.description) == ["Clean-up"])
        #expect(whole.lineItems.allSatisfy { !$0.isOptional })
        #expect(try whole.total == Money(cents: 27_500))  // 250.00 and 10 % tax; the hedge trim was not chosen
        #expect(whole.deposit?.paysWhole == true)
        guard case .changed(let back) = try await deposits.choose(paysWhole: false, on: deposit.id, of: bed.customer.id, account: bed.account) else {
            Issue.record("not switched back")
            return
        }
        #expect(back.lineItems.map(\.description) == deposit.lineItems.map(\.description))
        #expect(try back.total == Money(cents: 8_250))
        _ = try await deposits.choose(paysWhole: true, on: deposit.id, of: bed.customer.id, account: bed.account)
        let payments = InvoicePayments(services: bed.services, emails: KindComposer())
        guard case .paid = try await payments.pay(
            deposit.id, of: bed.customer, account: bed.account, amount: Money(cents: 27_500), card: UseCaseBed.approvedCard,
            idempotencyKey: "whole-amount-key-1", actorEmail: nil, origin: bed.origin)
        else {
            Issue.record("the whole amount was not paid")
            return
        }
        guard case .paidAlready(let paid) = try await deposits.choose(paysWhole: false, on: deposit.id, of: bed.customer.id, account: bed.account) else {
            Issue.record("a paid invoice changed what it asks for")
            return
        }
        #expect(paid.isPaid)
        #expect(try paid.total == Money(cents: 27_500))
    }

    @Test("F13: another customer's invoice, an invoice that is no deposit, or one being charged right now is not switched")
    func refusals() async throws {
        let bed = try await UseCaseBed()
        let accepted = try #require(try await Self.accept(try await Self.proposal(bed, deposit: .percentage(basisPoints: 5_000)), bed))
        let deposit = try #require(try await ProposalAnswers(services: bed.services, emails: KindComposer()).depositInvoice(of: accepted, in: bed.account.id))
        let deposits = Deposits(services: bed.services)
        #expect(try await deposits.choose(paysWhole: true, on: deposit.id, of: "someone-else", account: bed.account) == .notFound)
        let plain = try await bed.openInvoice(number: "INV-9")
        #expect(try await deposits.choose(paysWhole: true, on: plain.id, of: bed.customer.id, account: bed.account) == .notFound)
        let claim = InvoicePayments.claim(on: deposit.id, in: bed.account.id, counters: bed.services.storage.counters)
        #expect(try await claim.take(at: bed.clock.now, lifetime: 120))
        #expect(try await deposits.choose(paysWhole: true, on: deposit.id, of: bed.customer.id, account: bed.account) == .inProgress)
        let unchanged = try #require(try await bed.services.storage.invoices.find(deposit.id, in: bed.account.id))
        #expect(unchanged == deposit)
    }
}
