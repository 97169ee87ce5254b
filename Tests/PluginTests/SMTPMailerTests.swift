import Foundation
import HTTPWebhooks
import Logging
import PortalKernel
import PortalTestSupport
import PortalTesting
import SMTPMailer
import SQLiteStorage
import Testing

/// The SMTP mailer against a real SMTP server (aiosmtpd on 127.0.0.1).
@Suite("SMTP mailer", .serialized)
struct SMTPMailerTests {
    let message = EmailMessage(
        to: [.init(address: "cece@example.com", name: "Cécile Cunningham")],
        subject: "Votre facture payée ✓ — Greenleaf",
        textBody: "Hello Cécile,\n.this line starts with a dot\n..and this one with two\n.\nThanks!",
        htmlBody: "<p>Hello C&eacute;cile</p>")

    func mailer(_ server: LocalSMTPServer, host: String = "127.0.0.1", _ values: [String: String] = [:]) throws -> SMTPMailer {
        var settings = ["host": host, "port": "\(server.port)", "fromAddress": "portal@greenleaf.example", "fromName": "Greenleaf", "starttls": "none"]
        settings.merge(values) { $1 }
        return try SMTPMailer(settings: SMTPSettings(DictionarySettings(path: "mailer", settings)), clock: SystemClock(), logger: Logger(label: "test"))
    }

    /// The decoded text of an RFC 2047 encoded header value.
    func decodedHeader(_ eml: String, _ name: String) -> String {
        let unfolded = eml.replacingOccurrences(of: "\r\n ", with: " ")
        guard let line = unfolded.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("\(name): ") }) else { return "" }
        return line.dropFirst(name.count + 2).split(separator: " ").map { word in
            guard word.hasPrefix("=?utf-8?B?"), word.hasSuffix("?=") else { return String(word) }
            return String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data(), as: UTF8.self)
        }.joined()
    }

    @Test("Plain SMTP: UTF-8 subject and name, lines starting with a dot and both parts arrive intact")
    func plainDelivery() async throws {
        let server = try await LocalSMTPServer()
        defer { server.stop() }
        var twoRecipients = message
        twoRecipients.to.append(.init(address: "office@greenleaf.example"))
        try await mailer(server).send(twoRecipients)
        let received = try server.received()
        #expect(received.count == 1)
        let mail = try #require(received.first)
        #expect(mail.from == "portal@greenleaf.example")
        #expect(mail.to == ["cece@example.com", "office@greenleaf.example"])
        #expect(decodedHeader(mail.eml, "Subject") == "Votre facture payée ✓ — Greenleaf")
        #expect(mail.eml.contains("\r\n.this line starts with a dot\r\n"))
        #expect(mail.eml.contains("\r\n..and this one with two\r\n"))
        #expect(mail.eml.contains("\r\n.\r\nThanks!"))
        #expect(mail.eml.contains("Content-Type: multipart/alternative"))
        #expect(mail.eml.contains("\r\nMessage-ID: <") && mail.eml.hasPrefix("Date: "))
        #expect(!mail.tls)
    }

    @Test("STARTTLS with a self-signed certificate the configuration trusts, then AUTH")
    func startTLSAndAuth() async throws {
        let server = try await LocalSMTPServer(tls: "starttls", user: "portal", password: "s3cret-pass")
        defer { server.stop() }
        let smtp = try mailer(server, host: "localhost", ["starttls": "required", "caFile": server.certificate, "username": "portal", "password": "s3cret-pass"])
        try await smtp.send(message)
        let mail = try #require(try server.received().first)
        #expect(mail.tls)
        #expect(mail.to == ["cece@example.com"])
    }

    @Test("Implicit TLS (SMTPS) from the first byte")
    func implicitTLS() async throws {
        let server = try await LocalSMTPServer(tls: "implicit")
        defer { server.stop() }
        try await mailer(server, host: "localhost", ["implicitTLS": "true", "caFile": server.certificate]).send(message)
        #expect(try server.received().count == 1)
        // The same server does not speak plain SMTP: what arrived came over TLS.
        await #expect(throws: MailDeliveryError.self) {
            try await mailer(server, ["implicitTLS": "false", "commandTimeoutSeconds": "2"]).send(message)
        }
        #expect(try server.received().count == 1)
    }

    @Test("A wrong password is a permanent failure carrying the server's reply")
    func authFailure() async throws {
        let server = try await LocalSMTPServer(tls: "starttls", user: "portal", password: "right")
        defer { server.stop() }
        let smtp = try mailer(server, host: "localhost", ["starttls": "required", "caFile": server.certificate, "username": "portal", "password": "wrong"])
        await #expect {
            try await smtp.send(message)
        } throws: { error in
            guard case .permanent(let reply) = error as? MailDeliveryError else { return false }
            return reply.hasPrefix("535") && !reply.contains("wrong")
        }
        #expect(try server.received().isEmpty)
    }

    @Test("A certificate the configuration does not trust is refused, as a temporary failure")
    func untrustedCertificate() async throws {
        let server = try await LocalSMTPServer(tls: "starttls")
        defer { server.stop() }
        await #expect {
            try await mailer(server, host: "localhost", ["starttls": "required"]).send(message)
        } throws: { error in
            if case .transient = error as? MailDeliveryError { return true }
            return false
        }
        #expect(try server.received().isEmpty)
    }

    @Test("STARTTLS required but not offered: nothing is sent; opportunistic sends in the clear")
    func startTLSPolicy() async throws {
        let server = try await LocalSMTPServer()
        defer { server.stop() }
        await #expect {
            try await mailer(server, ["starttls": "required"]).send(message)
        } throws: { error in
            guard case .permanent(let reply) = error as? MailDeliveryError else { return false }
            return reply.contains("STARTTLS")
        }
        #expect(try server.received().isEmpty)
        try await mailer(server, ["starttls": "opportunistic"]).send(message)
        #expect(try server.received().count == 1)
    }

    @Test("A rejected recipient is a permanent failure; the other recipients still get the message")
    func rejectedRecipient() async throws {
        let server = try await LocalSMTPServer(reject: ["nobody@example.com"])
        defer { server.stop() }
        var toNobody = message
        toNobody.to = [.init(address: "nobody@example.com")]
        await #expect {
            try await mailer(server).send(toNobody)
        } throws: { error in
            guard case .permanent(let reply) = error as? MailDeliveryError else { return false }
            return reply.contains("550")
        }
        #expect(try server.received().isEmpty)

        var mixed = message
        mixed.to.append(.init(address: "nobody@example.com"))
        await #expect(throws: MailDeliveryError.self) { try await mailer(server).send(mixed) }
        #expect(try server.received().map(\.to) == [["cece@example.com"]])
    }

    @Test("An address that could smuggle in SMTP commands is refused before anything is sent")
    func refusesCommandInjection() async throws {
        let server = try await LocalSMTPServer()
        defer { server.stop() }
        var sneaky = message
        sneaky.to = [.init(address: "cece@example.com>\r\nRCPT TO:<thief@example.com")]
        await #expect {
            try await mailer(server).send(sneaky)
        } throws: { error in
            guard case .permanent(let reply) = error as? MailDeliveryError else { return false }
            return reply.hasPrefix("not a valid email address")
        }
        #expect(try server.received().isEmpty)
    }

    @Test("Server down, then up: the outbox retries and the message arrives exactly once")
    func downThenUp() async throws {
        // Learn a free port, then leave it closed: the server is "down".
        let probe = try await LocalSMTPServer()
        let port = probe.port
        probe.stop()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-down-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let smtp = try SMTPMailer(
            settings: SMTPSettings(DictionarySettings(path: "mailer", ["host": "127.0.0.1", "port": "\(port)", "fromAddress": "portal@greenleaf.example", "starttls": "none"])),
            clock: SystemClock(), logger: Logger(label: "test"))
        let store = try SQLiteStorage(path: folder.appendingPathComponent("outbox.sqlite").path)
        try await store.migrate()
        let now = Date()
        try await store.accounts.insert(Account(id: "a", name: "A", portalKey: "a", branding: Branding(displayName: "A"), createdAt: now))
        let queued = OutboxMessage(accountID: "a", email: message, nextAttemptAt: now, createdAt: now)
        try await store.outbox.enqueue(queued)
        let clock = ManualClock(now)
        let delivery = OutboxDelivery(storage: store, mailer: smtp, webhooks: HTTPWebhookSender(timeoutSeconds: 5), clock: clock, policy: RetryPolicy(baseDelay: 60), logger: Logger(label: "test"), jitter: { 0 })

        #expect(try await delivery.deliverDue(limit: 5) == OutboxDelivery.Round(retrying: 1))
        #expect(try await store.outbox.find(queued.id, in: "a")?.lastError?.contains("cannot connect") == true)

        let server = try await LocalSMTPServer(port: port, mailDirectory: folder.appendingPathComponent("mail"))
        defer { server.stop() }
        clock.advance(by: 30)
        #expect(try await delivery.deliverDue(limit: 5) == OutboxDelivery.Round(delivered: 1))
        clock.advance(by: 3_600)
        #expect(try await delivery.deliverDue(limit: 5).handled == 0)
        #expect(try server.received().count == 1)
        let stored = try #require(try await store.outbox.find(queued.id, in: "a"))
        #expect(stored.status == .delivered && stored.attempts == 2)
        try await store.close()
    }

    @Test("Bad settings name the key; the password is never logged")
    func settings() async throws {
        #expect(throws: ConfigurationError.missingValue(key: "mailer.host")) {
            _ = try SMTPSettings(DictionarySettings(path: "mailer", ["fromAddress": "a@example.com"]))
        }
        #expect(throws: ConfigurationError.self) {
            _ = try SMTPSettings(DictionarySettings(path: "mailer", ["host": "h", "fromAddress": "a@example.com", "starttls": "sometimes"]))
        }
        #expect(throws: ConfigurationError.invalidValue(key: "mailer.username", problem: "username and password go together")) {
            _ = try SMTPSettings(DictionarySettings(path: "mailer", ["host": "h", "fromAddress": "a@example.com", "password": "x"]))
        }
        let defaults = try SMTPSettings(DictionarySettings(path: "mailer", ["host": "h", "fromAddress": "a@example.com", "port": "465"]))
        #expect(defaults.implicitTLS && defaults.startTLS == .required)

        let server = try await LocalSMTPServer(tls: "starttls", user: "portal", password: "hunter2-secret")
        defer { server.stop() }
        let log = CapturedLog()
        var registry = PluginRegistry()
        SMTPMailerPlugin.register(in: &registry)
        let smtp = try await registry.mailers.make(
            "smtp",
            settings: DictionarySettings(path: "mailer", [
                "host": "localhost", "port": "\(server.port)", "fromAddress": "portal@greenleaf.example", "caFile": server.certificate,
                "username": "portal", "password": "hunter2-secret",
            ]),
            context: PluginContext(logger: log.logger, clock: SystemClock()))
        try await smtp.send(message)
        let lines = log.lines.withLock { $0 }
        #expect(!lines.isEmpty)
        #expect(!lines.contains { $0.contains("hunter2") || $0.contains("aHVudGVy") })
    }
}
