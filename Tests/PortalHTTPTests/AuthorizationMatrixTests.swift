import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// Every route the router serves, read from the router itself (so a new route cannot be left out), sent as each
/// kind of visitor: the answer must be the expected one, and no answer may carry another customer's or another
/// company's data (the seed marks every record with `MARK-…`).
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Actor: String, CaseIterable, Sendable {
        case anonymous, clientA, clientB, otherAccountClient, staff, admin, otherAccountToken
    }

    /// What an actor gets from a route.
    enum Answer: Hashable {
        /// Past every check: a page, a redirect within the area, or a complaint about the (empty) form.
        case allowed
        /// 303 to the area's login page.
        case loginRedirect
        case unauthorized
        case forbidden
        /// The same 404 as a record that does not exist.
        case notFound
        /// 429: too many tries (the staff login, after the earlier visitors' empty passwords).
        case tooManyTries

        init(_ status: HTTPResponse.Status, location: String?) {
            switch status.code {
            case 303 where location.map { $0.split(separator: "?").first?.hasSuffix("/login") == true } == true: self = .loginRedirect
            case 429: self = .tooManyTries
            case 401: self = .unauthorized
            case 403: self = .forbidden
            case 404: self = .notFound
            default: self = .allowed
            }
        }
    }

    /// A route as the router lists it, e.g. `GET /portal/{portalKey}/invoices/{id}`.
    struct Route: CustomStringConvertible {
        let method: HTTPRequest.Method
        let pattern: String
        var description: String { "\(method.rawValue) \(pattern)" }

        var segments: [Substring] { pattern.split(separator: "/") }
        var isAPI: Bool { pattern.hasPrefix("/api/v1/") }
        var isAdmin: Bool { segments.first == "admin" }
        var isPortal: Bool { segments.first == "portal" }
        /// Routes anyone may use: the login pages, links whose token is the key, the lead form, assets, health.
        var isPublic: Bool {
            let tail = segments.dropFirst(2).first
            return ["/health", "/assets/portal.css", "/assets/admin.js", "/api/v1/openapi.json", "/admin/login"].contains(pattern)
                || segments.first == "p"
                || (isPortal && (segments.count == 2 || ["login", "auth", "theme.css", "request-service"].contains(tail ?? "")))
        }
        /// Whether the request names one of client A's records, in its path or its form (switching to a customer),
        /// so that another client gets 404 for it.
        var namesARecord: Bool { segments.contains { $0.hasPrefix("{id}") } || segments.last == "switch" }
        /// Back-office pages only admins may use.
        var isAdminOnly: Bool { isAdmin && (segments.contains("settings") || segments.contains("templates")) }
    }

    /// The answers `actor` may get from `route`: one, but for logging out (a page or the login page, for anyone).
    static func expected(_ route: Route, for actor: Actor) -> Set<Answer> {
        if route.segments.last == "logout" { return [.allowed, .loginRedirect] }
        // The staff login form, sent empty, is a wrong password; after a few, the login waits.
        if route.method == .post, route.pattern == "/admin/login" { return [.unauthorized, .tooManyTries] }
        return [expectedAnswer(route, for: actor)]
    }

    static func expectedAnswer(_ route: Route, for actor: Actor) -> Answer {
        // A calendar feed's secret is its only key (V4): a made-up one is not found, whoever asks.
        if route.segments.first == "calendar" { return .notFound }
        if route.isPublic { return .allowed }
        if route.isAPI {
            return actor == .otherAccountToken ? (route.namesARecord ? .notFound : .allowed) : .unauthorized
        }
        if route.isAdmin {
            switch actor {
            case .admin: return .allowed
            case .staff: return route.isAdminOnly ? .forbidden : .allowed
            default: return .loginRedirect
            }
        }
        switch actor {
        case .clientA: return .allowed
        case .clientB: return route.namesARecord ? .notFound : .allowed
        default: return .loginRedirect
        }
    }

    /// Markers an actor must never see: those of customers and companies not theirs.
    static func forbiddenMarkers(for actor: Actor) -> [String] {
        let otherCompany = ["MARK-DANA"]
        let companyA = ["MARK-CECE", "MARK-BOB", "MARK-PAT"]
        switch actor {
        case .anonymous: return companyA + otherCompany
        case .clientA: return ["MARK-BOB", "MARK-PAT"] + otherCompany
        case .clientB: return ["MARK-CECE", "MARK-PAT"] + otherCompany
        case .staff, .admin: return otherCompany
        case .otherAccountClient, .otherAccountToken: return companyA
        }
    }

    @Test("Every route, as each kind of visitor: the expected answer, and never another customer's or company's data")
    func matrix() async throws {
        let bed = try await PortalTestbed()
        let router = try PortalRouter.build(services: bed.services)
        let routes = router.routes.map { Route(method: $0.method, pattern: "/" + $0.path.description.split(separator: "/").joined(separator: "/")) }
            // Logging out ends the session the later requests need: it goes last.
            .sorted { ($0.pattern.hasSuffix("logout") ? 1 : 0, $0.method == .get ? 0 : 1) < ($1.pattern.hasSuffix("logout") ? 1 : 0, $1.method == .get ? 0 : 1) }
        #expect(routes.count > 60, "the router lists \(routes.count) routes")
        let receipt = try await Self.receiptOfClientA(bed)
        try await Self.cardsOfClientA(bed)
        try await Self.fileOfClientA(bed)
        let otherToken = try await bed.apiToken(for: Seed.accountB)

        try await bed.run { client in
            for actor in Actor.allCases {
                var browser = try await Self.browser(for: actor, bed: bed, client: client)
                for route in routes {
                    let path = Self.concrete(route, receipt: receipt)
                    let (status, location, body) = try await Self.send(route.method, path, as: actor, browser: &browser, token: otherToken)
                    let answer = Answer(status, location: location)
                    let wanted = Self.expected(route, for: actor)
                    #expect(wanted.contains(answer), "\(actor) \(route.method.rawValue) \(path): \(status.code) \(location ?? "")")
                    // The emailed proposal link shows that proposal to whoever holds its token, by design.
                    guard route.segments.first != "p" else { continue }
                    for marker in Self.forbiddenMarkers(for: actor) where body.contains(marker) {
                        Issue.record("\(actor) \(route.method.rawValue) \(path) shows \(marker)")
                    }
                }
            }
        }
        await bed.remove()
    }

    /// A browser logged in as `actor` (or none), holding a CSRF token for its area.
    static func browser(for actor: Actor, bed: PortalTestbed, client: any TestClientProtocol) async throws -> Browser {
        var browser = Browser(client)
        switch actor {
        case .clientA: try await bed.logIn("cece@example.com", browser: &browser)
        case .clientB: try await bed.logIn("bob@example.com", browser: &browser)
        case .otherAccountClient:
            // Dana logs in to her own company's portal.
            _ = try await browser.get("/portal/\(Seed.keyB)/login")
            _ = try await browser.post("/portal/\(Seed.keyB)/login", [("email", "dana@example.com")])
            try await bed.deliverMail()
            let link = try #require(try bed.mail.to("dana@example.com").last?.link(startingWith: "\(PortalTestbed.base)/portal/\(Seed.keyB)/auth/"))
            let path = String(link.dropFirst(PortalTestbed.base.count))
            _ = try await browser.get(path)
            #expect(try await browser.post(path).status == .seeOther)
        case .staff, .admin:
            _ = try await browser.get("/admin/login")
            let email = actor == .admin ? Seed.adminEmail : Seed.staffEmail
            #expect(try await browser.post("/admin/login", [("email", email), ("password", Seed.staffPassword)]).status == .seeOther)
        case .anonymous, .otherAccountToken: break
        }
        // A CSRF token for each area, so a refusal is about who is asking, not about a missing token.
        _ = try await browser.get("/portal/\(Seed.keyA)/login")
        return browser
    }

    /// One request as `actor`; forms are sent empty (with the CSRF token), so nothing is changed that a later
    /// request needs.
    static func send(
        _ method: HTTPRequest.Method, _ path: String, as actor: Actor, browser: inout Browser, token: String
    ) async throws -> (HTTPResponse.Status, String?, String) {
        if path.hasPrefix("/api/") {
            // Only a bearer token counts here; cookies are for other paths.
            var headers: HTTPFields = [.contentType: "application/json"]
            if actor == .otherAccountToken { headers[.authorization] = "Bearer \(token)" }
            let response = try await browser.client.execute(
                uri: path, method: method, headers: headers, body: method == .get ? nil : ByteBuffer(string: "{}"))
            return (response.status, response.headers[.location], String(buffer: response.body))
        }
        if path.hasPrefix("/admin"), browser.csrf == nil || method != .get { _ = try await browser.get("/admin/login") }
        let page = method == .get ? try await browser.get(path) : try await browser.post(path, fields(for: path))
        return (page.status, page.location, page.body)
    }

    /// The fields a form needs to name a record at all: client A's customer, for switching to it or attaching a
    /// lead to it (other forms are sent empty).
    static func fields(for path: String) -> [(String, String)] {
        path.hasSuffix("/switch") || path.hasSuffix("/attach") ? [("customer", Seed.cece.rawValue)] : []
    }

    /// `route` with its parameters filled in with client A's records.
    static func concrete(_ route: Route, receipt: Payment.ID) -> String {
        var previous: Substring = ""
        let parts = route.segments.map { segment -> String in
            defer { previous = segment }
            guard segment.hasPrefix("{") else { return String(segment) }
            // `{id}.pdf`: the id, then what follows the capture.
            let suffix = segment.firstIndex(of: "}").map { String(segment[segment.index(after: $0)...]) } ?? ""
            return id(after: previous, in: route, receipt: receipt) + suffix
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The record of client A's a capture after the segment `previous` of `route` names.
    static func id(after previous: Substring, in route: Route, receipt: Payment.ID) -> String {
        switch previous {
        case "portal": return Seed.keyA
        case "proposals": return Seed.CeceProposal.open.rawValue
        case "invoices": return Seed.CeceInvoice.unpaid.rawValue
        case "receipts": return receipt.rawValue
        // Removing one card and making another the default, so each of client A's POSTs finds its card on file.
        case "payment-methods": return route.segments.last == "remove" ? "pm-cece-remove" : "pm-cece-default"
        case "visits": return Seed.ceceVisit.rawValue
        case "customers": return Seed.cece.rawValue
        case "leads": return Seed.portalLead.rawValue
        case "jobs": return "job-lead"
        case "templates": return EmailTemplate.Kind.loginLink.rawValue
        // Removing another file than the one the later visitors read.
        case "files": return route.segments.last == "remove" ? "\(Self.fileOfClientA)-remove" : Self.fileOfClientA.rawValue
        case "p": return Seed.emailedLinkToken.value
        default: return "unknown"
        }
    }

    /// A photo on client A's unpaid invoice, shared with them, for the files routes (#25).
    static let fileOfClientA: AttachedFile.ID = "file-cece"

    static func fileOfClientA(_ bed: PortalTestbed) async throws {
        let bytes = Data("not really a photo, but bytes to serve".utf8)
        let address = try await bed.services.files.put(bytes)
        for id: AttachedFile.ID in [fileOfClientA, "\(fileOfClientA)-remove"] {
            try await bed.services.storage.records(AttachedFile.self).insert(
            AttachedFile(
                id: id, accountID: Seed.accountA, owner: .invoice(Seed.CeceInvoice.unpaid), customerID: Seed.cece,
                name: "Before.jpg", mediaType: "image/jpeg", byteCount: bytes.count, content: address, thumbnail: address,
                sharedWithClient: true, source: .staff, addedBy: Seed.adminEmail, addedAt: Date()))
        }
    }

    /// Two saved cards of client A's, for the payment methods routes (#24).
    static func cardsOfClientA(_ bed: PortalTestbed) async throws {
        for id in ["pm-cece-default", "pm-cece-remove"] {
            try await bed.services.storage.records(PaymentMethod.self).insert(
                PaymentMethod(
                    id: .init(rawValue: id), accountID: Seed.accountA, customerID: Seed.cece,
                    card: SavedCard(token: "sandbox_pm_ok_\(id)", summary: CardSummary(brand: "Visa", last4: "4242"), expiryMonth: 12, expiryYear: 2030),
                    gateway: "sandbox", isDefault: id == "pm-cece-default", savedBy: "cece@example.com", createdAt: bed.clock.now))
        }
    }

    /// A card payment of client A's, for the receipt route.
    static func receiptOfClientA(_ bed: PortalTestbed) async throws -> Payment.ID {
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let cece = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
        let payments = InvoicePayments(services: bed.services, emails: try TemplateEmailComposer(publicBaseURL: PortalTestbed.base))
        let outcome = try await payments.pay(
            Seed.CeceInvoice.unpaid, of: cece, account: account, amount: Money(cents: 1_000),
            card: CardDetails(number: "4242424242424242", expiryMonth: 1, expiryYear: 2031, securityCode: "123", nameOnCard: "Cece"),
            idempotencyKey: SecretToken.generate().value, actorEmail: nil, origin: RequestOrigin(ipAddress: nil, userAgent: nil))
        guard case .paid(let payment) = outcome else { throw PortalTestbed.Missing(what: "client A's payment: \(outcome)") }
        // The receipt goes out now, so it cannot be taken for a login email written in the same second later.
        try await bed.deliverMail()
        return payment.id
    }
}
