import Foundation
import PortalTestSupport
import SQLiteStorage
import Testing

/// SPEC M4: `portal account create` holds the company name to what fits in an email subject.
extension ExecutableTests {
    @Test("M4: portal account create refuses a 1,115-character company name with a clear message and creates nothing")
    func accountNameLimit() async throws {
        let fixture = try AppFixture()
        let name = String(repeating: "Birch Landscaping & Tree Care ", count: 40).prefix(1_115)
        let created = try await run([
            "account", "create", "--config", try fixture.isolatedConfig(), "--name", String(name), "--portal-key", "birch",
            "--admin-name", "Bea Birch", "--admin-email", "bea@birch.example",
        ])
        #expect(created.status != 0)
        #expect(created.stderr.contains("The company name can have up to 200 characters (this one has 1115)"), "\(created.stderr)")
        let storage = try SQLiteStorage(path: fixture.folder.appendingPathComponent("portal.sqlite").path)
        #expect(try await storage.accounts.find(portalKey: "birch") == nil)
        try await storage.close()
        fixture.remove()
    }
}
