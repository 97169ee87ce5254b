import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601. Field names match Docs/openapi.json.

/// `Invoice`: a bill to a customer.
struct APIInvoice: Codable, Sendable {
    /// The invoice's id, an opaque string.
    let id: String
    /// The customer billed.
    let customerId: String
    /// The job the invoice is for; `nil` when it is for no particular job.
    let jobId: String?
    /// The number the customer sees, such as `INV-1042`, unique in the account.
    let number: String
    /// The invoice's date, `YYYY-MM-DD` in the account's time zone.
    let invoiceDate: CalendarDate
    /// The date payment is due, `YYYY-MM-DD`; `nil` when no due date was set.
    let dueDate: CalendarDate?
    /// When the invoice was first emailed, an instant, ISO 8601 in UTC; `nil` while it was never sent.
    let sentAt: Date?
    /// The invoice's lines, in order; none optional.
    let lines: [APILine]
    /// The tax rate in basis points, applied to the subtotal: 825 is 8.25 %.
    let taxRateBasisPoints: Int
    /// The lines' amounts plus tax (rounded half away from zero), in minor units (SPEC M1).
    let total: Int
    /// The sum of the payments recorded against the invoice, in minor units (SPEC M1).
    let amountPaid: Int
    /// What is still owed, `total` minus `amountPaid`, never below 0; in minor units (SPEC M1).
    let balance: Int
    /// Whether the invoice was voided: it then leaves the portal for good (SPEC I1) and takes no payments.
    let voided: Bool

    /// The API's view of `invoice`; ``AmountOutOfRange`` when a line, the total or the balance is too large (SPEC M2).
    init(_ invoice: Invoice) throws(AmountOutOfRange) {
        (id, customerId, jobId, number) = (invoice.id.rawValue, invoice.customerID.rawValue, invoice.jobID?.rawValue, invoice.number)
        (invoiceDate, dueDate, sentAt) = (invoice.invoiceDate, invoice.dueDate, invoice.sentAt)
        (lines, taxRateBasisPoints) = (try invoice.lineItems.map(APILine.init), invoice.taxRateBasisPoints)
        (total, amountPaid, balance, voided) = (try invoice.total.cents, invoice.amountPaid.cents, try invoice.balance.cents, invoice.voided)
    }
}

/// `NewInvoice`: an invoice to create, unsent.
struct APINewInvoice: Decodable, Sendable {
    /// The customer to bill (404 when not the account's).
    let customerId: String
    /// The job the invoice is for, one of this customer's (422 otherwise); `nil` (absent or `null`) for none.
    let jobId: String?
    /// The number the customer sees, 1 to 40 characters once trimmed, unique in the account (409 when taken); `nil`
    /// takes the next free `INV-1001`, `INV-1002`, ….
    let number: String?
    /// The invoice's date, `YYYY-MM-DD`; `nil` (absent or `null`) for today in the account's time zone.
    let invoiceDate: CalendarDate?
    /// The date payment is due, `YYYY-MM-DD`, not before the invoice date (422); `nil` (absent or `null`) for none.
    let dueDate: CalendarDate?
    /// The invoice's lines, 1 to 500; none of them optional.
    let lines: [LineInput]
    /// The tax rate in basis points (825 is 8.25 %), 0 to 5000; `nil` (absent or `null`) means 0.
    let taxRateBasisPoints: Int?
}

/// `Payment`: a payment recorded against an invoice.
struct APIPayment: Codable, Sendable {
    /// The payment's id, an opaque string.
    let id: String
    /// The invoice paid.
    let invoiceId: String
    /// What the payment took off the invoice's balance, in minor units (SPEC M1).
    let amount: Int
    /// The card service fee charged on top of `amount` in the portal, outside the invoice; 0 for payments staff record.
    /// In minor units (SPEC M1).
    let serviceFee: Int
    /// How the money was received: `card`, `bank`, `check`, `cash` or `other`.
    let method: Payment.Method
    /// Who recorded it: `portal` (the client paid in the portal) or `staff`.
    let source: Payment.Source
    /// When the payment was recorded, an instant, ISO 8601 in UTC.
    let receivedAt: Date

    /// The API's view of `payment`.
    init(_ payment: Payment) {
        (id, invoiceId, amount, serviceFee) = (payment.id.rawValue, payment.invoiceID.rawValue, payment.amount.cents, payment.serviceFee.cents)
        (method, source, receivedAt) = (payment.method, payment.source, payment.receivedAt)
    }
}

/// `NewPayment`: a payment received outside the portal; the request carries an `Idempotency-Key` header.
struct APINewPayment: Decodable, Sendable {
    /// What the payment takes off the balance: above 0, at most the balance (422 when more); minor units (SPEC M1).
    let amount: Int
    /// How the money was received.
    let method: Payment.Method
}
