import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// #17: the lock-outs never refuse the owner, so an owner would not notice someone guessing their password; a burst
/// of wrong passwords is told by email to the user and the account's admins.
@Suite("Failed sign-ins are told to the admin")
struct FailedLoginAlertTests {
    /// Sends `count` wrong passwords for `email`, each from the next of `addresses` and six seconds after the last.
    static func guess(_ email: String, count: Int, from addresses: [String], bed: PortalTestbed, client: any TestClientProtocol) async throws {
        for index in 0..<count {
            var attacker = Browser(client)
            attacker.ipAddress = addresses[index % addresses.count]
            _ = try await attacker.get("/admin/login")
            bed.clock.advance(by: 6)
            #expect(try await attacker.post("/admin/login", [("email", email), ("password", "guess-\(index)")]).status == .unauthorized)
        }
        try await bed.deliverMail()
    }

    /// The failed sign-in alerts delivered to `address`.
    static func alerts(to address: String, bed: PortalTestbed) throws -> [String] {
        try bed.mail.to(address).compactMap { $0.header("Subject") }.filter { $0.contains("failed sign-ins") }
    }

    @Test("#17: the lock threshold's worth of wrong passwords, from one address or many, emails the user and the admins once a window")
    func burstIsTold() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            try await Self.guess(Seed.adminEmail, count: 9, from: ["198.51.100.9"], bed: bed, client: client)
            #expect(try Self.alerts(to: Seed.adminEmail, bed: bed).isEmpty)
            try await Self.guess(Seed.adminEmail, count: 1, from: ["198.51.100.9"], bed: bed, client: client)
            let told = try Self.alerts(to: Seed.adminEmail, bed: bed)
            #expect(told == ["10 failed sign-ins to Greenleaf Lawn & Tree's back office"])
            let body = try #require(try bed.mail.to(Seed.adminEmail).last?.decodedBody)
            #expect(body.contains("198.51.100.9") && body.contains("in the last 15 minutes"))
            #expect(body.contains("\(PortalTestbed.base)/admin/login"))

            // More of the same burst: no second email. The owner, elsewhere, still signs in.
            try await Self.guess(Seed.adminEmail, count: 5, from: ["198.51.100.10"], bed: bed, client: client)
            #expect(try Self.alerts(to: Seed.adminEmail, bed: bed).count == 1)
            var owner = Browser(client)
            _ = try await owner.get("/admin/login")
            #expect(try await owner.post("/admin/login", [("email", Seed.adminEmail), ("password", Seed.staffPassword)]).status == .seeOther)

            // A staff user's login guessed from ten addresses: the user and the account's admin are told.
            try await Self.guess(Seed.staffEmail, count: 10, from: (1...10).map { "192.0.2.\($0)" }, bed: bed, client: client)
            #expect(try Self.alerts(to: Seed.staffEmail, bed: bed).count == 1)
            #expect(try Self.alerts(to: Seed.adminEmail, bed: bed).count == 2)
            #expect(try Self.alerts(to: Seed.otherAdminEmail, bed: bed).isEmpty, "another account's admin is not told")

            // A window later the count starts again.
            bed.clock.advance(by: 16 * 60)
            try await Self.guess(Seed.adminEmail, count: 10, from: ["203.0.113.50", "203.0.113.51"], bed: bed, client: client)
            #expect(try Self.alerts(to: Seed.adminEmail, bed: bed).count == 3)
        }
        await bed.remove()
    }
}
