import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Prometheus
import Testing

@testable import PortalHTTP

/// What a second newcomer's attack found in the #17 and #18 work, each now refused or held.
@Suite("Cases a second newcomer's attack found")
struct SecondBreakerCaseTests {
    typealias I = Seed.CeceInvoice

    /// Posts `fields` to the staff login from `browsers` all at once; the statuses in any order.
    static func logInAtOnce(_ browsers: [Browser], _ fields: @escaping @Sendable (Int) -> [(String, String)]) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for (index, browser) in browsers.enumerated() {
                group.addTask {
                    var browser = browser
                    return try await browser.post("/admin/login", fields(index)).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("#17: wrong passwords sent all at once are counted before any is checked: only the free ones are tried")
    func concurrentGuesses() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var attacker = Browser(client)
            attacker.ipAddress = "198.51.100.44"
            _ = try await attacker.get("/admin/login")
            let guesses = try await Self.logInAtOnce(Array(repeating: attacker, count: 30)) { [("email", Seed.adminEmail), ("password", "guess-\($0)")] }
            // Three free tries and one more before the first wait: never thirty password checks.
            #expect(guesses.filter { $0 == .unauthorized }.count <= 4, "\(guesses)")
            var sprayer = Browser(client)
            sprayer.ipAddress = "198.51.100.45"
            _ = try await sprayer.get("/admin/login")
            let sprayed = try await Self.logInAtOnce(Array(repeating: sprayer, count: 40)) {
                [("email", "person\($0)@greenleaf.example"), ("password", "Summer2026!")]
            }
            #expect(sprayed.filter { $0 == .unauthorized }.count <= 10, "\(sprayed)")
        }
        await bed.remove()
    }

    @Test("#17: behind a trusted proxy the address is the last X-Forwarded-For entry, so a forged first entry locks nobody else")
    func forgedForwardedFor() async throws {
        #expect(IPNetwork.addressBytes("203.0.113.10") != nil && IPNetwork.addressBytes("2001:db8::1") != nil)
        #expect(IPNetwork.addressBytes("owner") == nil && IPNetwork.addressBytes("203.0.113.10:80") == nil)
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var owner = Browser(client)  // 203.0.113.10, as the proxy appends it
            var attacker = Browser(client)
            attacker.ipAddress = "203.0.113.10, 192.0.2.66"  // claims the owner's address; the proxy appends its own
            _ = try await attacker.get("/admin/login")
            for _ in 0..<12 {
                bed.clock.advance(by: 6)
                _ = try await attacker.post("/admin/login", [("email", Seed.adminEmail), ("password", "guess")])
            }
            _ = try await owner.get("/admin/login")
            #expect(try await owner.post("/admin/login", [("email", Seed.adminEmail), ("password", Seed.staffPassword)]).status == .seeOther)
        }
        await bed.remove()
    }

    @Test("M5: strangers naming a client's address cannot block the client's own request; the stranger's mail has no typed name")
    func provenClientNotBlocked() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            for index in 0..<3 {
                var stranger = Browser(client)
                stranger.ipAddress = "192.0.2.\(index + 20)"
                _ = try await stranger.get("/portal/greenleaf?leadform=true")
                _ = try await stranger.post("/portal/greenleaf/request-service", LeadFormAbuseTests.phishing(" CECE@example.com ", round: index))
            }
            _ = try await cece.get("/portal/greenleaf/request-service")
            let own = ServiceRequestTests.filled.map { $0.0 == "email" ? ("email", "cece@example.com") : $0 }
            #expect(try await cece.post("/portal/greenleaf/request-service", own).status == .seeOther)

            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf?leadform=true")
            _ = try await visitor.post("/portal/greenleaf/request-service", LeadFormAbuseTests.phishing("someone@example.net"))
            try await bed.deliverMail()
            let mail = try #require(try bed.mail.to("someone@example.net").first)
            #expect(mail.header("To") == "someone@example.net")
        }
        await bed.remove()
    }

    @Test("#18: when the service fee changes between the page and the payment, nothing is charged and the new charge is shown")
    func feeChangedMeanwhile() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let path = "/portal/greenleaf/invoices/\(I.unpaid)/pay"
            let form = try await browser.get(path)
            #expect(form.hiddenField("confirmedCharge") == "206.00")
            var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            account.settings.serviceFeeBasisPoints = 1_000
            try await bed.services.storage.accounts.update(account)
            let fields = [
                ("idempotencyKey", try #require(form.hiddenField("idempotencyKey"))), ("amount", "200.00"),
                ("confirmedAmount", "200.00"), ("confirmedCharge", "206.00"),
            ] + PayReviewTests.card
            let refused = try await browser.post(path, fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("$220.00"))
            #expect(refused.hiddenField("confirmedCharge") == "220.00")
            #expect(bed.gateway.charges.isEmpty)
            let paid = try await browser.post(path, fields.map { $0.0 == "confirmedCharge" ? ("confirmedCharge", "220.00") : $0 })
            #expect(paid.status == .seeOther)
            #expect(bed.gateway.charges.map(\.amount) == [Money(cents: 22_000)])
        }
        await bed.remove()
    }

    @Test("#17: a token-less /metrics open on loopback is closed to requests a proxy forwarded, unless metrics.public")
    func metricsBehindProxy() async throws {
        let bed = try await PortalTestbed()
        for openBehindProxy in [false, true] {
            let endpoint = MetricsEndpoint(registry: PrometheusCollectorRegistry(), openWithoutToken: true, openBehindProxy: openBehindProxy)
            try await bed.run(options: PortalHTTPOptions(proxies: .anyPeer, metrics: endpoint)) { client in
                #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok)
                let forwarded = try await client.execute(uri: "/metrics", method: .get, headers: [.xForwardedFor: "203.0.113.9"])
                #expect(forwarded.status == (openBehindProxy ? .ok : .forbidden))
            }
        }
        await bed.remove()
    }
}
