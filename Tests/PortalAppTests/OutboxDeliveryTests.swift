import Foundation
import HTTPWebhooks
import Logging
import PortalApp
import PortalKernel
import PortalTesting
import ServiceLifecycle
import Synchronization
import Testing

/// A mailer that answers from a script, one answer per send, and remembers what it was given.
final class ScriptedMailer: Mailer {
    let driverName = "scripted"
    private let state: Mutex<(script: [MailDeliveryError?], sent: [EmailMessage])>

    /// `nil` in the script means the server accepted the message; when the script runs out, every send succeeds.
    init(_ script: [MailDeliveryError?] = []) {
        state = Mutex((script, []))
    }

    var sent: [EmailMessage] { state.withLock { $0.sent } }

    func send(_ message: EmailMessage) async throws {
        let answer = state.withLock { state -> MailDeliveryError? in
            let answer = state.script.isEmpty ? nil : state.script.removeFirst()
            if answer == nil { state.sent.append(message) }
            return answer
        }
        if let answer { throw answer }
    }
}


@Suite("Outbox delivery")
struct OutboxDeliveryTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A migrated store of `driver` with one account, and a way to queue messages in it.
    struct Setup {
        let fixture: AppFixture
        let storage: any PortalStorage
        let account: Account

        init(driver: String) async throws {
            fixture = try AppFixture()
            storage = try await AppFixture.registry.storage.make(
                driver,
                settings: DictionarySettings(path: "storage", [
                    "path": fixture.folder.appendingPathComponent("outbox.sqlite").path,
                    "folder": fixture.folder.appendingPathComponent("outbox-json").path,
                ]),
                context: PluginContext(logger: Logger(label: "test"), clock: SystemClock()))
            try await storage.migrate()
            account = Account(id: "acct", name: "Greenleaf", portalKey: "k", branding: Branding(displayName: "G"), createdAt: start)
            try await storage.accounts.insert(account)
        }

        @discardableResult
        func queue(_ subject: String, queuedAt: Date = start) async throws -> OutboxMessage {
            let message = OutboxMessage(
                accountID: account.id, email: EmailMessage(to: [.init(address: "cece@example.com")], subject: subject, textBody: "Hello"),
                about: .init(kind: .invoice, id: "inv-1"), nextAttemptAt: queuedAt, createdAt: queuedAt)
            try await storage.outbox.enqueue(message)
            return message
        }

        func delivery(_ mailer: any Mailer, clock: any PortalClock) -> OutboxDelivery {
            OutboxDelivery(
                storage: storage, mailer: mailer, webhooks: HTTPWebhookSender(timeoutSeconds: 5), clock: clock, policy: RetryPolicy(baseDelay: 60, maximumDelay: 3_600, giveUpAfter: 86_400),
                logger: Logger(label: "test"), jitter: { 0 })
        }

        func stored(_ id: OutboxMessage.ID) async throws -> OutboxMessage? { try await storage.outbox.find(id, in: account.id) }

        func tearDown() async throws {
            try await storage.close()
            fixture.remove()
        }
    }

    @Test("A queued message is sent once and recorded as delivered", arguments: ["sqlite", "json"])
    func deliversOnce(driver: String) async throws {
        let setup = try await Setup(driver: driver)
        let message = try await setup.queue("Your invoice")
        let mailer = ScriptedMailer()
        let clock = ManualClock(Self.start)
        let round = try await setup.delivery(mailer, clock: clock).deliverDue(limit: 10)
        #expect(round == OutboxDelivery.Round(delivered: 1))
        let stored = try #require(try await setup.stored(message.id))
        #expect(stored.status == .delivered && stored.attempts == 1 && stored.deliveredAt == Self.start && stored.lastError == nil)
        clock.advance(by: 3_600)
        #expect(try await setup.delivery(mailer, clock: clock).deliverDue(limit: 10).handled == 0)
        #expect(mailer.sent.map(\.subject) == ["Your invoice"])
        try await setup.tearDown()
    }

    @Test("A temporary failure is retried after the backoff, then delivered once", arguments: ["sqlite", "json"])
    func retriesTransient(driver: String) async throws {
        let setup = try await Setup(driver: driver)
        let message = try await setup.queue("Login link")
        let mailer = ScriptedMailer([.transient("421 4.3.2 try again later"), .transient("connection refused")])
        let clock = ManualClock(Self.start)
        let delivery = setup.delivery(mailer, clock: clock)

        #expect(try await delivery.deliverDue(limit: 10) == OutboxDelivery.Round(retrying: 1))
        var stored = try #require(try await setup.stored(message.id))
        #expect(stored.status == .retrying && stored.lastError == "421 4.3.2 try again later")
        #expect(stored.nextAttemptAt == Self.start.addingTimeInterval(30))  // 60 s base, no jitter: half of it
        #expect(try await delivery.deliverDue(limit: 10).handled == 0)  // not due yet

        clock.advance(by: 30)
        #expect(try await delivery.deliverDue(limit: 10) == OutboxDelivery.Round(retrying: 1))
        stored = try #require(try await setup.stored(message.id))
        #expect(stored.attempts == 2 && stored.nextAttemptAt == clock.now.addingTimeInterval(60))

        clock.advance(by: 60)
        #expect(try await delivery.deliverDue(limit: 10) == OutboxDelivery.Round(delivered: 1))
        stored = try #require(try await setup.stored(message.id))
        #expect(stored.status == .delivered && stored.attempts == 3)
        #expect(mailer.sent.count == 1)
        try await setup.tearDown()
    }

    @Test("A permanent failure is marked failed with the server's reply and never retried", arguments: ["sqlite", "json"])
    func permanentFailure(driver: String) async throws {
        let setup = try await Setup(driver: driver)
        let message = try await setup.queue("Receipt")
        let mailer = ScriptedMailer([.permanent("550 5.1.1 <cece@example.com>: mailbox unknown")])
        let clock = ManualClock(Self.start)
        #expect(try await setup.delivery(mailer, clock: clock).deliverDue(limit: 10) == OutboxDelivery.Round(failed: 1))
        let stored = try #require(try await setup.stored(message.id))
        #expect(stored.status == .failed && stored.lastError == "550 5.1.1 <cece@example.com>: mailbox unknown")
        clock.advance(by: 86_400)
        #expect(try await setup.delivery(mailer, clock: clock).deliverDue(limit: 10).handled == 0)
        // Staff find it beside the invoice it was about.
        let aboutInvoice = try await setup.storage.outbox.all(about: .init(kind: .invoice, id: "inv-1"), in: setup.account.id)
        #expect(aboutInvoice.map(\.status) == [.failed])
        try await setup.tearDown()
    }

    @Test("A message still failing at the give-up age is marked failed, saying so", arguments: ["sqlite", "json"])
    func givesUp(driver: String) async throws {
        let setup = try await Setup(driver: driver)
        let clock = ManualClock(Self.start)
        let message = try await setup.queue("Old news", queuedAt: Self.start.addingTimeInterval(-86_400))
        let mailer = ScriptedMailer([.transient("451 4.4.1 no answer from host")])
        #expect(try await setup.delivery(mailer, clock: clock).deliverDue(limit: 10) == OutboxDelivery.Round(failed: 1))
        let stored = try #require(try await setup.stored(message.id))
        #expect(stored.lastError == "gave up after 1 attempts; last reply: 451 4.4.1 no answer from host")
        try await setup.tearDown()
    }

    @Test("The worker service delivers what is queued while it runs and stops on graceful shutdown")
    func workerService() async throws {
        let setup = try await Setup(driver: "sqlite")
        let mailer = ScriptedMailer()
        let worker = OutboxWorker(
            delivery: setup.delivery(mailer, clock: SystemClock()),
            settings: OutboxSettings(pollInterval: .milliseconds(100), batchSize: 5), logger: Logger(label: "test"))
        let group = ServiceGroup(services: [worker], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for index in 0..<7 { try await setup.queue("Message \(index)", queuedAt: Date()) }
            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            while mailer.sent.count < 7, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(Set(mailer.sent.map(\.subject)) == Set((0..<7).map { "Message \($0)" }))
        #expect(mailer.sent.count == 7)
        try await setup.tearDown()
    }
}
