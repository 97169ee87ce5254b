import Foundation
import PortalKernel
import Testing

/// Staff's side of customers through `CustomerManagement` on the in-memory store (#19, point 8): a customer is saved with
/// normalised emails or not at all, and the portal invitation goes to every contact email.
@Suite("CustomerManagement: staff create customers and invite them to the portal")
struct CustomerManagementTests {
    static func create(_ bed: UseCaseBed, name: String = "Dana Oakes", emails: [String]) async throws -> Customer {
        try await CustomerManagement(services: bed.services, emails: KindComposer()).create(
            displayName: name, emails: emails, phone: "555-0100", billingAddress: nil,
            serviceAddresses: [Address(line1: "4 Elm St", city: "Springfield", region: "IL", postalCode: "62701")], in: bed.account.id, by: nil)
    }

    @Test("A new customer is saved with a trimmed name and trimmed, lower-cased emails, and is found by any of them")
    func create() async throws {
        let bed = try await UseCaseBed()
        let customer = try await Self.create(bed, name: "  Dana Oakes ", emails: [" Dana@Example.COM ", "office@OAKES.example"])
        #expect(customer.displayName == "Dana Oakes")
        #expect(customer.emails == ["dana@example.com", "office@oakes.example"])
        let saved = try await bed.services.storage.customers.find(customer.id, in: bed.account.id)
        #expect(saved == customer)
        #expect(try await bed.services.storage.customers.find(email: "office@oakes.example", in: bed.account.id).map(\.id) == [customer.id])
    }

    @Test("A refused customer saves nothing: no name, a name over 200 characters, no email, too many emails, one bad email")
    func refusals() async throws {
        let bed = try await UseCaseBed()
        let cases: [(name: String, emails: [String], field: String, problem: String)] = [
            ("   ", ["dana@example.com"], "displayName", "Give the customer a name (up to 200 characters)."),
            (String(repeating: "n", count: 201), ["dana@example.com"], "displayName", "Give the customer a name (up to 200 characters)."),
            ("Dana Oakes", [], "emails", "Give the customer at least one email address."),
            ("Dana Oakes", (1...11).map { "dana\($0)@example.com" }, "emails", "Give the customer up to 10 email addresses (there are 11)."),
            ("Dana Oakes", ["dana@example.com", " Not An Address "], "emails", "\"not an address\" is not an email address."),
        ]
        for refused in cases {
            await #expect(throws: UseCaseError.invalid(refused.problem, field: refused.field)) { try await Self.create(bed, name: refused.name, emails: refused.emails) }
        }
        #expect(try await bed.services.storage.customers.all(in: bed.account.id).map(\.id) == [bed.customer.id])
        #expect(try await Self.create(bed, name: String(repeating: "n", count: 200), emails: (1...10).map { "dana\($0)@example.com" }).emails.count == 10)
    }

    @Test("M4: the same email typed twice in other case or spacing is kept once and mailed once; the limit counts what was given")
    func duplicateEmails() async throws {
        let bed = try await UseCaseBed()
        #expect(try await Self.create(bed, emails: [" Dana@Example.com", "dana@example.com"]).emails == ["dana@example.com"])
        // Up to ten as given, repeats included (the API's contract says `maxItems: 10`); kept once each.
        let nine = (1...9).map { "dana\($0)@example.com" }
        #expect(try await Self.create(bed, emails: nine + ["DANA1@example.com"]).emails == nine)
        await #expect(throws: UseCaseError.self) { try await Self.create(bed, emails: nine + ["x@example.com", "DANA1@example.com"]) }
        // A record stored with a repeat before this check is mailed once per address.
        var stored = Customer(accountID: bed.account.id, displayName: "Old", emails: [])
        stored.emails = ["old@example.com", "old@example.com"]
        try await bed.services.storage.customers.insert(stored)
        try await CustomerManagement(services: bed.services, emails: KindComposer()).invite(stored.id, in: bed.account, by: nil)
        let queued = try await bed.services.storage.outbox.all(about: .customer(stored.id), in: bed.account.id)
        #expect(queued.first?.email?.to.map(\.address) == ["old@example.com"])
    }

    @Test("The portal invitation is queued to every contact email of the customer, and only for a customer of the account")
    func invite() async throws {
        let bed = try await UseCaseBed()
        let desk = CustomerManagement(services: bed.services, emails: KindComposer())
        let customer = try await Self.create(bed, emails: ["dana@example.com", "office@oakes.example"])
        try await desk.invite(customer.id, in: bed.account, by: nil)
        let queued = try await bed.services.storage.outbox.all(about: .customer(customer.id), in: bed.account.id)
        #expect(queued.compactMap(\.email).map(\.subject) == ["portalInvitation"])
        #expect(queued.first?.email?.to.map(\.address) == ["dana@example.com", "office@oakes.example"])

        await #expect(throws: UseCaseError.notFound("No such customer.")) { try await desk.invite("someone-elses", in: bed.account, by: nil) }
        let silent = Customer(accountID: bed.account.id, displayName: "No Email", emails: [])
        try await bed.services.storage.customers.insert(silent)
        await #expect(throws: UseCaseError.invalid("The customer has no email address.")) { try await desk.invite(silent.id, in: bed.account, by: nil) }
        #expect(try await bed.queuedEmails().count == 1)
    }
}
