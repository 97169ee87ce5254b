import PortalKernel

/// One routing rule: what a lead must match, and what happens to it. A criterion left out matches every lead.
public struct LeadRule: Hashable, Sendable {
    /// The rule's name in the configuration (`north-side`).
    public var name: String
    /// The account's portal key or id; `nil` for every account.
    public var account: String?
    /// ZIP or postal-code prefixes of the service address (`606`, `M5V`); empty for any.
    public var postalPrefixes: [String]
    /// Words looked for in the services wanted and the description, whole and ignoring case; empty for any.
    public var words: [String]
    /// The addresses emailed about a matching lead, normalised; at least one.
    public var recipients: [String]
    /// A staff user's email.
    public var assignee: String?
    /// Labels put on a matching lead (`north`), shown in the back office's lead list; empty for none.
    public var tags: [String]

    /// Memberwise; criteria left out match every lead. ``RuleLeadRouter/rules(from:)`` checks the addresses of a
    /// configured rule.
    public init(
        name: String, account: String? = nil, postalPrefixes: [String] = [], words: [String] = [], recipients: [String],
        assignee: String? = nil, tags: [String] = []
    ) {
        self.name = name
        self.account = account
        self.postalPrefixes = postalPrefixes
        self.words = words
        self.recipients = recipients
        self.assignee = assignee
        self.tags = tags
    }

    /// Whether `lead` of `account` meets every criterion the rule has.
    public func matches(_ lead: Lead, account: Account) -> Bool {
        if let wanted = self.account, wanted != account.portalKey, wanted != account.id.rawValue { return false }
        if !postalPrefixes.isEmpty {
            guard let code = Self.postalCode(in: lead.serviceAddress),
                postalPrefixes.contains(where: { code.hasPrefix(Self.compact($0)) })
            else { return false }
        }
        if !words.isEmpty {
            let text = Set(Self.words(in: (lead.servicesWanted + [lead.description]).joined(separator: " ")))
            guard words.contains(where: { text.contains($0.lowercased()) }) else { return false }
        }
        return true
    }

    /// The postal code of a typed address: the last token that holds a digit (`62704`, `62704-1234`, and for
    /// Canada and the UK the last two tokens, `M5V 2T6`), upper-cased without spaces.
    static func postalCode(in address: String) -> String? {
        let tokens = address.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        guard let last = tokens.lastIndex(where: { $0.contains(where: \.isNumber) }) else { return nil }
        let code = tokens[last]
        if code.count == 3, last > 0, tokens[last - 1].count == 3, tokens[last - 1].contains(where: \.isNumber) {
            return compact(tokens[last - 1] + code)
        }
        return compact(code)
    }

    static func compact(_ text: String) -> String { text.uppercased().filter { !$0.isWhitespace } }

    static func words(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
