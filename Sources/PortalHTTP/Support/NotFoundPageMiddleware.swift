import Hummingbird
import PortalKernel

/// Answers an address no route serves (and any other 404 error) outside the JSON API with the site's "Page not
/// found" page and a link home, where Hummingbird would send an empty body: in the account's branding under
/// `/portal/{key}/…` when the key is known, in the back office's under `/admin/…`, plain elsewhere. `/api/…` keeps
/// its own 404.
struct NotFoundPageMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    /// Draws the 404 page in each layout.
    let front: BrowserFront
    /// Finds the account of a `/portal/{key}/…` path, for its branding.
    let portal: CustomerPortal
    /// Finds the staff user under `/admin/…`, so the page is drawn for the one logged in, if any.
    let staffAuthenticator: StaffSessionAuthenticator
    /// Finds the client under `/portal/{key}/…`, so the page is drawn for the one logged in, if any.
    let clientAuthenticator: ClientSessionAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && !request.uri.path.hasPrefix("/api/") {
            return try await page(for: request, context: context)
        }
    }

    private func page(for request: Request, context: Context) async throws -> Response {
        let segments = request.uri.path.split(separator: "/")
        switch segments.first {
        case "admin":
            var staffContext = StaffRequestContext(context: context)
            staffContext.identity = try await staffAuthenticator.authenticate(request: request, context: staffContext)
            return AdminVisit(request, context: staffContext, front: front).notFound()
        case "portal" where segments.count > 1:
            guard let account = try await portal.account(portalKey: String(segments[1])) else { break }
            var clientContext = ClientRequestContext(context: context)
            clientContext.account = account
            clientContext.identity = try await clientAuthenticator.authenticate(request: request, context: clientContext)
            return try PortalVisit(request, context: clientContext, front: front).notFound()
        default:
            break
        }
        return PortalVisit.notFoundPage(front: front, request: request)
    }
}
