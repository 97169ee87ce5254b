import ArgumentParser
import Foundation
import PortalKernel

/// `portal export --to FILE`: every record of the configured store, as a versioned, backend-neutral JSON dump.
struct ExportCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every record of the configured storage to a JSON dump file.")

    @OptionGroup var config: ConfigOption

    @Option(name: .customLong("to"), help: "The dump file to write (replaced if it exists).")
    var file: String

    func run(registry: PluginRegistry) async throws {
        let dump = try await config.withStorage(registry: registry) { storage in try await storage.exportDump() }
        let data = try StorageJSON.encoder(pretty: true).encode(dump)
        // Written beside the target and renamed over it: an interrupted export never leaves half a file.
        let target = URL(fileURLWithPath: file)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        try data.write(to: temporary)
        if FileManager.default.fileExists(atPath: target.path) {
            _ = try FileManager.default.replaceItemAt(target, withItemAt: temporary)
        } else {
            try FileManager.default.moveItem(at: temporary, to: target)
        }
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
        let dump = try Self.read(file)
        try await config.withStorage(registry: registry) { storage in
            let existing = try await storage.accounts.all().count
            guard existing == 0 || intoNonEmpty else {
                throw ValidationError(
                    "the \(storage.driverName) store already holds \(existing) account(s); import into an empty store, "
                        + "or pass --into-non-empty to add these records beside them")
            }
            try await storage.importDump(dump)
        }
        print("Imported \(dump.summary) from \(file)")
    }

    /// The dump in `path`; an unreadable file or a record that does not decode is an error naming the file.
    static func read(_ path: String) throws -> StorageDump {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot read the file")
        }
        do {
            return try StorageJSON.decoder().decode(StorageDump.self, from: data)
        } catch let error as DecodingError {
            throw ValidationError("\(path): not a portal dump: \(error.locationDescription)")
        } catch {
            throw ValidationError("\(path): not a portal dump: \(error)")
        }
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
