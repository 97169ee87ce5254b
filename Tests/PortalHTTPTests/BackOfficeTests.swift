import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Back office: staff login and leads")
struct BackOfficeTests {
    @Test("Staff log in with email and password; a wrong one is refused alike for unknown emails; logout ends the session")
    func login() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            let anonymous = try await browser.get("/admin/leads")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location == "/admin/login?next=/admin/leads")
            let form = try await browser.get("/admin/login")
            #expect(form.body.contains("for=\"password\""))
            let wrong = try await browser.post("/admin/login", [("email", Seed.adminEmail), ("password", "nope")])
            let unknown = try await browser.post("/admin/login", [("email", "nobody@greenleaf.example"), ("password", "nope")])
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.body.contains("That email and password do not match."))
            #expect(unknown.body.contains("That email and password do not match."))
            #expect(wrong.body.contains("value=\"\(Seed.adminEmail)\""))
            #expect(!wrong.body.contains("nope"))

            let done = try await browser.post("/admin/login", [("email", "Alex@Greenleaf.example"), ("password", Seed.staffPassword)])
            #expect(done.status == .seeOther && done.location == "/admin/leads")
            let cookie = try #require(Browser.setCookie("admin_session", in: done))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/admin"))
            let leads = try await browser.get("/admin/leads")
            #expect(leads.status == .ok)
            #expect(leads.body.contains("Greenleaf Lawn &amp; Tree"))

            let value = try #require(browser.cookies["admin_session"]?.value)
            let out = try await browser.post("/admin/logout")
            #expect(out.location == "/admin/login")
            #expect(try await bed.services.storage.sessions.find(Session.ID(rawValue: SecretToken.hash(of: value))) == nil)
            #expect(try await browser.get("/admin/leads").status == .seeOther)
        }
        await bed.remove()
    }

    @Test("Repeated wrong passwords from one address slow down, then lock that address for a while, even for the right password")
    func throttle() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/admin/login")
            func attempt(_ password: String) async throws -> Browser.Page {
                try await browser.post("/admin/login", [("email", Seed.staffEmail), ("password", password)])
            }
            for _ in 0..<4 { #expect(try await attempt("wrong").status == .unauthorized) }
            // The fourth failure makes the next attempt wait a second.
            let tooSoon = try await attempt("wrong")
            #expect(tooSoon.status == .tooManyRequests)
            #expect(tooSoon.body.contains("Wait a second and try again"))
            for _ in 0..<6 {
                bed.clock.advance(by: 6)
                _ = try await attempt("wrong")
            }
            bed.clock.advance(by: 6)
            let locked = try await attempt(Seed.staffPassword)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("locked"))
            bed.clock.advance(by: 15 * 60)
            #expect(try await attempt(Seed.staffPassword).status == .seeOther)
        }
        await bed.remove()
    }

    @Test("Leads list: portal leads carry the green tag and the check mark; filters by source and status")
    func leadsList() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            let all = try await browser.get("/admin/leads")
            #expect(all.body.contains("MARK-LEAD-PORTAL") && all.body.contains("MARK-LEAD-PHONE"))
            #expect(!all.body.contains("MARK-LEAD-OTHERCO"))
            let portalRow = try #require(all.body.components(separatedBy: "<tr>").first { $0.contains("MARK-LEAD-PORTAL") })
            #expect(portalRow.contains("tag portal-lead\">Portal Lead"))
            #expect(portalRow.contains("✓"))
            let phoneRow = try #require(all.body.components(separatedBy: "<tr>").first { $0.contains("MARK-LEAD-PHONE") })
            #expect(!phoneRow.contains("Portal Lead<") && !phoneRow.contains("✓"))
            let portalOnly = try await browser.get("/admin/leads?source=portal&status=all")
            #expect(portalOnly.body.contains("MARK-LEAD-PORTAL") && !portalOnly.body.contains("MARK-LEAD-PHONE"))
            let other = try await browser.get("/admin/leads?source=other&status=all")
            #expect(!other.body.contains("MARK-LEAD-PORTAL") && other.body.contains("MARK-LEAD-PHONE"))
            #expect(!(try await browser.get("/admin/leads?source=all&status=active").body.contains("MARK-LEAD")))
            // Another account's lead is a 404, like one that does not exist.
            let theirs = try await browser.get("/admin/leads/\(Seed.otherAccountLead)")
            #expect(theirs.status == .notFound)
            #expect(theirs.body == (try await browser.get("/admin/leads/no-such-lead")).body)
        }
        await bed.remove()
    }

    @Test("The notification email's link opens the lead, through login")
    func notificationLinkThroughLogin() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var visitor = Browser(client)
            _ = try await visitor.get("/portal/greenleaf/request-service")
            _ = try await visitor.post("/portal/greenleaf/request-service", ServiceRequestTests.filled)
            try await bed.deliverMail()
            let link = try #require(try bed.mail.to("office@greenleaf.example").first?.link(startingWith: "\(PortalTestbed.base)/admin/leads/"))
            let path = String(link.dropFirst(PortalTestbed.base.count))

            var staff = Browser(client)
            let redirected = try await staff.get(path)
            let loginPath = try #require(redirected.location)
            let form = try await staff.get(loginPath)
            let next = try #require(form.hiddenField("next"))
            #expect(next == path)
            let done = try await staff.post("/admin/login", [("email", Seed.staffEmail), ("password", Seed.staffPassword), ("next", next)])
            #expect(done.location == path)
            let lead = try await staff.get(path)
            #expect(lead.body.contains("Jordan Rivers") && lead.body.contains("Portal Lead"))
            #expect(lead.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            // The lead page shows the emails about the lead and their delivery state (#7).
            #expect(lead.body.contains("office@greenleaf.example") && lead.body.contains("Delivered"))
            // A next that leaves the back office is ignored.
            #expect(AdminController.safeNext("https://evil.example/") == "/admin/leads")
            #expect(AdminController.safeNext("//evil.example/admin/") == "/admin/leads")
        }
        await bed.remove()
    }

    @Test("A lead becomes a new customer, prefilled from what the client typed; bad input keeps what was typed")
    func addNewCustomer() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            let page = try await browser.get("/admin/leads/\(Seed.phoneLead)")
            #expect(page.body.contains("value=\"Riley MARK-LEAD-PHONE\""))
            #expect(page.body.contains("value=\"9 Birch Road\"") && page.body.contains("value=\"Springfield\""))
            #expect(page.body.contains("value=\"IL\"") && page.body.contains("value=\"62704\""))
            let bad = try await browser.post("/admin/leads/\(Seed.phoneLead)/customer", [
                ("name", "Riley Stone"), ("email", "riley@"), ("line1", "9 Birch Road"), ("city", "Springfield"),
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Enter an email address") && bad.body.contains("value=\"Riley Stone\""))
            let done = try await browser.post("/admin/leads/\(Seed.phoneLead)/customer", [
                ("name", "Riley Stone"), ("email", "riley@example.net"), ("phone", "555-0177"), ("line1", "9 Birch Road"),
                ("city", "Springfield"), ("region", "IL"), ("postalCode", "62704"),
            ])
            #expect(done.status == .seeOther)
            let customer = try #require(try await bed.services.storage.customers.find(email: "riley@example.net", in: Seed.accountA).first)
            #expect(customer.displayName == "Riley Stone" && customer.serviceAddresses.first?.postalCode == "62704")
            #expect(try await bed.services.storage.jobs.find("job-lead-phone", in: Seed.accountA)?.customerID == customer.id)
            #expect(try await browser.get(try #require(done.location)).body.contains("Attached to <strong>Riley Stone</strong>"))
        }
        await bed.remove()
    }

    @Test("A returning client is suggested by email and attached; Update & Close saves the job")
    func attachExistingAndUpdate() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            let page = try await browser.get("/admin/leads/\(Seed.portalLead)")
            #expect(page.body.contains("Cece MARK-CECE") && page.body.contains("same email"))
            // Search finds customers by name too.
            #expect(try await browser.get("/admin/leads/\(Seed.portalLead)?q=bob").body.contains("Bob MARK-BOB"))
            // Another account's customer cannot be attached.
            #expect(try await browser.post("/admin/leads/\(Seed.portalLead)/attach", [("customer", Seed.dana.rawValue)]).status == .notFound)
            let attached = try await browser.post("/admin/leads/\(Seed.portalLead)/attach", [("customer", Seed.cece.rawValue)])
            #expect(attached.status == .seeOther)
            #expect(try await bed.services.storage.jobs.find("job-lead-portal", in: Seed.accountA)?.customerID == Seed.cece)

            let bad = try await browser.post("/admin/leads/\(Seed.portalLead)/job", [("title", ""), ("workDate", "soon"), ("stage", "proposal")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Enter a job title") && bad.body.contains("value=\"soon\""))
            let saved = try await browser.post(
                "/admin/leads/\(Seed.portalLead)/job", [("title", "Ash removal"), ("workDate", "2026-12-10"), ("stage", "proposal")])
            #expect(saved.location == "/admin/leads")
            let job = try await bed.services.storage.jobs.find("job-lead-portal", in: Seed.accountA)
            #expect(job?.title == "Ash removal" && job?.workDate == CalendarDate(iso: "2026-12-10") && job?.stage == .proposal)
            #expect(job?.createdStage == .lead)
        }
        await bed.remove()
    }

    @Test("A staff session and a portal session live side by side in one browser")
    func separateSessions() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            #expect(try await browser.get("/portal/greenleaf").body.contains("Hello, Cece"))
            #expect(try await browser.get("/admin/leads").status == .ok)
            _ = try await browser.post("/admin/logout")
            #expect(try await browser.get("/portal/greenleaf").body.contains("Hello, Cece"))
        }
        await bed.remove()
    }
}

@Suite("Back office: account settings")
struct SettingsTests {
    @Test("F1: admins see the portal link and update settings; a bad address re-renders the form with the text kept")
    func updateSettings() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            let page = try await browser.get("/admin/settings")
            #expect(page.status == .ok)
            #expect(page.body.contains("value=\"\(PortalTestbed.base)/portal/greenleaf\" readonly"))
            #expect(page.body.contains("Who should we email when a new lead comes from the Customer Portal?"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            var fields: [(String, String)] = [
                ("leadNotificationEmails", "office@greenleaf.example, not an address"), ("openInvoiceWhen", "sent"),
                ("paidInvoiceRetentionDays", "400"), ("proposalExpiryDays", "14"), ("allowsPartialPayments", "yes"),
                ("serviceFeePercent", "2.5"), ("leadFormAllowedOrigins", "https://greenleaf-landscaping.example"),
                ("displayName", "Greenleaf Lawn & Tree"), ("logoURL", ""), ("brandPhone", "555-0100"), ("brandEmail", ""),
                ("brandAddress", ""), ("accentColor", "#1b5e20"), ("timeZone", "America/Chicago"), ("currency", "usd"),
            ]
            let bad = try await browser.post("/admin/settings", fields)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("&quot;not an address&quot; is not an email address"))
            #expect(bad.body.contains("value=\"office@greenleaf.example, not an address\""))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.settings.openInvoiceWhen == .generated)

            fields[0] = ("leadNotificationEmails", "Office@Greenleaf.example, sales@greenleaf.example, office@greenleaf.example")
            let saved = try await browser.post("/admin/settings", fields)
            #expect(saved.status == .seeOther)
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            #expect(account.settings.leadNotificationEmails == ["office@greenleaf.example", "sales@greenleaf.example"])
            #expect(account.settings.openInvoiceWhen == .sent && account.settings.paidInvoiceRetentionDays == 400)
            #expect(account.settings.proposalExpiryDays == 14 && account.settings.serviceFeeBasisPoints == 250)
            #expect(account.settings.leadFormAllowedOrigins == ["https://greenleaf-landscaping.example"])
            #expect(account.timeZoneIdentifier == "America/Chicago" && account.currencyCode == "USD")
            #expect(try await browser.get(try #require(saved.location)).body.contains("Settings updated."))
        }
        await bed.remove()
    }

    @Test("A staff-role user gets 403 on the settings page, and changes nothing by posting")
    func staffRoleForbidden() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            let page = try await browser.get("/admin/settings")
            #expect(page.status == .forbidden && page.body.contains("Admins only"), "a page saying why (#25)")
            let posted = try await browser.post("/admin/settings", [("currency", "EUR")])
            #expect(posted.status == .forbidden && posted.body.contains("Admins only"))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.currencyCode == "USD")
            #expect(!(try await browser.get("/admin/leads").body.contains("/admin/settings")))
        }
        await bed.remove()
    }

    @Test("Webhook URLs are checked; the first one makes a signing secret that admins see")
    func webhookSettings() throws {
        let account = Account(name: "A", portalKey: "a", branding: Branding(displayName: "A"), createdAt: Date())
        var form = SettingsForm(account)
        form.webhookURLs = "ftp://files.example"
        let refusal = try #require(throws: UseCaseError.self) { try form.applied(to: account) }
        #expect(refusal.fields(as: SettingsForm.Field.self)[.webhookURLs]?.contains("ftp://files.example") == true)
        form.webhookURLs = "https://hooks.example/a\nhttp://127.0.0.1:9000/b"
        let updated = try form.applied(to: account)
        #expect(updated.settings.webhookURLs == ["https://hooks.example/a", "http://127.0.0.1:9000/b"])
        let secret = try #require(updated.settings.webhookSecret)
        #expect(secret.hasPrefix("whsec_") && secret.count > 40)
        // Saving again keeps the secret.
        #expect(try SettingsForm(updated).applied(to: updated).settings.webhookSecret == secret)
    }

    @Test("Each settings field is checked")
    func validation() throws {
        let account = Account(name: "A", portalKey: "a", branding: Branding(displayName: "A"), createdAt: Date())
        var form = SettingsForm(account)
        #expect(throws: Never.self) { try form.applied(to: account) }
        form.serviceFeePercent = "2.555"
        form.leadFormAllowedOrigins = "https://example.com/path"
        form.timeZone = "Mars/Olympus"
        form.accentColor = "red"
        form.logoURL = "http://insecure.example/logo.png"
        form.proposalExpiryDays = "0"
        let refusal = try #require(throws: UseCaseError.self) { try form.applied(to: account) }
        #expect(refusal.kind == .invalid)
        #expect(Set(refusal.fields(as: SettingsForm.Field.self).keys) == [.serviceFeePercent, .leadFormAllowedOrigins, .timeZone, .accentColor, .logoURL, .proposalExpiryDays])
    }
}

/// #17: what an attacker elsewhere can do to the owner's login.
@Suite("#17 staff login against lock-outs and spraying")
struct StaffLoginAbuseTests {
    @Test("#17: ten wrong passwords from another address lock that address only: the owner logs in from theirs")
    func ownerNotLockedOut() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var attacker = Browser(client)
            attacker.ipAddress = "198.51.100.66"
            _ = try await attacker.get("/admin/login")
            for _ in 0..<12 {
                bed.clock.advance(by: 6)
                _ = try await attacker.post("/admin/login", [("email", Seed.adminEmail), ("password", "guess")])
            }
            let attackerNow = try await attacker.post("/admin/login", [("email", Seed.adminEmail), ("password", Seed.staffPassword)])
            #expect(attackerNow.status == .tooManyRequests)
            var owner = Browser(client)
            _ = try await owner.get("/admin/login")
            let login = try await owner.post("/admin/login", [("email", Seed.adminEmail), ("password", Seed.staffPassword)])
            #expect(login.status == .seeOther)
        }
        await bed.remove()
    }

    @Test("#17: one address trying one password on many emails is stopped, whatever the emails")
    func sprayingStopped() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var sprayer = Browser(client)
            sprayer.ipAddress = "198.51.100.77"
            _ = try await sprayer.get("/admin/login")
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<30 {
                statuses.append(try await sprayer.post("/admin/login", [("email", "person\(index)@greenleaf.example"), ("password", "Summer2026!")]).status)
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 12, "\(statuses)")
            #expect(statuses.suffix(10).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
            // Someone else, elsewhere, is not slowed by it.
            var staff = Browser(client)
            _ = try await staff.get("/admin/login")
            #expect(try await staff.post("/admin/login", [("email", Seed.staffEmail), ("password", Seed.staffPassword)]).status == .seeOther)
        }
        await bed.remove()
    }
}
