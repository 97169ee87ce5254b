import Hummingbird
import PortalKernel

/// The HTTP status of each kind of refusal, decided here once for every front (#20): the back office's pages show
/// the refusal on the page again with this status, the JSON API answers it as `{"error": {"code", "message"}}`
/// (``APIError/init(_:)``), and a refusal nobody caught is answered as plain text with it.
extension UseCaseError: HTTPResponseError {
    /// The status of ``UseCaseError/kind``: 404 not found, 422 invalid, 409 conflict, 403 forbidden.
    public var status: HTTPResponse.Status {
        switch kind {
        case .notFound: .notFound
        case .invalid: .unprocessableContent
        case .conflict: .conflict
        case .forbidden: .forbidden
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }
}
