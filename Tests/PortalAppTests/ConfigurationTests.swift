import Foundation
import Logging
import PortalApp
import PortalHTTP
import PortalKernel
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("An empty file gives the embedded defaults: SQLite, log mailer, settings router, 127.0.0.1:8080")
    func defaults() async throws {
        let fixture = try AppFixture()
        let settings = try await fixture.bootstrap(try fixture.configFile("{}")).settings
        #expect(settings.httpHost == "127.0.0.1")
        #expect(settings.httpPort == 8080)
        #expect(settings.publicBaseURL == "http://127.0.0.1:8080")
        #expect(settings.storageDriver == "sqlite")
        #expect(settings.mailerDriver == "log")
        #expect(settings.leadRoutingDriver == "settings")
        #expect(settings.paymentsDriver == "sandbox")
        #expect(settings.logLevel == .info)
        #expect(settings.portal == PortalPolicy())
        #expect(settings.portal.loginLinkLifetime == 20 * 60)
        #expect(settings.proxies == .none)
        fixture.remove()
    }

    @Test("Lead rules come from the file; a bad rule stops start-up naming the file, the rule's position and the problem")
    func leadRules() async throws {
        let fixture = try AppFixture()
        let good = try fixture.configFile(
            #"{"storage": {"driver": "sqlite", "path": "\#(fixture.folder.path)/p.sqlite"}, "leadRouting": {"driver": "rules", "order": ["north"], "rules": {"north": {"postalPrefixes": ["606"], "recipients": ["north@example.com"], "tags": ["north"]}}}}"#)
        let services = try await fixture.bootstrap(good).makeServices(logger: Logger(label: "test"))
        #expect(services.leadRouter.driverName == "rules")
        try await services.storage.close()
        let bad = try fixture.configFile(
            #"{"storage": {"driver": "sqlite", "path": "\#(fixture.folder.path)/bad.sqlite"}, "leadRouting": {"driver": "rules", "order": ["north"], "rules": {"north": {"postalPrefix": ["606"], "recipients": ["north@example.com"]}}}}"#,
            name: "bad.json")
        await #expect { _ = try await fixture.bootstrap(bad).makeServices(logger: Logger(label: "test")) } throws: { error in
            let text = "\(error)"
            return text.contains("bad.json") && text.contains("rule 1 (\"north\")") && text.contains("unknown field \"postalPrefix\"")
        }
        fixture.remove()
    }

    @Test("Login settings come from the file and the environment, and a value out of range names its key")
    func loginSettings() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile(#"{"login": {"linkMinutes": 30, "requestsPerIP": 50}, "http": {"trustForwardedFor": true}}"#)
        let settings = try await fixture.bootstrap(path, environment: ["PORTAL_LOGIN_SESSION_DAYS": "7"]).settings
        #expect(settings.portal.loginLinkLifetime == 30 * 60)
        #expect(settings.portal.loginRequestsPerIP == 50)
        #expect(settings.portal.sessionLifetime == 7 * 86_400)
        #expect(settings.proxies == .anyPeer)
        let bad = try fixture.configFile(#"{"login": {"linkMinutes": 0}}"#, name: "bad.json")
        await #expect { try await fixture.bootstrap(bad) } throws: { error in
            "\(error)".contains("login.linkMinutes") && "\(error)".contains("bad.json")
        }
        let unknown = try fixture.configFile(#"{"payments": {"driver": "stripe"}}"#, name: "unknown.json")
        await #expect { try await fixture.bootstrap(unknown) } throws: { error in
            "\(error)".contains("payments.driver") && "\(error)".contains("sandbox")
        }
        fixture.remove()
    }

    @Test("Metrics are on by default, open only on loopback or with metrics.public; the token comes from the environment; a short token stops start-up")
    func metricsSettings() async throws {
        let fixture = try AppFixture()
        let empty = try await fixture.bootstrap(try fixture.configFile("{}")).settings
        #expect(empty.metricsEnabled && empty.metricsToken == nil && !empty.metricsPublic)
        let open = try await fixture.bootstrap(try fixture.configFile(#"{"metrics": {"public": true}}"#, name: "open.json")).settings
        #expect(open.metricsPublic)
        #expect(PortalServer.isLoopback("127.0.0.1") && PortalServer.isLoopback("::1") && PortalServer.isLoopback("localhost"))
        #expect(!PortalServer.isLoopback("0.0.0.0") && !PortalServer.isLoopback("::") && !PortalServer.isLoopback("portal.example.com"))
        let path = try fixture.configFile(#"{"metrics": {"enabled": false}}"#, name: "off.json")
        let off = try await fixture.bootstrap(path, environment: ["PORTAL_METRICS_TOKEN": "0123456789abcdef"]).settings
        #expect(!off.metricsEnabled && off.metricsToken == "0123456789abcdef")
        await #expect { try await fixture.bootstrap(path, environment: ["PORTAL_METRICS_TOKEN": "short"]) } throws: { error in
            "\(error)".contains("metrics.token") && !"\(error)".contains("short")
        }
        fixture.remove()
    }

    @Test("The shipped Configuration/portal.json is the embedded default")
    func shippedFile() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fixture = try AppFixture()
        let settings = try await fixture.bootstrap(root.appendingPathComponent("Configuration/portal.json").path).settings
        #expect(settings.storageDriver == "sqlite" && settings.mailerDriver == "log")
        #expect(settings.httpHost == "127.0.0.1")
        fixture.remove()
    }

    @Test("Environment variables override the file's keys")
    func environmentOverrides() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile(#"{"http": {"host": "127.0.0.1", "port": 8080}, "publicBaseURL": "http://file.example"}"#)
        let environment = [
            "PORTAL_HTTP_PORT": "9191", "PORTAL_HTTP_HOST": "0.0.0.0",
            "PORTAL_PUBLIC_BASE_URL": "https://portal.example.com", "HTTP_PORT": "1",
        ]
        let bootstrap = try await fixture.bootstrap(path, environment: environment)
        #expect(bootstrap.settings.httpPort == 9191)
        #expect(bootstrap.settings.httpHost == "0.0.0.0")
        #expect(bootstrap.settings.publicBaseURL == "https://portal.example.com")
        // A plugin's own keys are overridable the same way.
        let mailer = bootstrap.config.root.section("mailer")
        let withFolder = try await fixture.bootstrap(path, environment: ["PORTAL_MAILER_FOLDER": "/tmp/mail-here"])
        #expect(try mailer.string("folder") == nil)
        #expect(try withFolder.config.root.section("mailer").string("folder") == "/tmp/mail-here")
        fixture.remove()
    }

    @Test("The variable name rule: PORTAL_ + key parts, camelCase split, upper-cased")
    func variableNames() {
        #expect(EnvironmentVariableName.forKey("storage.driver") == "PORTAL_STORAGE_DRIVER")
        #expect(EnvironmentVariableName.forKey("http.host") == "PORTAL_HTTP_HOST")
        #expect(EnvironmentVariableName.forKey("http.port") == "PORTAL_HTTP_PORT")
        #expect(EnvironmentVariableName.forKey("publicBaseURL") == "PORTAL_PUBLIC_BASE_URL")
        #expect(EnvironmentVariableName.forKey("mailer.fromAddress") == "PORTAL_MAILER_FROM_ADDRESS")
    }

    @Test("An unknown driver lists the registered names, and names the variable it came from")
    func unknownDriver() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile("{}")
        let error = await #expect(throws: StartupError.self) {
            _ = try await fixture.bootstrap(path, environment: ["PORTAL_STORAGE_DRIVER": "nosuch"])
        }
        #expect(error?.description == "environment variable PORTAL_STORAGE_DRIVER: storage.driver: unknown driver \"nosuch\"; registered storage drivers: json, memory, sqlite")
        let inFile = try fixture.configFile(#"{"mailer": {"driver": "carrier-pigeon"}}"#, name: "pigeon.json")
        let fileError = await #expect(throws: StartupError.self) { _ = try await fixture.bootstrap(inFile) }
        #expect(fileError?.description == "\(inFile): mailer.driver: unknown driver \"carrier-pigeon\"; registered mailer drivers: log")
        fixture.remove()
    }

    @Test("A value of the wrong type names the file (or variable) and the key")
    func badValues() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile(#"{"http": {"port": "eighty"}}"#)
        let fileError = await #expect(throws: StartupError.self) { _ = try await fixture.bootstrap(path) }
        #expect(fileError?.description.hasPrefix("\(path): http.port:") == true)

        let fine = try fixture.configFile("{}", name: "fine.json")
        let envError = await #expect(throws: StartupError.self) {
            _ = try await fixture.bootstrap(fine, environment: ["PORTAL_HTTP_PORT": "abc"])
        }
        #expect(envError?.description.hasPrefix("environment variable PORTAL_HTTP_PORT: http.port:") == true)

        let outOfRange = try fixture.configFile(#"{"http": {"port": 70000}}"#, name: "range.json")
        let rangeError = await #expect(throws: StartupError.self) { _ = try await fixture.bootstrap(outOfRange) }
        #expect(rangeError?.description == "\(outOfRange): http.port: must be between 0 and 65535, got 70000")

        let badURL = try fixture.configFile(#"{"publicBaseURL": "portal.example.com"}"#, name: "url.json")
        let urlError = await #expect(throws: StartupError.self) { _ = try await fixture.bootstrap(badURL) }
        #expect(urlError?.description.contains("publicBaseURL: must start with http:// or https://") == true)

        let badLevel = try fixture.configFile(#"{"logLevel": "loud"}"#, name: "level.json")
        await #expect(throws: StartupError.self) { _ = try await fixture.bootstrap(badLevel) }
        fixture.remove()
    }

    @Test("A missing or malformed file names the file")
    func missingOrMalformedFile() async throws {
        let fixture = try AppFixture()
        let missing = fixture.folder.appendingPathComponent("absent.json").path
        let missingError = await #expect(throws: StartupError.self) { _ = try await fixture.bootstrap(missing) }
        #expect(missingError?.description == "\(missing): no such file")
        let broken = try fixture.configFile(#"{"http": "#)
        let brokenError = await #expect(throws: StartupError.self) { _ = try await fixture.bootstrap(broken) }
        #expect(brokenError?.description.hasPrefix("\(broken): not valid JSON") == true)
        fixture.remove()
    }

    @Test("A plugin's own bad setting stops start-up naming the file and the key")
    func pluginSettingError() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile(#"{"storage": {"path": ":memory:"}}"#)
        let bootstrap = try await fixture.bootstrap(path)
        let error = await #expect(throws: StartupError.self) { _ = try await bootstrap.makeServices(logger: .init(label: "test")) }
        #expect(error?.description.hasPrefix("\(path): storage.path:") == true)
        fixture.remove()
    }
}
