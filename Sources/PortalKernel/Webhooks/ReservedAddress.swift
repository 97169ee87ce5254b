/// The address ranges a webhook may not reach (issue #17: outbound requests go only where they should): the
/// host's own loopback, private networks, link-local addresses (cloud metadata services live at 169.254.169.254
/// and fd00:ec2::254), unspecified, carrier-grade NAT (Alibaba's metadata is 100.100.100.200), multicast, reserved
/// and documentation ones. IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, compatible, NAT64,
/// 6to4: ``embeddedIPv4(_:)``) are judged by that address; the local-use NAT64 prefix (64:ff9b:1::/48, RFC 8215,
/// which may embed an address at any prefix length) and Teredo (2001::/32, an obfuscated address) are refused whole.
///
/// Pure: it judges address bytes; the webhook sender resolves names and calls it.
public enum ReservedAddress {
    /// The name of the forbidden range `bytes` (4 for IPv4, 16 for IPv6, network order) falls in, or `nil` for a
    /// public address. Any other length is refused as `"not an IP address"`.
    public static func range(of bytes: [UInt8]) -> String? {
        switch bytes.count {
        case 4: ipv4Range(bytes)
        case 16: ipv6Range(bytes)
        default: "not an IP address"
        }
    }

    /// The IPv4 address an IPv6 address carries (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64
    /// `64:ff9b::/96`, 6to4 `2002::/16`), or `nil`; `bytes` of any other length give `nil` too. The server's own
    /// addresses are compared in this form as well, so `[::ffff:192.0.2.2]` is the server at 192.0.2.2.
    public static func embeddedIPv4(_ b: [UInt8]) -> [UInt8]? {
        guard b.count == 16 else { return nil }
        let zeroPrefix = b[0..<10].allSatisfy { $0 == 0 }
        if zeroPrefix && ((b[10] == 0xFF && b[11] == 0xFF) || (b[10] == 0 && b[11] == 0)) { return Array(b[12..<16]) }
        if b[0..<4] == [0x00, 0x64, 0xFF, 0x9B] && b[4..<12].allSatisfy({ $0 == 0 }) { return Array(b[12..<16]) }
        if b[0] == 0x20 && b[1] == 0x02 { return Array(b[2..<6]) }
        return nil
    }

    private static func ipv4Range(_ b: [UInt8]) -> String? {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): "unspecified (0.0.0.0/8)"
        case (127, _, _): "loopback (127.0.0.0/8)"
        case (10, _, _): "private (10.0.0.0/8)"
        case (172, 16...31, _): "private (172.16.0.0/12)"
        case (192, 168, _): "private (192.168.0.0/16)"
        case (169, 254, _): "link-local (169.254.0.0/16)"
        case (100, 64...127, _): "carrier-grade NAT (100.64.0.0/10)"
        case (192, 0, 0): "IETF protocol assignments (192.0.0.0/24)"
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): "documentation (RFC 5737)"
        case (198, 18...19, _): "benchmarking (198.18.0.0/15)"
        case (224...239, _, _): "multicast (224.0.0.0/4)"
        case (240...255, _, _): "reserved (240.0.0.0/4)"
        default: nil
        }
    }

    private static func ipv6Range(_ b: [UInt8]) -> String? {
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] <= 1 { return b[15] == 0 ? "unspecified (::)" : "loopback (::1)" }
        if let carried = embeddedIPv4(b) { return ipv4Range(carried) }
        if b[0..<6] == [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01] { return "local-use NAT64 (64:ff9b:1::/48)" }
        if b[0..<4] == [0x20, 0x01, 0x00, 0x00] { return "Teredo (2001::/32)" }
        if b[0..<4] == [0x20, 0x01, 0x0D, 0xB8] { return "documentation (2001:db8::/32)" }
        switch (b[0], b[1] & 0xC0) {
        case (0xFC...0xFD, _): return "unique local (fc00::/7)"
        case (0xFE, 0x80): return "link-local (fe80::/10)"
        case (0xFE, 0xC0): return "site-local (fec0::/10)"
        case (0xFF, _): return "multicast (ff00::/8)"
        default: return nil
        }
    }
}
