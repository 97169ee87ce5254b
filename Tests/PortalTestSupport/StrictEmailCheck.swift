import Foundation
import PortalKernel

/// SPEC M4: emails rendered through ``MIMEMessage`` and read back by Python's strict email parser
/// (`strict_email_check.py`), which must find no defect and the same subject, names and addresses.
public enum StrictEmailCheck {
    /// The sender of the checked messages that name none.
    public static let sender = EmailMessage.Mailbox(address: "portal@greenleaf.example", name: "Greenleaf")

    /// Renders `messages` from ``sender`` and checks them as ``problems(written:sender:)`` does.
    public static func problems(_ messages: [EmailMessage]) async throws -> String? {
        try await problems(written: messages.map { (MIMEMessage($0, defaultFrom: sender, date: Date()).text, $0) }, sender: sender)
    }

    /// Writes each rendered message (`text`, as a mailer sends it) with what it must say (from `message`, sent from
    /// `sender` unless it names its own) to a temporary folder and runs the checker: `nil` when every message
    /// passes, else the checker's report (the failing message and what is wrong, or why Python did not run).
    public static func problems(written: [(text: String, message: EmailMessage)], sender: EmailMessage.Mailbox) async throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("m4-strict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, (text, message)) in written.enumerated() {
            let name = String(format: "%04d", index)
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).eml"))
            try JSONEncoder().encode(Expected(message, sender: sender)).write(to: folder.appendingPathComponent("\(name).json"))
        }
        let outcome = try await PythonScript.run("strict_email_check.py", [folder.path])
        return outcome.status == 0 ? nil : "strict_email_check.py exited \(outcome.status): \(outcome.output)"
    }

    /// What a header shows of typed text: each control character or line separator a space, trimmed (M4).
    public static func shown(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory) ? " " : scalar
        })).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The lines of `text` (a rendered message) that break M4: over 998 octets, or with a CR or LF not in a CRLF.
    public static func badLines(_ text: String) -> [String] {
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var problems: [String] = []
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            if !isLast && line.last != UInt8(ascii: "\r") { problems.append("line \(index + 1) ends in a bare LF") }
            let content = isLast ? line : line.dropLast()
            if content.contains(UInt8(ascii: "\r")) { problems.append("line \(index + 1) has a bare CR") }
            if content.count > 998 { problems.append("line \(index + 1) has \(content.count) octets") }
        }
        return problems
    }

    /// The names of the header fields of `text` (a rendered message), in order: every header line that is not a
    /// continuation (starting with a space or a tab), up to its colon.
    public static func fieldNames(_ text: String) -> [String] {
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("\t") }
            .map { String($0.prefix { $0 != ":" }) }
    }

    /// What `strict_email_check.py` expects a message to say.
    struct Expected: Encodable {
        let subject: String
        let from: [[String]]
        let to: [[String]]
        let replyTo: [[String]]
        /// Each attachment's name, media type and SHA-256.
        let attachments: [[String]]

        init(_ message: EmailMessage, sender: EmailMessage.Mailbox) {
            func pairs(_ mailboxes: [EmailMessage.Mailbox]) -> [[String]] { mailboxes.map { [shown($0.name ?? ""), $0.address] } }
            subject = shown(message.subject)
            from = pairs([message.from ?? sender])
            to = pairs(message.to)
            replyTo = pairs(message.replyTo.map { [$0] } ?? [])
            attachments = message.attachments.map { [$0.fileName, $0.mediaType, FileAddress(of: $0.content).rawValue] }
        }
    }
}
