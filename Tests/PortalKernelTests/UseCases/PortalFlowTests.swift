import Foundation
import PortalKernel
import Testing

/// The portal's flows through the kernel's use cases alone, on the in-memory store (#19, point 8). The HTTP tests
/// drive the same flows through pages; these pin what the kernel itself promises.
@Suite("Portal flows through the kernel's use cases")
struct PortalFlowTests {
    @Test("F2: a login link is queued for a customer's email only, and the answer is the same either way")
    func loginLinkRequest() async throws {
        let bed = try await UseCaseBed()
        let links = LoginLinks(services: bed.services, emails: KindComposer(), policy: bed.policy)
        #expect(try await links.request(email: "Cece@Example.com ", account: bed.account, origin: bed.origin) == .accepted)
        #expect(try await links.request(email: "nobody@example.net", account: bed.account, origin: bed.origin) == .accepted)
        let queued = try await bed.queuedEmails()
        #expect(queued.map(\.subject) == ["loginLink"])
        #expect(queued.first?.to.map(\.address) == ["cece@example.com"])
    }

    @Test("F3: a login link is stored as a hash, reading its state leaves it usable, and it starts one session once")
    func loginLinkRedeem() async throws {
        let bed = try await UseCaseBed()
        let links = LoginLinks(services: bed.services, emails: KindComposer(), policy: bed.policy)
        _ = try await links.request(email: "cece@example.com", account: bed.account, origin: bed.origin)
        let token = try #require(Self.loginToken(in: try await bed.queuedEmails().first?.textBody))
        #expect(try await bed.services.storage.loginTokens.find(hash: token, in: bed.account.id) == nil, "only the hash is stored")

        for _ in 0..<3 { #expect(try await links.state(of: token, account: bed.account) == .usable) }
        let started = try #require(try await links.redeem(token: token, account: bed.account, origin: bed.origin))
        #expect(started.session.accountID == bed.account.id)
        #expect(try await links.redeem(token: token, account: bed.account, origin: bed.origin)?.session.id == nil)
        #expect(try await links.state(of: token, account: bed.account) == .unusable)

        // Expired: twenty minutes is the default lifetime.
        bed.clock.advance(by: 61)
        _ = try await links.request(email: "cece@example.com", account: bed.account, origin: bed.origin)
        let second = try #require(Self.loginToken(in: try await bed.queuedEmails().last?.textBody))
        bed.clock.advance(by: bed.policy.loginLinkLifetime + 1)
        #expect(try await links.redeem(token: second, account: bed.account, origin: bed.origin)?.session.id == nil)
    }

    @Test("F6: a service request becomes a portal lead and the office is emailed; a refused form saves nothing")
    func serviceRequest() async throws {
        let bed = try await UseCaseBed()
        let requests = ServiceRequests(services: bed.services, emails: KindComposer(), policy: bed.policy)
        let filled = ServiceRequest(
            name: "Jordan Rivers", email: "jordan@example.net", phone: "555-0142", serviceAddress: "9 Birch Rd",
            servicesWanted: [], description: "A dead ash over the drive", preferredDate: "")
        guard case .submitted(let lead) = try await requests.submit(filled, account: bed.account, customer: nil, origin: bed.origin) else {
            Issue.record("not submitted")
            return
        }
        #expect(lead.portalLead)
        #expect(try await bed.services.storage.leads.all(in: bed.account.id).map(\.id) == [lead.id])
        let queued = try await bed.queuedEmails()
        #expect(queued.first { $0.subject == "leadNotification" }?.to.map(\.address) == ["office@greenleaf.example"])

        var empty = filled
        empty.name = ""
        guard case .invalid(let problems) = try await requests.submit(empty, account: bed.account, customer: nil, origin: bed.origin) else {
            Issue.record("an empty name was accepted")
            return
        }
        #expect(problems[.name] != nil)
        #expect(try await bed.services.storage.leads.all(in: bed.account.id).count == 1)
    }

    @Test("F9: accepting moves the job to active; a second acceptance records nothing; a changed version is refused")
    func acceptOnce() async throws {
        let bed = try await UseCaseBed()
        let answers = ProposalAnswers(services: bed.services, emails: KindComposer())
        let proposal = try await bed.sentProposal()
        let stale = ProposalAnswers.AcceptanceForm(signatureName: "Cece Cunningham", chosenOptionalItemIDs: [], shownVersionHash: "old")
        guard case .changedSinceShown = try await answers.accept(
            proposal.id, account: bed.account, via: .portal, form: stale, actor: bed.customer.id, actorEmail: "cece@example.com",
            origin: bed.origin)
        else {
            Issue.record("a changed version was accepted")
            return
        }
        let form = ProposalAnswers.AcceptanceForm(
            signatureName: "Cece Cunningham", chosenOptionalItemIDs: [], shownVersionHash: proposal.contentHash)
        let first = try await answers.accept(
            proposal.id, account: bed.account, via: .portal, form: form, actor: bed.customer.id, actorEmail: "cece@example.com", origin: bed.origin)
        guard case .accepted(let accepted) = first else {
            Issue.record("not accepted: \(first)")
            return
        }
        #expect(accepted.acceptance?.via == .portal)
        #expect(try await bed.services.storage.jobs.find(accepted.jobID, in: bed.account.id)?.stage == .active)
        let second = try await answers.accept(
            proposal.id, account: bed.account, via: .emailLink, form: form, actor: nil, actorEmail: nil, origin: bed.origin)
        guard case .alreadyAccepted(let unchanged) = second else {
            Issue.record("accepted twice: \(second)")
            return
        }
        #expect(unchanged.acceptance?.via == .portal)
    }

    @Test("F10: a card payment records the payment and the new balance and queues a receipt; the same key never charges twice")
    func payOnce() async throws {
        let bed = try await UseCaseBed()
        let payments = InvoicePayments(services: bed.services, emails: KindComposer())
        let invoice = try await bed.openInvoice()
        func pay(_ cents: Int, key: String) async throws -> InvoicePayments.Outcome {
            try await payments.pay(
                invoice.id, of: bed.customer, account: bed.account, amount: Money(cents: cents), card: UseCaseBed.approvedCard,
                idempotencyKey: key, actorEmail: "cece@example.com", origin: bed.origin)
        }
        let first = try await pay(30_000, key: "kernel-test-key-0001")
        guard case .paid(let payment) = first else {
            Issue.record("not paid: \(first)")
            return
        }
        let again = try await pay(30_000, key: "kernel-test-key-0001")
        guard case .paid(let repeated) = again else {
            Issue.record("a retry was not answered with the first payment: \(again)")
            return
        }
        #expect(repeated.id == payment.id)
        #expect(try await bed.services.storage.payments.all(for: invoice.id, in: bed.account.id).count == 1)
        #expect(try await bed.services.storage.invoices.find(invoice.id, in: bed.account.id)?.balance == .zero)
        #expect(try await bed.queuedEmails().map(\.subject) == ["paymentReceipt"])
        let another = try await pay(100, key: "kernel-test-key-0002")
        #expect(another == .nothingOwed)
    }

    /// The token of the login link in an email's text (`…/auth/<token>`).
    static func loginToken(in text: String?) -> String? {
        guard let text, let start = text.range(of: "/auth/") else { return nil }
        return String(text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    }
}
