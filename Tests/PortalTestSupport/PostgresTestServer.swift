import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder, `pg_ctl start` on a free
/// 127.0.0.1 port, stopped and deleted when the test process exits. One per test process; each test makes its
/// own database in it.
///
/// Outside CI, a machine where no cluster can start (no `initdb`, say) skips the PostgreSQL tests (``isAvailable``
/// is false and says why on standard error); in CI (`CI=true`) they must run, so a missing server fails them.
public final class PostgresTestServer: Sendable {
    public let port: Int
    public let user = "portal"
    /// Password logins over TCP are checked (scram-sha-256), so a wrong password is refused as in production.
    public let password = "portal-test-password"
    let binaries: URL
    let folder: URL
    let runAsPostgres: Bool

    /// Whether the PostgreSQL tests run here: always in CI; elsewhere, when a cluster starts (it is started here).
    public static let isAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        do {
            _ = try shared()
            return true
        } catch {
            FileHandle.standardError.write(
                Data("PostgreSQL tests skipped: no test cluster could start (\(error)); CI=true makes them required\n".utf8))
            return false
        }
    }()

    /// The cluster, started on first use.
    public static func shared() throws -> PostgresTestServer {
        try started.get()
    }

    private static let started: Result<PostgresTestServer, any Error> = Result { try PostgresTestServer() }

    private init() throws {
        guard let binaries = Self.binaryFolder() else {
            throw TestServerError("no PostgreSQL server programs (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin")
        }
        self.binaries = binaries
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // PostgreSQL refuses to run as root: as root (CI containers), the cluster belongs to the `postgres` user.
        runAsPostgres = getuid() == 0
        if runAsPostgres { try Self.shell("chown postgres \(folder.path) && chmod 700 \(folder.path)") }
        port = try Self.freePort()
        let passwordFile = folder.appendingPathComponent("pwfile")
        try Data(password.utf8).write(to: passwordFile)
        if runAsPostgres { try Self.shell("chown postgres \(passwordFile.path)") }
        try run(
            "initdb", "-D", data, "-U", user, "--pwfile", passwordFile.path, "--auth-local=trust", "--auth-host=scram-sha-256",
            "--encoding=UTF8", "--locale=C.UTF-8")
        try run(
            "pg_ctl", "-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-o",
            "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400", "start")
        Self.stopAtExit(pgCtl: binaries.appendingPathComponent("pg_ctl").path, data: data, folder: folder.path, asPostgres: runAsPostgres)
    }

    /// The database of the store kept in `folder`, named after it with `prefix` and created unless it exists (so
    /// opening the same folder again is a restart).
    public func database(for folder: URL, prefix: String) throws -> String {
        let name = prefix + folder.lastPathComponent.lowercased().filter { $0.isLetter || $0.isNumber }
        try createDatabase(name)
        return name
    }

    /// Creates the database `name` unless it exists.
    public func createDatabase(_ name: String) throws {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { throw TestServerError("bad database name \(name)") }
        // One at a time: concurrent copies of the template database can refuse each other.
        Self.creating.lock()
        defer { Self.creating.unlock() }
        do {
            try run("psql", "-h", folder.path, "-p", "\(port)", "-U", user, "-d", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)")
        } catch let error as TestServerError where error.description.contains("already exists") {
            return  // a restart of the same store
        }
    }

    /// Creates the database `name` and runs the SQL script `file` in it (a `pg_dump` of an older release's store),
    /// stopping at the first error.
    public func restore(_ file: URL, into name: String) throws {
        try createDatabase(name)
        let copy = folder.appendingPathComponent("\(name).sql")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: file, to: copy)
        if runAsPostgres { try Self.shell("chown postgres \(Self.quoted(copy.path))") }
        try run("psql", "-h", folder.path, "-p", "\(port)", "-U", user, "-d", name, "-q", "-v", "ON_ERROR_STOP=1", "-f", copy.path)
    }

    private static let creating = NSLock()

    private var data: String { folder.appendingPathComponent("data").path }

    /// Runs one of the server's programs (as `postgres` when the tests run as root) and waits for it.
    ///
    /// Through `system(3)`, not `Process`: the server that `pg_ctl start` leaves running would inherit what
    /// `Process` watches to tell that its child ended. And through a `bash` that first closes every descriptor
    /// but the standard three: the server outlives the command, and must not hold the test process's pipes and
    /// sockets open (a helper waiting for its standard input to close would wait for good).
    private func run(_ program: String, _ arguments: String...) throws {
        let words = (runAsPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : [])
            + [binaries.appendingPathComponent(program).path] + arguments
        let closeInherited = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
        let output = folder.appendingPathComponent("\(program).out").path
        let command = "/bin/bash -c \(Self.quoted(closeInherited)) portal-pg \(words.map(Self.quoted).joined(separator: " "))"
        do {
            try Self.shell("\(command) > \(output) 2>&1 < /dev/null")
        } catch {
            throw TestServerError("\(error); it printed: \((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")")
        }
    }

    /// `text` as one shell word.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func shell(_ command: String) throws {
        guard system(command) == 0 else { throw TestServerError("`\(command)` failed") }
    }

    /// The folder holding `initdb` and `pg_ctl`: Debian keeps them off PATH, in /usr/lib/postgresql/<version>/bin.
    private static func binaryFolder() -> URL? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let debian = versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return (debian + path).map(URL.init(fileURLWithPath:)).first {
            FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path)
                && FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("pg_ctl").path)
        }
    }

    private static func freePort() throws -> Int {
        try LoopbackSocket(listening: false).port
    }

    /// `atexit` takes a plain C function, so the command it runs is kept here.
    nonisolated(unsafe) private static var stopCommand = ""

    private static func stopAtExit(pgCtl: String, data: String, folder: String, asPostgres: Bool) {
        let stop = "\(pgCtl) -D \(data) -m immediate stop"
        stopCommand = "\(asPostgres ? "/usr/sbin/runuser -u postgres -- " : "")\(stop) >/dev/null 2>&1; rm -rf \(folder)"
        atexit { _ = system(PostgresTestServer.stopCommand) }
    }
}

/// Why the throwaway PostgreSQL cluster could not be used.
public struct TestServerError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
