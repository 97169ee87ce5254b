import Foundation

extension RecordRepository where Record == PaymentMethod {
    /// `customer`'s cards on file (SPEC F11): not removed, the default first, then the newest.
    public func onFile(of customer: Customer.ID, in account: Account.ID) async throws -> [PaymentMethod] {
        let methods = try await all(in: account, where: [.equal("customer_id", .text(customer.rawValue)), .equal("removed_at", .instant(nil))])
        return methods.sorted { ($0.isDefault ? 0 : 1, $1.createdAt, $0.id.rawValue) < ($1.isDefault ? 0 : 1, $0.createdAt, $1.id.rawValue) }
    }

    /// `customer`'s card `id` if it is on file; another customer's, or one removed, is `nil`, exactly like a missing
    /// one.
    public func onFile(_ id: PaymentMethod.ID, of customer: Customer.ID, in account: Account.ID) async throws -> PaymentMethod? {
        guard let method = try await find(id, in: account), method.customerID == customer, method.removedAt == nil else { return nil }
        return method
    }
}
