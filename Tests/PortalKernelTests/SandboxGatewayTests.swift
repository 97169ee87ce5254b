import Foundation
import PortalKernel
import PortalTesting
import SandboxPayments
import Testing

/// #24 point 1: the gateway seam grows (save a card, charge it, remove it, refund in full or in part), and the sandbox
/// does all of it with its documented test cards, keeping no card number.
@Suite("Sandbox gateway: saved cards and refunds (#24)")
struct SandboxGatewayTests {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_795_618_800))

    static func card(_ number: String) -> CardDetails {
        CardDetails(number: number, expiryMonth: 12, expiryYear: 30, securityCode: "123", nameOnCard: "Cece")
    }

    func charge(_ sandbox: SandboxPayments, _ source: ChargeSource, cents: Int = 5_000, key: String = UUID().uuidString) async throws -> ChargeResult {
        try await sandbox.charge(ChargeRequest(amount: Money(cents: cents), currencyCode: "USD", source: source, idempotencyKey: key, description: "Invoice 1"))
    }

    func saved(_ sandbox: SandboxPayments, _ number: String) async throws -> SavedCard {
        guard case .saved(let card) = try await sandbox.saveCard(Self.card(number), description: "Cece") else {
            throw PaymentGatewayError(message: "not saved")
        }
        return card
    }

    @Test("F11: a saved card keeps its token, brand, last four and expiry, never the number; charging it is approved; removed, its charges are declined")
    func savesChargesAndRemoves() async throws {
        let sandbox = SandboxPayments(clock: clock)
        #expect(sandbox.keepsCards)
        let card = try await saved(sandbox, SandboxPayments.TestCard.approved)
        #expect(card.summary == CardSummary(brand: "Visa", last4: "4242") && card.expiryMonth == 12 && card.expiryYear == 2030)
        #expect(card.token.hasPrefix("sandbox_pm_") && !card.token.contains("4242424242424242"))
        guard case .approved(_, let summary) = try await charge(sandbox, .saved(card)) else {
            Issue.record("the saved card was not charged")
            return
        }
        #expect(summary == card.summary)
        try await sandbox.removeCard(token: card.token)
        guard case .declined = try await charge(sandbox, .saved(card)) else {
            Issue.record("a removed card was charged")
            return
        }
        #expect(sandbox.charges.count == 1)
    }

    @Test("F11/F12: the documented cards: a declined card is never saved; insufficient funds saves but every charge is declined; 0341 saves and its saved charges are declined as expired; 0119 is unavailable")
    func documentedCards() async throws {
        let sandbox = SandboxPayments(clock: clock)
        guard case .declined = try await sandbox.saveCard(Self.card(SandboxPayments.TestCard.declined), description: "x") else {
            Issue.record("the declined card was saved")
            return
        }
        let poor = try await saved(sandbox, SandboxPayments.TestCard.insufficientFunds)
        #expect(try await charge(sandbox, .saved(poor)) == .declined(message: "Your card has insufficient funds. Nothing was charged."))
        #expect(try await charge(sandbox, .card(Self.card(SandboxPayments.TestCard.insufficientFunds))) == .declined(message: "Your card has insufficient funds. Nothing was charged."))
        let expiring = try await saved(sandbox, SandboxPayments.TestCard.expiresWhenSaved)
        #expect(try await charge(sandbox, .saved(expiring)) == .declined(message: "The saved card has expired. Nothing was charged."))
        guard case .approved = try await charge(sandbox, .card(Self.card(SandboxPayments.TestCard.expiresWhenSaved))) else {
            Issue.record("0341 typed was not approved")
            return
        }
        await #expect(throws: PaymentGatewayError.self) { try await sandbox.saveCard(Self.card(SandboxPayments.TestCard.unavailable), description: "x") }
        // A token the sandbox never made is no card.
        let forged = SavedCard(token: "sandbox_pm_ok", summary: CardSummary(brand: "Visa", last4: "4242"), expiryMonth: 1, expiryYear: 2030)
        guard case .declined = try await charge(sandbox, .saved(forged)) else {
            Issue.record("a forged token was charged")
            return
        }
        #expect(sandbox.charges.count == 1)
    }

    @Test("F15: refunds give back part then the rest of a charge, never more than is left, once per key; a reversed charge refunds nothing")
    func refunds() async throws {
        let sandbox = SandboxPayments(clock: clock)
        guard case .approved(let reference, _) = try await charge(sandbox, .card(Self.card(SandboxPayments.TestCard.approved)), cents: 5_000) else {
            Issue.record("not charged")
            return
        }
        func refund(_ cents: Int, key: String) async throws -> RefundResult {
            try await sandbox.refund(RefundRequest(reference: reference, amount: Money(cents: cents), currencyCode: "USD", idempotencyKey: key, reason: "test"))
        }
        guard case .refunded(let first) = try await refund(2_000, key: "a") else {
            Issue.record("the partial refund was declined")
            return
        }
        #expect(try await refund(2_000, key: "a") == .refunded(reference: first))
        guard case .declined = try await refund(3_001, key: "b") else {
            Issue.record("refunded more than was left")
            return
        }
        guard case .refunded = try await refund(3_000, key: "c") else {
            Issue.record("the rest was not refunded")
            return
        }
        guard case .declined = try await refund(1, key: "d") else {
            Issue.record("refunded past the charge")
            return
        }
        #expect(sandbox.refunds.map(\.amount) == [Money(cents: 2_000), Money(cents: 3_000)])

        guard case .approved(let other, _) = try await charge(sandbox, .card(Self.card(SandboxPayments.TestCard.approved)), cents: 900) else { return }
        try await sandbox.reverse(ChargeReversal(reference: other, amount: Money(cents: 900), currencyCode: "USD", reason: "test"))
        guard case .declined = try await sandbox.refund(RefundRequest(reference: other, amount: Money(cents: 900), currencyCode: "USD", idempotencyKey: "e", reason: "x")) else {
            Issue.record("a reversed charge was refunded")
            return
        }
    }

    @Test("A gateway plugin written before saved cards keeps compiling: it keeps no cards and says so")
    func olderGateway() async throws {
        struct Older: PaymentGateway {
            let driverName = "older"
            func charge(_ request: ChargeRequest) async throws -> ChargeResult { .declined(message: "no") }
            func reverse(_ reversal: ChargeReversal) async throws {}
        }
        #expect(!Older().keepsCards)
        await #expect(throws: PaymentGatewayError.self) { try await Older().saveCard(Self.card(SandboxPayments.TestCard.approved), description: "x") }
        await #expect(throws: PaymentGatewayError.self) {
            try await Older().refund(RefundRequest(reference: "r", amount: Money(cents: 1), currencyCode: "USD", idempotencyKey: "k", reason: "x"))
        }
    }
}
