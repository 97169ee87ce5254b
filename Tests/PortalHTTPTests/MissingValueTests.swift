import Foundation
import Mustache
import PortalKernel
import Testing

@testable import PortalHTTP

/// Issue #18: no optional value, in any page or email template, shows as "nil", an empty box or a sentence that stops
/// at its colon.
@Suite("What a person sees: no nil, no empty box, no dangling sentence")
struct MissingValueTests {
    @Test("An optional in a dictionary model is unwrapped: nil is missing, in sections, lists and nested dictionaries")
    func dictionaryOptionalsUnwrapped() throws {
        let template = try MustacheTemplate(string: """
            [{{#notice}}N:{{notice}}{{/notice}}{{^notice}}none{{/notice}}|{{error}}|{{#rows}}{{label}}={{value}};{{/rows}}|\
            {{#inner.reason}}R:{{inner.reason}}{{/inner.reason}}|{{inner.kept}}]
            """)
        let rows: [[String: Any]] = [["label": "a", "value": String?.none as Any], ["label": "b", "value": String?("2") as Any]]
        let model: [String: Any] = [
            "notice": String?.none as Any, "error": Int?.none as Any, "rows": rows,
            "inner": ["reason": String?.none as Any, "kept": String?("k") as Any] as [String: Any],
        ]
        #expect(template.render(try #require(ReflectedView.of(model))) == "[none||a=;b=2;||k]")
    }

    @Test("Every page template, with each optional value missing and with all of them missing")
    func everyPage() throws {
        let renderer = try PageRenderer()
        for name in PortalTemplates.pages.keys.sorted() {
            let names = TemplateNames(source(PortalTemplates.pages[name])) { source(PortalTemplates.pages[$0]) }
            for missing in Self.cases(names) {
                let problems = MissingValueProblems.find(in: renderer.html(name, names.model(missing: missing)))
                #expect(problems.isEmpty, "\(name) without \(missing.sorted()): \(problems)")
            }
        }
    }

    @Test("#18 The two checks above reach every template file: every page is rendered, every email file is some kind's")
    func coversEveryTemplate() {
        // `everyPage` renders every registered page, and `TemplateTests` keeps the registry equal to the files.
        let emailFiles = Set(EmailTemplate.Kind.allCases.compactMap { TemplateEmailComposer.stems[$0] }.flatMap { ["\($0)-text", "\($0)-html"] })
        #expect(emailFiles == Set(PortalTemplates.emails.keys))
        #expect(PortalTemplates.pages.keys.contains("form-errors") && PortalTemplates.pages.keys.contains("field-error"))
    }

    @Test("Every email template (subject, text and HTML), with each optional value missing and with all of them missing")
    func everyEmail() throws {
        for kind in EmailTemplate.Kind.allCases {
            let template = TemplateEmailComposer.bundled(kind)
            for (part, text, isText) in [("subject", template.subject, true), ("text", template.text, true), ("html", template.html, false)] {
                let names = TemplateNames(text) { _ in nil }
                for missing in Self.cases(names) {
                    let problems = MissingValueProblems.find(in: TemplateEmailComposer.render(text, names.model(missing: missing), text: isText))
                    #expect(problems.isEmpty, "\(kind) \(part) without \(missing.sorted()): \(problems)")
                }
            }
        }
    }

    @Test("Every email about records that leave out what they may: no phone, no date, no expiry, no fee, no card")
    func everyEmailOfSparseRecords() throws {
        let composer = try TemplateEmailComposer(publicBaseURL: "https://portal.example.com/")
        let now = PortalTestbed.now
        let account = Account(name: "Greenleaf", portalKey: "greenleaf", branding: Branding(displayName: "Greenleaf"), createdAt: now)
        let customer = Customer(accountID: account.id, displayName: "Cece", emails: ["cece@example.com"])
        let lines = [LineItem(description: "Mulch", unitPrice: Money(cents: 4_000))]
        let invoice = Invoice(
            accountID: account.id, customerID: customer.id, number: "INV-1", invoiceDate: account.today(at: now), lineItems: lines, createdAt: now)
        let proposal = Proposal(accountID: account.id, jobID: .random(), customerID: customer.id, title: "Mulch", lineItems: lines, createdAt: now)
        let lead = Lead(
            accountID: account.id, jobID: .random(), portalLead: true, name: "Jordan", email: "jordan@example.net", serviceAddress: "9 Birch Rd",
            description: "Dead ash", submittedAt: now)
        let payment = Payment(accountID: account.id, invoiceID: invoice.id, amount: Money(cents: 4_000), method: .card, source: .portal, receivedAt: now)
        let emails: [PortalEmail] = [
            .loginLink(account: account, link: "https://portal.example.com/l", validMinutes: 20),
            .leadNotification(account: account, lead: lead, leadURL: "https://portal.example.com/admin/leads/1", photoURLs: []),
            .leadConfirmation(account: account, lead: lead, addressProven: true),
            .leadConfirmation(account: account, lead: lead, addressProven: false),
            .paymentReceipt(account: account, customer: customer, invoice: invoice, payment: payment, receiptURL: "https://portal.example.com/r"),
            .proposalSent(account: account, customer: customer, proposal: proposal, link: "https://portal.example.com/p"),
            .invoiceSent(account: account, customer: customer, invoice: invoice),
            .portalInvitation(account: account, customer: customer),
            .failedLogins(
                account: account, user: StaffUser(accountID: account.id, name: "Alex", email: "alex@example.com", passwordHash: "", role: .admin),
                attempts: 10, minutes: 15, latestAddress: "203.0.113.9"),
        ]
        for email in emails {
            let message = try composer.compose(email, to: [.init(address: "cece@example.com")])
            for part in [message.subject, message.textBody, message.htmlBody ?? ""] {
                let problems = MissingValueProblems.find(in: part)
                #expect(problems.isEmpty, "\(email.templateKind): \(problems)")
            }
        }
    }

    /// Nothing missing, each optional name missing alone, and all of them missing.
    private static func cases(_ names: TemplateNames) -> [Set<String>] {
        [[], names.optional] + names.optional.sorted().map { Set([$0]) }
    }

    private func source(_ bytes: [UInt8]?) -> String {
        String(decoding: bytes ?? [], as: UTF8.self)
    }

    @Test("Every page of the seeded portal and back office, as a client and as staff, where records leave values out")
    func everySeededPage() async throws {
        let bed = try await PortalTestbed()
        let sparse = try await Self.addSparseRecords(to: bed)
        try await bed.run { client in
            var visitor = Browser(client)
            var pages = [
                "/admin/login", "/portal/\(Seed.keyA)/login", "/portal/\(Seed.keyA)/request-service", "/p/\(Seed.emailedLinkToken.value)",
                "/portal/\(Seed.keyA)/auth/unknownToken0123456789abcdefghijklmnopqrstu",
            ]
            var checked: [(String, Browser.Page)] = []
            for path in pages { checked.append((path, try await visitor.get(path))) }

            var staff = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &staff)
            let proposals = [
                Seed.CeceProposal.open, Seed.CeceProposal.draft, Seed.CeceProposal.expired, Seed.CeceProposal.acceptedByStaff,
                Seed.CeceProposal.acceptedInPortal, Seed.CeceProposal.createdActive,
            ]
            let invoices = [
                Seed.CeceInvoice.unpaid, Seed.CeceInvoice.paidRecently, Seed.CeceInvoice.voided, Seed.CeceInvoice.zero,
            ]
            pages = [
                "/admin/leads", "/admin/leads/\(Seed.portalLead)", "/admin/leads/\(Seed.phoneLead)", "/admin/customers",
                "/admin/customers/\(Seed.cece)", "/admin/customers/\(Seed.cece)/portal", "/admin/emails/failed", "/admin/settings",
                "/admin/templates",
            ] + proposals.map { "/admin/proposals/\($0)" } + invoices.map { "/admin/invoices/\($0)" }
                + EmailTemplate.Kind.allCases.map { "/admin/templates/\($0.rawValue)" } + sparse.backOffice
            for path in pages { checked.append((path, try await staff.get(path))) }

            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            pages = ["/portal/\(Seed.keyA)", "/portal/\(Seed.keyA)/request-service", "/portal/\(Seed.keyA)/invoices/\(Seed.CeceInvoice.unpaid)/pay"]
                + proposals.map { "/portal/\(Seed.keyA)/proposals/\($0)" } + invoices.map { "/portal/\(Seed.keyA)/invoices/\($0)" }
            for path in pages { checked.append((path, try await cece.get(path))) }

            var sparseClient = Browser(client)
            try await bed.logIn(sparse.email, browser: &sparseClient)
            for path in sparse.portal { checked.append((path, try await sparseClient.get(path))) }

            let sparsePaths = sparse.backOffice + sparse.portal
            #expect(checked.filter { sparsePaths.contains($0.0) }.allSatisfy { $0.1.status == .ok })
            for (path, page) in checked {
                #expect(page.status != .internalServerError, "\(path)")
                let problems = MissingValueProblems.find(in: page.body)
                #expect(problems.isEmpty, "\(path): \(problems)")
            }
        }
        await bed.remove()
    }

    /// A customer with nothing but a name and an email, a lead with no phone, services or date, a proposal with no
    /// expiry, and an invoice with no due date: their back-office pages, and the customer's portal pages.
    static func addSparseRecords(to bed: PortalTestbed) async throws -> (email: String, backOffice: [String], portal: [String]) {
        let now = PortalTestbed.now
        let customer = Customer(accountID: Seed.accountA, displayName: "Sparse", emails: ["sparse@example.com"])
        let job = Job(accountID: Seed.accountA, customerID: customer.id, title: "Sparse job", createdStage: .proposal, createdAt: now)
        let leadJob = Job(accountID: Seed.accountA, customerID: nil, title: "Sparse request", createdStage: .lead, createdAt: now)
        let lead = Lead(
            accountID: Seed.accountA, jobID: leadJob.id, portalLead: false, name: "Sparse", email: "sparse@example.com", serviceAddress: "1 Elm St",
            description: "Hedge", submittedAt: now)
        let lines = [LineItem(description: "Hedge", unitPrice: Money(cents: 1_000))]
        let proposal = Proposal(
            accountID: Seed.accountA, jobID: job.id, customerID: customer.id, title: "Sparse proposal", lineItems: lines, status: .sent,
            sentAt: now.addingTimeInterval(-3_600), createdAt: now.addingTimeInterval(-7_200))
        let invoice = Invoice(
            accountID: Seed.accountA, customerID: customer.id, number: "SPARSE-1", invoiceDate: CalendarDate(iso: "2026-11-01")!, lineItems: lines,
            createdAt: now)
        try await bed.services.storage.transaction { store in
            try await store.customers.insert(customer)
            try await store.jobs.insert(job)
            try await store.jobs.insert(leadJob)
            try await store.leads.insert(lead)
            try await store.proposals.insert(proposal)
            try await store.invoices.insert(invoice)
        }
        let backOffice = [
            "/admin/customers/\(customer.id)", "/admin/customers/\(customer.id)/portal", "/admin/leads/\(lead.id)",
            "/admin/proposals/\(proposal.id)", "/admin/invoices/\(invoice.id)",
        ]
        let portal = ["", "/proposals/\(proposal.id)", "/invoices/\(invoice.id)", "/invoices/\(invoice.id)/pay"].map { "/portal/\(Seed.keyA)\($0)" }
        return ("sparse@example.com", backOffice, portal)
    }
}
