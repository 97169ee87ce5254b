import PortalKernel

/// The PDFs' contents (SPEC F16), made from the very page models the portal draws, so a PDF says what its page says,
/// in the account's branding.
enum PrintedDocuments {
    /// The invoice page as a document.
    static func invoice(_ page: PortalController.InvoicePage, account: Account, customer: Customer) -> PrintedDocument {
        var facts = [
            PrintedDocument.Fact("Status", page.status), .init("Invoice date", page.invoiceDate), .init("Bill to", customer.displayName),
        ]
        if let due = page.dueDate { facts.insert(.init("Due", due), at: 2) }
        if let billing = page.billingAddress { facts.append(.init("Billing address", billing)) }
        if let service = page.serviceAddress { facts.append(.init("Service address", service)) }
        var totals = [PrintedDocument.Fact("Subtotal", page.subtotal)]
        if let tax = page.tax { totals.append(.init("Tax", tax)) }
        totals.append(.init("Total", page.total))
        if let paid = page.paid { totals.append(.init("Paid", paid)) }
        totals.append(.init("Balance due", page.balance))
        return document(
            account, title: "Invoice \(page.number)", facts: facts,
            table: PrintedDocument.Table(
                header: ["Description", "Qty", "Unit price", "Amount"], numeric: [false, true, true, true],
                rows: page.lines.map { [$0.description, $0.quantity, $0.unitPrice, $0.amount] }),
            totals: totals,
            paragraphs: page.payments.map { "Payment of \($0.amount) on \($0.date)" + ($0.refunded.map { ", \($0)" } ?? "") + "." })
    }

    /// The proposal page as a document; an accepted one with its signature block and the accepted version's SHA-256.
    static func proposal(_ page: ProposalPage, proposal: Proposal, account: Account, customer: Customer, format: Formatting) -> PrintedDocument {
        var facts = [PrintedDocument.Fact("Status", page.status), .init("For", customer.displayName)]
        if let sent = page.sentOn { facts.append(.init("Sent", sent)) }
        if let expires = page.expiresOn { facts.append(.init("Valid until", expires)) }
        var totals = [PrintedDocument.Fact("Subtotal", page.subtotal)]
        if let tax = page.tax { totals.append(.init("Tax", tax)) }
        totals.append(.init("Total", page.total))
        let signature = proposal.acceptance.map { acceptance in
            [
                PrintedDocument.Fact("Accepted by", acceptance.signatureName), .init("At", format.instant(acceptance.acceptedAt)),
                .init("From", acceptance.ipAddress ?? "not recorded"), .init("Through", acceptance.via.words),
                .init("Version SHA-256", acceptance.versionHash, isCode: true),
            ]
        } ?? []
        return document(
            account, title: "Proposal: \(page.title)", facts: facts,
            table: PrintedDocument.Table(
                header: ["Description", "Qty", "Unit price", "Amount"], numeric: [false, true, true, true],
                // Accepted, what was signed: the optional lines chosen; otherwise every line, the optional ones marked.
                rows: page.lines.filter { !$0.optional || $0.chosen || proposal.status != .accepted }.map {
                    [$0.description + ($0.optional ? ($0.chosen ? " (optional, chosen)" : " (optional)") : ""), $0.quantity, $0.unitPrice, $0.amount]
                }),
            totals: totals, paragraphs: page.deposit.map { ["Deposit: \($0)."] } ?? [], signature: signature)
    }

    /// The receipt page as a document.
    static func receipt(_ page: PortalController.ReceiptPage, account: Account, customer: Customer) -> PrintedDocument {
        var facts = [PrintedDocument.Fact("Invoice", page.number), .init("Paid by", customer.displayName), .init("Paid on", page.paidOn)]
        if let card = page.card { facts.append(.init("Card", card)) }
        facts.append(.init("Reference", page.reference, isCode: true))
        var totals = [PrintedDocument.Fact("Amount", page.amount)]
        if let fee = page.serviceFee { totals.append(.init("Service fee", fee)) }
        if let tip = page.tip { totals.append(.init("Tip for the crew", tip)) }
        totals.append(.init("Charged", page.charged))
        if let refunded = page.refunded { totals.append(.init("Refunded since", refunded)) }
        totals.append(.init("Balance left on the invoice", page.balance))
        return document(account, title: "Receipt for invoice \(page.number)", facts: facts, table: nil, totals: totals)
    }

    /// The statement as a document: every open invoice with what is owed on it, and the total, on `date`.
    static func statement(
        _ rows: [PortalController.StatementPage.Row], total: String, on date: String, account: Account, customer: Customer
    ) -> PrintedDocument {
        document(
            account, title: "Statement", facts: [.init("For", customer.displayName), .init("Date", date)],
            table: rows.isEmpty
                ? nil
                : PrintedDocument.Table(
                    header: ["Invoice", "Dated", "Due", "Owed"], numeric: [false, false, false, true],
                    rows: rows.map { [$0.number, $0.date, $0.due, $0.balance] }),
            totals: [.init("Total owed", total)], paragraphs: rows.isEmpty ? ["Nothing to pay: every invoice is paid."] : [])
    }

    /// `content` in `account`'s branding: its name, contact lines and accent colour; the footer names the company.
    static func document(
        _ account: Account, title: String, facts: [PrintedDocument.Fact], table: PrintedDocument.Table?, totals: [PrintedDocument.Fact],
        paragraphs: [String] = [], signature: [PrintedDocument.Fact] = []
    ) -> PrintedDocument {
        let branding = account.branding
        let contact = [branding.address, branding.phone, branding.email].compactMap { $0 }.filter { !$0.isEmpty }
        return PrintedDocument(
            companyName: branding.displayName, companyAddress: contact, accentColour: branding.accentColor, title: title, facts: facts,
            table: table, totals: totals, paragraphs: paragraphs, signature: signature, footer: "\(branding.displayName) · \(title)")
    }
}

extension AcceptanceChannel {
    /// How the acceptance came in, worded for the signature block.
    var words: String {
        switch self {
        case .portal: "the customer portal"
        case .emailLink: "the emailed proposal link"
        case .staff: "the company, for the client"
        }
    }
}
