import Foundation
import GRDB
import Logging
import PortalKernel
import PortalTestSupport
import Synchronization
import Testing

@testable import PostgresStorage
@testable import SQLiteStorage

/// What a page costs the database: every transaction it opens, read or write, as the database sees it (#19).
final class TripLog: Sendable {
    private let trips = Mutex<[String]>([])

    func record(_ trip: String) { trips.withLock { $0.append(trip) } }
    func clear() { trips.withLock { $0.removeAll() } }
    var reads: Int { trips.withLock { $0.filter { $0 == "read" }.count } }
    var all: [String] { trips.withLock { $0 } }

    /// SQLite through GRDB's trace: every read (a reader's `BEGIN`) and write (the writer's `BEGIN`).
    func sqlite() -> TestStorage {
        TestStorage(name: "sqlite") { folder in
            try SQLiteStorage(path: folder.appendingPathComponent("portal.sqlite").path) { db in
                let kind = db.configuration.readonly ? "read" : "write"
                db.trace { event in if event.expandedDescription.hasPrefix("BEGIN") { self.record(kind) } }
            }
        }
    }

    /// PostgreSQL through the driver's trace: each transaction's `BEGIN`, and each statement on its own (one
    /// transaction each).
    func postgres() -> TestStorage {
        TestStorage(name: "postgres") { folder in
            let server = try PostgresTestServer.shared()
            let settings = PostgresSettings(
                host: "127.0.0.1", port: server.port, database: try server.database(for: folder, prefix: "t_"), user: server.user,
                password: server.password, tls: .disable, poolSize: 8)
            return try await PostgresStorage(settings: settings, logger: Logger(label: "test")) { sql in
                self.record(sql.hasPrefix("SELECT") || sql.contains("READ ONLY") ? "read" : "write")
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
