import PortalKernel

/// What the portal's and the back office's pages share, whichever use cases a controller calls (#20): the page
/// renderer, CSRF protection, the links (and so whether cookies are `Secure`), the portal's policy, how the client's
/// address is read, and the clock pages read "today" from.
struct BrowserFront: Sendable {
    let renderer: PageRenderer
    let csrf: CSRFProtection
    /// The public base URL's links; `links.base` is the portal's address.
    let links: PortalLinks
    /// Session lifetimes and login-link limits.
    let policy: PortalPolicy
    /// Whether the client's address is read from `X-Forwarded-For` (behind a trusted reverse proxy).
    let trustForwardedFor: Bool
    let clock: any PortalClock
}
