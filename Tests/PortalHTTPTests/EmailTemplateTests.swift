import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Back office: email templates")
struct EmailTemplateTests {
    @Test("F1: an admin rewords the login email ({{object.account.customer_portal_url}} renders to the portal link): preview with sample data, a broken template refused with the parser's message, the saved one used")
    func editTemplate() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            let list = try await browser.get("/admin/templates")
            #expect(list.body.contains("Login link") && list.body.contains("bundled"))
            let page = try await browser.get("/admin/templates/loginLink")
            #expect(page.body.contains("{{object.account.customer_portal_url}}") && page.body.contains("{{link}}"))
            #expect(page.body.contains("Your login link for Greenleaf Lawn &amp; Tree"))  // the preview

            let broken = try await browser.post("/admin/templates/loginLink", [
                ("subject", "Hi {{#account}}"), ("text", "Log in: {{link}}"), ("html", "<p>{{link}}</p>"), ("intent", "save"),
            ])
            #expect(broken.status == .unprocessableContent)
            #expect(broken.body.contains("Subject does not parse"))
            #expect(broken.body.contains("value=\"Hi {{#account}}\""))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.emailTemplates.isEmpty == true)

            let preview = try await browser.post("/admin/templates/loginLink", [
                ("subject", "Sign in to {{account.name}}"), ("text", "Tap: {{link}} ({{minutes}} min) {{object.account.customer_portal_url}}"),
                ("html", "<p><a href=\"{{link}}\">Sign in</a></p>"), ("intent", "preview"),
            ])
            #expect(preview.body.contains("Sign in to Greenleaf Lawn &amp; Tree"))
            #expect(preview.body.contains("(20 min) \(PortalTestbed.base)/portal/greenleaf"))
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.emailTemplates.isEmpty == true)

            let saved = try await browser.post("/admin/templates/loginLink", [
                ("subject", "Sign in to {{account.name}}"), ("text", "Tap: {{link}} ({{minutes}} min)"),
                ("html", "<p><a href=\"{{link}}\">Sign in</a></p>"), ("intent", "save"),
            ])
            #expect(saved.status == .seeOther)

            var cece = Browser(client)
            let path = try #require(try await bed.loginLinkPath(for: "cece@example.com", browser: &cece))
            let mail = try #require(try bed.mail.to("cece@example.com").last)
            #expect(mail.decodedBody.contains("Tap: \(PortalTestbed.base)\(path) (20 min)"))
            #expect(mail.header("Subject") == "Sign in to Greenleaf Lawn & Tree")

            _ = try await browser.get("/admin/templates/loginLink")
            _ = try await browser.post("/admin/templates/loginLink/reset")
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.emailTemplates.isEmpty == true)
        }
        await bed.remove()
    }

    @Test("Staff-role users cannot edit templates")
    func staffForbidden() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &browser)
            #expect(try await browser.get("/admin/templates").status == .forbidden)
            #expect(try await browser.post("/admin/templates/loginLink", [("subject", "x"), ("text", "x"), ("html", "x"), ("intent", "save")]).status == .forbidden)
        }
        await bed.remove()
    }

    @Test("Every bundled email renders with its sample data, and every listed variable is filled")
    func bundledEmailsRender() throws {
        let composer = try TemplateEmailComposer(publicBaseURL: "https://portal.example.com")
        let account = Account(name: "Greenleaf", portalKey: "greenleaf", branding: Branding(displayName: "Greenleaf"), createdAt: Date())
        for kind in EmailTemplate.Kind.allCases {
            let email = EmailSamples.email(kind, account: account, links: PortalLinks(publicBaseURL: "https://portal.example.com"), now: Date())
            let message = try composer.compose(email, to: [.init(address: "cece@example.com")])
            #expect(!message.subject.isEmpty && !message.subject.contains("{{"), "\(kind)")
            #expect(!message.textBody.contains("{{") && message.htmlBody?.contains("{{") == false, "\(kind)")
            #expect(message.textBody.contains("https://portal.example.com/") || kind == .leadNotification, "\(kind)")
            let every = EmailTemplate(
                kind: kind, subject: "s", text: (EmailSamples.variables[kind] ?? []).map { "[{{\($0)}}]" }.joined(separator: " "), html: "h")
            let rendered = composer.preview(every, for: email).textBody
            #expect(!rendered.contains("[]"), "\(kind): an empty variable in \(rendered)")
        }
    }
}
