import Testing

@testable import PortalKernel

@Suite("Webhooks: outbound requests go only where they should (#17)")
struct ReservedAddressTests {
    @Test("Each forbidden range is named; IPv6 forms carrying an IPv4 address are judged by it", arguments: [
        ([127, 0, 0, 1], "loopback"), ([127, 9, 8, 7], "loopback"), ([10, 1, 2, 3], "private"), ([172, 16, 0, 1], "private"),
        ([172, 31, 255, 255], "private"), ([192, 168, 1, 1], "private"), ([169, 254, 169, 254], "link-local"),
        ([0, 0, 0, 0], "unspecified"), ([100, 100, 100, 200], "carrier-grade"), ([224, 0, 0, 1], "multicast"),
        ([255, 255, 255, 255], "reserved"),
        (v6(last: 1), "loopback"), (v6(last: 0), "unspecified"), (v6(0xFE, 0x80, last: 1), "link-local"),
        (v6(0xFC, 0x00, last: 1), "unique local"), (v6(0xFD, 0x00, last: 0x54), "unique local"),
        (v6(last: 1, mapped: [127, 0, 0, 1]), "loopback"), (v6(last: 1, mapped: [169, 254, 169, 254]), "link-local"),
        (v6(0x20, 0x02, 10, 0, 0, 1, last: 1), "private"),
        (v6(0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01, last: 1), "local-use NAT64"),
        (v6(0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01, 0x7F, 0x00, 0x00, 0x01, last: 0), "local-use NAT64"),
        (v6(0x20, 0x01, 0x00, 0x00, 0x41, 0x36, last: 1), "Teredo"),
        ([192, 0, 2, 2], "documentation"), ([198, 51, 100, 7], "documentation"), ([203, 0, 113, 9], "documentation"),
        (v6(0x20, 0x01, 0x0D, 0xB8, last: 1), "documentation"), (v6(last: 2), "unspecified"),
        (v6(0x00, 0x64, 0xFF, 0x9B, last: 1), "unspecified"),
    ] as [([UInt8], String)])
    func forbidden(bytes: [UInt8], range: String) {
        #expect(ReservedAddress.range(of: bytes)?.contains(range) == true, "\(bytes)")
    }

    @Test("Public addresses pass", arguments: [
        [93, 184, 215, 14], [8, 8, 8, 8], [172, 32, 0, 1], [100, 128, 0, 1], [192, 169, 0, 1], v6(0x26, 0x06, 0x47, 0x00, last: 0x11),
    ] as [[UInt8]])
    func publicAddresses(bytes: [UInt8]) {
        #expect(ReservedAddress.range(of: bytes) == nil)
    }

    @Test("#17: the per-client limits count an IPv6 address by its /64 and a mapped IPv4 address as IPv4", arguments: [
        ("203.0.113.9", "203.0.113.9"), ("2001:db8:1:2:a:b:c:d", "2001:db8:1:2::/64"), ("2001:db8:1:2::ffff", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:0:0:0:1", "2001:db8:1:2::/64"), ("::ffff:203.0.113.9", "203.0.113.9"), ("::1", "::/64"),
        ("fe80::1", "fe80::/64"), ("not an address", "not an address"),
    ])
    func limitKeys(address: String, key: String) {
        #expect(ClientNetwork.key(for: address) == key)
        #expect(RequestOrigin(ipAddress: address, userAgent: nil).limitKey == key)
    }
}

/// An IPv6 address starting with `prefix` and ending with `last`, or `::ffff:` and `mapped` when given.
private func v6(_ prefix: UInt8..., last: UInt8, mapped: [UInt8]? = nil) -> [UInt8] {
    if let mapped { return Array(repeating: 0, count: 10) + [0xFF, 0xFF] + mapped }
    return prefix + Array(repeating: 0, count: 15 - prefix.count) + [last]
}
