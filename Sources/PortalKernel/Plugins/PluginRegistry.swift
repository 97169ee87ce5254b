import Logging

/// What a plugin factory gets besides its own settings.
public struct PluginContext: Sendable {
    /// The process's logger, for the plugin's own log lines.
    public var logger: Logger
    /// The clock the portal runs on (a manual one in tests), for a plugin that needs the time: the mailers date
    /// their messages by it, the sandbox gateway checks a card's expiry against it.
    public var clock: any PortalClock

    /// Memberwise; `PortalBootstrap` (in PortalApp) makes one for every plugin it builds.
    public init(logger: Logger, clock: any PortalClock) {
        self.logger = logger
        self.clock = clock
    }
}

/// Factories for one extension point, by driver name.
public struct PluginFactories<Plugin: Sendable>: Sendable {
    /// Builds a plugin from its configuration section.
    public typealias Factory = @Sendable (any PluginSettings, PluginContext) async throws -> Plugin

    /// The extension point's config key (`storage`), used in error messages.
    public let kind: String
    private var factories: [String: Factory] = [:]

    /// An empty table for the extension point configured under `kind` (`storage`, `mailer`, `leadRouting`, `payments`,
    /// `webhooks`, `files`, `images`, `documents`).
    public init(kind: String) {
        self.kind = kind
    }

    /// Registers `factory` under `name`, replacing an earlier one of that name.
    public mutating func register(_ name: String, factory: @escaping Factory) {
        factories[name] = factory
    }

    /// The registered driver names, sorted.
    public var names: [String] { factories.keys.sorted() }

    /// Builds the plugin registered as `name`; an unknown name throws
    /// ``ConfigurationError/unknownDriver(kind:name:registered:)`` listing the registered names.
    public func make(_ name: String, settings: any PluginSettings, context: PluginContext) async throws -> Plugin {
        guard let factory = factories[name] else {
            throw ConfigurationError.unknownDriver(kind: kind, name: name, registered: names)
        }
        return try await factory(settings, context)
    }

    /// Throws the same error as ``make(_:settings:context:)`` would for an unknown name, without building.
    public func checkRegistered(_ name: String) throws {
        guard factories[name] != nil else {
            throw ConfigurationError.unknownDriver(kind: kind, name: name, registered: names)
        }
    }
}

/// Maps driver names to plugin factories, one table per extension point.
///
/// The stock `portal` executable registers the bundled plugins; a team's own executable registers theirs as
/// well and hands the registry to `PortalApp`. Each plugin target exposes one `register(in:)` entry.
public struct PluginRegistry: Sendable {
    /// Storage backends by `storage.driver` (`sqlite`, `json`, `memory`, `postgres` in the stock executable).
    public var storage = PluginFactories<any PortalStorage>(kind: "storage")
    /// Mailers by `mailer.driver` (`log`, `smtp`).
    public var mailers = PluginFactories<any Mailer>(kind: "mailer")
    /// Lead routers by `leadRouting.driver` (`settings`, `rules`).
    public var leadRouters = PluginFactories<any LeadRouter>(kind: "leadRouting")
    /// Payment gateways by `payments.driver` (`sandbox`).
    public var paymentGateways = PluginFactories<any PaymentGateway>(kind: "payments")
    /// Webhook senders by `webhooks.driver` (`http`).
    public var webhookSenders = PluginFactories<any WebhookSender>(kind: "webhooks")
    /// File stores by `files.driver` (`filesystem`, `postgres`; SPEC F17).
    public var fileStores = PluginFactories<any FileStore>(kind: "files")
    /// Photo cleaners by `images.driver` (`vips`; SPEC F17).
    public var imageProcessors = PluginFactories<any ImageProcessor>(kind: "images")
    /// PDF renderers by `documents.driver` (`cairo`; SPEC F16).
    public var documentRenderers = PluginFactories<any DocumentRenderer>(kind: "documents")

    /// An empty registry: each plugin's `register(in:)` adds to it.
    public init() {}
}
