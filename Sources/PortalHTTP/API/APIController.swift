import Foundation
import Hummingbird
import HummingbirdAuth
import PortalKernel

/// The JSON API under `/api/v1` (SPEC Interfaces), for integrations: bearer API tokens, every record scoped to the
/// token's account (another account's id is a 404), errors as `{"error": {"code", "message"}}`. Described by
/// `/api/v1/openapi.json` (also `Docs/openapi.json`).
struct APIController: RouteController {
    typealias Context = APIRequestContext

    let links: PortalLinks
    let apiTokens: APITokenAuthentication
    let portal: CustomerPortal
    let companySettings: CompanySettings
    let customerManagement: CustomerManagement
    let jobTracking: JobTracking
    let leadConversion: LeadConversion
    let quoting: Quoting
    let answers: ProposalAnswers
    let billing: Billing
    let visitPlanning: VisitPlanning
    let paymentMethods: SavedPaymentMethods
    let autopays: Autopays
    let refunds: Refunds

    /// The API's routes, under `/api/v1`: the document for anyone; every operation for a caller
    /// ``APITokenAuthenticator`` found (#20), anyone else 401.
    func register(on routes: RouteCollection<Context>) {
        let document = ByteBuffer(bytes: ServedAPIDocument.bytes(base: links.base))
        routes.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: document))
        }
        let api = routes.group()
            .add(middleware: APITokenAuthenticator(apiTokens: apiTokens))
            .add(middleware: IdentityRequired { request, _ in
                throw APITokenAuthenticator.bearer(request) == nil ? APIError.unauthorized() : APIError.unauthorized("The API token is unknown or revoked.")
            })
        api.get("portal-link") { request, context in
            let account = try context.requireIdentity().account
            return try APIJSON.response(["url": links.portal(account)])
        }
        registerSettings(on: api)
        registerCustomers(on: api)
        registerJobs(on: api)
        registerProposals(on: api)
        registerInvoices(on: api)
        registerPayments(on: api)
        registerLeads(on: api)
        registerVisits(on: api)
    }

    /// The largest `offset` a list takes: far beyond any account's records, and small enough that `offset + limit`
    /// cannot overflow (SPEC M2).
    static let maximumOffset = 1_000_000_000

    /// `limit` (1–200, default 50) and `offset` (0 to ``maximumOffset``, default 0) from the query.
    static func paging(_ request: Request) throws -> (offset: Int, limit: Int) {
        let query = request.uri.queryParameters
        let limit = try query.get("limit").map { text in
            guard let value = Int(String(text)), (1...200).contains(value) else { throw APIError.badRequest("limit is 1–200.") }
            return value
        } ?? 50
        let offset = try query.get("offset").map { text in
            guard let value = Int(String(text)), (0...Self.maximumOffset).contains(value) else {
                throw APIError.badRequest("offset is 0 to \(Self.maximumOffset).")
            }
            return value
        } ?? 0
        return (offset, limit)
    }

    /// The record named by the path's `:id`, found by `find` within the account; 404 when there is none there.
    static func record<Entity>(
        _ context: Context, _ find: (Identifier<Entity>) async throws -> Entity?
    ) async throws -> Entity {
        guard let record = try await find(Identifier(rawValue: try context.parameters.require("id"))) else {
            throw APIError.notFound()
        }
        return record
    }
}

extension APIRequestContext {
    /// The caller's account, and the token as who acts (for the audit trail, #20); on a route behind
    /// ``IdentityRequired`` there always is one.
    func caller() throws -> (account: Account, actor: StaffActor) {
        let caller = try requireIdentity()
        return (caller.account, caller.actor)
    }
}
