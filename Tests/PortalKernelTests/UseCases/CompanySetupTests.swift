import Foundation
import PortalKernel
import Testing

/// Creating accounts, staff users and API tokens through `CompanySetup` on the in-memory store (#19,
/// point 8): what is saved, and that every refusal names its problem and saves nothing.
@Suite("CompanySetup: accounts, staff users and API tokens")
struct CompanySetupTests {
    static func administration(_ bed: UseCaseBed) -> CompanySetup {
        CompanySetup(storage: bed.services.storage, clock: bed.clock, hashing: PlainHashing())
    }

    static func newAccount(
        name: String = "Oak & Ash", key: String = "oak-ash", timeZone: String = "America/Chicago", currency: String = "usd",
        adminEmail: String = "Owner@OakAsh.example"
    ) -> CompanySetup.NewAccount {
        CompanySetup.NewAccount(
            name: name, portalKey: key, timeZone: timeZone, currency: currency, adminName: "Olive Owner", adminEmail: adminEmail)
    }

    /// The refusal's words, or `nil` when `body` did not throw one.
    static func refusal(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let refusal as UseCaseError {
            return refusal.description
        } catch {
            return "not a refusal: \(error)"
        }
    }

    @Test("A new account is saved with its admin: key trimmed and lower-cased, currency upper-cased, email normalised, password returned once")
    func createAccount() async throws {
        let bed = try await UseCaseBed()
        let (account, admin, password) = try await Self.administration(bed).createAccount(Self.newAccount(key: " Oak-Ash "))
        #expect(account.portalKey == "oak-ash" && account.currencyCode == "USD" && account.timeZoneIdentifier == "America/Chicago")
        #expect(admin.role == .admin && admin.accountID == account.id && admin.email == "owner@oakash.example")
        #expect(admin.passwordHash != password && PlainHashing().verify(password, against: admin.passwordHash))
        #expect(try await bed.services.storage.accounts.find(portalKey: "oak-ash")?.id == account.id)
        #expect(try await bed.services.storage.staffUsers.all(in: account.id) == [admin])
    }

    @Test("A refused account names its problem and saves neither the account nor its admin")
    func refusedAccounts() async throws {
        let bed = try await UseCaseBed()
        let administration = Self.administration(bed)
        _ = try await administration.addStaff(name: "Gale", email: "gale@greenleaf.example", role: .staff, to: bed.account.id)
        let cases: [(CompanySetup.NewAccount, String)] = [
            (Self.newAccount(key: "ab"), "The portal key must be 3–64 letters, digits or dashes (it goes in the portal link)."),
            (Self.newAccount(key: "oak ash"), "The portal key must be 3–64 letters, digits or dashes (it goes in the portal link)."),
            (Self.newAccount(key: "oäk-ash"), "The portal key must be 3–64 letters, digits or dashes (it goes in the portal link)."),
            (Self.newAccount(key: String(repeating: "k", count: 65)), "The portal key must be 3–64 letters, digits or dashes (it goes in the portal link)."),
            (Self.newAccount(name: "  "), "Give the company a name."),
            (Self.newAccount(name: String(repeating: "n", count: 201)),
             "The company name can have up to 200 characters (this one has 201): it goes in email subjects."),
            (Self.newAccount(timeZone: "Mars/Olympus"), "Unknown time zone \"Mars/Olympus\"; use one such as America/Chicago."),
            (Self.newAccount(currency: "XYZ"), "Unknown currency \"XYZ\"; use a code such as USD."),
            (Self.newAccount(key: "GreenLeaf"), "The portal key \"greenleaf\" is taken."),
            (Self.newAccount(adminEmail: "owner at oakash"), "\"owner at oakash\" is not an email address."),
            (Self.newAccount(adminEmail: " GALE@greenleaf.example"),
             "A staff user with gale@greenleaf.example exists already; each person logs in with their own email."),
        ]
        for (new, problem) in cases {
            #expect(await Self.refusal { _ = try await administration.createAccount(new) } == problem)
        }
        #expect(try await bed.services.storage.accounts.all().map(\.id) == [bed.account.id])
        #expect(try await bed.services.storage.staffUsers.all(email: "owner@oakash.example").isEmpty)
    }

    @Test("Adding staff refuses a bad email, an empty name and an email any account's staff already uses")
    func refusedStaff() async throws {
        let bed = try await UseCaseBed()
        let administration = Self.administration(bed)
        let (other, _, _) = try await administration.createAccount(Self.newAccount())
        let (user, password) = try await administration.addStaff(name: " Gale ", email: "Gale@Greenleaf.example", role: .staff, to: bed.account.id)
        #expect(user.name == "Gale" && user.email == "gale@greenleaf.example" && user.role == .staff)
        #expect(PlainHashing().verify(password, against: user.passwordHash))

        #expect(await Self.refusal { _ = try await administration.addStaff(name: "Gale", email: "gale@", role: .staff, to: bed.account.id) }
            == "\"gale@\" is not an email address.")
        #expect(await Self.refusal { _ = try await administration.addStaff(name: " ", email: "hal@greenleaf.example", role: .staff, to: bed.account.id) }
            == "Give the staff user a name.")
        #expect(await Self.refusal { _ = try await administration.addStaff(name: "Gale", email: "GALE@greenleaf.example", role: .admin, to: other.id) }
            == "A staff user with gale@greenleaf.example exists already; each person logs in with their own email.")
        #expect(try await bed.services.storage.staffUsers.all(in: bed.account.id) == [user])
        #expect(try await bed.services.storage.staffUsers.all(in: other.id).map(\.role) == [.admin])
    }

    @Test("An API token is stored as its hash only; an unnamed one is refused; revoking works once and only in its account")
    func tokens() async throws {
        let bed = try await UseCaseBed()
        let administration = Self.administration(bed)
        #expect(await Self.refusal { _ = try await administration.createToken(named: "  ", in: bed.account.id) }
            == "Name the token (what it is for), up to 100 characters.")
        #expect(await Self.refusal { _ = try await administration.createToken(named: String(repeating: "t", count: 101), in: bed.account.id) }
            == "Name the token (what it is for), up to 100 characters.")
        #expect(try await bed.services.storage.apiTokens.all(in: bed.account.id).isEmpty)

        let (token, secret) = try await administration.createToken(named: " Zapier ", in: bed.account.id)
        #expect(token.name == "Zapier" && token.tokenHash == secret.hash && token.tokenHash != secret.value)
        #expect(try await bed.services.storage.apiTokens.find(hash: secret.hash)?.id == token.id)
        #expect(try await bed.services.storage.apiTokens.find(hash: secret.value) == nil)

        #expect(try await administration.revokeToken(token.id, in: "someone-elses") == false)
        #expect(try await bed.services.storage.apiTokens.find(token.id, in: bed.account.id)?.revokedAt == nil)
        let revokedAt = bed.clock.now
        #expect(try await administration.revokeToken(token.id, in: bed.account.id))
        bed.clock.advance(by: 60)
        #expect(try await administration.revokeToken(token.id, in: bed.account.id))
        #expect(try await bed.services.storage.apiTokens.find(token.id, in: bed.account.id)?.revokedAt == revokedAt)
    }
}
