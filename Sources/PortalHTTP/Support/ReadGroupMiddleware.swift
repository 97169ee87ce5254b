import Hummingbird
import PortalKernel

/// A page that only shows (`GET`, `HEAD`) reads everything it shows in one storage snapshot, in one trip
/// (``PortalStorage/read(_:)``, #19): the account, the session, the records and the lists agree with each other,
/// whatever is written meanwhile. What the page writes on the way (a session's last-seen time, an audit event)
/// goes on as usual, after its own reads.
struct ReadGroupMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    /// Runs a page's reads in one storage snapshot (``ServiceHealth/inOneSnapshot(_:)``).
    let health: ServiceHealth

    /// The pages and API reads a client or staff opens; health checks, metrics and static assets need no group.
    static let prefixes = ["/portal/", "/admin", "/api/", "/p/"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, Self.prefixes.contains(where: request.uri.path.hasPrefix) else {
            return try await next(request, context)
        }
        return try await withoutActuallyEscaping(next) { next in
            // `read` runs its body once, in this task, before it returns: `next` never leaves this call.
            nonisolated(unsafe) let handler = next
            return try await health.inOneSnapshot { try await handler(request, context) }
        }
    }
}
