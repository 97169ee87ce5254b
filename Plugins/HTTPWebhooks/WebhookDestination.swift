import Foundation
import PortalKernel

/// A webhook URL checked for delivery (issue #17): `https` unless the operator allows `http`, and a host whose
/// every address is public (``ReservedAddress``) and none the server's own, resolved just now so a name cannot point elsewhere between the
/// check and the request (DNS rebinding): the request connects to ``pinnedAddress``.
///
/// With `webhooks.allowInsecure` (a private install) any scheme of http(s) and any host pass, and nothing is pinned.
struct WebhookDestination {
    /// The URL's host as the HTTP client reads it (an IPv6 literal without its brackets).
    let host: String
    /// The checked address to connect to instead of resolving `host` again; `nil` when nothing was checked.
    let pinnedAddress: String?

    /// Why a URL may not receive webhooks, in words for the admin who typed it.
    struct Refused: Error {
        let reason: String
    }

    /// Checks `text`: ``Refused`` by the operator's rules, a permanent ``WebhookDeliveryError`` when it is not an
    /// http(s) URL, a transient one when its host does not resolve now. `ownAddresses` are this machine's interface
    /// addresses (bytes, as ``HostResolver/ownAddresses()`` gives them): a host that resolves to one is refused too.
    static func check(
        _ text: String, allowsInsecure: Bool, ownAddresses: @autoclosure () -> Set<[UInt8]> = HostResolver.ownAddresses()
    ) async throws -> WebhookDestination {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
            let host = url.host?.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), !host.isEmpty
        else {
            throw WebhookDeliveryError.permanent("not an http(s) URL: \(text)")
        }
        if allowsInsecure { return WebhookDestination(host: host, pinnedAddress: nil) }
        guard scheme == "https" else {
            throw Refused(reason: "only https:// webhook URLs are allowed (the operator can allow http)")
        }
        let addresses: [HostResolver.Address]
        do {
            addresses = try await HostResolver.addresses(of: host)
        } catch {
            throw WebhookDeliveryError.transient("\(error)")
        }
        if let reserved = addresses.lazy.compactMap({ address in ReservedAddress.range(of: address.bytes).map { (address, $0) } }).first {
            let resolved = reserved.0.text == host ? host : "\(host) resolves to \(reserved.0.text)"
            throw Refused(reason: "\(resolved), in the \(reserved.1) range, inside the server's network")
        }
        // Both sides in every form: an interface's IPv4 address is also reached as `[::ffff:a.b.c.d]`.
        let own = Set(ownAddresses().flatMap { [$0] + [ReservedAddress.embeddedIPv4($0)].compactMap { $0 } })
        if let mine = addresses.first(where: { own.contains($0.bytes) || ReservedAddress.embeddedIPv4($0.bytes).map(own.contains) == true }) {
            let resolved = mine.text == host ? host : "\(host) resolves to \(mine.text)"
            throw Refused(reason: "\(resolved), an address of this server itself")
        }
        guard let first = addresses.first else { throw WebhookDeliveryError.transient("\(host) has no address") }
        return WebhookDestination(host: host, pinnedAddress: first.text)
    }
}
