import Hummingbird
import PortalKernel

/// Paying an invoice by card and the receipt (SPEC F10).
extension PortalController {
    struct PayForm: PortalForm {
        var csrf: String?
        var idempotencyKey: String?
        var amount: String?
        /// The amount the page's Pay button stated the charge for; a payment is taken only when it is the amount
        /// posted, so the client has seen what the card will be charged (issue #18).
        var confirmedAmount: String?
        /// The charge (amount and service fee) the page's button stated; a charge that has changed since (the
        /// account's fee changed meanwhile) is not taken (#18).
        var confirmedCharge: String?
        var nameOnCard: String?
        var cardNumber: String?
        var expiry: String?
        var securityCode: String?
        /// A card on file's id, or `new` (or nothing) for the card typed (SPEC F11).
        var paymentMethod: String?
        /// `yes` to save the card typed once the payment is recorded.
        var saveCard: String?
        /// The tip for the crew (SPEC F14): `none`, `10`, `15`, `20` (percent of the amount paid) or `other`.
        var tip: String?
        /// The tip typed with `other`, in the account's currency.
        var tipAmount: String?
        /// The tip the page's button stated, sent back so a changed tip is confirmed before it is charged.
        var confirmedTip: String?
        /// On the statement's "Pay all" (SPEC F15): the invoices it showed, by id.
        var invoice: [String]?
        /// The balance the pay page showed: a payment is taken only while the invoice still owes it.
        var shownBalance: String?
    }

    /// A card on file as the pay page offers it.
    struct SavedChoice {
        let id: String
        let label: String
        let checked: Bool
    }

    /// The card fields of the pay page and the statement (the `card-fields` partial, SPEC F11): the client's cards on
    /// file and the card typed, as typed (never the number or the code).
    struct CardFields {
        let nameOnCard: String
        let expiry: String
        let sandbox: Bool
        /// The client's cards on file, the chosen one (the default at first) checked; empty for none (SPEC F11).
        let savedCards: [SavedChoice]
        /// Whether there is any.
        let hasSavedCards: Bool
        /// Whether the typed card is the one chosen (no card on file, or "another card" picked).
        let typedChosen: Bool
        /// Whether "Save this card" is offered: the gateway keeps cards, and the page saves them.
        let keepsCards: Bool
        /// Whether "Save this card" is ticked.
        let saveCard: Bool

        /// The fields over `typed`, offering `onFile`; "Save this card" only when `offerSaving`.
        init(typed: PayForm, onFile: [PaymentMethod], sandbox: Bool, offerSaving: Bool) {
            let chosen = typed.paymentMethod ?? onFile.first?.id.rawValue ?? "new"
            (nameOnCard, expiry, self.sandbox) = (typed.nameOnCard ?? "", typed.expiry ?? "", sandbox)
            savedCards = onFile.map { SavedChoice(id: $0.id.rawValue, label: $0.label, checked: $0.id.rawValue == chosen) }
            (hasSavedCards, typedChosen) = (!onFile.isEmpty, !onFile.contains { $0.id.rawValue == chosen })
            (keepsCards, saveCard) = (offerSaving, offerSaving && typed.saveCard == "yes")
        }
    }

    struct PayPage {
        let chrome: PageChrome
        let number: String
        let formURL: String
        let backURL: String
        let balance: String
        let serviceFee: String?
        let feeRate: String
        let charge: String
        let allowsPartial: Bool
        let amount: String
        /// The amount ``charge`` is for, sent back as ``PayForm/confirmedAmount``.
        let confirmedAmount: String
        /// ``charge`` as a form field holds it, sent back as ``PayForm/confirmedCharge``.
        let confirmedCharge: String
        /// ``balance`` as a form field holds it, sent back as ``PayForm/shownBalance``.
        let shownBalance: String
        let idempotencyKey: String
        /// The card on file or typed (the `card-fields` partial).
        let card: CardFields
        /// What is wrong with what was posted (issue #18): the amount and each card field beside it, a declined card
        /// beside its number, the rest in the summary.
        var errors = FormErrors()
        /// Shown when a changed amount was posted: its charge, to confirm; nothing was charged yet.
        var review: String?
        /// A deposit invoice's choice of the deposit or the whole amount (SPEC F13); `nil` for any other.
        var depositChoice: DepositChoice?
        /// Whether the invoice takes a tip: the tip choices show (SPEC F14).
        var tipsAllowed = false
        /// The crew the tip goes to (`Crew 2`).
        var tipCrew = ""
        var tipChoices: [PayTip.Choice] = []
        /// The amount typed for "Another amount".
        var tipAmount = ""
        /// The tip the charge includes, worded; `nil` for none.
        var tip: String?
        /// The tip ``charge`` includes, as a form field holds it, sent back as ``PayForm/confirmedTip``.
        var confirmedTip = ""
    }

    func registerPayments(on routes: some RouterMethods<Context>) {
        routes.get("invoices/:id/pay") { request, context in
            try await paying(request, context) { visit, _, invoice in
                try await payPage(visit, invoice: invoice, typed: PayForm(), key: SecretToken.generate().value)
            }
        }
        routes.post("invoices/:id/pay", use: pay)
        routes.get("receipts/:id", use: receipt)
        routes.get("receipts/{id}.pdf", use: receiptPDF)
    }

    /// The pay form, its button stating the charge, computed here, for the amount typed (the balance until one is
    /// typed, or when the typed one cannot be paid); `reviewing` when a changed amount was posted and is to be
    /// confirmed.
    func payPage(_ visit: PortalVisit, invoice: Invoice, typed: PayForm, key: String, status: HTTPResponse.Status = .ok,
                 errors: FormErrors = FormErrors(), reviewing: Bool = false) async throws -> Response {
        let customer = try visit.requireClient().customer
        let onFile = try await paymentMethods.onFile(for: customer.id, in: visit.account.id)
        let format = visit.format
        let settings = visit.account.settings
        let balance = try invoice.balance
        let typedAmount = settings.allowsPartialPayments ? typed.amount.flatMap { try? format.parseAmount($0) } : nil
        let payable = typedAmount.flatMap { $0 > .zero && $0 <= balance ? $0 : nil }
        // A tip that cannot be charged is left out of the stated charge; the error beside it says why.
        let crew = try await payments.tipCrew(for: invoice, account: visit.account)
        let tipping = crew != nil
        let typedTip = tipping ? (try? PayTip.amount(typed, on: payable ?? balance, format: format).get()) ?? .zero : .zero
        let tip = InvoicePayments.problem(tipping: typedTip, on: payable ?? balance, account: visit.account) == nil ? typedTip : .zero
        let quote = try InvoicePayments.Quote(amount: payable ?? balance, settings: settings, tip: tip)
        var page = PayPage(
            chrome: visit.chrome("Pay invoice \(invoice.number)"), number: invoice.number,
            formURL: visit.path("/invoices/\(invoice.id)/pay"), backURL: visit.path("/invoices/\(invoice.id)"),
            balance: format.money(balance),
            serviceFee: settings.serviceFeeBasisPoints > 0 ? format.money(quote.serviceFee) : nil,
            feeRate: format.percent(basisPoints: settings.serviceFeeBasisPoints), charge: format.money(quote.charge),
            allowsPartial: settings.allowsPartialPayments,
            amount: settings.allowsPartialPayments ? typed.amount ?? format.amountField(balance) : format.amountField(balance),
            confirmedAmount: format.amountField(quote.amount), confirmedCharge: format.amountField(quote.charge), shownBalance: format.amountField(balance), idempotencyKey: key,
            card: CardFields(typed: typed, onFile: onFile, sandbox: payments.gatewayDriverName == "sandbox", offerSaving: paymentMethods.available))
        page.errors = errors
        page.depositChoice = Self.depositChoice(for: invoice, visit: visit)
        if let crew {
            page.tipsAllowed = true
            page.tipCrew = crew
            page.tipChoices = PayTip.choices(typed, on: quote.amount, format: format)
            page.tipAmount = typed.tipAmount ?? ""
            page.tip = tip > .zero ? format.money(tip) : nil
            page.confirmedTip = format.amountField(tip)
        }
        if reviewing {
            let fee = quote.serviceFee > .zero ? " with the \(format.money(quote.serviceFee)) service fee" : ""
            let tipped = tip > .zero ? " and a \(format.money(tip)) tip" : ""
            page.review = "Paying \(format.money(quote.amount))\(tipped) charges your card \(format.money(quote.charge))\(fee). Nothing was charged yet: "
                + "enter the card number and security code again, then press Pay \(format.money(quote.charge))."
        }
        return visit.page("pay", page, status: status)
    }

    /// `POST /invoices/{id}/pay`: charges once per idempotency key, then shows the receipt. An amount other than the
    /// one the page's button stated is not charged: the page comes back with its charge, to confirm.
    @Sendable func pay(_ request: Request, context: Context) async throws -> Response {
        try await paying(request, context) { visit, client, invoice in
            let form = try await visit.form(PayForm.self, context: context)
            let key = form.idempotencyKey ?? ""
            let amount: Money
            if visit.account.settings.allowsPartialPayments {
                do throws(AmountEntryError) {
                    amount = try visit.format.parseAmount(form.amount ?? "")
                } catch {
                    return try await payPage(visit, invoice: invoice, typed: form, key: key, status: .unprocessableContent,
                                       errors: FormErrors(error.description, field: "amount"))
                }
            } else {
                amount = try invoice.balance
            }
            if let problem = try InvoicePayments.problem(paying: amount, on: invoice, account: visit.account) {
                return try await payPage(visit, invoice: invoice, typed: form, key: key, status: .unprocessableContent,
                                   errors: FormErrors(problem, field: "amount"))
            }
            var tip = Money.zero
            if try await payments.tipCrew(for: invoice, account: visit.account) != nil {
                switch PayTip.amount(form, on: amount, format: visit.format) {
                case .success(let typed): tip = typed
                case .failure(let error):
                    return try await payPage(visit, invoice: invoice, typed: form, key: key, status: .unprocessableContent,
                                             errors: FormErrors(error.description, field: "tipAmount"))
                }
                if let problem = InvoicePayments.problem(tipping: tip, on: amount, account: visit.account) {
                    return try await payPage(visit, invoice: invoice, typed: form, key: key, status: .unprocessableContent,
                                             errors: FormErrors(problem, field: "tipAmount"))
                }
            }
            // A form without the field is the one first shown, whose button states the balance (and no tip).
            let confirmed = try form.confirmedAmount.flatMap { try? visit.format.parseAmount($0) } ?? invoice.balance
            let confirmedTip = form.confirmedTip.flatMap { try? visit.format.parseAmount($0) } ?? .zero
            guard confirmed == amount, confirmedTip == tip else {
                return try await payPage(visit, invoice: invoice, typed: form, key: key, reviewing: true)
            }
            let card: InvoicePayments.Card
            switch Self.chosenCard(form, saving: form.saveCard == "yes") {
            case .success(let chosen): card = chosen
            case .failure(let errors):
                return try await payPage(visit, invoice: invoice, typed: form, key: key, status: .unprocessableContent, errors: errors)
            }
            let outcome = try await payments.pay(
                invoice.id, of: client.customer, account: visit.account, amount: amount, tip: tip, with: card, idempotencyKey: key,
                actorEmail: client.email, origin: visit.origin,
                expectedCharge: form.confirmedCharge.flatMap { try? visit.format.parseAmount($0) },
                shownBalance: form.shownBalance.flatMap { try? visit.format.parseAmount($0) })
            switch outcome {
            case .paid(let payment):
                return visit.redirect(to: visit.path("/receipts/\(payment.id)?paid=now"))
            case .paidCardNotSaved(let payment, _):
                return visit.redirect(to: visit.path("/receipts/\(payment.id)?paid=now&card=notSaved"))
            case .declined(let message):
                // A new key: trying another card is a new attempt.
                return try await payPage(visit, invoice: invoice, typed: form, key: SecretToken.generate().value,
                               status: .init(code: 402, reasonPhrase: "Payment Required"),
                               errors: FormErrors(message, field: "number", heading: "The payment did not go through"))
            case .gatewayUnavailable(let message):
                return try await payPage(visit, invoice: invoice, typed: form, key: key, status: .serviceUnavailable,
                               errors: FormErrors(message, heading: "The payment did not go through"))
            case .invalid(let message):
                // A card no longer on file is about the card choice; the rest about the amount.
                let field = card.isSaved && message.hasPrefix("That card") ? "paymentMethod" : "amount"
                return try await payPage(visit, invoice: invoice, typed: form, key: key, status: .unprocessableContent,
                               errors: FormErrors(message, field: field))
            case .nothingOwed:
                return visit.redirect(to: visit.path("/invoices/\(invoice.id)"))
            case .balanceChanged(let due):
                // The page again over the invoice as it is now, its amount the new balance, not the one typed for the old.
                guard let current = try await portal.invoice(invoice.id, of: client.customer.id, account: visit.account) else { return visit.notFound() }
                var fresh = form
                (fresh.amount, fresh.confirmedAmount, fresh.confirmedTip, fresh.tip) = (nil, nil, nil, nil)
                return try await payPage(
                    visit, invoice: current, typed: fresh, key: key, status: .conflict,
                    errors: FormErrors("This invoice changed since the page was shown: \(visit.format.money(due)) is due now. Nothing was charged; check the amount and pay again."))
            case .startAgain(let message):
                // A new key: the old one's charge was given back and must never be reused.
                return try await payPage(visit, invoice: invoice, typed: form, key: SecretToken.generate().value, status: .conflict,
                               errors: FormErrors(message))
            case .inProgress:
                return try await payPage(
                    visit, invoice: invoice, typed: form, key: key, status: .conflict,
                    errors: FormErrors("This payment is already being processed. Wait a moment, then open the invoice again."))
            }
        }
    }

    /// The card `form` pays with (SPEC F11): a card on file chosen, or the card typed (kept afterwards when `saving`);
    /// the problems to show beside the fields when the typed card cannot be read, or a card was typed while one on file
    /// is chosen (which one the client meant is not ours to guess).
    static func chosenCard(_ form: PayForm, saving: Bool) -> Result<InvoicePayments.Card, FormErrors> {
        if let chosen = form.paymentMethod, !chosen.isEmpty, chosen != "new" {
            guard (form.cardNumber ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
                return .failure(FormErrors(
                    "You chose a saved card and also typed a card number: choose “Another card” to pay with the typed one, or clear the number.",
                    field: "paymentMethod"))
            }
            return .success(.saved(PaymentMethod.ID(rawValue: chosen)))
        }
        guard let typed = card(from: form) else { return .failure(cardErrors(form)) }
        return .success(.typed(typed, save: saving))
    }

    /// The card as typed, or `nil` when a field is missing or the expiry is not `MM/YY` (``cardErrors(_:)`` says which).
    static func card(from form: PayForm) -> CardDetails? {
        guard cardErrors(form).isEmpty, let (month, year) = expiry(form) else { return nil }
        return CardDetails(
            number: form.cardNumber ?? "", expiryMonth: month, expiryYear: year,
            securityCode: (form.securityCode ?? "").trimmingCharacters(in: .whitespaces),
            nameOnCard: (form.nameOnCard ?? "").trimmingCharacters(in: .whitespaces))
    }

    /// What is wrong with each card field as typed, all at once, beside each (issue #18).
    static func cardErrors(_ form: PayForm) -> FormErrors {
        var errors = FormErrors()
        if (form.nameOnCard ?? "").trimmingCharacters(in: .whitespaces).isEmpty { errors.add("Enter the name on the card.", field: "name") }
        if (form.cardNumber ?? "").filter(\.isNumber).count < 12 { errors.add("Enter the card number.", field: "number") }
        if expiry(form) == nil { errors.add("Enter the expiry as MM/YY, such as 04/29.", field: "expiry") }
        if (form.securityCode ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.add("Enter the security code (the 3 or 4 digits on the card).", field: "cvc")
        }
        return errors
    }

    /// The expiry's month (1 to 12) and year as typed, `MM/YY`.
    private static func expiry(_ form: PayForm) -> (Int, Int)? {
        let parts = (form.expiry ?? "").split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let month = Int(parts[0]), (1...12).contains(month), let year = Int(parts[1]) else { return nil }
        return (month, year)
    }

    /// Runs `body` with the logged-in client's visible invoice named by `:id` that still has a balance. A pay form sent
    /// again after it paid (a double press, the back button) goes to its receipt, also when that payment took the
    /// invoice out of the portal (SPEC F10, I3).
    private func paying(
        _ request: Request, _ context: Context,
        _ body: (PortalVisit, ClientSessions.Client, Invoice) async throws -> Response
    ) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let id = Invoice.ID(rawValue: try context.parameters.require("id"))
        let invoice = try await portal.invoice(id, of: client.customer.id, account: visit.account)
        if request.method == .post, try invoice.map({ try $0.balance <= .zero }) ?? true {
            let key = try await visit.form(PayForm.self, context: context).idempotencyKey ?? ""
            if let paid = try await portal.payment(idempotencyKey: key, of: client.customer.id, invoice: id, account: visit.account) {
                return visit.redirect(to: visit.path("/receipts/\(paid.id)?paid=now"))
            }
        }
        guard let invoice else {
            guard request.method == .get else { return visit.notFound() }
            return try await anotherCustomersInvoice(id, visit: visit, client: client, then: "/invoices/\(id)/pay")
        }
        guard try invoice.balance > .zero else { return visit.redirect(to: visit.path("/invoices/\(invoice.id)")) }
        return try await body(visit, client, invoice)
    }

    struct ReceiptPage {
        let chrome: PageChrome
        let number: String
        let paidOn: String
        let amount: String
        let serviceFee: String?
        /// The tip for the crew, its own line (SPEC F14); `nil` for none.
        let tip: String?
        let charged: String
        /// What refunds gave back of the charge since (SPEC F15); `nil` for none.
        let refunded: String?
        let card: String?
        let reference: String
        let balance: String
        /// The invoice's page; `nil` once the invoice has left the portal (SPEC I2–I3).
        let invoiceURL: String?
        let homeURL: String
        /// The receipt as a PDF (SPEC F16).
        let pdfURL: String
        /// Why the card the client asked to save was not (SPEC F11); `nil` otherwise.
        var notice: String?
        /// Whether the client has just paid (the thank-you shows then, not when the receipt is opened later).
        var justPaid = false
    }

    /// `GET /receipts/{id}`: one of the client's payments.
    @Sendable func receipt(_ request: Request, context: Context) async throws -> Response {
        try await receipt(request, context) { visit, _, model in
            var page = model
            page.justPaid = request.uri.queryParameters.get("paid") == "now"
            page.notice = request.uri.queryParameters.get("card") == "notSaved"
                ? "Your payment went through, but the card could not be saved for next time. You can save it when you next pay." : nil
            return visit.page("receipt", page)
        }
    }

    /// `GET /receipts/{id}.pdf` (SPEC F16): the receipt page as a PDF.
    @Sendable func receiptPDF(_ request: Request, context: Context) async throws -> Response {
        try await receipt(request, context) { visit, client, page in
            let pdf = try await pdfs.pdf(PrintedDocuments.receipt(page, account: visit.account, customer: client.customer), of: visit.account)
            return FileResponse.pdf(pdf, name: "Receipt \(page.number) \(page.reference).pdf")
        }
    }

    /// Runs `body` with the model of the logged-in client's receipt named by `:id` (what its page and PDF show), or
    /// answers 404.
    private func receipt(
        _ request: Request, _ context: Context, _ body: (PortalVisit, ClientSessions.Client, ReceiptPage) async throws -> Response
    ) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let id = Payment.ID(rawValue: try context.parameters.require("id"))
        guard let (payment, invoice, invoiceShown) = try await portal.receipt(id, of: client.customer.id, account: visit.account) else {
            return visit.notFound()
        }
        let format = visit.format
        let page = ReceiptPage(
            chrome: visit.chrome("Receipt"), number: invoice.number, paidOn: format.instant(payment.receivedAt),
            amount: format.money(payment.amount),
            serviceFee: payment.serviceFee == .zero ? nil : format.money(payment.serviceFee),
            tip: payment.tip.map(format.money), charged: format.money(try payment.charged),
            refunded: payment.refunded.map(format.money), card: payment.card?.description,
            reference: payment.gatewayReference ?? payment.id.rawValue, balance: format.money(try invoice.balance),
            invoiceURL: invoiceShown ? visit.path("/invoices/\(invoice.id)") : nil, homeURL: visit.path(), pdfURL: visit.path("/receipts/\(payment.id).pdf"))
        return try await body(visit, client, page)
    }
}
