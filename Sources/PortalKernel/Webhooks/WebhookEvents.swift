import Foundation

/// Queues webhook events for an account's receivers, in the caller's transaction, so an event goes out if and only
/// if its change was saved.
public enum WebhookEvents {
    /// The events the portal sends.
    public enum Kind: String, Sendable, CaseIterable {
        case leadCreated = "lead.created"
        case proposalAccepted = "proposal.accepted"
        case proposalDeclined = "proposal.declined"
        case invoicePaid = "invoice.paid"
        case visitConfirmed = "visit.confirmed"
        case visitSkipped = "visit.skipped"
        case visitRescheduleRequested = "visit.rescheduleRequested"
        case visitRescheduled = "visit.rescheduled"
        case visitCompleted = "visit.completed"
        case visitCancelled = "visit.cancelled"
        case autopayEnabled = "autopay.enabled"
        case autopayDisabled = "autopay.disabled"
        case autopayFailed = "autopay.failed"
        case paymentRefunded = "payment.refunded"
    }

    private struct Body<Data: Encodable>: Encodable {
        let id: String
        let type: String
        let createdAt: Date
        let account: String
        let data: Data
    }

    /// One outbox message per webhook URL of `account` carrying `kind` about `data`.
    public static func enqueue(
        _ kind: Kind, data: some Encodable & Sendable, about subject: RecordReference, account: Account, store: any Repositories,
        at now: Date
    ) async throws {
        guard !account.settings.webhookURLs.isEmpty else { return }
        let eventID = "evt_" + UUID().uuidString.lowercased()
        let body = Body(id: eventID, type: kind.rawValue, createdAt: now, account: account.portalKey, data: data)
        let json = String(decoding: try StorageJSON.encoder(pretty: false).encode(body), as: UTF8.self)
        for url in account.settings.webhookURLs {
            try await store.outbox.enqueue(
                OutboxMessage(
                    accountID: account.id, webhook: WebhookRequest(url: url, event: kind.rawValue, eventID: eventID, body: json),
                    about: subject, nextAttemptAt: now, createdAt: now))
        }
    }
}
