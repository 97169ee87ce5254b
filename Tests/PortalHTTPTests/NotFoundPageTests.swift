import Foundation
import HTTPTypes
import Testing

@testable import PortalHTTP

/// Issue #18: an address no route serves gets the site's "Page not found" page, not the browser's own.
@Suite("Unknown addresses: a real page")
struct NotFoundPageTests {
    @Test("Under /portal/{key}: 404 with the page in the account's branding and a link to its portal home")
    func portal() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            for path in ["/portal/\(Seed.keyA)/no-such-page", "/portal/\(Seed.keyA)/invoices/\(Seed.CeceInvoice.unpaid)/nope"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
                #expect(page.body.contains("<h1>Page not found</h1>"), "\(path)")
                #expect(page.body.contains("Greenleaf Lawn &amp; Tree"), "\(path)")
                #expect(page.body.contains("href=\"/portal/\(Seed.keyA)/theme.css\""), "\(path)")
                #expect(page.body.contains("<a class=\"button\" href=\"/portal/\(Seed.keyA)\">Go to the portal home</a>"), "\(path)")
            }
            try await bed.logIn("cece@example.com", browser: &browser)
            let signedIn = try await browser.get("/portal/\(Seed.keyA)/no-such-page")
            #expect(signedIn.status == .notFound && signedIn.body.contains("Cece MARK-CECE"))
        }
        await bed.remove()
    }

    @Test("Under /admin: 404 with the back office's page and a link to its home, logged in or not")
    func backOffice() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            let anonymous = try await browser.get("/admin/no-such-page")
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            let staff = try await browser.get("/admin/leads/\(Seed.portalLead)/no-such-page")
            for page in [anonymous, staff] {
                #expect(page.status == .notFound)
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.body.contains("<h1>Page not found</h1>"))
                #expect(page.body.contains("<a class=\"button\" href=\"/admin\">Go to the back office home</a>"))
            }
            #expect(staff.body.contains("aria-label=\"Back office\""))
        }
        await bed.remove()
    }

    @Test("Elsewhere and under an unknown portal key: the plain page; the JSON API keeps its own 404")
    func elsewhere() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            for path in ["/", "/no-such-page", "/portal/no-such-company/invoices", "/assets/nope.css"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body.contains("<h1>Page not found</h1>"), "\(path)")
                #expect(!page.body.contains("Greenleaf"), "\(path)")
            }
            let api = try await browser.get("/api/v1/no-such-thing")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType]?.hasPrefix("text/html") != true)
            #expect(!api.body.contains("Page not found"))
        }
        await bed.remove()
    }
}
