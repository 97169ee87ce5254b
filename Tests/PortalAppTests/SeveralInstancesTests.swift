import Foundation
import Logging
import PortalKernel
import PortalTestSupport
import PostgresStorage
import Testing

/// Two `portal serve` processes on one PostgreSQL database, as behind a load balancer without sticky sessions.
@Suite("Several instances, one PostgreSQL database", .serialized, .enabled(if: PostgresTestServer.isAvailable))
struct SeveralInstancesTests {
    /// The binary helpers (start, fetch, log in) of the single-instance tests.
    let binary = ExecutableTests()

    @Test("portal demo seeds PostgreSQL; a login link from one instance works on the other; the session works on both; each email goes once; one idempotency key pays once")
    func twoInstances() async throws {
        let server = try PostgresTestServer.shared()
        let database = "instances_\(UUID().uuidString.lowercased().filter(\.isHexDigit))"
        try server.createDatabase(database)
        let fixture = try AppFixture()
        let config = try fixture.isolatedConfig(port: 0, storage: #"{"driver": "postgres"}"#)
        let environment = [
            "PORTAL_STORAGE_DRIVER": "postgres", "PORTAL_STORAGE_HOST": "127.0.0.1", "PORTAL_STORAGE_PORT": "\(server.port)",
            "PORTAL_STORAGE_DATABASE": database, "PORTAL_STORAGE_USER": server.user, "PORTAL_STORAGE_PASSWORD": server.password,
            "PORTAL_STORAGE_TLS": "disable",
        ]
        let seeded = try await binary.run(["demo", "--config", config], environment: environment)
        #expect(seeded.status == 0, "\(seeded.stderr)")

        let first = try await binary.startServer(["serve", "--config", config], environment: environment)
        let second = try await binary.startServer(["serve", "--config", config], environment: environment)
        defer { for instance in [first, second] where instance.process.isRunning { instance.process.terminate() } }
        let mail = fixture.folder.appendingPathComponent("mail")

        // Log in: the link is asked for on the first instance and used on the second.
        let jar = fixture.folder.appendingPathComponent("cookies").path
        @Sendable func portal(_ port: Int) -> String { "http://127.0.0.1:\(port)/portal/greenleaf-demo" }
        let (loginPage, _) = try await binary.fetch("\(portal(first.port))/login", cookies: jar)
        let csrf = try #require(ExecutableTests.hiddenField("csrf", in: String(decoding: loginPage, as: UTF8.self)))
        let (_, asked) = try await binary.fetch("\(portal(first.port))/login", cookies: jar, form: "csrf=\(csrf)&email=cece%40example.com")
        #expect(asked == 200)
        let path = try await waitFor("the login email") {
            try MailFolder(mail).to("cece@example.com").compactMap { $0.link(startingWith: "/portal/greenleaf-demo/auth/") }.first
        }
        let (_, loggedIn) = try await binary.fetch("http://127.0.0.1:\(second.port)\(path)", cookies: jar, form: "csrf=\(csrf)")
        #expect(loggedIn == 303)
        for instance in [first, second] {
            let (home, status) = try await binary.fetch(portal(instance.port), cookies: jar)
            #expect(status == 200)
            #expect(String(decoding: home, as: UTF8.self).contains("Hello, Cece Cunningham"), "instance on \(instance.port)")
        }

        // The same payment form sent to both instances at once charges the card once.
        @Sendable func payURL(_ port: Int) -> String { "\(portal(port))/invoices/demo-invoice-1001/pay" }
        let (payPage, _) = try await binary.fetch(payURL(first.port), cookies: jar)
        let key = try #require(ExecutableTests.hiddenField("idempotencyKey", in: String(decoding: payPage, as: UTF8.self)))
        let form =
            "csrf=\(csrf)&idempotencyKey=\(key)&amount=240.00&nameOnCard=Cece+Cunningham&cardNumber=4242424242424242&expiry=12%2F40&securityCode=123"
        async let payOnFirst = binary.fetch(payURL(first.port), cookies: jar, form: form)
        async let payOnSecond = binary.fetch(payURL(second.port), cookies: jar, form: form)
        let answers = try await [payOnFirst.1, payOnSecond.1]
        // Each answer is the receipt (303) or "already being processed" (409); at least one is the receipt.
        #expect(answers.allSatisfy { [303, 409].contains($0) }, "\(answers)")
        #expect(answers.contains(303))

        // Emails queued while both workers run: each is sent exactly once.
        let store = try await PostgresStorage(
            host: "127.0.0.1", port: server.port, database: database, user: server.user, password: server.password, logger: Logger(label: "test"))
        let now = Date()
        for index in 0..<30 {
            try await store.outbox.enqueue(
                OutboxMessage(
                    accountID: "demo-account",
                    email: EmailMessage(to: [.init(address: "count@example.com")], subject: "Count \(index)", textBody: "Hi"),
                    nextAttemptAt: now, createdAt: now))
        }
        let subjects = try await waitFor("all 30 emails") {
            let sent = try MailFolder(mail).to("count@example.com").compactMap { $0.header("Subject") }
            return sent.count >= 30 ? sent : nil
        }
        try await Task.sleep(for: .seconds(2))  // time for a duplicate, if there were one, to land
        let finalSubjects = try MailFolder(mail).to("count@example.com").compactMap { $0.header("Subject") }
        #expect(finalSubjects.count == 30, "\(finalSubjects.count) emails for 30 messages")
        #expect(Set(subjects).count == 30)

        let payments = try await store.payments.all(for: "demo-invoice-1001", in: "demo-account")
        #expect(payments.count == 1)
        #expect(try await store.invoices.find("demo-invoice-1001", in: "demo-account")?.amountPaid == Money(cents: 24_000))
        try await store.close()

        var log = ""
        for instance in [first, second] {
            log += await instance.stop()
        }
        // The sandbox gateway logs each charge it makes: across both instances, one.
        #expect(log.components(separatedBy: "Sandbox charge approved").count - 1 == 1)
        fixture.remove()
    }

    /// Polls `body` every 100 ms for up to 30 s until it returns a value; once more after the 30 s, so a test held up
    /// past the deadline still sees what arrived meanwhile.
    func waitFor<Value>(_ what: String, _ body: () throws -> Value?) async throws -> Value {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let value = try body() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        if let value = try body() { return value }
        Issue.record("\(what) did not arrive")
        throw CancellationError()
    }
}
