import Foundation
import Testing

@testable import PortalKernel

@Suite("Webhooks a receiver can verify with a library (#17)")
struct StandardWebhookSignatureTests {
    @Test("The Standard Webhooks headers match the specification's example signature")
    func specificationExample() {
        let headers = StandardWebhookSignature.headers(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", body: #"{"test": 2432232314}"#, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            at: Date(timeIntervalSince1970: 1_614_265_330))
        #expect(headers == [
            "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
            "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ])
    }

    @Test("A new secret is whsec_ and the standard base64 of 32 random bytes, as libraries read it")
    func newSecret() throws {
        let secret = WebhookSecret.generate()
        #expect(secret.hasPrefix("whsec_") && secret != WebhookSecret.generate())
        #expect(Data(base64Encoded: String(secret.dropFirst(6)))?.count == 32)
        #expect(WebhookSecret.libraryForm(of: secret) == secret)
    }

    @Test("A secret made before (base64url, no padding) keeps its key, and its library form holds the same key")
    func oldSecret() throws {
        let bytes = Data((0..<32).map { UInt8($0 * 7 % 256) | 0xC0 })
        let old = "whsec_" + bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(old.contains("-") || old.contains("_"))
        #expect(WebhookSecret.key(of: old) == bytes)
        #expect(WebhookSecret.libraryForm(of: old) == "whsec_" + bytes.base64EncodedString())
        #expect(WebhookSecret.key(of: WebhookSecret.libraryForm(of: old)) == bytes)
    }
}
