import HummingbirdBcrypt
import PortalKernel

/// Staff passwords as bcrypt hashes (cost 10), through hummingbird-auth.
public struct BcryptHashing: PasswordHashing {
    /// Hashes at cost 10; checks hashes of cost 4 to ``maximumCost``.
    public init() {}

    /// The highest cost a stored hash may ask for: bcrypt takes up to 31 (2^31 rounds, a day of CPU per check), so a
    /// hash written around this portal could hang a login for good (SPEC M2). Above it the hash matches nothing.
    static let maximumCost = 14

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 10) }

    public func verify(_ password: String, against hash: String) -> Bool {
        guard let cost = Self.cost(of: hash), (4...Self.maximumCost).contains(cost) else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// The cost in `$2b$10$…`, or `nil` when the hash is not in that shape.
    static func cost(of hash: String) -> Int? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[2].count == 2 else { return nil }
        return Int(parts[2])
    }
}
