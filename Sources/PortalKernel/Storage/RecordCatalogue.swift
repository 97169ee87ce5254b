import Foundation

/// Every record type the stores keep, each with its ``RecordStorage`` description: the one list the SQL schemas and
/// the dump format come from. Docs/Storage.md ("Adding a record type") says what a new one takes.
public enum RecordCatalogue {
    /// Parents before children, so references hold at every step of an import.
    public static let all: [any StoredRecord.Type] = [
        Account.self, StaffUser.self, Customer.self, Job.self, Proposal.self, Invoice.self, Payment.self, Lead.self,
        LoginToken.self, Session.self, OutboxMessage.self, AuditEvent.self, ProposalLink.self, APIToken.self, Counter.self,
        VisitSeries.self, Visit.self, CalendarFeed.self, PaymentMethod.self, Autopay.self, Tip.self, Refund.self,
        AttachedFile.self,
    ]

    /// Does something once per record type, in catalogue order.
    public static func forEach(_ visit: (any StoredRecord.Type) throws -> Void) rethrows {
        for type in all { try visit(type) }
    }
}

extension RecordReference {
    /// `invoice:inv_123`: one column to find every message or event about a record.
    public var storageKey: String { "\(kind.rawValue):\(id)" }
}

extension Account: StoredRecord {
    /// Table `account`, dump key `accounts`; the one record not scoped to an account. Found by its unique portal key.
    public static let storage = RecordStorage<Account>(
        table: "account", dump: "accounts", id: { $0.id.rawValue }, account: nil,
        columns: [.text("portal_key") { $0.portalKey }, .instant("created_at") { $0.createdAt }],
        unique: [["portal_key"]])
}

extension StaffUser: StoredRecord {
    /// Table `staff_user`, dump key `staffUsers`; an email is unique within an account and indexed across accounts for
    /// the back-office login.
    public static let storage = RecordStorage<StaffUser>(
        table: "staff_user", dump: "staffUsers", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.text("email") { $0.email }, .text("name") { $0.name }],
        unique: [["account_id", "email"]],
        // The back-office login finds staff by email across accounts.
        indexes: [["email"]])
}

extension Customer: StoredRecord {
    /// Table `customer`, dump key `customers`; every contact email is listed for the portal login's look-up.
    public static let storage = RecordStorage<Customer>(
        table: "customer", dump: "customers", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.text("display_name") { $0.displayName }],
        // "Which customers is this email?" (the portal login) is an index look-up.
        list: RecordList("email") { Set($0.emails) })
}

extension Job: StoredRecord {
    /// Table `job`, dump key `jobs`; found by customer (none for an unmatched lead).
    public static let storage = RecordStorage<Job>(
        table: "job", dump: "jobs", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.optionalText("customer_id", references: "customer") { $0.customerID?.rawValue }, .instant("created_at") { $0.createdAt }],
        indexes: [["account_id", "customer_id"]])
}

extension Proposal: StoredRecord {
    /// Table `proposal`, dump key `proposals`; indexed by customer and status for the portal home, and by job for its
    /// versions.
    public static let storage = RecordStorage<Proposal>(
        table: "proposal", dump: "proposals", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("job_id", references: "job") { $0.jobID.rawValue }, .text("customer_id", references: "customer") { $0.customerID.rawValue },
            .text("status") { $0.status.rawValue }, .integer("version") { $0.version },
        ],
        // The portal home: a customer's proposals that are not drafts; a job's versions.
        indexes: [["account_id", "customer_id", "status"], ["account_id", "job_id"]])
}

extension Invoice: StoredRecord {
    /// Table `invoice`, dump key `invoices`; its number is unique within the account; indexed by customer and voided
    /// for the portal home.
    public static let storage = RecordStorage<Invoice>(
        table: "invoice", dump: "invoices", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("customer_id", references: "customer") { $0.customerID.rawValue }, .optionalText("job_id", references: "job") { $0.jobID?.rawValue },
            .text("number") { $0.number }, .bool("voided") { $0.voided },
        ],
        unique: [["account_id", "number"]],
        // The portal home: a customer's invoices that are not voided.
        indexes: [["account_id", "customer_id", "voided"]])
}

extension Payment: StoredRecord {
    /// Table `payment`, dump key `payments`; its idempotency key is unique within the account; indexed by invoice.
    public static let storage = RecordStorage<Payment>(
        table: "payment", dump: "payments", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("invoice_id", references: "invoice") { $0.invoiceID.rawValue }, .optionalText("idempotency_key") { $0.idempotencyKey },
            .instant("received_at") { $0.receivedAt },
        ],
        unique: [["account_id", "idempotency_key"]],
        indexes: [["account_id", "invoice_id"]])
}

extension Lead: StoredRecord {
    /// Table `lead`, dump key `leads`; indexed by submission time for the back office's newest-first list.
    public static let storage = RecordStorage<Lead>(
        table: "lead", dump: "leads", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("job_id", references: "job") { $0.jobID.rawValue }, .optionalText("assignee_id", references: "staff_user") { $0.assigneeID?.rawValue },
            .instant("submitted_at") { $0.submittedAt },
        ],
        // The back office: the account's leads, newest first.
        indexes: [["account_id", "submitted_at"]])
}

extension LoginToken: StoredRecord {
    /// Table `login_token`, dump key `loginTokens`; the token hash is unique; indexed by expiry for the sweep.
    public static let storage = RecordStorage<LoginToken>(
        table: "login_token", dump: "loginTokens", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("token_hash") { $0.tokenHash }, .optionalInstant("used_at") { $0.usedAt }, .instant("expires_at") { $0.expiresAt },
        ],
        unique: [["token_hash"]], indexes: [["expires_at"]])
}

extension Session: StoredRecord {
    /// Table `session`, dump key `sessions`; found by id (the cookie's hash); indexed by absolute expiry for the sweep.
    public static let storage = RecordStorage<Session>(
        table: "session", dump: "sessions", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.instant("absolute_expiry") { $0.absoluteExpiry }],
        indexes: [["absolute_expiry"]])
}

extension OutboxMessage: StoredRecord {
    /// Table `outbox_message`, dump key `outbox`; indexed for the worker's queue (status, next attempt), for a record's
    /// messages and for the back office's list of failures.
    public static let storage = RecordStorage<OutboxMessage>(
        table: "outbox_message", dump: "outbox", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("status") { $0.status.rawValue }, .instant("next_attempt_at") { $0.nextAttemptAt }, .instant("created_at") { $0.createdAt },
            .optionalText("about_key") { $0.about?.storageKey },
        ],
        // The worker's queue; a record's emails; the back office's list of failures.
        indexes: [["status", "next_attempt_at"], ["account_id", "about_key"], ["account_id", "status", "created_at"]])
}

extension AuditEvent: StoredRecord {
    /// Table `audit_event`, dump key `auditEvents`; indexed for a record's timeline and the account's latest events.
    public static let storage = RecordStorage<AuditEvent>(
        table: "audit_event", dump: "auditEvents", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.optionalText("about_key") { $0.about?.storageKey }, .instant("occurred_at") { $0.occurredAt }],
        // A record's timeline, and the account's latest events.
        indexes: [["account_id", "about_key", "occurred_at"], ["account_id", "occurred_at"]])
}

extension ProposalLink: StoredRecord {
    /// Table `proposal_link`, dump key `proposalLinks`; the token hash is unique.
    public static let storage = RecordStorage<ProposalLink>(
        table: "proposal_link", dump: "proposalLinks", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.text("proposal_id", references: "proposal") { $0.proposalID.rawValue }, .text("token_hash") { $0.tokenHash }],
        unique: [["token_hash"]])
}

extension APIToken: StoredRecord {
    /// Table `api_token`, dump key `apiTokens`; the token hash is unique; listed by creation time.
    public static let storage = RecordStorage<APIToken>(
        table: "api_token", dump: "apiTokens", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.text("token_hash") { $0.tokenHash }, .instant("created_at") { $0.createdAt }],
        unique: [["token_hash"]], indexes: [["account_id", "created_at"]])
}

extension Counter: StoredRecord {
    /// Table `counter`, keyed by its hashed key, not scoped to an account and not in the dump (security state that ends
    /// within minutes); indexed by expiry for the sweep.
    public static let storage = RecordStorage<Counter>(
        table: "counter", dump: nil, id: { $0.key }, account: nil,
        columns: [.instant("expires_at") { $0.expiresAt }],
        indexes: [["expires_at"]])
}

extension VisitSeries: StoredRecord {
    /// Table `visit_series`, dump key `visitSeries`; found by job.
    public static let storage = RecordStorage<VisitSeries>(
        table: "visit_series", dump: "visitSeries", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("job_id", references: "job") { $0.jobID.rawValue }, .text("customer_id", references: "customer") { $0.customerID.rawValue },
        ],
        indexes: [["account_id", "job_id"]])
}

extension Visit: StoredRecord {
    /// Table `visit`, dump key `visits`; found by customer and date (the portal's schedule and calendar feed), by date
    /// (the back office's day, the reminders), by series and by job. The date is `YYYY-MM-DD` text, which sorts as
    /// the calendar does.
    public static let storage = RecordStorage<Visit>(
        table: "visit", dump: "visits", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("job_id", references: "job") { $0.jobID.rawValue }, .text("customer_id", references: "customer") { $0.customerID.rawValue },
            .optionalText("series_id", references: "visit_series") { $0.seriesID?.rawValue }, .text("visit_date") { $0.date.description },
            .text("status") { $0.status.rawValue },
        ],
        indexes: [["account_id", "customer_id", "visit_date"], ["account_id", "visit_date"], ["account_id", "series_id"], ["account_id", "job_id"]])
}

extension CalendarFeed: StoredRecord {
    /// Table `calendar_feed`, dump key `calendarFeeds`; found by its token's hash alone (the URL names no account).
    public static let storage = RecordStorage<CalendarFeed>(
        table: "calendar_feed", dump: "calendarFeeds", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.text("customer_id", references: "customer") { $0.customerID.rawValue }, .text("token_hash") { $0.tokenHash }],
        unique: [["token_hash"]])
}

extension PaymentMethod: StoredRecord {
    /// Table `payment_method`, dump key `paymentMethods`; found by customer (their payment methods page, the pay page,
    /// autopay).
    public static let storage = RecordStorage<PaymentMethod>(
        table: "payment_method", dump: "paymentMethods", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("customer_id", references: "customer") { $0.customerID.rawValue }, .optionalInstant("removed_at") { $0.removedAt },
        ],
        indexes: [["account_id", "customer_id"]])
}

extension Autopay: StoredRecord {
    /// Table `autopay`, dump key `autopays`; one per customer (its id is the customer's), found by whether it is on
    /// (the autopay run).
    public static let storage = RecordStorage<Autopay>(
        table: "autopay", dump: "autopays", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [.text("customer_id", references: "customer") { $0.customerID.rawValue }, .bool("enabled") { $0.enabled }],
        indexes: [["account_id", "enabled"]])
}

extension Tip: StoredRecord {
    /// Table `tip`, dump key `tips`; found by when it was paid (the back office's tip report, SPEC F14).
    public static let storage = RecordStorage<Tip>(
        table: "tip", dump: "tips", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("payment_id", references: "payment") { $0.paymentID.rawValue }, .optionalText("crew") { $0.crew },
            .instant("received_at") { $0.receivedAt },
        ],
        indexes: [["account_id", "received_at"]])
}

extension Refund: StoredRecord {
    /// Table `refund`, dump key `refunds`; found by payment (the invoice's page, the next refund's limit) and by its
    /// idempotency key, unique in the account (SPEC F15).
    public static let storage = RecordStorage<Refund>(
        table: "refund", dump: "refunds", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("payment_id", references: "payment") { $0.paymentID.rawValue }, .text("idempotency_key") { $0.idempotencyKey },
            .instant("refunded_at") { $0.refundedAt },
        ],
        unique: [["account_id", "idempotency_key"]],
        indexes: [["account_id", "payment_id"]])
}

extension AttachedFile: StoredRecord {
    /// Table `attached_file`, dump key `attachedFiles`; found by the record it is attached to (its page, the lead's photos,
    /// the portal's shared files; SPEC F17). Its bytes are in the file store, not here.
    public static let storage = RecordStorage<AttachedFile>(
        table: "attached_file", dump: "attachedFiles", id: { $0.id.rawValue }, account: { $0.accountID.rawValue },
        columns: [
            .text("owner") { $0.owner.storageKey }, .optionalText("customer_id", references: "customer") { $0.customerID?.rawValue },
            .instant("added_at") { $0.addedAt },
        ],
        indexes: [["account_id", "owner"]])
}
