import HummingbirdBcrypt
import PortalKernel

/// Staff passwords as bcrypt hashes (cost 10), through hummingbird-auth.
public struct BcryptHashing: PasswordHashing {
    public init() {}

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 10) }

    public func verify(_ password: String, against hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
