import ArgumentParser
import Foundation
import Logging
import PortalKernel

/// `portal config-check`: builds every plugin from the configuration, as `serve` would, and reports. It opens the
/// storage but does not migrate it (#21): a new release's check before an upgrade leaves the old one's store as it is.
struct ConfigCheckCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "config-check", abstract: "Check the configuration and the plugins it names, then exit.")

    @OptionGroup var config: ConfigOption

    func run(registry: PluginRegistry) async throws {
        let bootstrap = try await config.bootstrap(registry: registry)
        let logger = PortalLogger.make(level: .warning)
        let services = try await bootstrap.makeServices(logger: logger, migrateStorage: false)
        try await services.storage.close()
        let settings = bootstrap.settings
        print(
            """
            \(bootstrap.config.filePath): OK
              http:        \(settings.httpHost):\(settings.httpPort)
              public URL:  \(settings.publicBaseURL)
              storage:     \(Self.describe(settings.storageDriver, services.storage))
              mailer:      \(Self.describe(settings.mailerDriver, services.mailer))
              leadRouting: \(settings.leadRoutingDriver)
              backups:     \(Self.describe(settings.backup))
            """)
    }

    /// `sqlite, /srv/portal/var/portal.sqlite`: the driver, and where the plugin keeps or sends things when it says.
    static func describe(_ driver: String, _ plugin: Any) -> String {
        (plugin as? any PluginLocation).map { "\(driver), \($0.location)" } ?? driver
    }

    /// When and where the scheduled backups go, or that there are none.
    static func describe(_ backup: BackupSettings?) -> String {
        guard let backup else { return "none scheduled (backup.folder is not set)" }
        let folder = URL(fileURLWithPath: backup.folder).standardizedFileURL.path
        return "daily at \(String(format: "%02d", backup.hour)):00 UTC into \(folder), the newest \(backup.keep) kept"
    }
}
