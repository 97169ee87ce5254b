import Foundation
import JSONStorage
import Logging
import PortalKernel
import SQLiteStorage
import Testing

/// A storage backend under test: every conformance test runs once per entry of ``all``.
struct StorageBackend: Sendable, CustomTestStringConvertible {
    let name: String
    /// Opens (creating) a store whose files live in `folder`.
    let open: @Sendable (URL) async throws -> any PortalStorage

    var testDescription: String { name }

    /// Every backend. A new backend joins the whole suite with one line here.
    static let all: [StorageBackend] = [
        StorageBackend(name: "sqlite") { try SQLiteStorage(path: $0.appendingPathComponent("portal.sqlite").path) },
        StorageBackend(name: "json") { try JSONStorage(folder: $0.appendingPathComponent("store"), logger: Logger(label: "test")) },
    ]
}
