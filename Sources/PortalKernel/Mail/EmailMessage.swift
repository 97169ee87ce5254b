/// An email as the portal composes it, before any transport encoding.
public struct EmailMessage: Hashable, Codable, Sendable {
    /// A mailbox with an optional display name: `Cece Cunningham <cece@example.com>`.
    public struct Mailbox: Hashable, Codable, Sendable {
        /// The email address, as the record or the configuration holds it; the mailer checks it before sending.
        public var address: String
        /// The display name shown before the address (the customer's name); `nil` for the address alone.
        public var name: String?

        /// Memberwise; nothing is checked here (the mailer checks addresses before sending, ``MIMEMessage`` makes names
        /// safe for a header).
        public init(address: String, name: String? = nil) {
            self.address = address
            self.name = name
        }
    }

    /// `nil` means the mailer's configured sender.
    public var from: Mailbox?
    /// The recipients, all in one `To` field (a customer's contact emails, a lead notification's addresses); empty
    /// only for a preview.
    public var to: [Mailbox]
    /// Where replies go when not to the sender; `nil` for none (the portal's own emails set none).
    public var replyTo: Mailbox?
    /// The subject, one line (``EmailLimits/subjectLine(_:)``).
    public var subject: String
    /// The plain-text body, always present.
    public var textBody: String
    /// The HTML alternative of the body; `nil` for a text-only email.
    public var htmlBody: String?
    /// Files sent with it (an invoice's PDF, SPEC F16); empty for none.
    public var attachments: [EmailAttachment]

    /// Memberwise; the mailer's configured sender unless `from` is given.
    public init(
        from: Mailbox? = nil, to: [Mailbox], replyTo: Mailbox? = nil, subject: String, textBody: String,
        htmlBody: String? = nil, attachments: [EmailAttachment] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
    }

    private enum CodingKeys: String, CodingKey {
        case from, to, replyTo, subject, textBody, htmlBody, attachments
    }

    /// Reads a message; one queued before attachments existed has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            from: try container.decodeIfPresent(Mailbox.self, forKey: .from), to: try container.decode([Mailbox].self, forKey: .to),
            replyTo: try container.decodeIfPresent(Mailbox.self, forKey: .replyTo), subject: try container.decode(String.self, forKey: .subject),
            textBody: try container.decode(String.self, forKey: .textBody), htmlBody: try container.decodeIfPresent(String.self, forKey: .htmlBody),
            attachments: try container.decodeIfPresent([EmailAttachment].self, forKey: .attachments) ?? [])
    }
}
