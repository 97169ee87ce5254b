import Foundation

/// A company's settings and email templates, changed from the back office or through the JSON API (#20): each
/// change is saved over the account as it is at that moment (so a template saved meanwhile is kept) and recorded in
/// the audit trail with who made it.
public struct CompanySettings: Sendable {
    let services: PortalServices

    /// Reads and saves the account through `services.storage`; a change to the webhook URLs is checked with
    /// `services.webhookSender`.
    public init(services: PortalServices) {
        self.services = services
    }

    /// Saves `form`'s values (the company's name, branding, time zone, currency and settings) over the account. The
    /// currency is kept once the account has a proposal or an invoice: every amount is stored in minor units of the
    /// account's currency (SPEC M1), so another currency would read each stored amount, card charges and refunds
    /// included, as that many of its own units.
    /// - Throws: `UseCaseError.invalid(fields:)` keyed by `SettingsForm.Field` with every problem, and then nothing
    ///   is saved.
    public func update(_ form: SettingsForm, of account: Account, by actor: StaffActor?) async throws -> Account {
        let updated = try await form.applied(to: account, webhooks: services.webhookSender)
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var current = try await store.accounts.find(account.id) else { throw UseCaseError.notFound("No such account.") }
            if Currency(storedCode: updated.currencyCode) != Currency(storedCode: current.currencyCode),
                try await Self.holdsMoney(current.id, store: store)
            {
                throw UseCaseError.invalid(fields: [
                    SettingsForm.Field.currency:
                        "The currency stays \(current.currencyCode): this account has proposals or invoices, whose amounts are in it. A company that changes currency starts a new account."
                ])
            }
            (current.name, current.timeZoneIdentifier, current.currencyCode) = (updated.name, updated.timeZoneIdentifier, updated.currencyCode)
            // The logo is uploaded on its own (``setLogo(_:of:by:)``): a form shown before one was saved keeps it.
            var branding = updated.branding
            branding.logoFile = current.branding.logoFile
            (current.settings, current.branding) = (updated.settings, branding)
            try await store.accounts.update(current)
            try await store.recordChange(.settingsChanged, about: .account(current.id), in: current.id, by: actor, at: now)
            return current
        }
    }

    /// Keeps `bytes` as the logo the account's PDFs draw (SPEC F16), or removes it (`nil`): a PNG, decoded and written
    /// again without metadata at most 320 pixels a side (the photo cleaner's thumbnail), in the file store.
    /// - Throws: `UseCaseError.invalid` keyed `logo` for anything but a PNG image (a JPEG has no transparency, and the
    ///   PDF renderer draws PNGs).
    public func setLogo(_ bytes: Data?, of account: Account.ID, by actor: StaffActor?) async throws -> Account {
        var address: FileAddress?
        if let bytes {
            let cleaned: CleanedImage
            do {
                cleaned = try await services.images.clean(bytes)
            } catch let refusal as ImageRefusal {
                throw UseCaseError.invalid("The logo must be a PNG image: \(refusal.description)", field: "logo")
            }
            guard cleaned.type == .png else { throw UseCaseError.invalid("The logo must be a PNG image, not a JPEG.", field: "logo") }
            address = try await services.files.put(cleaned.thumbnail)
        }
        return try await change(account, .settingsChanged, detail: address == nil ? "logo removed" : "logo uploaded", by: actor) { [address] current in
            current.branding.logoFile = address
        }
    }

    /// Whether the account has any proposal or invoice: amounts in its currency.
    private static func holdsMoney(_ account: Account.ID, store: any Repositories) async throws -> Bool {
        let invoices = try await store.records(Invoice.self).all(in: account, limit: 1)
        let proposals = try await store.records(Proposal.self).all(in: account, limit: 1)
        return !invoices.isEmpty || !proposals.isEmpty
    }

    /// Saves `template` as the account's own for its kind; the caller has checked it renders.
    public func save(_ template: EmailTemplate, of account: Account.ID, by actor: StaffActor?) async throws {
        _ = try await change(account, .templateSaved, detail: template.kind.rawValue, by: actor) { current in
            current.emailTemplates.removeAll { $0.kind == template.kind }
            current.emailTemplates.append(template)
        }
    }

    /// Goes back to the bundled template of `kind`.
    public func reset(_ kind: EmailTemplate.Kind, of account: Account.ID, by actor: StaffActor?) async throws {
        _ = try await change(account, .templateReset, detail: kind.rawValue, by: actor) { current in
            current.emailTemplates.removeAll { $0.kind == kind }
        }
    }

    /// Reads the account in a transaction, changes it, saves it and records `action`.
    private func change(
        _ id: Account.ID, _ action: AuditEvent.Action, detail: String? = nil, by actor: StaffActor?,
        _ edit: @Sendable (inout Account) -> Void
    ) async throws -> Account {
        try await services.storage.transaction { store in
            guard var current = try await store.accounts.find(id) else { throw UseCaseError.notFound("No such account.") }
            edit(&current)
            try await store.accounts.update(current)
            try await store.recordChange(action, about: .account(id), in: id, by: actor, detail: detail, at: services.clock.now)
            return current
        }
    }
}
