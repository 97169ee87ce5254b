import Foundation
import PortalKernel
import Testing

/// Back-office logins through `StaffSessions` on the in-memory store (#19, point 8): a session per login, its
/// timeouts, and the throttle that slows and then locks one email from one address.
@Suite("StaffSessions: staff login, sessions and lockout")
struct StaffSessionTests {
    /// Two free failures, locked at the fourth for ten minutes, one second between attempts after the free ones.
    static let rules = LoginThrottle.Rules(freeAttempts: 2, lockAfter: 4, lockDuration: 600, maximumDelay: 1, window: 900)

    /// The bed, its staff sessions, an admin and a staff user of the account (with their passwords).
    struct Office {
        let bed: UseCaseBed
        let sessions: StaffSessions
        let admin: StaffUser
        let user: StaffUser
        let password: String

        init() async throws {
            bed = try await UseCaseBed()
            sessions = StaffSessions(services: bed.services, emails: KindComposer(), hashing: PlainHashing(), throttleRules: StaffSessionTests.rules)
            let administration = CompanySetup(storage: bed.services.storage, clock: bed.clock, hashing: PlainHashing())
            admin = try await administration.addStaff(name: "Ada Admin", email: "ada@greenleaf.example", role: .admin, to: bed.account.id).0
            let added = try await administration.addStaff(name: "Gale", email: "gale@greenleaf.example", role: .staff, to: bed.account.id)
            user = added.0
            password = added.password
        }

        func logIn(_ password: String, from ip: String = "198.51.100.7") async throws -> StaffSessions.LoginOutcome {
            try await sessions.logIn(email: " Gale@Greenleaf.example", password: password, origin: RequestOrigin(ipAddress: ip, userAgent: "tests"))
        }

        /// The cookie of a successful login; records an issue otherwise.
        func cookie(_ outcome: StaffSessions.LoginOutcome) -> String? {
            guard case .loggedIn(let started, let who) = outcome else {
                Issue.record("not logged in: \(outcome)")
                return nil
            }
            #expect(who.id == user.id)
            #expect(started.session.principal == .staff(user.id) && started.session.accountID == bed.account.id)
            return started.cookieValue.value
        }
    }

    @Test("A right password starts a staff session of the user's account, stored by the hash of its cookie; logging out ends it")
    func logInAndOut() async throws {
        let office = try await Office()
        let cookie = try #require(office.cookie(try await office.logIn(office.password)))
        #expect(try await office.bed.services.storage.sessions.find(Session.ID(rawValue: cookie)) == nil, "only the hash is stored")
        let staff = try #require(try await office.sessions.resume(cookieValue: cookie))
        #expect(staff.user.id == office.user.id && staff.account.id == office.bed.account.id)
        let second = try #require(office.cookie(try await office.logIn(office.password)))
        #expect(second != cookie, "every login a new session")

        try await office.sessions.end(staff)
        #expect(try await office.sessions.resume(cookieValue: cookie) == nil)
        #expect(try await office.sessions.resume(cookieValue: second) != nil)
    }

    @Test("A wrong password and an unknown email get the same answer and start no session")
    func wrongCredentials() async throws {
        let office = try await Office()
        guard case .wrongCredentials = try await office.logIn("not-the-password") else {
            Issue.record("a wrong password was not refused")
            return
        }
        guard case .wrongCredentials = try await office.sessions.logIn(email: "nobody@greenleaf.example", password: office.password, origin: office.bed.origin)
        else {
            Issue.record("an unknown email was not refused")
            return
        }
    }

    @Test("F3: a staff session is idle for at most 12 hours and lasts at most 14 days; it never resumes as a portal session")
    func staffSessionExpiry() async throws {
        let office = try await Office()
        let bed = office.bed
        let cookie = try #require(office.cookie(try await office.logIn(office.password)))
        #expect(try await ClientSessions(services: bed.services, policy: bed.policy).resume(cookieValue: cookie, account: bed.account) == nil)
        let step = StaffSessions.idleTimeout - 60
        for _ in 0..<Int(StaffSessions.lifetime / step) {
            bed.clock.advance(by: step)
            #expect(try await office.sessions.resume(cookieValue: cookie) != nil, "each request keeps it alive")
        }
        bed.clock.advance(by: step)
        #expect(try await office.sessions.resume(cookieValue: cookie) == nil, "past 14 days, however active")

        let idle = try #require(office.cookie(try await office.logIn(office.password)))
        bed.clock.advance(by: StaffSessions.idleTimeout)
        #expect(try await office.sessions.resume(cookieValue: idle) == nil, "idle for 12 hours")
    }

    @Test("Wrong passwords slow one email from one address, then lock it, even for the right password, until the lock ends")
    func lockout() async throws {
        let office = try await Office()
        let bed = office.bed
        for attempt in 1...Self.rules.lockAfter {
            guard case .wrongCredentials = try await office.logIn("guess-\(attempt)") else {
                Issue.record("attempt \(attempt) was not counted as a wrong password")
                return
            }
            if attempt > Self.rules.freeAttempts && attempt < Self.rules.lockAfter {
                guard case .throttled(_, locked: false) = try await office.logIn(office.password) else {
                    Issue.record("attempt \(attempt) was not followed by a pause")
                    return
                }
            }
            bed.clock.advance(by: 2)
        }
        guard case .throttled(let until, locked: true) = try await office.logIn(office.password) else {
            Issue.record("not locked after \(Self.rules.lockAfter) wrong passwords")
            return
        }
        #expect(until == bed.clock.now.addingTimeInterval(Self.rules.lockDuration - 2))
        _ = try #require(office.cookie(try await office.logIn(office.password, from: "192.0.2.44")), "another address is not locked out (#17)")

        bed.clock.advance(by: Self.rules.lockDuration)
        _ = try #require(office.cookie(try await office.logIn(office.password)))
    }

    @Test("Reaching the lock threshold emails the user and the account's admins once")
    func lockoutIsTold() async throws {
        let office = try await Office()
        for attempt in 1...(Self.rules.lockAfter + 2) {
            _ = try await office.logIn("guess-\(attempt)", from: "198.51.100.\(attempt)")
            office.bed.clock.advance(by: 2)
        }
        let told = try await office.bed.queuedEmails().filter { $0.subject == "failedLogins" }
        #expect(told.map { $0.to.map(\.address) } == [["gale@greenleaf.example", "ada@greenleaf.example"]])
    }
}
