import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basics, the client's address, and a small body limit (forms
/// are small; anything bigger is refused with 413 before it is read).
public struct PortalRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected peer; `nil` in router tests.
    public let remoteAddress: SocketAddress?

    /// The context of one request on `source`'s channel, its peer as ``remoteAddress``.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// 64 KiB: the largest form (a service request with a long description) is a few KiB.
    public var maxUploadSize: Int { Self.formBodyLimit }

    /// The largest body read, in bytes, on every route (the fronts' own contexts too): 64 KiB.
    public static let formBodyLimit = 64 * 1_024
}
