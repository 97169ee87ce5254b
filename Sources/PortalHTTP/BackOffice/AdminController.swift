import Foundation
import Hummingbird
import PortalKernel

/// The back office's login and logout (issue: staff auth). Its cookie, `admin_session`, is limited to `/admin`,
/// apart from the portal's.
struct AdminController: Sendable {
    typealias Context = PortalRequestContext

    let env: PortalEnvironment

    struct LoginForm: PortalForm {
        var csrf: String?
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginPage {
        let chrome: AdminChrome
        var email = ""
        var next = ""
        var notice: String?
        var errors = FormErrors()
    }

    func register(on router: Router<Context>) {
        router.get("admin") { request, context in
            let visit = try await AdminVisit.start(request, context: context, env: env)
            _ = try visit.requireStaff()
            return visit.redirect(to: "/admin/leads")
        }
        router.get("admin/login") { request, context in
            let visit = try await AdminVisit.start(request, context: context, env: env)
            let next = Self.safeNext(request.uri.queryParameters.get("next").map { String($0) })
            if visit.staff != nil { return visit.redirect(to: next) }
            return visit.page("admin-login", LoginPage(chrome: visit.chrome("Log in"), next: next))
        }
        router.post("admin/login", use: logIn)
        router.post("admin/logout") { request, context in
            let visit = try await AdminVisit.start(request, context: context, env: env)
            _ = try await visit.form(LoginForm.self, context: context)
            if let staff = visit.staff { try await env.staffSessions.end(staff) }
            var response = visit.redirect(to: "/admin/login")
            response.setCookie(visit.sessionCookie(""))
            return response
        }
        LeadsController(env: env).register(on: router)
        SettingsController(env: env).register(on: router)
        TemplatesController(env: env).register(on: router)
        CustomersController(env: env).register(on: router)
        DocumentsController(env: env).register(on: router)
    }

    /// `POST /admin/login`: a session with a new id, or the form again with one message for any wrong detail.
    @Sendable func logIn(_ request: Request, context: Context) async throws -> Response {
        let visit = try await AdminVisit.start(request, context: context, env: env)
        let form = try await visit.form(LoginForm.self, context: context)
        let email = form.email ?? ""
        let next = Self.safeNext(form.next)
        func again(_ error: String, status: HTTPResponse.Status) -> Response {
            visit.page("admin-login", LoginPage(chrome: visit.chrome("Log in"), email: email, next: next, errors: FormErrors(error)), status: status)
        }
        switch try await env.staffSessions.logIn(email: email, password: form.password ?? "", origin: visit.origin) {
        case .wrongCredentials:
            return again("That email and password do not match.", status: .unauthorized)
        case .throttled(let until, let locked):
            // Held to a day: the instant comes from a stored counter, which may hold anything.
            let wait = Int(min(max(1, until.timeIntervalSince(env.services.clock.now).rounded(.up)), 86_400))
            let message = locked
                ? "Too many wrong passwords. This login is locked for \(Int((Double(wait) / 60).rounded(.up))) minutes."
                : "Too many wrong passwords in a row. Wait \(wait == 1 ? "a second" : "\(wait) seconds") and try again."
            return again(message, status: .tooManyRequests)
        case .loggedIn(let started, _):
            if let previous = visit.staff { try await env.staffSessions.end(previous) }
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
