import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), read once within the context's size limit.
struct FormBody: Sendable {
    /// The whole body, as sent: `name=value` pairs, percent-encoded, joined by `&`.
    let text: String

    /// Reads the body; one over ``PortalRequestContext/maxUploadSize`` is refused with 413.
    static func read(_ request: Request, context: some RequestContext) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormBody(text: String(buffer: buffer))
    }

    /// The fields as `T`; a field missing from the form decodes as absent (`T`'s properties are optional or
    /// have defaults), so a hand-made request gets a form error, not a crash.
    ///
    /// A browser sends each line break of a text area as CR LF but counts it as one character against `maxlength`;
    /// here it is one line feed, so a limit counts what the browser counted and text is kept with `\n` line breaks.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !NULCharacter.isIn(text) else { throw HTTPError(.badRequest, message: NULCharacter.refusal) }
        let text = self.text.replacing(/%0[dD]%0[aA]/, with: "%0A")
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
    }
}

/// A form that carries the CSRF token in its `csrf` field.
protocol PortalForm: Decodable, Sendable {
    /// The form's CSRF token, compared with the cookie's; `nil` when the form has none (refused with 403).
    var csrf: String? { get }
}

/// U+0000, which no text the portal keeps may hold: PostgreSQL cannot store it, and a record that holds it on
/// another backend could never move there. Refused at the edge: in a form, a JSON body and an address.
enum NULCharacter {
    /// The NUL character itself.
    static let scalar: Character = "\u{0}"
    /// The message a refused form, JSON body or query answers with (400).
    static let refusal = "Text may not contain the NUL character (U+0000)."

    /// Whether part of an address holds NUL, encoded (`%00`) or not.
    static func isIn(_ part: String) -> Bool {
        part.contains(scalar) || part.lowercased().contains("%00")
    }
}

/// An address with an encoded NUL, before any route reads it: in the path it names nothing (404, as any unknown
/// id); in the query it is refused (400). The JSON API answers in its own error format.
struct NULRefusalMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        if NULCharacter.isIn(request.uri.path) {
            throw isAPI ? APIError.notFound() : HTTPError(.notFound)
        }
        if NULCharacter.isIn(request.uri.query ?? "") {
            throw isAPI ? APIError.badRequest(NULCharacter.refusal) : HTTPError(.badRequest, message: NULCharacter.refusal)
        }
        return try await next(request, context)
    }
}
