import Foundation
import PortalKernel
import Testing

/// #19: the generic query every store answers, read by the kernel.
@Suite("#19 record queries")
struct RecordQueryTests {
    let account: Account.ID = "a"

    @Test("#19: a query the catalogue does not allow is refused before any store sees it, naming the table and why")
    func refusals() throws {
        func refusal(_ make: () throws -> Any) -> String? {
            do {
                _ = try make()
                return nil
            } catch let StorageError.refused(why) {
                return why
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal { try RecordQuery<Invoice>(in: account, where: [.equal("no_such", .text("x"))]) } == "a query of invoice: no column no_such")
        #expect(refusal { try RecordQuery<Invoice>(in: account, where: [.equal("voided", .text("yes"))]) } == "a query of invoice: voided holds bool, not text")
        #expect(refusal { try RecordQuery<Invoice>(in: account, orderedBy: [.ascending("job_id")]) } == "a query of invoice: job_id may be empty, so it cannot order")
        #expect(refusal { try RecordQuery<Invoice>(in: account, orderedBy: [.ascending("account_id")]) } == "a query of invoice: no column account_id")
        #expect(refusal { try RecordQuery<Account>(in: account) } == "a query of account: the table is not kept per account")
        #expect(refusal { try RecordQuery<Invoice>(in: account, limit: -1) } == "a query of invoice: a negative limit")
        #expect(refusal { try RecordQuery<Invoice>(in: account, where: [.equal("number", .text("N\u{0}1"))]) } == "a query of invoice: number: text with the NUL character")
        #expect(refusal { try RecordQuery<Invoice>(in: account, where: [.equal("number", .text("1"))], orderedBy: [.descending("number")], limit: 0) } == nil)
    }

    @Test("#19: filters compare as SQL does: text as UTF-8 bytes, instants to the millisecond, an empty column passes only an empty test")
    func filters() throws {
        let instant = Date(timeIntervalSince1970: 1_790_000_000)
        func invoice(_ number: String, job: Job.ID? = nil, voided: Bool = false, in account: Account.ID = "a") -> Invoice {
            Invoice(
                id: Invoice.ID(rawValue: number), accountID: account, customerID: "c", jobID: job, number: number,
                invoiceDate: CalendarDate(iso: "2026-11-01")!, lineItems: [], voided: voided, createdAt: instant)
        }
        let invoices = [invoice("b"), invoice("B", job: "j"), invoice("é", voided: true), invoice("e\u{301}"), invoice("z", in: "other")]
        func numbers(_ filters: [RecordFilter], _ order: [RecordOrder] = [], limit: Int? = nil) throws -> [String] {
            try RecordQuery<Invoice>(in: account, where: filters, orderedBy: order, limit: limit).select(from: invoices).map(\.number)
        }
        #expect(try numbers([]) == ["B", "b", "e\u{301}", "é"], "by id as bytes; another account's left out")
        #expect(try numbers([.equal("number", .text("é"))]) == ["é"], "a precomposed letter is not its decomposed twin")
        #expect(try numbers([.atLeast("number", .text("b"))], [.descending("number")]) == ["é", "e\u{301}", "b"])
        #expect(try numbers([.below("number", .text("b"))]) == ["B"])
        #expect(try numbers([.equal("job_id", .text(nil))]) == ["b", "e\u{301}", "é"])
        #expect(try numbers([.notEqual("job_id", .text(nil))]) == ["B"])
        #expect(try numbers([.notEqual("job_id", .text("k"))]) == ["B"], "an empty column passes no comparison with a value")
        #expect(try numbers([.atLeast("job_id", .text(nil))]) == [], "nothing is at least empty")
        #expect(try numbers([.equal("voided", .bool(false))], [.ascending("voided"), .descending("number")], limit: 2) == ["e\u{301}", "b"])
    }

    @Test("#19: instants compare to the millisecond every store keeps")
    func instants() throws {
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        func payment(_ id: String, _ offset: TimeInterval) -> Payment {
            Payment(id: Payment.ID(rawValue: id), accountID: account, invoiceID: "i", amount: Money(cents: 1), method: .cash, source: .staff, receivedAt: base + offset)
        }
        let payments = [payment("p1", 0.0004), payment("p2", 0), payment("p3", 0.001), payment("p4", -0.001)]
        let query = try RecordQuery<Payment>(in: account, where: [.equal("received_at", .instant(base))], orderedBy: [.descending("received_at")])
        #expect(query.select(from: payments).map(\.id.rawValue) == ["p1", "p2"], "the same millisecond is equal; then by id")
        let later = try RecordQuery<Payment>(in: account, where: [.atLeast("received_at", .instant(base + 0.0009))], orderedBy: [.descending("received_at")])
        #expect(later.select(from: payments).map(\.id.rawValue) == ["p3", "p1", "p2"], "the bound is kept to its millisecond too")
    }
}
