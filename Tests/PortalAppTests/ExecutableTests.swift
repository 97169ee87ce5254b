import Foundation
import PortalKernel
import PortalTestSupport
import SQLiteStorage
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The real `portal` binary, as a person runs it.
@Suite("portal executable", .serialized)
struct ExecutableTests {
    /// The `portal` binary SwiftPM built beside this test bundle.
    static var binary: URL {
        get throws { try BuiltProduct.path("portal") }
    }

    /// Runs the binary with `arguments` (in `directory`, else this process's own), returning its exit status and what
    /// it printed to standard error and output. It is waited for off the cooperative threads (``BlockingWork``).
    func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> (status: Int32, stderr: String, stdout: String) {
        let binary = try Self.binary
        return try await BlockingWork.run { try Self.runNow(binary, arguments, environment: environment, in: directory) }
    }

    /// The blocking work of ``run(_:environment:in:)``.
    private static func runNow(
        _ binary: URL, _ arguments: [String], environment: [String: String], in directory: URL?
    ) throws -> (status: Int32, stderr: String, stdout: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        let output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try ProcessLaunch.start(process)
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaints = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: complaints, as: UTF8.self), String(decoding: printed, as: UTF8.self))
    }

    @Test("portal account create, staff add and token create / list / revoke: passwords and tokens shown once, stored hashed")
    func administrationCommands() async throws {
        let fixture = try AppFixture()
        let config = try fixture.isolatedConfig()
        let created = try await run([
            "account", "create", "--config", config, "--name", "Birch & Co", "--portal-key", "birch", "--time-zone", "America/Denver",
            "--admin-name", "Bea Birch", "--admin-email", "bea@birch.example",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("http://127.0.0.1:8080/portal/birch"))
        let password = try #require(created.stdout.components(separatedBy: "password: ").last?.split(separator: " ").first)
        #expect(password.count == 20)
        let again = try await run([
            "account", "create", "--config", config, "--name", "Other", "--portal-key", "birch", "--admin-name", "X", "--admin-email", "x@birch.example",
        ])
        #expect(again.status != 0 && again.stderr.contains("taken"))
        let staff = try await run(["staff", "add", "--config", config, "--account", "birch", "--name", "Sam", "--email", "bea@birch.example"])
        #expect(staff.status != 0 && staff.stderr.contains("exists already"))
        let added = try await run(["staff", "add", "--config", config, "--account", "birch", "--name", "Sam", "--email", "sam@birch.example"])
        #expect(added.status == 0)

        let token = try await run(["token", "create", "--config", config, "--account", "birch", "--name", "Zapier"])
        #expect(token.status == 0)
        let secret = try #require(token.stdout.split(separator: "\n").last.map(String.init))
        #expect(SecretToken.isWellFormed(secret))
        let listed = try await run(["token", "list", "--config", config, "--account", "birch"])
        #expect(listed.stdout.contains("Zapier") && !listed.stdout.contains(secret))
        let id = try #require(listed.stdout.split(separator: " ").first.map(String.init))
        let revoked = try await run(["token", "revoke", "--config", config, "--account", "birch", "--id", id])
        #expect(revoked.status == 0)
        let revokedElsewhere = try await run(["token", "revoke", "--config", config, "--account", "nope", "--id", id])
        #expect(revokedElsewhere.status != 0)

        let storage = try SQLiteStorage(path: fixture.folder.appendingPathComponent("portal.sqlite").path)
        let account = try #require(try await storage.accounts.find(portalKey: "birch"))
        #expect(account.timeZoneIdentifier == "America/Denver")
        let admin = try #require(try await storage.staffUsers.find(email: "bea@birch.example", in: account.id))
        #expect(admin.role == .admin && admin.passwordHash.hasPrefix("$2") && !admin.passwordHash.contains(String(password)))
        let stored = try #require(try await storage.apiTokens.find(hash: SecretToken.hash(of: secret)))
        #expect(stored.revokedAt != nil)
        let dump = String(decoding: try StorageJSON.encoder(pretty: false).encode(try await storage.exportDump()), as: UTF8.self)
        #expect(!dump.contains(secret) && !dump.contains(String(password)))
        try await storage.close()
        fixture.remove()
    }

    @Test("PORTAL_STORAGE_DRIVER=nosuch portal serve fails at once, listing sqlite")
    func unknownDriverFails() async throws {
        let fixture = try AppFixture()
        let started = Date()
        let result = try await run(["serve", "--config", try fixture.isolatedConfig()], environment: ["PORTAL_STORAGE_DRIVER": "nosuch"])
        #expect(result.status != 0)
        let listed = result.stderr.components(separatedBy: "registered storage drivers: ").last ?? ""
        #expect(listed.components(separatedBy: CharacterSet(charactersIn: ", \n")).contains("sqlite"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        fixture.remove()
    }

    @Test("PORTAL_STORAGE_DRIVER=postgres with no server answering: portal serve stops at once, naming the server, not the password")
    func postgresUnreachable() async throws {
        let fixture = try AppFixture()
        let result = try await run(
            ["serve", "--config", try fixture.isolatedConfig()],
            environment: [
                "PORTAL_STORAGE_DRIVER": "postgres", "PORTAL_STORAGE_URL": "postgres://portal:hunter2-secret@127.0.0.1:1/portal",
                "PORTAL_STORAGE_TLS": "disable",
            ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot connect to PostgreSQL as portal@127.0.0.1:1/portal"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2-secret") && !result.stdout.contains("hunter2-secret"))
        fixture.remove()
    }

    @Test("portal serve --demo prints the logins while serving, answers /health, delivers queued email, stops on SIGTERM")
    func servesAndStops() async throws {
        let fixture = try AppFixture()
        try await queueEmail(in: fixture.folder.appendingPathComponent("portal.sqlite").path)
        let server = try await startServer(["serve", "--demo", "--config", try fixture.isolatedConfig(port: 0)])
        let (process, output) = (server.process, server.output)
        defer { if process.isRunning { process.terminate() } }
        let boundPort = server.port
        let (data, response) = try await fetch("http://127.0.0.1:\(boundPort)/health")
        #expect(response == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"storage\":\"sqlite\""))
        // Printed before serving, and readable while the server still runs (not held in a buffer until exit).
        let printed = await read(output, waitingAtMost: 5)
        #expect(printed.contains("Portal link:"))
        #expect(printed.split(separator: "\n").contains { $0.contains("client") && $0.contains("cece@example.com") })
        #expect(process.isRunning)

        // The outbox worker hands the queued email to the log mailer, which writes it as an .eml file.
        let mail = fixture.folder.appendingPathComponent("mail")
        let emlDeadline = Date().addingTimeInterval(20)
        var emails: [String] = []
        while emails.isEmpty, Date() < emlDeadline {
            emails = ((try? FileManager.default.contentsOfDirectory(atPath: mail.path)) ?? []).filter { $0.hasSuffix(".eml") }
            if emails.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        let eml = try String(contentsOf: mail.appendingPathComponent(try #require(emails.first)), encoding: .utf8)
        #expect(eml.contains("Subject: Queued before start"))

        try await logInAsSampleClient(port: boundPort) { try MailFolder(mail).to("cece@example.com") }

        let rest = await server.stop()  // SIGTERM
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(rest.contains("Portal stopped"))
        fixture.remove()
    }

    @Test("With mailer.driver = smtp, the login-link email reaches a real SMTP server and its link logs the client in")
    func loginLinkOverSMTP() async throws {
        let smtp = try await LocalSMTPServer()
        defer { smtp.stop() }
        let fixture = try AppFixture()
        let server = try await startServer(
            ["serve", "--demo", "--config", try fixture.isolatedConfig(port: 0, mailer: #"{"driver": "smtp"}"#)], environment: Self.mailing(to: smtp))
        defer { if server.process.isRunning { server.process.terminate() } }
        try await logInAsSampleClient(port: server.port) {
            try smtp.received().filter { $0.to == ["cece@example.com"] }
                .map { MailFolder.Mail(raw: $0.eml) }
        }
        await server.stop()
        fixture.remove()
    }

    /// The environment that points the `smtp` mailer at `smtp`, without TLS.
    static func mailing(to smtp: LocalSMTPServer) -> [String: String] {
        [
            "PORTAL_MAILER_DRIVER": "smtp", "PORTAL_MAILER_HOST": "127.0.0.1", "PORTAL_MAILER_PORT": "\(smtp.port)",
            "PORTAL_MAILER_STARTTLS": "none", "PORTAL_MAILER_FROM_ADDRESS": "portal@greenleaf.example",
        ]
    }

    /// A `portal` process serving on a port the system chose, with its output pipes.
    struct RunningServer {
        let process: Process
        let port: Int
        let errors: Pipe
        let output: Pipe

        /// Sends SIGTERM and waits, off the cooperative threads, for the process to end: what it wrote to standard
        /// error after start-up.
        @discardableResult
        func stop() async -> String {
            process.terminate()
            let (process, errors) = (process, errors.fileHandleForReading)
            let rest = try? await BlockingWork.run {
                let rest = errors.readDataToEndOfFile()
                process.waitUntilExit()
                return rest
            }
            return String(decoding: rest ?? Data(), as: UTF8.self)
        }

        /// Waits, off the cooperative threads, for the process to end.
        func exited() async {
            let process = process
            _ = try? await BlockingWork.run { process.waitUntilExit() }
        }
    }

    /// Starts the binary with `arguments` and waits for Hummingbird to log the port it bound.
    func startServer(_ arguments: [String], environment: [String: String] = [:]) async throws -> RunningServer {
        let process = Process()
        process.executableURL = try Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        let output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try ProcessLaunch.start(process)
        var log = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(30)
        while port == nil, Date() < deadline, process.isRunning {
            log += await read(errors, waitingAtMost: 1)
            if let range = log.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(log[range].split(separator: ":").last!)
            }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            throw ServerDidNotStart(log: log)
        }
        return RunningServer(process: process, port: port, errors: errors, output: output)
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        let log: String
        var description: String { "server did not start: \(log)" }
    }

    /// Puts one email in the outbox of the SQLite store at `path`, as a use case would.
    func queueEmail(in path: String) async throws {
        let storage = try SQLiteStorage(path: path)
        try await storage.migrate()
        let now = Date()
        try await storage.accounts.insert(
            Account(id: "queued", name: "Queued", portalKey: "queued", branding: Branding(displayName: "Q"), createdAt: now))
        try await storage.outbox.enqueue(
            OutboxMessage(
                accountID: "queued", email: EmailMessage(to: [.init(address: "cece@example.com")], subject: "Queued before start", textBody: "Hi"),
                nextAttemptAt: now, createdAt: now))
        try await storage.close()
    }

    /// What `pipe` has to read within `seconds`, without blocking past them ("" when nothing came), waited for off
    /// the cooperative threads.
    func read(_ pipe: Pipe, waitingAtMost seconds: Double) async -> String {
        let reading = pipe.fileHandleForReading
        return (try? await BlockingWork.run {
            var descriptor = pollfd(fd: reading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(seconds * 1_000)) > 0 else { return "" }
            return String(decoding: reading.availableData, as: UTF8.self)
        }) ?? ""
    }

    /// What the README promises a newcomer: the sample client asks for a login link, reads it in the `.eml` file,
    /// presses "Continue to your portal", and sees their portal.
    func logInAsSampleClient(port: Int, mailbox: () throws -> [MailFolder.Mail]) async throws {
        let jar = FileManager.default.temporaryDirectory.appendingPathComponent("cookies-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: jar) }
        let portal = "http://127.0.0.1:\(port)/portal/greenleaf-demo"
        let (loginPage, _) = try await fetch("\(portal)/login", cookies: jar)
        let csrf = try #require(Self.hiddenField("csrf", in: String(decoding: loginPage, as: UTF8.self)))
        let (sent, sentStatus) = try await fetch("\(portal)/login", cookies: jar, form: "csrf=\(csrf)&email=cece%40example.com")
        #expect(sentStatus == 200)
        #expect(String(decoding: sent, as: UTF8.self).contains("Check your email"))

        var link: String?
        let deadline = Date().addingTimeInterval(20)
        while link == nil, Date() < deadline {
            // The link's path: the config says port 0, so its base URL names no real port.
            link = try mailbox().compactMap { $0.link(startingWith: "/portal/greenleaf-demo/auth/") }.first
                .map { "http://127.0.0.1:\(port)\($0)" }
            if link == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let loginLink = try #require(link, "no login email arrived")
        let (button, _) = try await fetch(loginLink, cookies: jar)
        #expect(String(decoding: button, as: UTF8.self).contains("Continue to your portal"))
        let (_, started) = try await fetch(loginLink, cookies: jar, form: "csrf=\(csrf)")
        #expect(started == 303)
        let (home, homeStatus) = try await fetch(portal, cookies: jar)
        #expect(homeStatus == 200)
        #expect(String(decoding: home, as: UTF8.self).contains("Hello, Cece Cunningham"))
    }

    static func hiddenField(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// A request with a plain socket-free client: curl is on every build machine, URLSession needs
    /// FoundationNetworking. With `cookies`, a cookie jar file is read and written; with `form`, it is a POST;
    /// `headers` are `Name: value` lines; `curlOptions` go to curl as they are.
    func fetch(
        _ url: String, cookies: String? = nil, form: String? = nil, headers: [String] = [], curlOptions: [String] = []
    ) async throws -> (Data, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", "20"]
            + (cookies.map { ["-b", $0, "-c", $0] } ?? []) + (form.map { ["--data", $0] } ?? [])
            + headers.flatMap { ["-H", $0] } + curlOptions + [url]
        let output = Pipe()
        process.standardOutput = output
        try ProcessLaunch.start(process)
        let data = try await BlockingWork.run {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        let text = String(decoding: data, as: UTF8.self)
        let status = Int(text.split(separator: "\n").last ?? "") ?? 0
        return (Data(text.split(separator: "\n").dropLast().joined(separator: "\n").utf8), status)
    }
}
