import Foundation
import Hummingbird
import HummingbirdAuth
import PortalKernel

/// Settings, customers, jobs and leads.
extension APIController {
    func registerSettings(on api: some RouterMethods<Context>) {
        api.get("settings") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(APISettings(account, portalURL: links.portal(account)))
        }
        api.patch("settings") { request, context in
            let (account, actor) = try context.caller()
            let change = try await APIJSON.decode(APISettingsChange.self, from: request, context: context)
            let form = try change.applied(to: SettingsForm(account))
            do {
                let updated = try await companySettings.update(form, of: account, by: actor)
                return try APIJSON.response(APISettings(updated, portalURL: links.portal(updated)))
            } catch let refusal as UseCaseError where !refusal.fields.isEmpty {
                throw APIError.invalid(Self.settingsProblems(refusal))
            }
        }
    }

    /// Every problem of a settings change, each under the API's name for its field and in the API's units (#20):
    /// the form's fee is a percentage, the API's `serviceFeeBasisPoints` whole basis points.
    static func settingsProblems(_ refusal: UseCaseError) -> String {
        refusal.fields(as: SettingsForm.Field.self).map { field, message in
            field == .serviceFeePercent ? "serviceFeeBasisPoints: a whole number from 0 to 1000 (10 %)." : "\(field.rawValue): \(message)"
        }.sorted().joined(separator: " ")
    }

    func registerCustomers(on api: some RouterMethods<Context>) {
        api.get("customers") { request, context in
            let account = try context.requireIdentity().account
            let (offset, limit) = try Self.paging(request)
            let query = request.uri.queryParameters.get("q").map { String($0) } ?? ""
            let customers = query.isEmpty
                ? try await customerManagement.all(in: account.id)
                : try await leadConversion.search(query, in: account.id)
            return try APIJSON.response(APIPage(customers.map(APICustomer.init), offset: offset, limit: limit))
        }
        api.post("customers") { request, context in
            let (account, actor) = try context.caller()
            let new = try await APIJSON.decode(APINewCustomer.self, from: request, context: context)
            let customer = try await customerManagement.create(
                displayName: new.displayName, emails: new.emails, phone: new.phone, billingAddress: new.billingAddress,
                serviceAddresses: new.serviceAddresses ?? [], in: account.id, by: actor)
            return try APIJSON.response(APICustomer(customer), status: .created)
        }
        api.get("customers/:id") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(APICustomer(try await Self.record(context) { try await customerManagement.customer($0, in: account.id) }))
        }
        api.get("customers/:id/portal") { request, context in
            let account = try context.requireIdentity().account
            let customer = try await Self.record(context) { try await customerManagement.customer($0, in: account.id) }
            let view = try await portal.view(of: customer.id, account: account)
            return try APIJSON.response(
                APIPortal(
                    customerId: customer.id.rawValue, proposals: view.proposals.map(APIProposal.init), invoices: view.invoices.map(APIInvoice.init),
                    visits: (view.upcomingVisits + view.recentVisits).sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map(APIVisit.init)))
        }
        api.get("customers/:id/payment-methods") { request, context in
            let account = try context.requireIdentity().account
            let customer = try await Self.record(context) { try await customerManagement.customer($0, in: account.id) }
            return try APIJSON.response(APISavedCards(data: try await paymentMethods.onFile(for: customer.id, in: account.id).map(APISavedCard.init)))
        }
        api.get("customers/:id/autopay") { request, context in
            let account = try context.requireIdentity().account
            let customer = try await Self.record(context) { try await customerManagement.customer($0, in: account.id) }
            return try APIJSON.response(APIAutopay(try await autopays.state(of: customer.id, in: account.id), customer: customer.id))
        }
        api.post("customers/:id/invitation") { request, context in
            let (account, actor) = try context.caller()
            let customer = try await Self.record(context) { try await customerManagement.customer($0, in: account.id) }
            try await customerManagement.invite(customer.id, in: account, by: actor)
            return Response(status: .accepted)
        }
    }

    func registerJobs(on api: some RouterMethods<Context>) {
        api.post("jobs") { request, context in
            let (account, actor) = try context.caller()
            let new = try await APIJSON.decode(APINewJob.self, from: request, context: context)
            let job = try await jobTracking.create(
                title: new.title, for: new.customerId.map { Customer.ID(rawValue: $0) }, stage: new.stage, workDate: new.workDate,
                in: account.id, by: actor)
            return try APIJSON.response(APIJob(job), status: .created)
        }
        api.get("jobs/:id") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(APIJob(try await Self.record(context) { try await jobTracking.job($0, in: account.id) }))
        }
        api.patch("jobs/:id") { request, context in
            let (account, actor) = try context.caller()
            let id = Job.ID(rawValue: try context.parameters.require("id"))
            let change = try await APIJSON.decode(APIJobChange.self, from: request, context: context).change()
            return try APIJSON.response(APIJob(try await jobTracking.change(id, change, in: account.id, by: actor)))
        }
    }

    func registerLeads(on api: some RouterMethods<Context>) {
        api.get("leads") { request, context in
            let account = try context.requireIdentity().account
            let (offset, limit) = try Self.paging(request)
            let portalOnly = try request.uri.queryParameters.get("portalLead").map { text in
                guard let value = Bool(String(text)) else { throw APIError.badRequest("portalLead is true or false.") }
                return value
            }
            let listings = try await leadConversion.listings(in: account.id).filter { portalOnly == nil || $0.lead.portalLead == portalOnly }
            return try APIJSON.response(APIPage(listings.map { APILead($0.lead, job: $0.job) }, offset: offset, limit: limit))
        }
        api.get("leads/:id") { request, context in
            let account = try context.requireIdentity().account
            let lead = try await Self.record(context) { try await leadConversion.lead($0, in: account.id) }
            return try APIJSON.response(APILead(lead, job: try await leadConversion.job(of: lead, in: account.id)))
        }
        api.patch("leads/:id") { request, context in
            let (account, actor) = try context.caller()
            let lead = try await Self.record(context) { try await leadConversion.lead($0, in: account.id) }
            let change = try await APIJSON.decode(APILeadChange.self, from: request, context: context)
            guard change.customerId == nil || change.newCustomer == nil else {
                throw APIError.invalid("Give customerId or newCustomer, not both.")
            }
            let jobChange = try change.job?.change()
            let customer: LeadConversion.LeadCustomer? =
                if let id = change.customerId {
                    .existing(Customer.ID(rawValue: id))
                } else if let new = change.newCustomer {
                    .new(
                        try CustomerManagement.newCustomer(
                            displayName: new.displayName, emails: new.emails, phone: new.phone, billingAddress: new.billingAddress,
                            serviceAddresses: new.serviceAddresses ?? [], in: account.id))
                } else {
                    nil
                }
            let job = try await leadConversion.apply(customer: customer, job: jobChange, to: lead, in: account.id, by: actor)
            return try APIJSON.response(APILead(lead, job: job))
        }
    }
}
