import PortalKernel
import Testing

@Suite("Money and totals")
struct MoneyTests {
    @Test("Rates in basis points round half away from zero to the cent")
    func basisPoints() throws {
        #expect(try Money(cents: 1_000).applying(basisPoints: 825) == Money(cents: 83))  // 82.5 → 83
        #expect(try Money(cents: 1_000).applying(basisPoints: 824) == Money(cents: 82))  // 82.4 → 82
        #expect(try Money(cents: -1_000).applying(basisPoints: 825) == Money(cents: -83))
        #expect(try Money(cents: 12_345).applying(basisPoints: 0) == .zero)
    }

    @Test("Line amounts allow fractional quantities")
    func lineAmounts() throws {
        #expect(try LineItem(description: "Labour (hours)", quantity: 2.5, unitPrice: Money(cents: 6_500)).amount == Money(cents: 16_250))
        #expect(try LineItem(description: "Thirds", quantity: 0.333, unitPrice: Money(cents: 100)).amount == Money(cents: 33))
    }

    @Test("Proposal totals include only the optional items chosen")
    func proposalTotals() throws {
        let optional = LineItem(id: "edging", description: "Edging", unitPrice: Money(cents: 5_000), isOptional: true)
        let proposal = Proposal(
            accountID: "a", jobID: "j", customerID: "c", title: "T",
            lineItems: [LineItem(description: "Clean-up", unitPrice: Money(cents: 10_000)), optional],
            taxRateBasisPoints: 1_000, createdAt: Fixture.now)
        #expect(try proposal.totals().total == Money(cents: 11_000))
        let chosen = try proposal.totals(choosing: ["edging"])
        #expect(chosen.subtotal == Money(cents: 15_000))
        #expect(chosen.tax == Money(cents: 1_500))
        #expect(chosen.total == Money(cents: 16_500))
    }

    @Test("A paid invoice has no balance; an overpayment does not make the balance negative")
    func balance() throws {
        #expect(Fixture.invoice(cents: 10_000, paid: 10_000).isPaid)
        #expect(try Fixture.invoice(cents: 10_000, paid: 12_000).balance == .zero)
        #expect(!Fixture.invoice(cents: 0).isPaid)
    }

    @Test("Prints with two decimals")
    func description() {
        #expect(Money(cents: 123_456).description == "1234.56")
        #expect(Money(cents: 5).description == "0.05")
        #expect(Money(cents: -250).description == "-2.50")
    }

    @Test("The content hash changes with anything the client is shown, and only then")
    func contentHash() {
        let proposal = Fixture.proposal(status: .sent)
        var changedPrice = proposal
        changedPrice.lineItems[0].unitPrice = Money(cents: 1)
        var changedStatus = proposal
        changedStatus.status = .accepted
        #expect(proposal.contentHash.count == 64)
        #expect(proposal.contentHash != changedPrice.contentHash)
        #expect(proposal.contentHash == changedStatus.contentHash)
    }
}
