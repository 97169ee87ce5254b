import Configuration
import PortalKernel

/// ``PluginSettings`` over swift-configuration: a section of the config file, with environment overrides.
///
/// A value that is present but of the wrong type is an error naming the key and where the value came from (the
/// file or the environment variable), never a silent fall-back to the default.
struct ConfigReaderSettings: PluginSettings {
    let path: String
    let reader: ConfigReader
    let origins: ConfigOrigins
    /// Every key the file sets, dotted (`leadRouting.rules.north.recipients`).
    let fileKeys: Set<String>

    func string(_ key: String) throws -> String? {
        try checked(key) { reader.string(forKey: $0) }
    }

    func int(_ key: String) throws -> Int? {
        try checked(key) { reader.int(forKey: $0) }
    }

    func bool(_ key: String) throws -> Bool? {
        try checked(key) { reader.bool(forKey: $0) }
    }

    func double(_ key: String) throws -> Double? {
        try checked(key) { reader.double(forKey: $0) }
    }

    func stringArray(_ key: String) throws -> [String]? {
        try checked(key) { reader.stringArray(forKey: $0) }
    }

    func secret(_ key: String) throws -> String? {
        try checked(key) { reader.string(forKey: $0, isSecret: true) }
    }

    func section(_ key: String) -> any PluginSettings {
        ConfigReaderSettings(path: fullKey(key), reader: reader.scoped(to: ConfigKey(key)), origins: origins, fileKeys: fileKeys)
    }

    func keys() -> Set<String> {
        let prefix = path.isEmpty ? "" : path + "."
        return Set(fileKeys.filter { $0.hasPrefix(prefix) }.compactMap { $0.dropFirst(prefix.count).split(separator: ".").first.map(String.init) })
    }

    private func checked<Value>(_ key: String, _ read: (ConfigKey) -> Value?) throws -> Value? {
        let value = read(ConfigKey(key.split(separator: ".").map(String.init)))
        if let problem = origins.problem(with: fullKey(key)) {
            throw ConfigurationError.invalidValue(key: fullKey(key), problem: problem.message)
        }
        return value
    }
}
