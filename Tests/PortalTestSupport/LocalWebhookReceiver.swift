import Foundation

/// `webhook_receiver.py` on 127.0.0.1 for one test: it checks each webhook's signature as Docs/Webhooks.md says
/// and records what arrived. It stops when ``stop()`` is called, or when this process's end of its input closes.
public final class LocalWebhookReceiver: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let helper: PythonHelper

    /// One delivery as the receiver saw it.
    public struct Received: Decodable, Sendable {
        public let event: String?
        public let eventId: String?
        public let signature: String
        /// Whether the `Portal-Signature` checked out with the secret the receiver was given.
        public let valid: Bool
        /// Whether the Standard Webhooks headers checked out with the `standardwebhooks` library and that secret.
        public let standardValid: Bool
        public let body: String
    }

    /// `status` is what the receiver answers every request with; `redirectTo` is the Location it sends with it.
    public init(secret: String, port: Int = 0, status: Int = 200, redirectTo: String? = nil, folder: URL? = nil) async throws {
        self.folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("hooks-\(UUID().uuidString)")
        let redirect = redirectTo.map { ["--redirect-to", $0] } ?? []
        guard let helper = try await PythonHelper.start("webhook_receiver.py", ["--secret", secret, "--out-dir", self.folder.path, "--port", "\(port)", "--status", "\(status)"] + redirect)
        else { throw ReceiverDidNotStart() }
        self.helper = helper
        self.port = helper.port
    }

    public struct ReceiverDidNotStart: Error {}

    public var url: String { "http://127.0.0.1:\(port)/hooks" }

    /// Everything received so far, in order.
    public func received() throws -> [Received] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { try JSONDecoder().decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    public func stop() { helper.stop() }
}
