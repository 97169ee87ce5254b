import GRDB

/// The schema, one migration per version. Never edit a shipped migration: add the next one.
///
/// Columns are named after the kernel types' properties, so records are plain `Codable` structs. Nested values
/// (settings, line items, addresses) are JSON text. Each portal query has an index behind it.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, customers, jobs, proposals, invoices, leads, auth, outbox") { db in
            try createAccounts(db)
            try createWork(db)
            try createMoney(db)
            try createAuthAndOutbox(db)
        }
        migrator.registerMigration("v2: the back office's list of failed emails") { db in
            try db.create(index: "outbox_failures", on: "outboxMessage", columns: ["accountID", "status", "createdAt"])
        }
        migrator.registerMigration("v3: references stay inside their account") { db in
            try createSameAccountTriggers(db, references: accountReferences)
        }
        migrator.registerMigration("v4: audit trail, proposal links, card payments") { db in
            try createAuditAndLinks(db)
            try db.alter(table: "payment") { t in
                t.add(column: "serviceFee", .integer).notNull().defaults(to: 0)
                t.add(column: "card", .jsonText)
            }
            try createSameAccountTriggers(db, references: [("proposalLink", "proposalID", "proposal")])
        }
        migrator.registerMigration("v5: API tokens, staff by email") { db in
            try db.create(table: "apiToken") { t in
                t.primaryKey("id", .text)
                t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
                t.column("name", .text).notNull()
                // The unique constraint is the index behind "token by hash".
                t.column("tokenHash", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
            try db.create(index: "apiToken_byAccount", on: "apiToken", columns: ["accountID", "createdAt"])
            // The back-office login finds staff by email across accounts.
            try db.create(index: "staffUser_byEmail", on: "staffUser", columns: ["email"])
        }
        migrator.registerMigration("v6: accounts' own email templates") { db in
            try db.alter(table: "account") { t in t.add(column: "emailTemplates", .jsonText).notNull().defaults(to: "[]") }
        }
        migrator.registerMigration("v7: the outbox carries webhooks as well as email") { db in
            try rebuildOutboxForWebhooks(db)
        }
        migrator.registerMigration("v8: rate limits, login lockouts and payment claims") { db in
            try db.create(table: "counter") { t in
                t.primaryKey("key", .text)
                t.column("count", .integer).notNull()
                t.column("windowStart", .datetime).notNull()
                t.column("lastAt", .datetime).notNull()
                t.column("lockedUntil", .datetime)
                t.column("expiresAt", .datetime).notNull().indexed()
            }
        }
        return migrator
    }

    /// Each reference from one account-owned record to another (table, column, referenced table).
    static let accountReferences = [
        ("job", "customerID", "customer"),
        ("proposal", "jobID", "job"), ("proposal", "customerID", "customer"),
        ("invoice", "customerID", "customer"), ("invoice", "jobID", "job"),
        ("payment", "invoiceID", "invoice"),
        ("lead", "jobID", "job"), ("lead", "assigneeID", "staffUser"),
    ]

    /// Foreign keys check that a referenced row exists; these triggers check it belongs to the same account, so
    /// no record can be pointed at another company's. (A missing row is left to the foreign key: `<>` is NULL then.)
    private static func createSameAccountTriggers(_ db: Database, references: [(String, String, String)]) throws {
        for (table, column, parent) in references {
            for (event, when) in [("INSERT", "INSERT"), ("UPDATE", "UPDATE OF \"\(column)\", \"accountID\"")] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER "\(table)_\(column)_same_account_\(event.lowercased())" BEFORE \(when) ON "\(table)"
                        WHEN NEW."\(column)" IS NOT NULL
                            AND (SELECT "accountID" FROM "\(parent)" WHERE "id" = NEW."\(column)") <> NEW."accountID"
                        BEGIN
                            SELECT RAISE(ABORT, '\(table).\(column) refers to a \(parent) of another account');
                        END
                        """)
            }
        }
    }

    private static func createAccounts(_ db: Database) throws {
        try db.create(table: "account") { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull()
            t.column("portalKey", .text).notNull().unique()
            t.column("timeZoneIdentifier", .text).notNull()
            t.column("currencyCode", .text).notNull()
            t.column("settings", .jsonText).notNull()
            t.column("branding", .jsonText).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "staffUser") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("email", .text).notNull()
            t.column("passwordHash", .text).notNull()
            t.column("role", .text).notNull()
            t.uniqueKey(["accountID", "email"])
        }
        try db.create(table: "customer") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("displayName", .text).notNull()
            t.column("emails", .jsonText).notNull()
            t.column("phone", .text)
            t.column("billingAddress", .jsonText)
            t.column("serviceAddresses", .jsonText).notNull()
        }
        // One row per contact email, so "which customers is this email?" (portal login) is an index look-up.
        try db.create(table: "customerEmail") { t in
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("email", .text).notNull()
            t.column("customerID", .text).notNull().references("customer", onDelete: .cascade)
            t.primaryKey(["customerID", "email"])
        }
        try db.create(index: "customerEmail_byAccountEmail", on: "customerEmail", columns: ["accountID", "email"])
    }

    private static func createWork(_ db: Database) throws {
        try db.create(table: "job") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("customerID", .text).references("customer").indexed()
            t.column("title", .text).notNull()
            t.column("serviceAddress", .jsonText)
            t.column("createdStage", .text).notNull()
            t.column("stage", .text).notNull()
            t.column("workDate", .text)
            t.column("completedDate", .text)
            t.column("portalLead", .boolean).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "proposal") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("jobID", .text).notNull().references("job").indexed()
            t.column("customerID", .text).notNull().references("customer")
            t.column("version", .integer).notNull()
            t.column("title", .text).notNull()
            t.column("lineItems", .jsonText).notNull()
            t.column("taxRateBasisPoints", .integer).notNull()
            t.column("status", .text).notNull()
            t.column("sentAt", .datetime)
            t.column("expiresOn", .text)
            t.column("acceptance", .jsonText)
            t.column("declineReason", .text)
            t.column("createdAt", .datetime).notNull()
        }
        // Portal home: a customer's proposals that are not drafts.
        try db.create(
            index: "proposal_portal", on: "proposal", columns: ["accountID", "customerID", "status"])
        try db.create(table: "lead") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("jobID", .text).notNull().references("job").indexed()
            t.column("portalLead", .boolean).notNull()
            t.column("name", .text).notNull()
            t.column("email", .text).notNull()
            t.column("phone", .text)
            t.column("serviceAddress", .text).notNull()
            t.column("servicesWanted", .jsonText).notNull()
            t.column("description", .text).notNull()
            t.column("preferredDate", .text)
            t.column("assigneeID", .text).references("staffUser")
            t.column("tags", .jsonText).notNull()
            t.column("submittedAt", .datetime).notNull()
        }
        // Back office: the account's leads, newest first.
        try db.create(index: "lead_byAccount", on: "lead", columns: ["accountID", "submittedAt"])
    }

    private static func createMoney(_ db: Database) throws {
        try db.create(table: "invoice") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("customerID", .text).notNull().references("customer")
            t.column("jobID", .text).references("job")
            t.column("number", .text).notNull()
            t.column("invoiceDate", .text).notNull()
            t.column("dueDate", .text)
            t.column("sentAt", .datetime)
            t.column("lineItems", .jsonText).notNull()
            t.column("taxRateBasisPoints", .integer).notNull()
            t.column("amountPaid", .integer).notNull()
            t.column("voided", .boolean).notNull()
            t.column("createdAt", .datetime).notNull()
            t.uniqueKey(["accountID", "number"])
        }
        // Portal home: a customer's invoices that are not voided.
        try db.create(index: "invoice_portal", on: "invoice", columns: ["accountID", "customerID", "voided"])
        try db.create(table: "payment") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("invoiceID", .text).notNull().references("invoice")
            t.column("amount", .integer).notNull()
            t.column("method", .text).notNull()
            t.column("source", .text).notNull()
            t.column("gatewayReference", .text)
            t.column("idempotencyKey", .text)
            t.column("receivedAt", .datetime).notNull()
            t.uniqueKey(["accountID", "idempotencyKey"])
        }
        try db.create(index: "payment_byInvoice", on: "payment", columns: ["accountID", "invoiceID"])
    }

    private static func createAuthAndOutbox(_ db: Database) throws {
        try db.create(table: "loginToken") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            // The unique constraint is the index behind "token by hash".
            t.column("tokenHash", .text).notNull().unique()
            t.column("email", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull().indexed()
            t.column("usedAt", .datetime)
        }
        try db.create(table: "session") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("principal", .jsonText).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
            t.column("absoluteExpiry", .datetime).notNull().indexed()
        }
        try db.create(table: "outboxMessage") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("email", .jsonText).notNull()
            t.column("about", .jsonText)
            t.column("aboutKey", .text).generatedAs(sql: "json_extract(about, '$.kind') || ':' || json_extract(about, '$.id')")
            t.column("status", .text).notNull()
            t.column("attempts", .integer).notNull()
            t.column("nextAttemptAt", .datetime).notNull()
            t.column("lastError", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("deliveredAt", .datetime)
        }
        try db.create(index: "outbox_due", on: "outboxMessage", columns: ["status", "nextAttemptAt"])
        try db.create(index: "outbox_about", on: "outboxMessage", columns: ["accountID", "aboutKey"])
    }

    private static func createAuditAndLinks(_ db: Database) throws {
        try db.create(table: "auditEvent") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("action", .text).notNull()
            t.column("about", .jsonText)
            t.column("aboutKey", .text).generatedAs(sql: "json_extract(about, '$.kind') || ':' || json_extract(about, '$.id')")
            t.column("customerID", .text)
            t.column("actorEmail", .text)
            t.column("ipAddress", .text)
            t.column("userAgent", .text)
            t.column("detail", .text)
            t.column("occurredAt", .datetime).notNull()
        }
        // A record's timeline, and the account's latest events.
        try db.create(index: "auditEvent_about", on: "auditEvent", columns: ["accountID", "aboutKey", "occurredAt"])
        try db.create(index: "auditEvent_recent", on: "auditEvent", columns: ["accountID", "occurredAt"])
        try db.create(table: "proposalLink") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("proposalID", .text).notNull().references("proposal").indexed()
            // The unique constraint is the index behind "link by hash".
            t.column("tokenHash", .text).notNull().unique()
            t.column("createdAt", .datetime).notNull()
        }
    }

    /// SQLite cannot drop a NOT NULL: the outbox table is rebuilt with `email` optional and a `webhook` column,
    /// its rows copied, and its indexes made again.
    private static func rebuildOutboxForWebhooks(_ db: Database) throws {
        try db.create(table: "outboxMessage_v7") { t in
            t.primaryKey("id", .text)
            t.column("accountID", .text).notNull().references("account", onDelete: .cascade)
            t.column("email", .jsonText)
            t.column("webhook", .jsonText)
            t.column("about", .jsonText)
            t.column("aboutKey", .text).generatedAs(sql: "json_extract(about, '$.kind') || ':' || json_extract(about, '$.id')")
            t.column("status", .text).notNull()
            t.column("attempts", .integer).notNull()
            t.column("nextAttemptAt", .datetime).notNull()
            t.column("lastError", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("deliveredAt", .datetime)
            t.check(sql: "(email IS NULL) <> (webhook IS NULL)")
        }
        try db.execute(
            sql: """
                INSERT INTO outboxMessage_v7 (id, accountID, email, webhook, about, status, attempts, nextAttemptAt, lastError, createdAt, deliveredAt)
                SELECT id, accountID, email, NULL, about, status, attempts, nextAttemptAt, lastError, createdAt, deliveredAt FROM outboxMessage
                """)
        try db.drop(table: "outboxMessage")
        try db.rename(table: "outboxMessage_v7", to: "outboxMessage")
        try db.create(index: "outbox_due", on: "outboxMessage", columns: ["status", "nextAttemptAt"])
        try db.create(index: "outbox_about", on: "outboxMessage", columns: ["accountID", "aboutKey"])
        try db.create(index: "outbox_failures", on: "outboxMessage", columns: ["accountID", "status", "createdAt"])
    }
}
