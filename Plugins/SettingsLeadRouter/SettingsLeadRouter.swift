import PortalKernel

/// The default lead router (SPEC F6): emails every address in the account's setting "Who should we email when a
/// new lead comes from the Customer Portal?". No assignee, no tags.
public struct SettingsLeadRouter: LeadRouter {
    /// `settings`, as `/health` shows it.
    public let driverName = "settings"

    /// The router; it needs nothing but the account each lead comes with.
    public init() {}

    public func route(_ lead: Lead, account: Account) async throws -> LeadRouting {
        LeadRouting(recipients: account.settings.leadNotificationEmails)
    }
}

/// Registers the default router as `leadRouting.driver = "settings"`. It takes no settings.
public enum SettingsLeadRouterPlugin {
    /// The name `leadRouting.driver` selects it by (the default).
    public static let driverName = "settings"

    public static func register(in registry: inout PluginRegistry) {
        registry.leadRouters.register(driverName) { _, _ in SettingsLeadRouter() }
    }
}
