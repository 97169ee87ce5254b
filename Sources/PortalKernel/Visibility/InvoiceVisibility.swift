/// Whether an invoice appears in the client's portal: SPEC I1–I3, one pure function.
public enum InvoiceVisibility {
    /// Why an invoice is, or is not, in the portal.
    public enum Verdict: Hashable, Sendable {
        /// Open and not fully paid (I1, I3).
        case unpaid
        /// Paid, and its invoice date is less than the retention period ago (I2).
        case paidWithinRetention
        /// Voided invoices never show (I1).
        case hiddenVoided
        /// Invoices totalling zero never show (I1).
        case hiddenZeroTotal
        /// Not open yet under the account's Open Invoice setting (I1).
        case hiddenNotOpen(OpenInvoiceRule)
        /// Paid, and its invoice date is the retention period ago or more (I2, I3).
        case hiddenPaidPastRetention
        /// A stored record whose lines cannot be totalled (SPEC M2): shown, as unpaid, with an error in place of its
        /// amounts, so neither the client nor staff lose sight of it.
        case cannotBeTotalled

        /// Whether the invoice is shown.
        public var isVisible: Bool {
            switch self {
            case .unpaid, .paidWithinRetention, .cannotBeTotalled: true
            default: false
            }
        }
    }

    /// Whether `invoice` counts as open under `rule` on `today` (SPEC I1).
    ///
    /// An invoice with any payment recorded is open whatever the rule: the client has seen it to pay it.
    public static func isOpen(_ invoice: Invoice, under rule: OpenInvoiceRule, today: CalendarDate) -> Bool {
        if invoice.amountPaid > .zero { return true }
        let dated = invoice.invoiceDate <= today
        let sent = invoice.sentAt != nil
        switch rule {
        case .generated: return true
        case .invoiceDate: return dated
        case .sent: return sent
        case .invoiceDateOrSent: return dated || sent
        }
    }

    /// The verdict for `invoice` under the account's `settings` on `today` (a date in the account's time zone).
    ///
    /// A paid invoice shows while fewer than `paidInvoiceRetentionDays` calendar days have passed since its
    /// invoice date (not its payment date): with the default 365 it shows 364 days after its date and is gone
    /// from day 365 on. So an invoice dated more than a year ago leaves the portal the moment it is paid (I3).
    public static func verdict(for invoice: Invoice, settings: AccountSettings, today: CalendarDate) -> Verdict {
        if invoice.voided { return .hiddenVoided }
        guard let total = try? invoice.total else { return .cannotBeTotalled }
        if total == .zero { return .hiddenZeroTotal }
        guard isOpen(invoice, under: settings.openInvoiceWhen, today: today) else {
            return .hiddenNotOpen(settings.openInvoiceWhen)
        }
        guard invoice.isPaid else { return .unpaid }
        let age = today.days(since: invoice.invoiceDate)
        return age < settings.paidInvoiceRetentionDays ? .paidWithinRetention : .hiddenPaidPastRetention
    }

    /// Whether `invoice` appears in the portal on `today`.
    public static func isVisible(_ invoice: Invoice, settings: AccountSettings, today: CalendarDate) -> Bool {
        verdict(for: invoice, settings: settings, today: today).isVisible
    }
}
