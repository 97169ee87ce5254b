import Logging
import Synchronization

/// Collects log lines, with their metadata, in memory.
public final class CapturedLog: Sendable {
    public let lines = Mutex<[String]>([])

    public init() {}

    /// A logger whose every line lands in ``lines``.
    public var logger: Logger {
        Logger(label: "test") { _ in Handler(sink: self) }
    }

    struct Handler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.lines.withLock { $0.append("\(event.message) \(all)") }
        }
    }
}
