import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// The addresses the system resolver (`getaddrinfo`, as the HTTP client itself would use) gives for a host, read on
/// NIO's thread pool since the call blocks. A literal IP in any form the system accepts (`2130706433`,
/// `0177.0.0.1`, `::ffff:127.0.0.1`) comes back as the address it means.
enum HostResolver {
    /// One resolved address: its bytes in network order (4 or 16) and its text, to connect to.
    struct Address: Hashable, Sendable {
        let bytes: [UInt8]
        let text: String
    }

    /// Why a host gave no address.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Every address of `host` (IPv4 and IPv6, without repeats).
    static func addresses(of host: String) async throws -> [Address] {
        try await NIOThreadPool.singleton.runIfActive { try lookUp(host) }
    }

    /// The bytes of every address on this machine's network interfaces (a public address on `eth0` included):
    /// a webhook sent there reaches the server's own services, whatever range the address is in (#17).
    static func ownAddresses() -> Set<[UInt8]> {
        let devices = (try? System.enumerateDevices()) ?? []
        return Set(devices.compactMap { device in
            switch device.address {
            case .v4(let address): withUnsafeBytes(of: address.address.sin_addr) { Array($0) }
            case .v6(let address): withUnsafeBytes(of: address.address.sin6_addr) { Array($0) }
            default: nil
            }
        })
    }

    private static func lookUp(_ host: String) throws -> [Address] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(description: "\(host) does not resolve (\(String(cString: gai_strerror(status))))")
        }
        defer { freeaddrinfo(first) }
        var found: [Address] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry?.pointee {
            if let address = current.ai_addr.flatMap(Self.address), !found.contains(address) { found.append(address) }
            entry = current.ai_next
        }
        return found
    }

    private static func address(_ pointer: UnsafeMutablePointer<sockaddr>) -> Address? {
        switch Int32(pointer.pointee.sa_family) {
        case AF_INET:
            let raw = pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
            let bytes = withUnsafeBytes(of: raw.sin_addr) { Array($0) }
            return SocketAddress(raw, host: "").ipAddress.map { Address(bytes: bytes, text: $0) }
        case AF_INET6:
            let raw = pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
            let bytes = withUnsafeBytes(of: raw.sin6_addr) { Array($0) }
            return SocketAddress(raw, host: "").ipAddress.map { Address(bytes: bytes, text: $0) }
        default:
            return nil
        }
    }
}
