import Hummingbird
import PortalKernel

/// The statement and "Pay all" (SPEC F15): every open invoice with the total owed, paid by one charge.
extension PortalController {
    struct StatementPage {
        struct Row {
            let id: String
            let url: String
            let number: String
            let date: String
            let due: String
            let balance: String
        }
        let chrome: PageChrome
        var notice: String?
        var errors = FormErrors()
        let hasInvoices: Bool
        let invoices: [Row]
        let total: String
        let serviceFee: String?
        let feeRate: String
        let charge: String
        let formURL: String
        let homeURL: String
        /// The statement as a PDF (SPEC F16).
        let pdfURL: String
        let idempotencyKey: String
        /// The charge the button states, as a form field holds it.
        let confirmedCharge: String
        /// The card on file or typed (the `card-fields` partial); "Pay all" saves no card, an invoice's own pay page does.
        let card: CardFields
    }

    static let statementNotices = ["paid": "Thank you: every invoice is paid, with one charge. The receipt is on its way by email."]

    func registerStatement(on routes: some RouterMethods<Context>) {
        routes.get("statement") { request, context in
            let visit = try PortalVisit(request, context: context, front: front)
            _ = try visit.requireClient()
            return try await statementPage(
                visit, typed: PayForm(), key: SecretToken.generate().value,
                notice: request.uri.queryParameters.get("done").flatMap { Self.statementNotices[String($0)] })
        }
        routes.post("statement/pay", use: payAll)
        routes.get("statement.pdf") { request, context in
            let visit = try PortalVisit(request, context: context, front: front)
            let customer = try visit.requireClient().customer
            let statement = try await payments.statement(of: customer.id, account: visit.account)
            let today = visit.format.date(visit.account.today(at: front.clock.now))
            let pdf = try await pdfs.pdf(
                PrintedDocuments.statement(
                    try Self.statementRows(statement.invoices, visit: visit), total: visit.format.money(statement.total), on: today,
                    account: visit.account, customer: customer),
                of: visit.account)
            return FileResponse.pdf(pdf, name: "Statement \(today).pdf")
        }
    }

    /// The statement's rows, oldest invoice first: what its page and its PDF list.
    static func statementRows(_ invoices: [Invoice], visit: PortalVisit) throws -> [StatementPage.Row] {
        let format = visit.format
        return try invoices.map { invoice in
            StatementPage.Row(
                id: invoice.id.rawValue, url: visit.path("/invoices/\(invoice.id)"), number: invoice.number,
                date: format.date(invoice.invoiceDate), due: invoice.dueDate.map(format.date) ?? "—", balance: format.money(try invoice.balance))
        }
    }

    /// The statement now, with the "Pay all" form keeping what was typed (never the card number or code).
    func statementPage(
        _ visit: PortalVisit, typed: PayForm, key: String, notice: String? = nil, status: HTTPResponse.Status = .ok, errors: FormErrors = FormErrors()
    ) async throws -> Response {
        let customer = try visit.requireClient().customer
        let statement = try await payments.statement(of: customer.id, account: visit.account)
        let onFile = try await paymentMethods.onFile(for: customer.id, in: visit.account.id)
        let format = visit.format
        let settings = visit.account.settings
        var fee = Money.zero
        for quote in statement.quotes { fee = try fee.adding(quote.serviceFee) }
        var page = StatementPage(
            chrome: visit.chrome("Your statement"), notice: notice, hasInvoices: !statement.invoices.isEmpty,
            invoices: try Self.statementRows(statement.invoices, visit: visit),
            total: format.money(statement.total), serviceFee: fee > .zero ? format.money(fee) : nil,
            feeRate: format.percent(basisPoints: settings.serviceFeeBasisPoints), charge: format.money(statement.charge),
            formURL: visit.path("/statement/pay"), homeURL: visit.path(), pdfURL: visit.path("/statement.pdf"), idempotencyKey: key,
            confirmedCharge: format.amountField(statement.charge),
            card: CardFields(typed: typed, onFile: onFile, sandbox: payments.gatewayDriverName == "sandbox", offerSaving: false))
        page.errors = errors
        return visit.page("statement", page, status: status)
    }

    /// `POST /statement/pay`: one charge for every invoice the statement showed, or nothing (SPEC F15).
    @Sendable func payAll(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let form = try await visit.form(PayForm.self, context: context)
        let key = form.idempotencyKey ?? ""
        let card: InvoicePayments.Card
        switch Self.chosenCard(form, saving: false) {
        case .success(let chosen): card = chosen
        case .failure(let errors): return try await statementPage(visit, typed: form, key: key, status: .unprocessableContent, errors: errors)
        }
        let shown = Set((form.invoice ?? []).map { Invoice.ID(rawValue: $0) })
        guard let expected = form.confirmedCharge.flatMap({ try? visit.format.parseAmount($0) }), !shown.isEmpty else {
            return try await statementPage(visit, typed: form, key: key, status: .unprocessableContent,
                                           errors: FormErrors("This payment form has expired; check the total and pay again."))
        }
        let outcome = try await payments.payAll(
            shown, of: client.customer, account: visit.account, expectedCharge: expected, with: card, idempotencyKey: key,
            actorEmail: client.email, origin: visit.origin)
        switch outcome {
        case .paid:
            return visit.redirect(to: visit.path("/statement?done=paid"))
        case .nothingOwed:
            return visit.redirect(to: visit.path("/statement"))
        case .declined(let message):
            return try await statementPage(visit, typed: form, key: SecretToken.generate().value, status: .init(code: 402, reasonPhrase: "Payment Required"),
                                           errors: FormErrors(message, field: "number", heading: "The payment did not go through"))
        case .gatewayUnavailable(let message):
            return try await statementPage(visit, typed: form, key: key, status: .serviceUnavailable,
                                           errors: FormErrors(message, heading: "The payment did not go through"))
        case .invalid(let message):
            let onCard = card.isSaved && message.hasPrefix("That card")
            return try await statementPage(visit, typed: form, key: key, status: .unprocessableContent,
                                           errors: onCard ? FormErrors(message, field: "paymentMethod") : FormErrors(message))
        case .changed:
            return try await statementPage(visit, typed: form, key: key, status: .conflict,
                                           errors: FormErrors("What you owe changed since the page was shown, so nothing was charged. Check the new total, then pay again."))
        case .inProgress:
            return try await statementPage(visit, typed: form, key: key, status: .conflict,
                                           errors: FormErrors("A payment of one of these invoices is being processed. Wait a moment, then open the statement again."))
        case .startAgain(let message):
            return try await statementPage(visit, typed: form, key: SecretToken.generate().value, status: .conflict, errors: FormErrors(message))
        }
    }
}
