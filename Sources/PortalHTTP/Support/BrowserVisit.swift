import Foundation
import Hummingbird
import PortalKernel

/// What the portal's and the back office's visits share: rendering with the CSRF cookie, redirects, reading forms
/// with their CSRF check, and session cookies.
protocol BrowserVisit: Sendable {
    /// The renderer, CSRF protection, links, policy and clock every page shares.
    var front: BrowserFront { get }
    /// The request being answered.
    var request: Request { get }
    /// The browser's CSRF token, from its cookie or new: every form on the page carries it in its `csrf` field.
    var csrfToken: String { get }
    /// Whether ``csrfToken`` was made for this request, so the page sets it as a cookie.
    var csrfIsNew: Bool { get }

    /// The 403 page for a form whose CSRF token does not match, in this visit's layout.
    func expiredFormPage() -> Response
}

extension BrowserVisit {
    /// The page `template` over `model`, with the CSRF cookie set when it is new.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        withCookies(front.renderer.render(template, model, status: status))
    }

    /// A `303 See Other` to `location` (a POST answered with a page to GET).
    func redirect(to location: String) -> Response {
        withCookies(Response(status: .seeOther, headers: [.location: location]))
    }

    /// Reads a form and checks its CSRF token; a missing or wrong token answers 403 with a page that says what to do.
    func form<Form: PortalForm>(_ type: Form.Type, context: some RequestContext) async throws -> Form {
        let form = try await FormBody.read(request, context: context).decode(Form.self)
        guard front.csrf.verify(form.csrf, for: request) else { throw PageResponse(expiredFormPage()) }
        return form
    }

    /// Reads a form that may carry files (`multipart/form-data`; an urlencoded one carries none) and checks its CSRF
    /// token as ``form(_:context:)`` does. Files are read as ``MultipartFormBody`` says: at most `maxFiles` of them
    /// kept, each to one byte more than `fileLimit`.
    func formWithFiles<Form: PortalForm>(
        _ type: Form.Type, context: some RequestContext, fileLimit: Int, maxFiles: Int
    ) async throws -> (form: Form, files: [MultipartFormBody.File]) {
        guard MultipartFormBody.isMultipart(request) else { return (try await form(type, context: context), []) }
        let body = try await MultipartFormBody.read(request, textLimit: context.maxUploadSize, fileLimit: fileLimit, maxFiles: maxFiles)
        let form = try body.text.decode(Form.self)
        guard front.csrf.verify(form.csrf, for: request) else { throw PageResponse(expiredFormPage()) }
        return (form, body.files)
    }

    /// A session cookie (HttpOnly, SameSite=Lax, Secure on https) limited to `path`; an empty value removes it.
    func sessionCookie(named name: String, _ value: String, path: String, lifetime: TimeInterval) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: value.isEmpty ? 0 : Int(lifetime), path: path, secure: front.links.isSecure,
            httpOnly: true, sameSite: .lax)
    }

    private func withCookies(_ response: Response) -> Response {
        var response = response
        if csrfIsNew { response.setCookie(front.csrf.cookie(csrfToken)) }
        return response
    }
}

/// The paragraph every expired-form page says.
let expiredFormAdvice =
    "For your security, forms work only in the browser tab that opened them. Go back, reload the page, and send it again."
