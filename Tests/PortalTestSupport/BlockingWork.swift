import Foundation

/// Blocking work of the tests (waiting for a process to end, polling a pipe) run on a thread of its own.
///
/// Swift's cooperative threads are as many as the machine's cores (2 on CI). A test that waits for `pdftotext` or a
/// server's start-up line on one of them holds it, and with two such tests at once every other test of the process
/// (an in-process server answering `/health`, a loop waiting for an email) stops until they are done.
public enum BlockingWork {
    /// The result of `work`, run on a new thread while the caller's task is suspended.
    /// - Throws: what `work` throws.
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
