import PortalKernel

/// The default lead router (SPEC F6): emails every address in the account's setting "Who should we email when a
/// new lead comes from the Customer Portal?". No assignee, no tags.
public struct SettingsLeadRouter: LeadRouter {
    public let driverName = "settings"

    public init() {}

    public func route(_ lead: Lead, account: Account) async throws -> LeadRouting {
        LeadRouting(recipients: account.settings.leadNotificationEmails)
    }
}

/// Registers the default router as `leadRouting.driver = "settings"`. It takes no settings.
public enum SettingsLeadRouterPlugin {
    public static let driverName = "settings"

    public static func register(in registry: inout PluginRegistry) {
        registry.leadRouters.register(driverName) { _, _ in SettingsLeadRouter() }
    }
}
