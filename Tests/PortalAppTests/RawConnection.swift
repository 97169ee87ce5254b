import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to 127.0.0.1 made with the C socket calls, so a test can send half a request, or nothing, and see
/// when the server closes it. Closed when released.
final class RawConnection {
    private let descriptor: Int32

    struct Failure: Error {
        let call: String
        let code: Int32
    }

    /// Connects to `port` on 127.0.0.1.
    /// - Throws: ``Failure`` when the socket cannot be made or the server refuses it.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(call: "connect", code: errno)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `text` as it is (no line ending added).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads what the server sends until it closes the connection or `limit` passes (at least once, however short
    /// `limit`), polling without blocking.
    /// - Returns: whether the server closed it, and everything it sent before.
    func readUntilClosed(within limit: Duration) async throws -> (closed: Bool, received: String) {
        let deadline = ContinuousClock.now + limit
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        repeat {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                return (true, String(decoding: received, as: UTF8.self))
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        } while ContinuousClock.now < deadline
        return (false, String(decoding: received, as: UTF8.self))
    }

    /// Sends a whole `GET path` and returns the status line of the answer (empty when none came within `limit`).
    func get(_ path: String, within limit: Duration = .seconds(5)) async throws -> String {
        send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let answer = try await readUntilClosed(within: limit).received
        return answer.split(separator: "\r\n").first.map(String.init) ?? ""
    }
}
