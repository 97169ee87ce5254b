import Foundation

// Narrow repositories, one per record type. Every method that reads or changes an account's records takes the
// account's id and only ever touches that account's rows: there is no way to ask for "any account's customer".
// The exceptions are deliberate: a session is found by its secret's hash alone (back-office URLs carry no
// account; the caller checks the session's account against the request's), and the outbox worker and the
// expiry sweeps work across accounts.
// `insert` fails with `StorageError.duplicate` when a unique key is taken and `update` with `.notFound` when the
// record does not exist in that account.

/// Companies.
public protocol AccountRepository: Sendable {
    func insert(_ account: Account) async throws
    func update(_ account: Account) async throws
    func find(_ id: Account.ID) async throws -> Account?
    /// The account whose portal link carries `portalKey`.
    func find(portalKey: String) async throws -> Account?
    /// Every account, oldest first (for the command line).
    func all() async throws -> [Account]
}

/// Back-office users.
public protocol StaffUserRepository: Sendable {
    func insert(_ user: StaffUser) async throws
    func update(_ user: StaffUser) async throws
    func find(_ id: StaffUser.ID, in account: Account.ID) async throws -> StaffUser?
    func find(email: String, in account: Account.ID) async throws -> StaffUser?
    /// Every staff user with `email` (normalised), in any account, oldest account first: the back-office login,
    /// whose URL carries no account, looks people up by email alone.
    func all(email: String) async throws -> [StaffUser]
    func all(in account: Account.ID) async throws -> [StaffUser]
}

/// Clients.
public protocol CustomerRepository: Sendable {
    func insert(_ customer: Customer) async throws
    func update(_ customer: Customer) async throws
    func find(_ id: Customer.ID, in account: Account.ID) async throws -> Customer?
    /// Every customer of the account that lists `email` (normalised) among its contact emails.
    func find(email: String, in account: Account.ID) async throws -> [Customer]
    func all(in account: Account.ID) async throws -> [Customer]
}

/// Jobs, including the jobs behind leads.
public protocol JobRepository: Sendable {
    func insert(_ job: Job) async throws
    func update(_ job: Job) async throws
    func find(_ id: Job.ID, in account: Account.ID) async throws -> Job?
    /// The jobs with these ids that belong to the account (others are silently absent).
    func find(_ ids: [Job.ID], in account: Account.ID) async throws -> [Job]
    func all(for customer: Customer.ID, in account: Account.ID) async throws -> [Job]
}

/// Proposals.
public protocol ProposalRepository: Sendable {
    func insert(_ proposal: Proposal) async throws
    func update(_ proposal: Proposal) async throws
    func find(_ id: Proposal.ID, in account: Account.ID) async throws -> Proposal?
    /// The customer's proposals that could be in the portal: every status but `draft` (the index behind the
    /// portal home; ``ProposalVisibility`` makes the final call).
    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Proposal]
    func all(for job: Job.ID, in account: Account.ID) async throws -> [Proposal]
}

/// Invoices.
public protocol InvoiceRepository: Sendable {
    func insert(_ invoice: Invoice) async throws
    func update(_ invoice: Invoice) async throws
    func find(_ id: Invoice.ID, in account: Account.ID) async throws -> Invoice?
    func find(number: String, in account: Account.ID) async throws -> Invoice?
    /// The customer's invoices that could be in the portal: every one not voided (the index behind the portal
    /// home; ``InvoiceVisibility`` makes the final call).
    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Invoice]
}

/// Payments.
public protocol PaymentRepository: Sendable {
    func insert(_ payment: Payment) async throws
    func find(_ id: Payment.ID, in account: Account.ID) async throws -> Payment?
    func all(for invoice: Invoice.ID, in account: Account.ID) async throws -> [Payment]
    func find(idempotencyKey: String, in account: Account.ID) async throws -> Payment?
}

/// What service requests said.
public protocol LeadRepository: Sendable {
    func insert(_ lead: Lead) async throws
    func update(_ lead: Lead) async throws
    func find(_ id: Lead.ID, in account: Account.ID) async throws -> Lead?
    /// The account's leads, newest first.
    func all(in account: Account.ID) async throws -> [Lead]
}

/// Login-link tokens, by hash only.
public protocol LoginTokenRepository: Sendable {
    func insert(_ token: LoginToken) async throws
    func find(hash: String, in account: Account.ID) async throws -> LoginToken?
    /// Marks the token used at `instant` if, and only if, it is still unused and unexpired, and returns it; `nil`
    /// when it is unknown, used or expired. Of two concurrent calls with one token, exactly one gets it.
    func consume(hash: String, in account: Account.ID, at instant: Date) async throws -> LoginToken?
    /// Deletes tokens that expired before `instant`; returns how many.
    @discardableResult
    func deleteExpired(before instant: Date) async throws -> Int
}

/// Browser sessions.
public protocol SessionRepository: Sendable {
    /// Inserts or replaces.
    func save(_ session: Session) async throws
    func find(_ id: Session.ID) async throws -> Session?
    func delete(_ id: Session.ID) async throws
    @discardableResult
    func deleteExpired(before instant: Date) async throws -> Int
}

/// Emails waiting to go out, and the record of those that went.
public protocol OutboxRepository: Sendable {
    func enqueue(_ message: OutboxMessage) async throws
    func update(_ message: OutboxMessage) async throws
    func find(_ id: OutboxMessage.ID, in account: Account.ID) async throws -> OutboxMessage?
    /// Queued or retrying messages of any account whose next attempt is due at `instant`, oldest first.
    ///
    /// Inside a transaction the messages are the transaction's to claim: a backend whose transactions run side by
    /// side (PostgreSQL) locks them and leaves out those another transaction holds, so two workers never get one
    /// message. ``OutboxDelivery`` claims this way before it sends.
    func due(at instant: Date, limit: Int) async throws -> [OutboxMessage]
    /// How many messages of any account are queued or retrying, due or not: the outbox's depth, for `/metrics`.
    func depth() async throws -> Int
    /// The messages about one record (a proposal, an invoice, a lead), newest first.
    func all(about subject: OutboxMessage.Subject, in account: Account.ID) async throws -> [OutboxMessage]
    /// The account's messages that failed for good, newest first: the back office's list of failures.
    func failures(in account: Account.ID) async throws -> [OutboxMessage]
}

/// What clients did in the portal, for the back office's timelines. Only ever added to.
public protocol AuditRepository: Sendable {
    func record(_ event: AuditEvent) async throws
    /// The events about one record (a proposal, an invoice, a lead), oldest first: a timeline.
    func all(about subject: RecordReference, in account: Account.ID) async throws -> [AuditEvent]
    /// The events about one record at or after `instant`, newest first (whether a view was recorded lately).
    func all(about subject: RecordReference, since instant: Date, in account: Account.ID) async throws -> [AuditEvent]
    /// The account's latest events, newest first.
    func recent(in account: Account.ID, limit: Int) async throws -> [AuditEvent]
}

/// Emailed proposal links, by hash only.
public protocol ProposalLinkRepository: Sendable {
    func insert(_ link: ProposalLink) async throws
    /// The link whose token hashes to `hash`, in whichever account: the link's URL carries no account, and the
    /// caller then reads the proposal within the link's account.
    func find(hash: String) async throws -> ProposalLink?
}

/// JSON API bearer tokens, by hash only.
public protocol APITokenRepository: Sendable {
    func insert(_ token: APIToken) async throws
    func update(_ token: APIToken) async throws
    /// The token whose secret hashes to `hash`, in whichever account (a bearer token carries no account).
    func find(hash: String) async throws -> APIToken?
    func find(_ id: APIToken.ID, in account: Account.ID) async throws -> APIToken?
    /// The account's tokens, newest first.
    func all(in account: Account.ID) async throws -> [APIToken]
}

/// Counters shared by every server process (``Counter``): rate limits, login lockouts, payment claims.
public protocol CounterRepository: Sendable {
    /// Reads the counter under `key` (`nil` when there is none or it expired at `instant`), hands it to `change`,
    /// stores what `change` returns as the counter (`nil` deletes it), and returns `change`'s result. Atomic per
    /// key across processes: concurrent changes of one key run one after another, each seeing the one before.
    func change<Result: Sendable>(
        _ key: String, at instant: Date, _ change: @Sendable (Counter?) -> (Counter?, Result)
    ) async throws -> Result

    /// Deletes counters that expired before `instant`; returns how many.
    @discardableResult
    func deleteExpired(before instant: Date) async throws -> Int
}
