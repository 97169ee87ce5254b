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
        /// Autopay (SPEC F12): on since when, or the wording to agree to (with its hash), or nothing without a card.
        let autopay: AutopaySection
    }

    struct AutopaySection {
        let on: Bool
        let since: String?
        let wording: String?
        let wordingHash: String?
        let onURL: String
        let offURL: String
    }

    struct PaymentMethodForm: PortalForm {
        var csrf: String?
        /// `yes` when the client ticked that they agree to the autopay wording.
        var agree: String?
        /// The SHA-256 of the wording the page showed.
        var wordingHash: String?
    }

    static let paymentMethodNotices = [
        "removed": "The card is removed.", "default": "That card is now your default.", "autopayOn": "Autopay is on.",
        "removedNewDefault": "The card is removed. The card marked Default below is now the one we charge, autopay included.",
        "removedAutopayOff": "The card is removed. Autopay is off: no card is left to charge.",
        "autopayOff": "Autopay is off: nothing more will be charged automatically.",
    ]

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

    func registerAutopay(on routes: some RouterMethods<Context>) {
        routes.post("autopay") { request, context in
            let visit = try PortalVisit(request, context: context, front: front)
            let client = try visit.requireClient()
            let form = try await visit.form(PaymentMethodForm.self, context: context)
            guard form.agree == "yes" else {
                return try await paymentMethodsPage(
                    visit, client: client, errors: FormErrors("Tick that you agree to the wording to turn autopay on.", field: "agree"),
                    status: .unprocessableContent)
            }
            let who = ClientActor(customer: client.customer, email: client.email, origin: visit.origin)
            switch try await autopays.turnOn(account: visit.account, by: who, agreedHash: form.wordingHash ?? "") {
            case .done: return visit.redirect(to: visit.path("/payment-methods?done=autopayOn"))
            case .needsCard:
                return try await paymentMethodsPage(visit, client: client, errors: FormErrors("Save a card first: autopay charges your default card."), status: .conflict)
            case .wordingChanged:
                return try await paymentMethodsPage(
                    visit, client: client, errors: FormErrors("The wording changed since you read it: read it again, and tick to agree."), status: .conflict)
            case .notOn: return visit.redirect(to: visit.path("/payment-methods"))
            }
        }
        routes.post("autopay/off") { request, context in
            let visit = try PortalVisit(request, context: context, front: front)
            let client = try visit.requireClient()
            _ = try await visit.form(PaymentMethodForm.self, context: context)
            _ = try await autopays.turnOff(account: visit.account, by: ClientActor(customer: client.customer, email: client.email, origin: visit.origin))
            return visit.redirect(to: visit.path("/payment-methods?done=autopayOff"))
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
        let wasDefault = try await paymentMethods.method(id, of: client.customer.id, in: visit.account.id)?.isDefault == true
        let autopayWasOn = try await autopays.state(of: client.customer.id, in: visit.account.id)?.enabled == true
        switch try await change(id, visit.account, who) {
        case .done:
            // A removal that moved the default, or turned autopay off with the last card, says so (SPEC F12).
            var notice = done
            if done == "removed" {
                let autopayOn = try await autopays.state(of: client.customer.id, in: visit.account.id)?.enabled == true
                let cardsLeft = try await paymentMethods.onFile(for: client.customer.id, in: visit.account.id)
                if autopayWasOn && !autopayOn {
                    notice = "removedAutopayOff"
                } else if wasDefault && !cardsLeft.isEmpty {
                    notice = "removedNewDefault"
                }
            }
            return visit.redirect(to: visit.path("/payment-methods?done=\(notice)"))
        case .notFound: return visit.notFound()
        case .declined(let message), .gatewayUnavailable(let message):
            return try await paymentMethodsPage(visit, client: client, errors: FormErrors(message), status: .serviceUnavailable)
        }
    }

    func paymentMethodsPage(
        _ visit: PortalVisit, client: ClientSessions.Client, notice: String? = nil, errors: FormErrors = FormErrors(),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let methods = try await paymentMethods.onFile(for: client.customer.id, in: visit.account.id)
        let state = try await autopays.state(of: client.customer.id, in: visit.account.id)
        let wording = state?.enabled == true ? nil : Autopays.wording(cards: methods, account: visit.account)
        let autopay = AutopaySection(
            on: state?.enabled == true, since: state.flatMap { $0.enabled ? visit.format.instant($0.consentedAt) : nil }, wording: wording,
            wordingHash: wording.map(SecretToken.hash(of:)), onURL: visit.path("/autopay"), offURL: visit.path("/autopay/off"))
        let page = PaymentMethodsPage(
            chrome: visit.chrome("Payment methods"), notice: notice, errors: errors,
            methods: methods.map {
                .init(
                    label: $0.label, isDefault: $0.isDefault, removeURL: visit.path("/payment-methods/\($0.id)/remove"),
                    defaultURL: visit.path("/payment-methods/\($0.id)/default"))
            },
            keepsCards: paymentMethods.available, backURL: visit.path(), autopay: autopay)
        return visit.page("payment-methods", page, status: status)
    }
}
