import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A browser for route tests: keeps cookies (scoped by path, as a browser does), sends forms with the CSRF token
/// the last page carried, and follows nothing by itself.
struct Browser {
    let client: any TestClientProtocol
    var ipAddress = "203.0.113.10"
    var userAgent = "PortalTests/1.0 (phone)"
    /// Sent with every request besides the usual ones (a forged `Host`, say).
    var extraHeaders: HTTPFields = [:]
    private(set) var cookies: [String: (value: String, path: String)] = [:]
    /// The CSRF field of the last page that had a form.
    private(set) var csrf: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// A page as answered.
    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        /// The body's bytes, as sent (a PDF, a photo).
        var data = Data()

        var location: String? { headers[.location] }

        /// The hidden CSRF field of the page's forms.
        var csrfField: String? { hiddenField("csrf") }

        /// The value of the first hidden input named `name`.
        func hiddenField(_ name: String) -> String? {
            guard let range = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil)
    }

    /// Posts `fields` as a form; the CSRF field is the last page's unless `csrf` says otherwise (`.some(nil)`:
    /// none).
    mutating func post(_ path: String, _ fields: [(String, String)] = [], csrf: String?? = .none) async throws -> Page {
        let token = csrf ?? self.csrf
        let all = (token.map { [("csrf", $0)] } ?? []) + fields
        let encoded = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: encoded)
    }

    /// A file a multipart form carries: its field, the name the browser sends, its type and bytes.
    struct Upload {
        let field: String
        let fileName: String
        let contentType: String
        let bytes: Data
    }

    /// Posts `fields` and `files` as `multipart/form-data`, as a browser does for a form with a file input (an input
    /// left empty sends a part with no name and no bytes); the CSRF field as ``post(_:_:csrf:)`` does. `cut` drops
    /// that many bytes from the end, for a body that stops half way.
    mutating func postMultipart(_ path: String, _ fields: [(String, String)], files: [Upload], cut: Int = 0) async throws -> Page {
        let boundary = "----PortalTestBoundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        for (name, value) in (csrf.map { [("csrf", $0)] } ?? []) + fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.fileName)\"\r\nContent-Type: \(file.contentType)\r\n\r\n"
                        .utf8))
            body.append(file.bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await send(
            path, method: .post, body: ByteBuffer(data: body.dropLast(cut)), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    private mutating func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        try await send(path, method: method, body: body.map { ByteBuffer(string: $0) }, contentType: "application/x-www-form-urlencoded")
    }

    private mutating func send(_ path: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String) async throws -> Page {
        var headers = extraHeaders
        headers[.userAgent] = userAgent
        headers[HTTPField.Name("X-Forwarded-For")!] = ipAddress
        let requestPath = path.split(separator: "?").first.map(String.init) ?? path
        let sent = cookies.filter { requestPath.hasPrefix($0.value.path) }.map { "\($0.key)=\($0.value.value)" }
        if !sent.isEmpty { headers[.cookie] = sent.joined(separator: "; ") }
        if body != nil { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] { remember(line) }
        let page = Page(
            status: response.status, headers: response.headers, body: String(buffer: response.body), data: Data(buffer: response.body))
        if let field = page.csrfField { csrf = field }
        return page
    }

    private mutating func remember(_ setCookie: String) {
        let parts = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])
        let path = parts.first { $0.lowercased().hasPrefix("path=") }.map { String($0.dropFirst(5)) } ?? "/"
        if parts.contains(where: { $0.lowercased() == "max-age=0" }) || value.isEmpty {
            cookies[name] = nil
        } else {
            cookies[name] = (value, path)
        }
    }

    /// Sets a cookie by hand, as another application on the same host would.
    mutating func setCookie(_ name: String, _ value: String, path: String = "/") {
        cookies[name] = (value, path)
    }

    /// The raw `Set-Cookie` attributes of cookie `name` in `page`.
    static func setCookie(_ name: String, in page: Page) -> String? {
        page.headers[values: .setCookie].first { $0.hasPrefix("\(name)=") }
    }

    static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
