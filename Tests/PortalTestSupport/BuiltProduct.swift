import Foundation
import Testing

/// An executable SwiftPM built beside the running test bundle (`swift build --build-tests` builds them all).
public enum BuiltProduct {
    /// The path of the executable `name`; records an issue and throws when it is not there.
    public static func path(_ name: String) throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        Issue.record("No \(name) near \(CommandLine.arguments[0]): run `swift build --build-tests` before `swift test`")
        throw CancellationError()
    }
}
