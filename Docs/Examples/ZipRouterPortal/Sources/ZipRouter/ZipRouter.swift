import PortalKernel

/// Sends a portal lead whose service address is in one of our ZIP codes to the crew that works there, and every
/// other lead to the account's usual lead-notification addresses.
///
/// Configuration (`leadRouting` section of portal.json):
/// ```json
/// "leadRouting": {"driver": "zip", "zipPrefix": "606", "crewEmail": "north-crew@example.com"}
/// ```
public struct ZipRouter: LeadRouter {
    public let driverName = "zip"
    public let zipPrefix: String
    public let crewEmail: String

    public init(zipPrefix: String, crewEmail: String) {
        self.zipPrefix = zipPrefix
        self.crewEmail = crewEmail
    }

    public func route(_ lead: Lead, account: Account) async throws -> LeadRouting {
        let zip = lead.serviceAddress.split(whereSeparator: { !$0.isNumber }).last.map(String.init) ?? ""
        guard zip.hasPrefix(zipPrefix) else { return LeadRouting(recipients: account.settings.leadNotificationEmails) }
        return LeadRouting(recipients: [crewEmail], tags: ["zip \(zipPrefix)"])
    }
}

/// Registers the router as `leadRouting.driver = "zip"`, reading and checking its two settings.
public enum ZipRouterPlugin {
    public static func register(in registry: inout PluginRegistry) {
        registry.leadRouters.register("zip") { settings, _ in
            let prefix = try settings.required("zipPrefix") { try settings.string($0) }
            let crew = try settings.required("crewEmail") { try settings.string($0) }
            guard EmailAddress.isValid(crew) else {
                throw ConfigurationError.invalidValue(key: settings.fullKey("crewEmail"), problem: "\"\(crew)\" is not an email address")
            }
            return ZipRouter(zipPrefix: prefix, crewEmail: crew)
        }
    }
}
