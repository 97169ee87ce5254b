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
    /// For the deposit invoice of an accepted proposal (SPEC F13): which, and what it asks for; absent otherwise.
    let deposit: APIInvoiceDeposit?

    /// The API's view of `invoice`; ``AmountOutOfRange`` when a line, the total or the balance is too large (SPEC M2).
    init(_ invoice: Invoice) throws(AmountOutOfRange) {
        (id, customerId, jobId, number) = (invoice.id.rawValue, invoice.customerID.rawValue, invoice.jobID?.rawValue, invoice.number)
        (invoiceDate, dueDate, sentAt) = (invoice.invoiceDate, invoice.dueDate, invoice.sentAt)
        (lines, taxRateBasisPoints) = (try invoice.lineItems.map(APILine.init), invoice.taxRateBasisPoints)
        (total, amountPaid, balance, voided) = (try invoice.total.cents, invoice.amountPaid.cents, try invoice.balance.cents, invoice.voided)
        deposit = invoice.deposit.map(APIInvoiceDeposit.init)
    }
}

/// `InvoiceDeposit`: what makes an invoice the deposit of an accepted proposal (SPEC F13).
struct APIInvoiceDeposit: Codable, Sendable {
    /// The accepted proposal.
    let proposalId: String
    /// The deposit, in minor units (SPEC M1).
    let amount: Int
    /// The accepted total, in minor units (SPEC M1).
    let wholeAmount: Int
    /// Whether the client chose to pay the whole amount: the invoice then has the proposal's lines and tax.
    let paysWhole: Bool

    /// The API's view of `deposit`.
    init(_ deposit: InvoiceDeposit) {
        (proposalId, amount) = (deposit.proposalID.rawValue, deposit.amount.cents)
        (wholeAmount, paysWhole) = (deposit.wholeAmount.cents, deposit.paysWhole)
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
    /// A tip for the crew charged on top in the portal (SPEC F14), outside the invoice, in minor units; absent for none.
    let tip: Int?
    /// How the money was received: `card`, `bank`, `check`, `cash` or `other`.
    let method: Payment.Method
    /// Who recorded it: `portal` (the client paid in the portal) or `staff`.
    let source: Payment.Source
    /// When the payment was recorded, an instant, ISO 8601 in UTC.
    let receivedAt: Date
    /// What refunds gave back of the charge so far, every part together, in minor units (SPEC F15); absent for none.
    let refunded: Int?
    /// Its refunds, oldest first, when the payment is read on its own (`GET /payments/{id}`); absent otherwise.
    let refunds: [APIRefund]?

    /// The API's view of `payment`, with `refunds` when read on its own.
    init(_ payment: Payment, refunds: [Refund]? = nil) {
        (id, invoiceId, amount, serviceFee) = (payment.id.rawValue, payment.invoiceID.rawValue, payment.amount.cents, payment.serviceFee.cents)
        (tip, method, source, receivedAt) = (payment.tip?.cents, payment.method, payment.source, payment.receivedAt)
        (refunded, self.refunds) = (payment.refunded?.cents, refunds?.map(APIRefund.init))
    }
}

/// `NewPayment`: a payment received outside the portal; the request carries an `Idempotency-Key` header.
struct APINewPayment: Decodable, Sendable {
    /// What the payment takes off the balance: above 0, at most the balance (422 when more); minor units (SPEC M1).
    let amount: Int
    /// How the money was received.
    let method: Payment.Method
}
