import Foundation

/// `smtp_server.py` (aiosmtpd) running on 127.0.0.1 for one test. It stops when ``stop()`` is called, or when this
/// process's end of its standard input closes.
public final class LocalSMTPServer: @unchecked Sendable {
    public let port: Int
    public let mailDirectory: URL
    private let helper: PythonHelper

    /// A message as the server received it.
    public struct Received: Sendable {
        public var eml: String
        public var from: String
        public var to: [String]
        public var tls: Bool
    }

    /// - Parameter dataDelay: seconds the server waits before answering a message's DATA; ``dataStarted`` tells
    ///   when one has arrived.
    public init(
        tls: String = "none", user: String? = nil, password: String? = nil, reject: [String] = [], port: Int = 0,
        mailDirectory: URL? = nil, dataDelay: Double = 0
    ) async throws {
        self.mailDirectory = mailDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        var arguments = ["--mail-dir", self.mailDirectory.path, "--tls", tls, "--port", "\(port)", "--data-delay", "\(dataDelay)"]
        if let user, let password { arguments += ["--user", user, "--password", password] }
        for address in reject { arguments += ["--reject", address] }
        // Generating a certificate takes a moment; the helper waits for the server's READY line.
        guard let helper = try await PythonHelper.start("smtp_server.py", arguments) else { throw ServerDidNotStart() }
        self.helper = helper
        self.port = helper.port
    }

    public struct ServerDidNotStart: Error, CustomStringConvertible {
        public var description: String { "smtp_server.py did not start: is aiosmtpd installed (python3 -m pip install aiosmtpd)?" }
    }

    /// The self-signed certificate a TLS server uses, for `caFile`.
    public var certificate: String { mailDirectory.appendingPathComponent("cert.pem").path }

    public func stop() { helper.stop() }

    /// Whether a message's DATA has arrived (with a `dataDelay`: the server is now waiting before it answers).
    public var dataStarted: Bool {
        FileManager.default.fileExists(atPath: mailDirectory.appendingPathComponent("data-started").path)
    }

    /// Every message received so far, in order.
    public func received() throws -> [Received] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mailDirectory.path)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().compactMap { name in
            let eml = try String(contentsOf: mailDirectory.appendingPathComponent(name), encoding: .utf8)
            // The server writes the envelope beside the message: one still being written is not received yet (the
            // callers poll), rather than an error.
            guard let envelopeData = try? Data(contentsOf: mailDirectory.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".json"))),
                let envelope = try? JSONSerialization.jsonObject(with: envelopeData) as? [String: Any]
            else { return nil }
            return Received(
                eml: eml, from: envelope["from"] as? String ?? "", to: envelope["to"] as? [String] ?? [],
                tls: envelope["tls"] as? Bool ?? false)
        }
    }
}
