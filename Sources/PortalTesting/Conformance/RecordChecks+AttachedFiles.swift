import Foundation
import PortalKernel
import Testing

/// The conformance check of attached files (#25, SPEC F17): the metadata of files; their bytes are a file store's.
extension StorageConformance {
    func attachedFiles() async throws {
        let fixture = try await StorageFixture(self)
        let store = fixture.storage
        let (customer, invoice) = try await fixture.seedInvoiceOfAccountA()
        let a = StorageFixture.accountA
        func file(_ id: String, owner: RecordReference, customer: Customer.ID?, minutes: Double, shared: Bool = false) -> AttachedFile {
            AttachedFile(
                id: .init(rawValue: id), accountID: a, owner: owner, customerID: customer, name: "Leaning oak ☂ \(id).jpg",
                mediaType: "image/jpeg", byteCount: 1_234, content: FileAddress(of: Data(id.utf8)),
                thumbnail: FileAddress(of: Data("thumb \(id)".utf8)), sharedWithClient: shared, source: .staff,
                addedBy: "olive@example.com", addedAt: fixture.now.addingTimeInterval(minutes * 60))
        }
        let late = file("file-late", owner: .invoice(invoice.id), customer: customer.id, minutes: 30, shared: true)
        var early = file("file-early", owner: .invoice(invoice.id), customer: customer.id, minutes: -5)
        early.thumbnail = nil
        early.mediaType = "application/pdf"
        early.removedAt = fixture.now
        let onLead = file("file-lead", owner: .lead("lead-1"), customer: nil, minutes: 1)
        for item in [late, early, onLead] { try await store.records(AttachedFile.self).insert(item) }
        #expect(try await store.records(AttachedFile.self).find("file-early", in: a) == early, "round-trips, a removed one and no thumbnail too")
        #expect(try await store.records(AttachedFile.self).find("file-late", in: StorageFixture.accountB) == nil, "never another account's")
        let ofInvoice = try await store.records(AttachedFile.self).all(
            in: a, where: [.equal("owner", .text(RecordReference.invoice(invoice.id).storageKey))], orderedBy: [.ascending("added_at")])
        #expect(ofInvoice.map(\.id) == ["file-early", "file-late"], "found by what they are attached to, oldest first")
        #expect(
            try await store.records(AttachedFile.self).all(in: a, where: [.equal("owner", .text(RecordReference.lead("lead-1").storageKey))])
                == [onLead])
        #expect(try await store.records(AttachedFile.self).all(in: StorageFixture.accountB).isEmpty)
        var orphan = late
        orphan.id = "file-orphan"
        orphan.customerID = "no-such-customer"
        await #expect(throws: StorageError.self, "a file shared with a customer needs the customer") {
            try await store.records(AttachedFile.self).insert(orphan)
        }
        try await fixture.tearDown()
    }
}
