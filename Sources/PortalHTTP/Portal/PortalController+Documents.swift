import Hummingbird
import PortalKernel

/// The client's proposals and invoices, each only when that client's portal shows it (SPEC P1–P4, I1–I3): any
/// other id, another customer's included, is the same 404 as one that does not exist.
extension PortalController {
    func registerDocuments(on routes: some RouterMethods<Context>) {
        routes.get("proposals/:id", use: proposalPage)
        routes.post("proposals/:id/accept") { request, context in
            try await answering(request, context) { visit, proposal, place in
                try await ProposalResponder(front: front, answers: answers).accept(proposal, visit: visit, place: place, context: context) { done in
                    // SPEC F13: straight on to paying the deposit (or, there, the whole amount).
                    if let deposit = try await answers.depositInvoice(of: done, in: visit.account.id) {
                        return visit.redirect(to: visit.path("/invoices/\(deposit.id)/pay"))
                    }
                    return visit.redirect(to: visit.path("/proposals/\(done.id)?done=accepted"))
                }
            }
        }
        routes.post("proposals/:id/decline") { request, context in
            try await answering(request, context) { visit, proposal, place in
                try await ProposalResponder(front: front, answers: answers).decline(proposal, visit: visit, place: place, context: context) {
                    visit.redirect(to: visit.path("?done=declined"))
                }
            }
        }
        routes.get("invoices/:id", use: invoicePage)
        routes.get("invoices/{id}.pdf", use: invoicePDF)
        routes.get("proposals/{id}.pdf", use: proposalPDF)
    }

    /// `GET /proposals/{id}`: the proposal, recorded as viewed.
    @Sendable func proposalPage(_ request: Request, context: Context) async throws -> Response {
        try await answering(request, context) { visit, proposal, place in
            try await portal.recordView(
                .proposalViewed, of: .proposal(proposal.id), account: visit.account, customer: place.actor,
                email: place.actorEmail, origin: visit.origin)
            let done = request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] }
            // SPEC F13: an accepted proposal's unpaid deposit stays one press away.
            let deposit = proposal.status == .accepted ? try await answers.depositInvoice(of: proposal, in: visit.account.id) : nil
            let unpaid = try deposit.flatMap { try $0.balance > .zero ? visit.path("/invoices/\($0.id)/pay") : nil }
            let files = try await sharedFiles(of: [.proposal(proposal.id), .job(proposal.jobID)], visit: visit, client: try visit.requireClient())
            return try ProposalResponder(front: front, answers: answers).show(
                proposal, visit: visit, place: place, notice: done, depositPayURL: unpaid, files: files,
                pdfURL: visit.path("/proposals/\(proposal.id).pdf"))
        }
    }

    /// Runs `body` with the logged-in client's visible proposal named by `:id`, or answers 404.
    private func answering(
        _ request: Request, _ context: Context,
        _ body: (PortalVisit, Proposal, ProposalResponder.Place) async throws -> Response
    ) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let id = Proposal.ID(rawValue: try context.parameters.require("id"))
        guard let proposal = try await portal.proposal(id, of: client.customer.id, account: visit.account) else {
            return visit.notFound()
        }
        let place = ProposalResponder.Place(
            channel: .portal, actionBase: visit.path("/proposals/\(proposal.id)"), backURL: visit.path(),
            actor: client.customer.id, actorEmail: client.email)
        return try await body(visit, proposal, place)
    }

    struct InvoicePage {
        struct Line {
            let description: String
            let quantity: String
            let unitPrice: String
            let amount: String
        }
        struct PaymentRow {
            let date: String
            let amount: String
            /// What refunds gave back of it (SPEC F15), worded; `nil` for none.
            let refunded: String?
            let receiptURL: String
        }
        let chrome: PageChrome
        let number: String
        let notice: String?
        let status: String
        let statusClass: String
        let invoiceDate: String
        let dueDate: String?
        let billingAddress: String?
        let serviceAddress: String?
        let lines: [Line]
        let subtotal: String
        let tax: String?
        let total: String
        let paid: String?
        let balance: String
        let hasPayments: Bool
        let payments: [PaymentRow]
        let payURL: String?
        let backURL: String
        /// Files staff shared on the invoice or its job (SPEC F17).
        let files: [SharedFile]
        /// The invoice as a PDF (SPEC F16).
        let pdfURL: String
    }

    /// `GET /invoices/{id}`: the invoice with its Paid/Unpaid tag, addresses, lines and "Pay Now".
    @Sendable func invoicePage(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let id = Invoice.ID(rawValue: try context.parameters.require("id"))
        guard let invoice = try await portal.invoice(id, of: client.customer.id, account: visit.account) else {
            return try await anotherCustomersInvoice(id, visit: visit, client: client, then: "/invoices/\(id)")
        }
        try await portal.recordView(
            .invoiceViewed, of: .invoice(invoice.id), account: visit.account, customer: client.customer.id,
            email: client.email, origin: visit.origin)
        let page = try await invoiceModel(
            invoice, visit: visit, client: client, notice: request.uri.queryParameters.get("done") == "paid" ? "Thank you: your payment was received." : nil)
        return visit.page("invoice", page)
    }

    /// `GET /invoices/{id}.pdf` (SPEC F16): the invoice page as a PDF; another customer's is the same 404.
    @Sendable func invoicePDF(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let id = Invoice.ID(rawValue: try context.parameters.require("id"))
        guard let invoice = try await portal.invoice(id, of: client.customer.id, account: visit.account) else { return visit.notFound() }
        let page = try await invoiceModel(invoice, visit: visit, client: client, notice: nil)
        let pdf = try await pdfs.pdf(PrintedDocuments.invoice(page, account: visit.account, customer: client.customer), of: visit.account)
        return FileResponse.pdf(pdf, name: "Invoice \(invoice.number).pdf")
    }

    /// `GET /proposals/{id}.pdf` (SPEC F16): the proposal page as a PDF, an accepted one with its signature block.
    @Sendable func proposalPDF(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let id = Proposal.ID(rawValue: try context.parameters.require("id"))
        guard let proposal = try await portal.proposal(id, of: client.customer.id, account: visit.account) else { return visit.notFound() }
        let page = try ProposalPage(proposal: proposal, visit: visit, typed: .init(chosen: []), actionBase: "", backURL: nil)
        let pdf = try await pdfs.pdf(
            PrintedDocuments.proposal(page, proposal: proposal, account: visit.account, customer: client.customer, format: visit.format),
            of: visit.account)
        return FileResponse.pdf(pdf, name: "Proposal \(proposal.title).pdf")
    }

    /// The invoice page's model: what the page and its PDF show.
    func invoiceModel(_ invoice: Invoice, visit: PortalVisit, client: ClientSessions.Client, notice: String?) async throws -> InvoicePage {
        let (payments, jobAddress) = try await portal.invoiceDetail(invoice, account: visit.account)
        return try Self.invoiceModel(
            invoice, customer: client.customer, payments: payments, jobAddress: jobAddress, format: visit.format,
            chrome: visit.chrome("Invoice \(invoice.number)"), base: visit.path(), notice: notice,
            files: try await sharedFiles(of: [.invoice(invoice.id)] + [invoice.jobID.map(RecordReference.job)].compactMap { $0 }, visit: visit, client: client))
    }

    /// The invoice page's model for `customer`, its links under `base` (`/portal/{key}`): what the page, its PDF and
    /// the PDF an email attaches show.
    static func invoiceModel(
        _ invoice: Invoice, customer: Customer, payments: [Payment], jobAddress: Address?, format: Formatting, chrome: PageChrome, base: String,
        notice: String?, files: [SharedFile]
    ) throws -> InvoicePage {
        let serviceAddress = jobAddress ?? customer.serviceAddresses.first
        return try InvoicePage(
            chrome: chrome, number: invoice.number, notice: notice,
            status: invoice.isPaid ? "Paid" : "Unpaid", statusClass: invoice.isPaid ? "paid" : "unpaid",
            invoiceDate: format.date(invoice.invoiceDate), dueDate: invoice.dueDate.map(format.date),
            billingAddress: customer.billingAddress?.description, serviceAddress: serviceAddress?.description,
            lines: invoice.lineItems.map {
                .init(description: $0.description, quantity: format.quantity($0.quantity), unitPrice: format.money($0.unitPrice), amount: format.money(try $0.amount))
            },
            subtotal: format.money(invoice.totals.subtotal), tax: invoice.totals.tax == .zero ? nil : format.money(invoice.totals.tax),
            total: format.money(invoice.total), paid: invoice.amountPaid == .zero ? nil : format.money(invoice.amountPaid),
            balance: format.money(invoice.balance), hasPayments: !payments.isEmpty,
            payments: payments.map {
                .init(
                    // The invoice's part of what was refunded (the fee and tip go back last, and are not the invoice's).
                    date: format.instant($0.receivedAt), amount: format.money($0.amount),
                    refunded: $0.refunded.map { [amount = $0.amount] refunded in "\(format.money(min(refunded, amount))) refunded" },
                    receiptURL: "\(base)/receipts/\($0.id)")
            },
            payURL: invoice.balance > .zero ? "\(base)/invoices/\(invoice.id)/pay" : nil, backURL: base,
            files: files, pdfURL: "\(base)/invoices/\(invoice.id).pdf")
    }
}
