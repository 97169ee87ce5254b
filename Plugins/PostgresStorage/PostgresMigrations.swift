import PostgresNIO

/// The schema, one migration per version, recorded in `schema_migration`. Never edit a shipped migration: add
/// the next one.
///
/// Ids and names sort as bytes (`COLLATE "C"`), as in SQLite and the JSON store, whatever the database's locale.
/// References are composite (`account_id`, `…_id`), so a row can only point at a row of its own account. Each
/// portal query has an index behind it, as in SQLite.
enum PostgresMigrations {
    struct Migration {
        let version: Int
        let name: String
        let statements: [String]
    }

    /// Any number of instances may start at once: the first takes this advisory lock and migrates, the others
    /// wait for it and then find nothing left to do.
    static let lockKey: Int64 = 0x706F_7274_616C  // "portal"

    static let all: [Migration] = [
        Migration(version: 1, name: "accounts, customers, work, money, auth, outbox, audit, counters", statements: accounts + work + money + auth + outbox + counters)
    ]

    private static let accounts = [
        """
        CREATE TABLE account (
            id text COLLATE "C" PRIMARY KEY,
            portal_key text NOT NULL UNIQUE,
            created_at timestamptz NOT NULL,
            record jsonb NOT NULL)
        """,
        """
        CREATE TABLE staff_user (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            email text NOT NULL,
            name text COLLATE "C" NOT NULL,
            record jsonb NOT NULL,
            UNIQUE (account_id, id),
            UNIQUE (account_id, email))
        """,
        // The back-office login finds staff by email across accounts.
        "CREATE INDEX staff_user_by_email ON staff_user (email)",
        """
        CREATE TABLE customer (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            display_name text COLLATE "C" NOT NULL,
            record jsonb NOT NULL,
            UNIQUE (account_id, id))
        """,
        // One row per contact email, so "which customers is this email?" (portal login) is an index look-up.
        """
        CREATE TABLE customer_email (
            account_id text NOT NULL,
            email text NOT NULL,
            customer_id text COLLATE "C" NOT NULL,
            PRIMARY KEY (customer_id, email),
            FOREIGN KEY (account_id, customer_id) REFERENCES customer (account_id, id) ON DELETE CASCADE)
        """,
        "CREATE INDEX customer_email_by_account_email ON customer_email (account_id, email)",
    ]

    private static let work = [
        """
        CREATE TABLE job (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            customer_id text COLLATE "C",
            created_at timestamptz NOT NULL,
            record jsonb NOT NULL,
            UNIQUE (account_id, id),
            FOREIGN KEY (account_id, customer_id) REFERENCES customer (account_id, id))
        """,
        "CREATE INDEX job_by_customer ON job (account_id, customer_id)",
        """
        CREATE TABLE proposal (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            job_id text COLLATE "C" NOT NULL,
            customer_id text COLLATE "C" NOT NULL,
            status text NOT NULL,
            version integer NOT NULL,
            record jsonb NOT NULL,
            UNIQUE (account_id, id),
            FOREIGN KEY (account_id, job_id) REFERENCES job (account_id, id),
            FOREIGN KEY (account_id, customer_id) REFERENCES customer (account_id, id))
        """,
        // Portal home: a customer's proposals that are not drafts.
        "CREATE INDEX proposal_portal ON proposal (account_id, customer_id, status)",
        "CREATE INDEX proposal_by_job ON proposal (account_id, job_id)",
        """
        CREATE TABLE lead (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            job_id text COLLATE "C" NOT NULL,
            assignee_id text COLLATE "C",
            submitted_at timestamptz NOT NULL,
            record jsonb NOT NULL,
            FOREIGN KEY (account_id, job_id) REFERENCES job (account_id, id),
            FOREIGN KEY (account_id, assignee_id) REFERENCES staff_user (account_id, id))
        """,
        // Back office: the account's leads, newest first.
        "CREATE INDEX lead_by_account ON lead (account_id, submitted_at)",
    ]

    private static let money = [
        """
        CREATE TABLE invoice (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            customer_id text COLLATE "C" NOT NULL,
            job_id text COLLATE "C",
            number text NOT NULL,
            voided boolean NOT NULL,
            record jsonb NOT NULL,
            UNIQUE (account_id, id),
            UNIQUE (account_id, number),
            FOREIGN KEY (account_id, customer_id) REFERENCES customer (account_id, id),
            FOREIGN KEY (account_id, job_id) REFERENCES job (account_id, id))
        """,
        // Portal home: a customer's invoices that are not voided.
        "CREATE INDEX invoice_portal ON invoice (account_id, customer_id, voided)",
        """
        CREATE TABLE payment (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            invoice_id text COLLATE "C" NOT NULL,
            idempotency_key text,
            received_at timestamptz NOT NULL,
            record jsonb NOT NULL,
            UNIQUE (account_id, idempotency_key),
            FOREIGN KEY (account_id, invoice_id) REFERENCES invoice (account_id, id))
        """,
        "CREATE INDEX payment_by_invoice ON payment (account_id, invoice_id)",
    ]

    private static let auth = [
        """
        CREATE TABLE login_token (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            token_hash text NOT NULL UNIQUE,
            used_at timestamptz,
            expires_at timestamptz NOT NULL,
            record jsonb NOT NULL)
        """,
        "CREATE INDEX login_token_expiry ON login_token (expires_at)",
        """
        CREATE TABLE session (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            absolute_expiry timestamptz NOT NULL,
            record jsonb NOT NULL)
        """,
        "CREATE INDEX session_expiry ON session (absolute_expiry)",
        """
        CREATE TABLE proposal_link (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            proposal_id text COLLATE "C" NOT NULL,
            token_hash text NOT NULL UNIQUE,
            record jsonb NOT NULL,
            FOREIGN KEY (account_id, proposal_id) REFERENCES proposal (account_id, id))
        """,
        """
        CREATE TABLE api_token (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            token_hash text NOT NULL UNIQUE,
            created_at timestamptz NOT NULL,
            record jsonb NOT NULL)
        """,
        "CREATE INDEX api_token_by_account ON api_token (account_id, created_at)",
    ]

    private static let outbox = [
        """
        CREATE TABLE outbox_message (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            status text NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            created_at timestamptz NOT NULL,
            about_key text,
            record jsonb NOT NULL)
        """,
        // The worker's queue; a record's emails; the back office's list of failures.
        "CREATE INDEX outbox_due ON outbox_message (next_attempt_at) WHERE status IN ('queued', 'retrying')",
        "CREATE INDEX outbox_about ON outbox_message (account_id, about_key)",
        "CREATE INDEX outbox_failures ON outbox_message (account_id, status, created_at)",
        """
        CREATE TABLE audit_event (
            id text COLLATE "C" PRIMARY KEY,
            account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            about_key text,
            occurred_at timestamptz NOT NULL,
            record jsonb NOT NULL)
        """,
        // A record's timeline, and the account's latest events.
        "CREATE INDEX audit_event_about ON audit_event (account_id, about_key, occurred_at)",
        "CREATE INDEX audit_event_recent ON audit_event (account_id, occurred_at)",
    ]

    private static let counters = [
        """
        CREATE TABLE counter (
            id text COLLATE "C" PRIMARY KEY,
            expires_at timestamptz NOT NULL,
            record jsonb NOT NULL)
        """,
        "CREATE INDEX counter_expiry ON counter (expires_at)",
    ]
}
