/// Delivers one email. Chosen by `mailer.driver` (`log`, `smtp`, …).
///
/// Use cases never call a mailer directly: they put messages in the outbox, and the outbox worker calls the
/// mailer, so a message survives a mail server being down.
public protocol Mailer: Sendable {
    /// The driver name it was registered under (`log`), shown by `/health`.
    var driverName: String { get }

    /// Hands the message to the transport. Throws ``MailDeliveryError`` to say whether a retry can help.
    func send(_ message: EmailMessage) async throws
}

/// Why a delivery failed, in the terms the outbox needs.
public enum MailDeliveryError: Error, Equatable, CustomStringConvertible {
    /// Worth trying again later (a 4xx reply, a refused connection, a time-out).
    case transient(String)
    /// Will never succeed as it is (a 5xx reply: unknown mailbox, rejected sender).
    case permanent(String)

    public var description: String {
        switch self {
        case .transient(let reply): "temporary failure: \(reply)"
        case .permanent(let reply): "permanent failure: \(reply)"
        }
    }
}
