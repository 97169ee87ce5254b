import Foundation
import JSONStorage
import Logging
import Testing

@testable import PortalKernel

/// SPEC F5: a sending of a request that another sending of it is still saving waits for that one: answered as sent
/// when it was saved, sent itself when it was refused.
@Suite("Repeated service requests")
struct RepeatedRequestTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func request(_ description: String, photos: [Data] = []) -> ServiceRequest {
        ServiceRequest(
            name: "Jordan", email: "j@example.com", phone: "", serviceAddress: "9 Birch Rd", servicesWanted: ["Tree care"],
            description: description, preferredDate: "", photos: photos)
    }

    /// Limits that admit every sending.
    static let admit: @Sendable (any Repositories) async throws -> Bool = { _ in true }

    @Test("F5: the key is the request's content, account and customer; a photo more is another request")
    func keys() {
        let key = RepeatedRequests.key(of: Self.request("Ash"), account: "acc-a", customer: nil)
        #expect(key == RepeatedRequests.key(of: Self.request("Ash"), account: "acc-a", customer: nil))
        #expect(key != RepeatedRequests.key(of: Self.request("Ash tree"), account: "acc-a", customer: nil))
        #expect(key != RepeatedRequests.key(of: Self.request("Ash"), account: "acc-b", customer: nil))
        #expect(key != RepeatedRequests.key(of: Self.request("Ash"), account: "acc-a", customer: "cust-1"))
        #expect(key != RepeatedRequests.key(of: Self.request("Ash", photos: [Data([1, 2, 3])]), account: "acc-a", customer: nil))
        // No text moves a boundary between fields.
        var first = Self.request("Ash")
        (first.phone, first.serviceAddress) = ("555-1234\u{1E}1 Main", "St")
        var second = Self.request("Ash")
        (second.phone, second.serviceAddress) = ("555-1234", "1 Main\u{1E}St")
        #expect(RepeatedRequests.key(of: first, account: "acc-a", customer: nil) != RepeatedRequests.key(of: second, account: "acc-a", customer: nil))
    }

    @Test("F5: a second sending waits for the first: saved, it is answered as sent; refused, it sends")
    func waitsForTheFirst() async throws {
        let store = JSONStorage.inMemory(logger: Logger(label: "repeated-requests"))
        let repeats = RepeatedRequests(storage: store)
        #expect(try await repeats.claim("saved", at: Self.now, admitting: Self.admit) == .first)
        async let second = repeats.claim("saved", at: Self.now, admitting: Self.admit)
        try await Task.sleep(for: .milliseconds(300))
        try await RepeatedRequests.markSent("saved", in: store.counters, at: Self.now)
        #expect(try await second == .alreadySent)
        try await repeats.release("saved", at: Self.now)
        #expect(try await repeats.claim("saved", at: Self.now, admitting: Self.admit) == .alreadySent, "a release after saving keeps it sent")

        #expect(try await repeats.claim("refused", at: Self.now, admitting: Self.admit) == .first)
        async let retry = repeats.claim("refused", at: Self.now, admitting: Self.admit)
        try await Task.sleep(for: .milliseconds(300))
        try await repeats.release("refused", at: Self.now)
        #expect(try await retry == .first)
        #expect(try await repeats.claim("later", at: Self.now.addingTimeInterval(-2 * RepeatedRequests.sentLifetime), admitting: Self.admit) == .first)
        try await RepeatedRequests.markSent("later", in: store.counters, at: Self.now.addingTimeInterval(-2 * RepeatedRequests.sentLifetime))
        #expect(try await repeats.claim("later", at: Self.now, admitting: Self.admit) == .first, "an hour on, the same words are a new request")

        // One still being sent after the patience: this one says so, and saves nothing.
        let impatient = RepeatedRequests(storage: store, patience: .milliseconds(300))
        #expect(try await impatient.claim("slow", at: Self.now, admitting: Self.admit) == .first)
        #expect(try await impatient.claim("slow", at: Self.now, admitting: Self.admit) == .stillSending)
        #expect(try await impatient.claim("slow", at: Self.now.addingTimeInterval(RepeatedRequests.sendingLifetime + 1), admitting: Self.admit) == .first,
                "a sending that died lets go after its lifetime")

        // Refused by the limits, nothing is claimed: the next sending may go.
        #expect(try await repeats.claim("limited", at: Self.now) { _ in false } == .refused)
        #expect(try await repeats.claim("limited", at: Self.now, admitting: Self.admit) == .first)
    }
}
