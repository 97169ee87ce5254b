import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `smtp_server.py` (aiosmtpd) running on 127.0.0.1 for one test. It stops when ``stop()`` is called, or when this
/// process's end of its standard input closes.
public final class LocalSMTPServer: @unchecked Sendable {
    public let port: Int
    public let mailDirectory: URL
    private let process: Process
    private let input: Pipe

    /// A message as the server received it.
    public struct Received: Sendable {
        public var eml: String
        public var from: String
        public var to: [String]
        public var tls: Bool
    }

    public init(tls: String = "none", user: String? = nil, password: String? = nil, reject: [String] = [], port: Int = 0, mailDirectory: URL? = nil) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_server.py")
        self.mailDirectory = mailDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        var arguments = ["python3", script.path, "--mail-dir", self.mailDirectory.path, "--tls", tls, "--port", "\(port)"]
        if let user, let password { arguments += ["--user", user, "--password", password] }
        for address in reject { arguments += ["--reject", address] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Wait for "READY <port>" (generating a certificate takes a moment).
        var descriptor = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 30_000) > 0,
            let line = String(data: output.fileHandleForReading.availableData, encoding: .utf8),
            line.hasPrefix("READY "), let bound = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw ServerDidNotStart()
        }
        self.port = bound
    }

    public struct ServerDidNotStart: Error, CustomStringConvertible {
        public var description: String { "smtp_server.py did not start: is aiosmtpd installed (python3 -m pip install aiosmtpd)?" }
    }

    /// The self-signed certificate a TLS server uses, for `caFile`.
    public var certificate: String { mailDirectory.appendingPathComponent("cert.pem").path }

    public func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// Every message received so far, in order.
    public func received() throws -> [Received] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mailDirectory.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map { name in
            let eml = try String(contentsOf: mailDirectory.appendingPathComponent(name), encoding: .utf8)
            let envelopeData = try Data(contentsOf: mailDirectory.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json")))
            let envelope = try JSONSerialization.jsonObject(with: envelopeData) as? [String: Any] ?? [:]
            return Received(
                eml: eml, from: envelope["from"] as? String ?? "", to: envelope["to"] as? [String] ?? [],
                tls: envelope["tls"] as? Bool ?? false)
        }
    }
}
