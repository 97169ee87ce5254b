import Foundation
import Hummingbird
import PortalKernel

/// The invoice page and its actions.
extension DocumentsController {
    func registerInvoices(on admin: RouteCollection<Context>) {
        admin.get("invoices/:id") { request, context in
            try await AdminVisit.withRecord(request, context, front: front, find: { try await billing.invoice($0, in: $1) }) { visit, staff, invoice in
                try await invoicePage(visit, staff: staff, invoice: invoice, notice: request.uri.queryParameters.get("done").flatMap { Self.invoiceNotices[String($0)] })
            }
        }
        admin.post("invoices/:id/send") { request, context in
            try await changingInvoice(request, context, done: "sent") { visit, staff, invoice in
                _ = try await visit.form(AcceptForm.self, context: context)
                try await billing.send(invoice.id, in: staff.account, by: .staff(staff.user.id))
            }
        }
        admin.post("invoices/:id/void") { request, context in
            try await changingInvoice(request, context, done: "voided") { visit, staff, invoice in
                _ = try await visit.form(AcceptForm.self, context: context)
                _ = try await billing.void(invoice.id, in: staff.account, by: .staff(staff.user.id))
            }
        }
        admin.post("invoices/:id/payments") { request, context in
            try await changingInvoice(request, context, done: "paymentRecorded") { visit, staff, invoice in
                let form = try await visit.form(PaymentForm.self, context: context)
                guard let method = Payment.Method(rawValue: form.method ?? "") else { throw UseCaseError.invalid("Choose how it was paid.") }
                if form.full == "yes" {
                    _ = try await billing.markPaid(invoice.id, method: method, in: staff.account, by: .staff(staff.user.id))
                    return
                }
                let amount: Money
                do throws(AmountEntryError) {
                    amount = try Formatting(account: staff.account).parseAmount(form.amount ?? "")
                } catch {
                    throw AmountFieldRefusal(typed: form.amount ?? "", message: error.description)
                }
                _ = try await billing.recordPayment(
                    on: invoice.id, amount: amount, method: method, idempotencyKey: form.idempotencyKey, in: staff.account, by: .staff(staff.user.id))
            }
        }
        admin.post("invoices/:id/refunds") { request, context in
            try await changingInvoice(request, context, done: "refunded") { visit, staff, invoice in
                let form = try await visit.form(RefundForm.self, context: context)
                try await refund(form, of: invoice, staff: staff)
            }
        }
    }

    /// What each change of an invoice says once done; any other `done` says nothing (a link cannot put words on the page).
    static let invoiceNotices = [
        "sent": "The invoice is sent.", "voided": "The invoice is voided.", "paymentRecorded": "The payment is recorded.",
        "refunded": "The refund is made; the client is emailed.",
    ].merging(AdminFilesCard.notices) { first, _ in first }

    struct RefundForm: PortalForm {
        var csrf: String?
        /// The form's own key, so a form sent twice refunds once.
        var idempotencyKey: String?
        /// The payment of this invoice to refund.
        var payment: String?
        /// What to give back, in the account's currency; empty for everything left of the payment.
        var refundAmount: String?
    }

    /// Refunds `form`'s payment of `invoice` through the gateway (SPEC F15); a refusal is a `UseCaseError` the page
    /// shows.
    private func refund(_ form: RefundForm, of invoice: Invoice, staff: StaffSessions.Staff) async throws {
        guard let id = form.payment, let payment = try await billing.payment(Payment.ID(rawValue: id), in: staff.account.id),
            payment.invoiceID == invoice.id
        else { throw UseCaseError.invalid("Choose a payment of this invoice to refund.") }
        let typed = (form.refundAmount ?? "").trimmingCharacters(in: .whitespaces)
        var amount: Money?
        if !typed.isEmpty {
            do throws(AmountEntryError) {
                amount = try Formatting(account: staff.account).parseAmount(typed)
            } catch {
                throw UseCaseError.invalid("Refund amount: \(error.description)")
            }
        }
        switch try await refunds.refund(
            payment.id, amount: amount, idempotencyKey: form.idempotencyKey ?? "", in: staff.account, by: .staff(staff.user.id),
            actorName: staff.user.email)
        {
        case .refunded: return
        case .invalid(let message): throw UseCaseError.invalid(message)
        case .declined(let message): throw UseCaseError.conflict("The payment service refused the refund: \(message) Nothing was given back.")
        case .gatewayUnavailable(let message): throw UseCaseError.conflict("The payment service could not be reached: \(message) Nothing was given back; try again.")
        case .inProgress: throw UseCaseError.conflict("Another refund of this payment is under way; open the invoice again in a moment.")
        case .notFound: throw UseCaseError.notFound("No such payment.")
        }
    }

    private func changingInvoice(
        _ request: Request, _ context: Context, done: String,
        _ change: @escaping (AdminVisit, StaffSessions.Staff, Invoice) async throws -> Void
    ) async throws -> Response {
        try await AdminVisit.withRecord(request, context, front: front, find: { try await billing.invoice($0, in: $1) }) { visit, staff, invoice in
            do {
                try await change(visit, staff, invoice)
                return visit.redirect(to: "/admin/invoices/\(invoice.id)?done=\(done)")
            } catch let refusal as UseCaseError {
                return try await invoicePage(visit, staff: staff, invoice: invoice, errors: FormErrors(refusal.message), status: refusal.status)
            } catch let refusal as AmountFieldRefusal {
                return try await invoicePage(
                    visit, staff: staff, invoice: invoice, errors: FormErrors(refusal.message, field: "amount"), typedAmount: refusal.typed,
                    status: .unprocessableContent)
            }
        }
    }

    /// A typed amount that cannot be read (SPEC M1): the page comes back with what was typed and the hint beside it.
    private struct AmountFieldRefusal: Error {
        let typed: String
        let message: String
    }

    func invoicePage(
        _ visit: AdminVisit, staff: StaffSessions.Staff, invoice: Invoice, notice: String? = nil,
        errors: FormErrors = FormErrors(), typedAmount: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let account = staff.account
        let format = Formatting(account: account)
        let file = try await billing.file(invoice, in: account.id)
        let (customer, payments) = (file.customer, file.payments)
        let timeline = Timeline(file.history, format: format)
        let verdict = InvoiceVisibility.verdict(for: invoice, settings: account.settings, today: account.today(at: front.clock.now))
        let model: [String: Any] = try [
            "chrome": visit.chrome("Invoice \(invoice.number)", section: "customers"), "number": invoice.number,
            "status": invoice.voided ? "Voided" : invoice.isPaid ? "Paid" : "Unpaid",
            "statusClass": invoice.voided ? "" : invoice.isPaid ? "paid" : "unpaid", "notice": notice as Any, "errors": errors,
            "invoiceDate": format.date(invoice.invoiceDate), "dueDate": invoice.dueDate.map(format.date) as Any,
            "sentAt": invoice.sentAt.map(format.instant) as Any, "verdict": AdminWords.invoiceVerdict(verdict),
            "total": format.money(invoice.total), "paid": format.money(invoice.amountPaid), "balance": format.money(invoice.balance),
            "amount": typedAmount ?? format.amountField(try invoice.balance),
            "lines": invoice.lineItems.map {
                ["description": $0.description, "quantity": format.quantity($0.quantity), "unitPrice": format.money($0.unitPrice), "amount": format.money(try $0.amount)]
            },
            "payments": try payments.map { payment in
                let left = try payment.refundable
                let refundable = payment.gatewayReference != nil && payment.method == .card && left > .zero
                return [
                    "id": payment.id.rawValue, "date": format.instant(payment.receivedAt), "amount": format.money(payment.amount),
                    "method": payment.method.rawValue, "source": payment.source.rawValue,
                    "extras": payment.serviceFee > .zero || payment.tip != nil
                        ? "charged \(format.money(try payment.charged)) with the \([payment.serviceFee > .zero ? "fee" : nil, payment.tip != nil ? "tip" : nil].compactMap { $0 }.joined(separator: " and "))"
                        : false,
                    "refunded": payment.refunded.map { "refunded \(format.money($0))" } ?? false,
                    "refundable": refundable ? ["left": format.money(left), "field": format.amountField(left)] as [String: Any] : false,
                ] as [String: Any]
            },
            "refundURL": "/admin/invoices/\(invoice.id)/refunds", "canRefund": refunds.available,
            "open": !invoice.voided && invoice.balance > .zero, "canVoid": !invoice.voided && invoice.amountPaid == .zero,
            "idempotencyKey": SecretToken.generate().value, "methods": Payment.Method.allCases.map(\.rawValue),
            "sendURL": "/admin/invoices/\(invoice.id)/send", "paymentURL": "/admin/invoices/\(invoice.id)/payments",
            "voidURL": "/admin/invoices/\(invoice.id)/void", "pdfURL": "/admin/invoices/\(invoice.id).pdf",
            "depositOf": invoice.deposit.map {
                ["proposalURL": "/admin/proposals/\($0.proposalID)", "choice": $0.paysWhole ? "the whole amount, as the client chose" : "the deposit"]
            } as Any,
            "customerURL": "/admin/customers/\(invoice.customerID)", "customerName": customer?.displayName ?? "Customer",
            "filesCard": try await AdminFilesCard.make(
                owner: .invoice(invoice.id), back: "/admin/invoices/\(invoice.id)", hasCustomer: true, staff: staff, attachedFiles: attachedFiles),
            "failedEmail": timeline.hasFailure, "deliveries": timeline.deliveries, "activity": timeline.activity,
        ]
        return visit.page("admin-invoice", model, status: status)
    }
}
