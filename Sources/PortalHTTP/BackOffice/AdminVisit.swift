import Foundation
import Hummingbird
import PortalKernel

/// One request to the back office: the logged-in staff user if any (from the context, #20), the CSRF token, and how to
/// answer.
struct AdminVisit: BrowserVisit {
    static let sessionCookieName = "admin_session"

    let front: BrowserFront
    let request: Request
    let staff: StaffSessions.Staff?
    let csrfToken: String
    let csrfIsNew: Bool
    let origin: RequestOrigin

    /// The visit of `request`, with the staff user ``StaffSessionAuthenticator`` found.
    init(_ request: Request, context: StaffRequestContext, front: BrowserFront) {
        let csrf = front.csrf.token(for: request)
        (self.front, self.request, staff) = (front, request, context.identity)
        (csrfToken, csrfIsNew) = (csrf.value, csrf.isNew)
        origin = ClientAddress.origin(of: request, context: context, proxies: front.proxies)
    }

    /// The layout's data: the account, the staff user, and the menu (settings for admins only).
    func chrome(_ title: String, section: String? = nil) -> AdminChrome {
        var nav: [NavLink] = [
            .init(url: "/admin/leads", label: "Leads", current: section == "leads"),
            .init(url: "/admin/customers", label: "Customers", current: section == "customers"),
            .init(url: "/admin/visits", label: "Visits", current: section == "visits"),
            .init(url: "/admin/tips", label: "Tips", current: section == "tips"),
            .init(url: "/admin/emails/failed", label: "Failed emails", current: section == "emails"),
        ]
        if staff?.user.role == .admin {
            nav.append(.init(url: "/admin/settings", label: "Settings", current: section == "settings"))
            nav.append(.init(url: "/admin/templates", label: "Email templates", current: section == "templates"))
        }
        return AdminChrome(
            title: title, accountName: staff?.account.branding.displayName, staffName: staff?.user.name, nav: nav,
            csrf: csrfToken)
    }

    /// The logged-in staff user, on a route behind ``IdentityRequired`` (which sent anyone else to the login page).
    func requireStaff() throws -> StaffSessions.Staff {
        guard let staff else { throw HTTPError(.unauthorized) }
        return staff
    }

    /// The login page, which brings the visitor back to this page once they are logged in: what ``IdentityRequired``
    /// answers on the back office's pages to anyone not logged in.
    func loginRedirect() -> Response {
        let next = request.uri.path.hasPrefix("/admin/") ? request.uri.path : "/admin"
        return redirect(to: "/admin/login?next=\(Self.encode(next))")
    }

    func message(_ heading: String, _ paragraph: String, link: MessagePage.Link? = nil, status: HTTPResponse.Status) -> Response {
        page("admin-message", AdminMessagePage(chrome: chrome(heading), heading: heading, paragraphs: [paragraph], link: link), status: status)
    }

    /// The back office's 404, with a link to its home: another account's id looks exactly like one that does not
    /// exist, and so does an address no route serves.
    func notFound() -> Response {
        message(
            "Page not found", "There is nothing at this address in your account.",
            link: MessagePage.Link(url: "/admin", label: "Go to the back office home"), status: .notFound)
    }

    func expiredFormPage() -> Response {
        message("This form has expired", expiredFormAdvice, status: .forbidden)
    }

    func sessionCookie(_ value: String) -> Cookie {
        sessionCookie(named: Self.sessionCookieName, value, path: "/admin", lifetime: StaffSessions.lifetime)
    }

    static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_."))) ?? "/admin"
    }
}

extension AdminVisit {
    /// Runs `body` for the logged-in staff user with the record that `:id` names in their account (found by
    /// `find`), or answers the 404 page: another account's id looks exactly like one that does not exist.
    static func withRecord<Entity>(
        _ request: Request, _ context: StaffRequestContext, front: BrowserFront,
        find: (Identifier<Entity>, Account.ID) async throws -> Entity?,
        _ body: (AdminVisit, StaffSessions.Staff, Entity) async throws -> Response
    ) async throws -> Response {
        let visit = AdminVisit(request, context: context, front: front)
        let staff = try visit.requireStaff()
        let id = Identifier<Entity>(rawValue: try context.parameters.require("id"))
        guard let record = try await find(id, staff.account.id) else { return visit.notFound() }
        return try await body(visit, staff, record)
    }
}

/// The back-office layout's data.
struct AdminChrome: Sendable {
    let title: String
    let accountName: String?
    let staffName: String?
    let nav: [NavLink]
    let csrf: String
}

struct AdminMessagePage {
    let chrome: AdminChrome
    let heading: String
    let paragraphs: [String]
    var link: MessagePage.Link?
}
