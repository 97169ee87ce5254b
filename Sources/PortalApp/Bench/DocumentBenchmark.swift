import Foundation
import PortalHTTP
import PortalKernel

/// How long a ``DocumentRenderer`` takes to draw an invoice's PDF and how large the PDF is, for invoices of a few
/// sizes: the figures `portal bench-documents` prints and `Docs/Decisions.md` quotes (#25, SPEC F16). Nothing is
/// asserted; the invoices are made up, with an accented and a CJK name so the fallback fonts are embedded too.
struct DocumentBenchmark {
    /// One invoice size's figures.
    struct Figure: Sendable {
        /// How many lines the invoice has.
        let lines: Int
        /// How many pages its PDF has.
        let pages: Int
        /// The PDF's size in bytes.
        let bytes: Int
        /// The middle and the slowest of the timed runs.
        let median: Duration
        let slowest: Duration
    }

    let renderer: any DocumentRenderer
    /// How many times each size is drawn (after one untimed run that loads the fonts).
    let repetitions: Int

    /// The figures for invoices of `sizes` lines.
    func run(sizes: [Int]) async throws -> [Figure] {
        var figures: [Figure] = []
        for lines in sizes {
            let document = try Self.invoice(lines: lines)
            let first = try await renderer.render(document)
            var times: [Duration] = []
            for _ in 0..<repetitions {
                let started = ContinuousClock.now
                _ = try await renderer.render(document)
                times.append(ContinuousClock.now - started)
            }
            times.sort()
            figures.append(
                Figure(lines: lines, pages: Self.pageCount(first), bytes: first.count, median: times[times.count / 2], slowest: times[times.count - 1]))
        }
        return figures
    }

    /// A made-up invoice of `lines` lines, as the portal words it.
    static func invoice(lines: Int) throws -> PrintedDocument {
        let now = Date()
        let account = Account(
            id: "bench", name: "Greenleaf Landscaping", portalKey: "bench",
            branding: Branding(displayName: "Greenleaf Landscaping", phone: "555-0100", email: "office@greenleaf.example", address: "1 Elm St"),
            createdAt: now)
        let customer = Customer(id: "c", accountID: account.id, displayName: "Cécile Ōtsuka 大塚", emails: ["cecile@example.com"])
        let invoice = Invoice(
            accountID: account.id, customerID: customer.id, number: "INV-1001", invoiceDate: account.today(at: now),
            lineItems: (1...max(1, lines)).map { LineItem(description: "Visit \($0): mow, edge, blow and haul the clippings", unitPrice: Money(cents: 4_500)) },
            createdAt: now)
        return try PageDocumentComposer().invoice(invoice, customer: customer, payments: [], serviceAddress: nil, account: account)
    }

    /// How many pages `pdf` says it has: the `/Count` of its page tree (0 when it names none).
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.firstMatch(of: /\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)/).flatMap { Int($0.1) } ?? 0
    }
}
