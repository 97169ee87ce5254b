import Foundation
import Logging
import NIOCore
import NIOSSL
import PortalKernel

/// Real email over SMTP (RFC 5321): `EHLO`, `STARTTLS` or implicit TLS, `AUTH PLAIN`/`LOGIN`, several recipients,
/// `DATA` with dot-stuffing. One connection per message.
///
/// Failures are reported in the outbox's terms: a 4xx reply, a refused connection or a time-out is transient; a 5xx
/// reply is permanent, with the server's words. The password never appears in a log or an error.
public struct SMTPMailer: Mailer {
    /// `smtp`, as `/health` shows it.
    public let driverName = "smtp"
    let settings: SMTPSettings
    let clock: any PortalClock
    let logger: Logger
    private let tls: NIOSSLContext

    /// Sends with `settings`, dating each message by `clock`; throws when the TLS context cannot be made (an unreadable
    /// `caFile`).
    public init(settings: SMTPSettings, clock: any PortalClock, logger: Logger) throws {
        self.settings = settings
        self.clock = clock
        self.logger = logger
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
        tls = try NIOSSLContext(configuration: configuration)
    }

    public func send(_ message: EmailMessage) async throws {
        // Addresses go into SMTP commands as they are: one with a line break could smuggle in commands of its own.
        let addresses = [settings.from.address] + message.to.map(\.address) + (message.replyTo.map { [$0.address] } ?? [])
        if let bad = addresses.first(where: { !EmailAddress.isValid($0) }) {
            throw MailDeliveryError.permanent("not a valid email address: \(bad.debugDescription)")
        }
        let mime = MIMEMessage(message, defaultFrom: settings.from, date: clock.now)
        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.open(
                host: settings.host, port: settings.port, tls: settings.implicitTLS ? tls : nil,
                connectTimeout: .seconds(Int64(settings.connectTimeout)), commandTimeout: .seconds(Int64(settings.commandTimeout)))
        } catch {
            throw MailDeliveryError.transient("cannot connect to \(settings.host):\(settings.port): \(error)")
        }
        do {
            try await deliver(mime, to: message.to.map(\.address), over: connection)
            await connection.close()
        } catch let error as MailDeliveryError {
            await connection.close()
            throw error
        } catch {
            await connection.close()
            throw MailDeliveryError.transient("\(settings.host): \(error)")
        }
    }

    private func deliver(_ mime: MIMEMessage, to recipients: [String], over connection: SMTPConnection) async throws {
        try expect(try await connection.send(nil), 220)
        var capabilities = try await hello(connection)
        if !settings.implicitTLS, settings.startTLS != .none {
            if capabilities.contains("STARTTLS") {
                try expect(try await connection.send("STARTTLS"), 220)
                try await connection.upgrade(with: tls, host: settings.host)
                capabilities = try await hello(connection)
            } else if settings.startTLS == .required {
                throw MailDeliveryError.permanent("\(settings.host) does not offer STARTTLS, which mailer.starttls requires")
            }
        }
        if let username = settings.username, let password = settings.password {
            try await authenticate(username: username, password: password, capabilities: capabilities, over: connection)
        }
        try expect(try await connection.send("MAIL FROM:<\(settings.from.address)>"), 250)
        var refused: [String] = []
        for recipient in recipients {
            let reply = try await connection.send("RCPT TO:<\(recipient)>")
            if (400..<500).contains(reply.code) { throw reply.failure }
            if !reply.isPositive { refused.append("\(recipient): \(reply)") }
        }
        guard refused.count < recipients.count else {
            throw MailDeliveryError.permanent("every recipient was refused: \(refused.joined(separator: "; "))")
        }
        try expect(try await connection.send("DATA"), 354)
        try expect(try await connection.send(Self.dotStuffed(mime.text) + "\r\n.", describedAs: "end of message"), 250)
        _ = try? await connection.send("QUIT")
        logger.info("SMTP accepted the message", metadata: ["messageID": "\(mime.messageID)", "server": "\(settings.host)"])
        if !refused.isEmpty {
            // Sent to the others; the refusal is reported so staff see that someone did not get it.
            throw MailDeliveryError.permanent("sent, but refused for \(refused.joined(separator: "; "))")
        }
    }

    /// `EHLO`, returning the extension keywords the server offers (`STARTTLS`, `AUTH PLAIN LOGIN`, …).
    private func hello(_ connection: SMTPConnection) async throws -> Set<String> {
        let reply = try await connection.send("EHLO \(settings.heloName)")
        try expect(reply, 250)
        return Set(reply.lines.dropFirst().map { $0.uppercased() }.flatMap { line in
            line.hasPrefix("AUTH ") ? line.split(separator: " ").dropFirst().map { "AUTH \($0)" } : [line]
        })
    }

    private func authenticate(
        username: String, password: String, capabilities: Set<String>, over connection: SMTPConnection
    ) async throws {
        if capabilities.contains("AUTH PLAIN") {
            let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
            try expect(try await connection.send("AUTH PLAIN \(token)", describedAs: "AUTH PLAIN"), 235)
        } else if capabilities.contains("AUTH LOGIN") {
            try expect(try await connection.send("AUTH LOGIN"), 334)
            try expect(try await connection.send(Data(username.utf8).base64EncodedString(), describedAs: "AUTH LOGIN user"), 334)
            try expect(try await connection.send(Data(password.utf8).base64EncodedString(), describedAs: "AUTH LOGIN password"), 235)
        } else {
            throw MailDeliveryError.permanent("\(settings.host) offers no AUTH PLAIN or LOGIN, and a username is configured")
        }
    }

    private func expect(_ reply: SMTPReply, _ code: Int) throws {
        guard reply.code == code else { throw reply.failure }
    }

    /// The message with every line that starts with `.` given a second one (RFC 5321 §4.5.2), CRLF line ends.
    static func dotStuffed(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }
}

extension SMTPMailer: PluginLocation {
    /// The server and how the connection is protected (`smtp.example.com:587, STARTTLS required`).
    public var location: String {
        "\(settings.host):\(settings.port), " + (settings.implicitTLS ? "TLS" : "STARTTLS \(settings.startTLS.rawValue)")
    }
}
