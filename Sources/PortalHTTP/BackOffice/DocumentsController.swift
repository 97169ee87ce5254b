import Foundation
import Hummingbird
import PortalKernel

/// `/admin/proposals/{id}` and `/admin/invoices/{id}`: each document with its state in the client's portal, its
/// actions (send, accept as staff, edit as a new version; record a payment, mark paid, void) and its timeline:
/// the emails about it with their delivery state (a failed one flagged) and the portal's audit trail.
struct DocumentsController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the proposal and invoice pages and redirects, and reads forms with their CSRF check.
    let front: BrowserFront
    /// Finds a proposal and its file, sends it, and revises it (a new version when sent).
    let quoting: Quoting
    /// Accepts a proposal as staff (SPEC P4: it then leaves the portal).
    let answers: ProposalAnswers
    /// Finds an invoice and its file, sends and voids it, records payments and marks it paid; lists failed emails.
    let billing: Billing
    /// Refunds card payments through the gateway (SPEC F15).
    let refunds: Refunds
    /// The files card of a proposal's and an invoice's page (SPEC F17).
    let attachedFiles: AttachedFiles
    /// Draws the PDFs staff download: the client's own (SPEC F16).
    let pdfs: DocumentPDFs

    /// What each change of a proposal says once done; any other `done` says nothing (a link cannot put words on the page).
    static let proposalNotices = ["sent": "The proposal is sent.", "accepted": "The proposal is accepted.", "saved": "The proposal is saved."]
        .merging(AdminFilesCard.notices) { first, _ in first }

    struct AcceptForm: PortalForm {
        /// The CSRF token the page put in the form.
        var csrf: String?
        /// The name recorded as the signature; `nil` records the staff user's name.
        var signature: String?
    }

    struct PaymentForm: PortalForm {
        /// The CSRF token the page put in the form.
        var csrf: String?
        /// The form's own key, so a form sent twice records one payment; `nil` records without one.
        var idempotencyKey: String?
        /// The amount as typed in the account's currency (`12.50`); read with ``Formatting/parseAmount(_:)``.
        var amount: String?
        /// A `Payment.Method` raw value: `card`, `bank`, `check`, `cash` or `other`.
        var method: String?
        /// `yes` marks the invoice paid in full and ignores `amount`.
        var full: String?
    }

    func register(on admin: RouteCollection<Context>) {
        admin.get("proposals/{id}.pdf") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await quoting.proposal($0, in: $1) }) { _, staff, proposal in
                let document = try await quoting.printed(proposal, in: staff.account, by: PageDocumentComposer())
                return FileResponse.pdf(try await pdfs.pdf(document, of: staff.account), name: "Proposal \(proposal.title).pdf")
            }
        }
        admin.get("invoices/{id}.pdf") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await billing.invoice($0, in: $1) }) { _, staff, invoice in
                let document = try await billing.printed(invoice, in: staff.account, by: PageDocumentComposer())
                return FileResponse.pdf(try await pdfs.pdf(document, of: staff.account), name: "Invoice \(invoice.number).pdf")
            }
        }
        admin.get("proposals/:id") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await quoting.proposal($0, in: $1) }) { visit, staff, proposal in
                try await proposalPage(
                    visit, staff: staff, proposal: proposal, notice: request.uri.queryParameters.get("done").flatMap { Self.proposalNotices[String($0)] })
            }
        }
        admin.post("proposals/:id/send") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await quoting.proposal($0, in: $1) }) { visit, staff, proposal in
                _ = try await visit.form(AcceptForm.self, context: context)
                return try await acting(visit, staff, proposal, done: "sent") {
                    _ = try await quoting.send(proposal.id, in: staff.account, by: .staff(staff.user.id))
                    return proposal.id
                }
            }
        }
        admin.post("proposals/:id/accept") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await quoting.proposal($0, in: $1) }) { visit, staff, proposal in
                let form = try await visit.form(AcceptForm.self, context: context)
                let outcome = try await answers.accept(
                    proposal.id, account: staff.account, via: .staff,
                    form: .init(signatureName: form.signature ?? staff.user.name, chosenOptionalItemIDs: [], shownVersionHash: proposal.contentHash),
                    actor: nil, actorEmail: staff.user.email, origin: visit.origin, by: .staff(staff.user.id))
                if case .accepted = outcome { return visit.redirect(to: "/admin/proposals/\(proposal.id)?done=accepted") }
                let (errors, status): (FormErrors, HTTPResponse.Status) = switch outcome {
                case .invalid(let text): (FormErrors(text, field: "signature"), .unprocessableContent)
                case .alreadyAccepted: (FormErrors("It was accepted already."), .conflict)
                default: (FormErrors("A proposal that is \(proposal.status.rawValue) cannot be accepted."), .conflict)
                }
                return try await proposalPage(visit, staff: staff, proposal: proposal, errors: errors, typedSignature: form.signature, status: status)
            }
        }
        admin.post("proposals/:id/revise") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await quoting.proposal($0, in: $1) }) { visit, staff, proposal in
                let form = try await visit.form(DocumentForm.self, context: context)
                let lines: [LineInput]
                do throws(DocumentForm.LineRefusal) {
                    lines = try form.lineInputs(in: staff.account.currency)
                } catch {
                    return try await proposalPage(
                        visit, staff: staff, proposal: proposal, errors: error.errors(prefix: "r"), typed: (form, error),
                        status: .unprocessableContent)
                }
                // Refused, the form comes back as typed (title, lines, tax and deposit), with the reason.
                return try await acting(visit, staff, proposal, done: "saved", typed: form) {
                    try await quoting.revise(
                        proposal.id, title: form.title ?? "", lines: lines, taxRateBasisPoints: try form.taxBasisPoints(),
                        deposit: try form.depositTerms(in: staff.account.currency), in: staff.account, by: .staff(staff.user.id)
                    ).id
                }
            }
        }
        registerInvoices(on: admin)
        admin.get("emails/failed") { request, context in
            let visit = AdminVisit(request, context: context, front: front)
            let staff = try visit.requireStaff()
            let format = Formatting(account: staff.account)
            let failures = try await billing.failedEmails(in: staff.account.id).map { message in
                let delivery = LeadPage.delivery(message, format: format)
                return [
                    "subject": delivery.subject, "to": delivery.to, "detail": delivery.detail as Any, "recordURL": Self.url(of: message.about) as Any,
                ] as [String: Any]
            }
            return visit.page("admin-emails", ["chrome": visit.chrome("Failed emails", section: "emails"), "deliveries": failures])
        }
    }

    /// The back-office page of what an email was about.
    static func url(of subject: RecordReference?) -> String? {
        guard let subject else { return nil }
        switch subject.kind {
        case .proposal: return "/admin/proposals/\(subject.id)"
        case .invoice: return "/admin/invoices/\(subject.id)"
        case .lead: return "/admin/leads/\(subject.id)"
        case .customer: return "/admin/customers/\(subject.id)"
        case .account: return "/admin/settings"
        case .loginLink, .payment, .staffUser, .job, .visit, .visitSeries: return nil
        }
    }

    /// Runs a change; a refusal shows the page again with its message.
    private func acting(
        _ visit: AdminVisit, _ staff: StaffSessions.Staff, _ proposal: Proposal, done: String, typed: DocumentForm? = nil,
        _ change: () async throws -> Proposal.ID
    ) async throws -> Response {
        do {
            let id = try await change()
            return visit.redirect(to: "/admin/proposals/\(id)?done=\(done)")
        } catch let refusal as UseCaseError {
            return try await proposalPage(
                visit, staff: staff, proposal: proposal, errors: FormErrors(refusal.message), typed: typed.map { ($0, nil) }, status: refusal.status)
        }
    }

    func proposalPage(
        _ visit: AdminVisit, staff: StaffSessions.Staff, proposal: Proposal, notice: String? = nil, errors: FormErrors = FormErrors(),
        typed: (form: DocumentForm, refusal: DocumentForm.LineRefusal?)? = nil, typedSignature: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = staff.account
        let format = Formatting(account: account)
        let file = try await quoting.file(proposal, in: account.id)
        let (job, customer) = (file.job, file.customer)
        let chosen = Set(proposal.acceptance?.chosenOptionalItemIDs ?? [])
        let timeline = Timeline(file.history, format: format)
        let editable = proposal.status != .accepted && proposal.status != .superseded
        let rows = proposal.lineItems.map { item -> [String: Any] in
            ["description": item.description, "quantity": format.quantity(item.quantity), "unitPrice": format.amountField(item.unitPrice), "optional": item.isOptional]
        }
        let emptyRows = (rows.count..<max(rows.count + 2, DocumentForm.rowCount)).map { _ in [String: Any]() }
        let model: [String: Any] = try [
            "chrome": visit.chrome(proposal.title, section: "customers"), "title": proposal.title, "status": proposal.status.rawValue,
            "notice": notice as Any, "errors": errors, "version": proposal.version,
            "verdict": job.map { AdminWords.proposalVerdict(ProposalVisibility.verdict(for: proposal, of: $0, today: account.today(at: front.clock.now))) } ?? "",
            "sentAt": proposal.sentAt.map(format.instant) as Any, "expiresOn": proposal.expiresOn.map(format.date) as Any,
            "acceptance": proposal.acceptance.map { "by \($0.signatureName), \($0.via.rawValue), \(format.instant($0.acceptedAt))" } as Any,
            "declineReason": proposal.declineReason as Any,
            // Only a replaced version has a newer one; an accepted proposal is final, whatever else its job holds.
            "newerURL": proposal.status == .superseded ? file.newerVersion.map { "/admin/proposals/\($0.id)" } as Any : nil as String? as Any,
            "lines": proposal.lineItems.map {
                ["description": $0.description, "quantity": format.quantity($0.quantity), "unitPrice": format.money($0.unitPrice),
                 "amount": format.money(try $0.amount), "optional": $0.isOptional] as [String: Any]
            },
            "total": format.money(try proposal.totals(choosing: chosen).total),
            "deposit": try proposal.deposit.map { try DepositWords.due($0, on: try proposal.totals(choosing: chosen).total, format: format) } as Any,
            "depositEntry": typed?.form.deposit ?? proposal.deposit?.entryText(in: account.currency) ?? "",
            "canSend": proposal.status == .draft || proposal.status == .sent, "canAccept": proposal.status == .sent,
            "canEdit": editable, "signature": typedSignature ?? staff.user.name,
            "editHint": proposal.status == .draft ? "A draft changes in place." : "Saving makes version \(proposal.version.addingSaturating(1)), sent to the client at once; the old link will show it.",
            "editTitle": typed?.form.title ?? proposal.title,
            "editRows": typed.map { $0.form.rows(prefix: "r", refusal: $0.refusal) } ?? (rows + emptyRows).enumerated().map { index, row in row.merging(["index": index + 1]) { a, _ in a } },
            "taxPercent": typed?.form.taxPercent ?? "\(Decimal(proposal.taxRateBasisPoints) / 100)", "currency": account.currencyCode,
            "sendURL": "/admin/proposals/\(proposal.id)/send", "acceptURL": "/admin/proposals/\(proposal.id)/accept",
            "pdfURL": "/admin/proposals/\(proposal.id).pdf",
            "reviseURL": "/admin/proposals/\(proposal.id)/revise",
            "customerURL": "/admin/customers/\(proposal.customerID)", "customerName": customer?.displayName ?? "Customer",
            "filesCard": try await AdminFilesCard.make(
                owner: .proposal(proposal.id), back: "/admin/proposals/\(proposal.id)", hasCustomer: true, staff: staff, attachedFiles: attachedFiles),
            "failedEmail": timeline.hasFailure, "deliveries": timeline.deliveries, "activity": timeline.activity,
        ]
        return visit.page("admin-proposal", model, status: status)
    }

}

/// A document's timeline: the emails about it and the audit trail, as the back office words them.
struct Timeline {
    /// The emails about the document, newest first, with their delivery state.
    let deliveries: [LeadPage.Delivery]
    /// The audit trail, oldest first: when, what and who.
    let activity: [LeadPage.Activity]
    /// Whether an email about it failed for good: the document is flagged, so nobody believes it arrived.
    let hasFailure: Bool

    /// `history` worded with `format` (the account's time zone for the instants).
    init(_ history: RecordHistory, format: Formatting) {
        deliveries = history.emails.map { LeadPage.delivery($0, format: format) }
        activity = history.events.map {
            LeadPage.Activity(
                when: format.instant($0.occurredAt), what: $0.action.rawValue + ($0.detail.map { ": \($0)" } ?? ""),
                who: LeadPage.who($0, details: [$0.userAgent]))
        }
        hasFailure = history.hasFailedEmail
    }
}
