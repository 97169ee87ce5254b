import Logging
import PortalKernel
import Testing

@Suite("Plugin registry")
struct PluginRegistryTests {
    struct NamedRouter: LeadRouter {
        let driverName: String
        func route(_ lead: Lead, account: Account) async throws -> LeadRouting { LeadRouting(recipients: []) }
    }

    struct DictionarySettings: PluginSettings {
        var path = "leadRouting"
        var values: [String: String] = [:]
        func string(_ key: String) throws -> String? { values[key] }
        func int(_ key: String) throws -> Int? { nil }
        func bool(_ key: String) throws -> Bool? { nil }
        func double(_ key: String) throws -> Double? { nil }
        func stringArray(_ key: String) throws -> [String]? { nil }
        func secret(_ key: String) throws -> String? { nil }
        func section(_ key: String) -> any PluginSettings { DictionarySettings(path: fullKey(key)) }
    }

    let context = PluginContext(logger: Logger(label: "test"), clock: FixedClock(Fixture.now))

    @Test("Builds the plugin registered under a name, passing it its settings section")
    func buildsByName() async throws {
        var registry = PluginRegistry()
        registry.leadRouters.register("zip") { settings, _ in NamedRouter(driverName: try settings.string("name") ?? "?") }
        let router = try await registry.leadRouters.make(
            "zip", settings: DictionarySettings(values: ["name": "from-settings"]), context: context)
        #expect(router.driverName == "from-settings")
    }

    @Test("An unknown name fails, listing every registered name")
    func unknownNameListsRegistered() async throws {
        var registry = PluginRegistry()
        registry.leadRouters.register("settings") { _, _ in NamedRouter(driverName: "settings") }
        registry.leadRouters.register("rules") { _, _ in NamedRouter(driverName: "rules") }
        let expected = ConfigurationError.unknownDriver(kind: "leadRouting", name: "nosuch", registered: ["rules", "settings"])
        await #expect(throws: expected) {
            _ = try await registry.leadRouters.make("nosuch", settings: DictionarySettings(), context: context)
        }
        #expect(throws: expected) { try registry.leadRouters.checkRegistered("nosuch") }
        #expect(expected.description.contains("rules, settings"))
        #expect(expected.key == "leadRouting.driver")
    }

    @Test("Range-checked integers name the full key")
    func rangeCheckedInt() throws {
        struct Port: PluginSettings {
            let path = "http"
            func string(_ key: String) throws -> String? { nil }
            func int(_ key: String) throws -> Int? { 70_000 }
            func bool(_ key: String) throws -> Bool? { nil }
            func double(_ key: String) throws -> Double? { nil }
            func stringArray(_ key: String) throws -> [String]? { nil }
            func secret(_ key: String) throws -> String? { nil }
            func section(_ key: String) -> any PluginSettings { self }
        }
        #expect(throws: ConfigurationError.invalidValue(key: "http.port", problem: "must be between 0 and 65535, got 70000")) {
            _ = try Port().int("port", default: 8080, in: 0...65_535)
        }
    }
}
