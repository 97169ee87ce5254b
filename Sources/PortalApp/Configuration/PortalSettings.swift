import Logging
import PortalKernel

/// The top-level settings the app itself reads; everything else belongs to a plugin's section.
public struct PortalSettings: Sendable, Equatable {
    public var httpHost: String
    public var httpPort: Int
    /// Read the client's address from `X-Forwarded-For` (set only behind a reverse proxy that writes it).
    public var trustForwardedFor: Bool
    /// The base of every link the portal emails or shows.
    public var publicBaseURL: String
    public var logLevel: Logger.Level
    public var storageDriver: String
    public var mailerDriver: String
    public var leadRoutingDriver: String
    public var paymentsDriver: String
    public var webhooksDriver: String
    public var outbox: OutboxSettings
    /// Login links, sessions and rate limits of the customer portal.
    public var portal: PortalPolicy
    /// Serve `GET /metrics` (and record request metrics).
    public var metricsEnabled: Bool
    /// The bearer token `/metrics` asks for; `nil` when it needs none.
    public var metricsToken: String?
    /// Whether `/metrics` is open without a token on a server that does not listen on loopback only (#17).
    public var metricsPublic: Bool

    /// Reads and validates the settings, with the documented defaults.
    public init(_ root: any PluginSettings) throws {
        let http = root.section("http")
        httpHost = try http.string("host") ?? "127.0.0.1"
        httpPort = try http.int("port", default: 8080, in: 0...65_535)
        trustForwardedFor = try http.bool("trustForwardedFor") ?? false
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
        outbox = try OutboxSettings(root.section("outbox"))
        portal = try PortalPolicy(root.section("login"))
        let metrics = root.section("metrics")
        metricsEnabled = try metrics.bool("enabled") ?? true
        metricsToken = try metrics.secret("token")
        metricsPublic = try metrics.bool("public") ?? false
        if let metricsToken, metricsToken.count < 16 {
            throw ConfigurationError.invalidValue(key: "metrics.token", problem: "must be at least 16 characters")
        }
    }
}
