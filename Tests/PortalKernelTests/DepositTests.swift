import Foundation
import PortalKernel
import PropertyBased
import Testing

/// SPEC F13: the money of a deposit, in two-, zero- and three-decimal currencies, and its place in the accepted
/// version's hash.
@Suite("F13 deposits: amounts, typed terms and the version hash")
struct DepositTests {
    @Test("F13: a percentage deposit rounds half away from zero to the minor unit in USD, JPY and KWD; a fixed one is capped at the total")
    func amounts() throws {
        let thirty = Deposit.percentage(basisPoints: 3_000)
        let half = Deposit.percentage(basisPoints: 5_000)
        #expect(try thirty.amount(of: Money(cents: 100_000)) == Money(cents: 30_000))  // USD 1,000.00 → 300.00
        #expect(try half.amount(of: Money(cents: 1_001)) == Money(cents: 501))  // JPY 1,001 → 501 (500.5 rounds up)
        #expect(try half.amount(of: Money(cents: 1_235)) == Money(cents: 618))  // KWD 1.235 → 0.618 (0.6175)
        #expect(try thirty.amount(of: Money(cents: 1)) == .zero)  // a cent's 30 % is nothing: no deposit invoice
        #expect(try Deposit.percentage(basisPoints: 10_000).amount(of: Money(cents: 12_345)) == Money(cents: 12_345))
        #expect(try Deposit.fixed(amount: Money(cents: 25_000)).amount(of: Money(cents: 10_000)) == Money(cents: 10_000))
        #expect(try Deposit.fixed(amount: Money(cents: 25_000)).amount(of: Money(cents: 90_000)) == Money(cents: 25_000))
        #expect(try thirty.amount(of: .zero) == .zero)
        #expect(try thirty.amount(of: Money(cents: Money.limit)) == Money(cents: Money.limit / 10 * 3))
    }

    @Test("F13 (PropertyBased): any deposit on any total is between zero and the total, and a percentage is the exact share rounded half away from zero")
    func boundsAndRounding() async {
        let input = zip(Gen.int(in: 0...Money.limit), Gen.int(in: 1...10_000), Gen.int(in: 1...Money.limit))
        await propertyCheck(count: 500, input: input) { total, basisPoints, fixed in
            let whole = Money(cents: total)
            guard let share = try? Deposit.percentage(basisPoints: basisPoints).amount(of: whole),
                let capped = try? Deposit.fixed(amount: Money(cents: fixed)).amount(of: whole)
            else {
                Issue.record("\(total) could not take a deposit")
                return
            }
            #expect(share >= .zero && share <= whole)
            var exact = Decimal(total) * Decimal(basisPoints) / 10_000
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 0, .plain)
            #expect(Decimal(share.cents) == rounded, "\(total) at \(basisPoints)")
            #expect(capped == min(whole, Money(cents: fixed)))
        }
    }

    @Test("F13: terms are typed as `30 %` or an amount in the account's currency, and read back as shown; anything else says what to type")
    func typedTerms() throws {
        let usd = Currency(storedCode: "USD"), jpy = Currency(storedCode: "JPY"), kwd = Currency(storedCode: "KWD")
        #expect(try Deposit.read("", in: usd) == nil)
        #expect(try Deposit.read(" 30 % ", in: usd) == .percentage(basisPoints: 3_000))
        #expect(try Deposit.read("12.5%", in: usd) == .percentage(basisPoints: 1_250))
        #expect(try Deposit.read("250.00", in: usd) == .fixed(amount: Money(cents: 25_000)))
        #expect(try Deposit.read("1,250", in: jpy) == .fixed(amount: Money(cents: 1_250)))
        #expect(try Deposit.read("1.235", in: kwd) == .fixed(amount: Money(cents: 1_235)))
        for refused in ["0 %", "101 %", "30.005 %", "-5", "0", "12.5", "abc", "1e3", "$"] {
            let currency = refused == "12.5" ? jpy : usd
            #expect(throws: Deposit.EntryError.self, "\(refused)") { try Deposit.read(refused, in: currency) }
        }
        for terms in [Deposit.percentage(basisPoints: 1), .percentage(basisPoints: 3_333), .percentage(basisPoints: 10_000), .fixed(amount: Money(cents: 1))] {
            for currency in [usd, jpy, kwd] {
                #expect(try Deposit.read(terms.entryText(in: currency), in: currency) == terms, "\(terms) \(currency.code)")
            }
        }
    }

    /// The hash as it was computed before deposits existed: version, title, items and tax rate, keys sorted.
    private struct HashBeforeDeposits: Encodable {
        let id: Proposal.ID
        let version: Int
        let title: String
        let lineItems: [LineItem]
        let taxRateBasisPoints: Int
    }

    @Test("F13: the deposit terms are in the version hash; a proposal without one hashes as before deposits, so stored acceptances still match")
    func versionHash() throws {
        let plain = Fixture.proposal(status: .sent)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let before = try encoder.encode(
            HashBeforeDeposits(id: plain.id, version: plain.version, title: plain.title, lineItems: plain.lineItems, taxRateBasisPoints: 0))
        #expect(plain.contentHash == before.sha256Hex)
        var thirty = plain
        thirty.deposit = .percentage(basisPoints: 3_000)
        var forty = plain
        forty.deposit = .percentage(basisPoints: 4_000)
        var fixed = plain
        fixed.deposit = .fixed(amount: Money(cents: 3_000))
        #expect(Set([plain.contentHash, thirty.contentHash, forty.contentHash, fixed.contentHash]).count == 4)
    }

    @Test("F13: settings and proposals stored before deposits read back with none")
    func storedBeforeDeposits() throws {
        let settings = try JSONDecoder().decode(
            AccountSettings.self,
            from: Data(#"{"leadNotificationEmails":[],"openInvoiceWhen":"generated","paidInvoiceRetentionDays":365,"proposalExpiryDays":30,"allowsPartialPayments":false,"serviceFeeBasisPoints":0,"leadFormAllowedOrigins":[]}"#.utf8))
        #expect(settings.defaultDeposit == nil)
        var stored = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Fixture.proposal(status: .sent))) as? [String: Any] ?? [:]
        stored["deposit"] = nil
        let proposal = try JSONDecoder().decode(Proposal.self, from: JSONSerialization.data(withJSONObject: stored))
        #expect(proposal.deposit == nil)
    }
}
