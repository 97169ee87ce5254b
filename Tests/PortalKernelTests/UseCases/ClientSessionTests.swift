import Foundation
@testable import PortalKernel
import Testing

/// Portal sessions through `ClientSessions` on the in-memory store (#19, point 8): their timeouts, their account,
/// switching between the customers of one email, and logging out.
@Suite("ClientSessions: portal sessions, switching customers and logging out")
struct ClientSessionTests {
    static func start(_ bed: UseCaseBed, as customer: Customer? = nil) async throws -> (ClientSessions, String) {
        let sessions = ClientSessions(services: bed.services, policy: bed.policy)
        let started = try await sessions.start(email: "cece@example.com", customer: customer ?? bed.customer, account: bed.account, origin: bed.origin)
        return (sessions, started.cookieValue.value)
    }

    @Test("F3: a portal session stays while used, ends after two idle hours, and ends after 30 days however used")
    func expiry() async throws {
        let bed = try await UseCaseBed()
        let (sessions, cookie) = try await Self.start(bed)
        var elapsed: TimeInterval = 0
        while elapsed + bed.policy.sessionIdleTimeout < bed.policy.sessionLifetime {
            bed.clock.advance(by: bed.policy.sessionIdleTimeout - 1)
            elapsed += bed.policy.sessionIdleTimeout - 1
            #expect(try await sessions.resume(cookieValue: cookie, account: bed.account)?.customer.id == bed.customer.id)
        }
        bed.clock.advance(by: bed.policy.sessionLifetime - elapsed)
        #expect(try await sessions.resume(cookieValue: cookie, account: bed.account) == nil, "30 days after login")

        let (_, idle) = try await Self.start(bed)
        bed.clock.advance(by: bed.policy.sessionIdleTimeout)
        #expect(try await sessions.resume(cookieValue: idle, account: bed.account) == nil, "two idle hours")
    }

    @Test("F3: a session resumes only in its own account, and only while its customer still lists the email it logged in with")
    func scope() async throws {
        let bed = try await UseCaseBed()
        let (sessions, cookie) = try await Self.start(bed)
        var elsewhere = bed.account
        elsewhere.id = "oak-ash"
        #expect(try await sessions.resume(cookieValue: cookie, account: elsewhere) == nil)
        #expect(try await sessions.resume(cookieValue: "not-a-cookie", account: bed.account) == nil)
        #expect(try await sessions.resume(cookieValue: cookie, account: bed.account)?.email == "cece@example.com")

        var changed = bed.customer
        changed.emails = ["cece@new.example"]
        try await bed.services.storage.customers.update(changed)
        #expect(try await sessions.resume(cookieValue: cookie, account: bed.account) == nil)
    }

    @Test("F3, F4: a login link of an email with two customers opens the first by name; the client switches only among that email's customers")
    func switchCustomer() async throws {
        let bed = try await UseCaseBed()
        let acme = Customer(accountID: bed.account.id, displayName: "Acme Rentals", emails: ["office@acme.example", "cece@example.com"])
        let stranger = Customer(accountID: bed.account.id, displayName: "Birch Homes", emails: ["birch@example.net"])
        try await bed.services.storage.customers.insert(acme)
        try await bed.services.storage.customers.insert(stranger)
        let links = LoginLinks(services: bed.services, emails: KindComposer(), policy: bed.policy)
        _ = try await links.request(email: "cece@example.com", account: bed.account, origin: bed.origin)
        let token = try #require(PortalFlowTests.loginToken(in: try await bed.queuedEmails().first?.textBody))
        let started = try #require(try await links.redeem(token: token, account: bed.account, origin: bed.origin))
        #expect(started.session.principal == .client(email: "cece@example.com", customerID: acme.id))

        let sessions = ClientSessions(services: bed.services, policy: bed.policy)
        let client = try #require(try await sessions.resume(cookieValue: started.cookieValue.value, account: bed.account))
        #expect(client.customers.map(\.displayName) == ["Acme Rentals", "Cece"])
        #expect(try await sessions.switchCustomer(of: client, to: stranger.id) == false)
        #expect(try await sessions.switchCustomer(of: client, to: "someone-elses") == false)
        #expect(try await sessions.resume(cookieValue: started.cookieValue.value, account: bed.account)?.customer.id == acme.id)
        #expect(try await sessions.switchCustomer(of: client, to: bed.customer.id))
        #expect(try await sessions.resume(cookieValue: started.cookieValue.value, account: bed.account)?.customer.id == bed.customer.id)
    }

    @Test("F4: logging in and out are recorded with the email and the address; after logout the cookie opens nothing")
    func logOut() async throws {
        let bed = try await UseCaseBed()
        let (sessions, cookie) = try await Self.start(bed)
        let (_, otherDevice) = try await Self.start(bed)
        let client = try #require(try await sessions.resume(cookieValue: cookie, account: bed.account))
        try await sessions.end(client, origin: bed.origin)
        #expect(try await sessions.resume(cookieValue: cookie, account: bed.account) == nil)
        #expect(try await sessions.resume(cookieValue: otherDevice, account: bed.account) != nil, "only this browser logs out")

        let events = try await bed.services.storage.auditEvents.all(about: .customer(bed.customer.id), in: bed.account.id)
        #expect(events.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.loggedIn, .loggedIn, .loggedOut])
        #expect(events.allSatisfy { $0.actorEmail == "cece@example.com" && $0.ipAddress == "203.0.113.10" && $0.customerID == bed.customer.id })
    }
}

/// The last-seen mark a page writes never brings back a session that ended meanwhile.
@Suite("Sessions: marking one seen")
struct SessionSeenMarkTests {
    @Test("F3: a logout or a switch of customer committed after a page read the session is not undone by the page's mark")
    func markSeenKeepsLaterChanges() async throws {
        let bed = try await UseCaseBed()
        let storage = bed.services.storage
        let now = bed.services.clock.now
        let session = Session(
            id: "session-hash", accountID: bed.account.id, principal: .client(email: "a@example.com", customerID: "c1"), createdAt: now, lastSeenAt: now,
            absoluteExpiry: now.addingTimeInterval(3_600))
        try await storage.sessions.save(session)
        var switched = session
        switched.principal = .client(email: "a@example.com", customerID: "c2")
        try await storage.sessions.save(switched)
        try await storage.markSeen(session.id, at: now.addingTimeInterval(120))
        let kept = try #require(try await storage.sessions.find(session.id))
        #expect(kept.principal == switched.principal)
        #expect(kept.lastSeenAt == now.addingTimeInterval(120))
        try await storage.sessions.delete(session.id)
        try await storage.markSeen(session.id, at: now.addingTimeInterval(240))
        #expect(try await storage.sessions.find(session.id) == nil)
    }
}
