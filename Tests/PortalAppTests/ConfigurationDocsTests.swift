import Foundation
import PortalApp
import Testing

@Suite("Configuration reference")
struct ConfigurationDocsTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The dotted keys of every leaf value in a JSON object.
    static func leafKeys(_ object: [String: Any], prefix: String = "") -> [String] {
        object.flatMap { key, value -> [String] in
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            if let nested = value as? [String: Any] { return leafKeys(nested, prefix: path) }
            return [path]
        }
    }

    @Test("Every key of the shipped portal.json is documented with its environment variable")
    func everyShippedKeyDocumented() throws {
        let json = try Data(contentsOf: Self.root.appendingPathComponent("Configuration/portal.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let docs = try String(contentsOf: Self.root.appendingPathComponent("Docs/Configuration.md"), encoding: .utf8)
        let rows = docs.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let keys = Self.leafKeys(object)
        #expect(keys.count >= 10)
        for key in keys {
            let variable = EnvironmentVariableName.forKey(key)
            #expect(rows.contains { $0.hasPrefix("| `\(key)` |") && $0.contains("`\(variable)`") }, "\(key) / \(variable)")
        }
    }
}
