import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// Issue #18: markup the Nu HTML checker refuses.
@Suite("Valid markup: the phone link and the leads list's check mark")
struct PageMarkupTests {
    @Test("A phone as people type it becomes a tel: URI of its digits, a leading + kept; no digit, no link")
    func telephoneURI() {
        #expect(TelephoneURI.of("+1 (555) 010-0100") == "tel:+15550100100")
        #expect(TelephoneURI.of(" +44 20 7946 0958") == "tel:+442079460958")
        #expect(TelephoneURI.of("555-0100") == "tel:5550100")
        #expect(TelephoneURI.of("(555) 010 0100 ext. 12") == "tel:555010010012")
        #expect(TelephoneURI.of("call the office") == nil)
        #expect(TelephoneURI.of("٥٥٥") == nil)
    }

    @Test("The footer links the account's phone with a valid tel: URI and shows it as typed")
    func footerPhone() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            let login = try await browser.get("/portal/\(Seed.keyA)/login")
            #expect(login.body.contains("<a href=\"tel:5550100\">555-0100</a>"))
            #expect(!login.body.contains("href=\"tel:555-0100\""))
        }
        await bed.remove()
    }

    @Test("The footer shows a phone with no digit as text, not as a link")
    func footerPhoneWithoutDigits() throws {
        let chrome = PageChrome(
            title: "Log in", brandName: "Greenleaf", brandPhone: "ask at the desk", brandPhoneURI: TelephoneURI.of("ask at the desk"), csrf: "c")
        let html = try PageRenderer().html("not-found", ["chrome": chrome])
        #expect(html.contains("Greenleaf · ask at the desk</p>"))
        #expect(!html.contains("tel:"))
    }

    @Test("The leads list's check mark is an image with a label, not a labelled plain span")
    func portalLeadMark() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            let leads = try await browser.get("/admin/leads")
            #expect(leads.body.contains("<span role=\"img\" aria-label=\"Portal lead\" title=\"Portal lead\">✓</span>"))
            #expect(leads.body.range(of: #"<span(?![^>]*\brole=)[^>]*\baria-label="#, options: .regularExpression) == nil)
        }
        await bed.remove()
    }
}
