import Foundation
import Hummingbird
import PortalKernel

/// The back office's login and logout (issue: staff auth). Its cookie, `admin_session`, is limited to `/admin`,
/// apart from the portal's.
struct AdminController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the login page and redirects, and reads the form with its CSRF check.
    let front: BrowserFront
    /// Logs staff in (throttled) and ends their session at logout.
    let staffSessions: StaffSessions

    struct LoginForm: PortalForm {
        /// The CSRF token the login page put in the form.
        var csrf: String?
        /// The login email as typed; normalised by ``StaffSessions``.
        var email: String?
        /// The password as typed; checked against the stored bcrypt hash, never kept.
        var password: String?
        /// The back-office path to go to after login; anything else goes to `/admin`.
        var next: String?
    }

    struct LoginPage {
        let chrome: AdminChrome
        var email = ""
        var next = ""
        var notice: String?
        var errors = FormErrors()
    }

    /// `GET /login`, `POST /login` and `POST /logout`, for anyone.
    func register(on admin: RouteCollection<Context>) {
        admin.get("login") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let next = Self.safeNext(request.uri.queryParameters.get("next").map { String($0) })
            if visit.staff != nil { return visit.redirect(to: next) }
            return visit.page("admin-login", LoginPage(chrome: visit.chrome("Log in"), next: next))
        }
        admin.post("login", use: logIn)
        admin.post("logout") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            _ = try await visit.form(LoginForm.self, context: context)
            if let staff = visit.staff { try await staffSessions.end(staff) }
            var response = visit.redirect(to: "/admin/login")
            response.setCookie(visit.sessionCookie(""))
            return response
        }
    }

    /// `POST /admin/login`: a session with a new id, or the form again with one message for any wrong detail.
    @Sendable func logIn(_ request: Request, context: Context) async throws -> Response {
        let visit = AdminVisit(request, context: context, front: front)
        let form = try await visit.form(LoginForm.self, context: context)
        let email = form.email ?? ""
        let next = Self.safeNext(form.next)
        func again(_ error: String, status: HTTPResponse.Status) -> Response {
            visit.page("admin-login", LoginPage(chrome: visit.chrome("Log in"), email: email, next: next, errors: FormErrors(error)), status: status)
        }
        switch try await staffSessions.logIn(email: email, password: form.password ?? "", origin: visit.origin) {
        case .wrongCredentials:
            return again("That email and password do not match.", status: .unauthorized)
        case .throttled(let until, let locked):
            // Held to a day: the instant comes from a stored counter, which may hold anything.
            let wait = Int(min(max(1, until.timeIntervalSince(front.clock.now).rounded(.up)), 86_400))
            let message = locked
                ? "Too many wrong passwords. This login is locked for \(Int((Double(wait) / 60).rounded(.up))) minutes."
                : "Too many wrong passwords in a row. Wait \(wait == 1 ? "a second" : "\(wait) seconds") and try again."
            return again(message, status: .tooManyRequests)
        case .loggedIn(let started, _):
            if let previous = visit.staff { try await staffSessions.end(previous) }
            var response = visit.redirect(to: next)
            response.setCookie(visit.sessionCookie(started.cookieValue.value))
            return response
        }
    }

    /// Where to go after login: a back-office path, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/admin/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.contains(where: { $0.isNewline })
        else { return "/admin/leads" }
        return next
    }
}
