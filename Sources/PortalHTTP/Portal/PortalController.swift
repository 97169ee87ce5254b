import Hummingbird
import PortalKernel

/// The customer portal under `/portal/{portalKey}` (SPEC F1–F5, F9, F10, V1–V3): login by emailed link, the
/// client's proposals, invoices and visits, payments, and service requests.
struct PortalController: RouteController {
    typealias Context = ClientRequestContext

    /// Draws the portal's pages in the account's branding and redirects, and reads forms with their CSRF check.
    let front: BrowserFront
    /// Finds the account of the path's key, and reads what the client may see (SPEC P1–P4, I1–I3).
    let portal: CustomerPortal
    /// Replaces the session at login, ends it at logout, and lists and switches the client's customers.
    let sessions: ClientSessions
    /// Emails login links and redeems them (SPEC F2, F3).
    let loginLinks: LoginLinks
    /// Accepts and declines proposals in the portal (SPEC F4, F9).
    let answers: ProposalAnswers
    /// Pays invoices by card and names the gateway driver on the pay page (SPEC F10).
    let payments: InvoicePayments
    /// Turns the request-service form into a portal lead (SPEC F5, F6).
    let serviceRequests: ServiceRequests
    /// Confirms, reschedules, skips, pauses and resumes the client's visits (SPEC V2, V3).
    let visits: ClientVisits
    /// Renews the client's calendar feed and writes a visit's one event (SPEC V4).
    let calendarFeeds: CalendarFeeds
    /// The client's saved cards: list, remove, choose the default (SPEC F11).
    let paymentMethods: SavedPaymentMethods
    /// The client's autopay: its wording, on and off (SPEC F12).
    let autopays: Autopays
    /// A deposit invoice's choice between the deposit and the whole amount (SPEC F13).
    let deposits: Deposits
    /// Files staff shared with the client (SPEC F17).
    let attachedFiles: AttachedFiles
    /// Draws the PDFs of proposals, invoices, receipts and the statement, with the company's logo (SPEC F16).
    let pdfs: DocumentPDFs

    /// The portal's routes, under `/portal/{portalKey}` (``PortalRoutes``): the home (or the login page), login,
    /// logout and service requests for anyone; the proposals, invoices, payments, receipts and switching customer for
    /// a logged-in client only (``IdentityRequired`` sends anyone else to the login page).
    func register(on routes: RouteCollection<Context>) {
        routes.get(use: entry)
        registerLogin(on: routes)
        registerServiceRequests(on: routes)
        let clientPages = routes.group().add(middleware: IdentityRequired { request, context in
            try PortalVisit(request, context: context, front: front).loginRedirect()
        })
        clientPages.post("switch", use: switchCustomer)
        registerDocuments(on: clientPages)
        registerPayments(on: clientPages)
        registerDeposits(on: clientPages)
        registerStatement(on: clientPages)
        registerVisits(on: clientPages)
        registerPaymentMethods(on: clientPages)
        registerAutopay(on: clientPages)
        registerFiles(on: clientPages)
    }

    /// `GET /portal/{key}`: the request form with `?leadform=true`, else the client's home, else the login page.
    @Sendable func entry(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        if request.uri.queryParameters.get("leadform") == "true" {
            return try await serviceRequestPage(visit)
        }
        guard let client = visit.client else { return loginPage(visit) }
        return try await homePage(visit, client: client)
    }

    /// `GET /portal/{key}/theme.css`: the account's accent colour, or the nearest one that meets WCAG AA when a colour
    /// saved before that rule misses it (issue #18).
    @Sendable func theme(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let key = try context.parameters.require("portalKey")
        guard let account = try await portal.account(portalKey: key) else {
            return Response(status: .notFound)
        }
        let colour = Self.safeColour(account.branding.accentColor)
        return Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: ":root { --accent: \(colour); }\n")))
    }

    /// The colour if it is a plain `#rgb`/`#rrggbb` hex colour, else the default green: nothing else reaches CSS. A
    /// colour that misses WCAG AA becomes the nearest that meets it (``AccentContrast/nearestPassing(_:)``).
    static func safeColour(_ colour: String) -> String {
        guard let parsed = RGBColour(hex: colour) else { return "#2f7d32" }
        return AccentContrast.passes(parsed) ? colour : AccentContrast.nearestPassing(parsed).hex
    }
}
