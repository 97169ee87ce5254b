import ArgumentParser
import Foundation
import Logging
import NIOCore
import PortalKernel

/// `portal serve`: runs the portal until SIGINT, SIGTERM or SIGHUP.
struct ServeCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Start the portal's HTTP server.")

    @OptionGroup var config: ConfigOption

    @Flag(help: "Create the demo company first (once; safe to repeat) and print how to log in.")
    var demo = false

    func run(registry: PluginRegistry) async throws {
        let bootstrap = try await config.bootstrap(registry: registry)
        let logger = PortalLogger.make(level: bootstrap.settings.logLevel)
        let services = try await bootstrap.makeServices(logger: logger)
        if demo {
            let result = try await DemoSeeder(storage: services.storage, clock: services.clock).seed()
            // Unbuffered: the server runs on, so stdout's buffer would hold this until exit.
            FileHandle.standardOutput.write(Data((result.summary(publicBaseURL: services.publicBaseURL) + "\n").utf8))
        }
        logger.info(
            "Client Portal on \(services.publicBaseURL)",
            metadata: [
                "storage": "\(services.storage.driverName)", "mailer": "\(services.mailer.driverName)",
                "leadRouting": "\(services.leadRouter.driverName)", "config": "\(bootstrap.config.filePath)",
            ])
        do {
            try await PortalServer(services: services, settings: bootstrap.settings).run()
        } catch let error as IOError {
            // #21: the socket's error names neither the address nor the setting that chose it.
            let settings = bootstrap.settings
            throw StartupError.configFile(
                path: bootstrap.config.filePath,
                problem: "cannot listen on \(settings.httpHost):\(settings.httpPort) (http.host, http.port): \(String(cString: strerror(error.errnoCode)))"
                    + (error.errnoCode == EADDRINUSE ? "; another program is listening there, so choose another http.port or stop it" : ""))
        }
    }
}
