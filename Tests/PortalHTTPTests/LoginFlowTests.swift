import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Portal login links and sessions")
struct LoginFlowTests {
    @Test("A login link is emailed, a GET leaves it usable, only the POST logs in, and it works once")
    func loginLinkLifecycle() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            let login = try await browser.get("/portal/greenleaf")
            #expect(login.status == .ok)
            #expect(login.body.contains("Send Login Link"))
            #expect(login.body.contains("Greenleaf Lawn &amp; Tree"))

            let path = try #require(try await bed.loginLinkPath(for: "Cece@Example.com ", browser: &browser))
            let mails = try bed.mail.to("cece@example.com")
            #expect(mails.count == 1)
            #expect(mails.first?.decodedBody.contains("works once and for 20 minutes") == true)

            // A mail scanner opens the link: a button, nothing used up, and no session.
            var scanner = Browser(client)
            for _ in 0..<3 {
                let opened = try await scanner.get(path)
                #expect(opened.status == .ok)
                #expect(opened.body.contains("Continue to your portal"))
                #expect(Browser.setCookie("portal_session", in: opened) == nil)
            }
            let hash = SecretToken.hash(of: String(path.split(separator: "/").last!))
            #expect(try await bed.services.storage.loginTokens.find(hash: hash, in: Seed.accountA)?.usedAt == nil)

            // The person presses the button: a session, and their home.
            _ = try await browser.get(path)
            let started = try await browser.post(path)
            #expect(started.status == .seeOther)
            #expect(started.location == "/portal/greenleaf")
            let cookie = try #require(Browser.setCookie("portal_session", in: started))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/portal/greenleaf"))
            #expect(!cookie.contains("Secure"))
            let home = try await browser.get("/portal/greenleaf")
            #expect(home.body.contains("Hello, Cece MARK-CECE"))

            // Second use, by anyone: refused with an offer of a new link.
            var other = Browser(client)
            _ = try await other.get(path)
            let again = try await other.post(path)
            #expect(again.status == .gone)
            #expect(again.body.contains("This login link no longer works"))
            #expect(Browser.setCookie("portal_session", in: again) == nil)
            #expect(try await other.get(path).body.contains("This login link no longer works"))
        }
        await bed.remove()
    }

    @Test("An expired link is refused; an unknown email gets the same page and no email")
    func expiredAndUnknown() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf/login")
            let known = try await browser.post("/portal/greenleaf/login", [("email", "cece@example.com")])
            let unknown = try await browser.post("/portal/greenleaf/login", [("email", "nobody@example.com")])
            #expect(known.status == unknown.status)
            #expect(known.body.replacingOccurrences(of: "cece@example.com", with: "X") == unknown.body.replacingOccurrences(of: "nobody@example.com", with: "X"))
            try await bed.deliverMail()
            #expect(try bed.mail.to("nobody@example.com").isEmpty)

            let link = try #require(try bed.mail.to("cece@example.com").last?.link(startingWith: "\(PortalTestbed.base)/portal/greenleaf/auth/"))
            let path = String(link.dropFirst(PortalTestbed.base.count))
            bed.clock.advance(by: 20 * 60 + 1)
            #expect(try await browser.get(path).status == .gone)
            #expect(try await browser.post(path).status == .gone)
            // A link of one company never opens another's portal.
            let elsewhere = path.replacingOccurrences(of: "/portal/greenleaf/", with: "/portal/otherco/")
            bed.clock.advance(by: -(20 * 60 + 1))
            #expect(try await browser.post(elsewhere).status == .gone)
        }
        await bed.remove()
    }

    @Test("#17: login-link requests for one address are never refused (one email a minute goes out); per IP address they are limited with a friendly message")
    func rateLimits() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            // Someone elsewhere asks for Cece's link again and again: Cece's own request is still answered.
            var attacker = Browser(client)
            attacker.ipAddress = "198.51.100.99"
            _ = try await attacker.get("/portal/greenleaf/login")
            for _ in 0..<8 {
                #expect(try await attacker.post("/portal/greenleaf/login", [("email", "cece@example.com")]).status == .ok)
            }
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf/login")
            let own = try await browser.post("/portal/greenleaf/login", [("email", "cece@example.com")])
            #expect(own.status == .ok)
            try await bed.deliverMail()
            #expect(try bed.mail.to("cece@example.com").count == 1)  // one a minute, whoever asks
            bed.clock.advance(by: 61)
            #expect(try await browser.post("/portal/greenleaf/login", [("email", "cece@example.com")]).status == .ok)
            try await bed.deliverMail()
            #expect(try bed.mail.to("cece@example.com").count == 2)

            // One address asking for many emails is stopped at 20 requests per window.
            var sprayer = Browser(client)
            sprayer.ipAddress = "198.51.100.7"
            _ = try await sprayer.get("/portal/greenleaf/login")
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<21 {
                statuses.append(try await sprayer.post("/portal/greenleaf/login", [("email", "person\(index)@example.com")]).status)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .ok })
            #expect(statuses.last == .tooManyRequests)

            let refused = try await sprayer.post("/portal/greenleaf/login", [("email", "cece@example.com")])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.contains("try again in 15 minutes"))
            #expect(refused.body.contains("value=\"cece@example.com\""))
            bed.clock.advance(by: 15 * 60)
            #expect(try await sprayer.post("/portal/greenleaf/login", [("email", "cece@example.com")]).status == .ok)
        }
        await bed.remove()
    }

    @Test("Sessions: new id at login, idle and absolute expiry, removed at logout, untouched by a staff cookie")
    func sessions() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let first = try #require(browser.cookies["portal_session"]?.value)
            // Logging in again gives a new session id; the old one stops working.
            try await bed.logIn("cece@example.com", browser: &browser)
            let second = try #require(browser.cookies["portal_session"]?.value)
            #expect(first != second)
            #expect(try await bed.services.storage.sessions.find(Session.ID(rawValue: SecretToken.hash(of: first))) == nil)

            // A back-office session cookie in the same browser changes nothing.
            var withStaff = browser
            withStaff.setCookie("admin_session", "staff-session-value")
            #expect(try await withStaff.get("/portal/greenleaf").body.contains("Hello, Cece"))

            // Idle for more than two hours: logged out.
            bed.clock.advance(by: 2 * 3_600 + 1)
            #expect(try await browser.get("/portal/greenleaf").body.contains("Send Login Link"))

            // Active every hour still ends at the absolute limit of 30 days.
            try await bed.logIn("cece@example.com", browser: &browser)
            for _ in 0..<(30 * 24 - 1) {
                bed.clock.advance(by: 3_600)
                if try await !browser.get("/portal/greenleaf").body.contains("Hello, Cece") { Issue.record("ended early"); break }
            }
            bed.clock.advance(by: 3_600)
            #expect(try await browser.get("/portal/greenleaf").body.contains("Send Login Link"))

            // Logout removes the session from storage and the cookie from the browser.
            try await bed.logIn("cece@example.com", browser: &browser)
            let current = try #require(browser.cookies["portal_session"]?.value)
            let out = try await browser.post("/portal/greenleaf/logout")
            #expect(out.body.contains("You are logged out."))
            #expect(Browser.setCookie("portal_session", in: out)?.contains("Max-Age=0") == true)
            #expect(try await bed.services.storage.sessions.find(Session.ID(rawValue: SecretToken.hash(of: current))) == nil)
            #expect(browser.cookies["portal_session"] == nil)
        }
        await bed.remove()
    }

    @Test("On https, cookies are Secure")
    func secureCookies() async throws {
        let bed = try await PortalTestbed(publicBaseURL: "https://portal.example.com")
        try await bed.run { client in
            var browser = Browser(client)
            let page = try await browser.get("/portal/greenleaf/login")
            #expect(Browser.setCookie("portal_csrf", in: page)?.contains("Secure") == true)
            _ = try await browser.post("/portal/greenleaf/login", [("email", "cece@example.com")])
            try await bed.deliverMail()
            let link = try #require(try bed.mail.to("cece@example.com").last?.link(startingWith: "https://portal.example.com/portal/greenleaf/auth/"))
            let started = try await browser.post(String(link.dropFirst("https://portal.example.com".count)))
            #expect(Browser.setCookie("portal_session", in: started)?.contains("Secure") == true)
        }
        await bed.remove()
    }

    @Test("A form without its CSRF token, or with another browser's, is refused and changes nothing")
    func csrf() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf/login")
            let missing = try await browser.post("/portal/greenleaf/login", [("email", "cece@example.com")], csrf: .some(nil))
            #expect(missing.status == .forbidden)
            #expect(missing.body.contains("This form has expired"))
            var attacker = Browser(client)
            _ = try await attacker.get("/portal/greenleaf/login")
            let forged = try await browser.post(
                "/portal/greenleaf/login", [("email", "cece@example.com")], csrf: .some(attacker.csrf))
            #expect(forged.status == .forbidden)
            try await bed.deliverMail()
            #expect(try bed.mail.all().isEmpty)
        }
        await bed.remove()
    }

    @Test("An unknown portal key is a plain 404 page")
    func unknownPortal() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            for path in ["/portal/nope", "/portal/nope/login", "/portal/nope/proposals/\(Seed.CeceProposal.open)", "/p/\(Seed.emailedLinkToken.value)x"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body.contains("Page not found"))
                #expect(!page.body.contains("Greenleaf"))
            }
        }
        await bed.remove()
    }
}
