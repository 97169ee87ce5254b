import ArgumentParser
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
              storage:     \(settings.storageDriver)
              mailer:      \(settings.mailerDriver)
              leadRouting: \(settings.leadRoutingDriver)
            """)
    }
}
