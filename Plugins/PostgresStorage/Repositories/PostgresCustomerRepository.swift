import PortalKernel

/// Customers, with their contact emails mirrored into `customer_email` for the login look-up.
struct PostgresCustomerRepository: CustomerRepository {
    let access: PostgresAccess

    func insert(_ customer: Customer) async throws {
        try await access.inTransaction { access in
            try await access.insert(customer)
            try await Self.saveEmails(of: customer, access)
        }
    }

    func update(_ customer: Customer) async throws {
        try await access.inTransaction { access in
            try await access.update(customer)
            try await Self.saveEmails(of: customer, access)
        }
    }

    func find(_ id: Customer.ID, in account: Account.ID) async throws -> Customer? {
        try await access.find(Customer.self, id: id.rawValue, in: account)
    }

    func find(email: String, in account: Account.ID) async throws -> [Customer] {
        try await access.records(
            """
            SELECT customer.record::text FROM customer
            JOIN customer_email ON customer_email.customer_id = customer.id
            WHERE customer_email.account_id = \(account.rawValue) AND customer_email.email = \(EmailAddress.normalized(email))
            ORDER BY customer.display_name, customer.id
            """)
    }

    func all(in account: Account.ID) async throws -> [Customer] {
        try await access.all(Customer.self, where: "account_id = $1", [account.rawValue], orderBy: "display_name, id")
    }

    private static func saveEmails(of customer: Customer, _ access: PostgresAccess) async throws {
        try await access.run("DELETE FROM customer_email WHERE customer_id = \(customer.id.rawValue)")
        for email in Set(customer.emails) {
            try await access.run(
                """
                INSERT INTO customer_email (account_id, email, customer_id)
                VALUES (\(customer.accountID.rawValue), \(email), \(customer.id.rawValue))
                """)
        }
    }
}
