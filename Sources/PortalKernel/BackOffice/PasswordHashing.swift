/// Hashes and checks staff passwords (bcrypt in the bundled HTTP front). The kernel never sees how.
public protocol PasswordHashing: Sendable {
    /// A salted hash of `password`, to store.
    func hash(_ password: String) -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) -> Bool
}
