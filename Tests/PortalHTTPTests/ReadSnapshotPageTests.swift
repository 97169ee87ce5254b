import Foundation
import GRDB
import Logging
import PortalKernel
import PortalTestSupport
import Synchronization
import Testing

@testable import PostgresStorage
@testable import SQLiteStorage

/// What a page costs the database, as the database sees it: every transaction it opens, read or write (#19), and
/// every statement it runs but those that begin and end transactions (#22).
final class TripLog: Sendable {
    private let trips = Mutex<[String]>([])
    private let sent = Mutex<[String]>([])

    func record(_ trip: String) { trips.withLock { $0.append(trip) } }
    func clear() {
        trips.withLock { $0.removeAll() }
        sent.withLock { $0.removeAll() }
    }
    var reads: Int { trips.withLock { $0.filter { $0 == "read" }.count } }
    var all: [String] { trips.withLock { $0 } }
    /// The statements run since the last ``clear()``, transaction control (`BEGIN`, `COMMIT`, …) left out.
    var statements: [String] { sent.withLock { $0 } }

    func record(statement sql: String) {
        let keyword = sql.prefix { $0.isLetter }.uppercased()
        guard !["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END"].contains(keyword) else { return }
        sent.withLock { $0.append(sql) }
    }

    /// SQLite through GRDB's trace: every read (a reader's `BEGIN`) and write (the writer's `BEGIN`), every statement.
    func sqlite() -> TestStorage {
        TestStorage(name: "sqlite") { folder in
            try SQLiteStorage(path: folder.appendingPathComponent("portal.sqlite").path) { db in
                let kind = db.configuration.readonly ? "read" : "write"
                db.trace { event in
                    let sql = event.expandedDescription
                    if sql.hasPrefix("BEGIN") { self.record(kind) }
                    self.record(statement: sql)
                }
            }
        }
    }

    /// PostgreSQL through the driver's trace: each transaction's `BEGIN`, and each statement on its own (one
    /// transaction each), as trips; every statement.
    func postgres() -> TestStorage {
        TestStorage(name: "postgres") { folder in
            let server = try PostgresTestServer.shared()
            let settings = PostgresSettings(
                host: "127.0.0.1", port: server.port, database: try server.database(for: folder, prefix: "t_"), user: server.user,
                password: server.password, tls: .disable, poolSize: 8)
            return try await PostgresStorage(settings: settings, logger: Logger(label: "test")) { trace in
                if !trace.inTransaction { self.record(trace.sql.hasPrefix("SELECT") || trace.sql.contains("READ ONLY") ? "read" : "write") }
                self.record(statement: trace.sql)
            }
        }
    }
}

@Suite("Pages read in one snapshot")
struct ReadSnapshotPageTests {
    static let backends = ["sqlite"] + (PostgresTestServer.isAvailable ? ["postgres"] : [])

    @Test(
        "#19: the portal home, an invoice, a proposal, the API's portal view and the back office's pages each read in one read transaction",
        arguments: backends)
    func onePerPage(backend: String) async throws {
        let log = TripLog()
        let bed = try await PortalTestbed(storage: backend == "sqlite" ? log.sqlite() : log.postgres())
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &staff)
            let portal = "/portal/\(Seed.keyA)"
            let pages = [
                (portal, true), ("\(portal)/invoices/\(Seed.CeceInvoice.unpaid)", true), ("\(portal)/proposals/\(Seed.CeceProposal.open)", true),
                ("/admin/leads", false), ("/admin/leads/\(Seed.portalLead)", false), ("/admin/customers/\(Seed.cece)", false),
            ]
            for (path, isClient) in pages {
                // The first visit may renew the session; the second is the page as it usually is.
                let first = isClient ? try await browser.get(path) : try await staff.get(path)
                #expect(first.status == .ok, "\(path)")
                log.clear()
                _ = isClient ? try await browser.get(path) : try await staff.get(path)
                #expect(log.reads == 1, "\(path): \(log.all)")
            }
            log.clear()
            let view = try await client.execute(
                uri: "/api/v1/customers/\(Seed.cece)/portal", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(view.status == .ok)
            #expect(log.reads == 1, "API portal view: \(log.all)")
        }
        await bed.remove()
    }
}
