import ArgumentParser
import Foundation
import PortalKernel

/// `portal bench`: the storage benchmark. Prints figures; asserts nothing.
struct BenchCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the portal home query, a lead insert and an invoice payment on each storage backend.")

    @Option(help: "Invoice counts to try, comma-separated.")
    var sizes = "1000,10000,100000"

    @Option(help: "Storage drivers to try, comma-separated.")
    var drivers = "sqlite,json"

    @Option(help: "How many times each operation runs.")
    var repetitions = 300

    @Option(help: "A scratch folder for the stores (emptied first, removed afterwards).")
    var folder = "var/bench"

    @Option(help: "For --drivers postgres: a scratch database (postgres://user:password@host/db); each size gets a new schema in it.")
    var postgresURL: String?

    func validate() throws {
        guard repetitions > 0 else { throw ValidationError("--repetitions must be at least 1") }
        if drivers.contains("postgres"), postgresURL == nil {
            throw ValidationError("--drivers postgres needs --postgres-url naming a scratch database")
        }
        guard parsedSizes.allSatisfy({ $0 > 0 }), !parsedSizes.isEmpty else {
            throw ValidationError("--sizes takes positive whole numbers, such as 1000,10000")
        }
    }

    var parsedSizes: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run(registry: PluginRegistry) async throws {
        let names = drivers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names { try registry.storage.checkRegistered(name) }
        let scratch = URL(fileURLWithPath: folder, isDirectory: true)
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let context = PluginContext(logger: PortalLogger.make(level: .warning), clock: SystemClock())
        print("Storage benchmark: \(repetitions) runs of each operation, one after another")
        print(Self.header)
        for invoices in parsedSizes {
            for name in names {
                let place = scratch.appendingPathComponent("\(name)-\(invoices)")
                // Each backend's location key: `path` (SQLite), `folder` (JSON), or a new schema (PostgreSQL).
                let settings = DictionarySettings(path: "storage", [
                    "path": place.appendingPathComponent("portal.sqlite").path, "folder": place.path,
                    "url": postgresURL ?? "", "schema": "bench_\(invoices)_\(Int(Date().timeIntervalSince1970))",
                ])
                let storage = try await registry.storage.make(name, settings: settings, context: context)
                try await storage.migrate()
                let result = try await StorageBenchmark(storage: storage, invoices: invoices, repetitions: repetitions).run()
                try await storage.close()
                print(Self.rows(result))
            }
        }
    }

    static let header = """
        | backend | invoices | seed (s) | operation | ops/s | p99 (ms) |
        | --- | ---: | ---: | --- | ---: | ---: |
        """

    static func rows(_ result: StorageBenchmark.Result) -> String {
        result.figures.map { figure in
            "| \(result.driver) | \(result.invoices) | \(String(format: "%.1f", result.seeding.seconds)) | \(figure.operation) | "
                + "\(String(format: "%.0f", figure.operationsPerSecond)) | \(String(format: "%.2f", figure.p99.seconds * 1_000)) |"
        }.joined(separator: "\n")
    }
}
