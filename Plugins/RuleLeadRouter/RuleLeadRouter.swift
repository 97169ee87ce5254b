import PortalKernel

/// Routes portal leads by ordered rules from the configuration (`leadRouting.driver = "rules"`): the first rule a
/// lead matches names who is emailed, the assignee and the tags; a lead no rule matches goes to the account's
/// lead-notification addresses, as with the default router.
///
/// ```json
/// "leadRouting": {
///   "driver": "rules",
///   "order": ["north-side", "trees"],
///   "rules": {
///     "north-side": {"postalPrefixes": ["606"], "recipients": ["north@greenleaf.example"], "assignee": "sam@greenleaf.example", "tags": ["north"]},
///     "trees": {"words": ["tree", "stump"], "recipients": ["arborist@greenleaf.example"], "tags": ["trees"]}
///   }
/// }
/// ```
public struct RuleLeadRouter: LeadRouter {
    /// `rules`, as `/health` shows it.
    public let driverName = "rules"
    /// The rules, in the order they are tried (the section's `order`); the first a lead matches decides.
    public let rules: [LeadRule]

    /// Routes by `rules`, first to last, as given (``rules(from:)`` reads and checks them from the configuration).
    public init(rules: [LeadRule]) {
        self.rules = rules
    }

    public func route(_ lead: Lead, account: Account) async throws -> LeadRouting {
        guard let rule = rules.first(where: { $0.matches(lead, account: account) }) else {
            return LeadRouting(recipients: account.settings.leadNotificationEmails)
        }
        return LeadRouting(recipients: rule.recipients, assigneeEmail: rule.assignee, tags: rule.tags)
    }

    /// The rules of a `leadRouting` section, checked: every rule in `order` exists and is listed once, each has only
    /// known fields, at least one recipient, and valid addresses. A problem names the rule's position and name.
    public static func rules(from section: any PluginSettings) throws -> [LeadRule] {
        let order = try section.stringArray("order") ?? []
        let rulesSection = section.section("rules")
        let defined = rulesSection.keys()
        if order.isEmpty {
            throw ConfigurationError.invalidValue(key: section.fullKey("order"), problem: "list the rules' names, first to try first")
        }
        if let unlisted = defined.subtracting(order).sorted().first {
            throw ConfigurationError.invalidValue(
                key: rulesSection.fullKey(unlisted), problem: "rule \"\(unlisted)\" is not in \(section.fullKey("order"))")
        }
        var seen: Set<String> = []
        return try order.enumerated().map { index, name in
            let position = "rule \(index + 1) (\"\(name)\")"
            guard seen.insert(name).inserted else {
                throw ConfigurationError.invalidValue(key: section.fullKey("order"), problem: "\(position) is listed twice")
            }
            let settings = rulesSection.section(name)
            func refuse(_ problem: String, key: String? = nil) -> ConfigurationError {
                .invalidValue(key: key.map(settings.fullKey) ?? settings.path, problem: "\(position): \(problem)")
            }
            guard defined.contains(name) else { throw refuse("is in the order but not under \(rulesSection.path)") }
            let known: Set = ["account", "postalPrefixes", "words", "recipients", "assignee", "tags"]
            if let unknown = settings.keys().subtracting(known).sorted().first {
                throw refuse("unknown field \"\(unknown)\"; a rule has \(known.sorted().joined(separator: ", "))", key: unknown)
            }
            let recipients = (try settings.stringArray("recipients") ?? []).map(EmailAddress.normalized)
            if recipients.isEmpty { throw refuse("needs at least one recipient", key: "recipients") }
            if let bad = recipients.first(where: { !EmailAddress.isValid($0) }) {
                throw refuse("\"\(bad)\" is not an email address", key: "recipients")
            }
            let assignee = try settings.string("assignee").map(EmailAddress.normalized)
            if let assignee, !EmailAddress.isValid(assignee) {
                throw refuse("\"\(assignee)\" is not an email address", key: "assignee")
            }
            return LeadRule(
                name: name, account: try settings.string("account"), postalPrefixes: try settings.stringArray("postalPrefixes") ?? [],
                words: try settings.stringArray("words") ?? [], recipients: recipients, assignee: assignee,
                tags: try settings.stringArray("tags") ?? [])
        }
    }
}

/// Registers the rules router as `leadRouting.driver = "rules"`.
public enum RuleLeadRouterPlugin {
    /// The name `leadRouting.driver` selects it by.
    public static let driverName = "rules"

    public static func register(in registry: inout PluginRegistry) {
        registry.leadRouters.register(driverName) { settings, _ in RuleLeadRouter(rules: try RuleLeadRouter.rules(from: settings)) }
    }
}
