import Foundation
import PortalKernel
import Testing

extension StorageConformance {
    static let recordQueryChecks: [Check] = [
        ("#19: a record query is answered as the kernel reads it: filters, order, limit, text as bytes, instants to the millisecond, empty values, one account", { try await $0.answersRecordQueries() }),
        ("#19: the generic repository keeps the catalogue's rules: ids and unique keys, references within the account, updates and finds within it", { try await $0.genericRepositoryRules() }),
    ]

    func answersRecordQueries() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        try await store.accounts.insert(fixture.account(StorageFixture.accountB))
        try await store.customers.insert(fixture.customer("cust-b", in: StorageFixture.accountB, emails: []))
        // Numbers whose order differs between bytes and people: upper before lower case, a precomposed letter and
        // the same letter with a combining mark, another script.
        let numbers = ["A-10", "a-2", "Z-3", "\u{e9}-6", "e\u{301}-5", "日本-4", "B-7"]
        for (index, number) in numbers.enumerated() {
            try await store.records(Invoice.self).insert(fixture.invoice(number, customer: customer.id, in: a, voided: index % 3 == 0))
        }
        try await store.invoices.insert(fixture.invoice("A-10", customer: "cust-b", in: StorageFixture.accountB))
        let invoice = Invoice.ID(rawValue: "\(a)-A-10")
        let instants = [fixture.now, fixture.now.addingTimeInterval(0.0004), fixture.now.addingTimeInterval(0.001), fixture.now.addingTimeInterval(-60)]
        for (index, instant) in instants.enumerated() {
            try await store.payments.insert(
                Payment(
                    id: "pay-\(index)", accountID: a, invoiceID: invoice, amount: Money(cents: 100), method: .cash, source: .staff,
                    idempotencyKey: index.isMultiple(of: 2) ? "key-\(index)" : nil, receivedAt: instant))
        }

        let invoices = store.records(Invoice.self)
        // Stated outright, so a store and the kernel cannot agree on a wrong answer.
        #expect(try await invoices.all(in: a, orderedBy: [.ascending("number")]).map(\.number) == ["A-10", "B-7", "Z-3", "a-2", "e\u{301}-5", "\u{e9}-6", "日本-4"])
        #expect(try await invoices.all(in: a, where: [.below("number", .text("a"))], orderedBy: [.descending("number")], limit: 2).map(\.number) == ["Z-3", "B-7"])
        #expect(try await invoices.all(in: a, where: [.equal("number", .text("e\u{301}-5"))]).map(\.number) == ["e\u{301}-5"])
        let payments = store.records(Payment.self)
        #expect(try await payments.all(in: a, where: [.atLeast("received_at", .instant(fixture.now))]).map(\.id) == ["pay-0", "pay-1", "pay-2"])
        #expect(try await payments.all(in: a, where: [.equal("received_at", .instant(fixture.now))]).map(\.id) == ["pay-0", "pay-1"])
        #expect(try await payments.all(in: a, where: [.equal("idempotency_key", .text(nil))]).map(\.id) == ["pay-1", "pay-3"])

        let dump = try await store.exportDump()
        let invoiceQueries: [RecordQuery<Invoice>] = try [
            RecordQuery(in: a),
            RecordQuery(in: a, where: [.equal("voided", .bool(false))], orderedBy: [.descending("number")]),
            RecordQuery(in: a, where: [.notEqual("number", .text("Z-3")), .atLeast("number", .text("B"))], orderedBy: [.ascending("voided"), .ascending("number")], limit: 3),
            RecordQuery(in: a, where: [.equal("customer_id", .text(customer.id.rawValue)), .equal("job_id", .text(nil))], limit: 0),
            RecordQuery(in: a, where: [.notEqual("job_id", .text(nil))]),
            RecordQuery(in: StorageFixture.accountB, orderedBy: [.ascending("number")]),
            RecordQuery(in: "no-such-account"),
        ]
        for query in invoiceQueries {
            #expect(try await store.recordStore.all(query).map(\.id) == query.select(from: dump.invoices).map(\.id), "\(query.filters) \(query.order)")
        }
        let paymentQueries: [RecordQuery<Payment>] = try [
            RecordQuery(in: a, orderedBy: [.descending("received_at")]),
            RecordQuery(in: a, where: [.below("received_at", .instant(fixture.now.addingTimeInterval(0.001)))], orderedBy: [.ascending("received_at")]),
            RecordQuery(in: a, where: [.notEqual("idempotency_key", .text("key-0")), .equal("invoice_id", .text(invoice.rawValue))]),
        ]
        for query in paymentQueries {
            #expect(try await store.recordStore.all(query).map(\.id) == query.select(from: dump.payments).map(\.id), "\(query.filters) \(query.order)")
        }
        // Inside a transaction a query sees the transaction's own write; inside a read it sees the read's moment.
        let added = try await store.transaction { tx in
            try await tx.records(Invoice.self).insert(fixture.invoice("C-8", customer: customer.id, in: a))
            return try await tx.records(Invoice.self).all(in: a, where: [.equal("number", .text("C-8"))]).count
        }
        #expect(added == 1)
        let seen = try await store.read { view in try await view.records(Invoice.self).all(in: a).count }
        #expect(seen == numbers.count + 1)
        try await fixture.tearDown()
    }

    func genericRepositoryRules() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        let b = StorageFixture.accountB
        try await store.accounts.insert(fixture.account(b))
        try await store.customers.insert(fixture.customer("cust-b", in: b, emails: []))
        let invoices = store.records(Invoice.self)
        let invoice = fixture.invoice("1001", customer: customer.id, in: a)
        try await invoices.insert(invoice)
        #expect(try await invoices.find(invoice.id, in: a) == invoice)
        #expect(try await invoices.find(invoice.id, in: b) == nil, "another account's id finds nothing")

        await #expect(throws: StorageError.self, "an id taken") { try await invoices.insert(invoice) }
        var sameNumber = fixture.invoice("1001", customer: customer.id, in: a)
        sameNumber.id = "another-id"
        await #expect(throws: StorageError.self, "a unique key taken") { try await invoices.insert(sameNumber) }
        // The same number in another account is another key.
        try await invoices.insert(fixture.invoice("1001", customer: "cust-b", in: b))

        let orphan = fixture.invoice("1002", customer: "no-such-customer", in: a)
        await #expect(throws: StorageError.self, "a reference to nothing") { try await invoices.insert(orphan) }
        let crossed = fixture.invoice("1003", customer: "cust-b", in: a)
        await #expect(throws: StorageError.self, "a reference into another account") { try await invoices.insert(crossed) }

        var changed = invoice
        changed.voided = true
        try await invoices.update(changed)
        #expect(try await invoices.find(invoice.id, in: a)?.voided == true)
        var stolen = changed
        stolen.accountID = b
        stolen.customerID = "cust-b"
        await #expect(throws: StorageError.notFound("invoice \(invoice.id)"), "an update cannot move a record into another account") {
            try await invoices.update(stolen)
        }
        let missing = fixture.invoice("1004", customer: customer.id, in: a)
        await #expect(throws: StorageError.notFound("invoice \(missing.id)")) { try await invoices.update(missing) }
        await #expect(throws: StorageError.self, "a write inside a read") {
            try await store.read { view in try await view.records(Invoice.self).insert(missing) }
        }
        #expect(try await invoices.find(missing.id, in: a) == nil, "nothing of the refused writes was kept")
        #expect(try await store.exportDump().invoices.count == 2)
        try await fixture.tearDown()
    }
}
