import Foundation
import PortalKernel
import Testing

/// #20: settings and templates change through one use case, each change recorded with who made it.
@Suite("CompanySettings: settings and templates, recorded")
struct CompanySettingsTests {
    @Test("#20: a settings change saves over the account as it is then (a template saved meanwhile stays) and records who made it")
    func settingsKeepATemplateSavedMeanwhile() async throws {
        let bed = try await UseCaseBed()
        let settings = CompanySettings(services: bed.services)
        // The settings page was opened before a colleague saved a template.
        var form = SettingsForm(bed.account)
        let template = EmailTemplate(kind: .loginLink, subject: "Sign in", text: "{{link}}", html: "<a href=\"{{link}}\">Sign in</a>")
        try await settings.save(template, of: bed.account.id, by: .staff("alex"))
        form.proposalExpiryDays = "21"
        let saved = try await settings.update(form, of: bed.account, by: .staff("sam"))
        #expect(saved.settings.proposalExpiryDays == 21 && saved.emailTemplate(.loginLink) == template)
        #expect(try await bed.services.storage.accounts.find(bed.account.id) == saved)

        form.proposalExpiryDays = "0"
        let refusal = try await #require(throws: UseCaseError.self, "a bad form was saved") {
            try await settings.update(form, of: saved, by: .staff("sam"))
        }
        #expect(refusal.fields(as: SettingsForm.Field.self)[.proposalExpiryDays] != nil)
        #expect(try await bed.services.storage.accounts.find(bed.account.id) == saved)
        try await settings.reset(.loginLink, of: bed.account.id, by: .apiToken("token-1"))
        #expect(try await bed.services.storage.accounts.find(bed.account.id)?.emailTemplate(.loginLink) == nil)

        let events = try await bed.services.storage.auditEvents.all(about: .account(bed.account.id), in: bed.account.id)
        #expect(events.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.settingsChanged, .templateReset, .templateSaved])
        #expect(Set(events.compactMap(\.actor)) == [.staff("alex"), .staff("sam"), .apiToken("token-1")])
        #expect(events.first { $0.action == .templateSaved }?.detail == "loginLink")
    }

    @Test("M1: the currency changes while the account has no proposal or invoice, and stays once one exists, whose amounts are in it")
    func currencyLockedByMoney() async throws {
        let bed = try await UseCaseBed()
        let settings = CompanySettings(services: bed.services)
        var form = SettingsForm(bed.account)
        form.currency = "JPY"
        let yen = try await settings.update(form, of: bed.account, by: nil)
        #expect(yen.currencyCode == "JPY")
        _ = try await bed.openInvoice()
        form.currency = "usd"
        let refusal = try await #require(throws: UseCaseError.self, "the currency changed under stored amounts") {
            try await settings.update(form, of: yen, by: nil)
        }
        #expect(refusal.fields(as: SettingsForm.Field.self)[.currency]?.hasPrefix("The currency stays JPY") == true)
        #expect(try await bed.services.storage.accounts.find(bed.account.id)?.currencyCode == "JPY")
        form.currency = "jpy"
        form.proposalExpiryDays = "14"
        #expect(try await settings.update(form, of: yen, by: nil).settings.proposalExpiryDays == 14)
    }
}
