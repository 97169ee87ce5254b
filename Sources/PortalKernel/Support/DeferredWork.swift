import Logging

/// Work a request hands off to be done after its answer, one job at a time, in the order given.
///
/// The login-link request (#17) answers before the address is looked up, so the answer's time says nothing about
/// whether the address belongs to a customer. Jobs run on one task, started when the first arrives and ended when
/// the queue is empty, each no sooner than ``startDelay`` after it was handed over, so that it does not compete with
/// the rest of its own request (writing the answer) for the machine's threads. At most ``capacity`` jobs wait; one beyond that is dropped with a warning (its request was
/// answered anyway, and the person can ask again). Not durable: a job still waiting when the process dies is lost.
public actor DeferredWork {
    public typealias Job = @Sendable () async throws -> Void

    /// The most jobs that may wait at once.
    public let capacity: Int
    /// How long a job waits at least before it starts.
    public let startDelay: Duration
    private let logger: Logger
    private var waiting: [(name: String, job: Job, submitted: ContinuousClock.Instant)] = []
    private var worker: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// A queue of at most `capacity` jobs (1,000 by default), each started at least `startDelay` (10 ms) after it was
    /// handed over; dropped jobs are logged to `logger`.
    public init(
        capacity: Int = 1_000, startDelay: Duration = .milliseconds(10), logger: Logger = Logger(label: "client-portal.deferred-work")
    ) {
        self.capacity = capacity
        self.startDelay = startDelay
        self.logger = logger
    }

    /// Queues `job`; `false` when ``capacity`` jobs are already waiting (the job is dropped). `name` is for the log
    /// and must not hold personal data.
    @discardableResult
    public func submit(_ name: String, _ job: @escaping Job) -> Bool {
        guard waiting.count < capacity else {
            logger.warning("Deferred work is full; dropped a job", metadata: ["job": "\(name)", "capacity": "\(capacity)"])
            return false
        }
        waiting.append((name, job, .now))
        // Outside any page's read group, whichever request happens to start it.
        if worker == nil { worker = Task { await ReadGroupScope.$current.withValue(nil) { await self.drain() } } }
        return true
    }

    /// Returns once no job is waiting or running (tests, and a graceful stop before storage closes).
    public func idle() async {
        guard worker != nil else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let next = waiting.removeFirst()
            let wait = next.submitted + startDelay - .now
            if wait > .zero { try? await Task.sleep(for: wait) }
            do {
                try await next.job()
            } catch {
                logger.error("Deferred work failed", metadata: ["job": "\(next.name)", "error": "\(error)"])
            }
        }
        worker = nil
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
