import Foundation

/// Staff's side of proposals (SPEC F8, F9): create, send by email with a link, revise (a new version), accept.
public struct Quoting: Sendable {
    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Reads and writes through `services` (storage and its outbox, clock, the base URL of the `/p/{token}` links);
    /// words the proposal emails with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// The account's proposal with `id`; `nil` for an unknown id or another account's.
    public func proposal(_ id: Proposal.ID, in account: Account.ID) async throws -> Proposal? {
        try await services.storage.proposals.find(id, in: account)
    }

    /// A draft proposal for a job that has a customer; with `expected`, that customer's job only (#20: the back
    /// office creates proposals from a customer's page, where a job that is not one of the customer's is a wrong
    /// choice in the form, `UseCaseError.invalid`; without `expected`, an unknown job is `.notFound`). `deposit` is what
    /// accepting asks for (SPEC F13); callers offer the account's ``AccountSettings/defaultDeposit`` first.
    public func create(
        for jobID: Job.ID, of expected: Customer.ID? = nil, title: String, lines: [LineInput], taxRateBasisPoints: Int,
        deposit: Deposit?, in account: Account, by actor: StaffActor?
    ) async throws -> Proposal {
        let found = try await services.storage.jobs.find(jobID, in: account.id)
        if let expected, found?.customerID != expected { throw UseCaseError.invalid("Choose one of this customer's jobs.", field: "jobId") }
        guard let job = found else { throw UseCaseError.notFound("No such job.") }
        guard let customer = job.customerID else { throw UseCaseError.invalid("Attach a customer to the job first.") }
        try Self.check(title: title, lines: lines, taxRateBasisPoints: taxRateBasisPoints, deposit: deposit)
        let proposal = Proposal(
            accountID: account.id, jobID: job.id, customerID: customer, title: title.trimmingCharacters(in: .whitespaces),
            lineItems: lines.map(\.lineItem), taxRateBasisPoints: taxRateBasisPoints, deposit: deposit, createdAt: services.clock.now)
        try await services.storage.transaction { store in
            try await store.proposals.insert(proposal)
            try await store.recordChange(.proposalCreated, about: .proposal(proposal.id), in: account.id, by: actor, at: proposal.createdAt)
        }
        return proposal
    }

    /// Emails the proposal to the customer with a new `/p/{token}` link (its token is in that email only); a draft
    /// becomes sent, with its expiry date set from the account's setting.
    @discardableResult
    public func send(_ id: Proposal.ID, in account: Account, by actor: StaffActor?) async throws -> Proposal {
        let now = services.clock.now
        let token = SecretToken.generate()
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        return try await services.storage.transaction { store in
            guard var proposal = try await store.proposals.find(id, in: account.id) else { throw UseCaseError.notFound("No such proposal.") }
            guard proposal.status == .draft || proposal.status == .sent else {
                throw UseCaseError.conflict("A proposal that is \(proposal.status.rawValue) cannot be sent.")
            }
            guard let customer = try await store.customers.find(proposal.customerID, in: account.id), !customer.emails.isEmpty else {
                throw UseCaseError.invalid("The customer has no email address.")
            }
            if proposal.status == .draft {
                proposal.status = .sent
                proposal.sentAt = now
                proposal.expiresOn = proposal.expiresOn ?? account.today(at: now).adding(days: account.settings.proposalExpiryDays)
                try await store.proposals.update(proposal)
            }
            try await store.proposalLinks.insert(
                ProposalLink(accountID: account.id, proposalID: proposal.id, tokenHash: token.hash, createdAt: now))
            var message = try emails.compose(
                .proposalSent(account: account, customer: customer, proposal: proposal, link: links.proposal(token: token)),
                to: customer.mailboxes)
            message.attachments = try await EmailedDocuments(services: services).proposal(proposal, customer: customer, account: account)
            try await store.recordSent(message, about: .proposal(proposal.id), action: .proposalSent, in: account.id, by: actor, at: now)
            return proposal
        }
    }

    /// Changes a proposal. A draft changes in place; a sent (or expired, or declined) one gets a new version that is
    /// sent at once, and the old one is marked superseded (its link then shows the new one). An accepted proposal
    /// is locked. `deposit` replaces the proposal's deposit terms (SPEC F13).
    public func revise(
        _ id: Proposal.ID, title: String, lines: [LineInput], taxRateBasisPoints: Int, deposit: Deposit?, in account: Account,
        by actor: StaffActor?
    ) async throws -> Proposal {
        try Self.check(title: title, lines: lines, taxRateBasisPoints: taxRateBasisPoints, deposit: deposit)
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var current = try await store.proposals.find(id, in: account.id) else { throw UseCaseError.notFound("No such proposal.") }
            switch current.status {
            case .accepted:
                throw UseCaseError.conflict("This proposal was accepted and is locked. Create a new proposal for further work.")
            case .superseded:
                throw UseCaseError.conflict("This is an old version; change the newest one.")
            case .draft:
                current.title = title.trimmingCharacters(in: .whitespaces)
                current.lineItems = lines.map(\.lineItem)
                current.taxRateBasisPoints = taxRateBasisPoints
                current.deposit = deposit
                try await store.proposals.update(current)
                return current
            case .sent, .declined, .expired:
                var next = Proposal(
                    accountID: account.id, jobID: current.jobID, customerID: current.customerID, version: current.version.addingSaturating(1),
                    title: title.trimmingCharacters(in: .whitespaces), lineItems: lines.map(\.lineItem),
                    taxRateBasisPoints: taxRateBasisPoints, deposit: deposit, status: .sent, sentAt: now,
                    expiresOn: account.today(at: now).adding(days: account.settings.proposalExpiryDays), createdAt: now)
                next.declineReason = nil
                current.status = .superseded
                try await store.proposals.update(current)
                try await store.proposals.insert(next)
                try await store.recordChange(
                    .proposalRevised, about: .proposal(current.id), in: account.id, by: actor,
                    detail: "Replaced by version \(next.version) (\(next.id))", at: now)
                return next
            }
        }
    }

    /// The newest version of `proposal`'s job's proposal, when a newer one exists.
    public func newerVersion(of proposal: Proposal, in account: Account.ID) async throws -> Proposal? {
        try await services.storage.proposals.newerVersion(of: proposal, in: account)
    }

    static func check(title: String, lines: [LineInput], taxRateBasisPoints: Int, deposit: Deposit?) throws {
        if let problem = deposit?.problem { throw UseCaseError.invalid(problem, field: "deposit") }
        if title.trimmingCharacters(in: .whitespaces).isEmpty || title.unicodeScalars.count > 200 {
            throw UseCaseError.invalid("Give the proposal a title (up to 200 characters).", field: "title")
        }
        if let problem = SingleLineText.problem(title.trimmingCharacters(in: .whitespaces), naming: "A proposal's title") { throw UseCaseError.invalid(problem, field: "title") }
        if let refusal = LineInput.problem(with: lines, allowOptional: true, taxRateBasisPoints: taxRateBasisPoints) { throw refusal }
    }
}
