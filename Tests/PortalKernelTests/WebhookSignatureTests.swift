import Foundation
import Testing

@testable import PortalKernel

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    let now = Date(timeIntervalSince1970: 1_795_618_800)

    @Test("The header carries the time and an HMAC-SHA256 over time and body, which verifies only unchanged and in time")
    func signAndVerify() {
        let header = WebhookSignature.value(secret: "s3cret", body: #"{"a":1}"#, at: now)
        #expect(header.hasPrefix("t=1795618800,v1="))
        #expect(header.count == "t=1795618800,v1=".count + 64)
        #expect(WebhookSignature.verify(header: header, body: #"{"a":1}"#, secret: "s3cret", now: now.addingTimeInterval(299)))
        #expect(!WebhookSignature.verify(header: header, body: #"{"a":2}"#, secret: "s3cret", now: now))
        #expect(!WebhookSignature.verify(header: header, body: #"{"a":1}"#, secret: "other", now: now))
        #expect(!WebhookSignature.verify(header: header, body: #"{"a":1}"#, secret: "s3cret", now: now.addingTimeInterval(301)))
        #expect(!WebhookSignature.verify(header: header, body: #"{"a":1}"#, secret: "s3cret", now: now.addingTimeInterval(-301)))
        #expect(!WebhookSignature.verify(header: "v1=abc", body: "", secret: "s3cret", now: now))
    }

    @Test("Settings stored before webhooks existed read with none")
    func oldSettings() throws {
        let json = #"{"leadNotificationEmails":[],"openInvoiceWhen":"generated","paidInvoiceRetentionDays":365,"proposalExpiryDays":30,"allowsPartialPayments":false,"serviceFeeBasisPoints":0,"leadFormAllowedOrigins":[]}"#
        let settings = try JSONDecoder().decode(AccountSettings.self, from: Data(json.utf8))
        #expect(settings.webhookURLs.isEmpty && settings.webhookSecret == nil)
    }
}
