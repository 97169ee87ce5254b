import Foundation
import NIOSSL
import PortalKernel
import PostgresNIO

/// Where the PostgreSQL server is and how to reach it (section `storage`, driver `postgres`).
///
/// Either `url` (`postgres://user:password@host:5432/database?sslmode=require`) or `host`, `port`, `database`,
/// `user` and `password`; a key given both ways takes the separate key. `tls` is `disable`, `prefer` (the
/// default) or `require`; `poolSize` caps the connections of this process (default 10); `schema` (default
/// `public`) puts the portal's tables in a schema of their own, so several portals can share one database. Other keys of the section
/// are left alone, as by the other storage drivers, so a config file that names the SQLite `path` can be switched
/// with `PORTAL_STORAGE_DRIVER=postgres` alone.
struct PostgresSettings: Sendable, Equatable {
    enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    var host: String
    var port: Int
    var database: String
    var user: String
    var password: String?
    var tls: TLSMode
    var poolSize: Int
    /// The schema holding the tables (created if missing); `public` by default.
    var schema: String

    init(
        host: String, port: Int = 5432, database: String, user: String, password: String?, tls: TLSMode = .prefer,
        poolSize: Int = 10, schema: String = "public"
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.tls = tls
        self.poolSize = poolSize
        self.schema = schema
    }

    init(_ settings: any PluginSettings) throws {
        let url = try settings.secret("url").map { try Self.parse(url: $0, key: settings.fullKey("url")) }
        guard let host = try settings.string("host") ?? url?.host else {
            throw ConfigurationError.invalidValue(
                key: settings.fullKey("host"), problem: "is missing: set \(settings.fullKey("url")) or \(settings.fullKey("host"))")
        }
        self.host = host
        port = try settings.int("port", default: url?.port ?? 5432, in: 1...65_535)
        guard let database = try settings.string("database") ?? url?.database, !database.isEmpty else {
            throw ConfigurationError.missingValue(key: settings.fullKey("database"))
        }
        self.database = database
        guard let user = try settings.string("user") ?? url?.user, !user.isEmpty else {
            throw ConfigurationError.missingValue(key: settings.fullKey("user"))
        }
        self.user = user
        password = try settings.secret("password") ?? url?.password
        let tlsName = try settings.string("tls") ?? url?.sslMode ?? TLSMode.prefer.rawValue
        guard let tls = TLSMode(rawValue: tlsName) else {
            throw ConfigurationError.invalidValue(
                key: settings.fullKey("tls"), problem: "must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(tlsName)\"")
        }
        self.tls = tls
        poolSize = try settings.int("poolSize", default: 10, in: 2...500)
        schema = try settings.string("schema") ?? "public"
        guard let first = schema.first, first.isLetter || first == "_", schema.count <= 63,
            schema.allSatisfy({ ($0.isLetter && $0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "_" })
        else {
            throw ConfigurationError.invalidValue(
                key: settings.fullKey("schema"), problem: "must be a lower-case name of letters, digits and _, got \"\(schema)\"")
        }
    }

    /// The parts of a `postgres://` URL. Its text is never part of an error: it may hold the password.
    private struct URLParts {
        var host: String?
        var port: Int?
        var database: String?
        var user: String?
        var password: String?
        var sslMode: String?
    }

    private static func parse(url text: String, key: String) throws -> URLParts {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw ConfigurationError.invalidValue(key: key, problem: "must be a URL such as postgres://user:password@host:5432/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return URLParts(
            host: components.host.flatMap { $0.isEmpty ? nil : $0 }, port: components.port, database: database.removingPercentEncoding,
            user: components.user?.removingPercentEncoding, password: components.password?.removingPercentEncoding,
            sslMode: components.queryItems?.first { $0.name == "sslmode" }?.value)
    }

    /// `user@host:port/database`: for logs and errors (never the password).
    var displayName: String { "\(user)@\(host):\(port)/\(database)" }

    /// The pool's configuration.
    func clientConfiguration() -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: clientTLS)
        configuration.options.maximumConnections = poolSize
        configuration.options.minimumConnections = 0
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        return configuration
    }

    /// A single connection's configuration: start-up checks one connection first, for a clear error.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }
}
