import Testing

@testable import PortalHTTP

/// #21, Why 2: behind a proxy the client address is the right-most `X-Forwarded-For` entry that is not a trusted
/// proxy, and only when the peer itself is one.
@Suite("Proxy trust")
struct ProxyTrustTests {
    static func trust(_ ranges: String...) throws -> ProxyTrust {
        ProxyTrust(proxies: try ranges.map { try IPNetwork($0) })
    }

    @Test("CIDR ranges: edges of IPv4 and IPv6 prefixes, single addresses, mapped addresses", arguments: [
        ("10.0.0.0/8", "10.255.255.255", true), ("10.0.0.0/8", "11.0.0.0", false), ("10.0.0.0/8", "9.255.255.255", false),
        ("192.168.1.128/25", "192.168.1.128", true), ("192.168.1.128/25", "192.168.1.127", false),
        ("127.0.0.1", "127.0.0.1", true), ("127.0.0.1", "127.0.0.2", false), ("127.0.0.1/32", "::ffff:127.0.0.1", true),
        ("0.0.0.0/0", "203.0.113.9", true), ("0.0.0.0/0", "2001:db8::1", false),
        ("::1", "::1", true), ("::1", "127.0.0.1", false), ("fd00::/8", "fdff:ffff::1", true), ("fd00::/8", "fe00::1", false),
        ("2001:db8::/127", "2001:db8::1", true), ("2001:db8::/127", "2001:db8::2", false), ("::/0", "2001:db8::1", true),
        ("::ffff:10.0.0.0/104", "10.1.2.3", true), ("::ffff:10.0.0.0/104", "11.1.2.3", false),
    ])
    func ranges(range: String, address: String, inside: Bool) throws {
        let bytes = try #require(IPNetwork.addressBytes(address))
        #expect(try IPNetwork(range).contains(bytes) == inside)
    }

    @Test("A malformed range is refused with the reason", arguments: [
        ("10.0.0.0/33", "0–32"), ("::/129", "0–128"), ("10.0.0.0/", "must be a number"), ("10.0.0.0/-1", "must be a number"),
        ("10.0.0.0/+8", "must be a number"), ("10.0.0.0/8/8", "must be a number"), ("10.0.0/8", "not an IP address"),
        ("proxy.internal", "not an IP address"), ("", "not an IP address"), ("[::1]", "not an IP address"),
        ("127.0.0.1:80", "not an IP address"), ("10.0.0.1/8", "did you mean 10.0.0.0/8?"), ("fd00::1/8", "did you mean fd00::/8?"),
    ])
    func malformed(text: String, reason: String) {
        #expect { try IPNetwork(text) } throws: { "\($0)".contains(reason) }
    }

    @Test("Only a trusted peer's header counts: anyone else is their own address, whatever they send")
    func untrustedPeer() throws {
        let trust = try Self.trust("10.0.0.0/8")
        #expect(trust.clientAddress(peer: "198.51.100.7", forwardedFor: ["203.0.113.5"]) == "198.51.100.7")
        #expect(trust.clientAddress(peer: "10.0.0.2", forwardedFor: ["203.0.113.5"]) == "203.0.113.5")
        #expect(ProxyTrust.none.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.5"]) == "127.0.0.1")
        #expect(trust.clientAddress(peer: nil, forwardedFor: ["203.0.113.5"]) == nil)
        #expect(try Self.trust("127.0.0.1").clientAddress(peer: "::ffff:127.0.0.1", forwardedFor: ["203.0.113.5"]) == "203.0.113.5")
    }

    @Test("Forged left-most entries are ignored; a chain of trusted proxies is walked from the right")
    func chains() throws {
        let trust = try Self.trust("127.0.0.1", "10.0.0.0/8", "fd00::/8")
        // nginx's $proxy_add_x_forwarded_for appends the address it saw to what the client sent.
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 203.0.113.5"]) == "203.0.113.5")
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.9.9.9, 203.0.113.5"]) == "203.0.113.5")
        // A load balancer at 10.0.0.7 in front of nginx: skip both proxies.
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.7, 10.0.0.7"]) == "198.51.100.7")
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.7, fd00::7"]) == "198.51.100.7")
        // Several header lines are one list.
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.2.3.4", "198.51.100.7, 10.0.0.7"]) == "198.51.100.7")
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.7", "10.0.0.7"]) == "198.51.100.7")
        // Every entry a trusted proxy: the request started at the left-most.
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.0.0.8, 10.0.0.7"]) == "10.0.0.8")
        // No header: the peer.
        #expect(trust.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
    }

    @Test("IPv6 entries are addresses like any other; the old trustForwardedFor takes the right-most entry from any peer")
    func ipv6AndAnyPeer() throws {
        let trust = try Self.trust("::1")
        #expect(trust.clientAddress(peer: "::1", forwardedFor: ["2001:db8::5, 2001:db8:1::9"]) == "2001:db8:1::9")
        #expect(ProxyTrust.anyPeer.clientAddress(peer: "198.51.100.7", forwardedFor: ["1.2.3.4, 203.0.113.5"]) == "203.0.113.5")
        #expect(ProxyTrust.anyPeer.clientAddress(peer: nil, forwardedFor: ["203.0.113.5"]) == "203.0.113.5")
    }

    @Test("An entry that is not an IP address ends the walk at the peer", arguments: [
        "unknown", "203.0.113.5:4711", "[2001:db8::5]", "client.example", "", "203.0.113.5 203.0.113.6", "1.2.3.4, garbage",
        "203.0.113.5, garbage, 10.0.0.7",
    ])
    func garbage(header: String) throws {
        #expect(try Self.trust("127.0.0.1", "10.0.0.0/8").clientAddress(peer: "127.0.0.1", forwardedFor: [header]) == "127.0.0.1")
    }

    @Test("X-Forwarded-Proto is believed from a trusted peer only, and only as http or https")
    func forwardedProto() throws {
        let trust = try Self.trust("127.0.0.1")
        #expect(trust.forwardedScheme(peer: "127.0.0.1", forwardedProto: ["https"]) == "https")
        #expect(trust.forwardedScheme(peer: "127.0.0.1", forwardedProto: ["HTTP"]) == "http")
        #expect(trust.forwardedScheme(peer: "127.0.0.1", forwardedProto: ["http, https"]) == "https")
        #expect(trust.forwardedScheme(peer: "127.0.0.1", forwardedProto: ["gopher"]) == nil)
        #expect(trust.forwardedScheme(peer: "198.51.100.7", forwardedProto: ["https"]) == nil)
        #expect(trust.forwardedScheme(peer: "127.0.0.1", forwardedProto: []) == nil)
    }
}
