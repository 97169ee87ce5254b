import Foundation
import Logging
import PortalApp
import PortalKernel
import Testing

/// #21 case 3: a typo in the configuration stops start-up and `config-check`, naming the file, the key and the
/// nearest known key, instead of being ignored in silence.
@Suite("#21 configuration keys")
struct ConfigKeyTests {
    @Test("#21: a misspelled key in the file stops start-up with the file, the key and the nearest known key")
    func typosInTheFile() async throws {
        let fixture = try AppFixture()
        let cases: [(json: String, key: String, nearest: String)] = [
            (#"{"publicBaseUrl": "https://portal.example.com"}"#, "publicBaseUrl", "publicBaseURL"),
            (#"{"stroage": {"driver": "json"}}"#, "stroage.driver", "storage.driver"),
            (#"{"http": {"prot": 8081}}"#, "http.prot", "http.port"),
            (#"{"http": {"trustForwardFor": true}}"#, "http.trustForwardFor", "http.trustForwardedFor"),
        ]
        for (index, typo) in cases.enumerated() {
            let path = try fixture.configFile(typo.json, name: "typo\(index).json")
            await #expect { try await fixture.bootstrap(path) } throws: { error in
                let text = "\(error)"
                return text.contains("typo\(index).json") && text.contains("\"\(typo.key)\"") && text.contains("did you mean \"\(typo.nearest)\"")
            }
        }
        fixture.remove()
    }

    @Test("#21: a driver's own misspelled key stops start-up once the driver is built; a key nothing is near is named alone")
    func typosInADriverSection() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile(
            #"{"storage": {"driver": "sqlite", "path": "\#(fixture.folder.path)/p.sqlite"}, "mailer": {"driver": "log", "foldr": "\#(fixture.folder.path)/mail"}}"#)
        let bootstrap = try await fixture.bootstrap(path)
        await #expect { _ = try await bootstrap.makeServices(logger: Logger(label: "test")) } throws: { error in
            "\(error)".contains("\"mailer.foldr\"") && "\(error)".contains("did you mean \"mailer.folder\"")
        }
        let far = try fixture.configFile(#"{"colourScheme": "dark"}"#, name: "far.json")
        await #expect { try await fixture.bootstrap(far) } throws: { error in
            "\(error)".contains("\"colourScheme\"") && !"\(error)".contains("did you mean")
        }
        fixture.remove()
    }

    @Test("#21: a misspelled PORTAL_ variable stops start-up naming the variable and the nearest one")
    func typosInTheEnvironment() async throws {
        let fixture = try AppFixture()
        let path = try fixture.configFile("{}")
        await #expect { try await fixture.bootstrap(path, environment: ["PORTAL_PUBLIC_BASE_UR": "https://x.example"]) } throws: { error in
            "\(error)".contains("PORTAL_PUBLIC_BASE_UR") && "\(error)".contains("did you mean \"PORTAL_PUBLIC_BASE_URL\"")
        }
        await #expect { try await fixture.bootstrap(path, environment: ["PORTAL_HTTP_PROT": "8081"]) } throws: { error in
            "\(error)".contains("PORTAL_HTTP_PROT") && "\(error)".contains("did you mean \"PORTAL_HTTP_PORT\"")
        }
        // Another tool's variable that names no section and is near no key is not the portal's (the test scripts'
        // PORTAL_BINARY).
        let settings = try await fixture.bootstrap(
            path, environment: ["PORTAL_PUBLIC_BASE_URL": "https://x.example", "PORTAL_BINARY": "/opt/portal/bin/portal"]).settings
        #expect(settings.publicBaseURL == "https://x.example")
        fixture.remove()
    }

    @Test("#21: a key set twice in the file stops start-up naming it, at any depth")
    func duplicateKeys() async throws {
        let fixture = try AppFixture()
        let top = try fixture.configFile(#"{"publicBaseURL": "https://a.example", "logLevel": "info", "publicBaseURL": "https://b.example"}"#, name: "top.json")
        await #expect { try await fixture.bootstrap(top) } throws: { error in
            "\(error)".contains("top.json") && "\(error)".contains("\"publicBaseURL\" is set twice")
        }
        let nested = try fixture.configFile(#"{"http": {"port": 8081, "host": "127.0.0.1", "port": 8082}}"#, name: "nested.json")
        await #expect { try await fixture.bootstrap(nested) } throws: { error in "\(error)".contains("\"http.port\" is set twice") }
        // The same name in two objects, in a list, or escaped differently inside a string value is not a duplicate.
        let fine = try fixture.configFile(
            #"{"http": {"port": 8081}, "metrics": {"enabled": true}, "login": {"linkMinutes": 20}, "publicBaseURL": "https://x.example/?\"port\": 1"}"#,
            name: "fine.json")
        #expect(try await fixture.bootstrap(fine).settings.httpPort == 8081)
        fixture.remove()
    }
}

/// #21 case 4: every start-up error names the file and the key that led to it.
@Suite("#21 start-up errors")
struct StartupErrorTests {
    @Test("#21: a storage path whose folder cannot be made names the file, storage.path, the folder and the reason")
    func uncreatableStoragePath() async throws {
        let fixture = try AppFixture()
        let blocker = fixture.folder.appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocker)
        for (driver, key, value) in [("sqlite", "path", "\(blocker.path)/data/portal.sqlite"), ("json", "folder", "\(blocker.path)/data")] {
            let path = try fixture.configFile(#"{"storage": {"driver": "\#(driver)", "\#(key)": "\#(value)"}}"#, name: "\(driver).json")
            await #expect { _ = try await fixture.bootstrap(path).makeServices(logger: Logger(label: "test")) } throws: { error in
                let text = "\(error)"
                return text.contains("\(driver).json") && text.contains("storage.\(key)") && text.contains("\(blocker.path)/data")
                    && text.contains("Not a directory") && !text.contains("NSCocoaErrorDomain")
            }
        }
        fixture.remove()
    }

    @Test("#21: an http.host that is not an address stops config-check and serve alike, naming http.host")
    func badHost() async throws {
        let fixture = try AppFixture()
        for host in ["127.0.0.300", "1.2.3"] {
            let path = try fixture.configFile(#"{"http": {"host": "\#(host)"}}"#)
            await #expect { try await fixture.bootstrap(path) } throws: { error in
                "\(error)".contains("portal.json") && "\(error)".contains("http.host") && "\(error)".contains(host)
            }
        }
        for host in ["127.0.0.1", "::1", "localhost", "0.0.0.0"] {
            #expect(try await fixture.bootstrap(try fixture.configFile(#"{"http": {"host": "\#(host)"}}"#)).settings.httpHost == host)
        }
        fixture.remove()
    }
}
