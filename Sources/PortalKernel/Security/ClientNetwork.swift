import Foundation

/// What the per-client-address limits count (#17): an IPv4 address as it is, an IPv6 address by its /64 network.
///
/// One household, phone or server is given a whole IPv6 /64 and may use any address in it, so counting single
/// IPv6 addresses would hand an attacker 2^64 fresh budgets. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, as a
/// dual-stack socket reports IPv4 peers) counts as its IPv4 address.
public enum ClientNetwork {
    /// `"203.0.113.9"` → `"203.0.113.9"`; `"2001:db8:1:2:a:b:c:d"` → `"2001:db8:1:2::/64"`;
    /// `"::ffff:203.0.113.9"` → `"203.0.113.9"`. Text that is not an IP address is returned as it is.
    public static func key(for address: String) -> String {
        var parsed = in6_addr()
        guard inet_pton(AF_INET6, address, &parsed) == 1 else { return address }
        var bytes = withUnsafeBytes(of: &parsed) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        for index in 8..<16 { bytes[index] = 0 }
        var network = in6_addr()
        withUnsafeMutableBytes(of: &network) { $0.copyBytes(from: bytes) }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &network, &text, socklen_t(text.count)) != nil else { return address }
        let written = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: written, as: UTF8.self) + "/64"
    }
}
