import ArgumentParser
import Foundation
import PortalKernel

/// `portal seed`: fills an empty store with a synthetic company of a chosen size, for the load benchmark
/// (`Benchmarks/`). Its portal key is `bench`; its clients log in as `client<i>@example.com`.
struct SeedCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill an empty store with a synthetic company (portal key \"bench\") for load benchmarks.")

    @OptionGroup var config: ConfigOption

    @Option(help: "Customers, client0@example.com upwards.") var customers = 10_000
    @Option(help: "Invoices, spread over the customers in turn (a third paid).") var invoices = 100_000
    @Option(help: "Sent proposals, each with its own job, spread over the customers in turn.") var proposals = 20_000

    func validate() throws {
        guard customers > 0, invoices >= 0, proposals >= 0 else {
            throw ValidationError("--customers must be at least 1, --invoices and --proposals at least 0")
        }
    }

    func run(registry: PluginRegistry) async throws {
        let dump = BenchmarkData.dump(customers: customers, invoices: invoices, proposals: proposals, now: Date())
        let started = ContinuousClock.now
        try await config.withStorage(registry: registry) { storage in
            guard try await storage.accounts.all().isEmpty else {
                throw CommandFailure("the \(storage.driverName) store is not empty; seed a new one")
            }
            try await storage.importDump(dump)
        }
        print("Seeded \(dump.summary) in \(ContinuousClock.now - started)")
    }
}
