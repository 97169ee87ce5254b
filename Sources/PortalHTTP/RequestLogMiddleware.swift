import HTTPTypes
import Hummingbird
import Logging

/// Logs each request once it is answered, in one line: method, path, status, time taken and the request id (the
/// `hb.request.id` metadata Hummingbird gives each request's logger), with the secrets some paths carry
/// (login-link tokens under `/auth/`, proposal-link tokens under `/p/`) redacted, and no query string, header,
/// cookie or body. The response carries the id as `X-Request-Id`, so a report from a user finds its log line.
///
/// Hummingbird's own `LogRequestsMiddleware` logs the path as it came, which would put tokens in the log.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Logs through each request's own logger (`context.logger`), at `info`.
    public init() {}

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
        context.logger.info(
            "\(request.method) \(Self.redacted(request.uri.path)) \(status)",
            metadata: ["duration_ms": "\(Int(milliseconds.rounded()))"])
    }

    /// `X-Request-Id`: the id the request's log line carries.
    static var requestIDHeader: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    /// The path with the segment after `auth` (under `/portal/{key}/`) and after a leading `p` replaced.
    static func redacted(_ path: String) -> String {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for index in segments.indices.dropLast() {
            let secretFollows =
                (segments[index] == "auth" && index >= 3 && segments[1] == "portal")
                || (segments[index] == "p" && index == 1)
            if secretFollows { segments[index + 1] = "[redacted]" }
        }
        return segments.joined(separator: "/")
    }
}
