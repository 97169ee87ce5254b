import Foundation
import Hummingbird
import CairoDocuments
import FilesystemFileStore
import HTTPWebhooks
import HummingbirdTesting
import LogMailer
import Logging
import PortalKernel
import PortalTestSupport
import PortalTesting
import SQLiteStorage
import SandboxPayments
import SettingsLeadRouter
import VipsImages

@testable import PortalHTTP

/// A portal on a fresh store (SQLite unless a test names another) with a log mailer, the sandbox gateway and a clock that stands still, seeded
/// with two companies whose records exercise every visibility rule. Each record carries a marker string, so a
/// test can check that no page shows another customer's data.
final class PortalTestbed: Sendable {
    let folder: URL
    let services: PortalServices
    let clock: ManualClock
    let gateway: SandboxPayments
    let mail: MailFolder
    static let base = "http://portal.test"
    /// 2026-11-25 15:00 UTC, a Wednesday (10:00 in the accounts' New York time zone).
    static let now = Date(timeIntervalSince1970: 1_795_618_800)

    init(
        settings: AccountSettings? = nil, publicBaseURL: String = PortalTestbed.base, leadRouter: any LeadRouter = SettingsLeadRouter(),
        now: Date = PortalTestbed.now, meter: any PortalMeter = SilentMeter(), currencyCode: String = "USD",
        storage backend: TestStorage = .sqlite, webhooksAllowInsecure: Bool = false
    ) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        clock = ManualClock(now)
        gateway = SandboxPayments(clock: clock)
        mail = MailFolder(folder.appendingPathComponent("mail"))
        let storage = try await backend.open(folder)
        try await storage.migrate()
        var logger = Logger(label: "portal-tests")
        logger.logLevel = .warning
        services = PortalServices(
            storage: storage,
            mailer: LogMailer(folder: mail.url, defaultFrom: .init(address: "portal@portal.test"), logger: logger, clock: clock),
            leadRouter: leadRouter, paymentGateway: gateway, webhookSender: HTTPWebhookSender(timeoutSeconds: 5, allowsInsecure: webhooksAllowInsecure),
            files: try FilesystemFileStore(folder: folder.appendingPathComponent("files"), maxFileBytes: 25 * 1_048_576),
            images: try VipsImageProcessor(), documents: CairoDocumentRenderer(), composer: PageDocumentComposer(), clock: clock, publicBaseURL: publicBaseURL, logger: logger,
            meter: meter)
        try await Seed(now: now, settings: settings, passwordHash: BcryptHashing().hash(Seed.staffPassword), currencyCode: currencyCode)
            .write(into: storage)
    }

    /// Runs `body` against the portal's router: without sockets (`.router`, no peer address, so every request's
    /// `X-Forwarded-For` is believed), or on a real server on a free loopback port (`.live`).
    func run(
        options: PortalHTTPOptions = PortalHTTPOptions(proxies: .anyPeer), testing: TestingSetup = .router,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let router = try PortalRouter.build(services: services, options: options)
        let app = Application(router: router, logger: services.logger)
        try await app.test(testing, body)
    }

    /// Delivers every queued email through the log mailer, as the outbox worker does.
    func deliverMail() async throws {
        await services.deferredWork.idle()
        let delivery = OutboxDelivery(
            storage: services.storage, mailer: services.mailer, webhooks: services.webhookSender, clock: clock, policy: RetryPolicy(),
            logger: services.logger, meter: services.meter, jitter: { 0 })
        _ = try await delivery.deliverDue(limit: 1_000)
    }

    /// Asks for a login link for `email` and returns the link's path from the delivered email.
    /// (The clock moves a minute first: at most one login email a minute goes to an address, and emails are named by
    /// the time they were written, so they must sort apart.)
    func loginLinkPath(for email: String, browser: inout Browser) async throws -> String? {
        clock.advance(by: 61)
        _ = try await browser.get("/portal/\(Seed.keyA)/login")
        _ = try await browser.post("/portal/\(Seed.keyA)/login", [("email", email)])
        try await deliverMail()
        // The newest email with a login link: another email to the address (a receipt, autopay's copy) may have been
        // written in the same instant and sort after it.
        let link = try mail.to(EmailAddress.normalized(email)).reversed().lazy
            .compactMap { $0.link(startingWith: "\(Self.base)/portal/\(Seed.keyA)/auth/") }.first
        return link.map { String($0.dropFirst(Self.base.count)) }
    }

    /// Logs `email` in through the emailed link, as a person does.
    func logIn(_ email: String, browser: inout Browser) async throws {
        guard let path = try await loginLinkPath(for: email, browser: &browser) else { throw Missing(what: "login email") }
        _ = try await browser.get(path)
        let started = try await browser.post(path)
        guard started.status == .seeOther else { throw Missing(what: "session for \(email)") }
    }

    struct Missing: Error {
        let what: String
    }

    func remove() async {
        await services.deferredWork.idle()
        try? await services.storage.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

extension PortalTestbed {
    /// Logs in to the back office as `email` with the seed's password.
    func staffLogIn(_ email: String, browser: inout Browser) async throws {
        _ = try await browser.get("/admin/login")
        let done = try await browser.post("/admin/login", [("email", email), ("password", Seed.staffPassword)])
        guard done.status == .seeOther else { throw Missing(what: "staff session for \(email)") }
    }
}
