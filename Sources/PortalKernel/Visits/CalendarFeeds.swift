import Foundation

/// A customer's calendar feed (SPEC V4): a secret URL their calendar app subscribes to, renewed at will, and what
/// it holds.
public struct CalendarFeeds: Sendable {
    /// What a feed or a visit's event shows: the account (its name and zone), the customer, the visits in date
    /// order, and their jobs by id (the title and the service address).
    public struct Feed: Sendable {
        /// The company.
        public let account: Account
        /// Whose visits they are.
        public let customer: Customer
        /// The visits, by date then id; every status (a skipped or cancelled one is sent as cancelled).
        public let visits: [Visit]
        /// The visits' jobs, by id.
        public let jobs: [Job.ID: Job]
    }

    /// How many days back the feed still holds a visit: a calendar drops an event that leaves its feed, so the
    /// last month's visits stay.
    public static let pastDays = 30

    let services: PortalServices

    /// Keeps the feeds' hashes in `services.storage`, dated by `services.clock`.
    public init(services: PortalServices) {
        self.services = services
    }

    /// A new secret for `customer`'s feed: the previous one, if any, stops working at once. Only its hash is kept,
    /// so the URL is shown once, now.
    public func renew(for customer: Customer.ID, account: Account) async throws -> SecretToken {
        let token = SecretToken.generate()
        let now = services.clock.now
        try await services.storage.transaction { store in
            let feed = CalendarFeed(accountID: account.id, customerID: customer, tokenHash: token.hash, renewedAt: now)
            if try await store.records(CalendarFeed.self).find(feed.id, in: account.id) == nil {
                try await store.records(CalendarFeed.self).insert(feed)
            } else {
                try await store.records(CalendarFeed.self).update(feed)
            }
        }
        return token
    }

    /// The feed `token` opens: its customer's visits from ``pastDays`` ago on; `nil` for a malformed, unknown or
    /// replaced token (the same 404 for each).
    public func feed(token: String) async throws -> Feed? {
        guard SecretToken.isWellFormed(token) else { return nil }
        return try await services.storage.read { store in
            guard let feed = try await store.records(CalendarFeed.self).unique(key: ["token_hash"], [SecretToken.hash(of: token)]),
                let account = try await store.accounts.find(feed.accountID),
                let customer = try await store.customers.find(feed.customerID, in: account.id)
            else { return nil }
            let from = account.today(at: services.clock.now).adding(days: -Self.pastDays)
            let visits = try await store.records(Visit.self).all(of: customer.id, from: from, in: account.id)
            return try await Self.feed(account: account, customer: customer, visits: visits, store: store)
        }
    }

    /// One visit's event (the visit page's "Add to calendar"), when the portal shows it to `customer` (V1).
    public func event(_ id: Visit.ID, of customer: Customer, account: Account) async throws -> Feed? {
        try await services.storage.read { store in
            guard let visit = try await store.records(Visit.self).shown(id, of: customer.id, in: account, today: account.today(at: services.clock.now))
            else { return nil }
            return try await Self.feed(account: account, customer: customer, visits: [visit], store: store)
        }
    }

    private static func feed(account: Account, customer: Customer, visits: [Visit], store: any Repositories) async throws -> Feed {
        let jobs = try await store.jobs.find(Array(Set(visits.map(\.jobID))), in: account.id)
        return Feed(
            account: account, customer: customer, visits: visits.sorted(by: VisitSchedule.soonestFirst),
            jobs: Dictionary(jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }
}
