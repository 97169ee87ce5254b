/// A card the gateway keeps for later (SPEC F11): never its number.
public struct SavedCard: Hashable, Codable, Sendable {
    /// The gateway's token for the card: what a later charge names.
    public var token: String
    /// Brand and last four digits.
    public var summary: CardSummary
    /// The expiry month, 1 to 12.
    public var expiryMonth: Int
    /// The expiry year, four digits.
    public var expiryYear: Int

    /// Memberwise.
    public init(token: String, summary: CardSummary, expiryMonth: Int, expiryYear: Int) {
        self.token = token
        self.summary = summary
        self.expiryMonth = expiryMonth
        self.expiryYear = expiryYear
    }
}

/// What the gateway answered to keeping a card.
public enum SaveCardResult: Hashable, Sendable {
    /// Kept: store the token and the summary.
    case saved(SavedCard)
    /// Refused, with a message fit for the client. Nothing was kept.
    case declined(message: String)
}
