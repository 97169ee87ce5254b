import ArgumentParser
import PortalKernel

/// `portal demo`: creates the sample company and prints its links and logins.
struct DemoCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a sample company (safe to run again) and print its portal link, back office and logins.")

    @OptionGroup var config: ConfigOption

    func run(registry: PluginRegistry) async throws {
        let publicBaseURL = try await config.bootstrap(registry: registry).settings.publicBaseURL
        let result = try await config.withStorage(registry: registry) { storage in
            try await DemoSeeder(storage: storage, clock: SystemClock()).seed()
        }
        print(result.summary(publicBaseURL: publicBaseURL))
    }
}
