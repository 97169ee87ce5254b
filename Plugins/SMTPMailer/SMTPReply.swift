import PortalKernel

/// One reply of an SMTP server: a three-digit code and its text lines (several for `250-…` continuations).
struct SMTPReply: Sendable, CustomStringConvertible {
    let code: Int
    let lines: [String]

    var isPositive: Bool { (200..<400).contains(code) }

    /// `250 mail.example.com` (the first line), as staff see it beside a failed email.
    var description: String { "\(code) \(lines.first ?? "")" }

    /// The error for an unexpected reply: 4xx is worth retrying, anything else is not.
    var failure: MailDeliveryError {
        (400..<500).contains(code) ? .transient(description) : .permanent(description)
    }
}

/// What the client itself can go wrong with, before or besides the server's replies.
enum SMTPClientError: Error, CustomStringConvertible {
    case timedOut(String)
    case connectionClosed
    case malformedReply(String)

    var description: String {
        switch self {
        case .timedOut(let waiting): "no reply within the time limit (\(waiting))"
        case .connectionClosed: "the server closed the connection"
        case .malformedReply(let line): "not an SMTP reply: \(line.prefix(80))"
        }
    }
}
