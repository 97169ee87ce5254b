import Foundation

/// CPU-heavy work of a plugin (cleaning a photo with libvips, drawing a PDF with Cairo), run on a thread of its own
/// and at most one fewer at once than the machine has cores (at least one): a 49-megapixel 16-bit PNG takes seconds
/// of CPU, and Swift's cooperative threads, as many as the cores, must stay free to answer requests meanwhile. The
/// others wait their turn, first come, first served (#25, SPEC F16, F17).
public enum HeavyWork {
    /// How many run at once.
    public static let limit = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    private static let gate = AsyncSemaphore(limit: limit)

    /// The result of `work`, once a place is free and it has run off the cooperative threads.
    /// - Throws: what `work` throws; `AsyncSemaphore.NotAdmitted` when the task is cancelled while it waits.
    public static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await gate.withGate {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
            }
        }
    }
}
