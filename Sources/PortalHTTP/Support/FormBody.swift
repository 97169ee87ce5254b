import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), read once within the context's size limit.
struct FormBody: Sendable {
    let text: String

    /// Reads the body; one over ``PortalRequestContext/maxUploadSize`` is refused with 413.
    static func read(_ request: Request, context: some RequestContext) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormBody(text: String(buffer: buffer))
    }

    /// The fields as `T`; a field missing from the form decodes as absent (`T`'s properties are optional or
    /// have defaults), so a hand-made request gets a form error, not a crash.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
    }
}

/// A form that carries the CSRF token in its `csrf` field.
protocol PortalForm: Decodable, Sendable {
    var csrf: String? { get }
}
