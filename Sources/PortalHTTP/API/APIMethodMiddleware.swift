import Foundation
import Hummingbird

/// Answers 405 with `Allow`, not 404, to a method the JSON API does not serve on one of its paths: a 404 would say
/// the path does not exist. A path under `/api/` that the API does not have is a 404 in the API's JSON error shape,
/// like every other answer of the API (#20). The paths and their methods are read from the OpenAPI document, which
/// the tests keep equal to the routes.
struct APIMethodMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each documented path as its segments (`{id}` matches any one segment), with its methods for `Allow`.
    let paths: [(template: APIPathTemplate, allow: String)]

    init(openAPI: [UInt8]) {
        let document = (try? JSONSerialization.jsonObject(with: Data(openAPI))) as? [String: Any]
        let documented = document?["paths"] as? [String: [String: Any]] ?? [:]
        paths = documented.map { path, operations in
            let methods = operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }
            return (APIPathTemplate(path), methods.map { $0.uppercased() }.sorted().joined(separator: ", "))
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            if let allow = allowedMethods(for: request.uri.path) { throw APIError.methodNotAllowed(allowing: allow) }
            guard request.uri.path.hasPrefix("/api/") else { throw error }
            throw APIError.notFound("No such path in the API; its operations are listed in /api/v1/openapi.json.")
        }
    }

    /// The methods of the documented path `path` matches; `nil` when it matches none.
    func allowedMethods(for path: String) -> String? {
        paths.first { $0.template.matches(path) }?.allow
    }
}
