import Foundation
import PortalKernel
import SettingsLeadRouter
import Testing

@Suite("Settings lead router")
struct SettingsLeadRouterTests {
    @Test("Emails every address in the account's lead-notification setting, with no assignee or tags")
    func routesToSettings() async throws {
        var registry = PluginRegistry()
        SettingsLeadRouterPlugin.register(in: &registry)
        let router = try await registry.leadRouters.make(
            "settings", settings: DictionarySettings(path: "leadRouting"),
            context: PluginContext(logger: .init(label: "test"), clock: SystemClock()))
        let now = Date()
        let account = Account(
            name: "Greenleaf", portalKey: "k",
            settings: AccountSettings(leadNotificationEmails: ["office@greenleaf.example", "sales@greenleaf.example"]),
            branding: Branding(displayName: "Greenleaf"), createdAt: now)
        let lead = Lead(
            accountID: account.id, jobID: "job", portalLead: true, name: "Jordan", email: "j@example.net",
            serviceAddress: "9 Birch Rd", description: "Tree", submittedAt: now)
        let routing = try await router.route(lead, account: account)
        #expect(routing == LeadRouting(recipients: ["office@greenleaf.example", "sales@greenleaf.example"]))
    }
}
