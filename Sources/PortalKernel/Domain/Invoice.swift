import Foundation

/// A bill sent to a customer.
public struct Invoice: Hashable, Codable, Sendable {
    public typealias ID = Identifier<Invoice>

    /// The invoice's id, a random UUID string; portal and API URLs name the invoice by it.
    public var id: ID
    /// The company that issued the invoice.
    public var accountID: Account.ID
    /// The customer billed: only that customer's clients see it in the portal.
    public var customerID: Customer.ID
    /// The job the invoice bills for, one of the same customer's; `nil` for an invoice that belongs to no job.
    public var jobID: Job.ID?
    /// The number the company shows the client (`INV-1042`), unique in the account.
    public var number: String
    /// The date printed on the invoice, in the account's time zone: when it opens under the "invoice date" rule (SPEC
    /// I1) and what a paid invoice's retention counts from (SPEC I2, I3).
    public var invoiceDate: CalendarDate
    /// When payment is due, on or after the invoice date; `nil` when no due date was set.
    public var dueDate: CalendarDate?
    /// When it was first sent; `nil` while never sent.
    public var sentAt: Date?
    /// What is billed, in order: at least one line, none optional (invoices have no optional lines).
    public var lineItems: [LineItem]
    /// The tax rate applied to the subtotal, in basis points (825 = 8.25 %), 0 to 5,000 as the back office and API
    /// accept it; 0 for no tax.
    public var taxRateBasisPoints: Int
    /// The sum of the payments recorded against it, kept in the same transaction as each payment.
    public var amountPaid: Money
    /// Whether staff voided the invoice: a voided invoice never shows in the portal (SPEC I1), cannot be sent and takes
    /// no payment.
    public var voided: Bool
    /// When the invoice was created, by the portal's clock.
    public var createdAt: Date
    /// For the deposit invoice of an accepted proposal (SPEC F13): the proposal, the deposit and whole amounts, and
    /// which one it asks for; `nil` for any other invoice.
    public var deposit: InvoiceDeposit?

    /// Memberwise: the values as given (``Billing`` checks lines, dates and tax rate before it gets here). A new
    /// invoice is unsent, unpaid, not voided and no deposit unless told otherwise.
    public init(
        id: ID = .random(), accountID: Account.ID, customerID: Customer.ID, jobID: Job.ID? = nil, number: String,
        invoiceDate: CalendarDate, dueDate: CalendarDate? = nil, sentAt: Date? = nil, lineItems: [LineItem],
        taxRateBasisPoints: Int = 0, amountPaid: Money = .zero, voided: Bool = false, createdAt: Date,
        deposit: InvoiceDeposit? = nil
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
        self.deposit = deposit
    }

    /// Subtotal, tax and total; ``AmountOutOfRange`` for a record whose lines cannot be totalled (SPEC M2).
    public var totals: Totals {
        get throws(AmountOutOfRange) { try Totals(items: lineItems, taxRateBasisPoints: taxRateBasisPoints) }
    }

    /// The amount the invoice is for: subtotal plus tax, in minor units of the account's currency; ``AmountOutOfRange``
    /// for a record whose lines cannot be totalled (SPEC M2).
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
