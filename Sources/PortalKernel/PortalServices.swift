import Logging

/// The plugins one running portal uses, built once at start-up from the configuration.
///
/// The HTTP front and background jobs receive this and nothing else: they never know which backend is behind a
/// protocol.
public struct PortalServices: Sendable {
    /// The store every record lives in (`storage.driver`), migrated.
    public var storage: any PortalStorage
    /// What delivers the outbox's emails (`mailer.driver`); use cases never call it, they queue emails in the outbox.
    public var mailer: any Mailer
    /// Who is told of a new portal lead, and its assignee and tags (`leadRouting.driver`, SPEC F6).
    public var leadRouter: any LeadRouter
    /// What charges cards for portal payments (`payments.driver`).
    public var paymentGateway: any PaymentGateway
    /// What posts the outbox's webhooks (`webhooks.driver`).
    public var webhookSender: any WebhookSender
    /// Where the bytes of photos and shared files are kept (`files.driver`, SPEC F17).
    public var files: any FileStore
    /// What cleans a client's photo before it is kept (`images.driver`, SPEC F17).
    public var images: any ImageProcessor
    /// What draws the PDFs of proposals, invoices, receipts and statements (`documents.driver`, SPEC F16).
    public var documents: any DocumentRenderer
    /// Words invoices and proposals as their pages do, for the PDFs emails attach (SPEC F16); set by the front that
    /// draws the pages (the executable sets the bundled HTTP front's), `nil` for none: emails then go without.
    public var composer: (any DocumentComposer)?
    /// The time every use case reads "now" from: the system clock in production, a manual one in tests.
    public var clock: any PortalClock
    /// The externally visible base of every link the portal emails or shows (`https://portal.example.com`).
    public var publicBaseURL: String
    /// The process's logger, for the kernel's own log lines.
    public var logger: Logger
    /// Where the kernel's counts go (login links, outbox attempts); records nothing unless the executable sets one.
    public var meter: any PortalMeter
    /// Work finished after a request's answer (the login-link look-up, #17); shared by every copy of these services.
    public var deferredWork: DeferredWork

    /// `deferredWork` defaults to a new queue logging to `logger`.
    public init(
        storage: any PortalStorage, mailer: any Mailer, leadRouter: any LeadRouter,
        paymentGateway: any PaymentGateway, webhookSender: any WebhookSender, files: any FileStore,
        images: any ImageProcessor, documents: any DocumentRenderer, composer: (any DocumentComposer)? = nil, clock: any PortalClock,
        publicBaseURL: String, logger: Logger, meter: any PortalMeter = SilentMeter(), deferredWork: DeferredWork? = nil
    ) {
        self.storage = storage
        self.mailer = mailer
        self.leadRouter = leadRouter
        self.paymentGateway = paymentGateway
        self.webhookSender = webhookSender
        self.files = files
        self.images = images
        self.documents = documents
        self.composer = composer
        self.clock = clock
        self.publicBaseURL = publicBaseURL
        self.logger = logger
        self.meter = meter
        self.deferredWork = deferredWork ?? DeferredWork(logger: logger)
    }
}
