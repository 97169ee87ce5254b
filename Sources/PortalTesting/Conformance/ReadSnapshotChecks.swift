import Foundation
import PortalKernel
import Testing

/// `storage.read`: a group of reads sees one moment and writes nothing; inside it, the store's own reads see that
/// moment too; groups end and give their connection back (#19).
extension StorageConformance {
    static let readSnapshotChecks: [Check] = [
        (
            "Reads in one storage.read, and the store's own reads inside it, see one moment: what is written meanwhile shows only to the next read",
            { try await $0.readsSeeOneMoment() }
        ),
        ("A write inside storage.read is refused and nothing is written", { try await $0.writesInsideReadAreRefused() }),
        ("Groups that fail, and many at once, each end and give their connection back", { try await $0.readGroupsEnd() }),
    ]

    func readsSeeOneMoment() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        let seen = try await store.read { group in
            let before = try await group.customers.all(in: a).map(\.id)
            // Written and committed from outside the group, while it is open.
            try await store.customers.insert(fixture.customer("later", in: a, emails: ["later@example.com"]))
            try await store.jobs.insert(fixture.job("job", customer: customer.id, in: a))
            let after = try await group.customers.all(in: a).map(\.id)
            let job = try await group.jobs.find("job", in: a)
            // The store's own reads, from inside the group, see the group's moment too.
            let throughStore = try await store.customers.all(in: a).map(\.id)
            let nested = try await store.read { try await $0.jobs.find("job", in: a) }
            return (before, after, job, throughStore, nested)
        }
        #expect(seen.0 == [customer.id])
        #expect(seen.1 == [customer.id])
        #expect(seen.2 == nil)
        #expect(seen.3 == [customer.id])
        #expect(seen.4 == nil)
        #expect(try await store.read { try await $0.customers.all(in: a) }.count == 2)
        try await fixture.tearDown()
    }

    func writesInsideReadAreRefused() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        await #expect(throws: StorageError.self) {
            try await store.read { group in try await group.jobs.insert(fixture.job("job", customer: customer.id, in: a)) }
        }
        await #expect(throws: StorageError.self) {
            try await store.read { group in try await group.customers.insert(fixture.customer("c2", in: a, emails: ["c2@example.com"])) }
        }
        #expect(try await store.jobs.find("job", in: a) == nil)
        #expect(try await store.customers.all(in: a).map(\.id) == [customer.id])
        try await fixture.tearDown()
    }

    func readGroupsEnd() async throws {
        struct Failed: Error {}
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        _ = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        // More failed groups than any pool holds connections.
        for _ in 0..<40 {
            await #expect(throws: Failed.self) {
                try await store.read { group in
                    _ = try await group.customers.all(in: a)
                    throw Failed()
                }
            }
        }
        // Many groups at once, each also reading on the store itself from inside: none waits for ever.
        let counts = try await withThrowingTaskGroup(of: Int.self) { tasks in
            for _ in 0..<40 {
                tasks.addTask {
                    try await store.read { group in
                        let inGroup = try await group.customers.all(in: a).count
                        let outside = try await store.customers.all(in: a).count
                        return inGroup + outside
                    }
                }
            }
            return try await tasks.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 2, count: 40))
        try await fixture.tearDown()
    }
}
