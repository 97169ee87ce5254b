import Hummingbird

/// What `next` answers, with an ``HTTPResponseError`` it throws turned into the response it stands for, so that a
/// middleware adding headers adds them to error answers too. Other errors are rethrown.
func responseOrErrorResponse<Context: RequestContext>(
    _ request: Request, _ context: Context, _ next: (Request, Context) async throws -> Response
) async throws -> Response {
    do {
        return try await next(request, context)
    } catch let error as HTTPResponseError {
        return try error.response(from: request, context: context)
    }
}
