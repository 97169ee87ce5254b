import HTTPTypes
import Hummingbird
import Logging

/// Logs each request once it is answered, in one line: method, route, status, time taken, the client's address (as
/// ``ClientAddress`` finds it, through the trusted proxies) and the request id (the `hb.request.id` metadata
/// Hummingbird gives each request's logger). The response carries the id as `X-Request-Id`, so a report from a user
/// finds its log line.
///
/// The route is the matched route's template with only the parameters in ``shownParameters`` filled in
/// (`/portal/greenleaf/auth/{token}`, `/p/{token}`), so a secret in a path never reaches the log however the path was
/// spelled (percent-encoded, doubled or trailing slashes, other case): the router decides what matched, not the raw
/// text (#21). A path no route matched is logged as `(no route)`. No query string, header, cookie or body is logged.
///
/// Hummingbird's own `LogRequestsMiddleware` logs the path as it came, which would put tokens in the log.
public struct RequestLogMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    /// The proxies whose `X-Forwarded-For` gives the logged client address.
    let proxies: ProxyTrust

    /// Logs each request with the client address read through `proxies` (none by default: the peer).
    public init(proxies: ProxyTrust = .none) {
        self.proxies = proxies
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            log(request, context: context, status: response.status.code, since: started)
            response.headers[Self.requestIDHeader] = context.id
            return response
        } catch let error as HTTPResponseError {
            log(request, context: context, status: error.status.code, since: started)
            throw error
        } catch {
            log(request, context: context, status: 500, since: started)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        let client = ClientAddress.address(of: request, context: context, proxies: proxies) ?? "unknown"
        context.logger.info(
            "\(request.method) \(Self.route(context.endpointPath, parameters: context.parameters)) \(status)",
            metadata: ["duration_ms": "\(Int(milliseconds.rounded()))", "client": "\(client)"])
    }

    /// `X-Request-Id`: the id the request's log line carries.
    static var requestIDHeader: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    /// The route parameters whose values are logged: record ids, portal keys and template kinds, never a secret.
    /// Any other parameter (`token`, and whatever a new route names) is logged as its placeholder.
    static var shownParameters: Set<Substring> { ["id", "portalKey", "kind"] }

    /// The route as logged: `template` (`/portal/{portalKey}/auth/{token}`) with the ``shownParameters`` replaced
    /// by their values; `(no route)` when none matched.
    static func route(_ template: String?, parameters: Parameters) -> String {
        guard let template, template != "NotFound" else { return "(no route)" }
        return template.split(separator: "/", omittingEmptySubsequences: false).map { component -> Substring in
            guard component.hasPrefix("{"), component.hasSuffix("}") else { return component }
            let name = component.dropFirst().dropLast()
            guard shownParameters.contains(name), let value = parameters.get(String(name)) else { return component }
            return Substring(value)
        }.joined(separator: "/")
    }
}
