import PortalKernel

/// The HTTP front's composition root (#20): the services, the page support every browser controller shares
/// (``BrowserFront``), and every use case over the services, built once; ``PortalRouter`` hands each controller only
/// the use cases it calls.
struct PortalEnvironment: Sendable {
    let services: PortalServices
    let front: BrowserFront

    let loginLinks: LoginLinks
    let sessions: ClientSessions
    let portal: CustomerPortal
    let answers: ProposalAnswers
    let payments: InvoicePayments
    let serviceRequests: ServiceRequests
    let clientVisits: ClientVisits
    let calendarFeeds: CalendarFeeds
    let visitPlanning: VisitPlanning
    let paymentMethods: SavedPaymentMethods
    let autopays: Autopays
    let deposits: Deposits
    let tips: Tips
    let refunds: Refunds
    let staffSessions: StaffSessions
    let leadConversion: LeadConversion
    let attachedFiles: AttachedFiles
    let pdfs: DocumentPDFs
    let quoting: Quoting
    let billing: Billing
    let customerManagement: CustomerManagement
    let jobTracking: JobTracking
    let companySettings: CompanySettings
    let apiTokens: APITokenAuthentication

    init(services: PortalServices, options: PortalHTTPOptions) throws {
        self.services = services
        let policy = options.policy
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        front = BrowserFront(
            renderer: try PageRenderer(), csrf: CSRFProtection(secure: links.isSecure), links: links, policy: policy,
            proxies: options.proxies, clock: services.clock)
        let emails = try TemplateEmailComposer(publicBaseURL: services.publicBaseURL)
        loginLinks = LoginLinks(services: services, emails: emails, policy: policy)
        sessions = ClientSessions(services: services, policy: policy)
        portal = CustomerPortal(services: services)
        answers = ProposalAnswers(services: services, emails: emails)
        payments = InvoicePayments(services: services, emails: emails)
        serviceRequests = ServiceRequests(services: services, emails: emails, policy: policy)
        clientVisits = ClientVisits(services: services, emails: emails)
        calendarFeeds = CalendarFeeds(services: services)
        visitPlanning = VisitPlanning(services: services, emails: emails)
        paymentMethods = SavedPaymentMethods(services: services, emails: emails)
        autopays = Autopays(services: services, emails: emails)
        deposits = Deposits(services: services)
        tips = Tips(services: services)
        refunds = Refunds(services: services, emails: emails)
        staffSessions = StaffSessions(
            services: services, emails: emails, hashing: options.passwordHashing, throttleRules: options.loginThrottle)
        leadConversion = LeadConversion(services: services)
        attachedFiles = AttachedFiles(services: services)
        pdfs = DocumentPDFs(services: services)
        quoting = Quoting(services: services, emails: emails)
        billing = Billing(services: services, emails: emails)
        customerManagement = CustomerManagement(services: services, emails: emails)
        jobTracking = JobTracking(services: services)
        companySettings = CompanySettings(services: services)
        apiTokens = APITokenAuthentication(services: services)
    }
}

/// How the HTTP front behaves, from the configuration.
public struct PortalHTTPOptions: Sendable {
    /// The portal's login-link, session and rate-limit timings and limits (the `portal` section of the configuration).
    public var policy: PortalPolicy
    /// The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (#21).
    public var proxies: ProxyTrust
    /// The `Strict-Transport-Security` header sent when the public base URL is `https`; `nil` sends none.
    public var strictTransportSecurity: StrictTransportSecurity?
    /// How wrong staff passwords are slowed down and locked out (the counts live in the storage).
    public var loginThrottle: LoginThrottle.Rules
    /// How staff passwords are hashed and checked: ``BcryptHashing`` unless a test gives a faster one.
    public var passwordHashing: any PasswordHashing
    /// Serve `GET /metrics` from this registry and record every request into it; `nil` leaves both out.
    public var metrics: MetricsEndpoint?

    /// Memberwise; by default the default policy and login throttle, no trusted `X-Forwarded-For`, bcrypt, no metrics.
    public init(
        policy: PortalPolicy = PortalPolicy(), proxies: ProxyTrust = .none,
        strictTransportSecurity: StrictTransportSecurity? = StrictTransportSecurity(),
        loginThrottle: LoginThrottle.Rules = LoginThrottle.Rules(), passwordHashing: any PasswordHashing = BcryptHashing(),
        metrics: MetricsEndpoint? = nil
    ) {
        self.policy = policy
        self.proxies = proxies
        self.strictTransportSecurity = strictTransportSecurity
        self.loginThrottle = loginThrottle
        self.passwordHashing = passwordHashing
        self.metrics = metrics
    }
}
