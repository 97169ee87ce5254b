import Foundation
import PortalKernel
import SQLKit

/// The schema, one migration per version, recorded in `schema_migration`; the same list for every driver. Never
/// edit a shipped migration: add the next one. A migration that creates tables takes their shape from the record
/// catalogue, so a record type's later change of columns is a migration of its own that alters its table.
enum SQLMigrations {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let apply: @Sendable (SQLAccess) async throws -> Void
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "accounts, customers, work, money, auth, outbox, audit, counters") { access in
            try await createTables(
                [Account.self, StaffUser.self, Customer.self, Job.self, Proposal.self, Invoice.self, Payment.self, Lead.self,
                 LoginToken.self, Session.self, OutboxMessage.self, AuditEvent.self, ProposalLink.self, APIToken.self, Counter.self],
                access)
        },
        Migration(version: 2, name: "visits and their series (#23)") { access in
            try await createTables([VisitSeries.self, Visit.self], access)
        },
        Migration(version: 3, name: "calendar feeds (#23)") { access in
            try await createTables([CalendarFeed.self], access)
        },
        Migration(version: 4, name: "saved payment methods (#24)") { access in
            try await createTables([PaymentMethod.self], access)
        },
        Migration(version: 5, name: "autopay (#24)") { access in
            try await createTables([Autopay.self], access)
        },
        Migration(version: 6, name: "tips (#24)") { access in
            try await ensureReferenceKey(of: "payment", access)
            try await createTables([Tip.self], access)
        },
        Migration(version: 7, name: "refunds (#24)") { access in
            try await createTables([Refund.self], access)
        },
        Migration(version: 8, name: "attached files (#25)") { access in
            try await createTables([AttachedFile.self], access)
        },
    ]

    /// Runs the migrations not yet applied, inside `access`'s transaction, and records this release in
    /// `store_release` when it is not the one that last migrated the database (#21).
    static func run(_ access: SQLAccess) async throws {
        try await access.run(
            "CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at \(unsafeRaw: access.driver.dialect.instant) NOT NULL)")
        try await access.run(
            "CREATE TABLE IF NOT EXISTS store_release (release text NOT NULL, migrated_at \(unsafeRaw: access.driver.dialect.instant) NOT NULL)")
        let applied = Set(try await access.run("SELECT version FROM schema_migration").map { try $0.decode(column: "version", as: Int.self) })
        let lastRelease = try await lastMigratingRelease(access)
        try refuseNewer(applied, migratedBy: lastRelease)
        for migration in all where !applied.contains(migration.version) {
            try await migration.apply(access)
            try await access.run(
                """
                INSERT INTO schema_migration (version, name, applied_at) \
                VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().storedPrecision))
                """)
        }
        if lastRelease != PortalRelease.current {
            try await access.run(
                "INSERT INTO store_release (release, migrated_at) VALUES (\(bind: PortalRelease.current), \(bind: Date().storedPrecision))")
        }
    }

    /// The release that last migrated the database (``PortalRelease``), `nil` before release 2.0 recorded it.
    static func lastMigratingRelease(_ access: SQLAccess) async throws -> String? {
        try await access.run("SELECT release FROM store_release ORDER BY migrated_at DESC LIMIT 1")
            .first?.decode(column: "release", as: String.self)
    }

    /// #21: a database a newer release migrated is not this release's to run on (it would not read, and might
    /// overwrite, what the newer schema holds).
    /// - Throws: `StorageError.refused` naming the release that migrated it (when recorded), the schema versions,
    ///   and what to do.
    static func refuseNewer(_ applied: Set<Int>, migratedBy release: String?) throws {
        let known = all.map(\.version).max() ?? 0
        guard let newest = applied.max(), newest > known else { return }
        throw StorageError.refused(
            "this database was migrated by \(release.map { "Client Portal \($0)" } ?? "a newer Client Portal") (schema version "
                + "\(newest); this release, \(PortalRelease.current), knows versions up to \(known)): run that release or a newer "
                + "one, or restore a backup taken before the upgrade (Docs/Deployment.md, \"Upgrade and rollback\")")
    }

    /// Gives `table` the `(id, account_id)` key composite references point at, where a PostgreSQL schema of release 1
    /// lacks it (Docs/Storage.md: eight of its tables do, `payment` among them). Named as PostgreSQL names the key of
    /// a table created since, so there it is found and nothing is made; SQLite (rewritten at the upgrade) gets a second
    /// index of the key.
    private static func ensureReferenceKey(of table: String, _ access: SQLAccess) async throws {
        try await access.run(SQLQueryString("CREATE UNIQUE INDEX IF NOT EXISTS \(table)_id_account_id_key ON \(table) (id, account_id)"))
    }

    private static func createTables(_ types: [any StoredRecord.Type], _ access: SQLAccess) async throws {
        for type in types {
            for statement in SQLSchema.create(type, access.driver.dialect) { try await access.run(SQLQueryString(statement)) }
        }
    }
}
