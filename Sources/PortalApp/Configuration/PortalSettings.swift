import Logging
import NIOCore
import PortalHTTP
import PortalKernel

/// The top-level settings the app itself reads; everything else belongs to a plugin's section.
public struct PortalSettings: Sendable, Equatable {
    /// The address the HTTP server listens on (`http.host`): `127.0.0.1` by default, `0.0.0.0` or `::` for every
    /// interface.
    public var httpHost: String
    /// The TCP port the HTTP server listens on (`http.port`), 8080 by default; 0 lets the system pick a free one.
    public var httpPort: Int
    /// The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (`http.trustedProxies`, or
    /// the older `http.trustForwardedFor`); none by default.
    public var proxies: ProxyTrust
    /// The `Strict-Transport-Security` header sent when `publicBaseURL` is https (`http.hstsMaxAgeSeconds`,
    /// `http.hstsIncludeSubDomains`); `nil` when turned off.
    public var strictTransportSecurity: StrictTransportSecurity?
    /// How long a connection may take to send a request head, and stay idle (`http.requestHeadTimeoutSeconds`,
    /// `http.idleTimeoutSeconds`).
    public var connectionTimeouts: ConnectionTimeouts
    /// The base of every link the portal emails or shows.
    public var publicBaseURL: String
    /// The lowest level logged (`logLevel`: `trace` to `critical`), `info` by default.
    public var logLevel: Logger.Level
    /// The storage driver's registered name (`storage.driver`), `sqlite` by default.
    public var storageDriver: String
    /// The mailer's registered name (`mailer.driver`), `log` by default.
    public var mailerDriver: String
    /// The lead router's registered name (`leadRouting.driver`), `settings` by default.
    public var leadRoutingDriver: String
    /// The payment gateway's registered name (`payments.driver`), `sandbox` by default.
    public var paymentsDriver: String
    /// The webhook sender's registered name (`webhooks.driver`), `http` by default.
    public var webhooksDriver: String
    /// The file store's registered name (`files.driver`), `filesystem` by default (SPEC F17).
    public var filesDriver: String
    /// The photo cleaner's registered name (`images.driver`), `vips` by default (SPEC F17).
    public var imagesDriver: String
    /// The PDF renderer's registered name (`documents.driver`), `cairo` by default (SPEC F16).
    public var documentsDriver: String
    /// How the outbox worker polls, batches and retries (the `outbox` section).
    public var outbox: OutboxSettings
    /// Login links, sessions and rate limits of the customer portal.
    public var portal: PortalPolicy
    /// Serve `GET /metrics` (and record request metrics).
    public var metricsEnabled: Bool
    /// The bearer token `/metrics` asks for; `nil` when it needs none.
    public var metricsToken: String?
    /// Whether `/metrics` is open without a token on a server that does not listen on loopback only (#17).
    public var metricsPublic: Bool
    /// The scheduled backups `portal serve` takes (the `backup` section); `nil` when `backup.folder` is not set.
    public var backup: BackupSettings?

    /// Reads and validates the settings, with the documented defaults.
    public init(_ root: any PluginSettings) throws {
        let http = root.section("http")
        httpHost = try http.string("host") ?? "127.0.0.1"
        httpPort = try http.int("port", default: 8080, in: 0...65_535)
        do {
            // #21: `127.0.0.300` or an unknown name stops config-check too, not only serve. Digits and dots are an
            // IPv4 address or nothing: they are not looked up as a name.
            if httpHost.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
                _ = try SocketAddress(ipAddress: httpHost, port: httpPort)
            } else {
                _ = try SocketAddress.makeAddressResolvingHost(httpHost, port: httpPort)
            }
        } catch {
            throw ConfigurationError.invalidValue(
                key: "http.host", problem: "\"\(httpHost)\" is neither an IP address nor a name this machine resolves (\(error))")
        }
        proxies = try ProxyTrust(http)
        strictTransportSecurity = try StrictTransportSecurity.from(http)
        connectionTimeouts = try ConnectionTimeouts(http)
        let defaultBase = "http://\(httpHost.contains(":") ? "[\(httpHost)]" : httpHost):\(httpPort)"
        publicBaseURL = try root.string("publicBaseURL") ?? defaultBase
        guard publicBaseURL.hasPrefix("http://") || publicBaseURL.hasPrefix("https://") else {
            throw ConfigurationError.invalidValue(
                key: "publicBaseURL", problem: "must start with http:// or https://, got \"\(publicBaseURL)\"")
        }
        let level = try root.string("logLevel") ?? "info"
        guard let logLevel = Logger.Level(rawValue: level) else {
            throw ConfigurationError.invalidValue(
                key: "logLevel",
                problem: "must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(level)\"")
        }
        self.logLevel = logLevel
        storageDriver = try root.section("storage").string("driver") ?? "sqlite"
        mailerDriver = try root.section("mailer").string("driver") ?? "log"
        leadRoutingDriver = try root.section("leadRouting").string("driver") ?? "settings"
        paymentsDriver = try root.section("payments").string("driver") ?? "sandbox"
        webhooksDriver = try root.section("webhooks").string("driver") ?? "http"
        filesDriver = try root.section("files").string("driver") ?? "filesystem"
        imagesDriver = try root.section("images").string("driver") ?? "vips"
        documentsDriver = try root.section("documents").string("driver") ?? "cairo"
        outbox = try OutboxSettings(root.section("outbox"))
        portal = try PortalPolicy(root.section("login"))
        let metrics = root.section("metrics")
        metricsEnabled = try metrics.bool("enabled") ?? true
        metricsToken = try metrics.secret("token")
        metricsPublic = try metrics.bool("public") ?? false
        backup = try BackupSettings.read(root.section("backup"))
        if let metricsToken, metricsToken.count < 16 {
            throw ConfigurationError.invalidValue(key: "metrics.token", problem: "must be at least 16 characters")
        }
    }
}
