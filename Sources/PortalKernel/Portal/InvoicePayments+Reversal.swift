import Foundation

/// Giving back a charge the portal approved but could not keep (SPEC M3), so that a client never pays for what the
/// invoice did not take, and the form's key can never be used to record a payment without money.
extension InvoicePayments {
    /// Why an approved charge could not be recorded: the invoice changed while the card was charged.
    struct Unrecordable: Error {
        let outcome: Outcome
        let reason: String
    }

    /// How long a key whose charge was reversed stays unusable: longer than gateways keep an idempotency key's
    /// answer (Stripe keeps it 24 hours), so the gateway's cached approval of the reversed charge is never reused.
    static let spentKeyLifetime: TimeInterval = 7 * 24 * 3_600

    /// The mark a key carries once its charge was reversed.
    func spentKey(_ idempotencyKey: String, in account: Account.ID) -> Lease {
        Lease(counters: services.storage.counters, subject: "spent-payment-key:\(account):\(idempotencyKey)")
    }

    /// Reverses the approved charge `reference` at the gateway and marks `key` spent. A reversal the gateway
    /// refuses is logged as an error for staff to refund by hand; the key is marked spent all the same.
    func reverse(_ reference: String, charged: Money, key: String, in account: Account, reason: String) async throws {
        let now = services.clock.now
        _ = try await spentKey(key, in: account.id).take(at: now, lifetime: Self.spentKeyLifetime)
        do {
            try await services.paymentGateway.reverse(
                ChargeReversal(reference: reference, amount: charged, currencyCode: account.currencyCode, reason: reason))
        } catch {
            services.logger.error(
                "A charge the portal could not record was not reversed: refund it by hand",
                metadata: [
                    "reference": "\(reference)", "amount": "\(charged.formatted(currencyCode: account.currencyCode))",
                    "reason": "\(reason)", "error": "\(error)",
                ])
        }
    }
}
