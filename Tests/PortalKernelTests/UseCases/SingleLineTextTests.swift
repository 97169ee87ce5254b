import Foundation
import PortalKernel
import Testing

/// A name or label on one line holds no control character and no hidden direction change, wherever it is typed: an
/// invoice number, a proposal's and a job's title, a customer's name, a requester's name.
@Suite("Single-line names and labels")
struct SingleLineTextTests {
    /// Each refused kind: a right-to-left override, an isolate, a line break, a tab, a C1 control, a line separator.
    static let refused = ["INV-1\u{202E}fdp.exe", "INV-\u{2067}1", "INV-1\nINV-2", "INV\t1", "INV\u{85}1", "INV\u{2028}1"]
    /// What scripts and emoji need stays: combining marks, joiners, a right-to-left mark, Hebrew and Arabic.
    static let kept = ["Nguyễn Zoë", "👨‍👩‍👧 Tree Care", "שלום\u{200F} 12", "محمد", "क्‍ष"]

    @Test("Refused: direction overrides and isolates, line breaks, tabs, C1 controls and line separators; kept: marks, joiners, RLM")
    func rule() {
        for text in Self.refused { #expect(SingleLineText.problem(text, naming: "A label") != nil, "\(text.unicodeScalars.map { String($0.value, radix: 16) })") }
        for text in Self.kept { #expect(SingleLineText.problem(text, naming: "A label") == nil, "\(text)") }
    }

    @Test("An invoice number, a line's description, a proposal's title and a customer's name with a hidden direction change are refused naming the field; nothing is saved")
    func useCasesRefuse() async throws {
        let bed = try await UseCaseBed()
        for number in Self.refused {
            await #expect(throws: UseCaseError.self) { try await BillingTests.draft(bed, number: number) }
        }
        #expect(try await BillingTests.invoiceCount(bed) == 0)
        do {
            _ = try await BillingTests.draft(bed, number: "INV-1\u{202E}fdp.exe")
        } catch let error as UseCaseError {
            #expect(error.kind == .invalid && error.fields.keys.contains("number"))
        }
        #expect(try await BillingTests.draft(bed, number: "Nº 12 ✓").number == "Nº 12 ✓")
        await #expect(throws: UseCaseError.invalid("Line 1's description cannot hold line breaks, control characters or hidden direction changes: type it again on one line.", field: "lines[0].description")) {
            try await BillingTests.draft(bed, lines: [LineInput(description: "Mow\u{202E}", quantity: 1, unitPrice: 100)])
        }

        let job = Job(accountID: bed.account.id, customerID: bed.customer.id, title: "Spring", createdStage: .proposal, createdAt: bed.clock.now)
        try await bed.services.storage.jobs.insert(job)
        let quoting = Quoting(services: bed.services, emails: KindComposer())
        await #expect(throws: UseCaseError.self) {
            try await quoting.create(for: job.id, title: "Spring\u{202E}", lines: BillingTests.mowing, taxRateBasisPoints: 0, deposit: nil, in: bed.account, by: nil)
        }
        #expect(Job.titleProblem("Spring\u{2066}clean") != nil && Job.titleProblem("Spring clean-up") == nil)
        #expect(throws: UseCaseError.self) {
            try CustomerManagement.newCustomer(displayName: "Ann\u{202D}", emails: ["ann@example.com"], phone: nil, billingAddress: nil, serviceAddresses: [], in: bed.account.id)
        }
        let request = ServiceRequest(
            name: "Jordan\u{202E}", email: "j@example.com", phone: "", serviceAddress: "9 Birch Rd", servicesWanted: ["Tree care"], description: "",
            preferredDate: "")
        #expect(request.problems(today: bed.account.today(at: bed.clock.now))[.name] != nil)
    }
}
