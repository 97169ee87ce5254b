import Foundation

/// SPEC V5: queues the reminder emails that are due — the day before each visit, at the account's reminder hour —
/// once per visit, never for one that is skipped, cancelled or done.
///
/// Each reminder is its own transaction that reads the visit again (locked where the store locks rows, so a second
/// instance on the same PostgreSQL database waits, then finds it reminded), checks ``VisitReminders/isDue(_:at:settings:timeZone:)``,
/// queues the email to the customer's addresses through the outbox, and records the instant on the visit.
public struct VisitReminderRun: Sendable {
    let services: PortalServices
    let emails: any PortalEmailComposer

    /// Reads accounts, visits and customers from `services.storage` at `services.clock`'s instant; words the
    /// reminders with `emails`.
    public init(services: PortalServices, emails: any PortalEmailComposer) {
        self.services = services
        self.emails = emails
    }

    /// One pass over every account: returns how many reminders it queued.
    @discardableResult
    public func run() async throws -> Int {
        var queued = 0
        for account in try await services.storage.accounts.all() {
            let today = account.today(at: services.clock.now)
            // A reminder is due the day before, and still sent until the visit starts: today's and tomorrow's visits.
            let candidates = try await services.storage.records(Visit.self).all(from: today, through: today.adding(days: 1), in: account.id)
            for candidate in candidates where VisitReminders.isDue(
                candidate, at: services.clock.now, settings: account.settings.visits, timeZone: account.timeZone)
            {
                if try await remind(candidate.id, account: account) { queued += 1 }
            }
        }
        return queued
    }

    /// Queues visit `id`'s reminder unless it is no longer due (another instance sent it, the client skipped it).
    private func remind(_ id: Visit.ID, account: Account) async throws -> Bool {
        let now = services.clock.now
        let links = PortalLinks(publicBaseURL: services.publicBaseURL)
        return try await services.storage.transaction { store in
            guard var visit = try await store.records(Visit.self).find(id, in: account.id),
                VisitReminders.isDue(visit, at: now, settings: account.settings.visits, timeZone: account.timeZone)
            else { return false }
            visit.reminderQueuedAt = now
            try await store.records(Visit.self).update(visit)
            guard let customer = try await store.customers.find(visit.customerID, in: account.id), !customer.emails.isEmpty else { return true }
            let job = try await store.jobs.find(visit.jobID, in: account.id)
            let message = try emails.compose(
                .visitReminder(
                    account: account, customer: customer, visit: visit, jobTitle: job?.title ?? "Your visit",
                    visitURL: links.visit(account, visit.id)),
                to: customer.mailboxes)
            try await store.outbox.enqueue(
                OutboxMessage(accountID: account.id, email: message, about: .visit(visit.id), nextAttemptAt: now, createdAt: now))
            return true
        }
    }
}
