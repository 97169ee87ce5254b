import Foundation
import PortalKernel
import Testing
import ZipRouter

@Suite("ZIP router")
struct ZipRouterTests {
    let account = Account(
        name: "Greenleaf", portalKey: "greenleaf", settings: AccountSettings(leadNotificationEmails: ["office@example.com"]),
        branding: Branding(displayName: "Greenleaf"), createdAt: Date())

    func lead(_ address: String) -> Lead {
        Lead(accountID: account.id, jobID: "job", portalLead: true, name: "Jo", email: "jo@example.com", serviceAddress: address,
             description: "Mowing", submittedAt: Date())
    }

    @Test("Leads in our ZIP codes go to the crew; others to the account's addresses")
    func routes() async throws {
        let router = ZipRouter(zipPrefix: "606", crewEmail: "north-crew@example.com")
        #expect(try await router.route(lead("1 Lake St, Chicago, IL 60614"), account: account).recipients == ["north-crew@example.com"])
        #expect(try await router.route(lead("9 Birch Rd, Springfield, IL 62704"), account: account).recipients == ["office@example.com"])
    }

    @Test("The plugin registers as \"zip\" and refuses a bad crew address, naming the key")
    func registers() async throws {
        var registry = PluginRegistry()
        ZipRouterPlugin.register(in: &registry)
        let context = PluginContext(logger: .init(label: "test"), clock: SystemClock())
        let router = try await registry.leadRouters.make(
            "zip", settings: DictionarySettings(path: "leadRouting", ["zipPrefix": "606", "crewEmail": "crew@example.com"]), context: context)
        #expect(router.driverName == "zip")
        await #expect {
            _ = try await registry.leadRouters.make(
                "zip", settings: DictionarySettings(path: "leadRouting", ["zipPrefix": "606", "crewEmail": "nope"]), context: context)
        } throws: { "\($0)".contains("leadRouting.crewEmail") }
    }
}
