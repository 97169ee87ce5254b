import Hummingbird
import PortalKernel

/// Login by emailed link (SPEC F2, F3) and logout.
extension PortalController {
    struct LoginForm: PortalForm {
        var csrf: String?
        var email: String?
    }

    struct TokenForm: PortalForm {
        var csrf: String?
    }

    struct LoginPage {
        let chrome: PageChrome
        let formURL: String
        let requestServiceURL: String
        var email = ""
        var notice: String?
        var errors = FormErrors()
    }

    func registerLogin(on routes: some RouterMethods<Context>) {
        routes.get("login") { request, context in
            let visit = try PortalVisit(request, context: context, front: front)
            if visit.client != nil { return visit.redirect(to: visit.path()) }
            return loginPage(visit)
        }
        routes.post("login", use: requestLink)
        routes.get("auth/:token", use: linkPage)
        routes.post("auth/:token", use: useLink)
        routes.post("logout", use: logout)
    }

    func loginPage(_ visit: PortalVisit, email: String = "", notice: String? = nil, errors: FormErrors = FormErrors(),
                   status: HTTPResponse.Status = .ok) -> Response {
        visit.page(
            "login",
            LoginPage(
                chrome: visit.chrome("Log in"), formURL: visit.path("/login"),
                requestServiceURL: visit.path("/request-service"), email: email, notice: notice, errors: errors),
            status: status)
    }

    /// `POST /login`: the same "check your email" page whether or not the address matched.
    @Sendable func requestLink(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let form = try await visit.form(LoginForm.self, context: context)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty, email.count <= 254 else {
            return loginPage(visit, email: email, errors: FormErrors("Enter your email address.", field: "email"), status: .unprocessableContent)
        }
        switch try await loginLinks.request(email: email, account: visit.account, origin: visit.origin) {
        case .rateLimited:
            return loginPage(
                visit, email: email,
                errors: FormErrors(
                    "You have asked for several links in a short time. Use the newest email, or try again in \(Int(front.policy.rateLimitWindow / 60)) minutes."),
                status: .tooManyRequests)
        case .accepted:
            struct CheckEmail {
                let chrome: PageChrome
                let email: String
                let minutes: Int
                let loginURL: String
            }
            return visit.page(
                "check-email",
                CheckEmail(
                    chrome: visit.chrome("Check your email"), email: email,
                    minutes: Int(front.policy.loginLinkLifetime / 60), loginURL: visit.path("/login")))
        }
    }

    /// `GET /auth/{token}`: a button, and nothing used up, since mail scanners open every link (SPEC F3).
    @Sendable func linkPage(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let token = try context.parameters.require("token")
        guard SecretToken.isWellFormed(token),
            try await loginLinks.state(of: token, account: visit.account) == .usable
        else { return unusableLinkPage(visit) }
        struct Continue {
            let chrome: PageChrome
            let formURL: String
        }
        return visit.page("auth-continue", Continue(chrome: visit.chrome("Continue to your portal"), formURL: visit.path("/auth/\(token)")))
    }

    /// `POST /auth/{token}`: uses the token, starts a session with a new id, and opens the client's home.
    @Sendable func useLink(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        _ = try await visit.form(TokenForm.self, context: context)
        let token = try context.parameters.require("token")
        guard SecretToken.isWellFormed(token),
            let started = try await loginLinks.redeem(token: token, account: visit.account, origin: visit.origin)
        else { return unusableLinkPage(visit) }
        if let previous = visit.client { try await sessions.replace(previous) }
        var response = visit.redirect(to: visit.path())
        response.setCookie(visit.sessionCookie(started.cookieValue.value))
        return response
    }

    func unusableLinkPage(_ visit: PortalVisit) -> Response {
        struct Unusable {
            let chrome: PageChrome
            let loginURL: String
        }
        return visit.page(
            "auth-unusable", Unusable(chrome: visit.chrome("Link expired"), loginURL: visit.path("/login")), status: .gone)
    }

    /// `POST /logout`: removes the session from storage and the cookie from the browser.
    @Sendable func logout(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        _ = try await visit.form(TokenForm.self, context: context)
        if let client = visit.client { try await sessions.end(client, origin: visit.origin) }
        var response = loginPage(visit.loggedOut(), notice: "You are logged out.")
        response.setCookie(visit.expiredSessionCookie())
        return response
    }

    /// `POST /switch`: look at another customer the same email belongs to.
    @Sendable func switchCustomer(_ request: Request, context: Context) async throws -> Response {
        struct SwitchForm: PortalForm {
            var csrf: String?
            var customer: String?
            /// Where in the portal to go once switched (`/invoices/{id}/pay`); the home when absent or not a path of
            /// the portal.
            var then: String?
        }
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let form = try await visit.form(SwitchForm.self, context: context)
        guard let id = form.customer, try await sessions.switchCustomer(of: client, to: Customer.ID(rawValue: id)) else {
            return visit.notFound()
        }
        return visit.redirect(to: visit.path(Self.portalPath(form.then)))
    }

    struct SwitchCustomerPage {
        let chrome: PageChrome
        let heading: String
        let text: String
        let formURL: String
        let customer: String
        let then: String
        let button: String
        let homeURL: String
    }

    /// The invoice `id` of another of the logged-in client's customers (one email, several customers: a link emailed to
    /// one while the portal shows the other): a page that switches to that customer and goes on to `then`. Any other
    /// invoice is the same 404 as a missing one.
    func anotherCustomersInvoice(_ id: Invoice.ID, visit: PortalVisit, client: ClientSessions.Client, then: String) async throws -> Response {
        for other in client.customers where other.id != client.customer.id {
            guard try await portal.invoice(id, of: other.id, account: visit.account) != nil else { continue }
            return visit.page(
                "switch-customer",
                SwitchCustomerPage(
                    chrome: visit.chrome("Switch to \(other.displayName)"), heading: "This invoice is \(other.displayName)'s",
                    text: "Your portal shows \(client.customer.displayName) now. Switch to \(other.displayName) to see this invoice and pay it.",
                    formURL: visit.path("/switch"), customer: other.id.rawValue, then: then, button: "Switch to \(other.displayName)",
                    homeURL: visit.path()))
        }
        return visit.notFound()
    }

    /// `path` when it is a path inside the portal (`/invoices/…`: one leading slash, no scheme, no backslash, no
    /// dot segment), else the portal's home (""): a form can never send the client elsewhere.
    static func portalPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), !path.contains(".."),
            path.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F })
        else { return "" }
        return path
    }
}
