import Hummingbird
import PortalKernel

/// Paying a deposit invoice (SPEC F13): the deposit, or at the client's choice the whole amount.
extension PortalController {
    /// The pay page's choice between the deposit and the whole amount, offered while nothing is paid.
    struct DepositChoice {
        /// What the invoice asks for now, and what else it could ask for.
        let explanation: String
        let formURL: String
        /// `whole` or `deposit`: the other choice, which the button makes.
        let choice: String
        let button: String
    }

    struct DepositChoiceForm: PortalForm {
        var csrf: String?
        /// `whole` for the whole accepted amount, `deposit` for the deposit only.
        var choice: String?
    }

    func registerDeposits(on routes: some RouterMethods<Context>) {
        routes.post("invoices/:id/deposit-choice", use: chooseDeposit)
    }

    /// The choice `invoice`'s pay page offers: `nil` for an invoice that is no deposit, has a payment, or whose deposit
    /// is the whole amount.
    static func depositChoice(for invoice: Invoice, visit: PortalVisit) -> DepositChoice? {
        guard let terms = invoice.deposit, invoice.amountPaid == .zero, terms.amount < terms.wholeAmount else { return nil }
        let format = visit.format
        let (deposit, whole) = (format.money(terms.amount), format.money(terms.wholeAmount))
        let url = visit.path("/invoices/\(invoice.id)/deposit-choice")
        return terms.paysWhole
            ? DepositChoice(
                explanation: "You are paying the whole amount, \(whole). The deposit alone is \(deposit); the rest would be invoiced later.",
                formURL: url, choice: "deposit", button: "Pay only the deposit, \(deposit)")
            : DepositChoice(
                explanation: "This is the deposit, \(deposit), of the \(whole) you accepted. The rest is invoiced later, or you can pay it all now.",
                formURL: url, choice: "whole", button: "Pay the whole \(whole) instead")
    }

    /// `POST /invoices/{id}/deposit-choice`: the deposit invoice asks for the deposit or the whole amount; back to its
    /// pay page, which states the new charge.
    @Sendable func chooseDeposit(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let form = try await visit.form(DepositChoiceForm.self, context: context)
        let id = Invoice.ID(rawValue: try context.parameters.require("id"))
        guard let invoice = try await portal.invoice(id, of: client.customer.id, account: visit.account) else { return visit.notFound() }
        // An invoice that is no deposit has nothing to choose: its own page says what it asks for.
        guard invoice.deposit != nil else { return visit.redirect(to: visit.path("/invoices/\(invoice.id)")) }
        guard let choice = form.choice, choice == "whole" || choice == "deposit" else {
            return try await payPage(visit, invoice: invoice, typed: PayForm(), key: SecretToken.generate().value, status: .unprocessableContent,
                                     errors: FormErrors("Choose the deposit or the whole amount."))
        }
        switch try await deposits.choose(paysWhole: choice == "whole", on: invoice.id, of: client.customer.id, account: visit.account) {
        case .changed:
            return visit.redirect(to: visit.path("/invoices/\(invoice.id)/pay"))
        case .paidAlready(let current):
            guard try current.balance > .zero else { return visit.redirect(to: visit.path("/invoices/\(invoice.id)")) }
            return try await payPage(visit, invoice: current, typed: PayForm(), key: SecretToken.generate().value, status: .conflict,
                                     errors: FormErrors("Part of this invoice is paid already, so it stays as it is."))
        case .inProgress:
            return try await payPage(visit, invoice: invoice, typed: PayForm(), key: SecretToken.generate().value, status: .conflict,
                                     errors: FormErrors("A payment of this invoice is being processed. Wait a moment, then open the invoice again."))
        case .notFound:
            return visit.notFound()
        }
    }
}
