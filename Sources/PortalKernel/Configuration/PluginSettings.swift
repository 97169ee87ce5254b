/// One plugin's section of the configuration (`storage`, `mailer`, …), as the plugin's factory sees it.
///
/// The app backs it with the config file and environment variables; tests back it with a dictionary. Every
/// read names the full key in its error, so a bad value can be found at once.
public protocol PluginSettings: Sendable {
    /// The dotted path of this section (`storage`).
    var path: String { get }

    /// The value of `key` in this section, `nil` when absent; throws ``ConfigurationError/invalidValue`` when
    /// present but not a string.
    func string(_ key: String) throws -> String?
    func int(_ key: String) throws -> Int?
    func bool(_ key: String) throws -> Bool?
    func double(_ key: String) throws -> Double?
    func stringArray(_ key: String) throws -> [String]?
    /// Like ``string(_:)``, for a password or key: the value is redacted wherever configuration is printed.
    func secret(_ key: String) throws -> String?
    /// A nested section.
    func section(_ key: String) -> any PluginSettings
    /// The names of this section's own keys that the configuration file sets (a nested section counts once), so a
    /// plugin can refuse a key it does not know instead of ignoring a typo.
    func keys() -> Set<String>
}

extension PluginSettings {
    /// The full dotted key of `key` in this section (`storage.path`).
    public func fullKey(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// A value that must be present.
    public func required<Value>(_ key: String, _ read: (String) throws -> Value?) throws -> Value {
        guard let value = try read(key) else { throw ConfigurationError.missingValue(key: fullKey(key)) }
        return value
    }

    /// A whole number within `range`, or `defaultValue` when absent.
    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value = try int(key) else { return defaultValue }
        guard range.contains(value) else {
            throw ConfigurationError.invalidValue(
                key: fullKey(key), problem: "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }
}

/// Why the configuration cannot be used. Its description names the key (and, from the app, the file).
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case missingValue(key: String)
    case invalidValue(key: String, problem: String)
    case unknownDriver(kind: String, name: String, registered: [String])

    /// The dotted key the error is about.
    public var key: String {
        switch self {
        case .missingValue(let key), .invalidValue(let key, _): key
        case .unknownDriver(let kind, _, _): "\(kind).driver"
        }
    }

    public var description: String {
        switch self {
        case .missingValue(let key):
            "\(key): a value is required"
        case .invalidValue(let key, let problem):
            "\(key): \(problem)"
        case .unknownDriver(let kind, let name, let registered):
            "\(kind).driver: unknown driver \"\(name)\"; registered \(kind) drivers: "
                + (registered.isEmpty ? "(none)" : registered.joined(separator: ", "))
        }
    }
}
