/// What the operator watches (#20: read here, not by the HTTP front): whether storage answers, the drivers the
/// portal runs on, and how many emails wait to go out.
public struct ServiceHealth: Sendable {
    let services: PortalServices

    /// Asks `services`' storage and reads its drivers' names.
    public init(services: PortalServices) {
        self.services = services
    }

    /// Whether storage answers now; a failure is logged, never shown (it may name a host).
    public func storageAnswers() async -> Bool {
        do {
            try await services.storage.ping()
            return true
        } catch {
            services.logger.error("Health check: storage does not answer: \(error)")
            return false
        }
    }

    /// The drivers chosen in the configuration, by name (`sqlite`, `smtp`, `rules`).
    public var drivers: (storage: String, mailer: String, leadRouting: String) {
        (services.storage.driverName, services.mailer.driverName, services.leadRouter.driverName)
    }

    /// How many emails of every account are queued or retrying: the outbox's depth.
    public func outboxDepth() async throws -> Int {
        try await services.storage.outbox.depth()
    }

    /// Runs `body` with every storage read inside it in one snapshot (``PortalStorage/read(_:)``): what a page that
    /// only shows is wrapped in.
    public func inOneSnapshot<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        try await services.storage.read { _ in try await body() }
    }
}
