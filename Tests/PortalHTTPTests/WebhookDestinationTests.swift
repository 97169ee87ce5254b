import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import PortalTestSupport
import Testing

@testable import PortalHTTP

@Suite("Webhooks: outbound requests go only where they should (#17)", .serialized)
struct WebhookDestinationTests {
    /// The settings form, valid but for `webhookURLs`.
    static func fields(webhookURLs: String) -> [(String, String)] {
        [
            ("openInvoiceWhen", "sent"), ("paidInvoiceRetentionDays", "400"), ("proposalExpiryDays", "14"),
            ("serviceFeePercent", "0"), ("displayName", "Greenleaf"), ("accentColor", "#1b5e20"),
            ("timeZone", "America/New_York"), ("currency", "USD"), ("webhookURLs", webhookURLs),
        ]
    }

    @Test("An admin cannot save a webhook URL into the host's network or an http:// one; a public https URL is saved")
    func refusedWhenSaved() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            for (url, reason) in [
                ("https://169.254.169.254/latest/meta-data/", "link-local"), ("https://localhost:8080/internal", "loopback"),
                ("https://[::ffff:127.0.0.1]/x", "loopback"), ("http://93.184.215.14/hooks", "only https://"),
            ] {
                let refused = try await browser.post("/admin/settings", Self.fields(webhookURLs: url))
                #expect(refused.status == .unprocessableContent, "\(url)")
                #expect(refused.body.contains("cannot receive webhooks: ") && refused.body.contains(reason), "\(url)")
            }
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.settings.webhookURLs == [])
            let saved = try await browser.post("/admin/settings", Self.fields(webhookURLs: "https://93.184.215.14/hooks"))
            #expect(saved.status == .seeOther)
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.settings.webhookURLs == ["https://93.184.215.14/hooks"])
        }
        await bed.remove()
    }

    @Test("A stored URL whose host resolves to loopback is checked again at delivery: a permanent failure with the reason")
    func refusedAtDelivery() async throws {
        let receiver = try await LocalWebhookReceiver(secret: "whsec_c2VjcmV0")
        defer { receiver.stop() }
        let settings = AccountSettings(webhookURLs: ["https://localhost:\(receiver.port)/hooks"], webhookSecret: WebhookSecret.generate())
        let bed = try await PortalTestbed(settings: settings, now: Date())
        try await bed.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf/request-service")
            _ = try await visitor.post("/portal/greenleaf/request-service", ServiceRequestTests.filled)
        }
        try await bed.deliverMail()
        let lead = try #require(try await bed.services.storage.leads.all(in: Seed.accountA).first)
        let message = try #require(try await bed.services.storage.outbox.all(about: .lead(lead.id), in: Seed.accountA).first { $0.webhook != nil })
        #expect(message.status == .failed)
        #expect(message.lastError?.hasPrefix("refused: localhost resolves to ") == true && message.lastError?.contains("loopback") == true)
        #expect(try receiver.received().isEmpty)
        await bed.remove()
    }
}
