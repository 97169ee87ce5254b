import Logging

/// The portal's logger: swift-log's default handler (standard error) at the configured level.
public enum PortalLogger {
    public static func make(level: Logger.Level) -> Logger {
        var logger = Logger(label: "client-portal")
        logger.logLevel = level
        return logger
    }
}
