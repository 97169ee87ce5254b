import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601.
// Field names match Docs/openapi.json.

/// A list page: the records and the offset of the next page (`null` on the last).
struct APIPage<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The records of this page, at most `limit`.
    let data: [Item]
    /// The `offset` of the next page; `nil` (written `null`) on the last page.
    let nextOffset: Int?

    /// The page of `all` that starts at `offset`, with at most `limit` records.
    init(_ all: [Item], offset: Int, limit: Int) {
        data = Array(all.dropFirst(offset).prefix(limit))
        nextOffset = offset + limit < all.count ? offset + limit : nil
    }

    private enum CodingKeys: String, CodingKey { case data, nextOffset }

    /// `nextOffset` is written as `null` on the last page, not left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextOffset, forKey: .nextOffset)
    }
}

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

/// `Job`: a piece of work, from lead to completion.
struct APIJob: Codable, Sendable {
    /// The job's id, an opaque string.
    let id: String
    /// The customer the work is for; `nil` only for a lead not yet attached to a customer.
    let customerId: String?
    /// A short name for the work, such as "Spring cleanup".
    let title: String
    /// The stage the job was created in; it never changes, and the portal shows proposals by it (SPEC P1).
    let createdStage: Job.CreatedStage
    /// Where the job is now.
    let stage: Job.Stage
    /// The day the work is planned for, `YYYY-MM-DD`; `nil` when not planned yet.
    let workDate: CalendarDate?
    /// Whether the job began as a service request from the customer portal.
    let portalLead: Bool

    /// The API's view of `job`.
    init(_ job: Job) {
        (id, customerId, title) = (job.id.rawValue, job.customerID?.rawValue, job.title)
        (createdStage, stage, workDate, portalLead) = (job.createdStage, job.stage, job.workDate, job.portalLead)
    }
}

/// `NewJob`: a job to create.
struct APINewJob: Decodable, Sendable {
    /// The customer the work is for (404 when the account has no such customer); `nil` (absent or `null`) for none.
    let customerId: String?
    /// A short name for the work; not blank, at most 200 characters once trimmed (422 otherwise).
    let title: String
    /// The stage the job starts in, also saved as its `createdStage`.
    let stage: Job.CreatedStage
    /// The day the work is planned for, `YYYY-MM-DD`; `nil` (absent or `null`) for none.
    let workDate: CalendarDate?
}

/// A JSON Merge Patch of a job (#20): `workDate: null` clears the date; a job always has a stage and a title.
struct APIJobChange: Decodable, Sendable {
    /// The new stage; `.absent` keeps it, `null` is refused (422): a job is always at a stage.
    let stage: PatchField<Job.Stage>
    /// The new title, trimmed, 1 to 200 characters; `.absent` keeps it, `null` is refused (422).
    let title: PatchField<String>
    /// The new work date, `YYYY-MM-DD`; `.absent` keeps it, `null` clears it.
    let workDate: PatchField<CalendarDate>

    /// The kernel's change; a 422 for a `null` stage or title.
    func change() throws -> Job.Change {
        Job.Change(
            stage: try stage.required("stage", "a job is always at a stage"), title: try title.required("title", "a job always has a title"),
            workDate: workDate.change)
    }
}

/// `Line`: a line of a proposal or an invoice as saved.
struct APILine: Codable, Sendable {
    /// The line's id, an opaque string (a staff acceptance's `optionalLineIds` names optional lines by it).
    let id: String
    /// What the line is for.
    let description: String
    /// How many units (hours, yards, trees), with up to 4 decimals.
    let quantity: Decimal
    /// The price of one unit, in integer minor units of the account's currency (SPEC M1).
    let unitPrice: Int
    /// `quantity` times `unitPrice`, rounded half away from zero to the minor unit; minor units (SPEC M1).
    let amount: Int
    /// Whether the client may choose to add the line when accepting a proposal; always `false` on invoices.
    let optional: Bool

    /// The API's view of `item`; ``AmountOutOfRange`` when its amount leaves the range (SPEC M2).
    init(_ item: LineItem) throws(AmountOutOfRange) {
        (id, description, quantity) = (item.id.rawValue, item.description, item.quantity)
        (unitPrice, amount, optional) = (item.unitPrice.cents, try item.amount.cents, item.isOptional)
    }
}

/// `Proposal`: a priced offer for a job, which the client accepts or declines; each revision of a sent one is a new
/// proposal with the next version.
struct APIProposal: Codable, Sendable {
    /// The proposal's id, an opaque string.
    let id: String
    /// The job the proposal is for.
    let jobId: String
    /// The customer the proposal is for: the job's customer when it was created.
    let customerId: String
    /// 1 for the first version; one more for each revision of a sent proposal.
    let version: Int
    /// The proposal's name.
    let title: String
    /// The proposal's lines, in order, optional ones included.
    let lines: [APILine]
    /// The tax rate in basis points, applied to the subtotal: 825 is 8.25 %.
    let taxRateBasisPoints: Int
    /// The lines' amounts plus tax, in minor units (SPEC M1): without the optional lines before acceptance, with the
    /// chosen ones after.
    let total: Int
    /// Where the proposal stands (`draft`, `sent`, `accepted`, `declined`, `expired`, `superseded`).
    let status: Proposal.Status
    /// When the proposal was first emailed, an instant, ISO 8601 in UTC; `nil` for a draft.
    let sentAt: Date?
    /// The last day it can be accepted, `YYYY-MM-DD` in the account's time zone, set when sent (SPEC P2); `nil` for a
    /// draft.
    let expiresOn: CalendarDate?
    /// Who signed, when, through which channel, and which version and optional lines; `nil` unless accepted.
    let acceptance: Acceptance?
    /// What the client wrote when declining; `nil` when not declined or no reason was given.
    let declineReason: String?

    /// The API's view of `proposal`; ``AmountOutOfRange`` when a line or the total leaves the range (SPEC M2).
    init(_ proposal: Proposal) throws(AmountOutOfRange) {
        (id, jobId, customerId) = (proposal.id.rawValue, proposal.jobID.rawValue, proposal.customerID.rawValue)
        (version, title, lines) = (proposal.version, proposal.title, try proposal.lineItems.map(APILine.init))
        taxRateBasisPoints = proposal.taxRateBasisPoints
        total = try proposal.total.cents
        (status, sentAt, expiresOn) = (proposal.status, proposal.sentAt, proposal.expiresOn)
        (acceptance, declineReason) = (proposal.acceptance, proposal.declineReason)
    }
}

/// `POST /api/v1/proposals` (`NewProposal`): a draft for a job, which must have a customer.
struct APINewProposal: Decodable, Sendable {
    /// The job the proposal is for; it must be the account's (404) and have a customer (422).
    let jobId: String
    /// A name for the proposal; not blank, at most 200 characters once trimmed.
    let title: String
    /// The proposal's lines, 1 to 500, at least one of them not optional.
    let lines: [LineInput]
    /// The tax rate in basis points (825 is 8.25 %), 0 to 5000; `nil` (absent or `null`) means 0.
    let taxRateBasisPoints: Int?
}

/// `PUT /api/v1/proposals/{id}` (`ProposalRevision`): new content; the job and customer stay the proposal's.
struct APIProposalRevision: Decodable, Sendable {
    /// A name for the proposal; not blank, at most 200 characters once trimmed.
    let title: String
    /// The proposal's lines, 1 to 500, at least one of them not optional.
    let lines: [LineInput]
    /// The tax rate in basis points (825 is 8.25 %), 0 to 5000; `nil` (absent or `null`) means 0.
    let taxRateBasisPoints: Int?
}

/// `StaffAcceptance`: staff accepting a sent proposal for the client (SPEC F8, P4: it then leaves the portal).
struct APIStaffAcceptance: Decodable, Sendable {
    /// The name recorded as the signature, 2 to 200 characters once trimmed; `nil` records "Accepted by staff".
    let signatureName: String?
    /// The ids of the optional lines the client chose (422 for one that is not); `nil` chooses none.
    let optionalLineIds: [String]?
}

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

/// `Lead`: a request for service and the job in stage `lead` it opened, with what the requester typed.
struct APILead: Codable, Sendable {
    /// The lead's id, an opaque string.
    let id: String
    /// The job the request opened.
    let jobId: String
    /// The customer the lead's job is attached to; `nil` until one is attached.
    let customerId: String?
    /// The current stage of the lead's job; `nil` when the job cannot be found.
    let stage: Job.Stage?
    /// Whether the request came through the customer portal.
    let portalLead: Bool
    /// The requester's name, as typed.
    let name: String
    /// The requester's email address as typed, normalised (trimmed, lower case).
    let email: String
    /// The requester's phone number, as typed; `nil` when none was given.
    let phone: String?
    /// Where the work is wanted, as typed on one line.
    let serviceAddress: String
    /// The services the requester ticked; empty when none.
    let servicesWanted: [String]
    /// What the requester wrote about the work.
    let description: String
    /// The day the requester would like the work done, `YYYY-MM-DD`; `nil` when none was given.
    let preferredDate: CalendarDate?
    /// Tags the lead router or staff gave the lead; empty when none.
    let tags: [String]
    /// When the request was made, an instant, ISO 8601 in UTC.
    let submittedAt: Date

    /// The API's view of `lead`, with the stage and customer of its `job` (`nil` when the job is missing).
    init(_ lead: Lead, job: Job?) {
        (id, jobId, customerId, stage) = (lead.id.rawValue, lead.jobID.rawValue, job?.customerID?.rawValue, job?.stage)
        (portalLead, name, email, phone) = (lead.portalLead, lead.name, lead.email, lead.phone)
        (serviceAddress, servicesWanted, description) = (lead.serviceAddress, lead.servicesWanted, lead.description)
        (preferredDate, tags, submittedAt) = (lead.preferredDate, lead.tags, lead.submittedAt)
    }
}

/// `LeadChange`: attach the lead's job to a customer, existing or new (not both: 422), and change the job.
struct APILeadChange: Decodable, Sendable {
    /// Attach the lead's job to this existing customer.
    let customerId: String?
    /// Or create a customer from these details and attach it.
    let newCustomer: APINewCustomer?
    /// Changes to the lead's job, made after the customer is attached; `nil` (absent or `null`) changes nothing.
    let job: APIJobChange?
}

/// `Settings`: the account's settings.
struct APISettings: Codable, Sendable {
    /// Who is emailed when a lead arrives (SPEC F6); empty for nobody.
    let leadNotificationEmails: [String]
    /// When an invoice appears in the customer portal (SPEC I1).
    let openInvoiceWhen: OpenInvoiceRule
    /// How many days after its invoice date a paid invoice stays in the portal (SPEC I2).
    let paidInvoiceRetentionDays: Int
    /// How many days after sending a proposal expires (SPEC P2).
    let proposalExpiryDays: Int
    /// Whether clients may pay less than the balance in the portal.
    let allowsPartialPayments: Bool
    /// The service fee added to card payments in the portal, in basis points of the amount paid (250 is 2.5 %); 0 for
    /// none.
    let serviceFeeBasisPoints: Int
    /// The web origins (`https://example.com`) allowed to embed the lead form.
    let leadFormAllowedOrigins: [String]
    /// The account's IANA time zone, such as `America/Chicago`; calendar dates are days in it.
    let timeZone: String
    /// The account's ISO 4217 currency code; every amount is an integer count of its minor unit (SPEC M1).
    let currency: String
    /// The address of the account's customer portal (SPEC F1).
    let portalUrl: String

    /// The API's view of `account`'s settings, with its portal link `portalURL`.
    init(_ account: Account, portalURL: String) {
        let settings = account.settings
        (leadNotificationEmails, openInvoiceWhen) = (settings.leadNotificationEmails, settings.openInvoiceWhen)
        (paidInvoiceRetentionDays, proposalExpiryDays) = (settings.paidInvoiceRetentionDays, settings.proposalExpiryDays)
        (allowsPartialPayments, serviceFeeBasisPoints) = (settings.allowsPartialPayments, settings.serviceFeeBasisPoints)
        (leadFormAllowedOrigins, timeZone, currency) = (settings.leadFormAllowedOrigins, account.timeZoneIdentifier, account.currencyCode)
        portalUrl = portalURL
    }
}

/// A JSON Merge Patch of the settings (#20): `null` empties a list; a setting with one value cannot be `null`.
struct APISettingsChange: Decodable, Sendable {
    /// Who is emailed when a lead arrives, up to 20 addresses; `[]` or `null` for nobody; `.absent` keeps them.
    let leadNotificationEmails: PatchField<[String]>
    /// An ``OpenInvoiceRule`` raw value; `.absent` keeps it, `null` is refused (422).
    let openInvoiceWhen: PatchField<String>
    /// 1 to 3650 days; `.absent` keeps it, `null` is refused (422).
    let paidInvoiceRetentionDays: PatchField<Int>
    /// 1 to 365 days; `.absent` keeps it, `null` is refused (422).
    let proposalExpiryDays: PatchField<Int>
    /// Whether clients may pay less than the balance; `.absent` keeps it, `null` is refused (422).
    let allowsPartialPayments: PatchField<Bool>
    /// The card service fee in basis points of the amount paid, 0 to 1000 (10 %); `.absent` keeps it, `null` is 422.
    let serviceFeeBasisPoints: PatchField<Int>
    /// Origins that may embed the lead form (scheme, host, optional port); `[]` or `null`: none; `.absent` keeps them.
    let leadFormAllowedOrigins: PatchField<[String]>
    /// An IANA time zone name (an unknown one is 422); `.absent` keeps it, `null` is refused (422).
    let timeZone: PatchField<String>
    /// An ISO 4217 currency code, any case; `.absent` keeps it, `null` is refused (422).
    let currency: PatchField<String>

    /// `form` with the change's values; a 422 for a `null` setting that has one value.
    func applied(to form: SettingsForm) throws -> SettingsForm {
        var form = form
        let why = "the setting always has a value"
        if let emails = leadNotificationEmails.change { form.leadNotificationEmails = (emails ?? []).joined(separator: ", ") }
        if let rule = try openInvoiceWhen.required("openInvoiceWhen", why) { form.openInvoiceWhen = rule }
        if let days = try paidInvoiceRetentionDays.required("paidInvoiceRetentionDays", why) { form.paidInvoiceRetentionDays = "\(days)" }
        if let days = try proposalExpiryDays.required("proposalExpiryDays", why) { form.proposalExpiryDays = "\(days)" }
        if let partial = try allowsPartialPayments.required("allowsPartialPayments", why) { form.allowsPartialPayments = partial }
        if let fee = try serviceFeeBasisPoints.required("serviceFeeBasisPoints", why) { form.serviceFeePercent = "\(Decimal(fee) / 100)" }
        if let origins = leadFormAllowedOrigins.change { form.leadFormAllowedOrigins = (origins ?? []).joined(separator: "\n") }
        if let zone = try timeZone.required("timeZone", why) { form.timeZone = zone }
        if let code = try currency.required("currency", why) { form.currency = code }
        return form
    }
}

/// What a customer's portal shows now (SPEC: `GET /api/v1/customers/{id}/portal`).
struct APIPortal: Codable, Sendable {
    /// The customer whose portal this is.
    let customerId: String
    /// The proposals the portal shows (SPEC P1–P4).
    let proposals: [APIProposal]
    /// The invoices the portal shows (SPEC I1–I3).
    let invoices: [APIInvoice]
}
