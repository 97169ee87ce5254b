import Foundation

/// The portal's security timings and limits, from the `portal` section of the configuration.
public struct PortalPolicy: Hashable, Sendable {
    /// How long a login link works (SPEC F3: 20 minutes by default).
    public var loginLinkLifetime: TimeInterval
    /// A portal session ends after this long without a request.
    public var sessionIdleTimeout: TimeInterval
    /// A portal session ends this long after login, however active.
    public var sessionLifetime: TimeInterval
    /// Login-link requests allowed per email address in ``rateLimitWindow``.
    public var loginRequestsPerEmail: Int
    /// Login-link requests allowed per client IP address in ``rateLimitWindow``.
    public var loginRequestsPerIP: Int
    /// Lead-form submissions allowed per email address in ``rateLimitWindow`` (SPEC M5).
    public var leadFormsPerEmail: Int
    /// Lead-form submissions allowed per client IP address in ``rateLimitWindow`` (SPEC M5).
    public var leadFormsPerIP: Int
    /// The fixed window, in seconds, the login-link and lead-form limits count in.
    public var rateLimitWindow: TimeInterval

    /// Memberwise, with the defaults: login links last 20 minutes, a session ends after 2 idle hours or 30 days, 5
    /// login-link requests per email and 20 per IP address, 3 lead forms per email and 10 per IP address, in windows of
    /// 15 minutes.
    public init(
        loginLinkLifetime: TimeInterval = 20 * 60, sessionIdleTimeout: TimeInterval = 2 * 3_600,
        sessionLifetime: TimeInterval = 30 * 86_400, loginRequestsPerEmail: Int = 5, loginRequestsPerIP: Int = 20,
        leadFormsPerEmail: Int = 3, leadFormsPerIP: Int = 10, rateLimitWindow: TimeInterval = 15 * 60
    ) {
        self.leadFormsPerEmail = leadFormsPerEmail
        self.leadFormsPerIP = leadFormsPerIP
        self.loginLinkLifetime = loginLinkLifetime
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionLifetime = sessionLifetime
        self.loginRequestsPerEmail = loginRequestsPerEmail
        self.loginRequestsPerIP = loginRequestsPerIP
        self.rateLimitWindow = rateLimitWindow
    }
}
