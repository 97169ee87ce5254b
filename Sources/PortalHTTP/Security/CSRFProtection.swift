import Hummingbird
import PortalKernel

/// Cross-site request forgery protection for every form: a double-submit token.
///
/// Each browser gets a random token in an HttpOnly cookie; every form carries the same token in a hidden `csrf`
/// field, and a POST is accepted only when the two match. Another site can make a browser send the cookie but
/// cannot read it, so it cannot fill in the field. The cookie is `SameSite=Lax`, or `None; Secure` on https so the
/// lead form also works inside a frame on an allow-listed site.
struct CSRFProtection: Sendable {
    static let cookieName = "portal_csrf"
    static let fieldName = "csrf"

    /// Whether links are https (cookies then carry `Secure`).
    let secure: Bool

    /// The request's token, or a new one to be set as a cookie on the response.
    func token(for request: Request) -> (value: String, isNew: Bool) {
        if let existing = request.cookies[Self.cookieName]?.value, SecretToken.isWellFormed(existing) {
            return (existing, false)
        }
        return (SecretToken.generate().value, true)
    }

    /// The cookie that carries a new `token`.
    func cookie(_ token: String) -> Cookie {
        secure
            ? Cookie(name: Self.cookieName, value: token, path: "/", secure: true, httpOnly: true, sameSite: .none)
            : Cookie(name: Self.cookieName, value: token, path: "/", secure: false, httpOnly: true, sameSite: .lax)
    }

    /// Whether `submitted` (the form's field) matches the request's cookie, compared in constant time.
    func verify(_ submitted: String?, for request: Request) -> Bool {
        guard let cookie = request.cookies[Self.cookieName]?.value, let submitted, cookie.count >= 32 else { return false }
        let a = Array(cookie.utf8)
        let b = Array(submitted.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
