import Hummingbird
import PortalKernel

/// A stored record that cannot be totalled (SPEC M2) answers 422 for that record alone: the API with its JSON
/// error, a page with the message. The server, and every other record, go on as before.
extension AmountOutOfRange: HTTPResponseError {
    /// Always 422 Unprocessable Content: the record cannot be totalled, whoever asks.
    public var status: HTTPResponse.Status { .unprocessableContent }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return try APIError(status: status, code: "amount_out_of_range", message: description).response(from: request, context: context)
        }
        let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Amount unavailable</title></head><body>"
            + "<main><h1>This record cannot be shown</h1><p>\(description) "
            + "The company has been told; nothing was charged.</p></main></body></html>"
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
