import Foundation
import HummingbirdTesting
import PortalHTTP
import PortalKernel
import PortalTestSupport
import PortalTesting
import PostgresStorage
import Testing

@testable import PortalApp

/// The restore drill (#21): records written under load while the backup runs, the backup restored into a fresh
/// store, both compared, and the restored store served. "Consistent" means the backup is the store as it was at one moment: every writer's
/// transactions in it are a prefix of those it committed (none later without one earlier), and each of them whole
/// (its customer and its job, never one without the other).
@Suite("Restore drill", .serialized)
struct RestoreDrillTests {
    static let writers = 4
    static let account: Account.ID = "drill"
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// The stock executable's storage drivers, PostgreSQL among them.
    static var registry: PluginRegistry {
        var registry = AppFixture.registry
        PostgresStoragePlugin.register(in: &registry)
        return registry
    }

    /// The configuration of a store of `driver` kept in `name` under the fixture's folder.
    func bootstrap(_ fixture: AppFixture, _ name: String, driver: String) async throws -> PortalBootstrap {
        let path = try config(fixture, name, driver: driver)
        return try PortalBootstrap(registry: Self.registry, config: try await PortalConfigFile.load(filePath: path))
    }

    /// A store of `driver` kept in `name` under the fixture's folder (a database of its own on PostgreSQL).
    func config(_ fixture: AppFixture, _ name: String, driver: String) throws -> String {
        let storage: String
        switch driver {
        case "sqlite": storage = #""path": "\#(fixture.folder.path)/\#(name)/portal.sqlite""#
        case "json": storage = #""folder": "\#(fixture.folder.path)/\#(name)""#
        default:
            let server = try PostgresTestServer.shared()
            let database = "drill_\(name)_\(UUID().uuidString.lowercased().filter(\.isHexDigit))"
            try server.createDatabase(database)
            storage = #""host": "127.0.0.1", "port": \#(server.port), "database": "\#(database)", "user": "\#(server.user)", "password": "\#(server.password)", "tls": "disable""#
        }
        return try fixture.configFile(#"{"storage": {"driver": "\#(driver)", \#(storage)}}"#, name: "\(name).json")
    }

    /// Writer `writer`'s transaction `number`: a customer and a job of it, in one transaction.
    static func transaction(_ writer: Int, _ number: Int, on storage: any PortalStorage) async throws {
        let id = "w\(writer)-\(String(format: "%05d", number))"
        try await storage.transaction { store in
            try await store.customers.insert(
                Customer(
                    id: "c-\(id)", accountID: account, displayName: "Customer \(id)", emails: ["\(id)@example.com"],
                    billingAddress: Address(line1: "1 Oak St", city: "Springfield", region: "IL", postalCode: "62701")))
            try await store.jobs.insert(
                Job(id: "j-\(id)", accountID: account, customerID: "c-\(id)", title: "Job \(id)", createdStage: .lead, createdAt: now))
        }
    }

    /// Checks the backup's records are one moment's: per writer a prefix of its transactions, each whole.
    static func expectOneMoment(_ backup: StorageDump, within final: StorageDump, _ driver: String) {
        let customers = Set(backup.customers.map { $0.id.rawValue.dropFirst(2) })
        let jobs = Set(backup.jobs.map { $0.id.rawValue.dropFirst(2) })
        #expect(customers == jobs, "\(driver): a transaction is in the backup by halves")
        for writer in 0..<writers {
            let numbers = customers.filter { $0.hasPrefix("w\(writer)-") }.compactMap { Int($0.split(separator: "-")[1]) }.sorted()
            #expect(numbers == Array(0..<numbers.count), "\(driver): writer \(writer)'s transactions are not a prefix")
        }
        #expect(Set(backup.customers).isSubset(of: Set(final.customers)), "\(driver): the backup holds what was never written")
        #expect(backup.customers.count < final.customers.count, "\(driver): the backup was not taken under load")
    }

    func drill(driver: String) async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let source = try await bootstrap(fixture, "source", driver: driver)
        let context = PluginContext(logger: PortalLogger.make(level: .warning), clock: SystemClock())
        let storage = try await source.makeStorage(context: context)
        try await storage.accounts.insert(
            Account(
                id: Self.account, name: "Drill Co", portalKey: "drill", settings: AccountSettings(leadNotificationEmails: []),
                branding: Branding(displayName: "Drill Co"), createdAt: Self.now))
        for writer in 0..<Self.writers { try await Self.transaction(writer, 0, on: storage) }
        let (_, apiToken) = try await CompanySetup(storage: storage, clock: SystemClock(), hashing: BcryptHashing())
            .createToken(named: "drill", in: Self.account)

        let backupFolder = fixture.folder.appendingPathComponent("backups").path
        let written = try await withThrowingTaskGroup(of: StorageBackup.Written?.self) { group in
            let stop = Flag()
            for writer in 0..<Self.writers {
                group.addTask {
                    // At least 40 each, and one more begun after the backup ended, so the store moves past it.
                    var (number, ended) = (1, false)
                    while !ended || number <= 40 {
                        ended = ended || stop.isSet
                        try await Self.transaction(writer, number, on: storage)
                        number += 1
                    }
                    return nil
                }
            }
            group.addTask {
                defer { stop.set() }
                try await Task.sleep(for: .milliseconds(150))
                return try await StorageBackup(storage: storage, files: MemoryFileStore()).run(into: BackupFolder(path: backupFolder, key: "--to"), keep: 3, at: Date())
            }
            var written: StorageBackup.Written?
            for try await result in group { written = written ?? result }
            return try #require(written)
        }
        let final = try await storage.exportDump()
        try await storage.close()

        let target = try await bootstrap(fixture, "restored", driver: driver)
        let restored = try await StorageRestore(bootstrap: target, context: context).restore(from: written.path)
        let reopened = try await target.makeStorage(context: context)
        let restoredExport = try await reopened.exportDump()
        try await reopened.close()

        #expect(restoredExport == restored.canonical, "\(driver): the restored store differs from the backup")
        if written.path.hasSuffix(".json") { #expect(try DumpFile.read(written.path) == restoredExport) }
        Self.expectOneMoment(restoredExport, within: final, driver)
        #expect(
            try StorageJSON.encoder(pretty: true).encode(restoredExport) == StorageJSON.encoder(pretty: true).encode(restored.canonical))
        try await Self.serve(target, apiToken: apiToken, driver: driver)
    }

    /// Serves the restored store as `portal serve` would: the portal's login page shows the company, and the API
    /// answers, with a token taken before the backup, the first customer of the drill.
    static func serve(_ bootstrap: PortalBootstrap, apiToken: SecretToken, driver: String) async throws {
        let services = try await bootstrap.makeServices(logger: PortalLogger.make(level: .warning))
        let app = try PortalServer(services: services, settings: bootstrap.settings).makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/portal/drill/login", method: .get) { response in
                #expect(response.status == .ok, "\(driver)")
                #expect(String(buffer: response.body).contains("Drill Co"), "\(driver)")
            }
            try await client.execute(
                uri: "/api/v1/customers/c-w0-00000", method: .get, headers: [.authorization: "Bearer \(apiToken.value)"]
            ) { response in
                #expect(response.status == .ok, "\(driver): \(String(buffer: response.body))")
                #expect(String(buffer: response.body).contains("Customer w0-00000"), "\(driver)")
            }
        }
        try await services.storage.close()
    }

    @Test("SQLite: an online backup under load restores to one moment's records, whole transactions only, and serves them")
    func sqlite() async throws { try await drill(driver: "sqlite") }

    @Test("JSON: an online backup under load restores to one moment's records, whole transactions only, and serves them")
    func json() async throws { try await drill(driver: "json") }

    @Test("PostgreSQL: an online backup under load restores to one moment's records, and serves them", .enabled(if: PostgresTestServer.isAvailable))
    func postgres() async throws { try await drill(driver: "postgres") }
}

/// A flag one task sets and others read.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
