import Logging

/// The plugins one running portal uses, built once at start-up from the configuration.
///
/// The HTTP front and background jobs receive this and nothing else: they never know which backend is behind a
/// protocol.
public struct PortalServices: Sendable {
    public var storage: any PortalStorage
    public var mailer: any Mailer
    public var leadRouter: any LeadRouter
    public var paymentGateway: any PaymentGateway
    public var webhookSender: any WebhookSender
    public var clock: any PortalClock
    /// The externally visible base of every link the portal emails or shows (`https://portal.example.com`).
    public var publicBaseURL: String
    public var logger: Logger
    /// Where the kernel's counts go (login links, outbox attempts); records nothing unless the executable sets one.
    public var meter: any PortalMeter
    /// Work finished after a request's answer (the login-link look-up, #17); shared by every copy of these services.
    public var deferredWork: DeferredWork

    /// `deferredWork` defaults to a new queue logging to `logger`.
    public init(
        storage: any PortalStorage, mailer: any Mailer, leadRouter: any LeadRouter,
        paymentGateway: any PaymentGateway, webhookSender: any WebhookSender, clock: any PortalClock,
        publicBaseURL: String, logger: Logger, meter: any PortalMeter = SilentMeter(), deferredWork: DeferredWork? = nil
    ) {
        self.storage = storage
        self.mailer = mailer
        self.leadRouter = leadRouter
        self.paymentGateway = paymentGateway
        self.webhookSender = webhookSender
        self.clock = clock
        self.publicBaseURL = publicBaseURL
        self.logger = logger
        self.meter = meter
        self.deferredWork = deferredWork ?? DeferredWork(logger: logger)
    }
}
