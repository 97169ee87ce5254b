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
        let folder = FileCopies.folder(ofDump: file)
        // A files folder this export makes is removed again if the export fails, so a failure leaves what was there.
        let folderWasThere = FileManager.default.fileExists(atPath: folder.path)
        let (dump, files): (StorageDump, Int)
        do {
            (dump, files) = try await config.withStorageAndFiles(registry: registry) { storage, store in
                let dump = try await storage.exportDump()
                // The files the records name, beside the dump (#25): copied before the dump is written, so a dump never
                // names a file its folder lacks.
                let named = FileCopies.addresses(in: dump)
                if !named.isEmpty { _ = try await FileCopies.save(named, from: store, to: folder) }
                return (dump, named.count)
            }
            try await DumpFile.write(dump, to: file)
        } catch {
            if !folderWasThere { try? FileManager.default.removeItem(at: folder) }
            throw error
        }
        print("Exported \(dump.summary) to \(file)" + (files > 0 ? ", and \(files) files to \(FileCopies.folder(ofDump: file).path)" : ""))
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
        let files = try await config.withStorageAndFiles(registry: registry) { storage, store in
            if !intoNonEmpty {
                try await StoreContents.requireEmpty(
                    storage, advice: "import into an empty store, or pass --into-non-empty to add these records beside them")
            }
            // The files first (#25): a record never names a file the store lacks, and files alone change nothing.
            let files = try await FileCopies.load(FileCopies.addresses(in: dump), from: FileCopies.folder(ofDump: file), into: store)
            try await storage.importDump(dump)
            return files
        }
        print("Imported \(dump.summary) from \(file)" + (files > 0 ? ", and \(files) files" : ""))
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
