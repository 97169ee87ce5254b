import Hummingbird
import HummingbirdAuth
import NIOCore
import PortalKernel

/// The request context of the routes of one front (#20): the root context's basics, and who the request is from
/// once that front's authenticator found them (`nil` before login, or without a valid token).
///
/// - The back office under `/admin`: ``StaffRequestContext``, the staff user of the `admin_session` cookie
///   (``StaffSessionAuthenticator``).
/// - The JSON API under `/api/v1`: ``APIRequestContext``, the account and token of the bearer token
///   (``APITokenAuthenticator``).
struct SignedInRequestContext<Identity: Sendable>: ChildRequestContext, AuthRequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connected peer; `nil` in router tests.
    let remoteAddress: SocketAddress?
    /// Who the request is from.
    var identity: Identity?

    /// The root context's basics and peer; no ``identity`` until the front's authenticator runs.
    init(context: PortalRequestContext) {
        coreContext = context.coreContext
        remoteAddress = context.remoteAddress
    }

    var maxUploadSize: Int { PortalRequestContext.formBodyLimit }
}

/// The back office's context: the logged-in staff user, with their account.
typealias StaffRequestContext = SignedInRequestContext<StaffSessions.Staff>

/// The JSON API's context: who calls.
typealias APIRequestContext = SignedInRequestContext<APICaller>

/// Who calls the JSON API: the account of the bearer token, and the token as who acts in the audit trail.
struct APICaller: Sendable {
    /// The token's account: every record the call reads or writes is this account's.
    let account: Account
    /// The token as who acts (`.apiToken(id)`), recorded in the audit trail of every write.
    let actor: StaffActor
}

/// The request context of an account's portal under `/portal/{portalKey}` and of the emailed proposal links under
/// `/p/{token}` (#20): the account whose pages these are (``PortalAccountMiddleware``, or the link's account), and
/// the client ``ClientSessionAuthenticator`` found from the `portal_session` cookie (`nil` before login).
struct ClientRequestContext: ChildRequestContext, AuthRequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connected peer; `nil` in router tests.
    let remoteAddress: SocketAddress?
    /// The account the path names; set before any handler runs.
    var account: Account?
    /// The logged-in client of ``account``.
    var identity: ClientSessions.Client?

    /// The root context's basics and peer; no ``account`` or ``identity`` until the middleware and authenticator run.
    init(context: PortalRequestContext) {
        coreContext = context.coreContext
        remoteAddress = context.remoteAddress
    }

    var maxUploadSize: Int { PortalRequestContext.formBodyLimit }
}
