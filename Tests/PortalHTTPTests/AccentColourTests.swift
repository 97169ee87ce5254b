import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// Issue #18: the settings refuse an accent colour that misses WCAG AA, saying why and what would pass; a colour stored
/// before the rule is drawn as the nearest that passes.
@Suite("#18 Accent colour in the settings and the theme")
struct AccentColourTests {
    static let fields: [(String, String)] = [
        ("leadNotificationEmails", "office@greenleaf.example"), ("openInvoiceWhen", "generated"), ("paidInvoiceRetentionDays", "365"),
        ("proposalExpiryDays", "30"), ("serviceFeePercent", "0"), ("displayName", "Greenleaf Lawn & Tree"), ("timeZone", "America/Chicago"),
        ("currency", "USD"),
    ]

    @Test("#18 A light accent is refused with the ratio measured and needed and a suggestion; the suggestion is accepted")
    func refusedWithSuggestion() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            _ = try await browser.get("/admin/settings")
            let refused = try await browser.post("/admin/settings", Self.fields + [("accentColor", "#8bc34a")])
            #expect(refused.status == .unprocessableContent)
            let suggestion = AccentContrast.nearestPassing(try #require(RGBColour(hex: "#8bc34a"))).hex
            #expect(refused.body.contains("has a contrast of 2.09:1; WCAG AA needs 4.5:1."))
            #expect(refused.body.contains("Try \(suggestion), the nearest colour of the same hue that passes."))
            #expect(refused.body.contains("value=\"#8bc34a\""))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.branding.accentColor == "#1b5e20")

            let saved = try await browser.post("/admin/settings", Self.fields + [("accentColor", suggestion)])
            #expect(saved.status == .seeOther)
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.branding.accentColor == suggestion)
            #expect(try await browser.get("/portal/greenleaf/theme.css").body.contains("--accent: \(suggestion);"))
        }
        await bed.remove()
    }

    @Test("#18 A failing colour stored before the rule is drawn as the nearest passing one, and does not block saving the rest")
    func storedFailingColour() async throws {
        let bed = try await PortalTestbed()
        var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        account.branding.accentColor = "#8bc34a"
        try await bed.services.storage.accounts.update(account)
        try await bed.run { client in
            var browser = Browser(client)
            let theme = try await browser.get("/portal/greenleaf/theme.css")
            let nearest = AccentContrast.nearestPassing(try #require(RGBColour(hex: "#8bc34a"))).hex
            #expect(theme.body == ":root { --accent: \(nearest); }\n")
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            _ = try await browser.get("/admin/settings")
            let saved = try await browser.post("/admin/settings", Self.fields + [("accentColor", "#8bc34a")])
            #expect(saved.status == .seeOther)
        }
        await bed.remove()
    }

    @Test("#18 The stylesheet reads the accent against the colours the rule measures, and every control has the focus outline")
    func stylesheetMatchesRule() {
        let css = String(decoding: PortalTemplates.stylesheet, as: UTF8.self)
        #expect(css.contains("--wash: \(AccentContrast.pageBackground.hex);") && css.contains("--paper: #ffffff;"))
        #expect(css.contains("background: var(--accent); color: #fff;"))
        #expect(css.contains("input:focus, select:focus, textarea:focus, button:focus, a:focus, [tabindex]:focus { outline: 3px solid var(--accent);"))
        #expect(css.contains("input[type=password], textarea,"))
        let edge = RGBColour(hex: "#76818b")!
        #expect(css.contains("--edge: \(edge.hex);"))
        #expect(edge.contrast(with: .white) >= 3 && edge.contrast(with: AccentContrast.pageBackground) >= 3)
    }
}
