import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// F5, F6: one request makes one lead however often it is sent (a double press, presses before the first answer, the
/// back button and Send again, which fills the form in again), on every storage, and a repeat spends no limit.
@Suite("F5 the request-service form sent twice")
struct LeadFormTwiceTests {
    static func leads(_ bed: PortalTestbed) async throws -> [Lead] {
        try await bed.services.storage.leads.all(in: Seed.accountA).filter { $0.name == "Jordan Rivers" }
    }

    /// The filled form with `description`.
    static func filled(_ description: String) -> [(String, String)] {
        ServiceRequestTests.filled.map { $0.0 == "description" ? ("description", description) : $0 }
    }

    @Test("F5: one request sent five times at once, then again from the back button, makes one lead and one email, and spends one of the address's limit", arguments: TestStorage.all)
    func sentTwice(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        try await bed.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf?leadform=true")
            let sender = visitor
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 1...5 {
                    group.addTask {
                        var tab = sender
                        return try await tab.post("/portal/greenleaf/request-service", ServiceRequestTests.filled).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .seeOther, count: 5))
            // The back button draws the form again; the browser fills it in as it was.
            _ = try await visitor.get("/portal/greenleaf/request-service")
            let again = try await visitor.post("/portal/greenleaf/request-service", ServiceRequestTests.filled)
            #expect(again.location?.hasSuffix("/request-service?done=sent") == true)
            #expect(try await Self.leads(bed).count == 1)
            try await bed.deliverMail()
            #expect(try bed.mail.to("jordan@example.net").count == 1)

            // Other requests naming the address: two more within its limit of three (the repeats spent nothing).
            for (index, description) in ["The hedge too", "And the gutters"].enumerated() {
                let other = try await visitor.post("/portal/greenleaf/request-service", Self.filled(description))
                #expect(other.status == .seeOther, "request \(index + 2)")
            }
            #expect(try await Self.leads(bed).count == 3)
            #expect(try await visitor.post("/portal/greenleaf/request-service", Self.filled("A fourth")).status == .tooManyRequests)
        }
        await bed.remove()
    }

    @Test("F5: a refused request sent again corrected, twice, makes one lead; a logged-in client's repeat too; the same words from another client are theirs")
    func refusedThenCorrected() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf?leadform=true")
            let missingAddress = ServiceRequestTests.filled.filter { $0.0 != "serviceAddress" }
            #expect(try await visitor.post("/portal/greenleaf/request-service", missingAddress).status == .unprocessableContent)
            #expect(try await Self.leads(bed).isEmpty)
            for _ in 1...2 {
                #expect(try await visitor.post("/portal/greenleaf/request-service", ServiceRequestTests.filled).status == .seeOther)
            }
            #expect(try await Self.leads(bed).count == 1)

            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let before = try await bed.services.storage.leads.all(in: Seed.accountA).count
            for _ in 1...2 {
                _ = try await cece.get("/portal/greenleaf/request-service")
                #expect(try await cece.post("/portal/greenleaf/request-service", ServiceRequestTests.filled).status == .seeOther)
            }
            let after = try await bed.services.storage.leads.all(in: Seed.accountA)
            #expect(after.count == before + 1, "the client's own request, once, beside the anonymous one")
        }
        await bed.remove()
    }
}
