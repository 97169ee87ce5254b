/// An email as the portal composes it, before any transport encoding.
public struct EmailMessage: Hashable, Codable, Sendable {
    /// A mailbox with an optional display name: `Cece Cunningham <cece@example.com>`.
    public struct Mailbox: Hashable, Codable, Sendable {
        public var address: String
        public var name: String?

        public init(address: String, name: String? = nil) {
            self.address = address
            self.name = name
        }
    }

    /// `nil` means the mailer's configured sender.
    public var from: Mailbox?
    public var to: [Mailbox]
    public var replyTo: Mailbox?
    public var subject: String
    public var textBody: String
    public var htmlBody: String?

    public init(
        from: Mailbox? = nil, to: [Mailbox], replyTo: Mailbox? = nil, subject: String, textBody: String,
        htmlBody: String? = nil
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
    }
}
