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
    /// The reverse proxies whose `X-Forwarded-For` gives the client's address.
    let proxies: ProxyTrust
    let clock: any PortalClock
}
