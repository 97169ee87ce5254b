import Foundation

/// One service request makes one lead however often it is sent (SPEC F5): a double press, two presses before the
/// first answer, or the back button and Send again (the browser fills the form in again) send the same content, and
/// the sendings after the first are answered as sent. A request is known by what was typed and attached (its
/// fingerprint), on the account and customer, kept as a ``Counter`` so that every instance agrees:
/// being sent (`count` 1, for ``sendingLifetime`` at most, should the process die) or sent (`count` 2, for
/// ``sentLifetime``). A sending that finds one being sent waits for it (up to ``patience``): if it is saved, this one
/// is answered as sent; if it is refused, this one is sent in its place; if it is still being sent, this one says so
/// (neither a second lead nor a thank-you for what may still fail). The claim and the sender's limits are one
/// transaction (one write: #22), so a repeat spends no limit.
struct RepeatedRequests {
    let storage: any PortalStorage
    /// How long a sending waits for another of the same request to end (``defaultPatience``; tests wait less).
    var patience = Self.defaultPatience

    /// How a sending may go on.
    enum Claim: Equatable {
        /// No other sending of the request is known and the limits admit it: this one sends it.
        case first
        /// The same request was saved: nothing more is saved.
        case alreadySent
        /// The limits refused this sending; nothing is claimed.
        case refused
        /// Another sending of the request was still being saved after ``RepeatedRequests/patience``.
        case stillSending
    }

    /// What the counter says of the request.
    private enum State {
        case taken, beingSent, sent
    }

    /// How long a sending may take before its claim lapses (the process died): cleaning five large photos on a busy
    /// machine takes a minute or two.
    static let sendingLifetime: TimeInterval = 5 * 60
    /// How long the same content counts as the same request.
    static let sentLifetime: TimeInterval = 3_600
    /// How long a sending waits for another of the same request to end: long enough for five photos on a quiet
    /// machine, short of a proxy's read timeout (nginx: 60 s).
    static let defaultPatience: Duration = .seconds(20)

    /// The counter key of `request` on `account`, from `customer` (`nil` for an anonymous sender): a SHA-256 of every
    /// field, each after its length (so no text can move a boundary), and of each photo's bytes.
    static func key(of request: ServiceRequest, account: Account.ID, customer: Customer.ID?) -> String {
        let fields = [
            account.rawValue, customer?.rawValue ?? "", request.name, request.email, request.phone, request.serviceAddress,
            request.description, request.preferredDate,
        ] + ["\(request.servicesWanted.count)"] + request.servicesWanted + ["\(request.photos.count)"] + request.photos.map(\.sha256Hex)
        return CounterKey.make("lead-request:" + fields.map { "\($0.utf8.count):\($0)" }.joined())
    }

    /// Claims the request for this sending at `now` if `admit` (the sender's limits, counted in the same transaction)
    /// lets it through, or waits for another sending of it to end, for ``patience`` at most.
    func claim(_ key: String, at now: Date, admitting admit: @escaping @Sendable (any Repositories) async throws -> Bool) async throws -> Claim {
        var waiting = Patience(patience)
        while true {
            let found: Claim? = try await storage.transaction { store in
                let state: State = try await store.counters.change(key, at: now) { held in
                    guard let held else {
                        return (Counter(key: key, count: 1, windowStart: now, lastAt: now, expiresAt: now + Self.sendingLifetime), .taken)
                    }
                    return (held, held.count >= 2 ? .sent : .beingSent)
                }
                switch state {
                case .sent: return .alreadySent
                case .beingSent: return nil
                case .taken:
                    if try await admit(store) { return .first }
                    try await store.counters.change(key, at: now) { _ in (nil, ()) }
                    return .refused
                }
            }
            if let found { return found }
            guard try await waiting.wait() else { return .stillSending }
        }
    }

    /// Records, in the lead's transaction (`counters` of its store), that the request was saved.
    static func markSent(_ key: String, in counters: any CounterRepository, at now: Date) async throws {
        try await counters.change(key, at: now) { _ in
            (Counter(key: key, count: 2, windowStart: now, lastAt: now, expiresAt: now + sentLifetime), ())
        }
    }

    /// Gives up this sending's claim (the request was refused or failed), unless the request was saved meanwhile.
    func release(_ key: String, at now: Date) async throws {
        try await storage.counters.change(key, at: now) { held in (held.flatMap { $0.count >= 2 ? $0 : nil }, ()) }
    }
}
