/// Decides what happens to a new portal lead. Chosen by `leadRouting.driver`.
///
/// A team routes leads its own way (by ZIP code, by service, to a CRM…) by writing a router in its own package
/// and registering it; see `Docs/Plugins.md`.
public protocol LeadRouter: Sendable {
    /// The driver name it was registered under.
    var driverName: String { get }

    /// Who is emailed about `lead`, who it is assigned to, and how it is tagged.
    func route(_ lead: Lead, account: Account) async throws -> LeadRouting
}

/// A lead router's decision.
public struct LeadRouting: Hashable, Sendable {
    /// Addresses to email about the lead; empty means nobody is emailed.
    public var recipients: [String]
    /// The email of the staff user to assign it to; one that is not a staff user of the account assigns nobody.
    public var assigneeEmail: String?
    /// Labels to put on the lead (`north-side`), shown in the back office's lead list; empty for none.
    public var tags: [String]

    /// Memberwise: no assignee and no tags unless given.
    public init(recipients: [String], assigneeEmail: String? = nil, tags: [String] = []) {
        self.recipients = recipients
        self.assigneeEmail = assigneeEmail
        self.tags = tags
    }
}
