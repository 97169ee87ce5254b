/// An email the portal sends, with what its template needs.
public enum PortalEmail: Sendable {
    /// The login link (SPEC F2, F3), valid for `validMinutes`.
    case loginLink(account: Account, link: String, validMinutes: Int)
    /// Tells staff about a new portal lead, with a link to it in the back office (SPEC F6) and one to each photo
    /// the client attached (F17; empty for none).
    case leadNotification(account: Account, lead: Lead, leadURL: String, photoURLs: [String])
    /// Tells the client their request arrived.
    /// To the address the visitor typed. Unless a logged-in client sent it (`addressProven`), it carries none of
    /// the visitor's free text (SPEC M5): nobody has shown they own that address.
    case leadConfirmation(account: Account, lead: Lead, addressProven: Bool)
    /// A receipt for a portal payment (SPEC F10).
    case paymentReceipt(account: Account, customer: Customer, invoice: Invoice, payment: Payment, receiptURL: String)
    /// A proposal, with its link that works without logging in (SPEC F8).
    case proposalSent(account: Account, customer: Customer, proposal: Proposal, link: String)
    /// An invoice is ready in the portal.
    case invoiceSent(account: Account, customer: Customer, invoice: Invoice)
    /// An invitation to the portal, with its link.
    case portalInvitation(account: Account, customer: Customer)
    /// Tells a staff user (and the account's admins) that `attempts` wrong passwords for their login were sent within
    /// `minutes`, the latest from `latestAddress` (#17). Their own sign-in is not locked by them.
    case failedLogins(account: Account, user: StaffUser, attempts: Int, minutes: Int, latestAddress: String)
    /// Tells the office that a client asked for a visit on other dates, or paused or resumed their visits (SPEC V2,
    /// V3), with a link to the customer in the back office. For a pause or resume, `visit` is the first visit it
    /// changed (or the visit whose page the client used, when it changed none).
    case visitRequest(account: Account, customer: Customer, visit: Visit, request: VisitRequestNotice, customerURL: String)
    /// Reminds the client of their visit the day before (SPEC V5): its date, window and crew, and a link to it.
    case visitReminder(account: Account, customer: Customer, visit: Visit, jobTitle: String, visitURL: String)
    /// Tells the client that staff moved their visit (answering a reschedule request, or not) or cancelled it
    /// (#23): the visit as it is now, what it was, and a link to it.
    case visitChanged(account: Account, customer: Customer, visit: Visit, change: VisitChangeNotice, jobTitle: String, visitURL: String)
    /// Tells the client, or the office (`toStaff`), that autopay's charge of an invoice was declined (SPEC F12): the
    /// invoice stays open; `reason` is the gateway's; `link` is the invoice in the portal, or the customer in the
    /// back office for staff.
    case autopayFailed(account: Account, customer: Customer, invoice: Invoice, reason: String, toStaff: Bool, link: String)
    /// The client's copy of autopay turned on (the wording agreed, when and by whom) or off (SPEC F12), with a link to
    /// their payment methods page, where it goes on and off.
    case autopayChanged(account: Account, customer: Customer, autopay: Autopay, link: String)
    /// The receipt of "Pay all" (SPEC F15): each invoice with the payment recorded against it, all of one charge, and
    /// a link to the statement.
    case statementReceipt(account: Account, customer: Customer, paid: [(invoice: Invoice, payment: Payment)], statementURL: String)
    /// Tells the client that staff refunded a payment in full or in part (SPEC F15): the refund, the payment, the
    /// invoice's balance now, and a link to the invoice.
    case paymentRefunded(account: Account, customer: Customer, invoice: Invoice, payment: Payment, refund: Refund, invoiceURL: String)
}

/// What staff did to a client's visit, for the client's email (#23).
public enum VisitChangeNotice: Hashable, Sendable {
    /// A new date or window; the visit was on `date` in `window` before.
    case moved(date: CalendarDate, window: ArrivalWindow?)
    /// The client's request for another date answered with the same day and window: it stays as planned.
    case kept
    /// Called off.
    case cancelled
}

/// What a client asked of a visit, for the office's email (SPEC V2, V3).
public enum VisitRequestNotice: Hashable, Sendable {
    /// Another date, with the client's preferred dates and note.
    case reschedule(Visit.RescheduleRequest)
    /// A pause of the visit's series from one date through another, skipping the visits on `skipped`.
    case pause(VisitSeries.Pause, skipped: [CalendarDate])
    /// The series resumed: the visits on `restored` are planned again; those past their cut-off stay skipped.
    case resume(restored: [CalendarDate])
}

/// Turns a ``PortalEmail`` into a message. The HTTP front implements it with the account's Mustache templates;
/// use cases only say which email and to whom.
public protocol PortalEmailComposer: Sendable {
    func compose(_ email: PortalEmail, to recipients: [EmailMessage.Mailbox]) throws -> EmailMessage
}
