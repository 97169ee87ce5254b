import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket bound to a free port on 127.0.0.1: to learn a free port, or to hold one as another program would.
public struct LoopbackSocket: ~Copyable {
    /// The socket's descriptor, closed when the value goes away.
    public let descriptor: Int32
    /// The port the system chose.
    public let port: Int

    /// Binds a new socket to a free port, listening when `listening` (so a connection or a bind there is refused).
    public init(listening: Bool) throws {
        descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let socket = descriptor
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && (!listening || listen(socket, 1) == 0) && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else {
            close(socket)
            throw TestServerError("no free port on 127.0.0.1")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }
}
