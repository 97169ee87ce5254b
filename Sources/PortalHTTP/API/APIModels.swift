import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601.
// Field names match Docs/openapi.json.

/// A list page: the records and the offset of the next page (`null` on the last).
struct APIPage<Item: Encodable & Sendable>: Encodable, Sendable {
    let data: [Item]
    let nextOffset: Int?

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

struct APICustomer: Codable, Sendable {
    let id: String
    let displayName: String
    let emails: [String]
    let phone: String?
    let billingAddress: Address?
    let serviceAddresses: [Address]

    init(_ customer: Customer) {
        (id, displayName, emails, phone) = (customer.id.rawValue, customer.displayName, customer.emails, customer.phone)
        (billingAddress, serviceAddresses) = (customer.billingAddress, customer.serviceAddresses)
    }
}

struct APINewCustomer: Decodable, Sendable {
    let displayName: String
    let emails: [String]
    let phone: String?
    let billingAddress: Address?
    let serviceAddresses: [Address]?
}

struct APIJob: Codable, Sendable {
    let id: String
    let customerId: String?
    let title: String
    let createdStage: Job.CreatedStage
    let stage: Job.Stage
    let workDate: CalendarDate?
    let portalLead: Bool

    init(_ job: Job) {
        (id, customerId, title) = (job.id.rawValue, job.customerID?.rawValue, job.title)
        (createdStage, stage, workDate, portalLead) = (job.createdStage, job.stage, job.workDate, job.portalLead)
    }
}

struct APINewJob: Decodable, Sendable {
    let customerId: String?
    let title: String
    let stage: Job.CreatedStage
    let workDate: CalendarDate?
}

/// A JSON Merge Patch of a job (#20): `workDate: null` clears the date; a job always has a stage and a title.
struct APIJobChange: Decodable, Sendable {
    let stage: PatchField<Job.Stage>
    let title: PatchField<String>
    let workDate: PatchField<CalendarDate>

    /// The kernel's change; a 422 for a `null` stage or title.
    func change() throws -> Job.Change {
        Job.Change(
            stage: try stage.required("stage", "a job is always at a stage"), title: try title.required("title", "a job always has a title"),
            workDate: workDate.change)
    }
}

struct APILine: Codable, Sendable {
    let id: String
    let description: String
    let quantity: Decimal
    let unitPrice: Int
    let amount: Int
    let optional: Bool

    init(_ item: LineItem) throws(AmountOutOfRange) {
        (id, description, quantity) = (item.id.rawValue, item.description, item.quantity)
        (unitPrice, amount, optional) = (item.unitPrice.cents, try item.amount.cents, item.isOptional)
    }
}

struct APIProposal: Codable, Sendable {
    let id: String
    let jobId: String
    let customerId: String
    let version: Int
    let title: String
    let lines: [APILine]
    let taxRateBasisPoints: Int
    let total: Int
    let status: Proposal.Status
    let sentAt: Date?
    let expiresOn: CalendarDate?
    let acceptance: Acceptance?
    let declineReason: String?

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
    let jobId: String
    let title: String
    let lines: [LineInput]
    let taxRateBasisPoints: Int?
}

/// `PUT /api/v1/proposals/{id}` (`ProposalRevision`): new content; the job and customer stay the proposal's.
struct APIProposalRevision: Decodable, Sendable {
    let title: String
    let lines: [LineInput]
    let taxRateBasisPoints: Int?
}

struct APIStaffAcceptance: Decodable, Sendable {
    let signatureName: String?
    let optionalLineIds: [String]?
}

struct APIInvoice: Codable, Sendable {
    let id: String
    let customerId: String
    let jobId: String?
    let number: String
    let invoiceDate: CalendarDate
    let dueDate: CalendarDate?
    let sentAt: Date?
    let lines: [APILine]
    let taxRateBasisPoints: Int
    let total: Int
    let amountPaid: Int
    let balance: Int
    let voided: Bool

    init(_ invoice: Invoice) throws(AmountOutOfRange) {
        (id, customerId, jobId, number) = (invoice.id.rawValue, invoice.customerID.rawValue, invoice.jobID?.rawValue, invoice.number)
        (invoiceDate, dueDate, sentAt) = (invoice.invoiceDate, invoice.dueDate, invoice.sentAt)
        (lines, taxRateBasisPoints) = (try invoice.lineItems.map(APILine.init), invoice.taxRateBasisPoints)
        (total, amountPaid, balance, voided) = (try invoice.total.cents, invoice.amountPaid.cents, try invoice.balance.cents, invoice.voided)
    }
}

struct APINewInvoice: Decodable, Sendable {
    let customerId: String
    let jobId: String?
    let number: String?
    let invoiceDate: CalendarDate?
    let dueDate: CalendarDate?
    let lines: [LineInput]
    let taxRateBasisPoints: Int?
}

struct APIPayment: Codable, Sendable {
    let id: String
    let invoiceId: String
    let amount: Int
    let serviceFee: Int
    let method: Payment.Method
    let source: Payment.Source
    let receivedAt: Date

    init(_ payment: Payment) {
        (id, invoiceId, amount, serviceFee) = (payment.id.rawValue, payment.invoiceID.rawValue, payment.amount.cents, payment.serviceFee.cents)
        (method, source, receivedAt) = (payment.method, payment.source, payment.receivedAt)
    }
}

struct APINewPayment: Decodable, Sendable {
    let amount: Int
    let method: Payment.Method
}

struct APILead: Codable, Sendable {
    let id: String
    let jobId: String
    let customerId: String?
    let stage: Job.Stage?
    let portalLead: Bool
    let name: String
    let email: String
    let phone: String?
    let serviceAddress: String
    let servicesWanted: [String]
    let description: String
    let preferredDate: CalendarDate?
    let tags: [String]
    let submittedAt: Date

    init(_ lead: Lead, job: Job?) {
        (id, jobId, customerId, stage) = (lead.id.rawValue, lead.jobID.rawValue, job?.customerID?.rawValue, job?.stage)
        (portalLead, name, email, phone) = (lead.portalLead, lead.name, lead.email, lead.phone)
        (serviceAddress, servicesWanted, description) = (lead.serviceAddress, lead.servicesWanted, lead.description)
        (preferredDate, tags, submittedAt) = (lead.preferredDate, lead.tags, lead.submittedAt)
    }
}

struct APILeadChange: Decodable, Sendable {
    /// Attach the lead's job to this existing customer.
    let customerId: String?
    /// Or create a customer from these details and attach it.
    let newCustomer: APINewCustomer?
    let job: APIJobChange?
}

struct APISettings: Codable, Sendable {
    let leadNotificationEmails: [String]
    let openInvoiceWhen: OpenInvoiceRule
    let paidInvoiceRetentionDays: Int
    let proposalExpiryDays: Int
    let allowsPartialPayments: Bool
    let serviceFeeBasisPoints: Int
    let leadFormAllowedOrigins: [String]
    let timeZone: String
    let currency: String
    let portalUrl: String

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
    let leadNotificationEmails: PatchField<[String]>
    let openInvoiceWhen: PatchField<String>
    let paidInvoiceRetentionDays: PatchField<Int>
    let proposalExpiryDays: PatchField<Int>
    let allowsPartialPayments: PatchField<Bool>
    let serviceFeeBasisPoints: PatchField<Int>
    let leadFormAllowedOrigins: PatchField<[String]>
    let timeZone: PatchField<String>
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
    let customerId: String
    let proposals: [APIProposal]
    let invoices: [APIInvoice]
}
