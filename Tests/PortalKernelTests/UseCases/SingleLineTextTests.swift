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
        // Nothing that shows: a direction mark, joiners, U+FEFF, a word joiner, a soft hyphen, Hangul fillers.
        for blank in ["\u{200F}", "\u{200D}\u{200C}", "\u{FEFF}", "\u{2060}", "\u{AD}", "\u{115F}", "\u{3164} \u{200B}", "\u{2800}\u{2800}"] {
            #expect(SingleLineText.problem(blank, naming: "A label") == "A label needs a character that shows.", "\(blank.unicodeScalars.map(\.value))")
        }
        // An identifier takes no invisible character: it would look like another.
        #expect(SingleLineText.problem("HĐ-🌳-1\u{200D}", naming: "A number", identifier: true) != nil)
        #expect(SingleLineText.problem("\u{200F}HĐ-🌳-1", naming: "A number", identifier: true) != nil)
        #expect(SingleLineText.problem("HĐ-🌳-1", naming: "A number", identifier: true) == nil)
        for lookalike in ["INV\u{A0}77", "INV\u{2000}77", "INV\u{2800}77", "INV-77\u{FFFB}"] {
            #expect(SingleLineText.problem(lookalike, naming: "A number", identifier: true) != nil, "\(lookalike.unicodeScalars.map(\.value))")
        }
        #expect(SingleLineText.problem("INV 77", naming: "A number", identifier: true) == nil)
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
        // One number however its accents were typed (composed, NFC).
        #expect(try await BillingTests.draft(bed, number: "Facture-e\u{301}").number == "Facture-\u{E9}")
        await #expect(throws: UseCaseError.conflict("Invoice number Facture-\u{E9} is taken.")) { try await BillingTests.draft(bed, number: "Facture-\u{E9}") }
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
        #expect(ProposalAnswers.AcceptanceForm.signatureProblem("Nguyễn\u{202E}LIAVE") != nil)
        #expect(ProposalAnswers.AcceptanceForm.signatureProblem("Nguyễn Văn An") == nil)
        #expect(throws: UseCaseError.self) { try Visit.optionalText("Crew\u{202E} 2", limit: 100, field: "crew", what: "crew's name", singleLine: true) }
    }

    @Test("A company name stored before the rule does not block the other settings; changing it to another such name is refused")
    func storedNameStays() throws {
        let stored = "Greenleaf\u{202E} Landscaping"
        let account = Account(name: stored, portalKey: "a", branding: Branding(displayName: stored), createdAt: Date(timeIntervalSince1970: 0))
        var form = SettingsForm(account)
        form.reminderHour = "8"
        #expect(try form.applied(to: account).settings.visits.reminderHour == 8)
        form.displayName = "Greenleaf\u{2066} Landscaping"
        let refusal = try #require(throws: UseCaseError.self) { try form.applied(to: account) }
        #expect(refusal.fields.keys.contains("displayName"))
    }
}
