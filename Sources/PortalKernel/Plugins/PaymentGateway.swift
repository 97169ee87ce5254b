/// Charges cards. Chosen by `payments.driver`. The portal never stores a card number: it passes the card to the
/// gateway and keeps only the gateway's reference.
public protocol PaymentGateway: Sendable {
    /// The driver name it was registered under.
    var driverName: String { get }

    /// Charges `request.amount`. The gateway must treat a repeated `idempotencyKey` as the same charge.
    func charge(_ request: ChargeRequest) async throws -> ChargeResult
}

/// One charge, as the portal asks for it.
public struct ChargeRequest: Sendable {
    public var amount: Money
    public var currencyCode: String
    public var card: CardDetails
    public var idempotencyKey: String
    /// What the charge is for, shown on the gateway's side (`Invoice INV-1042`).
    public var description: String

    public init(amount: Money, currencyCode: String, card: CardDetails, idempotencyKey: String, description: String) {
        self.amount = amount
        self.currencyCode = currencyCode
        self.card = card
        self.idempotencyKey = idempotencyKey
        self.description = description
    }
}

/// Card details as typed, held in memory only for the length of one charge.
public struct CardDetails: Sendable, CustomStringConvertible {
    public var number: String
    public var expiryMonth: Int
    public var expiryYear: Int
    public var securityCode: String
    public var nameOnCard: String

    public init(number: String, expiryMonth: Int, expiryYear: Int, securityCode: String, nameOnCard: String) {
        self.number = number
        self.expiryMonth = expiryMonth
        self.expiryYear = expiryYear
        self.securityCode = securityCode
        self.nameOnCard = nameOnCard
    }

    /// The last four digits only: a card printed into a log reveals nothing.
    public var description: String { "card ending \(String(number.filter(\.isNumber).suffix(4)))" }
}

/// What the gateway answered.
public enum ChargeResult: Hashable, Sendable {
    /// Charged: keep `reference` with the payment.
    case approved(reference: String)
    /// Refused, with a message fit for the client (`Your card was declined.`).
    case declined(message: String)
}
