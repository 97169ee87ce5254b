import PortalKernel
import Testing

@Suite("Secrets and emails")
struct SecurityTests {
    @Test("Tokens carry 256 random bits in base64url and are stored as a SHA-256 hex hash")
    func tokens() {
        let tokens = (0..<200).map { _ in SecretToken.generate() }
        #expect(Set(tokens.map(\.value)).count == 200)
        for token in tokens {
            #expect(token.value.count == 43)  // 32 bytes, unpadded base64
            #expect(token.value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #expect(token.hash.count == 64)
            #expect(token.hash != token.value)
        }
        #expect(SecretToken(value: "abc").hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("Emails are normalised and plausibly validated")
    func emails() {
        #expect(EmailAddress.normalized("  Cece@Example.COM ") == "cece@example.com")
        for good in ["cece@example.com", "a.b+c@sub.example.co.uk"] { #expect(EmailAddress.isValid(good), "\(good)") }
        for bad in ["", "cece", "cece@", "@example.com", "cece@example", "ce ce@example.com", "a@b.com,c@d.com", "<a@b.com>", "a@@b.com", "a@b..com"] {
            #expect(!EmailAddress.isValid(bad), "\(bad)")
        }
    }

    @Test("The portal link joins the public base URL and the portal key")
    func portalURL() {
        let account = Account(
            name: "Greenleaf", portalKey: "k3y", branding: Branding(displayName: "Greenleaf"), createdAt: Fixture.now)
        #expect(account.portalURL(publicBaseURL: "https://portal.example.com/") == "https://portal.example.com/portal/k3y")
    }

    @Test("A card prints as its last four digits only")
    func cardDescription() {
        let card = CardDetails(number: "4242 4242 4242 4242", expiryMonth: 12, expiryYear: 2030, securityCode: "123", nameOnCard: "C C")
        #expect("\(card)" == "card ending 4242")
    }
}
