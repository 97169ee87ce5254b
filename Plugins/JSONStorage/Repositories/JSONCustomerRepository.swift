import PortalKernel

struct JSONCustomerRepository: CustomerRepository {
    let access: JSONAccess

    func insert(_ customer: Customer) async throws {
        try await access.write { state in
            try state.requireAccount(customer.accountID)
            try state.insert(customer, id: customer.id.rawValue, into: \.customers, table: "customer")
        }
    }

    func update(_ customer: Customer) async throws {
        try await access.write { state in
            try state.update(customer, id: customer.id.rawValue, in: customer.accountID, into: \.customers, table: "customer") { $0.accountID }
        }
    }

    func find(_ id: Customer.ID, in account: Account.ID) async throws -> Customer? {
        try access.read { $0.row(\.customers, id.rawValue, in: account) }
    }

    func find(email: String, in account: Account.ID) async throws -> [Customer] {
        let email = EmailAddress.normalized(email)
        return try access.read { state in
            Self.sorted(state.indexed(\.customers, by: \.customersByEmail, key: JSONIndexes.emailKey(email, in: account)))
        }
    }

    func all(in account: Account.ID) async throws -> [Customer] {
        try access.read { state in Self.sorted(state.customers.values.filter { $0.accountID == account }) }
    }

    private static func sorted(_ customers: [Customer]) -> [Customer] {
        customers.sorted { ($0.displayName, $0.id) < ($1.displayName, $1.id) }
    }
}
