import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601. Field names match Docs/openapi.json.

/// `Customer`: a customer of the company, the person or business it works for and bills.
struct APICustomer: Codable, Sendable {
    /// The customer's id, an opaque string.
    let id: String
    /// The name the company and the customer see.
    let displayName: String
    /// The customer's email addresses, lower case, each once; every message to the customer goes to all of them.
    let emails: [String]
    /// A phone number as typed; `nil` when none was given.
    let phone: String?
    /// Where invoices are addressed; `nil` when none was given.
    let billingAddress: Address?
    /// Where the work is done; empty when none was given.
    let serviceAddresses: [Address]

    /// The API's view of `customer`.
    init(_ customer: Customer) {
        (id, displayName, emails, phone) = (customer.id.rawValue, customer.displayName, customer.emails, customer.phone)
        (billingAddress, serviceAddresses) = (customer.billingAddress, customer.serviceAddresses)
    }
}

/// `NewCustomer`: a customer to create, checked by ``CustomerManagement`` (422 for what it refuses).
struct APINewCustomer: Decodable, Sendable {
    /// The customer's name; not blank, at most 200 characters once trimmed.
    let displayName: String
    /// One to 10 email addresses (SPEC M4), saved in lower case, a repeat once.
    let emails: [String]
    /// A phone number, saved as given; `nil` (absent or `null`) for none.
    let phone: String?
    /// Where invoices are addressed; `nil` (absent or `null`) for none.
    let billingAddress: Address?
    /// Where the work is done; `nil` (absent or `null`) for none.
    let serviceAddresses: [Address]?
}

/// What a customer's portal shows now (SPEC: `GET /api/v1/customers/{id}/portal`).
struct APIPortal: Codable, Sendable {
    /// The customer whose portal this is.
    let customerId: String
    /// The proposals the portal shows (SPEC P1–P4).
    let proposals: [APIProposal]
    /// The invoices the portal shows (SPEC I1–I3).
    let invoices: [APIInvoice]
    /// The visits the portal shows (SPEC V1): those to come, then those done lately, by date.
    let visits: [APIVisit]
}

/// `SavedCard`: a card a client keeps on file (SPEC F11), as the API shows it: never a number or a token.
struct APISavedCard: Codable, Sendable {
    /// The card's id, an opaque string.
    let id: String
    /// The card's brand (`Visa`).
    let brand: String
    /// The card number's last four digits.
    let last4: String
    /// The expiry month, 1 to 12.
    let expiryMonth: Int
    /// The expiry year, four digits.
    let expiryYear: Int
    /// Whether it is the one autopay and the pay page use.
    let isDefault: Bool
    /// When the client saved it.
    let savedAt: Date

    /// The API's view of `method`.
    init(_ method: PaymentMethod) {
        (id, brand, last4) = (method.id.rawValue, method.card.summary.brand, method.card.summary.last4)
        (expiryMonth, expiryYear, isDefault, savedAt) = (method.card.expiryMonth, method.card.expiryYear, method.isDefault, method.createdAt)
    }
}

/// `SavedCards`: a customer's cards on file, the default first.
struct APISavedCards: Codable, Sendable {
    /// The cards, the default first, then the newest.
    let data: [APISavedCard]
}

/// `Autopay`: a customer's autopay (SPEC F12), which only the client turns on.
struct APIAutopay: Codable, Sendable {
    /// The customer.
    let customerId: String
    /// Whether each open invoice is charged on its due date.
    let enabled: Bool
    /// The wording the client agreed to; `nil` when never turned on.
    let wording: String?
    /// When the client turned it on; `nil` when never.
    let consentedAt: Date?
    /// The email the client agreed with; `nil` when never turned on.
    let consentedBy: String?
    /// When the client turned it off; `nil` while on or never turned on.
    let disabledAt: Date?

    /// The API's view of `autopay` (`nil`: never turned on) of `customer`.
    init(_ autopay: Autopay?, customer: Customer.ID) {
        customerId = customer.rawValue
        enabled = autopay?.enabled ?? false
        (wording, consentedAt, consentedBy) = (autopay?.wording, autopay?.consentedAt, autopay?.consentedBy)
        disabledAt = autopay?.disabledAt
    }
}
