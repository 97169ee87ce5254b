import Foundation

/// A bill sent to a customer.
public struct Invoice: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Invoice>

    public var id: ID
    public var accountID: Account.ID
    public var customerID: Customer.ID
    public var jobID: Job.ID?
    /// The number the company shows the client (`INV-1042`), unique in the account.
    public var number: String
    public var invoiceDate: CalendarDate
    public var dueDate: CalendarDate?
    /// When it was first sent; `nil` while never sent.
    public var sentAt: Date?
    public var lineItems: [LineItem]
    public var taxRateBasisPoints: Int
    /// The sum of the payments recorded against it, kept in the same transaction as each payment.
    public var amountPaid: Money
    public var voided: Bool
    public var createdAt: Date

    public init(
        id: ID = .random(), accountID: Account.ID, customerID: Customer.ID, jobID: Job.ID? = nil, number: String,
        invoiceDate: CalendarDate, dueDate: CalendarDate? = nil, sentAt: Date? = nil, lineItems: [LineItem],
        taxRateBasisPoints: Int = 0, amountPaid: Money = .zero, voided: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.customerID = customerID
        self.jobID = jobID
        self.number = number
        self.invoiceDate = invoiceDate
        self.dueDate = dueDate
        self.sentAt = sentAt
        self.lineItems = lineItems
        self.taxRateBasisPoints = taxRateBasisPoints
        self.amountPaid = amountPaid
        self.voided = voided
        self.createdAt = createdAt
    }

    /// Subtotal, tax and total; ``AmountOutOfRange`` for a record whose lines cannot be totalled (SPEC M2).
    public var totals: Totals {
        get throws(AmountOutOfRange) { try Totals(items: lineItems, taxRateBasisPoints: taxRateBasisPoints) }
    }

    public var total: Money {
        get throws(AmountOutOfRange) { try totals.total }
    }

    /// What is still owed: never below zero.
    public var balance: Money {
        get throws(AmountOutOfRange) { max(.zero, try total.subtracting(amountPaid)) }
    }

    /// Fully paid: something was owed and nothing is left. A stored record that cannot be totalled (SPEC M2) is not
    /// paid: nothing can be said to be settled on it.
    public var isPaid: Bool {
        guard let total = try? total, let balance = try? balance else { return false }
        return total > .zero && balance == .zero
    }
}
