import ArgumentParser
import PortalHTTP
import PortalKernel

/// `portal account create`: a new company and its first admin.
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Create a company (an account) and its first admin.", subcommands: [Create.self])

    struct Create: RegistryCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account and its admin; prints the admin's password once.")

        @OptionGroup var config: ConfigOption
        @Option(help: "The company's name (up to 200 characters).") var name: String
        @Option(help: "The unique part of the portal link (letters, digits, dashes).") var portalKey: String
        @Option(help: "An IANA time zone.") var timeZone = "America/New_York"
        @Option(help: "An ISO 4217 currency code.") var currency = "USD"
        @Option(help: "The admin's name.") var adminName: String
        @Option(help: "The admin's email (their login).") var adminEmail: String

        func run(registry: PluginRegistry) async throws {
            let (account, admin, password) = try await config.administration(registry: registry) { admin, _ in
                try await admin.createAccount(
                    .init(name: name, portalKey: portalKey, timeZone: timeZone, currency: currency, adminName: adminName,
                          adminEmail: adminEmail))
            }
            let base = try await config.bootstrap(registry: registry).settings.publicBaseURL
            print("""
                Created "\(account.name)".
                  Portal link:  \(account.portalURL(publicBaseURL: base))
                  Back office:  \(PortalLinks(publicBaseURL: base).base)/admin
                  Admin login:  \(admin.email)  password: \(password)  (shown once; change it after logging in)
                """)
        }
    }
}

/// `portal staff add`: another back-office user.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "staff", abstract: "Add back-office users.", subcommands: [Add.self])

    struct Add: RegistryCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff user; prints their password once.")

        @OptionGroup var config: ConfigOption
        @Option(help: "The account's portal key.") var account: String
        @Option(help: "Their name.") var name: String
        @Option(help: "Their email (their login).") var email: String
        @Option(help: "admin or staff.") var role: StaffUser.Role = .staff

        func run(registry: PluginRegistry) async throws {
            let (user, password) = try await config.administration(registry: registry) { admin, storage in
                try await admin.addStaff(name: name, email: email, role: role, to: try await storage.account(portalKey: account).id)
            }
            print("Added \(user.name) (\(user.role.rawValue)).\n  Login: \(user.email)  password: \(password)  (shown once)")
        }
    }
}

/// `portal token create | revoke | list`: JSON API bearer tokens.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "JSON API tokens: create (shown once), list, revoke.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: RegistryCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token; prints it once.")
        @OptionGroup var config: ConfigOption
        @Option(help: "The account's portal key.") var account: String
        @Option(help: "What the token is for.") var name: String

        func run(registry: PluginRegistry) async throws {
            let (token, secret) = try await config.administration(registry: registry) { admin, storage in
                try await admin.createToken(named: name, in: try await storage.account(portalKey: account).id)
            }
            print("Created token \(token.id) (\(token.name)). Use it as \"Authorization: Bearer <token>\"; it is not shown again:\n\(secret.value)")
        }
    }

    struct List: RegistryCommand {
        static let configuration = CommandConfiguration(abstract: "List an account's tokens (never their secrets).")
        @OptionGroup var config: ConfigOption
        @Option(help: "The account's portal key.") var account: String

        func run(registry: PluginRegistry) async throws {
            let tokens = try await config.withStorage(registry: registry) { storage in
                try await storage.apiTokens.all(in: try await storage.account(portalKey: account).id)
            }
            for token in tokens {
                print("\(token.id)  \(token.name)  created \(StorageJSON.format(token.createdAt))\(token.revokedAt.map { "  revoked \(StorageJSON.format($0))" } ?? "")")
            }
        }
    }

    struct Revoke: RegistryCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once.")
        @OptionGroup var config: ConfigOption
        @Option(help: "The account's portal key.") var account: String
        @Option(help: "The token's id (from `portal token list`).") var id: String

        func run(registry: PluginRegistry) async throws {
            let revoked = try await config.administration(registry: registry) { admin, storage in
                try await admin.revokeToken(APIToken.ID(rawValue: id), in: try await storage.account(portalKey: account).id)
            }
            guard revoked else { throw CommandFailure("No token \(id) in \(account).") }
            print("Revoked \(id).")
        }
    }
}

extension ConfigOption {
    /// Runs `body` with the account administration over the configured storage.
    func administration<Result: Sendable>(
        registry: PluginRegistry, _ body: (CompanySetup, any PortalStorage) async throws -> Result
    ) async throws -> Result {
        try await withStorage(registry: registry) { storage in
            try await body(CompanySetup(storage: storage, clock: SystemClock(), hashing: BcryptHashing()), storage)
        }
    }
}

extension PortalStorage {
    /// The account with `portalKey`, or an error naming it.
    func account(portalKey: String) async throws -> Account {
        guard let account = try await accounts.find(portalKey: portalKey) else {
            throw CommandFailure("No account has the portal key \"\(portalKey)\".")
        }
        return account
    }
}

/// `--role admin` or `--role staff`: an unknown role is refused before the command runs, with the choices.
extension StaffUser.Role: ExpressibleByArgument {}
