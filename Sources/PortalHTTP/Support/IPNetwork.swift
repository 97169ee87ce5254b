import Foundation

/// An IPv4 or IPv6 address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`), or one address (`127.0.0.1`, `::1`,
/// the same as `/32` and `/128`): how `http.trustedProxies` names the reverse proxies in front of the portal (#21).
///
/// An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, as a dual-stack socket reports an IPv4 peer) is its IPv4 address,
/// both as a range and as an address compared with one.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The network's address in network byte order (4 bytes for IPv4, 16 for IPv6), host bits zero.
    let bytes: [UInt8]
    /// How many leading bits an address must share with `bytes`: 0–32 (IPv4), 0–128 (IPv6).
    let prefixLength: Int

    /// Why a range's text was refused, in words for a start-up error.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        /// The text and what is wrong with it (`"10.0.0.0/x": the prefix length after / must be a number`).
        public let description: String
    }

    /// Parses `text`: an address, or an address, `/` and a prefix length in decimal digits.
    /// - Throws: ``Invalid`` when the address is not an IP address, the prefix length is not a number within 0–32
    ///   (IPv4) or 0–128 (IPv6), or the address has bits set beyond the prefix (`10.0.0.1/8`: did you mean
    ///   `10.0.0.0/8`?).
    public init(_ text: String) throws(Invalid) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.addressBytes(String(parts[0])) else {
            throw Invalid(description: "\"\(text)\" is not an IP address or a CIDR range (such as 10.0.0.0/8)")
        }
        var length = address.count * 8
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let parsed = Int(digits) else {
                throw Invalid(description: "\"\(text)\": the prefix length after / must be a number")
            }
            // A mapped IPv6 range (::ffff:10.0.0.0/104) is the IPv4 range its last 32 bits name.
            let mappedShift = address.count == 4 && parts[0].contains(":") ? 96 : 0
            guard parsed - mappedShift >= 0, parsed - mappedShift <= length else {
                throw Invalid(description: "\"\(text)\": the prefix length must be 0–\(length + mappedShift)")
            }
            length = parsed - mappedShift
        }
        let masked = Self.masked(address, prefixLength: length)
        guard masked == address else {
            let suggestion = Self.text(of: masked).map { "; did you mean \($0)/\(length)?" } ?? ""
            throw Invalid(description: "\"\(text)\" has address bits set beyond its /\(length) prefix\(suggestion)")
        }
        (bytes, prefixLength) = (address, length)
    }

    /// Whether `address` (bytes as ``addressBytes(_:)`` gives them) lies in this range; an IPv4 address is never in
    /// an IPv6 range, nor the other way round.
    public func contains(_ address: [UInt8]) -> Bool {
        address.count == bytes.count && Self.masked(address, prefixLength: prefixLength) == bytes
    }

    /// `10.0.0.0/8`, `::1/128`.
    public var description: String { "\(Self.text(of: bytes) ?? "?")/\(prefixLength)" }

    /// The bytes of an IPv4 or IPv6 address as written (no port, no brackets, no zone), network order: 4 bytes for
    /// IPv4 and for an IPv4-mapped IPv6 address, 16 for other IPv6; `nil` for anything else.
    public static func addressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return mapped ? Array(bytes[12..<16]) : bytes
    }

    /// `bytes` with every bit after the first `prefixLength` cleared.
    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let kept = min(max(prefixLength - index * 8, 0), 8)
            return kept == 0 ? 0 : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - kept))
        }
    }

    /// The usual text of 4 or 16 address bytes.
    private static func text(of bytes: [UInt8]) -> String? {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
