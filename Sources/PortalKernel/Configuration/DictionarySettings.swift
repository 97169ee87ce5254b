import Foundation

/// ``PluginSettings`` from a dictionary of strings, for tools that build a plugin without a config file (the
/// benchmark) and for tests. Values are parsed as the reader asks; one that does not parse is
/// ``ConfigurationError/invalidValue(key:problem:)``.
public struct DictionarySettings: PluginSettings {
    /// The section's dotted path from the configuration's root (`storage`, `leadRouting.rules`; empty for the root),
    /// which error messages name.
    public let path: String
    /// Values by key relative to this section; a nested key is dotted (`smtp.port`).
    public let values: [String: String]

    /// Memberwise: the section at `path` holding `values`; nothing is parsed until read.
    public init(path: String, _ values: [String: String] = [:]) {
        self.path = path
        self.values = values
    }

    public func string(_ key: String) throws -> String? { values[key] }

    public func int(_ key: String) throws -> Int? { try parse(key, as: "a whole number") { Int($0) } }

    public func bool(_ key: String) throws -> Bool? { try parse(key, as: "true or false") { Bool($0) } }

    public func double(_ key: String) throws -> Double? { try parse(key, as: "a number") { Double($0) } }

    public func stringArray(_ key: String) throws -> [String]? {
        values[key].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    public func secret(_ key: String) throws -> String? { values[key] }

    public func section(_ key: String) -> any PluginSettings {
        let prefix = key + "."
        let nested = values.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }
        return DictionarySettings(path: fullKey(key), Dictionary(nested, uniquingKeysWith: { first, _ in first }))
    }

    public func keys() -> Set<String> {
        Set(values.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
    }

    private func parse<Value>(_ key: String, as kind: String, _ convert: (String) -> Value?) throws -> Value? {
        guard let text = values[key] else { return nil }
        guard let value = convert(text) else {
            throw ConfigurationError.invalidValue(key: fullKey(key), problem: "must be \(kind), got \"\(text)\"")
        }
        return value
    }
}
