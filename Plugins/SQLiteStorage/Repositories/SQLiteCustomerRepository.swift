import GRDB
import PortalKernel

/// Customers, with their contact emails mirrored into `customerEmail` for the login look-up.
struct SQLiteCustomerRepository: CustomerRepository {
    let access: SQLiteAccess

    func insert(_ customer: Customer) async throws {
        try await access.write { db in
            try customer.insert(db)
            try Self.saveEmails(of: customer, db)
        }
    }

    func update(_ customer: Customer) async throws {
        try await access.write { db in
            try customer.updateScoped(db)
            try Self.saveEmails(of: customer, db)
        }
    }

    func find(_ id: Customer.ID, in account: Account.ID) async throws -> Customer? {
        try await access.find(Customer.self, id: id.rawValue, in: account)
    }

    func find(email: String, in account: Account.ID) async throws -> [Customer] {
        let email = EmailAddress.normalized(email)
        return try await access.read { db in
            try Customer.fetchAll(
                db,
                sql: """
                    SELECT customer.* FROM customer
                    JOIN customerEmail ON customerEmail.customerID = customer.id
                    WHERE customerEmail.accountID = ? AND customerEmail.email = ?
                    ORDER BY customer.displayName, customer.id
                    """,
                arguments: [account.rawValue, email])
        }
    }

    func all(in account: Account.ID) async throws -> [Customer] {
        try await access.fetchAll({ $0.order(Column("displayName"), Column("id")) }, in: account)
    }

    private static func saveEmails(of customer: Customer, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM customerEmail WHERE customerID = ?", arguments: [customer.id.rawValue])
        for email in Set(customer.emails) {
            try db.execute(
                sql: "INSERT INTO customerEmail (accountID, email, customerID) VALUES (?, ?, ?)",
                arguments: [customer.accountID.rawValue, email, customer.id.rawValue])
        }
    }
}
