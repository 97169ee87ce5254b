import Foundation
import CairoDocuments
import FilesystemFileStore
import HTTPWebhooks
import JSONStorage
import LogMailer
import PortalApp
import PortalKernel
import RuleLeadRouter
import SQLiteStorage
import SandboxPayments
import SettingsLeadRouter
import VipsImages

/// A temporary folder holding a config file, and the bundled plugins' registry.
struct AppFixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The registry the stock executable builds.
    static var registry: PluginRegistry {
        var registry = PluginRegistry()
        SQLiteStoragePlugin.register(in: &registry)
        JSONStoragePlugin.register(in: &registry)
        MemoryStoragePlugin.register(in: &registry)
        LogMailerPlugin.register(in: &registry)
        SettingsLeadRouterPlugin.register(in: &registry)
        RuleLeadRouterPlugin.register(in: &registry)
        SandboxPaymentsPlugin.register(in: &registry)
        HTTPWebhooksPlugin.register(in: &registry)
        FilesystemFileStorePlugin.register(in: &registry)
        VipsImagesPlugin.register(in: &registry)
        CairoDocumentsPlugin.register(in: &registry)
        return registry
    }

    /// Writes `json` as a config file and returns its path.
    func configFile(_ json: String, name: String = "portal.json") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(json.utf8).write(to: url)
        return url.path
    }

    /// A config whose only setting is a store of `driver` (`sqlite` or `json`) named `name` in the fixture's folder.
    func storeConfig(_ name: String, driver: String) throws -> String {
        let storage =
            driver == "sqlite"
            ? #""path": "\#(folder.path)/\#(name).sqlite""# : #""folder": "\#(folder.path)/\#(name)-json""#
        return try configFile(#"{"storage": {"driver": "\#(driver)", \#(storage)}}"#, name: "\(name).json")
    }

    /// A config that keeps every file inside the fixture's folder; `mailer` is the mailer section (the log mailer
    /// writing into the folder by default; `{"driver": "smtp"}` for a test that sets the SMTP server in variables), and
    /// `storage` the storage section (SQLite in the folder by default).
    func isolatedConfig(port: Int = 8080, storage: String? = nil, mailer: String? = nil) throws -> String {
        try configFile(
            """
            {"http": {"host": "127.0.0.1", "port": \(port)},
             "storage": \(storage ?? #"{"driver": "sqlite", "path": "\#(folder.path)/portal.sqlite"}"#),
             "mailer": \(mailer ?? #"{"driver": "log", "folder": "\#(folder.path)/mail"}"#),
             "files": {"folder": "\(folder.path)/files"}}
            """)
    }

    func bootstrap(_ path: String, environment: [String: String] = [:]) async throws -> PortalBootstrap {
        try PortalBootstrap(
            registry: Self.registry, config: try await PortalConfigFile.load(filePath: path, environment: environment))
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
