import ArgumentParser
import Foundation
import PortalKernel

/// `portal export --to FILE`: every record of the configured store, as a versioned, backend-neutral JSON dump.
struct ExportCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every record of the configured storage to a JSON dump file.")

    @OptionGroup var config: ConfigOption

    @Option(name: .customLong("to"), help: "The dump file to write (replaced whole if it exists, or left as it was on failure).")
    var file: String

    func run(registry: PluginRegistry) async throws {
        let dump = try await config.withStorage(registry: registry) { storage in try await storage.exportDump() }
        try await DumpFile.write(dump, to: file)
        print("Exported \(dump.summary) to \(file)")
    }
}

/// `portal import --from FILE`: loads a dump into the configured store, all or nothing.
struct ImportCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a JSON dump (from `portal export`) into the configured storage, all or nothing.")

    @OptionGroup var config: ConfigOption

    @Option(name: .customLong("from"), help: "The dump file to read.")
    var file: String

    @Flag(help: "Add the records beside those already stored (any id clash stops the import; nothing is written).")
    var intoNonEmpty = false

    func run(registry: PluginRegistry) async throws {
        let dump = try DumpFile.read(file)
        try await config.withStorage(registry: registry) { storage in
            if !intoNonEmpty {
                try await StoreContents.requireEmpty(
                    storage, advice: "import into an empty store, or pass --into-non-empty to add these records beside them")
            }
            try await storage.importDump(dump)
        }
        print("Imported \(dump.summary) from \(file)")
    }
}

extension StorageDump {
    /// `1,234 records (2 accounts, 40 customers, …)`.
    var summary: String {
        let counts: [(String, Int)] = [
            ("accounts", accounts.count), ("staff users", staffUsers.count), ("customers", customers.count),
            ("jobs", jobs.count), ("proposals", proposals.count), ("invoices", invoices.count),
            ("payments", payments.count), ("leads", leads.count), ("login tokens", loginTokens.count),
            ("sessions", sessions.count), ("outbox messages", outbox.count),
        ]
        let parts = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
        return "\(recordCount) records" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
    }
}
