import Foundation
import Testing

/// The arrows of the architecture, checked on the source files themselves so a stray import fails CI.
///
/// - The kernel imports only Foundation, Crypto and Logging (and the standard library's own modules), and does no
///   I/O: no files, sockets, processes, SQL or HTTP.
/// - Plugin targets are imported only by the stock executable (`Sources/portal`) and by tests.
/// - Plugins depend on the kernel only: never on the HTTP front, the app or each other. Two plugin targets are written
///   to be built on (`pluginFoundations`): the plugin kit (`PortalPluginKit`), which every plugin and the app (for the
///   folders its own settings name, such as `backup.folder`) may import, and the SQL core (`SQLStorage`), which the SQL
///   storage drivers import.
/// - The kernel imports neither the plugin kit nor the testing product (`PortalTesting`); only tests and the example
///   package import `PortalTesting`.
@Suite("Architecture")
struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under `folder` (relative to the package root), with its text.
    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map { url in
            (String(url.path.dropFirst(root.path.count + 1)), try String(contentsOf: url, encoding: .utf8))
        }
    }

    /// The modules a file imports (`import X`, `@testable import X`, `public import X`, `import struct X.Y`).
    static func imports(in text: String) -> Set<String> {
        var modules = Set<String>()
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                words[..<index].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "package", "private", "fileprivate"].contains($0) })
            else { continue }
            let kinds: Set = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
            let target = kinds.contains(words[index + 1]) && index + 2 < words.count ? words[index + 2] : words[index + 1]
            modules.insert(String(target.split(separator: ".")[0]))
        }
        return modules
    }

    static var pluginTargets: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Plugins").path)
                .filter { !$0.hasPrefix(".") }.sorted()
        }
    }

    @Test("The import scanner sees every form of import")
    func scannerSeesImports() {
        let text = "import Foundation\n@testable import GRDB\npublic import NIO\nimport struct Hummingbird.Router\n// import Nope\nlet x = 1"
        #expect(Self.imports(in: text) == ["Foundation", "GRDB", "NIO", "Hummingbird"])
    }

    @Test("The kernel imports only Foundation, Crypto and Logging")
    func kernelImports() throws {
        let allowed: Set = ["Foundation", "FoundationEssentials", "Crypto", "Logging", "Dispatch", "Synchronization"]
        let files = try Self.swiftFiles(under: "Sources/PortalKernel")
        #expect(!files.isEmpty)
        for file in files {
            let extra = Self.imports(in: file.text).subtracting(allowed)
            #expect(extra.isEmpty, "\(file.path) imports \(extra.sorted())")
        }
    }

    @Test("The I/O detector finds I/O and ignores look-alikes")
    func detectorWorks() throws {
        #expect(try Self.ioUses(in: "let d = try Data(contentsOf: url)\nFileManager.default") == ["contentsOf:", "FileManager"])
        #expect(try Self.ioUses(in: "InvoiceVisibility.isOpen(x)\nlet reopened = 1\n// FileManager in a comment") == [])
    }

    @Test("The kernel does no I/O")
    func kernelDoesNoIO() throws {
        for file in try Self.swiftFiles(under: "Sources/PortalKernel") {
            let uses = try Self.ioUses(in: file.text)
            #expect(uses.isEmpty, "\(file.path) uses \(uses)")
        }
    }

    /// I/O symbols used in `text`, outside comments. Whole words only: `isOpen(` is fine, `open(` is not.
    static func ioUses(in text: String) throws -> [String] {
        let forbidden = [
            "FileManager", "FileHandle", "URLSession", "Process", "fopen", "open", "socket", "connect", "contentsOf",
            "write\\(to", "NSData", "sqlite3_\\w+", "getenv", "ProcessInfo", "DispatchIO",
        ]
        let pattern = try Regex("\\b(?:\(forbidden.joined(separator: "|")))\\b[(:]?").wordBoundaryKind(.simple)
        let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .joined(separator: "\n")
        return code.matches(of: pattern).map { String(code[$0.range]) }
    }

    /// Plugin targets other targets build on, and which may import them: the plugin kit every plugin and the app; the
    /// SQL core the SQL drivers; the JSON store the testing product, which offers its in-memory engine; a C wrapper
    /// (`VipsShim`) the plugin it wraps a library for.
    static var pluginFoundations: [String: Set<String>] {
        get throws {
            [
                "PortalPluginKit": Set(try pluginTargets).union(["PortalApp"]), "SQLStorage": ["SQLiteStorage", "PostgresStorage"], "JSONStorage": ["PortalTesting"],
                "VipsShim": ["VipsImages"], "CPangoCairo": ["CairoDocuments"],
            ]
        }
    }

    @Test("Only the executable and the tests import a plugin target; every plugin may import the plugin kit, only the SQL drivers the SQL core")
    func pluginsImportedOnlyByExecutable() throws {
        let plugins = Set(try Self.pluginTargets)
        #expect(plugins.isSuperset(of: ["SQLiteStorage", "LogMailer", "SQLStorage", "PortalPluginKit"]))
        let foundations = try Self.pluginFoundations
        for folder in ["Sources", "Plugins"] {
            for file in try Self.swiftFiles(under: folder) where !file.path.hasPrefix("Sources/portal/") {
                let ownTarget = String(file.path.split(separator: "/")[1])
                let allowed = foundations.filter { $0.value.contains(ownTarget) }.map(\.key)
                let imported = Self.imports(in: file.text).intersection(plugins).subtracting([ownTarget]).subtracting(allowed)
                #expect(imported.isEmpty, "\(file.path) imports plugin \(imported.sorted())")
            }
        }
    }

    @Test("The plugin kit stays small: it builds on the kernel, the standard library and swift-system only")
    func pluginKitImports() throws {
        let files = try Self.swiftFiles(under: "Plugins/PortalPluginKit")
        #expect(!files.isEmpty)
        for file in files {
            let extra = Self.imports(in: file.text).subtracting([
                "Foundation", "Synchronization", "PortalKernel", "SystemPackage", "Glibc", "Musl", "Darwin",
            ])
            #expect(extra.isEmpty, "\(file.path) imports \(extra.sorted())")
        }
    }

    @Test("The kernel imports neither the plugin kit nor the testing product; only tests and the example package import PortalTesting")
    func testingProductOnlyInTests() throws {
        for file in try Self.swiftFiles(under: "Sources/PortalKernel") {
            let kits = Self.imports(in: file.text).intersection(["PortalPluginKit", "PortalTesting"])
            #expect(kits.isEmpty, "\(file.path) imports \(kits.sorted())")
        }
        for folder in ["Sources", "Plugins"] {
            for file in try Self.swiftFiles(under: folder) where !file.path.hasPrefix("Sources/PortalTesting/") {
                #expect(!Self.imports(in: file.text).contains("PortalTesting"), "\(file.path) imports PortalTesting")
            }
        }
        // The example package runs the conformance suite from it (CI runs its tests).
        let example = try Self.swiftFiles(under: "Docs/Examples/ZipRouterPortal/Tests")
        #expect(example.contains { Self.imports(in: $0.text).contains("PortalTesting") })
    }

    @Test("Plugins depend on the kernel, never on the HTTP front or the app")
    func pluginsPointInward() throws {
        for file in try Self.swiftFiles(under: "Plugins") {
            let outward = Self.imports(in: file.text).intersection(["PortalHTTP", "PortalApp", "Hummingbird", "ArgumentParser"])
            #expect(outward.isEmpty, "\(file.path) imports \(outward.sorted())")
        }
    }

    @Test("The HTTP front does not depend on the app")
    func httpDoesNotImportApp() throws {
        for file in try Self.swiftFiles(under: "Sources/PortalHTTP") {
            #expect(!Self.imports(in: file.text).contains("PortalApp"), "\(file.path) imports PortalApp")
        }
    }

    @Test("#20: the HTTP front touches no storage: every write and every page's read goes through a kernel use case")
    func httpTouchesNoStorage() throws {
        // Simple word boundaries: Unicode's would read `services.storage.jobs` as one word.
        let storage = try Regex(#"services\.storage\b|\bPortalStorage\b|\bRepositories\b|\.transaction\s*\{|\.recordStore\b|\.records\("#)
            .wordBoundaryKind(.simple)
        let files = try Self.swiftFiles(under: "Sources/PortalHTTP")
        #expect(!files.isEmpty)
        for file in files {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && line.contains(storage) {
                Issue.record("\(file.path):\(number + 1) reaches storage: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        // The rule sees what it looks for.
        #expect("let x = env.services.storage.jobs".contains(storage) && "store: any PortalStorage".contains(storage))
        #expect(!"ServiceHealth(services: services)".contains(storage) && !"storage: drivers.storage,".contains(storage))
    }

    @Test("#20: only the authenticators find who a request is from: no handler reads a session cookie or a bearer token")
    func identityFromMiddlewareOnly() throws {
        let identity = try Regex(#"\.resume\(cookieValue:|\.caller\(secret:|sessionCookieName\]|headers\[\.authorization\]"#)
        let files = try Self.swiftFiles(under: "Sources/PortalHTTP")
        #expect(files.contains { $0.path.hasSuffix("Identity/Authenticators.swift") })
        for file in files where !file.path.hasSuffix("Identity/Authenticators.swift") && !file.path.hasSuffix("MetricsController.swift") {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && line.contains(identity) {
                Issue.record("\(file.path):\(number + 1) finds an identity itself: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        // The rule sees what it looks for.
        #expect("try await env.staffSessions.resume(cookieValue: cookie)".contains(identity))
        #expect("request.cookies[PortalVisit.sessionCookieName]?.value".contains(identity))
        #expect("try await apiTokens.caller(secret: secret)".contains(identity))
        #expect(!"response.setCookie(visit.sessionCookie(value))".contains(identity))
    }

    @Test("#20: a controller gets only the use cases it calls: only the router's composition sees every use case")
    func controllersTakeTheirUseCases() throws {
        let composition: Set<String> = ["PortalEnvironment.swift", "PortalRouter.swift", "PortalRoutes.swift", "BackOfficeRoutes.swift"]
        let files = try Self.swiftFiles(under: "Sources/PortalHTTP")
        #expect(files.contains { $0.text.contains("struct PortalEnvironment") })
        for file in files where !composition.contains(String(file.path.split(separator: "/").last ?? "")) {
            #expect(!file.text.contains("PortalEnvironment"), "\(file.path) holds every use case")
        }
    }
}
