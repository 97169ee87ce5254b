import Foundation
import PortalKernel

/// The `mailer` section for `mailer.driver = "smtp"`.
public struct SMTPSettings: Sendable {
    /// Whether and how the plain connection is upgraded with `STARTTLS`.
    public enum StartTLS: String, Sendable, CaseIterable {
        /// Refuse to send unless the server offers STARTTLS (the default).
        case required
        /// Upgrade when the server offers it, otherwise send in the clear.
        case opportunistic
        /// Never upgrade (a server on the same machine or network).
        case none
    }

    /// The mail server's host name or address (`smtp.example.com`); TLS certificates are checked against it.
    public var host: String
    /// The server's TCP port, 1 to 65,535: 587 (submission) by default, 465 for implicit TLS.
    public var port: Int
    /// TLS from the first byte (SMTPS, port 465); `startTLS` does not apply then.
    public var implicitTLS: Bool
    /// Whether the plain connection must, may or must not be upgraded with `STARTTLS` (`required` by default).
    public var startTLS: StartTLS
    /// The login for `AUTH PLAIN`/`LOGIN`, given together with ``password``; `nil` to send without logging in.
    public var username: String?
    /// Never logged or printed.
    public var password: String?
    /// The sender of every message that names none, and the `MAIL FROM` address of all (`fromAddress`, `fromName`).
    public var from: EmailMessage.Mailbox
    /// The name given in `EHLO`.
    public var heloName: String
    /// Seconds to wait for the connection, 1 to 600 in the configuration (10 by default); longer is a transient
    /// failure.
    public var connectTimeout: TimeInterval
    /// Seconds to wait for each server reply, 1 to 3,600 in the configuration (60 by default); longer is a transient
    /// failure.
    public var commandTimeout: TimeInterval
    /// A PEM file of certificates to trust instead of the system's (a private server's own CA).
    public var caFile: String?

    /// Memberwise, with the defaults of the configuration: port 587, STARTTLS required, no login, `localhost` in
    /// `EHLO`, 10 seconds to connect and 60 per reply.
    public init(
        host: String, port: Int = 587, implicitTLS: Bool = false, startTLS: StartTLS = .required, username: String? = nil,
        password: String? = nil, from: EmailMessage.Mailbox, heloName: String = "localhost", connectTimeout: TimeInterval = 10,
        commandTimeout: TimeInterval = 60, caFile: String? = nil
    ) {
        self.host = host
        self.port = port
        self.implicitTLS = implicitTLS
        self.startTLS = startTLS
        self.username = username
        self.password = password
        self.from = from
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.caFile = caFile
    }

    /// Reads `host` (required), `port` (587), `implicitTLS` (true when the port is 465), `starttls`
    /// (`required` | `opportunistic` | `none`), `username`, `password` (a secret), `fromAddress` (required),
    /// `fromName`, `heloName`, `connectTimeoutSeconds` (10), `commandTimeoutSeconds` (60) and `caFile`.
    public init(_ section: any PluginSettings) throws {
        let host = try section.required("host", section.string)
        let port = try section.int("port", default: 587, in: 1...65_535)
        let startTLSName = try section.string("starttls") ?? StartTLS.required.rawValue
        guard let startTLS = StartTLS(rawValue: startTLSName) else {
            throw ConfigurationError.invalidValue(
                key: section.fullKey("starttls"),
                problem: "must be one of \(StartTLS.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(startTLSName)\"")
        }
        let fromAddress = try section.required("fromAddress", section.string)
        guard EmailAddress.isValid(fromAddress) else {
            throw ConfigurationError.invalidValue(key: section.fullKey("fromAddress"), problem: "\"\(fromAddress)\" is not an email address")
        }
        let username = try section.string("username")
        let password = try section.secret("password")
        guard (username == nil) == (password == nil) else {
            throw ConfigurationError.invalidValue(
                key: section.fullKey(username == nil ? "username" : "password"), problem: "username and password go together")
        }
        if let caFile = try section.string("caFile"), !FileManager.default.isReadableFile(atPath: caFile) {
            throw ConfigurationError.invalidValue(key: section.fullKey("caFile"), problem: "cannot read \(caFile)")
        }
        self.init(
            host: host, port: port, implicitTLS: try section.bool("implicitTLS") ?? (port == 465), startTLS: startTLS,
            username: username, password: password,
            from: EmailMessage.Mailbox(address: fromAddress, name: try section.string("fromName") ?? "Client Portal"),
            heloName: try section.string("heloName") ?? "localhost",
            connectTimeout: TimeInterval(try section.int("connectTimeoutSeconds", default: 10, in: 1...600)),
            commandTimeout: TimeInterval(try section.int("commandTimeoutSeconds", default: 60, in: 1...3_600)),
            caFile: try section.string("caFile"))
    }
}
