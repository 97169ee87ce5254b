import PortalKernel

struct JSONCustomerRepository: CustomerRepository, JSONRecordRepository {
    typealias Record = Customer
    let access: JSONAccess

    /// From the index of emails, by name (as bytes, like the SQL stores) and id.
    func find(email: String, in account: Account.ID) async throws -> [Customer] {
        let email = EmailAddress.normalized(email)
        let query = try RecordQuery<Customer>(in: account, orderedBy: [.ascending("display_name")])
        return try access.read { state in
            query.select(from: state.indexed(Customer.self, by: \.customersByEmail, key: JSONIndexes.emailKey(email, in: account)))
        }
    }
}
