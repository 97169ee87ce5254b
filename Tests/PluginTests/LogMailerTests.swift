import Foundation
import LogMailer
import Logging
import PortalKernel
import PortalTestSupport
import PortalTesting
import Testing

@Suite("Log mailer")
struct LogMailerTests {
    @Test("Each email goes to the log and to an .eml file holding the whole message")
    func writesLogAndEml() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString)")
        let log = CapturedLog()
        var registry = PluginRegistry()
        LogMailerPlugin.register(in: &registry)
        let mailer = try await registry.mailers.make(
            "log", settings: DictionarySettings(path: "mailer", ["folder": folder.path, "fromAddress": "portal@greenleaf.example"]),
            context: PluginContext(logger: log.logger, clock: ManualClock(Date(timeIntervalSince1970: 1_790_000_000))))
        #expect(mailer.driverName == "log")
        let link = "http://127.0.0.1:8080/portal/greenleaf-demo/auth/Abc_123-xyz"
        try await mailer.send(
            EmailMessage(to: [.init(address: "cece@example.com", name: "Cece")], subject: "Your login link", textBody: "Log in: \(link)"))
        try await mailer.send(EmailMessage(to: [.init(address: "pat@example.com")], subject: "Second", textBody: "Hello"))

        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files.count == 2)
        let first = try #require(files.first { try! String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).contains("Your login link") })
        let eml = try String(contentsOf: folder.appendingPathComponent(first), encoding: .utf8)
        #expect(eml.contains("From: \"Client Portal\" <portal@greenleaf.example>\r\n"))
        #expect(eml.contains("To: \"Cece\" <cece@example.com>\r\n"))
        #expect(eml.contains(link))
        let lines = log.lines.withLock { $0 }
        #expect(lines.contains { $0.contains("Your login link") && $0.contains("cece@example.com") && $0.contains(link) && $0.contains(first) })
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("A folder that cannot be written is a transient failure, so the outbox retries")
    func unwritableFolderIsTransient() async throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("blocker-\(UUID().uuidString)")
        try Data("a file, not a folder".utf8).write(to: blocker)
        let mailer = LogMailer(
            folder: blocker.appendingPathComponent("mail"), defaultFrom: .init(address: "portal@localhost"),
            logger: Logger(label: "test"), clock: SystemClock())
        await #expect {
            try await mailer.send(EmailMessage(to: [.init(address: "a@example.com")], subject: "s", textBody: "t"))
        } throws: { error in
            if case .transient = error as? MailDeliveryError { return true }
            return false
        }
        try? FileManager.default.removeItem(at: blocker)
    }

    @Test("A sender that is not an email address stops start-up naming the key")
    func badFromAddress() async throws {
        var registry = PluginRegistry()
        LogMailerPlugin.register(in: &registry)
        await #expect(throws: ConfigurationError.invalidValue(key: "mailer.fromAddress", problem: "\"nobody\" is not an email address")) {
            _ = try await registry.mailers.make(
                "log", settings: DictionarySettings(path: "mailer", ["fromAddress": "nobody"]),
                context: PluginContext(logger: Logger(label: "test"), clock: SystemClock()))
        }
    }
}
