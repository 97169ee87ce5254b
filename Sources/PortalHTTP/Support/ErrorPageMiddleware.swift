import Hummingbird
import PortalKernel

/// Outside the JSON API, a request that fails answers a page a person can read, never an empty body or JSON:
/// an address refused before the routes (404) is the "Page not found" page, a form that could not be read (400) or
/// was too large (413) says so with the reason, and any error no handler
/// expected (a stored file gone missing, a bug) is logged with the path and the error, then answered with a plain
/// 500 page that names nothing of it (#25). `/api/…` keeps its own JSON errors.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    /// Draws the pages.
    let front: BrowserFront

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // One thrown before the routes' own 404 page could be drawn (a NUL in the path).
            return PortalVisit.notFoundPage(front: front, request: request)
        } catch let error as HTTPResponseError where [.badRequest, .contentTooLarge].contains(error.status) && !(error is PageResponse) {
            // Hummingbird's own (a body over the upload limit) says nothing; ours says why.
            let tooLarge = error.status == .contentTooLarge
            let reason = (error as? HTTPError)?.body ?? (tooLarge ? "The form is larger than the portal takes." : "Go back and try again.")
            return page(
                request, heading: tooLarge ? "This is more than the form takes" : "This form could not be read", reason: reason, status: error.status)
        } catch let error where !(error is HTTPResponseError) {
            context.logger.error("Request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return page(
                request, heading: "Something went wrong",
                reason: "This page could not be shown right now. The company has been told in its logs; try again later.",
                status: .internalServerError)
        }
    }

    /// The `message` page in the plain layout, with a link to the portal home under `/portal/{key}/…` or to the back
    /// office under `/admin/…`.
    private func page(_ request: Request, heading: String, reason: String, status: HTTPResponse.Status) -> Response {
        let segments = request.uri.path.split(separator: "/")
        let home: MessagePage.Link? =
            switch segments.first {
            case "portal" where segments.count > 1: .init(url: "/portal/\(segments[1])", label: "Back to the portal")
            case "admin": .init(url: "/admin", label: "Back to the back office")
            default: nil
            }
        let chrome = PageChrome(title: heading, brandName: "Client Portal", csrf: front.csrf.token(for: request).value)
        return front.renderer.render("message", MessagePage(chrome: chrome, heading: heading, paragraphs: [reason], link: home), status: status)
    }
}
