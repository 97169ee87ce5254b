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

    @Test("#25: the document benchmark draws real PDFs, more pages for more lines, and prints a row a size")
    func documents() async throws {
        let renderer = try await AppFixture.registry.documentRenderers.make(
            "cairo", settings: DictionarySettings(path: "documents", [:]), context: PluginContext(logger: .init(label: "test"), clock: SystemClock()))
        let figures = try await DocumentBenchmark(renderer: renderer, repetitions: 2).run(sizes: [1, 120])
        #expect(figures.map(\.lines) == [1, 120])
        #expect(figures[0].pages == 1 && figures[1].pages > 1, "\(figures.map(\.pages))")
        #expect(figures.allSatisfy { $0.bytes > 1_000 && $0.median > .zero && $0.slowest >= $0.median })
        #expect(DocumentBenchCommand.table(figures).split(separator: "\n").count == 4)
    }
}
