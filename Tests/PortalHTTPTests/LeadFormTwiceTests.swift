import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// F5, F6: one drawing of the request-service form makes one lead, however often it is sent (a double press, two
/// presses before the first answer, the back button and Send again), on every storage.
@Suite("F5 the request-service form sent twice")
struct LeadFormTwiceTests {
    static func leads(_ bed: PortalTestbed) async throws -> [Lead] {
        try await bed.services.storage.leads.all(in: Seed.accountA).filter { $0.name == "Jordan Rivers" }
    }

    /// The filled form naming `email` (each address has its own limit, SPEC M5).
    static func filled(_ email: String) -> [(String, String)] {
        ServiceRequestTests.filled.map { $0.0 == "email" ? ("email", email) : $0 }
    }

    @Test("F5: one drawing of the anonymous form sent three times at once, then again, makes one lead and one email to the visitor", arguments: TestStorage.all)
    func sentTwice(storage: TestStorage) async throws {
        let bed = try await PortalTestbed(storage: storage)
        try await bed.run { client in
            var visitor = Browser(client)
            let form = try await visitor.get("/portal/greenleaf?leadform=true")
            let key = try #require(form.hiddenField("formKey"))
            #expect(key.count >= 22, "128 random bits")
            let fields = ServiceRequestTests.filled + [("formKey", key)]
            let sender = visitor
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 1...3 {
                    group.addTask {
                        var tab = sender
                        return try await tab.post("/portal/greenleaf/request-service", fields).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == [.seeOther, .seeOther, .seeOther])
            // Sent again later it is answered as sent, and spends nothing of the limits (three a window per address).
            let again = try await visitor.post("/portal/greenleaf/request-service", fields)
            #expect(again.location?.hasSuffix("/request-service?done=sent") == true)
            #expect(try await Self.leads(bed).count == 1)
            try await bed.deliverMail()
            #expect(try bed.mail.to("jordan@example.net").count == 1)

            // A new drawing is a new request.
            let next = try await visitor.get("/portal/greenleaf?leadform=true")
            let nextKey = try #require(next.hiddenField("formKey"))
            #expect(nextKey != key)
            _ = try await visitor.post("/portal/greenleaf/request-service", Self.filled("rivers@example.net") + [("formKey", nextKey)])
            #expect(try await Self.leads(bed).count == 2)
        }
        await bed.remove()
    }

    @Test("F5: a refused form keeps its key, so its corrected sending is sent once; a form without a key (an old page) still sends")
    func refusedThenCorrected() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var visitor = Browser(client)
            let form = try await visitor.get("/portal/greenleaf?leadform=true")
            let key = try #require(form.hiddenField("formKey"))
            let missingAddress = ServiceRequestTests.filled.filter { $0.0 != "serviceAddress" } + [("formKey", key)]
            let refused = try await visitor.post("/portal/greenleaf/request-service", missingAddress)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.hiddenField("formKey") == key)
            #expect(try await Self.leads(bed).isEmpty)
            for _ in 1...2 {
                #expect(try await visitor.post("/portal/greenleaf/request-service", ServiceRequestTests.filled + [("formKey", key)]).status == .seeOther)
            }
            #expect(try await Self.leads(bed).count == 1)

            for index in 1...2 {
                #expect(try await visitor.post("/portal/greenleaf/request-service", Self.filled("j\(index)@example.net")).status == .seeOther)
            }
            #expect(try await Self.leads(bed).count == 3)
            // A key that is not one of ours is as none.
            #expect(try await visitor.post("/portal/greenleaf/request-service", Self.filled("j3@example.net") + [("formKey", "x")]).status == .seeOther)
            #expect(try await Self.leads(bed).count == 4)
        }
        await bed.remove()
    }
}
