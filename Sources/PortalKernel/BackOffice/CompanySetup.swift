import Foundation

/// Creating accounts, staff users and API tokens (the `portal account`, `staff` and `token` commands, and the
/// back office's admin pages).
public struct CompanySetup: Sendable {
    /// A new account and its first admin.
    public struct NewAccount: Sendable {
        /// The company's name: 1 to ``EmailLimits/accountNameCharacters`` characters once trimmed (it goes in email
        /// subjects).
        public var name: String
        /// The part of the portal link after `/portal/`: 3–64 letters, digits or dashes (trimmed and lower-cased when
        /// saved); unique across accounts.
        public var portalKey: String
        /// An IANA time zone identifier (`America/Chicago`): the zone the account's calendar dates live in.
        public var timeZone: String
        /// An ISO 4217 currency code (`USD`), the currency of every amount in the account (SPEC M1).
        public var currency: String
        /// The first admin's name, as staff see it.
        public var adminName: String
        /// The first admin's login email: valid, and not used by any staff user of any account (normalised when saved).
        public var adminEmail: String

        /// Memberwise, as typed; ``CompanySetup/createAccount(_:)`` checks and normalises each value.
        public init(name: String, portalKey: String, timeZone: String, currency: String, adminName: String, adminEmail: String) {
            self.name = name
            self.portalKey = portalKey
            self.timeZone = timeZone
            self.currency = currency
            self.adminName = adminName
            self.adminEmail = adminEmail
        }
    }

    let storage: any PortalStorage
    let clock: any PortalClock
    let hashing: any PasswordHashing

    /// Writes accounts, staff users and tokens to `storage`, stamps them with `clock`, and hashes the generated
    /// passwords with `hashing` (bcrypt in the app).
    public init(storage: any PortalStorage, clock: any PortalClock, hashing: any PasswordHashing) {
        self.storage = storage
        self.clock = clock
        self.hashing = hashing
    }

    /// Creates the account and its admin in one transaction; returns them with the admin's generated password.
    public func createAccount(_ new: NewAccount) async throws -> (Account, StaffUser, password: String) {
        let key = new.portalKey.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...64).contains(key.count), key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw UseCaseError.invalid("The portal key must be 3–64 letters, digits or dashes (it goes in the portal link).")
        }
        let name = new.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw UseCaseError.invalid("Give the company a name.") }
        if let problem = SingleLineText.problem(name, naming: "The company name") { throw UseCaseError.invalid(problem) }
        guard name.unicodeScalars.count <= EmailLimits.accountNameCharacters else {
            throw UseCaseError.invalid("The company name can have up to \(EmailLimits.accountNameCharacters) characters (this one has \(name.unicodeScalars.count)): it goes in email subjects.")
        }
        guard TimeZone(identifier: new.timeZone) != nil else {
            throw UseCaseError.invalid("Unknown time zone \"\(new.timeZone)\"; use one such as America/Chicago.")
        }
        guard let currency = Currency(code: new.currency)?.code else {
            throw UseCaseError.invalid("Unknown currency \"\(new.currency)\"; use a code such as USD.")
        }
        if try await storage.accounts.find(portalKey: key) != nil {
            throw UseCaseError.conflict("The portal key \"\(key)\" is taken.")
        }
        let now = clock.now
        let account = Account(
            name: name, portalKey: key, timeZoneIdentifier: new.timeZone, currencyCode: currency,
            branding: Branding(displayName: name), createdAt: now)
        let (admin, password) = try await staffUser(name: new.adminName, email: new.adminEmail, role: .admin, in: account.id)
        try await storage.transaction { store in
            try await store.accounts.insert(account)
            try await store.staffUsers.insert(admin)
        }
        return (account, admin, password)
    }

    /// Adds a staff user with a generated password, which is returned once.
    public func addStaff(name: String, email: String, role: StaffUser.Role, to account: Account.ID) async throws -> (StaffUser, password: String) {
        let (user, password) = try await staffUser(name: name, email: email, role: role, in: account)
        try await storage.staffUsers.insert(user)
        return (user, password)
    }

    /// A new API token; its secret is returned once and only its hash is stored.
    public func createToken(named name: String, in account: Account.ID) async throws -> (APIToken, SecretToken) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.count <= 100 else { throw UseCaseError.invalid("Name the token (what it is for), up to 100 characters.") }
        if let problem = SingleLineText.problem(name, naming: "A token's name") { throw UseCaseError.invalid(problem) }
        let secret = SecretToken.generate()
        let token = APIToken(accountID: account, name: name, tokenHash: secret.hash, createdAt: clock.now)
        try await storage.apiTokens.insert(token)
        return (token, secret)
    }

    /// Revokes a token of the account; `false` when there is no such token there.
    public func revokeToken(_ id: APIToken.ID, in account: Account.ID) async throws -> Bool {
        guard var token = try await storage.apiTokens.find(id, in: account) else { return false }
        if token.revokedAt == nil {
            token.revokedAt = clock.now
            try await storage.apiTokens.update(token)
        }
        return true
    }

    /// A staff user to insert: the email must be valid and not used by any staff user of any account, so the
    /// back-office login (email and password, no account) always knows whose login it is.
    private func staffUser(name: String, email: String, role: StaffUser.Role, in account: Account.ID) async throws -> (StaffUser, String) {
        let email = EmailAddress.normalized(email)
        guard EmailAddress.isValid(email) else { throw UseCaseError.invalid("\"\(email)\" is not an email address.") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw UseCaseError.invalid("Give the staff user a name.") }
        if let problem = SingleLineText.problem(name.trimmingCharacters(in: .whitespaces), naming: "A staff user's name") { throw UseCaseError.invalid(problem) }
        guard try await storage.staffUsers.all(email: email).isEmpty else {
            throw UseCaseError.conflict("A staff user with \(email) exists already; each person logs in with their own email.")
        }
        let password = String(SecretToken.generate().value.prefix(20))
        let user = StaffUser(
            accountID: account, name: name.trimmingCharacters(in: .whitespaces), email: email,
            passwordHash: hashing.hash(password), role: role)
        return (user, password)
    }
}
