/// Which reverse proxies the portal believes (#21): what it reads from `X-Forwarded-For` and `X-Forwarded-Proto`,
/// and from whom.
///
/// The headers are believed only when the connection's peer is a trusted proxy. `X-Forwarded-For` is then read
/// from the right, the end each proxy appends to: entries that are trusted proxies are skipped, and the first that
/// is not is the client. Entries to its left are whatever the client sent and prove nothing. An entry that is not an
/// IP address (a name, `unknown`, an address with a port) ends the walk at the peer's address, since the chain can
/// no longer be followed. Several `X-Forwarded-For` header lines are one list, in order.
public struct ProxyTrust: Sendable, Equatable {
    /// The proxies' addresses and ranges (`http.trustedProxies`).
    public var proxies: [IPNetwork]
    /// Whether any peer, whatever its address, is a proxy (`http.trustForwardedFor`, before #21): the right-most
    /// entry that is not a listed proxy is the client. Safe only when nothing but the proxy reaches the port.
    public var trustsAnyPeer: Bool

    /// Trusts the peers in `proxies`, or any peer with `trustsAnyPeer`; neither by default (the peer is the client).
    public init(proxies: [IPNetwork] = [], trustsAnyPeer: Bool = false) {
        self.proxies = proxies
        self.trustsAnyPeer = trustsAnyPeer
    }

    /// No proxy: the client is the peer, and the headers are ignored.
    public static let none = ProxyTrust()
    /// Every peer is a proxy (the old `http.trustForwardedFor`).
    public static let anyPeer = ProxyTrust(trustsAnyPeer: true)

    /// Whether any proxy is trusted at all.
    public var isEnabled: Bool { trustsAnyPeer || !proxies.isEmpty }

    /// Whether `peer` (the connection's address; `nil` when there is no socket, as in router tests) is a proxy.
    public func trusts(peer: String?) -> Bool {
        if trustsAnyPeer { return true }
        guard let peer, let bytes = IPNetwork.addressBytes(peer) else { return false }
        return proxies.contains { $0.contains(bytes) }
    }

    /// The client's address: the right-most `X-Forwarded-For` entry that is not a trusted proxy, when `peer` is one;
    /// else `peer`.
    /// - Parameter forwardedFor: the request's `X-Forwarded-For` header lines, in order.
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard trusts(peer: peer) else { return peer }
        let entries = Self.entries(forwardedFor)
        var reached = peer
        for entry in entries.reversed() {
            guard let bytes = IPNetwork.addressBytes(entry) else { return peer }
            reached = entry
            if !proxies.contains(where: { $0.contains(bytes) }) { return entry }
        }
        // Every entry was a trusted proxy: the request started at the left-most one.
        return reached
    }

    /// The scheme the client used (`http` or `https`) as a trusted peer's `X-Forwarded-Proto` says (its right-most
    /// `http` or `https`, the nearest proxy's word), or `nil` when the peer is not trusted or says neither.
    public func forwardedScheme(peer: String?, forwardedProto: [String]) -> String? {
        guard trusts(peer: peer) else { return nil }
        return Self.entries(forwardedProto).reversed().lazy.map { $0.lowercased() }.first { $0 == "http" || $0 == "https" }
    }

    /// The comma-separated entries of every line, trimmed, in order.
    private static func entries(_ lines: [String]) -> [String] {
        lines.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
