import Foundation
import PortalKernel
import Testing

/// The request-service form through `ServiceRequests` on the in-memory store (#19, point 8): a logged-in client's
/// request, and the limits on anyone else's (SPEC M5).
@Suite("ServiceRequests: logged-in requests and the limits on anonymous ones")
struct LeadFormTests {
    /// A request naming `email`, numbered `round` (the same words sent again are one request: SPEC F5).
    static func request(email: String, round: Int = 0) -> ServiceRequest {
        ServiceRequest(
            name: "Cece Cunningham", email: email, phone: "", serviceAddress: "12 Oak St", servicesWanted: ["Tree care"],
            description: "Please look at the maple \(round)", preferredDate: "")
    }

    static func origin(_ host: Int) -> RequestOrigin { RequestOrigin(ipAddress: "198.51.100.\(host)", userAgent: "tests") }

    @Test("F5, F6: a logged-in client's request is a lead on their customer, recorded as theirs and confirmed to them by name")
    func loggedIn() async throws {
        let bed = try await UseCaseBed()
        let requests = ServiceRequests(services: bed.services, emails: KindComposer(), policy: bed.policy)
        guard case .submitted(let lead) = try await requests.submit(
            Self.request(email: "Cece@Example.com"), account: bed.account, customer: bed.customer, origin: bed.origin)
        else {
            Issue.record("not submitted")
            return
        }
        #expect(lead.portalLead && lead.servicesWanted == ["Tree care"])
        let job = try await bed.services.storage.jobs.find(lead.jobID, in: bed.account.id)
        #expect(job?.customerID == bed.customer.id && job?.createdStage == .lead && job?.title == "Tree care")
        let events = try await bed.services.storage.auditEvents.all(about: .lead(lead.id), in: bed.account.id)
        #expect(events.map(\.action) == [.leadSubmitted] && events.first?.customerID == bed.customer.id)
        let confirmation = try await bed.queuedEmails().first { $0.subject == "leadConfirmation" }
        #expect(confirmation?.to == [EmailMessage.Mailbox(address: "cece@example.com", name: "Cece Cunningham")])
    }

    @Test("F5, M5: anonymous requests naming one email are limited, get no name in To, and never block the client who owns it")
    func limits() async throws {
        let bed = try await UseCaseBed()
        let requests = ServiceRequests(services: bed.services, emails: KindComposer(), policy: bed.policy)
        for host in 1...bed.policy.leadFormsPerEmail {
            guard case .submitted = try await requests.submit(Self.request(email: "cece@example.com", round: host), account: bed.account, customer: nil, origin: Self.origin(host))
            else {
                Issue.record("request \(host) was refused")
                return
            }
        }
        #expect(try await requests.submit(Self.request(email: "cece@example.com", round: 99), account: bed.account, customer: nil, origin: Self.origin(99)) == .rateLimited)
        let confirmations = try await bed.queuedEmails().filter { $0.subject == "leadConfirmation" }
        #expect(confirmations.count == bed.policy.leadFormsPerEmail)
        #expect(confirmations.allSatisfy { $0.to == [EmailMessage.Mailbox(address: "cece@example.com")] })

        guard case .submitted = try await requests.submit(Self.request(email: "cece@example.com"), account: bed.account, customer: bed.customer, origin: Self.origin(99))
        else {
            Issue.record("the owner of the address was blocked by strangers")
            return
        }
        #expect(try await bed.services.storage.leads.all(in: bed.account.id).count == bed.policy.leadFormsPerEmail + 1)
    }
}
