import Foundation
import PortalKernel
import PortalPluginKit

/// Registers the log mailer as `mailer.driver = "log"`.
///
/// Settings (section `mailer`): `folder` for the `.eml` files (default `var/mail`), `fromAddress` (default
/// `portal@localhost`) and `fromName` (default `Client Portal`).
public enum LogMailerPlugin {
    /// The name `mailer.driver` selects it by (the default).
    public static let driverName = "log"

    public static func register(in registry: inout PluginRegistry) {
        registry.mailers.register(driverName) { settings, context in
            let folder = try settings.string("folder") ?? "var/mail"
            let fromAddress = try settings.string("fromAddress") ?? "portal@localhost"
            guard EmailAddress.isValid(fromAddress) || fromAddress.hasSuffix("@localhost") else {
                throw ConfigurationError.invalidValue(
                    key: settings.fullKey("fromAddress"), problem: "\"\(fromAddress)\" is not an email address")
            }
            let fromName = try settings.string("fromName") ?? "Client Portal"
            try PluginFolder.create(URL(fileURLWithPath: folder, isDirectory: true), forKey: settings.fullKey("folder"))
            context.logger.info("Log mailer: emails are logged and written as .eml files", metadata: ["folder": "\(folder)"])
            return LogMailer(
                folder: URL(fileURLWithPath: folder, isDirectory: true),
                defaultFrom: EmailMessage.Mailbox(address: fromAddress, name: fromName),
                logger: context.logger, clock: context.clock)
        }
    }
}
