import Hummingbird
import PortalKernel

/// The customer portal under `/portal/{portalKey}` and the emailed proposal links under `/p/{token}` (#20): every
/// portal route knows the account its path names (``PortalAccountMiddleware``; an unknown key is the plain 404 page)
/// and the client from ``ClientSessionAuthenticator``. The account's stylesheet is served without either (no session
/// is read for a stylesheet). Each controller gets the use cases it calls and no others.
enum PortalRoutes {
    static func register(on router: Router<PortalRequestContext>, env: PortalEnvironment) {
        let front = env.front
        let clientAuthenticator = ClientSessionAuthenticator(sessions: env.sessions)
        let portal = PortalController(
            front: front, portal: env.portal, sessions: env.sessions, loginLinks: env.loginLinks, answers: env.answers,
            payments: env.payments, serviceRequests: env.serviceRequests, visits: env.clientVisits, calendarFeeds: env.calendarFeeds,
            paymentMethods: env.paymentMethods, autopays: env.autopays, deposits: env.deposits,
            attachedFiles: env.attachedFiles, pdfs: env.pdfs)
        router.get("portal/:portalKey/theme.css", use: portal.theme)
        router.group("portal/:portalKey", context: ClientRequestContext.self)
            .add(middleware: PortalAccountMiddleware(front: front, portal: env.portal))
            .add(middleware: clientAuthenticator)
            .addRoutes(portal.routes)
        router.group(context: ClientRequestContext.self).addRoutes(
            ProposalLinkController(front: front, answers: env.answers, portal: env.portal, clientAuthenticator: clientAuthenticator).routes)
    }
}
