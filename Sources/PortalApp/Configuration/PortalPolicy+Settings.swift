import PortalKernel

extension PortalPolicy {
    /// Reads the `login` section: `linkMinutes` (20), `sessionIdleMinutes` (120), `sessionDays` (30),
    /// `requestsPerEmail` (5) and `requestsPerIP` (20), `leadFormsPerEmail` (3) and `leadFormsPerIP` (10) per
    /// `rateLimitWindowMinutes` (15).
    init(_ section: any PluginSettings) throws {
        let defaults = PortalPolicy()
        self.init(
            loginLinkLifetime: Double(try section.int("linkMinutes", default: 20, in: 1...1_440)) * 60,
            sessionIdleTimeout: Double(try section.int("sessionIdleMinutes", default: 120, in: 1...43_200)) * 60,
            sessionLifetime: Double(try section.int("sessionDays", default: 30, in: 1...365)) * 86_400,
            loginRequestsPerEmail: try section.int(
                "requestsPerEmail", default: defaults.loginRequestsPerEmail, in: 1...1_000),
            loginRequestsPerIP: try section.int("requestsPerIP", default: defaults.loginRequestsPerIP, in: 1...100_000),
            leadFormsPerEmail: try section.int("leadFormsPerEmail", default: defaults.leadFormsPerEmail, in: 1...1_000),
            leadFormsPerIP: try section.int("leadFormsPerIP", default: defaults.leadFormsPerIP, in: 1...100_000),
            rateLimitWindow: Double(try section.int("rateLimitWindowMinutes", default: 15, in: 1...1_440)) * 60)
    }
}
