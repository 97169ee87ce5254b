import Foundation
import PortalKernel
import Testing

@testable import PortalApp

/// The benchmark must keep working; its speed is printed by `portal bench`, never asserted here.
@Suite("Storage benchmark")
struct BenchmarkTests {
    @Test("Runs every operation on every bundled backend, and the operations really happen", arguments: ["sqlite", "json"])
    func runsOnEveryBackend(driver: String) async throws {
        let fixture = try AppFixture()
        let settings = DictionarySettings(path: "storage", [
            "path": fixture.folder.appendingPathComponent("bench.sqlite").path,
            "folder": fixture.folder.appendingPathComponent("bench-json").path,
        ])
        let storage = try await AppFixture.registry.storage.make(
            driver, settings: settings, context: PluginContext(logger: .init(label: "test"), clock: SystemClock()))
        try await storage.migrate()
        let result = try await StorageBenchmark(storage: storage, invoices: 60, repetitions: 7).run()
        #expect(result.driver == driver)
        #expect(result.figures.map(\.operation) == ["portal home", "lead insert", "invoice payment"])
        #expect(result.figures.allSatisfy { $0.operationsPerSecond > 0 })
        let dump = try await storage.exportDump()
        #expect(dump.invoices.count == 60 && dump.customers.count == 6)
        #expect(dump.leads.count == 7)
        #expect(dump.payments.count == 7)
        #expect(dump.invoices.reduce(0) { $0 + $1.amountPaid.cents } == BenchmarkData.dump(invoices: 60, now: Date()).invoices.reduce(0) { $0 + $1.amountPaid.cents } + 7)
        #expect(BenchCommand.rows(result).split(separator: "\n").count == 3)
        try await storage.close()
        fixture.remove()
    }
}
