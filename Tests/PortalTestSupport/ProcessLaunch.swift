import Foundation

/// Starts the tests' outside programs one at a time.
///
/// Foundation's `Process.run()` on Linux changes the whole test process's working folder while it spawns and changes
/// it back afterwards: two starting at once can leave the process in the other's folder. Waiting for a program still
/// happens side by side (``BlockingWork``); only the start, a few milliseconds, is taken in turn.
public enum ProcessLaunch {
    private static let lock = NSLock()

    /// Runs `process`, after any other start under way.
    /// - Throws: what `Process.run()` throws (a program that cannot be started).
    public static func start(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }
}
