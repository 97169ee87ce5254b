import Foundation

extension Repositories {
    /// What sending a document writes, inside the caller's transaction: its email queued in the outbox, and the
    /// staff action in the audit trail.
    func recordSent(
        _ email: EmailMessage, about subject: RecordReference, action: AuditEvent.Action, in account: Account.ID,
        by staff: StaffUser.ID?, at now: Date
    ) async throws {
        try await outbox.enqueue(OutboxMessage(accountID: account, email: email, about: subject, nextAttemptAt: now, createdAt: now))
        try await auditEvents.record(
            AuditEvent(accountID: account, action: action, about: subject, detail: staff.map { "by staff \($0)" }, occurredAt: now))
    }
}
