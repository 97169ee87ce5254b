import Hummingbird
import HummingbirdAuth
import PortalKernel

/// Lets a request through to the routes behind it only when an authenticator found who it is from (#20); anyone
/// else gets `otherwise`'s answer: the login page for the portal and the back office (which brings them back), a
/// 401 JSON error for the API.
struct IdentityRequired<Context: AuthRequestContext>: RouterMiddleware {
    /// The answer to a request no authenticator recognised: the front's login page, or the API's 401 JSON error.
    let otherwise: @Sendable (Request, Context) throws -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity != nil else { return try otherwise(request, context) }
        return try await next(request, context)
    }
}

/// The back office's roles, for hummingbird-auth's `RolePolicy`: a staff user holds their one role.
extension StaffSessions.Staff: RoleProviding {
    /// The staff user's one role, `admin` or `staff`; `RolePolicy(.admin)` lets only an admin through.
    public var roles: Set<StaffUser.Role> { [user.role] }
}

/// The answer to a staff user who is not an admin on an admin's page (settings, email templates): 403 with a page
/// that says whom to ask (`AuthorizationPolicyMiddleware` with `RolePolicy(.admin)` throws it).
struct AdminsOnly: HTTPResponseError {
    /// What the 403 page is rendered with, in the back office's layout.
    let front: BrowserFront
    var status: HTTPResponse.Status { .forbidden }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        guard let context = context as? StaffRequestContext, let staff = context.identity else {
            // Thrown up past the back office's routes, the staff user is no longer known: a page all the same.
            let chrome = PageChrome(title: "Admins only", brandName: "Client Portal", csrf: front.csrf.token(for: request).value)
            return front.renderer.render(
                "message",
                MessagePage(
                    chrome: chrome, heading: "Admins only", paragraphs: ["Only an admin of the company can change this."],
                    link: .init(url: "/admin", label: "Back to the back office")),
                status: status)
        }
        let visit = AdminVisit(request, context: context, front: front)
        return visit.message(
            "Admins only", "Only an admin can change this. Ask an admin of \(staff.account.branding.displayName).", status: status)
    }
}
