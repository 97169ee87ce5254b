/// A logged-in client acting in the portal, as use cases record them: the customer whose portal it is, the email they
/// logged in with, and where the request came from (the audit trail's who and where).
public struct ClientActor: Sendable {
    /// The customer whose portal it is.
    public var customer: Customer
    /// The email the client logged in with.
    public var email: String
    /// Where the request came from.
    public var origin: RequestOrigin

    /// Memberwise.
    public init(customer: Customer, email: String, origin: RequestOrigin) {
        self.customer = customer
        self.email = email
        self.origin = origin
    }
}
