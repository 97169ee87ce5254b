import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// SPEC M5: the lead form, which anyone may send, cannot be used to mail strangers through the company.
@Suite("M5 the lead form against abuse")
struct LeadFormAbuseTests {
    /// The lead form filled with `email`, a stranger's name and phishing text, numbered `round` (the same words sent
    /// again are one request: SPEC F5).
    static func phishing(_ email: String, round: Int = 0) -> [(String, String)] {
        ServiceRequestTests.filled.map { field in
            switch field.0 {
            case "email": ("email", email)
            case "name": ("name", "Your account is locked")
            case "description": ("description", "Call +1 555 0100 now: https://evil.example/unlock \(round)")
            default: field
            }
        }
    }

    @Test("M5: the lead form is limited per client address and per email; refused posts keep the form and save nothing")
    func limits() async throws {
        let bed = try await PortalTestbed()
        let before = try await bed.services.storage.leads.all(in: Seed.accountA).count
        try await bed.run { client in
            var attacker = Browser(client)
            attacker.ipAddress = "198.51.100.7"
            _ = try await attacker.get("/portal/greenleaf?leadform=true")
            var statuses: [HTTPResponse.Status] = []
            for index in 1...12 {
                statuses.append(try await attacker.post("/portal/greenleaf/request-service", Self.phishing("stranger\(index)@example.net")).status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .seeOther }, "\(statuses)")
            let refused = try await attacker.post("/portal/greenleaf/request-service", Self.phishing("stranger99@example.net"))
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.contains("value=\"stranger99@example.net\""))
            #expect(refused.body.contains("Too many requests"))
            #expect(try await bed.services.storage.leads.all(in: Seed.accountA).count == before + 10)

            // One address, from three places: the fourth request naming it is refused.
            for (index, ip) in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"].enumerated() {
                var visitor = Browser(client)
                visitor.ipAddress = ip
                _ = try await visitor.get("/portal/greenleaf?leadform=true")
                let answer = try await visitor.post("/portal/greenleaf/request-service", Self.phishing("victim@example.org", round: index))
                #expect(answer.status == (index < 3 ? .seeOther : .tooManyRequests), "\(ip)")
            }
        }
        await bed.remove()
    }

    @Test("M5, #17: addresses of one IPv6 /64 share one budget; another /64 has its own")
    func ipv6Networks() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var statuses: [HTTPResponse.Status] = []
            for index in 1...11 {
                var visitor = Browser(client)
                visitor.ipAddress = "2001:db8:7:7:\(String(index, radix: 16)):0:0:1"
                _ = try await visitor.get("/portal/greenleaf?leadform=true")
                statuses.append(try await visitor.post("/portal/greenleaf/request-service", Self.phishing("n\(index)@example.net")).status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .seeOther } && statuses.last == .tooManyRequests, "\(statuses)")
            var neighbour = Browser(client)
            neighbour.ipAddress = "2001:db8:7:8::1"
            _ = try await neighbour.get("/portal/greenleaf?leadform=true")
            #expect(try await neighbour.post("/portal/greenleaf/request-service", Self.phishing("m@example.net")).status == .seeOther)
        }
        await bed.remove()
    }

    @Test("M5: a bot that fills the hidden field is thanked and nothing is saved or sent")
    func honeypot() async throws {
        let bed = try await PortalTestbed()
        let before = try await bed.services.storage.leads.all(in: Seed.accountA).count
        try await bed.run { client in
            var bot = Browser(client)
            let form = try await bot.get("/portal/greenleaf?leadform=true")
            #expect(form.body.contains("name=\"website\""))
            let answer = try await bot.post("/portal/greenleaf/request-service", Self.phishing("stranger@example.net") + [("website", "https://spam.example")])
            #expect(answer.status == .seeOther && answer.location == "/portal/greenleaf/request-service?done=sent")
            #expect(try await bot.get(try #require(answer.location)).body.contains("your request is on its way"))
            #expect(try await bed.services.storage.leads.all(in: Seed.accountA).count == before)
            #expect(try await bed.services.storage.outbox.depth() == 0)
        }
        await bed.remove()
    }

    @Test("M5: the confirmation to an address nobody has proven carries none of the visitor's text; a logged-in client's does")
    func neutralConfirmation() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf?leadform=true")
            #expect(try await visitor.post("/portal/greenleaf/request-service", Self.phishing("stranger@example.net")).status == .seeOther)
            try await bed.deliverMail()
            let mail = try #require(try bed.mail.to("stranger@example.net").first)
            #expect(mail.header("Subject") == "We received your request")
            for typed in ["locked", "555 0100", "evil.example", "Birch Rd"] {
                #expect(!mail.decodedBody.contains(typed), "\(typed)")
                #expect(!(mail.header("Subject") ?? "").contains(typed), "\(typed)")
            }
            #expect(mail.decodedBody.contains("Thank you for your request"))
            // Staff still see everything the visitor typed.
            #expect(try bed.mail.to("office@greenleaf.example").first?.decodedBody.contains("evil.example") == true)

            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            _ = try await cece.get("/portal/greenleaf/request-service")
            let own = ServiceRequestTests.filled.map { $0.0 == "email" ? ("email", "cece@example.com") : $0 }
            _ = try await cece.post("/portal/greenleaf/request-service", own)
            try await bed.deliverMail()
            let confirmation = try #require(try bed.mail.to("cece@example.com").first { $0.header("Subject")?.hasPrefix("We received") == true })
            #expect(confirmation.header("Subject") == "We received your request, Jordan Rivers")
            #expect(confirmation.decodedBody.contains("9 Birch Rd"))
        }
        await bed.remove()
    }

    @Test("M5, #25: a sender over the address's limit is refused before a form with photos is read: a 429 with the form, not the 400 of a body cut off")
    func limitedBeforeReading() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var sender = Browser(client)
            sender.ipAddress = "198.51.100.9"
            _ = try await sender.get("/portal/greenleaf?leadform=true")
            let photo = Browser.Upload(field: "photos", fileName: "a.jpg", contentType: "image/jpeg", bytes: Data(repeating: 7, count: 5_000))
            let cut = try await sender.postMultipart("/portal/greenleaf/request-service", Self.phishing("a@example.net"), files: [photo], cut: 3_000)
            #expect(cut.status == .badRequest, "within the limit, the cut-off body is read and refused")
            for index in 1...10 {
                _ = try await sender.post("/portal/greenleaf/request-service", Self.phishing("n\(index)@example.net"))
            }
            let refused = try await sender.postMultipart("/portal/greenleaf/request-service", Self.phishing("b@example.net"), files: [photo], cut: 3_000)
            #expect(refused.status == .tooManyRequests && refused.body.contains("Too many requests"), "\(refused.status)")
            #expect(refused.headers[.retryAfter] != nil)
            #expect(try await bed.services.files.addresses().isEmpty)
        }
        await bed.remove()
    }
}
