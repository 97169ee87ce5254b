import Foundation
import PortalKernel
import Synchronization

/// A file store in memory, for tests of code that keeps files: every rule of ``FileStore`` (it passes
/// ``FileStoreConformance``), nothing on disk.
public final class MemoryFileStore: FileStore {
    /// `memory`.
    public let driverName = "memory"
    /// The largest file it takes, in bytes.
    public let maxFileBytes: Int
    private let kept = Mutex<[FileAddress: Data]>([:])

    /// Takes files of at most `maxFileBytes` (25 MiB by default, as the bundled stores).
    public init(maxFileBytes: Int = 25 * 1_048_576) {
        self.maxFileBytes = maxFileBytes
    }

    public func put(_ bytes: Data) async throws -> FileAddress {
        guard bytes.count <= maxFileBytes else { throw FileStoreError.tooLarge(bytes: bytes.count, limit: maxFileBytes) }
        let address = FileAddress(of: bytes)
        kept.withLock { $0[address] = bytes }
        return address
    }

    public func get(_ address: FileAddress) async throws -> Data? {
        kept.withLock { $0[address] }
    }

    public func addresses() async throws -> [FileAddress] {
        kept.withLock { $0.keys.sorted() }
    }
}
