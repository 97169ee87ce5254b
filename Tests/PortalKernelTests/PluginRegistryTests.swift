import Logging
import PortalKernel
import PortalTesting
import Testing

@Suite("Plugin registry")
struct PluginRegistryTests {
    struct NamedRouter: LeadRouter {
        let driverName: String
        func route(_ lead: Lead, account: Account) async throws -> LeadRouting { LeadRouting(recipients: []) }
    }

    let context = PluginContext(logger: Logger(label: "test"), clock: ManualClock(Fixture.now))

    @Test("Builds the plugin registered under a name, passing it its settings section")
    func buildsByName() async throws {
        var registry = PluginRegistry()
        registry.leadRouters.register("zip") { settings, _ in NamedRouter(driverName: try settings.string("name") ?? "?") }
        let router = try await registry.leadRouters.make(
            "zip", settings: DictionarySettings(path: "leadRouting", ["name": "from-settings"]), context: context)
        #expect(router.driverName == "from-settings")
    }

    @Test("An unknown name fails, listing every registered name")
    func unknownNameListsRegistered() async throws {
        var registry = PluginRegistry()
        registry.leadRouters.register("settings") { _, _ in NamedRouter(driverName: "settings") }
        registry.leadRouters.register("rules") { _, _ in NamedRouter(driverName: "rules") }
        let expected = ConfigurationError.unknownDriver(kind: "leadRouting", name: "nosuch", registered: ["rules", "settings"])
        await #expect(throws: expected) {
            _ = try await registry.leadRouters.make("nosuch", settings: DictionarySettings(path: "leadRouting"), context: context)
        }
        #expect(throws: expected) { try registry.leadRouters.checkRegistered("nosuch") }
        #expect(expected.description.contains("rules, settings"))
        #expect(expected.key == "leadRouting.driver")
    }

    @Test("Range-checked integers name the full key")
    func rangeCheckedInt() throws {
        #expect(throws: ConfigurationError.invalidValue(key: "http.port", problem: "must be between 0 and 65535, got 70000")) {
            _ = try DictionarySettings(path: "http", ["port": "70000"]).int("port", default: 8080, in: 0...65_535)
        }
    }

    @Test("Dictionary settings parse on demand, name the full key when a value does not parse, and nest")
    func dictionarySettings() throws {
        let settings = DictionarySettings(path: "mailer", ["port": "587", "tls": "yes", "smtp.host": "mail.example.com", "to": "a, b"])
        #expect(try settings.int("port") == 587)
        #expect(try settings.stringArray("to") == ["a", "b"])
        #expect(throws: ConfigurationError.invalidValue(key: "mailer.tls", problem: "must be true or false, got \"yes\"")) {
            _ = try settings.bool("tls")
        }
        let nested = settings.section("smtp")
        #expect(nested.path == "mailer.smtp")
        #expect(try nested.string("host") == "mail.example.com")
    }
}
