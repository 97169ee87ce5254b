import Foundation
import CairoDocuments
import JSONStorage
import Logging
import PortalKernel
import PortalTesting
import SandboxPayments
import VipsImages

/// The kernel's use cases on the in-memory store, with no HTTP (#19, point 8): a company with one client, the
/// sandbox gateway, a clock that stands still, and emails composed as their kind and variables so a test can read
/// what was queued.
struct UseCaseBed {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_795_618_800))
    let services: PortalServices
    let account: Account
    let customer: Customer
    let origin = RequestOrigin(ipAddress: "203.0.113.10", userAgent: "kernel tests")
    let policy = PortalPolicy()

    /// `storage` wraps the in-memory store (a store that fails on purpose, say).
    init(allowsPartialPayments: Bool = false, storage wrap: (any PortalStorage) -> any PortalStorage = { $0 }) async throws {
        let logger = Logger(label: "kernel-tests")
        services = PortalServices(
            storage: wrap(JSONStorage.inMemory(logger: logger)), mailer: Unused(), leadRouter: OfficeRouter(),
            paymentGateway: SandboxPayments(clock: clock, logger: logger), webhookSender: Unused(), files: MemoryFileStore(),
            images: try VipsImageProcessor(), documents: CairoDocumentRenderer(), clock: clock,
            publicBaseURL: "https://portal.example.com", logger: logger)
        account = Account(
            id: "greenleaf", name: "Greenleaf", portalKey: "greenleaf",
            settings: AccountSettings(leadNotificationEmails: ["office@greenleaf.example"], allowsPartialPayments: allowsPartialPayments),
            branding: Branding(displayName: "Greenleaf"), createdAt: clock.now)
        customer = Customer(id: "cece", accountID: account.id, displayName: "Cece", emails: ["cece@example.com"])
        try await services.storage.accounts.insert(account)
        try await services.storage.customers.insert(customer)
    }

    /// Every email queued so far: the kind and the recipients, with the text the composer was given.
    func queuedEmails() async throws -> [EmailMessage] {
        await services.deferredWork.idle()
        return try await services.storage.outbox.due(at: clock.now.addingTimeInterval(86_400), limit: 1_000).compactMap(\.email)
    }

    /// A job and a sent proposal of `customer` for 250.00, and `optional` lines.
    func sentProposal(optional: [LineItem] = []) async throws -> Proposal {
        let job = Job(accountID: account.id, customerID: customer.id, title: "Spring clean-up", createdStage: .proposal, createdAt: clock.now)
        let proposal = Proposal(
            accountID: account.id, jobID: job.id, customerID: customer.id, title: "Spring clean-up",
            lineItems: [LineItem(description: "Clean-up", unitPrice: Money(cents: 25_000))] + optional, status: .sent, sentAt: clock.now,
            createdAt: clock.now)
        try await services.storage.jobs.insert(job)
        try await services.storage.proposals.insert(proposal)
        return proposal
    }

    /// An open invoice of `customer` for 300.00, numbered `number`.
    func openInvoice(number: String = "INV-1") async throws -> Invoice {
        let invoice = Invoice(
            accountID: account.id, customerID: customer.id, number: number, invoiceDate: account.today(at: clock.now), sentAt: clock.now,
            lineItems: [LineItem(description: "Mowing", unitPrice: Money(cents: 30_000))], createdAt: clock.now)
        try await services.storage.invoices.insert(invoice)
        return invoice
    }

    static let approvedCard = CardDetails(number: "4242 4242 4242 4242", expiryMonth: 12, expiryYear: 2040, securityCode: "123", nameOnCard: "Cece")
}

/// Writes each email as its kind (the subject) and its variables (the text), so tests read what a template would get.
struct KindComposer: PortalEmailComposer {
    func compose(_ email: PortalEmail, to recipients: [EmailMessage.Mailbox]) throws -> EmailMessage {
        EmailMessage(to: recipients, subject: email.templateKind.rawValue, textBody: "\(email)")
    }
}

/// Emails every lead to the account's lead-notification addresses.
private struct OfficeRouter: LeadRouter {
    let driverName = "office"
    func route(_ lead: Lead, account: Account) async throws -> LeadRouting {
        LeadRouting(recipients: account.settings.leadNotificationEmails)
    }
}

/// A mailer and webhook sender the use cases never call (they only queue; the outbox worker sends).
private struct Unused: Mailer, WebhookSender {
    let driverName = "unused"
    func send(_ message: EmailMessage) async throws { throw MailDeliveryError.permanent("not in kernel tests") }
    func post(_ webhook: SignedWebhook) async throws { throw WebhookDeliveryError.permanent("not in kernel tests") }
    func destinationProblem(_ url: String) async -> String? { nil }
}

/// A password "hash" that is the password behind a prefix: the kernel only stores and compares it (bcrypt lives in
/// the HTTP front), and tests stay fast.
struct PlainHashing: PasswordHashing {
    func hash(_ password: String) -> String { "plain:" + password }
    func verify(_ password: String, against hash: String) -> Bool { hash == "plain:" + password }
}
