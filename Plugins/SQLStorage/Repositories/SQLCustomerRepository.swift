import PortalKernel

/// Customers; their contact emails are kept as rows of `customer_email` (the catalogue's list) for the login look-up.
struct SQLCustomerRepository: CustomerRepository, SQLRecordRepository {
    typealias Record = Customer
    let access: SQLAccess

    func find(email: String, in account: Account.ID) async throws -> [Customer] {
        try await access.records(
            Customer.self,
            """
            SELECT CAST(customer.record AS text) AS record FROM customer_email \
            JOIN customer ON customer.id = customer_email.customer_id \
            WHERE customer_email.account_id = \(bind: account.rawValue) AND customer_email.email = \(bind: EmailAddress.normalized(email)) \
            ORDER BY customer.display_name, customer.id
            """)
    }
}
