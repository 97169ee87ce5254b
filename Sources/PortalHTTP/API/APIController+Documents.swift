import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import PortalKernel

/// Proposals and invoices.
extension APIController {
    func registerProposals(on api: some RouterMethods<Context>) {
        api.post("proposals") { request, context in
            let (account, actor) = try context.caller()
            let content = try await APIJSON.decode(APINewProposal.self, from: request, context: context)
            let proposal = try await quoting.create(
                for: Job.ID(rawValue: content.jobId), title: content.title, lines: content.lines,
                taxRateBasisPoints: content.taxRateBasisPoints ?? 0,
                deposit: try content.deposit.deposit(field: "deposit", fallback: account.settings.defaultDeposit), in: account, by: actor)
            return try APIJSON.response(APIProposal(proposal), status: .created)
        }
        api.get("proposals/:id") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(APIProposal(try await Self.record(context) { try await quoting.proposal($0, in: account.id) }))
        }
        api.put("proposals/:id") { request, context in
            let (account, actor) = try context.caller()
            let current = try await Self.record(context) { try await quoting.proposal($0, in: account.id) }
            let content = try await APIJSON.decode(APIProposalRevision.self, from: request, context: context)
            let revised = try await quoting.revise(
                current.id, title: content.title, lines: content.lines, taxRateBasisPoints: content.taxRateBasisPoints ?? 0,
                deposit: try content.deposit.deposit(field: "deposit", fallback: current.deposit), in: account, by: actor)
            return try APIJSON.response(APIProposal(revised))
        }
        api.post("proposals/:id/send") { request, context in
            let (account, actor) = try context.caller()
            let current = try await Self.record(context) { try await quoting.proposal($0, in: account.id) }
            let sent = try await quoting.send(current.id, in: account, by: actor)
            return try APIJSON.response(APIProposal(sent))
        }
        api.post("proposals/:id/accept") { request, context in
            let (account, actor) = try context.caller()
            let current = try await Self.record(context) { try await quoting.proposal($0, in: account.id) }
            let body = try await APIJSON.decode(APIStaffAcceptance.self, from: request, context: context)
            let outcome = try await answers.accept(
                current.id, account: account, via: .staff,
                form: .init(
                    signatureName: body.signatureName ?? "Accepted by staff",
                    chosenOptionalItemIDs: Set((body.optionalLineIds ?? []).map { LineItem.ID(rawValue: $0) }),
                    shownVersionHash: current.contentHash),
                actor: nil, actorEmail: nil, origin: RequestOrigin(ipAddress: nil, userAgent: request.headers[.userAgent]), by: actor)
            switch outcome {
            case .accepted(let accepted): return try APIJSON.response(APIProposal(accepted))
            case .alreadyAccepted: throw APIError.conflict("The proposal is accepted already.")
            case .closed(let closed): throw APIError.conflict("A proposal that is \(closed.status.rawValue) cannot be accepted.")
            case .changedSinceShown(let now) where now.contentHash != current.contentHash:
                throw APIError.conflict("The proposal changed while it was being accepted; read it again and accept the version you mean.")
            case .changedSinceShown: throw APIError.invalid("optionalLineIds: not optional lines of this proposal.")
            case .invalid(let message): throw APIError.invalid("signatureName: \(message)")
            case .declined, .notFound: throw APIError.notFound()
            }
        }
    }

    func registerInvoices(on api: some RouterMethods<Context>) {
        api.post("invoices") { request, context in
            let (account, actor) = try context.caller()
            let new = try await APIJSON.decode(APINewInvoice.self, from: request, context: context)
            let invoice = try await billing.create(
                for: Customer.ID(rawValue: new.customerId), job: new.jobId.map { Job.ID(rawValue: $0) }, number: new.number,
                invoiceDate: new.invoiceDate, dueDate: new.dueDate, lines: new.lines, taxRateBasisPoints: new.taxRateBasisPoints ?? 0,
                in: account, by: actor)
            return try APIJSON.response(APIInvoice(invoice), status: .created)
        }
        api.get("invoices/:id") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(APIInvoice(try await Self.record(context) { try await billing.invoice($0, in: account.id) }))
        }
        api.post("invoices/:id/send") { request, context in
            let (account, actor) = try context.caller()
            let current = try await Self.record(context) { try await billing.invoice($0, in: account.id) }
            return try APIJSON.response(APIInvoice(try await billing.send(current.id, in: account, by: actor)))
        }
        api.post("invoices/:id/void") { request, context in
            let (account, actor) = try context.caller()
            let current = try await Self.record(context) { try await billing.invoice($0, in: account.id) }
            return try APIJSON.response(APIInvoice(try await billing.void(current.id, in: account, by: actor)))
        }
        api.post("invoices/:id/payments") { request, context in
            let (account, actor) = try context.caller()
            let current = try await Self.record(context) { try await billing.invoice($0, in: account.id) }
            guard let key = request.headers[HTTPField.Name("Idempotency-Key")!] else {
                throw APIError.badRequest("Send an Idempotency-Key header, unique per payment, so a retry never records twice.")
            }
            let new = try await APIJSON.decode(APINewPayment.self, from: request, context: context)
            let (payment, _) = try await billing.recordPayment(
                on: current.id, amount: Money(cents: new.amount), method: new.method, idempotencyKey: key, in: account, by: actor)
            return try APIJSON.response(APIPayment(payment), status: .created)
        }
    }

}
