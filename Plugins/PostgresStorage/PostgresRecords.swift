import Foundation
import PortalKernel
import PostgresNIO

// Each table keeps the whole record as `record jsonb`, in the same JSON as `portal export`, and beside it the
// columns that queries filter and sort on and that constraints check (ids, account, references, unique keys,
// status, instants). The columns are derived from the record at every write, in `columns` below, so they
// cannot drift from it; reads decode `record` alone.

/// A column value kept beside the record.
enum ColumnValue: Sendable {
    case text(String?)
    case integer(Int?)
    case bool(Bool)
    case instant(Date?)
}

/// A kernel record as a row of one PostgreSQL table.
protocol PostgresRecord: Codable, Sendable {
    static var table: String { get }
    /// Whether the table has `account_id` and every look-up is scoped by it (all but accounts and counters).
    static var isAccountScoped: Bool { get }
    var rowID: String { get }
    /// The columns besides `id` and `record`, `account_id` first where there is one.
    var columns: [(String, ColumnValue)] { get }
}

extension PostgresRecord {
    static var isAccountScoped: Bool { true }
}

extension PostgresBindings {
    mutating func append(_ value: ColumnValue) {
        switch value {
        case .text(let text): append(text)
        case .integer(let number): append(number)
        case .bool(let flag): append(flag)
        // Kept to the millisecond, like the record's JSON, so a column and its record never disagree.
        case .instant(let date): append(date?.storedPrecision)
        }
    }
}

extension Account: PostgresRecord {
    static let table = "account"
    static let isAccountScoped = false
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] { [("portal_key", .text(portalKey)), ("created_at", .instant(createdAt))] }
}

extension StaffUser: PostgresRecord {
    static let table = "staff_user"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [("account_id", .text(accountID.rawValue)), ("email", .text(email)), ("name", .text(name))]
    }
}

extension Customer: PostgresRecord {
    static let table = "customer"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] { [("account_id", .text(accountID.rawValue)), ("display_name", .text(displayName))] }
}

extension Job: PostgresRecord {
    static let table = "job"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [("account_id", .text(accountID.rawValue)), ("customer_id", .text(customerID?.rawValue)), ("created_at", .instant(createdAt))]
    }
}

extension Proposal: PostgresRecord {
    static let table = "proposal"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [
            ("account_id", .text(accountID.rawValue)), ("job_id", .text(jobID.rawValue)), ("customer_id", .text(customerID.rawValue)),
            ("status", .text(status.rawValue)), ("version", .integer(version)),
        ]
    }
}

extension Invoice: PostgresRecord {
    static let table = "invoice"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [
            ("account_id", .text(accountID.rawValue)), ("customer_id", .text(customerID.rawValue)), ("job_id", .text(jobID?.rawValue)),
            ("number", .text(number)), ("voided", .bool(voided)),
        ]
    }
}

extension Payment: PostgresRecord {
    static let table = "payment"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [
            ("account_id", .text(accountID.rawValue)), ("invoice_id", .text(invoiceID.rawValue)),
            ("idempotency_key", .text(idempotencyKey)), ("received_at", .instant(receivedAt)),
        ]
    }
}

extension Lead: PostgresRecord {
    static let table = "lead"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [
            ("account_id", .text(accountID.rawValue)), ("job_id", .text(jobID.rawValue)), ("assignee_id", .text(assigneeID?.rawValue)),
            ("submitted_at", .instant(submittedAt)),
        ]
    }
}

extension LoginToken: PostgresRecord {
    static let table = "login_token"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [
            ("account_id", .text(accountID.rawValue)), ("token_hash", .text(tokenHash)), ("used_at", .instant(usedAt)),
            ("expires_at", .instant(expiresAt)),
        ]
    }
}

extension Session: PostgresRecord {
    static let table = "session"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] { [("account_id", .text(accountID.rawValue)), ("absolute_expiry", .instant(absoluteExpiry))] }
}

extension OutboxMessage: PostgresRecord {
    static let table = "outbox_message"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [
            ("account_id", .text(accountID.rawValue)), ("status", .text(status.rawValue)), ("next_attempt_at", .instant(nextAttemptAt)),
            ("created_at", .instant(createdAt)), ("about_key", .text(about.map(\.storageKey))),
        ]
    }
}

extension AuditEvent: PostgresRecord {
    static let table = "audit_event"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [("account_id", .text(accountID.rawValue)), ("about_key", .text(about.map(\.storageKey))), ("occurred_at", .instant(occurredAt))]
    }
}

extension ProposalLink: PostgresRecord {
    static let table = "proposal_link"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [("account_id", .text(accountID.rawValue)), ("proposal_id", .text(proposalID.rawValue)), ("token_hash", .text(tokenHash))]
    }
}

extension APIToken: PostgresRecord {
    static let table = "api_token"
    var rowID: String { id.rawValue }
    var columns: [(String, ColumnValue)] {
        [("account_id", .text(accountID.rawValue)), ("token_hash", .text(tokenHash)), ("created_at", .instant(createdAt))]
    }
}

extension Counter: PostgresRecord {
    static let table = "counter"
    static let isAccountScoped = false
    var rowID: String { key }
    var columns: [(String, ColumnValue)] { [("expires_at", .instant(expiresAt))] }
}

extension RecordReference {
    /// `invoice:inv_123`: one column to find every message or event about a record.
    var storageKey: String { "\(kind.rawValue):\(id)" }
}

extension Date {
    /// The instant to the millisecond, as every backend keeps it, so a column, its record and a bound instant agree.
    var storedPrecision: Date { StorageJSON.parse(StorageJSON.format(self)) ?? self }
}
