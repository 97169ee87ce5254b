import Foundation
import PortalKernel
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(baseDelay: 60, maximumDelay: 3_600, giveUpAfter: 5 * 86_400)

    @Test("The wait doubles with each failure, half of it jittered, and never passes the maximum")
    func backoff() {
        #expect(policy.delay(afterAttempts: 1, jitter: 0) == 30)
        #expect(policy.delay(afterAttempts: 1, jitter: 1) == 60)
        #expect(policy.delay(afterAttempts: 2, jitter: 0) == 60)
        #expect(policy.delay(afterAttempts: 3, jitter: 0.5) == 180)
        #expect(policy.delay(afterAttempts: 7, jitter: 1) == 3_600)
        #expect(policy.delay(afterAttempts: 500, jitter: 1) == 3_600)
        #expect(policy.delay(afterAttempts: 500, jitter: 0) == 1_800)
        // Jitter outside 0…1 is clamped.
        #expect(policy.delay(afterAttempts: 1, jitter: 7) == 60)
    }

    @Test("Gives up at the give-up age, counted from when the message was queued")
    func givesUp() {
        let queued = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(!policy.hasGivenUp(queuedAt: queued, at: queued.addingTimeInterval(5 * 86_400 - 1)))
        #expect(policy.hasGivenUp(queuedAt: queued, at: queued.addingTimeInterval(5 * 86_400)))
    }
}
