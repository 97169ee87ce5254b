import Foundation
import Logging
import PortalKernel
import Synchronization

/// A payment gateway for trying the portal without real money (`payments.driver = "sandbox"`).
///
/// Test card numbers (any future expiry, any 3–4 digit security code):
/// - `4242 4242 4242 4242`: approved, typed or saved
/// - `4000 0000 0000 0002`: declined ("Your card was declined."), and never saved
/// - `4000 0000 0000 9995`: declined for insufficient funds, typed or saved (it can be saved)
/// - `4000 0000 0000 0341`: approved when typed and saved, but every charge of the saved card is declined as expired
///   (a saved card that expired since: what autopay meets)
/// - `4000 0000 0000 0119`: the gateway is unavailable (an error; nothing is charged)
///
/// Any other number that passes the Luhn check is approved. It remembers each idempotency key's result, as real
/// gateways do, so a repeated key returns the first charge instead of charging again; a key tried again with another
/// amount is declined. It keeps only the brand and last four digits of a card: a saved card's token
/// (`sandbox_pm_{behaviour}_{uuid}`) says how its charges behave, so it still works after a restart. Refunds give
/// back at most what is left of a charge; after a restart, which forgets the charges, any `sandbox_` charge is
/// refunded as asked.
public final class SandboxPayments: PaymentGateway {
    /// `sandbox`, as `/health` and the pay page (which then lists the test cards) show it.
    public let driverName = "sandbox"

    /// The documented test numbers.
    public enum TestCard {
        /// `4242 4242 4242 4242`: approved.
        public static let approved = "4242424242424242"
        /// `4000 0000 0000 0002`: declined ("Your card was declined.").
        public static let declined = "4000000000000002"
        /// `4000 0000 0000 0119`: the gateway is unavailable; nothing is charged.
        public static let unavailable = "4000000000000119"
        /// `4000 0000 0000 9995`: declined for insufficient funds, typed or saved.
        public static let insufficientFunds = "4000000000009995"
        /// `4000 0000 0000 0341`: approved typed; once saved, its charges are declined as expired.
        public static let expiresWhenSaved = "4000000000000341"
    }

    /// One refund the sandbox gave.
    public struct Refund: Hashable, Sendable {
        /// The sandbox's reference of the refund, `sandbox_re_` and a UUID.
        public var reference: String
        /// The charge it gives back part or all of.
        public var chargeReference: String
        /// What was given back, in minor units of the charge's currency.
        public var amount: Money
    }

    /// How a saved card's charges behave, written in its token.
    enum SavedBehaviour: String {
        case approved = "ok", insufficientFunds = "funds", expired = "expired"
    }

    /// One charge the sandbox approved: what a real gateway's dashboard would list.
    public struct Charge: Hashable, Sendable {
        /// The sandbox's reference of the charge, `sandbox_` and a UUID, as the payment keeps it.
        public var reference: String
        /// What was charged, in minor units of ``currencyCode``, service fee included.
        public var amount: Money
        /// The ISO 4217 code of the charge's currency.
        public var currencyCode: String
        /// The card's brand and last four digits: all the sandbox keeps of it.
        public var card: CardSummary
        /// What the charge was for, as the portal asked (`Invoice INV-1042`).
        public var description: String
    }

    private struct State {
        var results: [String: ChargeResult] = [:]
        /// The amount each key was first tried with.
        var amounts: [String: Money] = [:]
        var charges: [Charge] = []
        var reversed: Set<String> = []
        var removedCards: Set<String> = []
        var refunds: [Refund] = []
        var refundResults: [String: RefundResult] = [:]
    }

    private let state = Mutex(State())
    private let clock: any PortalClock
    private let logger: Logger

    /// `logger` gets one line per approved charge, as a real gateway's dashboard would list it.
    public init(clock: any PortalClock = SystemClock(), logger: Logger = Logger(label: "sandbox-payments")) {
        self.clock = clock
        self.logger = logger
    }

    /// Every approved charge, in order (for tests and the demo: each charge appears once, however often retried).
    public var charges: [Charge] { state.withLock { $0.charges } }

    /// The approved charges not reversed since: what the cards were really charged (before refunds).
    public var keptCharges: [Charge] { state.withLock { state in state.charges.filter { !state.reversed.contains($0.reference) } } }

    /// Every refund given, in order.
    public var refunds: [Refund] { state.withLock { $0.refunds } }

    /// It keeps cards, by tokens that say how their charges behave.
    public var keepsCards: Bool { true }

    /// It refunds, in full or in part, up to what is left of a charge.
    public var refundsPayments: Bool { true }

    public func saveCard(_ card: CardDetails, description: String) async throws -> SaveCardResult {
        let digits = card.digits
        if digits == TestCard.unavailable {
            throw PaymentGatewayError(message: "The payment service is not answering. The card was not saved; try again in a minute.")
        }
        if let problem = Self.problem(with: card, today: clock.now) { return .declined(message: problem) }
        if digits == TestCard.declined { return .declined(message: "Your card was declined. It was not saved.") }
        let behaviour: SavedBehaviour =
            digits == TestCard.insufficientFunds ? .insufficientFunds : digits == TestCard.expiresWhenSaved ? .expired : .approved
        let token = "sandbox_pm_\(behaviour.rawValue)_\(UUID().uuidString.lowercased())"
        // The token charges the card: like a card number, it is never logged.
        logger.info("Sandbox card saved", metadata: ["card": "\(card)", "for": "\(description)"])
        return .saved(
            SavedCard(
                token: token, summary: card.summary, expiryMonth: card.expiryMonth,
                expiryYear: card.expiryYear < 100 ? 2_000 + card.expiryYear : card.expiryYear))
    }

    public func removeCard(token: String) async throws {
        _ = state.withLock { $0.removedCards.insert(token) }
    }

    public func refund(_ refund: RefundRequest) async throws -> RefundResult {
        try state.withLock { state in
            if let earlier = state.refundResults[refund.idempotencyKey] { return earlier }
            let result: RefundResult
            if state.reversed.contains(refund.reference) {
                result = .declined(message: "That charge was reversed in full already.")
            } else if let charge = state.charges.first(where: { $0.reference == refund.reference }) {
                let given = try state.refunds.filter { $0.chargeReference == refund.reference }.reduce(Money.zero) { try $0.adding($1.amount) }
                let left = try charge.amount.subtracting(given)
                if refund.amount <= .zero || refund.amount > left {
                    result = .declined(message: "The refund must be more than zero and at most the \(left.formatted(currencyCode: charge.currencyCode)) left of the charge.")
                } else {
                    result = .refunded(reference: "sandbox_re_\(UUID().uuidString.lowercased())")
                }
            } else if refund.reference.hasPrefix("sandbox_"), refund.amount > .zero {
                // A charge from before a restart, which the sandbox forgot: refunded as asked.
                result = .refunded(reference: "sandbox_re_\(UUID().uuidString.lowercased())")
            } else {
                result = .declined(message: "No charge \(refund.reference) to refund.")
            }
            state.refundResults[refund.idempotencyKey] = result
            if case .refunded(let reference) = result {
                state.refunds.append(Refund(reference: reference, chargeReference: refund.reference, amount: refund.amount))
            }
            return result
        }
    }

    /// Gives an approved charge back in full. A reference it never approved, or one reversed before, is an error, as
    /// a real gateway would answer.
    public func reverse(_ reversal: ChargeReversal) async throws {
        try state.withLock { state in
            guard state.charges.contains(where: { $0.reference == reversal.reference }), !state.reversed.contains(reversal.reference) else {
                throw PaymentGatewayError(message: "No approved charge \(reversal.reference) to reverse.")
            }
            state.reversed.insert(reversal.reference)
        }
        logger.info(
            "Sandbox charge reversed",
            metadata: ["reference": "\(reversal.reference)", "amount": "\(reversal.amount.formatted(currencyCode: reversal.currencyCode))", "reason": "\(reversal.reason)"])
    }

    public func charge(_ request: ChargeRequest) async throws -> ChargeResult {
        if let earlier = state.withLock({ state in state.results[request.idempotencyKey].map { ($0, state.amounts[request.idempotencyKey]) } }) {
            // As real gateways do: a key answers again only for the same charge.
            guard earlier.1 == request.amount else { return .declined(message: "This payment was already tried with another amount. Nothing was charged.") }
            return earlier.0
        }
        let result: ChargeResult
        switch request.source {
        case .card(let card):
            let digits = card.digits
            if digits == TestCard.unavailable {
                throw PaymentGatewayError(message: "The payment service is not answering. Nothing was charged; try again in a minute.")
            }
            if let problem = Self.problem(with: card, today: clock.now) {
                result = .declined(message: problem)
            } else if digits == TestCard.declined {
                result = .declined(message: "Your card was declined. Nothing was charged.")
            } else if digits == TestCard.insufficientFunds {
                result = .declined(message: "Your card has insufficient funds. Nothing was charged.")
            } else {
                result = .approved(reference: "sandbox_\(UUID().uuidString.lowercased())", card: card.summary)
            }
        case .saved(let saved):
            result = savedCharge(saved)
        }
        return state.withLock { state in
            // A concurrent charge with the same key that finished first wins, so the key charges once.
            if let earlier = state.results[request.idempotencyKey] { return earlier }
            state.results[request.idempotencyKey] = result
            state.amounts[request.idempotencyKey] = request.amount
            if case .approved(let reference, let summary) = result {
                state.charges.append(
                    Charge(
                        reference: reference, amount: request.amount, currencyCode: request.currencyCode, card: summary,
                        description: request.description))
                logger.info(
                    "Sandbox charge approved",
                    metadata: ["reference": "\(reference)", "amount": "\(request.amount.formatted(currencyCode: request.currencyCode))", "for": "\(request.description)"])
            }
            return result
        }
    }

    /// A charge of a saved card, as its token says it behaves.
    private func savedCharge(_ saved: SavedCard) -> ChargeResult {
        let parts = saved.token.split(separator: "_")
        guard parts.count == 4, parts[0] == "sandbox", parts[1] == "pm", let behaviour = SavedBehaviour(rawValue: String(parts[2])),
            !state.withLock({ $0.removedCards.contains(saved.token) })
        else { return .declined(message: "This saved card is not on file any more. Nothing was charged.") }
        switch behaviour {
        case .approved: return .approved(reference: "sandbox_\(UUID().uuidString.lowercased())", card: saved.summary)
        case .insufficientFunds: return .declined(message: "Your card has insufficient funds. Nothing was charged.")
        case .expired: return .declined(message: "The saved card has expired. Nothing was charged.")
        }
    }

    /// Why the card details cannot be charged, as a gateway would say it, or `nil`.
    static func problem(with card: CardDetails, today: Date) -> String? {
        let digits = card.digits
        guard (12...19).contains(digits.count), luhnValid(digits) else { return "The card number is not valid." }
        let now = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: today)
        let year = card.expiryYear < 100 ? 2_000 + card.expiryYear : card.expiryYear
        guard (1...12).contains(card.expiryMonth), let thisYear = now.year, let thisMonth = now.month,
            (year, card.expiryMonth) >= (thisYear, thisMonth)
        else { return "The card has expired." }
        guard (3...4).contains(card.securityCode.count), card.securityCode.allSatisfy(\.isNumber) else {
            return "The security code is not valid."
        }
        return nil
    }

    /// The Luhn checksum every card number carries.
    static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard var digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}

/// Registers the sandbox as `payments.driver = "sandbox"`. It takes no settings.
public enum SandboxPaymentsPlugin {
    /// The name `payments.driver` selects it by.
    public static let driverName = "sandbox"

    public static func register(in registry: inout PluginRegistry) {
        registry.paymentGateways.register(driverName) { _, context in SandboxPayments(clock: context.clock, logger: context.logger) }
    }
}
