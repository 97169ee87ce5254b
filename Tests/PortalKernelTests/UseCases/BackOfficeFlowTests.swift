import Foundation
import PortalKernel
import Testing

/// The back office's flows through the kernel's use cases alone, on the in-memory store (#19, point 8).
@Suite("Back-office flows through the kernel's use cases")
struct BackOfficeFlowTests {
    /// A portal lead from an anonymous visitor.
    static func portalLead(_ bed: UseCaseBed) async throws -> Lead {
        let requests = ServiceRequests(services: bed.services, emails: KindComposer(), policy: bed.policy)
        let request = ServiceRequest(
            name: "Jordan Rivers", email: "jordan@example.net", phone: "555-0142", serviceAddress: "9 Birch Rd, Springfield, IL 62704",
            servicesWanted: [], description: "A dead ash over the drive", preferredDate: "")
        guard case .submitted(let lead) = try await requests.submit(request, account: bed.account, customer: nil, origin: bed.origin) else {
            throw Unexpected(what: "the lead was not saved")
        }
        return lead
    }

    struct Unexpected: Error {
        let what: String
    }

    @Test("F7: a lead is attached to an existing customer of the account only")
    func attachLead() async throws {
        let bed = try await UseCaseBed()
        let desk = LeadConversion(services: bed.services)
        let lead = try await Self.portalLead(bed)
        #expect(try await desk.attach(lead, to: "someone-elses", in: bed.account.id, by: nil) == false)
        #expect(try await bed.services.storage.jobs.find(lead.jobID, in: bed.account.id)?.customerID == nil)
        #expect(try await desk.attach(lead, to: bed.customer.id, in: bed.account.id, by: .staff("staff-1")))
        #expect(try await bed.services.storage.jobs.find(lead.jobID, in: bed.account.id)?.customerID == bed.customer.id)
    }

    @Test("F7, #20: a lead changed in one go (a new customer, the job's stage, title and date) is saved whole, or not at all")
    func leadChangedInOneGo() async throws {
        // The store fails the job's update, after the new customer was written in the same transaction.
        let failing = try await UseCaseBed(storage: { FailingStorage($0) })
        let lead = try await Self.portalLead(failing)
        let riley = try CustomerManagement.newCustomer(
            displayName: "Riley Stone", emails: ["riley@example.net"], phone: nil, billingAddress: nil, serviceAddresses: [],
            in: failing.account.id)
        let change = Job.Change(stage: .proposal, title: "Ash removal", workDate: CalendarDate(iso: "2026-12-05"))
        await #expect(throws: FailingStorage.Failure()) {
            try await LeadConversion(services: failing.services).apply(customer: .new(riley), job: change, to: lead, in: failing.account.id, by: nil)
        }
        #expect(try await failing.services.storage.customers.find(riley.id, in: failing.account.id) == nil, "the customer was not kept")
        #expect(try await failing.services.storage.jobs.find(lead.jobID, in: failing.account.id)?.customerID == nil)

        // The same change on a store that works is saved whole; a refused part (a blank title, another account's
        // customer) saves none of it.
        let bed = try await UseCaseBed()
        let desk = LeadConversion(services: bed.services)
        let other = try await Self.portalLead(bed)
        await #expect(throws: UseCaseError.invalid("Enter a job title (up to 200 characters).", field: "title")) {
            try await desk.apply(customer: .new(riley), job: Job.Change(title: "   "), to: other, in: bed.account.id, by: .apiToken("token-1"))
        }
        await #expect(throws: UseCaseError.notFound("No such customer.")) {
            try await desk.apply(customer: .existing("someone-elses"), job: change, to: other, in: bed.account.id, by: .apiToken("token-1"))
        }
        #expect(try await bed.services.storage.customers.all(in: bed.account.id).map(\.id) == [bed.customer.id])
        #expect(try await bed.services.storage.jobs.find(other.jobID, in: bed.account.id)?.stage == .lead)
        let job = try await desk.apply(customer: .new(riley), job: Job.Change(stage: .proposal, title: "  Ash removal "), to: other, in: bed.account.id, by: .apiToken("token-1"))
        #expect(job.customerID == riley.id && job.stage == .proposal && job.title == "Ash removal")
        #expect(try await bed.services.storage.jobs.find(other.jobID, in: bed.account.id) == job)
        #expect(try await bed.services.storage.customers.find(riley.id, in: bed.account.id) == riley)
        let events = try await bed.services.storage.auditEvents.recent(in: bed.account.id, limit: 10)
        #expect(Set(events.map(\.action)).isSuperset(of: [.customerCreated, .leadConverted, .jobChanged]))
        #expect(events.filter { [.customerCreated, .leadConverted, .jobChanged].contains($0.action) }.allSatisfy { $0.actor == .apiToken("token-1") })
        #expect(try await failing.services.storage.auditEvents.recent(in: failing.account.id, limit: 10).allSatisfy { $0.action == .leadSubmitted })
    }

    @Test("F7: a new customer made from a lead is saved with the job attached, or not at all when the form is wrong")
    func customerFromLead() async throws {
        let bed = try await UseCaseBed()
        let desk = LeadConversion(services: bed.services)
        let lead = try await Self.portalLead(bed)
        var form = LeadConversion.NewCustomer(from: lead)
        #expect(form.city == "Springfield" && form.region == "IL" && form.postalCode == "62704")
        form.email = "not an address"
        let refusal = try await #require(throws: UseCaseError.self, "a bad email was saved") {
            try await desk.createCustomer(form, for: lead, in: bed.account.id, by: nil)
        }
        #expect(refusal.kind == .invalid && refusal.fields.keys.sorted() == ["email"])
        #expect(try await bed.services.storage.customers.all(in: bed.account.id).count == 1)
        let customer = try await desk.createCustomer(LeadConversion.NewCustomer(from: lead), for: lead, in: bed.account.id, by: nil)
        let job = try await bed.services.storage.jobs.find(lead.jobID, in: bed.account.id)
        #expect(job?.customerID == customer.id)
        #expect(job?.serviceAddress?.line1 == "9 Birch Rd")
    }

    @Test("F8, F9: a sent proposal gets an expiry and an emailed link; accepting through that link is recorded as emailLink and locks it")
    func sendAndAcceptByLink() async throws {
        let bed = try await UseCaseBed()
        let desk = Quoting(services: bed.services, emails: KindComposer())
        let lead = try await Self.portalLead(bed)
        _ = try await LeadConversion(services: bed.services).attach(lead, to: bed.customer.id, in: bed.account.id, by: nil)
        let draft = try await desk.create(
            for: lead.jobID, title: "Ash removal", lines: [LineInput(description: "Remove the ash", quantity: 1, unitPrice: 90_000)],
            taxRateBasisPoints: 0, deposit: nil, in: bed.account, by: nil)
        let sent = try await desk.send(draft.id, in: bed.account, by: nil)
        #expect(sent.status == .sent)
        #expect(sent.expiresOn == bed.account.today(at: bed.clock.now).adding(days: bed.account.settings.proposalExpiryDays))
        let emails = try await bed.queuedEmails().filter { $0.subject == "proposalSent" }
        #expect(emails.map { $0.to.map(\.address) } == [["cece@example.com"]])

        let form = ProposalAnswers.AcceptanceForm(signatureName: "Cece Cunningham", chosenOptionalItemIDs: [], shownVersionHash: sent.contentHash)
        let outcome = try await ProposalAnswers(services: bed.services, emails: KindComposer()).accept(
            sent.id, account: bed.account, via: .emailLink, form: form, actor: nil, actorEmail: nil, origin: bed.origin)
        guard case .accepted(let accepted) = outcome else {
            Issue.record("not accepted: \(outcome)")
            return
        }
        #expect(accepted.acceptance?.via == .emailLink)
        await #expect(throws: UseCaseError.self) { try await desk.send(sent.id, in: bed.account, by: nil) }
    }
}
