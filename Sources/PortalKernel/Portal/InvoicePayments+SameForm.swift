import Foundation

extension InvoicePayments {
    /// How long a pay form sent again waits for its first sending to end (a card charge takes seconds at most).
    static let sameFormPatience: Duration = .seconds(20)

    /// Runs `attempt` holding the claim on `idempotencyKey` (SPEC F10). The same form sent again while its first
    /// sending charges (a double press: the browser shows the answer to the last press) waits for that sending, up to
    /// ``sameFormPatience``, and answers what `recorded` finds it recorded (its receipt), instead of "already being
    /// processed"; a first sending that recorded nothing (declined) lets this one try. Still charging after the
    /// patience, the answer is `busy`. Another form's key is another claim: two tabs still meet at the invoice's claim
    /// (SPEC M3).
    func onceForForm<Result: Sendable>(
        _ idempotencyKey: String, in account: Account.ID, recorded: () async throws -> Result?, busy: Result,
        _ attempt: () async throws -> Result
    ) async throws -> Result {
        let claim = Lease(counters: services.storage.counters, subject: "payment-form:\(account):\(idempotencyKey)")
        var patience = Patience(Self.sameFormPatience)
        while try await !claim.take(at: services.clock.now, lifetime: Self.claimLifetime) {
            if let earlier = try await recorded() { return earlier }
            guard try await patience.wait() else { return busy }
        }
        do {
            let result = try await attempt()
            try await claim.release(at: services.clock.now)
            return result
        } catch {
            try? await claim.release(at: services.clock.now)
            throw error
        }
    }
}
