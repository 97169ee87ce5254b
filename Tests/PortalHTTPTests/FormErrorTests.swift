import Foundation
import PortalKernel
import Testing

@testable import PortalHTTP

/// Issue #18: every form error is beside its field, tied to it with `aria-invalid` and `aria-describedby`, every one
/// is shown at once, and a summary at the top links to each field; what was typed is kept.
@Suite("#18 Form errors tied to their fields")
struct FormErrorTests {
    typealias P = Seed.CeceProposal

    @Test("#18 The proposal accept form with neither signature nor consent shows both errors at once, each tied to its field")
    func proposalBothErrors() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let page = try await browser.get("/portal/greenleaf/proposals/\(P.open)")
            let version = try #require(page.hiddenField("version"))
            let refused = try await browser.post(
                "/portal/greenleaf/proposals/\(P.open)/accept", [("version", version), ("signature", " "), ("intent", "accept")])
            #expect(refused.status == .unprocessableContent)
            let markup = FieldErrorMarkup(refused.body)
            #expect(markup.problems.isEmpty, "\(markup.problems)")
            #expect(markup.invalid == ["signature": "Type your full name to sign.", "consent": "Tick the box to agree before you accept."])
            #expect(markup.summaryLinks == ["signature", "consent"])
            #expect(try await bed.services.storage.proposals.find(P.open, in: Seed.accountA)?.status == .sent)
        }
        await bed.remove()
    }

    @Test("#18 The login form's missing email is tied to the field; the lead form ties every problem, in page order, and keeps what was typed")
    func loginAndLeadForm() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf/login")
            let login = try await browser.post("/portal/greenleaf/login", [("email", " ")])
            #expect(login.status == .unprocessableContent)
            let loginMarkup = FieldErrorMarkup(login.body)
            #expect(loginMarkup.problems.isEmpty, "\(loginMarkup.problems)")
            #expect(loginMarkup.invalid == ["email": "Enter your email address."] && loginMarkup.summaryLinks == ["email"])

            _ = try await browser.get("/portal/greenleaf/request-service")
            let lead = try await browser.post(
                "/portal/greenleaf/request-service",
                [("name", ""), ("email", "not-an-address"), ("phone", "555-0199"), ("serviceAddress", ""), ("description", "")])
            #expect(lead.status == .unprocessableContent)
            let markup = FieldErrorMarkup(lead.body)
            #expect(markup.problems.isEmpty, "\(markup.problems)")
            #expect(Set(markup.invalid.keys).isSuperset(of: ["name", "email", "serviceAddress"]))
            let order = ServiceRequest.Field.allCases.map(\.rawValue)
            #expect(markup.summaryLinks == order.filter { markup.summaryLinks.contains($0) })
            #expect(markup.summaryLinks.count >= 3)
            #expect(lead.body.contains("value=\"not-an-address\"") && lead.body.contains("value=\"555-0199\""))
        }
        await bed.remove()
    }

    @Test("#18 The pay form ties each missing card field, and a declined card to the card number, with a summary at the top")
    func payForm() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.logIn("cece@example.com", browser: &browser)
            let path = "/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)/pay"
            let key = try #require(try await browser.get(path).hiddenField("idempotencyKey"))
            let amount: [(String, String)] = [("idempotencyKey", key), ("amount", "200.00"), ("confirmedAmount", "200.00")]
            let missing = try await browser.post(path, amount + [("nameOnCard", "Cece Cunningham"), ("expiry", "13")])
            #expect(missing.status == .unprocessableContent)
            let markup = FieldErrorMarkup(missing.body)
            #expect(markup.problems.isEmpty, "\(markup.problems)")
            #expect(Set(markup.invalid.keys) == ["number", "expiry", "cvc"])
            #expect(markup.summaryLinks == ["number", "expiry", "cvc"])
            #expect(missing.body.contains("value=\"Cece Cunningham\""))

            let declined = try await browser.post(
                path, amount + [("nameOnCard", "Cece Cunningham"), ("cardNumber", "4000 0000 0000 0002"), ("expiry", "12/30"), ("securityCode", "123")])
            #expect(declined.status.code == 402)
            let declinedMarkup = FieldErrorMarkup(declined.body)
            #expect(declinedMarkup.problems.isEmpty, "\(declinedMarkup.problems)")
            #expect(declinedMarkup.summaryLinks == ["number"] && declinedMarkup.invalid.keys.sorted() == ["number"])
            #expect(declined.body.contains("<h2 id=\"form-errors-heading\">The payment did not go through</h2>"))
            #expect(bed.gateway.charges.isEmpty)
        }
        await bed.remove()
    }

    @Test("#18 Back office: settings, a proposal's line and an email template show every error at once, each tied to its field")
    func backOfficeForms() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &browser)
            _ = try await browser.get("/admin/settings")
            let settings = try await browser.post(
                "/admin/settings",
                [
                    ("leadNotificationEmails", "not an address"), ("openInvoiceWhen", "generated"), ("paidInvoiceRetentionDays", "365"),
                    ("proposalExpiryDays", "30"), ("serviceFeePercent", "0"), ("displayName", "Greenleaf"), ("accentColor", "#8bc34a"),
                    ("timeZone", "America/Chicago"), ("currency", "USD"),
                ])
            #expect(settings.status == .unprocessableContent)
            let settingsMarkup = FieldErrorMarkup(settings.body)
            #expect(settingsMarkup.problems.isEmpty, "\(settingsMarkup.problems)")
            #expect(settingsMarkup.summaryLinks == ["leadNotificationEmails", "accentColor"])
            #expect(settingsMarkup.invalid["accentColor"]?.contains("WCAG AA needs 4.5:1") == true)

            _ = try await browser.get("/admin/proposals/\(P.draft)")
            let revise = try await browser.post(
                "/admin/proposals/\(P.draft)/revise",
                [("title", "Spring clean-up"), ("lines[r1][description]", "Mulch"), ("lines[r1][quantity]", "lots"),
                 ("lines[r1][unitPrice]", "40"), ("taxPercent", "0")])
            #expect(revise.status == .unprocessableContent)
            let reviseMarkup = FieldErrorMarkup(revise.body)
            #expect(reviseMarkup.problems.isEmpty, "\(reviseMarkup.problems)")
            #expect(reviseMarkup.invalid.keys.sorted() == ["q1-r"] && reviseMarkup.summaryLinks == ["q1-r"])
            #expect(revise.body.contains("value=\"lots\""))

            // Refused by the use case (a hidden direction change in the title), the form keeps every edit.
            let refused = try await browser.post(
                "/admin/proposals/\(P.draft)/revise",
                [("title", "Typed new\u{202E}title"), ("lines[r1][description]", "Typed mulch"), ("lines[r1][quantity]", "3"),
                 ("lines[r1][unitPrice]", "41"), ("taxPercent", "7.5"), ("deposit", "25 %")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("hidden direction changes"))
            for typed in ["value=\"Typed new\u{202E}title\"", "value=\"Typed mulch\"", "value=\"41\"", "value=\"7.5\"", "value=\"25 %\""] {
                #expect(refused.body.contains(typed), "\(typed)")
            }

            // Accepting for the client with a signature the rule refuses: 422, the typed name kept beside the message.
            _ = try await browser.get("/admin/proposals/\(P.open)")
            let signed = try await browser.post("/admin/proposals/\(P.open)/accept", [("signature", "Cece\u{202E} Cunningham")])
            #expect(signed.status == .unprocessableContent)
            #expect(signed.body.contains("value=\"Cece\u{202E} Cunningham\"") && signed.body.contains("hidden direction changes"))

            _ = try await browser.get("/admin/templates/loginLink")
            let template = try await browser.post(
                "/admin/templates/loginLink", [("subject", "{{#open}}"), ("text", "{{/close}}"), ("html", "<p>fine</p>"), ("intent", "save")])
            #expect(template.status == .unprocessableContent)
            let templateMarkup = FieldErrorMarkup(template.body)
            #expect(templateMarkup.problems.isEmpty, "\(templateMarkup.problems)")
            #expect(templateMarkup.summaryLinks == ["subject", "text"])
        }
        await bed.remove()
    }

    @Test("#18 FormErrors: messages about the whole form come first and unlinked; a field's second message joins its first")
    func model() {
        var errors = FormErrors()
        #expect(errors.isEmpty)
        errors.add("Enter a name.", field: "name")
        errors.add("The card was declined.")
        errors.add("Use letters only.", field: "name")
        #expect(!errors.isEmpty)
        #expect(errors.summary.map(\.message) == ["The card was declined.", "Enter a name. Use letters only."])
        #expect(errors.summary.map(\.linked) == [false, true])
        #expect(errors.field["name"]?.id == "name-error")
        let html = try! PageRenderer().html("form-errors", ["errors": errors])
        #expect(html.contains("<li>The card was declined.</li><li><a href=\"#name\">Enter a name. Use letters only.</a></li>"))
    }
}
