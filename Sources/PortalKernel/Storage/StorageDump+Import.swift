extension Repositories {
    /// Inserts every record of `dump`, parents before children (the catalogue's order), so references hold at every
    /// step.
    public func insertAll(of dump: StorageDump) async throws {
        func insert<Record: StoredRecord>(_: Record.Type) async throws {
            for record in dump[Record.self] { try await recordStore.insert(record) }
        }
        for type in RecordCatalogue.all { try await insert(type) }
    }
}

extension PortalStorage {
    /// Imports through the repositories in one transaction; a backend with a faster bulk path overrides it.
    public func importDump(_ dump: StorageDump) async throws {
        try await transaction { store in try await store.insertAll(of: dump) }
    }
}
