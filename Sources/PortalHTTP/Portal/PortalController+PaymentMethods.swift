import Hummingbird
import PortalKernel

/// The client's saved cards (SPEC F11): `/payment-methods` lists them with Remove and Make default; cards are saved
/// on the pay page ("Save this card"). Another customer's card, or one removed, is the portal's 404.
extension PortalController {
    struct PaymentMethodsPage {
        struct Method {
            let label: String
            let isDefault: Bool
            let removeURL: String
            let defaultURL: String
        }
        let chrome: PageChrome
        let notice: String?
        let errors: FormErrors
        let methods: [Method]
        let keepsCards: Bool
        let backURL: String
    }

    struct PaymentMethodForm: PortalForm {
        var csrf: String?
    }

    static let paymentMethodNotices = ["removed": "The card is removed.", "default": "That card is now your default."]

    func registerPaymentMethods(on routes: some RouterMethods<Context>) {
        routes.get("payment-methods") { request, context in
            let visit = try PortalVisit(request, context: context, front: front)
            let client = try visit.requireClient()
            return try await paymentMethodsPage(
                visit, client: client, notice: Self.paymentMethodNotices[request.uri.queryParameters.get("done").map { String($0) } ?? ""])
        }
        routes.post("payment-methods/:id/remove") { request, context in
            try await changingPaymentMethod(request, context, done: "removed") { id, account, client in
                try await paymentMethods.remove(id, account: account, by: client)
            }
        }
        routes.post("payment-methods/:id/default") { request, context in
            try await changingPaymentMethod(request, context, done: "default") { id, account, client in
                try await paymentMethods.makeDefault(id, account: account, by: client)
            }
        }
    }

    /// Runs `change` on the client's card named by `:id` and goes back to the list with `done`'s notice; a card not
    /// on file is the 404 page, and a gateway that cannot be reached shows the list with its message (503).
    private func changingPaymentMethod(
        _ request: Request, _ context: Context, done: String,
        _ change: (PaymentMethod.ID, Account, SavedPaymentMethods.Client) async throws -> SavedPaymentMethods.Outcome
    ) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        _ = try await visit.form(PaymentMethodForm.self, context: context)
        let id = PaymentMethod.ID(rawValue: try context.parameters.require("id"))
        let who = SavedPaymentMethods.Client(customer: client.customer, email: client.email, origin: visit.origin)
        switch try await change(id, visit.account, who) {
        case .done: return visit.redirect(to: visit.path("/payment-methods?done=\(done)"))
        case .notFound: return visit.notFound()
        case .declined(let message), .gatewayUnavailable(let message):
            return try await paymentMethodsPage(visit, client: client, errors: FormErrors(message), status: .serviceUnavailable)
        }
    }

    private func paymentMethodsPage(
        _ visit: PortalVisit, client: ClientSessions.Client, notice: String? = nil, errors: FormErrors = FormErrors(),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let methods = try await paymentMethods.onFile(for: client.customer.id, in: visit.account.id)
        let page = PaymentMethodsPage(
            chrome: visit.chrome("Payment methods"), notice: notice, errors: errors,
            methods: methods.map {
                .init(
                    label: $0.label, isDefault: $0.isDefault, removeURL: visit.path("/payment-methods/\($0.id)/remove"),
                    defaultURL: visit.path("/payment-methods/\($0.id)/default"))
            },
            keepsCards: paymentMethods.available, backURL: visit.path())
        return visit.page("payment-methods", page, status: status)
    }
}
