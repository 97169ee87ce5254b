import Logging
import PortalHTTP
import PortalKernel

/// Builds the running portal's services from the configuration: each plugin by its driver name, storage migrated.
public struct PortalBootstrap: Sendable {
    /// The plugins the executable registered, by driver name.
    public let registry: PluginRegistry
    /// The configuration file and environment it reads; its sections go to the plugins.
    public let config: PortalConfigFile
    /// The top-level settings, read and checked when the bootstrap was made.
    public let settings: PortalSettings

    /// Reads the top-level settings and checks every driver name before anything is built, so a typo stops
    /// start-up at once with the registered names.
    public init(registry: PluginRegistry, config: PortalConfigFile) throws {
        self.registry = registry
        self.config = config
        do {
            settings = try PortalSettings(config.root)
            try registry.storage.checkRegistered(settings.storageDriver)
            try registry.mailers.checkRegistered(settings.mailerDriver)
            try registry.leadRouters.checkRegistered(settings.leadRoutingDriver)
            try registry.paymentGateways.checkRegistered(settings.paymentsDriver)
            try registry.webhookSenders.checkRegistered(settings.webhooksDriver)
            try registry.fileStores.checkRegistered(settings.filesDriver)
            try registry.imageProcessors.checkRegistered(settings.imagesDriver)
            try registry.documentRenderers.checkRegistered(settings.documentsDriver)
        } catch let error as ConfigurationError {
            throw config.startupError(error)
        }
        // The drivers' own keys are known once the drivers are built (``makeStorage(context:)``,
        // ``makeServices(logger:clock:)``); every other key must be known now, before anything is built.
        try config.checkEveryKeyRead { key in
            guard let section = Self.driverSection(of: key) else { return true }
            return key == "\(section).driver"
        }
    }

    /// The sections whose keys, apart from `driver`, belong to the chosen plugin.
    static let driverSections: Set<String> = [
        "storage", "mailer", "leadRouting", "payments", "webhooks", "files", "images", "documents",
    ]

    /// Why nothing reads `key` of a driver section: the chosen driver has no such setting (it may be another
    /// driver's, left from before the driver changed).
    private func driverDoesNotRead(_ key: String) -> String {
        let section = Self.driverSection(of: key) ?? ""
        let driver = [
            "storage": settings.storageDriver, "mailer": settings.mailerDriver, "leadRouting": settings.leadRoutingDriver,
            "payments": settings.paymentsDriver, "webhooks": settings.webhooksDriver,
            "files": settings.filesDriver, "images": settings.imagesDriver, "documents": settings.documentsDriver,
        ][section] ?? ""
        return "the \(section) driver \"\(driver)\" has no such setting (another driver's? see Docs/Configuration.md)"
    }

    /// The driver section `key` is in, if any.
    static func driverSection(of key: String) -> String? {
        let top = String(key.split(separator: ".").first ?? "")
        return driverSections.contains(top) ? top : nil
    }

    /// The storage alone, migrated unless `migrate` is false (for commands that need no mailer). `config-check` does
    /// not migrate (#21): run by a new release before an upgrade, it must not upgrade the store the old one serves.
    public func makeStorage(context: PluginContext, migrate: Bool = true) async throws -> any PortalStorage {
        let storage = try await building {
            try await registry.storage.make(
                settings.storageDriver, settings: config.root.section("storage"), context: context)
        }
        do {
            try config.checkEveryKeyRead(where: { Self.driverSection(of: $0) == "storage" }, unread: driverDoesNotRead)
            if migrate { try await storage.migrate() }
        } catch {
            try? await storage.close()
            throw error
        }
        return storage
    }

    /// The file store alone (`files`), for the commands that copy files beside a backup or a dump (#25).
    public func makeFiles(context: PluginContext) async throws -> any FileStore {
        try await building {
            try await registry.fileStores.make(settings.filesDriver, settings: config.root.section("files"), context: context)
        }
    }

    /// Every service, storage migrated unless `migrateStorage` is false.
    public func makeServices(
        logger: Logger, clock: any PortalClock = SystemClock(), migrateStorage: Bool = true
    ) async throws -> PortalServices {
        let context = PluginContext(logger: logger, clock: clock)
        let storage = try await makeStorage(context: context, migrate: migrateStorage)
        do {
            let mailer = try await building {
                try await registry.mailers.make(
                    settings.mailerDriver, settings: config.root.section("mailer"), context: context)
            }
            let leadRouter = try await building {
                try await registry.leadRouters.make(
                    settings.leadRoutingDriver, settings: config.root.section("leadRouting"), context: context)
            }
            let paymentGateway = try await building {
                try await registry.paymentGateways.make(
                    settings.paymentsDriver, settings: config.root.section("payments"), context: context)
            }
            let webhookSender = try await building {
                try await registry.webhookSenders.make(
                    settings.webhooksDriver, settings: config.root.section("webhooks"), context: context)
            }
            let images = try await building {
                try await registry.imageProcessors.make(settings.imagesDriver, settings: config.root.section("images"), context: context)
            }
            let documents = try await building {
                try await registry.documentRenderers.make(
                    settings.documentsDriver, settings: config.root.section("documents"), context: context)
            }
            let files = try await makeFiles(context: context)
            do {
                try config.checkEveryKeyRead(where: { Self.driverSection(of: $0) != nil }, unread: driverDoesNotRead)
            } catch {
                try? await files.close()
                throw error
            }
            if let backup = settings.backup { try await building { try backup.backupFolder.create() } }
            return PortalServices(
                storage: storage, mailer: mailer, leadRouter: leadRouter, paymentGateway: paymentGateway,
                webhookSender: webhookSender, files: files, images: images, documents: documents, composer: PageDocumentComposer(), clock: clock,
                publicBaseURL: settings.publicBaseURL, logger: logger)
        } catch {
            try? await storage.close()
            throw error
        }
    }

    /// Names the config file in a plugin's configuration error.
    private func building<Plugin>(_ make: () async throws -> Plugin) async throws -> Plugin {
        do {
            return try await make()
        } catch let error as ConfigurationError {
            throw config.startupError(error)
        }
    }
}
