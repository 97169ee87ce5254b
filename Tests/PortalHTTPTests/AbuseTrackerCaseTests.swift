import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// #17: abuse reports from other products' public trackers, tried on this portal.
@Suite("Abuse cases from other products' trackers")
struct AbuseTrackerCaseTests {
    @Test("#17 (ltb-project/self-service-password#755): a forged Host or X-Forwarded-Host does not move the emailed login link")
    func hostHeaderPoisoning() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var attacker = Browser(client)
            attacker.extraHeaders = [HTTPField.Name("Host")!: "evil.example", HTTPField.Name("X-Forwarded-Host")!: "evil.example"]
            _ = try await attacker.get("/portal/\(Seed.keyA)/login")
            #expect(try await attacker.post("/portal/\(Seed.keyA)/login", [("email", "cece@example.com")]).status == .ok)
            try await bed.deliverMail()
            let mail = try #require(try bed.mail.to("cece@example.com").last)
            #expect(mail.link(startingWith: "\(PortalTestbed.base)/portal/\(Seed.keyA)/auth/") != nil)
            #expect(!mail.raw.contains("evil.example"))
        }
        await bed.remove()
    }

    @Test("#17 (in2code-de/femanager#302, nextcloud/registration#437): login-link requests from many addresses cannot flood one inbox")
    func inboxFlooding() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            // Fifty requests over ten minutes, each from another address: one email a minute at most, and no more
            // than the window allows.
            for index in 0..<50 {
                var sender = Browser(client)
                sender.ipAddress = "198.51.100.\(index + 1)"
                _ = try await sender.get("/portal/\(Seed.keyA)/login")
                #expect(try await sender.post("/portal/\(Seed.keyA)/login", [("email", "bob@example.com")]).status == .ok)
                bed.clock.advance(by: 12)
            }
            try await bed.deliverMail()
            #expect(try bed.mail.to("bob@example.com").count == PortalPolicy().loginRequestsPerEmail)
        }
        await bed.remove()
    }
}
