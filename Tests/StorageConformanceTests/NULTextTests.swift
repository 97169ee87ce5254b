import Foundation
import PortalKernel
import Testing

/// #19 review: the kernel and the JSON store compare text "as the SQL databases do", byte for byte. A NUL
/// character is where they part: SQLite (GRDB binds text up to its first NUL) keeps `N\0 1` as `N`, PostgreSQL
/// refuses it, the JSON store keeps it whole. A dump with such a value (the HTTP layer refuses NUL; `portal import`
/// does not) must answer alike everywhere: refused.
@Suite("#19 review: NUL in stored text")
struct NULTextTests {
    @Test("Text with a NUL character is refused alike on every backend, not cut short or kept whole", arguments: StorageBackend.all)
    func nul(backend: StorageBackend) async throws {
        let fixture = try await StorageFixture(backend)
        let store = fixture.storage
        let customer = try await fixture.seedAccountA()
        let a = StorageFixture.accountA
        var outcomes: [String] = []
        for number in ["N\u{0}1", "N\u{0}2", "N"] {
            var invoice = fixture.invoice(number, customer: customer.id, in: a)
            invoice.id = Invoice.ID(rawValue: "inv-\(outcomes.count)")
            do {
                try await store.invoices.insert(invoice)
                outcomes.append("kept")
            } catch StorageError.refused {
                outcomes.append("refused")
            } catch {
                outcomes.append("\(error)")
            }
        }
        #expect(outcomes == ["refused", "refused", "kept"], "\(backend.name)")
        #expect(try await store.invoices.find(number: "N", in: a)?.number == "N", "\(backend.name)")
        #expect(try await store.records(Invoice.self).all(in: a, where: [.equal("number", .text("N"))]).map(\.number) == ["N"], "\(backend.name)")
        try await fixture.tearDown()
    }
}
