import Hummingbird
import Mustache

/// Renders page templates into HTML responses.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    init() throws {
        library = try PortalTemplates.library(PortalTemplates.pages)
    }

    /// The page `template` over `model`, as `text/html`.
    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = html(template, model)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page `template` over `model` (reflected once, optionals unwrapped: ``ReflectedView``).
    func html(_ template: String, _ model: Any) -> String {
        library.render(ReflectedView.of(model) ?? model, withTemplate: template) ?? "Template \(template) is missing."
    }
}

/// What the layout shows around every page: the company's name, logo and contact details, the logged-in client,
/// and the CSRF token for the forms on the page.
struct PageChrome: Sendable {
    /// The logged-in client, for the header.
    struct ClientChrome: Sendable {
        let name: String
    }

    var lang = "en"
    var title: String
    var brandName: String
    var logoURL: String?
    /// The company's phone as typed, and as a `tel:` link (``TelephoneURI``; `nil` when it holds no digit).
    var brandPhone: String?
    var brandPhoneURI: String?
    var brandEmail: String?
    /// The portal home, where the brand links to; `nil` on pages outside an account.
    var homeURL: String?
    /// The account's accent colour, as a stylesheet.
    var themeURL: String?
    var client: ClientChrome?
    var logoutURL: String?
    var csrf: String
}

/// A link in a row of links where one may be the current page (filters, the back-office menu).
struct NavLink: Sendable {
    let url: String
    let label: String
    let current: Bool
}
