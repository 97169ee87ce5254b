import PortalKernel

/// Registers the SMTP mailer as `mailer.driver = "smtp"` (settings: ``SMTPSettings/init(_:)``).
public enum SMTPMailerPlugin {
    /// The name `mailer.driver` selects it by.
    public static let driverName = "smtp"

    public static func register(in registry: inout PluginRegistry) {
        registry.mailers.register(driverName) { section, context in
            let settings = try SMTPSettings(section)
            context.logger.info(
                "SMTP mailer",
                metadata: [
                    "server": "\(settings.host):\(settings.port)", "tls": "\(settings.implicitTLS ? "implicit" : settings.startTLS.rawValue)",
                    "user": "\(settings.username ?? "-")",
                ])
            return try SMTPMailer(settings: settings, clock: context.clock, logger: context.logger)
        }
    }
}
