import Foundation
import Hummingbird
import NIOCore
import PortalKernel

/// A JSON API error: `{"error": {"code": "...", "message": "..."}}` with its status.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    /// With 405: the methods the path serves, for the `Allow` header.
    var allowedMethods: String?

    static func unauthorized(_ message: String = "Send a valid API token as \"Authorization: Bearer <token>\".") -> APIError {
        APIError(status: .unauthorized, code: "unauthorized", message: message)
    }
    static func notFound(_ message: String = "No such record in this account.") -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }
    static func invalid(_ message: String) -> APIError { APIError(status: .unprocessableContent, code: "invalid", message: message) }
    static func conflict(_ message: String) -> APIError { APIError(status: .conflict, code: "conflict", message: message) }
    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, code: "bad_request", message: message) }
    /// 413: the body is over `limit` bytes; it was not read further.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(
            status: .contentTooLarge, code: "body_too_large",
            message: "The request body is over \(limit / 1_024) KiB, the API's limit: split the change into several requests.")
    }
    static func methodNotAllowed(allowing allowed: String) -> APIError {
        var error = APIError(status: .methodNotAllowed, code: "method_not_allowed", message: "This path answers \(allowed) only.")
        error.allowedMethods = allowed
        return error
    }

    /// The API's answer to a use case's refusal: its status (``UseCaseError/status``), its kind as the code
    /// (`not_found`, `invalid`, `conflict`, `forbidden`) and its message with each field named as the document
    /// names it.
    init(_ refusal: UseCaseError) {
        self.init(status: refusal.status, code: refusal.kind.rawValue, message: refusal.messageNamingFields)
    }

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try APIJSON.response(["error": ["code": code, "message": message]], status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        if let allowedMethods { response.headers[.allow] = allowedMethods }
        return response
    }
}

/// The API's JSON: sorted keys, instants in ISO 8601 (as the dumps write them), money in integer minor units of the
/// account's currency (SPEC M1).
enum APIJSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try StorageJSON.encoder(pretty: false).encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request's body as `T`; malformed JSON, a wrong field or a field the operation does not know (by the
    /// OpenAPI document) is 400 with what is wrong; a body over the context's `maxUploadSize` is 413 (`body_too_large`).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: context.maxUploadSize)
        }
        let body = try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])
        if let body, let field = APIRequestSchemas.bundled.unknownField(in: body, method: request.method.rawValue, path: request.uri.path) {
            throw APIError.badRequest("Unknown field \"\(field)\": this operation does not take it (see /api/v1/openapi.json).")
        }
        if let body, Self.holdsNUL(body) { throw APIError.badRequest(NULCharacter.refusal) }
        do {
            return try StorageJSON.decoder().decode(T.self, from: Data(buffer: buffer))
        } catch DecodingError.dataCorrupted(let context)
            where !context.codingPath.isEmpty
            && !APIRequestSchemas.bundled.isEnum(at: context.codingPath, method: request.method.rawValue, path: request.uri.path)
        {
            // A value of the right kind that its type refuses (a time of 24:00, a window that ends before it starts):
            // invalid input, named by its field, with the type's reason.
            let why = context.debugDescription
            throw APIError.invalid("\(APIRequestSchemas.place(of: context.codingPath)): \(why)\(why.hasSuffix(".") ? "" : ".")")
        } catch let error as DecodingError {
            throw APIError.badRequest(APIRequestSchemas.bundled.explain(error, method: request.method.rawValue, path: request.uri.path))
        } catch {
            throw APIError.badRequest("The body must be JSON.")
        }
    }

    /// Whether any string in a parsed JSON value, key or value, holds U+0000.
    private static func holdsNUL(_ value: Any) -> Bool {
        switch value {
        case let text as String: text.contains(NULCharacter.scalar)
        case let list as [Any]: list.contains(where: holdsNUL)
        case let object as [String: Any]: object.contains { holdsNUL($0.key) || holdsNUL($0.value) }
        default: false
        }
    }
}

/// Answers every use case's refusal under `/api/v1` as the API's JSON error (#20), so handlers call use cases
/// without catching anything.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as UseCaseError {
            throw APIError(refusal)
        }
    }
}
