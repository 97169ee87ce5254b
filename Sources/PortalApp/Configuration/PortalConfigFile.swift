import Configuration
import Foundation
import PortalKernel
import SystemPackage

/// The configuration: one JSON file (default `Configuration/portal.json`) under environment variables that
/// override any key (see ``EnvironmentVariableName``).
public struct PortalConfigFile: Sendable {
    /// The default file, relative to the working directory.
    public static let defaultPath = "Configuration/portal.json"

    /// The file it was read from.
    public let filePath: String
    /// The whole configuration, for plugins to read their sections from.
    public let root: any PluginSettings
    private let origins: ConfigOrigins
    /// Every key the file sets, dotted.
    private let fileKeys: Set<String>
    /// The names of the `PORTAL_…` environment variables set.
    private let variableNames: Set<String>

    /// Reads `filePath` and the environment. A missing or malformed file is an error naming the file.
    public static func load(
        filePath: String = defaultPath, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> PortalConfigFile {
        guard FileManager.default.fileExists(atPath: filePath) else {
            throw StartupError.configFile(path: filePath, problem: "no such file")
        }
        let file: FileProvider<JSONSnapshot>
        do {
            file = try await FileProvider<JSONSnapshot>(
                parsingOptions: .init(secretsSpecifier: .dynamic { key, _ in isSecretKey(key) }),
                filePath: FilePath(filePath))
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw StartupError.configFile(path: filePath, problem: "not valid JSON: \(detail)")
        }
        let text = (try? String(contentsOfFile: filePath, encoding: .utf8)) ?? ""
        if let duplicate = JSONDuplicateKeys.find(in: text).first {
            throw StartupError.configFile(path: filePath, problem: "\"\(duplicate)\" is set twice: keep one (only one of them would be used)")
        }
        let portalVariables = environment.filter { $0.key.hasPrefix(EnvironmentVariableName.prefix + "_") }
        let variables = EnvironmentVariablesProvider(
            environmentVariables: portalVariables,
            secretsSpecifier: .dynamic { name, _ in isSecretKey(name) }
        ).prefixKeys(with: ConfigKey([EnvironmentVariableName.prefix.lowercased()]))
        let origins = ConfigOrigins(filePath: filePath)
        let reader = ConfigReader(providers: [variables, file], accessReporter: origins)
        let keys = try fileKeys(of: filePath)
        return PortalConfigFile(
            filePath: filePath, root: ConfigReaderSettings(path: "", reader: reader, origins: origins, fileKeys: keys),
            origins: origins, fileKeys: keys, variableNames: Set(portalVariables.keys))
    }

    /// Stops start-up when the file or a `PORTAL_…` variable sets a key, among those `inScope` accepts, that nothing
    /// has read (#21): a typo would otherwise be ignored and its default used. Run after everything that reads those
    /// keys; the error names the file, each key, and the nearest known key.
    /// `unread` says, for a key with no known key near it, why nothing reads it.
    public func checkEveryKeyRead(
        where inScope: (String) -> Bool, unread: (String) -> String = { _ in "nothing reads it (see Docs/Configuration.md)" }
    ) throws {
        let problems = UnknownConfigKeys.problems(
            fileKeys: fileKeys, variables: variableNames, read: origins.readKeys, inScope: inScope, unread: unread)
        guard problems.isEmpty else { throw StartupError.configFile(path: filePath, problem: problems.joined(separator: "; ")) }
    }

    /// Every key `filePath` sets, dotted. The file parsed already, so this only walks it.
    static func fileKeys(of filePath: String) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: filePath)))
        var keys: Set<String> = []
        func walk(_ value: Any, _ path: String) {
            guard let dictionary = value as? [String: Any] else {
                if !path.isEmpty { keys.insert(path) }
                return
            }
            for (key, nested) in dictionary { walk(nested, path.isEmpty ? key : "\(path).\(key)") }
        }
        walk(object, "")
        return keys
    }

    /// A configuration error as the person running the portal should read it: prefixed with where the bad
    /// value came from (the environment variable that overrode the key, or the file).
    public func startupError(_ error: ConfigurationError) -> StartupError {
        .configuration(source: origins.origin(of: error.key)?.description ?? filePath, error)
    }

    /// Keys whose values are redacted wherever configuration is printed: passwords, secrets, tokens, keys, and
    /// the database URL (`postgres://user:password@…`).
    static func isSecretKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "secret", "token", "apikey", "api_key", "privatekey", "private_key"]
            .contains { lowered.contains($0) } || ["storage.url", "storage_url"].contains { lowered.hasSuffix($0) }
    }
}

/// Why the portal cannot start. Its description is what the person running it reads.
public enum StartupError: Error, CustomStringConvertible {
    case configFile(path: String, problem: String)
    /// `source` is the file, or the environment variable the bad value came from.
    case configuration(source: String, ConfigurationError)

    public var description: String {
        switch self {
        case .configFile(let path, let problem): "\(path): \(problem)"
        case .configuration(let source, let error): "\(source): \(error)"
        }
    }
}
