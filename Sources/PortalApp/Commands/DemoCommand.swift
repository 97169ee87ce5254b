import ArgumentParser
import PortalKernel

/// `portal demo`: creates the sample company and prints its links and logins.
struct DemoCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a sample company (safe to run again) and print its portal link, back office and logins.")

    @OptionGroup var config: ConfigOption

    func run(registry: PluginRegistry) async throws {
        let bootstrap = try await config.bootstrap(registry: registry)
        let logger = PortalLogger.make(level: bootstrap.settings.logLevel)
        let clock = SystemClock()
        let storage = try await bootstrap.makeStorage(context: PluginContext(logger: logger, clock: clock))
        do {
            let result = try await DemoSeeder(storage: storage, clock: clock).seed()
            print(result.summary(publicBaseURL: bootstrap.settings.publicBaseURL))
        } catch {
            try? await storage.close()
            throw error
        }
        try await storage.close()
    }
}
