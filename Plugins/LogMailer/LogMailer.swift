import Foundation
import Logging
import PortalKernel

/// A mailer for development: each message goes to the log and into an `.eml` file in a folder, which any mail
/// program opens, so a person running the portal locally can follow a login link without a mail server.
///
/// It logs the text body on purpose (that is where the login link is): never use it where real clients log in.
public struct LogMailer: Mailer {
    /// `log`, as `/health` shows it.
    public let driverName = "log"
    /// Where `.eml` files are written.
    public let folder: URL
    /// The sender of a message that names none (`fromAddress` and `fromName`; `Client Portal <portal@localhost>` by
    /// default).
    public let defaultFrom: EmailMessage.Mailbox
    private let logger: Logger
    private let clock: any PortalClock

    /// Writes into `folder` (the plugin makes it at start-up; made again if it went missing since), logs to `logger`, and dates each message and file name
    /// by `clock`.
    public init(folder: URL, defaultFrom: EmailMessage.Mailbox, logger: Logger, clock: any PortalClock) {
        self.folder = folder
        self.defaultFrom = defaultFrom
        self.logger = logger
        self.clock = clock
    }

    public func send(_ message: EmailMessage) async throws {
        let now = clock.now
        let mime = MIMEMessage(message, defaultFrom: defaultFrom, date: now)
        let file = folder.appendingPathComponent(Self.fileName(at: now))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(mime.text.utf8).write(to: file, options: .atomic)
        } catch {
            // A full disk or a read-only folder may pass: worth retrying.
            throw MailDeliveryError.transient("cannot write \(file.path): \(error.localizedDescription)")
        }
        logger.info(
            "Email \"\(message.subject)\" to \(message.to.map(\.address).joined(separator: ", "))\n\(message.textBody)",
            metadata: ["eml": "\(file.path)", "messageID": "\(mime.messageID)"])
    }

    /// `20261125T093000.123Z-1a2b3c4d.eml`: sorts by time; the random part keeps two messages in one
    /// millisecond apart.
    static func fileName(at instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        let suffix = UUID().uuidString.prefix(8).lowercased()
        return "\(formatter.string(from: instant))-\(suffix).eml"
    }
}

extension LogMailer: PluginLocation {
    /// The folder of `.eml` files, absolute.
    public var location: String { folder.standardizedFileURL.path }
}
