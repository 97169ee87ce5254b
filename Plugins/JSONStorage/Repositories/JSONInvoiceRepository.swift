import PortalKernel

struct JSONInvoiceRepository: InvoiceRepository {
    let access: JSONAccess

    func insert(_ invoice: Invoice) async throws {
        try await access.write { state in
            try Self.check(invoice, in: state)
            try state.insert(invoice, id: invoice.id.rawValue, into: \.invoices, table: "invoice")
        }
    }

    func update(_ invoice: Invoice) async throws {
        try await access.write { state in
            try Self.check(invoice, in: state)
            try state.update(invoice, id: invoice.id.rawValue, in: invoice.accountID, into: \.invoices, table: "invoice") { $0.accountID }
        }
    }

    func find(_ id: Invoice.ID, in account: Account.ID) async throws -> Invoice? {
        try access.read { $0.row(\.invoices, id.rawValue, in: account) }
    }

    func find(number: String, in account: Account.ID) async throws -> Invoice? {
        try access.read { state in state.invoices.values.first { $0.accountID == account && $0.number == number } }
    }

    func portalCandidates(for customer: Customer.ID, in account: Account.ID) async throws -> [Invoice] {
        try access.read { state in
            state.indexed(\.invoices, by: \.invoicesByCustomer, key: customer.rawValue)
                .filter { $0.accountID == account && !$0.voided }
                .sorted { $0.id < $1.id }
        }
    }

    private static func check(_ invoice: Invoice, in state: JSONState) throws {
        try state.requireAccount(invoice.accountID)
        try state.requireReference(invoice.customerID.rawValue, in: \.customers, name: "customer", account: invoice.accountID)
        try state.requireReference(invoice.jobID?.rawValue, in: \.jobs, name: "job", account: invoice.accountID)
        // The number is unique in the account; an update that keeps its number needs no search.
        guard state.invoices[invoice.id.rawValue]?.number != invoice.number else { return }
        try state.requireUnique(invoice.number, in: \.invoices, except: invoice.id.rawValue, name: "invoice.accountID, invoice.number") {
            $0.accountID == invoice.accountID ? $0.number : nil
        }
    }
}
