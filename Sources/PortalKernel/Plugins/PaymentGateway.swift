/// Charges cards. Chosen by `payments.driver`. The portal never stores a card number: it passes the card to the
/// gateway and keeps only the gateway's reference.
public protocol PaymentGateway: Sendable {
    /// The driver name it was registered under.
    var driverName: String { get }

    /// Charges `request.amount`. The gateway must treat a repeated `idempotencyKey` as the same charge.
    func charge(_ request: ChargeRequest) async throws -> ChargeResult

    /// Voids or refunds in full a charge this gateway approved, which the portal could not record (SPEC M3: the
    /// invoice was paid or voided while the card was charged). Throws when the gateway cannot be reached; the
    /// caller logs it for staff to refund by hand.
    func reverse(_ reversal: ChargeReversal) async throws

    /// Whether it keeps cards for later (``saveCard(_:description:)``); the pay page offers "Save this card" only
    /// then. `false` unless a gateway says otherwise.
    var keepsCards: Bool { get }

    /// Keeps `card` for later charges (SPEC F11) and answers its token, brand, last four digits and expiry: all the
    /// portal stores of it. Nothing is charged. Throws ``PaymentGatewayError`` when the gateway cannot be reached or
    /// keeps no cards.
    func saveCard(_ card: CardDetails, description: String) async throws -> SaveCardResult

    /// Forgets the saved card `token`: no later charge can use it. A token it does not know is already forgotten.
    /// Throws ``PaymentGatewayError`` when the gateway cannot be reached.
    func removeCard(token: String) async throws

    /// Whether it refunds through the portal (``refund(_:)``); the back office offers refunds only then. `false` unless a
    /// gateway says otherwise.
    var refundsPayments: Bool { get }

    /// Gives back `refund.amount` of an approved charge, in full or in part (SPEC F15). A repeated `idempotencyKey` is
    /// the same refund. Throws ``PaymentGatewayError`` when the gateway cannot be reached or refunds nothing.
    func refund(_ refund: RefundRequest) async throws -> RefundResult
}

extension PaymentGateway {
    /// A gateway that does not say otherwise keeps no cards.
    public var keepsCards: Bool { false }

    /// A gateway that does not say otherwise refunds nothing through the portal.
    public var refundsPayments: Bool { false }

    /// A gateway without saved cards: the pay page never asks, and an integration calling it is told.
    public func saveCard(_ card: CardDetails, description: String) async throws -> SaveCardResult {
        throw PaymentGatewayError(message: "This payment service does not keep cards.")
    }

    /// A gateway without saved cards has none to forget.
    public func removeCard(token: String) async throws {}

    /// A gateway without refunds through the portal: staff refund at the gateway itself.
    public func refund(_ refund: RefundRequest) async throws -> RefundResult {
        throw PaymentGatewayError(message: "This payment service does not take refunds through the portal; refund at the payment service.")
    }
}

/// An approved charge to give back in full.
public struct ChargeReversal: Hashable, Sendable {
    /// The gateway's reference of the approved charge.
    public var reference: String
    /// What was charged, in minor units of `currencyCode`.
    public var amount: Money
    /// The ISO 4217 code of the charge's currency (`USD`), the account's.
    public var currencyCode: String
    /// Why, for the gateway's records and the log (`invoice INV-1042 owes nothing now`).
    public var reason: String

    /// Memberwise; ``InvoicePayments`` makes one for an approved charge it could not record (SPEC M3).
    public init(reference: String, amount: Money, currencyCode: String, reason: String) {
        self.reference = reference
        self.amount = amount
        self.currencyCode = currencyCode
        self.reason = reason
    }
}

/// What a charge is paid with.
public enum ChargeSource: Sendable {
    /// A card as the client typed it, never stored.
    case card(CardDetails)
    /// A card the gateway kept (SPEC F11).
    case saved(SavedCard)
}

/// One charge, as the portal asks for it.
public struct ChargeRequest: Sendable {
    /// What to charge, in minor units of ``currencyCode``: the payment plus any service fee.
    public var amount: Money
    /// The ISO 4217 code of the account's currency (`USD`), which ``amount`` is in.
    public var currencyCode: String
    /// The card typed or saved.
    public var source: ChargeSource
    /// The pay form's key, prefixed with the account's id (`<account>:<key>`): a repeat of it is the same charge, never
    /// a second one.
    public var idempotencyKey: String
    /// What the charge is for, shown on the gateway's side (`Invoice INV-1042`).
    public var description: String

    /// Memberwise; ``InvoicePayments`` makes one per pay attempt, after checking the amount against the balance.
    public init(amount: Money, currencyCode: String, source: ChargeSource, idempotencyKey: String, description: String) {
        self.amount = amount
        self.currencyCode = currencyCode
        self.source = source
        self.idempotencyKey = idempotencyKey
        self.description = description
    }

    /// A charge of a card as typed.
    public init(amount: Money, currencyCode: String, card: CardDetails, idempotencyKey: String, description: String) {
        self.init(amount: amount, currencyCode: currencyCode, source: .card(card), idempotencyKey: idempotencyKey, description: description)
    }
}

/// Card details as typed, held in memory only for the length of one charge.
public struct CardDetails: Sendable, CustomStringConvertible {
    /// The card number as typed, spaces and dashes included (``digits`` has the digits only); never stored or logged.
    public var number: String
    /// The expiry month as typed in the portal's `MM/YY` field, not checked here.
    public var expiryMonth: Int
    /// The expiry year as typed: the two digits of the portal's `MM/YY` field, not checked here.
    public var expiryYear: Int
    /// The 3 or 4 digits printed on the card, trimmed; never stored or logged.
    public var securityCode: String
    /// The cardholder's name as typed, trimmed.
    public var nameOnCard: String

    /// Memberwise; nothing is checked (the gateway answers for the card).
    public init(number: String, expiryMonth: Int, expiryYear: Int, securityCode: String, nameOnCard: String) {
        self.number = number
        self.expiryMonth = expiryMonth
        self.expiryYear = expiryYear
        self.securityCode = securityCode
        self.nameOnCard = nameOnCard
    }

    /// The digits of the number, without the spaces or dashes people type.
    public var digits: String { number.filter { $0.isASCII && $0.isNumber } }

    /// The card's brand by its leading digits (`Visa`, `Mastercard`, `American Express`, `Discover`), or `Card`.
    public var brand: String {
        let digits = digits
        func starts(_ range: ClosedRange<Int>, length: Int) -> Bool {
            guard let prefix = Int(digits.prefix(length)), digits.count >= length else { return false }
            return range.contains(prefix)
        }
        if digits.hasPrefix("4") { return "Visa" }
        if starts(51...55, length: 2) || starts(2221...2720, length: 4) { return "Mastercard" }
        if digits.hasPrefix("34") || digits.hasPrefix("37") { return "American Express" }
        if digits.hasPrefix("6011") || digits.hasPrefix("65") { return "Discover" }
        return "Card"
    }

    /// Brand and last four digits: all the portal keeps of a card.
    public var summary: CardSummary { CardSummary(brand: brand, last4: String(digits.suffix(4))) }

    /// The last four digits only: a card printed into a log reveals nothing.
    public var description: String { "card ending \(summary.last4)" }
}

/// What the portal keeps of a card: its brand and last four digits.
public struct CardSummary: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The card's brand as ``CardDetails/brand`` names it (`Visa`), or `Card`.
    public var brand: String
    /// The card number's last four digits.
    public var last4: String

    /// Memberwise; a gateway reports one with an approved charge, usually ``CardDetails/summary``.
    public init(brand: String, last4: String) {
        self.brand = brand
        self.last4 = last4
    }

    /// `Visa ending 4242`.
    public var description: String { "\(brand) ending \(last4)" }
}

/// What the gateway answered.
public enum ChargeResult: Hashable, Sendable {
    /// Charged: keep `reference` and the card's summary with the payment.
    case approved(reference: String, card: CardSummary)
    /// Refused, with a message fit for the client (`Your card was declined.`). Nothing was charged.
    case declined(message: String)
}

/// The gateway could not answer (a network error, an outage): nothing was charged, and the client may try again.
public struct PaymentGatewayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A message fit for the client.
    public var message: String

    /// An outage described by `message`, which the pay page shows the client as it is.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
