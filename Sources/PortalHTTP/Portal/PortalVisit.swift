import Foundation
import Hummingbird
import PortalKernel

/// One request to an account's portal: the account, the logged-in client if any (both from the context, #20), the
/// CSRF token, and the helpers to answer with a page or a redirect.
struct PortalVisit: BrowserVisit {
    static let sessionCookieName = "portal_session"

    let front: BrowserFront
    let request: Request
    let account: Account
    private(set) var client: ClientSessions.Client?
    let csrfToken: String
    let csrfIsNew: Bool
    let origin: RequestOrigin

    /// The visit of `request` to the context's account, with the client ``ClientSessionAuthenticator`` found.
    /// - Throws: 404 when no account was set (a route outside ``PortalAccountMiddleware``: a defect).
    init(_ request: Request, context: ClientRequestContext, front: BrowserFront) throws {
        guard let account = context.account else { throw HTTPError(.notFound) }
        let csrf = front.csrf.token(for: request)
        (self.front, self.request, self.account, client) = (front, request, account, context.identity)
        (csrfToken, csrfIsNew) = (csrf.value, csrf.isNew)
        origin = ClientAddress.origin(of: request, context: context, proxies: front.proxies)
    }

    /// The plain 404 page, outside any account (an unknown portal key, a dead proposal link).
    static func notFoundPage(front: BrowserFront, request: Request) -> Response {
        let csrf = front.csrf.token(for: request)
        let chrome = PageChrome(title: "Page not found", brandName: "Client Portal", csrf: csrf.value)
        return front.renderer.render("not-found", ["chrome": chrome], status: .notFound)
    }

    var format: Formatting { Formatting(account: account) }

    /// The account's portal link.
    var portalURL: String { front.links.portal(account) }

    /// A path under this portal (`/portal/{key}/invoices/…`), relative to the server.
    func path(_ suffix: String = "") -> String { "/portal/\(account.portalKey)\(suffix)" }

    /// The layout's data for a page titled `title`.
    func chrome(_ title: String) -> PageChrome {
        let branding = account.branding
        return PageChrome(
            title: title, brandName: branding.displayName, logoURL: branding.logoURL, brandPhone: branding.phone,
            brandPhoneURI: branding.phone.flatMap(TelephoneURI.of),
            brandEmail: branding.email, homeURL: path(), themeURL: path("/theme.css"),
            client: client.map { PageChrome.ClientChrome(name: $0.customer.displayName) }, logoutURL: path("/logout"),
            csrf: csrfToken)
    }

    /// The 404 page of this account: someone else's record answers exactly like one that does not exist.
    func notFound() -> Response {
        page("not-found", ["chrome": chrome("Page not found")], status: .notFound)
    }

    /// The logged-in client, on a route behind ``IdentityRequired`` (which sent anyone else to the login page).
    func requireClient() throws -> ClientSessions.Client {
        guard let client else { throw HTTPError(.unauthorized) }
        return client
    }

    /// This visit once its client logged out: the login page it answers shows no client.
    func loggedOut() -> PortalVisit {
        var visit = self
        visit.client = nil
        return visit
    }

    /// The login page: what ``IdentityRequired`` answers on a client's pages to anyone not logged in.
    func loginRedirect() -> Response {
        redirect(to: path("/login"))
    }

    func expiredFormPage() -> Response {
        page(
            "message",
            MessagePage(
                chrome: chrome("Form expired"), heading: "This form has expired", paragraphs: [expiredFormAdvice],
                link: .init(url: path(), label: "Back to the portal")),
            status: .forbidden)
    }

    /// The session cookie for a new session, scoped to this portal's path so two companies' portals on one host
    /// never share a login.
    func sessionCookie(_ value: String) -> Cookie {
        sessionCookie(named: Self.sessionCookieName, value, path: path(), lifetime: front.policy.sessionLifetime)
    }

    /// A cookie that removes the session cookie.
    func expiredSessionCookie() -> Cookie { sessionCookie("") }
}

/// A finished response thrown from deep inside a handler (a 404 page, a redirect to login).
struct PageResponse: HTTPResponseError {
    let response: Response

    init(_ response: Response) {
        self.response = response
    }

    var status: HTTPResponse.Status { response.status }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}

/// A generic page: a heading, a few paragraphs and a link.
struct MessagePage {
    struct Link {
        let url: String
        let label: String
    }

    let chrome: PageChrome
    let heading: String
    let paragraphs: [String]
    var link: Link?
}
