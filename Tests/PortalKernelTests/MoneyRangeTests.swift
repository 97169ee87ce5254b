import Foundation
import PortalKernel
import PropertyBased
import Testing

/// SPEC M2: money arithmetic never traps; every derived amount is exact or refused as out of range.
@Suite("M2 money stays in range")
struct MoneyRangeTests {
    static let limit = Money.limit

    @Test("M2: the issue's line (1,000,000 × 10,000,000,000 at 10 % tax) is out of range, not a trap")
    func reportedLine() {
        let line = LineItem(description: "Huge", quantity: 1_000_000, unitPrice: Money(cents: 10_000_000_000))
        #expect(throws: AmountOutOfRange.self) { try Totals(items: [line], taxRateBasisPoints: 1_000) }
        #expect(throws: AmountOutOfRange.self) { try line.amount }
        // 930 lines of 10^11 without tax: the sum leaves the range.
        let lines = Array(repeating: LineItem(description: "L", quantity: 10, unitPrice: Money(cents: 10_000_000_000)), count: 930)
        #expect(throws: AmountOutOfRange.self) { try Totals(items: lines, taxRateBasisPoints: 0) }
    }

    @Test("M2: sums, differences and rates at the edges of Int throw instead of trapping")
    func edges() throws {
        let most = Money(cents: Int.max)
        let least = Money(cents: Int.min)
        #expect(throws: AmountOutOfRange.self) { try most.adding(Money(cents: 1)) }
        #expect(throws: AmountOutOfRange.self) { try least.subtracting(Money(cents: 1)) }
        #expect(throws: AmountOutOfRange.self) { try most.applying(basisPoints: 2) }
        #expect(throws: AmountOutOfRange.self) { try least.applying(basisPoints: -1) }
        #expect(throws: AmountOutOfRange.self) { try Money.checked(Self.limit + 1) }
        #expect(try Money.checked(Self.limit) == Money(cents: Self.limit))
        #expect(try Money.checked(-Self.limit) == Money(cents: -Self.limit))
        #expect(least.description.hasPrefix("-"))
        let broken = LineItem(description: "NaN", quantity: Decimal.nan, unitPrice: Money(cents: 100))
        #expect(throws: AmountOutOfRange.self) { try broken.amount }
    }

    @Test("M2: a stored invoice that cannot be totalled is shown as unpaid with an error, never paid, never a trap")
    func storedOutOfRange() {
        var invoice = Fixture.invoice(cents: 10_000)
        invoice.lineItems = [LineItem(description: "Huge", quantity: 1_000_000, unitPrice: Money(cents: Int.max / 2))]
        #expect(throws: AmountOutOfRange.self) { try invoice.balance }
        #expect(!invoice.isPaid)
        #expect(InvoiceVisibility.verdict(for: invoice, settings: Fixture.settings(), today: Fixture.date("2026-02-01")) == .cannotBeTotalled)
    }

    @Test("M2: random lines, quantities, prices and tax rates give the exact total or a refusal, never a trap")
    func randomTotals() async {
        let line = zip(Gen.int(in: 1...1_000_000), Gen.int(in: 0...4), Gen.int(in: 0...Int.max / 2))
        await propertyCheck(count: 300, input: line.array(of: 1...40), Gen.int(in: 0...5_000)) { raw, rate in
            let items = raw.map { units, scale, price in
                LineItem(description: "L", quantity: Decimal(units) / pow(10, scale), unitPrice: Money(cents: price))
            }
            // The exact answer in Decimal, which holds 38 digits.
            var lineAmounts: [Decimal] = []
            for item in items {
                var exact = item.quantity * Decimal(item.unitPrice.cents)
                var rounded = Decimal()
                NSDecimalRound(&rounded, &exact, 0, .plain)
                lineAmounts.append(rounded)
            }
            let subtotal = lineAmounts.reduce(0, +)
            var taxExact = subtotal * Decimal(rate) / 10_000
            var tax = Decimal()
            NSDecimalRound(&tax, &taxExact, 0, .plain)
            let limit = Decimal(Self.limit)
            let fits = lineAmounts.allSatisfy { $0 <= limit } && subtotal <= limit && tax <= limit && subtotal + tax <= limit
            do {
                let totals = try Totals(items: items, taxRateBasisPoints: rate)
                #expect(fits)
                #expect(Decimal(totals.subtotal.cents) == subtotal)
                #expect(Decimal(totals.tax.cents) == tax)
                #expect(Decimal(totals.total.cents) == subtotal + tax)
            } catch {
                // A partial sum beyond the limit refuses even when a later line could not bring it back: all are ≥ 0.
                #expect(!fits)
            }
        }
    }

    @Test("M2: checked sums agree with exact integer arithmetic or refuse")
    func randomSums() async {
        let amount = Gen.int(in: Int.min...Int.max)
        await propertyCheck(count: 500, input: amount, amount) { a, b in
            let exact = Decimal(a) + Decimal(b)
            if let sum = try? Money(cents: a).adding(Money(cents: b)) {
                #expect(Decimal(sum.cents) == exact)
            } else {
                #expect(abs(exact) > Decimal(Self.limit))
            }
        }
    }
}
