import Foundation

/// Accepting and declining proposals (SPEC F4, F8, F9), from the portal, an emailed link, or the back office.
public struct ProposalAnswers: Sendable {
    /// What the client sent when accepting.
    public struct AcceptanceForm: Hashable, Sendable {
        /// The full name typed as a signature.
        public var signatureName: String
        /// The optional items ticked.
        public var chosenOptionalItemIDs: Set<LineItem.ID>
        /// ``Proposal/contentHash`` of the version the page showed.
        public var shownVersionHash: String

        /// What is wrong with `name` as a signature (a full name, 2 to 200 characters), or `nil`; checked before
        /// anything else, so a form can show it beside the other problems at once (issue #18).
        public static func signatureProblem(_ name: String) -> String? {
            let signature = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard signature.count >= 2 && signature.unicodeScalars.count <= 200 else { return "Type your full name to sign." }
            return SingleLineText.problem(signature, naming: "The name you sign with")
        }

        /// Memberwise, as sent; ``ProposalAnswers/accept(_:account:via:form:actor:actorEmail:origin:)`` checks the
        /// signature, and that the hash and the chosen items are the current version's.
        public init(signatureName: String, chosenOptionalItemIDs: Set<LineItem.ID>, shownVersionHash: String) {
            self.signatureName = signatureName
            self.chosenOptionalItemIDs = chosenOptionalItemIDs
            self.shownVersionHash = shownVersionHash
        }
    }

    /// How an answer turned out. Only `accepted` and `declined` changed anything.
    public enum Outcome: Hashable, Sendable {
        case accepted(Proposal)
        case declined(Proposal)
        /// It was accepted already (a second click, a second tab): nothing new is recorded.
        case alreadyAccepted(Proposal)
        /// It changed since it was shown: the client must look at the new version first (SPEC F9).
        case changedSinceShown(Proposal)
        /// It can no longer be answered: declined, expired, or withdrawn.
        case closed(Proposal)
        /// The form was not filled in properly; says what is wrong.
        case invalid(String)
        /// No such proposal in this account.
        case notFound
    }

    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Reads and writes proposals, jobs, webhooks and audit events through `services` (storage, clock); words the email
    /// of a deposit invoice an acceptance makes with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// What an emailed proposal link opens (F3, F4, #20): its account and proposal, or the newest sent version when
    /// the link's was replaced (`replaced`); `nil` for a malformed or unknown link, or a draft.
    public func openLink(token: String) async throws -> (account: Account, proposal: Proposal, replaced: Bool)? {
        let store = services.storage
        guard SecretToken.isWellFormed(token), let link = try await store.proposalLinks.find(hash: SecretToken.hash(of: token)),
            let account = try await store.accounts.find(link.accountID),
            let proposal = try await store.proposals.find(link.proposalID, in: account.id), proposal.status != .draft
        else { return nil }
        if proposal.status == .superseded, let newer = try await store.proposals.newerVersion(of: proposal, in: account.id) {
            return (account, newer, true)
        }
        return (account, proposal, false)
    }

    /// Accepts `proposalID` through `channel`. Of two concurrent acceptances exactly one records; the job moves to
    /// `active` and a proposal with a deposit gets its deposit invoice (SPEC F13, ``Deposits``) in the same transaction. `actor` is the client who accepted, `staff` the staff user or API token who
    /// accepted for them (`via: .staff`); the audit event names whichever it was.
    public func accept(
        _ proposalID: Proposal.ID, account: Account, via channel: AcceptanceChannel, form: AcceptanceForm,
        actor: Customer.ID?, actorEmail: String?, origin: RequestOrigin, by staff: StaffActor? = nil
    ) async throws -> Outcome {
        if let problem = AcceptanceForm.signatureProblem(form.signatureName) { return .invalid(problem) }
        let signature = form.signatureName.trimmingCharacters(in: .whitespacesAndNewlines)
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var proposal = try await store.proposals.find(proposalID, in: account.id) else { return .notFound }
            if let early = Self.unanswerable(proposal, today: account.today(at: now)) { return early }
            guard proposal.contentHash == form.shownVersionHash else { return .changedSinceShown(proposal) }
            let optionalIDs = Set(proposal.lineItems.filter(\.isOptional).map(\.id))
            guard form.chosenOptionalItemIDs.isSubset(of: optionalIDs) else { return .changedSinceShown(proposal) }
            proposal.status = .accepted
            proposal.acceptance = Acceptance(
                via: channel, acceptedAt: now, signatureName: signature, ipAddress: origin.ipAddress,
                userAgent: origin.userAgent, versionHash: proposal.contentHash,
                chosenOptionalItemIDs: form.chosenOptionalItemIDs.sorted())
            try await store.proposals.update(proposal)
            try await WebhookEvents.enqueue(
                .proposalAccepted, data: proposal, about: .proposal(proposal.id), account: account, store: store, at: now)
            if var job = try await store.jobs.find(proposal.jobID, in: account.id) {
                job.stage = .active
                try await store.jobs.update(job)
            }
            // SPEC F13: the client accepting is shown the deposit invoice at once, and emailed it; staff send theirs as any
            // invoice.
            let clientAccepted = channel != .staff
            if let deposit = try await Deposits.invoice(for: proposal, account: account, shownNow: clientAccepted, store: store, at: now),
                clientAccepted, let customer = try await store.customers.find(proposal.customerID, in: account.id), !customer.emails.isEmpty
            {
                var message = try emails.compose(.invoiceSent(account: account, customer: customer, invoice: deposit), to: customer.mailboxes)
                message.attachments = try await EmailedDocuments(services: services).invoice(deposit, customer: customer, in: store, account: account)
                try await store.recordSent(message, about: .invoice(deposit.id), action: .invoiceSent, in: account.id, by: nil, at: now)
            }
            try await store.auditEvents.record(
                AuditEvent(
                    accountID: account.id, action: .proposalAccepted, about: .proposal(proposal.id), customerID: actor,
                    actorEmail: actorEmail, ipAddress: origin.ipAddress, userAgent: origin.userAgent, by: staff,
                    detail: "Signed \"\(signature)\" via \(channel.rawValue); total \(proposal.totals(choosing: form.chosenOptionalItemIDs).total.formatted(currencyCode: account.currencyCode))",
                    occurredAt: now))
            return .accepted(proposal)
        }
    }

    /// The deposit invoice accepting `proposal` made (SPEC F13), `nil` when it made none.
    public func depositInvoice(of proposal: Proposal, in account: Account.ID) async throws -> Invoice? {
        try await Deposits(services: services).invoice(of: proposal, in: account)
    }

    /// Declines `proposalID` with the client's reason (which may be empty).
    public func decline(
        _ proposalID: Proposal.ID, account: Account, reason: String, actor: Customer.ID?, actorEmail: String?,
        origin: RequestOrigin
    ) async throws -> Outcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.unicodeScalars.count <= 2_000 else { return .invalid("Keep the reason under 2,000 characters.") }
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var proposal = try await store.proposals.find(proposalID, in: account.id) else { return .notFound }
            if let early = Self.unanswerable(proposal, today: account.today(at: now)) { return early }
            proposal.status = .declined
            proposal.declineReason = reason.isEmpty ? nil : reason
            try await store.proposals.update(proposal)
            try await WebhookEvents.enqueue(
                .proposalDeclined, data: proposal, about: .proposal(proposal.id), account: account, store: store, at: now)
            try await store.auditEvents.record(
                AuditEvent(
                    accountID: account.id, action: .proposalDeclined, about: .proposal(proposal.id), customerID: actor,
                    actorEmail: actorEmail, ipAddress: origin.ipAddress, userAgent: origin.userAgent,
                    detail: reason.isEmpty ? nil : reason, occurredAt: now))
            return .declined(proposal)
        }
    }

    /// Why `proposal` cannot be answered now, or `nil` when it can (sent, not past its expiry date).
    public static func unanswerable(_ proposal: Proposal, today: CalendarDate) -> Outcome? {
        switch proposal.status {
        case .accepted: return .alreadyAccepted(proposal)
        case .draft, .declined, .expired, .superseded: return .closed(proposal)
        case .sent:
            if let expiresOn = proposal.expiresOn, today > expiresOn { return .closed(proposal) }
            return nil
        }
    }
}
