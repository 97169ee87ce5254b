import ArgumentParser
import Foundation
import PortalKernel

/// The `portal` command line. The executable registers its plugins and calls ``main(registry:)``; a team's own
/// executable does the same with its extra plugins.
public struct PortalCommand: ParsableCommand {
    /// The command's name, summary and subcommands (`serve`, the default, `demo`, `account`, `staff`, `token`,
    /// `config-check`, `export`, `import`, `backup`, `restore`, `bench`, `seed`).
    public static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Client Portal: a self-hosted customer portal for field-service companies.",
        version: PortalRelease.current,
        subcommands: [
            ServeCommand.self, DemoCommand.self, AccountCommand.self, StaffCommand.self, TokenCommand.self, ConfigCheckCommand.self,
            ExportCommand.self, ImportCommand.self, BackupCommand.self, RestoreCommand.self, BenchCommand.self, DocumentBenchCommand.self, SeedCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)

    /// For ArgumentParser, which makes the command from the arguments.
    public init() {}

    /// Parses the process's arguments and runs the chosen command with `registry`'s plugins. Exits non-zero with
    /// a message on any error.
    public static func main(registry: PluginRegistry, arguments: [String]? = nil) async {
        do {
            let command = try parseAsRoot(arguments)
            guard let portalCommand = command as? any RegistryCommand else {
                var command = command
                try command.run()
                return
            }
            try await portalCommand.run(registry: registry)
        } catch {
            exit(withError: error)
        }
    }
}

/// A subcommand that needs the plugin registry.
protocol RegistryCommand: ParsableCommand {
    func run(registry: PluginRegistry) async throws
}

/// The `--config` option every command that reads configuration takes.
struct ConfigOption: ParsableArguments {
    @Option(name: .customLong("config"), help: "The configuration file (JSON).")
    var path: String = PortalConfigFile.defaultPath

    /// The file and the checked top-level settings.
    func bootstrap(registry: PluginRegistry) async throws -> PortalBootstrap {
        try PortalBootstrap(registry: registry, config: try await PortalConfigFile.load(filePath: path))
    }

    /// Runs `body` with the configured storage, migrated, and the configured file store (#25), and closes both
    /// afterwards whatever happens.
    func withStorageAndFiles<Result: Sendable>(
        registry: PluginRegistry, _ body: (any PortalStorage, any FileStore) async throws -> Result
    ) async throws -> Result {
        let bootstrap = try await bootstrap(registry: registry)
        let files = try await bootstrap.makeFiles(context: PluginContext(logger: PortalLogger.make(level: .warning), clock: SystemClock()))
        do {
            let result = try await withStorage(registry: registry) { storage in try await body(storage, files) }
            try await files.close()
            return result
        } catch {
            try? await files.close()
            throw error
        }
    }

    /// Runs `body` with the configured storage, migrated, and closes it afterwards whatever happens.
    func withStorage<Result: Sendable>(
        registry: PluginRegistry, _ body: (any PortalStorage) async throws -> Result
    ) async throws -> Result {
        let bootstrap = try await bootstrap(registry: registry)
        let logger = PortalLogger.make(level: .warning)
        let storage = try await bootstrap.makeStorage(context: PluginContext(logger: logger, clock: SystemClock()))
        do {
            let result = try await body(storage)
            try await storage.close()
            return result
        } catch {
            try? await storage.close()
            throw error
        }
    }
}
