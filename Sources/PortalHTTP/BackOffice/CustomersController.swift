import Foundation
import Hummingbird
import PortalKernel

/// `/admin/customers`: the list with search, and each customer's page: contact details, exactly what their portal
/// shows now (the portal's own functions), every proposal and invoice with why it is or is not in the portal,
/// "Send portal invitation", "view portal as this client", and new proposals and invoices.
struct CustomersController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the list and customer pages and redirects, and reads forms with their CSRF check.
    let front: BrowserFront
    /// Finds and lists customers, reads a customer's file, and sends the portal invitation.
    let customerManagement: CustomerManagement
    /// Searches customers by name, email or phone (the list's search box).
    let leadConversion: LeadConversion
    /// Shows exactly what the customer's portal shows now, and the portal as the client sees it.
    let portal: CustomerPortal
    /// Creates a proposal from the customer's page.
    let quoting: Quoting
    /// Creates an invoice from the customer's page.
    let billing: Billing
    /// Reads the customer's autopay, which only the client turns on (SPEC F12).
    let autopays: Autopays

    func register(on admin: RouteCollection<Context>) {
        admin.get("customers") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            let query = request.uri.queryParameters.get("q").map { String($0) } ?? ""
            let customers = query.isEmpty
                ? try await customerManagement.all(in: staff.account.id)
                : try await leadConversion.search(query, in: staff.account.id)
            let rows: [[String: String]] = customers.map {
                ["url": "/admin/customers/\($0.id)", "name": $0.displayName, "emails": $0.emails.joined(separator: ", "), "phone": $0.phone ?? ""]
            }
            return visit.page("admin-customers", ["chrome": visit.chrome("Customers", section: "customers"), "query": query, "customers": rows])
        }
        admin.get("customers/:id") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await customerManagement.customer($0, in: $1) }) { visit, staff, customer in
                try await page(visit, staff: staff, customer: customer, notice: Self.notices[request.uri.queryParameters.get("done").map { String($0) } ?? ""])
            }
        }
        admin.post("customers/:id/invitation") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await customerManagement.customer($0, in: $1) }) { visit, staff, customer in
                _ = try await visit.form(DocumentForm.self, context: context)
                try await customerManagement.invite(customer.id, in: staff.account, by: .staff(staff.user.id))
                return visit.redirect(to: "/admin/customers/\(customer.id)?done=invited")
            }
        }
        admin.post("customers/:id/proposals") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await customerManagement.customer($0, in: $1) }) { visit, staff, customer in
                let form = try await visit.form(DocumentForm.self, context: context)
                return try await creating(visit, staff, customer, form: form, prefix: "p") {
                    let proposal = try await quoting.create(
                        for: Job.ID(rawValue: form.jobId ?? ""), of: customer.id, title: form.title ?? "", lines: try form.lineInputs(in: staff.account.currency), taxRateBasisPoints: try form.taxBasisPoints(),
                        deposit: try form.depositTerms(in: staff.account.currency), in: staff.account, by: .staff(staff.user.id))
                    return "/admin/proposals/\(proposal.id)"
                }
            }
        }
        admin.post("customers/:id/invoices") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await customerManagement.customer($0, in: $1) }) { visit, staff, customer in
                let form = try await visit.form(DocumentForm.self, context: context)
                return try await creating(visit, staff, customer, form: form, prefix: "i") {
                    let number = (form.title ?? "").trimmingCharacters(in: .whitespaces)
                    let invoice = try await billing.create(
                        for: customer.id, job: nil, number: number.isEmpty ? nil : number, invoiceDate: nil, dueDate: nil,
                        lines: try form.lineInputs(in: staff.account.currency), taxRateBasisPoints: try form.taxBasisPoints(), in: staff.account,
                        by: .staff(staff.user.id))
                    return "/admin/invoices/\(invoice.id)"
                }
            }
        }
        admin.get("customers/:id/portal") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await customerManagement.customer($0, in: $1) }) { visit, staff, customer in
                try await portalAsClient(visit, staff: staff, customer: customer)
            }
        }
    }

    static let notices = ["invited": "The portal invitation is on its way."]

    /// How many of the visits the portal shows the customer's page lists; the rest are on their visits page.
    static let visitsShown = 5

    /// Runs `create` and goes to the page it returns; a refusal shows the customer's page again with the message
    /// and, in the form `prefix` (`p` for proposals, `i` for invoices), what was typed, a line's message beside it.
    private func creating(
        _ visit: AdminVisit, _ staff: StaffSessions.Staff, _ customer: Customer, form: DocumentForm, prefix: String,
        _ create: () async throws -> String
    ) async throws -> Response {
        do {
            return visit.redirect(to: try await create())
        } catch let refusal as DocumentForm.LineRefusal {
            return try await page(visit, staff: staff, customer: customer, errors: refusal.errors(prefix: prefix),
                                  typed: [prefix: form.fields(prefix: prefix, refusal: refusal)], status: .unprocessableContent)
        } catch let refusal as UseCaseError {
            return try await page(visit, staff: staff, customer: customer, errors: FormErrors(refusal.message),
                                  typed: [prefix: form.fields(prefix: prefix)], status: refusal.status)
        }
    }

    func page(
        _ visit: AdminVisit, staff: StaffSessions.Staff, customer: Customer, notice: String? = nil, errors: FormErrors = FormErrors(),
        typed: [String: [String: Any]] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = staff.account
        let format = Formatting(account: account)
        let today = account.today(at: front.clock.now)
        let view = try await portal.view(of: customer.id, account: account)
        let file = try await customerManagement.file(customer, in: account.id)
        let autopay = try await autopays.state(of: customer.id, in: account.id)
        let (jobs, proposals, invoices) = (file.jobs, file.proposals, file.invoices)
        let jobsByID = Dictionary(jobs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func proposalRow(_ proposal: Proposal) -> [String: String] {
            let verdict = jobsByID[proposal.jobID].map { ProposalVisibility.verdict(for: proposal, of: $0, today: today) }
            return [
                "url": "/admin/proposals/\(proposal.id)", "title": "\(proposal.title) (v\(proposal.version))",
                "total": format.money { try proposal.total },
                "status": proposal.status.rawValue, "verdict": verdict.map(AdminWords.proposalVerdict) ?? "",
            ]
        }
        func invoiceRow(_ invoice: Invoice) -> [String: String] {
            [
                "url": "/admin/invoices/\(invoice.id)", "number": invoice.number, "balance": format.money { try invoice.balance },
                "status": invoice.isPaid ? "paid" : "unpaid",
                "verdict": AdminWords.invoiceVerdict(InvoiceVisibility.verdict(for: invoice, settings: account.settings, today: today)),
            ]
        }
        let model: [String: Any] = [
            "chrome": visit.chrome(customer.displayName, section: "customers"), "name": customer.displayName, "notice": notice as Any,
            "errors": errors, "emails": customer.emails.joined(separator: ", "), "phone": customer.phone ?? "—",
            "billingAddress": customer.billingAddress?.description ?? "—",
            "serviceAddresses": customer.serviceAddresses.isEmpty ? "—" : customer.serviceAddresses.map(\.description).joined(separator: "; "),
            "inviteURL": "/admin/customers/\(customer.id)/invitation", "portalAsURL": "/admin/customers/\(customer.id)/portal",
            "portalProposals": view.proposals.map(proposalRow), "portalInvoices": view.invoices.map(invoiceRow),
            "portalVisits": view.upcomingVisits.prefix(Self.visitsShown).map { visit in
                ["url": "/admin/visits/\(visit.id)", "date": format.date(visit.date), "window": visit.window.map(format.window) ?? "Any time",
                 "status": VisitWords.status(visit.status), "statusClass": VisitWords.statusClass(visit.status)]
            },
            "visitsURL": "/admin/customers/\(customer.id)/visits",
            "autopay": autopay.map { $0.enabled
                ? "On since \(format.instant($0.consentedAt)), agreed by \($0.consentedBy): \($0.wording)"
                : "Off since \($0.disabledAt.map(format.instant) ?? "—")" } ?? "Never turned on",
            "allProposals": proposals.sorted { $0.createdAt > $1.createdAt }.map(proposalRow),
            "allInvoices": invoices.map(invoiceRow),
            "jobs": jobs.map { ["id": $0.id.rawValue, "title": $0.title, "stage": $0.stage.rawValue] }, "hasJobs": !jobs.isEmpty,
            "newProposalURL": "/admin/customers/\(customer.id)/proposals", "newInvoiceURL": "/admin/customers/\(customer.id)/invoices",
            "proposalFields": typed["p"] ?? DocumentForm().fields(prefix: "p", defaultDeposit: account.settings.defaultDeposit?.entryText(in: account.currency) ?? ""), "invoiceFields": typed["i"] ?? DocumentForm().fields(prefix: "i"),
            "currency": account.currencyCode,
        ]
        return visit.page("admin-customer", model, status: status)
    }

    /// The client's portal home as they see it, read-only, with links into the back office.
    func portalAsClient(_ visit: AdminVisit, staff: StaffSessions.Staff, customer: Customer) async throws -> Response {
        let account = staff.account
        let format = Formatting(account: account)
        let view = try await portal.view(of: customer.id, account: account)
        let model: [String: Any] = [
            "chrome": visit.chrome("Portal of \(customer.displayName)", section: "customers"), "customerName": customer.displayName,
            "backURL": "/admin/customers/\(customer.id)",
            "proposals": view.proposals.map { proposal in
                ["url": "/admin/proposals/\(proposal.id)", "title": proposal.title,
                 "total": format.money { try proposal.total },
                 "status": proposal.status == .accepted ? "Accepted" : "Awaiting your answer"]
            },
            "invoices": view.invoices.map { invoice in
                ["url": "/admin/invoices/\(invoice.id)", "number": invoice.number, "date": format.date(invoice.invoiceDate),
                 "balance": format.money { try invoice.isPaid ? invoice.total : invoice.balance }, "status": invoice.isPaid ? "Paid" : "Unpaid"]
            },
        ]
        return visit.page("admin-portal-view", model)
    }

}
