import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import PortalTestSupport
import Testing

@testable import PortalHTTP

@Suite("Webhooks", .serialized)
struct WebhookTests {
    static let secret = WebhookSecret.generate()

    func settings(url: String) -> AccountSettings {
        AccountSettings(leadNotificationEmails: ["office@greenleaf.example"], webhookURLs: [url], webhookSecret: Self.secret)
    }

    @Test("A portal lead reaches the receiver with a valid signature, verified by the standardwebhooks library too (#17); a tampered body fails the documented check")
    func signedDelivery() async throws {
        let receiver = try await LocalWebhookReceiver(secret: Self.secret)
        defer { receiver.stop() }
        let bed = try await PortalTestbed(settings: settings(url: receiver.url), now: Date(), webhooksAllowInsecure: true)
        try await bed.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf/request-service")
            _ = try await visitor.post("/portal/greenleaf/request-service", ServiceRequestTests.filled)
        }
        try await bed.deliverMail()
        let received = try receiver.received()
        #expect(received.count == 1)
        let hook = try #require(received.first)
        #expect(hook.event == "lead.created" && hook.valid && hook.standardValid)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(hook.body.utf8)) as? [String: Any])
        #expect(body["type"] as? String == "lead.created" && body["account"] as? String == "greenleaf")
        #expect((body["data"] as? [String: Any])?["name"] as? String == "Jordan Rivers")
        #expect(WebhookSignature.verify(header: hook.signature, body: hook.body, secret: Self.secret, now: Date()))
        let tampered = hook.body.replacingOccurrences(of: "Jordan Rivers", with: "Jordan Rivets")
        #expect(!WebhookSignature.verify(header: hook.signature, body: tampered, secret: Self.secret, now: Date()))
        #expect(!WebhookSignature.verify(header: hook.signature, body: hook.body, secret: "whsec_other", now: Date()))
        #expect(!WebhookSignature.verify(header: hook.signature, body: hook.body, secret: Self.secret, now: Date().addingTimeInterval(301)))
        await bed.remove()
    }

    @Test("#17: a secret made before Standard Webhooks is shown also the way a library reads it; a new one once")
    func secretForLibraries() async throws {
        let old = "whsec_" + String(repeating: "-_8", count: 14) + "A"
        let bed = try await PortalTestbed(settings: AccountSettings(webhookURLs: ["https://hooks.example/a"], webhookSecret: old))
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            let page = try await browser.get("/admin/settings").body
            #expect(page.contains("value=\"\(old)\"") && page.contains("value=\"\(WebhookSecret.libraryForm(of: old))\""))
            #expect(WebhookSecret.libraryForm(of: old).hasPrefix("whsec_+/8+/8"))
            var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            account.settings.webhookSecret = Self.secret
            try await bed.services.storage.accounts.update(account)
            #expect(!(try await browser.get("/admin/settings").body.contains("webhook-library-secret")))
        }
        await bed.remove()
    }

    @Test("A receiver that is down gets the event later, exactly once")
    func downThenUp() async throws {
        let probe = try await LocalWebhookReceiver(secret: Self.secret)
        let port = probe.port
        probe.stop()
        let bed = try await PortalTestbed(settings: settings(url: "http://127.0.0.1:\(port)/hooks"), now: Date(), webhooksAllowInsecure: true)
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            let api = APIClient(client: client, token: token)
            let accepted = try await api.call(.post, "/api/v1/proposals/\(Seed.CeceProposal.open)/accept", ["signatureName": "Alex"])
            #expect(accepted.status == .ok)
        }
        try await bed.deliverMail()
        let queued = try await bed.services.storage.outbox.all(about: .proposal(Seed.CeceProposal.open), in: Seed.accountA)
        let message = try #require(queued.first { $0.webhook != nil })
        #expect(message.webhook?.event == "proposal.accepted")
        #expect(try await bed.services.storage.outbox.find(message.id, in: Seed.accountA)?.status == .retrying)

        let receiver = try await LocalWebhookReceiver(secret: Self.secret, port: port)
        defer { receiver.stop() }
        // Past the first retry's wait (a minute), and still within the receiver's five-minute window: the signature
        // carries the test clock's time and the receiver checks it against the real one.
        bed.clock.advance(by: 61)
        try await bed.deliverMail()
        bed.clock.advance(by: 61)
        try await bed.deliverMail()
        let received = try receiver.received()
        #expect(received.count == 1 && received.first?.event == "proposal.accepted" && received.first?.valid == true)
        #expect(received.first?.standardValid == true)
        #expect(received.first?.eventId == message.webhook?.eventID)
        #expect(try await bed.services.storage.outbox.find(message.id, in: Seed.accountA)?.status == .delivered)
        await bed.remove()
    }

    @Test("Declines and payments that settle an invoice queue their events; accounts without URLs queue none")
    func eventsQueued() async throws {
        let bed = try await PortalTestbed(settings: settings(url: "https://hooks.example/portal"))
        let token = try await bed.apiToken(for: Seed.accountA)
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            _ = try await browser.get("/portal/greenleaf/proposals/\(Seed.CeceProposal.open)")
            _ = try await browser.post("/portal/greenleaf/proposals/\(Seed.CeceProposal.open)/decline", [("reason", "Later")])
            let api = APIClient(client: client, token: token)
            _ = try await api.call(.post, "/api/v1/invoices/\(Seed.CeceInvoice.unpaid)/payments", ["amount": 5_000, "method": "check"], headers: [.init("Idempotency-Key")!: "a"])
            _ = try await api.call(.post, "/api/v1/invoices/\(Seed.CeceInvoice.unpaid)/payments", ["amount": 15_000, "method": "check"], headers: [.init("Idempotency-Key")!: "b"])
        }
        let declined = try await bed.services.storage.outbox.all(about: .proposal(Seed.CeceProposal.open), in: Seed.accountA).compactMap(\.webhook)
        #expect(declined.map(\.event) == ["proposal.declined"] && declined.first?.url == "https://hooks.example/portal")
        let paid = try await bed.services.storage.outbox.all(about: .invoice(Seed.CeceInvoice.unpaid), in: Seed.accountA).compactMap(\.webhook)
        #expect(paid.map(\.event) == ["invoice.paid"])
        await bed.remove()

        let quiet = try await PortalTestbed()
        try await quiet.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf/request-service")
            _ = try await visitor.post("/portal/greenleaf/request-service", ServiceRequestTests.filled)
        }
        let lead = try #require(try await quiet.services.storage.leads.all(in: Seed.accountA).first)
        #expect(try await quiet.services.storage.outbox.all(about: .lead(lead.id), in: Seed.accountA).allSatisfy { $0.webhook == nil })
        await quiet.remove()
    }
}
