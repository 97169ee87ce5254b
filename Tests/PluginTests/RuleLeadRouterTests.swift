import Foundation
import PortalKernel
import RuleLeadRouter
import Testing

@Suite("Rule lead router")
struct RuleLeadRouterTests {
    let account = Account(
        id: "acct", name: "Greenleaf", portalKey: "greenleaf",
        settings: AccountSettings(leadNotificationEmails: ["office@greenleaf.example"]), branding: Branding(displayName: "Greenleaf"),
        createdAt: Date())

    func lead(address: String, services: [String] = [], description: String = "") -> Lead {
        Lead(accountID: account.id, jobID: "job", portalLead: true, name: "Jo", email: "jo@example.com", serviceAddress: address,
             servicesWanted: services, description: description, submittedAt: Date())
    }

    let router = RuleLeadRouter(rules: [
        LeadRule(name: "elsewhere", account: "otherco", recipients: ["other@example.com"]),
        LeadRule(name: "north", postalPrefixes: ["606", "M5V"], recipients: ["north@greenleaf.example"], assignee: "sam@greenleaf.example", tags: ["north"]),
        LeadRule(name: "trees", account: "greenleaf", words: ["tree", "stump"], recipients: ["arborist@greenleaf.example"], tags: ["trees"]),
    ])

    @Test("The first matching rule wins; ZIP and postal prefixes, whole words, and the account are matched")
    func matching() async throws {
        let north = try await router.route(lead(address: "1 Lake St, Chicago, IL 60614", services: ["Tree care"]), account: account)
        #expect(north == LeadRouting(recipients: ["north@greenleaf.example"], assigneeEmail: "sam@greenleaf.example", tags: ["north"]))
        let canada = try await router.route(lead(address: "200 King St W, Toronto, ON M5V 3L9"), account: account)
        #expect(canada.tags == ["north"])
        let trees = try await router.route(lead(address: "9 Birch Rd, Springfield, IL 62704", description: "Grind the STUMP, please"), account: account)
        #expect(trees.recipients == ["arborist@greenleaf.example"] && trees.assigneeEmail == nil)
        // "street" does not contain the word "tree".
        let words = try await router.route(lead(address: "9 Main Street, Springfield, IL 62704", description: "mowing on the street side"), account: account)
        #expect(words.recipients == ["office@greenleaf.example"])
    }

    @Test("No match falls back to the account's lead-notification addresses")
    func fallback() async throws {
        let routing = try await router.route(lead(address: "no code here", services: ["Lawn care"]), account: account)
        #expect(routing == LeadRouting(recipients: ["office@greenleaf.example"]))
    }

    @Test("Rules are read in order from the configuration")
    func readsConfiguration() throws {
        let settings = DictionarySettings(path: "leadRouting", [
            "order": "north, trees", "rules.north.postalPrefixes": "606", "rules.north.recipients": "North@Greenleaf.example",
            "rules.north.assignee": "sam@greenleaf.example", "rules.trees.words": "tree", "rules.trees.recipients": "arborist@greenleaf.example",
            "rules.trees.tags": "trees, urgent",
        ])
        let rules = try RuleLeadRouter.rules(from: settings)
        #expect(rules.map(\.name) == ["north", "trees"])
        #expect(rules[0].recipients == ["north@greenleaf.example"] && rules[1].tags == ["trees", "urgent"])
    }

    @Test("A bad rule stops start-up with its position and the problem", arguments: [
        (["order": "a", "rules.a.recipients": "a@example.com", "rules.a.zip": "606"], "rule 1 (\"a\"): unknown field \"zip\""),
        (["order": "a, b", "rules.a.recipients": "a@example.com", "rules.b.words": "tree"], "rule 2 (\"b\"): needs at least one recipient"),
        (["order": "a", "rules.a.recipients": "a@example.com, not-an-address"], "rule 1 (\"a\"): \"not-an-address\" is not an email address"),
        (["order": "a", "rules.a.recipients": "a@example.com", "rules.a.assignee": "sam"], "rule 1 (\"a\"): \"sam\" is not an email address"),
        (["order": "a", "rules.a.recipients": "a@example.com", "rules.b.recipients": "b@example.com"], "rule \"b\" is not in leadRouting.order"),
        (["order": "a, a", "rules.a.recipients": "a@example.com"], "rule 2 (\"a\") is listed twice"),
        (["rules.a.recipients": "a@example.com"], "list the rules' names"),
    ])
    func badRules(values: [String: String], problem: String) {
        #expect {
            try RuleLeadRouter.rules(from: DictionarySettings(path: "leadRouting", values))
        } throws: { error in
            "\(error)".contains(problem)
        }
    }
}
