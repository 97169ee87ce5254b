import Hummingbird
import PortalKernel

/// A store that cannot answer now (its server restarting, every connection busy) is a 503 with `Retry-After`, not
/// a 500: the request can be tried again as it is, and nothing of it was kept. The JSON API answers in its format.
struct StorageUnavailableMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch StorageError.unavailable(let why) {
            context.logger.warning("Storage unavailable", metadata: ["reason": "\(why)"])
            if request.uri.path.hasPrefix("/api/") {
                var response = try APIError(status: .serviceUnavailable, code: "unavailable", message: Self.message)
                    .response(from: request, context: context)
                response.headers[.retryAfter] = "5"
                return response
            }
            return Response(
                status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "5"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Self.message + "\n")))
        }
    }

    /// The 503's words, to a browser as plain text and to the API as its error's message.
    static let message = "The portal is busy for a moment. Please try again in a few seconds."
}
