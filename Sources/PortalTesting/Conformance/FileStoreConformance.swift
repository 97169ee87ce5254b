import Foundation
import PortalKernel
import Testing

/// What every ``FileStore`` must do (SPEC F17), as Swift Testing checks a file store package runs against its own
/// store:
///
/// ```swift
/// @Test func fileStore() async throws {
///     try await FileStoreConformance { try await MyFileStore(…, maxFileBytes: $0) }.runAll()
/// }
/// ```
///
/// `open(maxFileBytes)` opens the store under test; opened twice in one check, both must see the same files (a
/// second instance on the same folder or database).
public struct FileStoreConformance: Sendable {
    /// Opens the store under test with that size limit, in bytes.
    public let open: @Sendable (Int) async throws -> any FileStore

    /// The suite for the store `open` opens.
    public init(open: @escaping @Sendable (Int) async throws -> any FileStore) {
        self.open = open
    }

    /// Every check, in order; each names what failed.
    public func runAll() async throws {
        try await roundTrip()
        try await sameBytesOnce()
        try await limit()
        try await concurrentPuts()
        try await secondInstance()
    }

    /// Bytes come back as put, under the SHA-256 of the bytes; an address never put is `nil`; an empty file is a file.
    public func roundTrip() async throws {
        let store = try await open(1_048_576)
        let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }) + Data(Self.unique.utf8)
        let address = try await store.put(bytes)
        #expect(address == FileAddress(of: bytes), "an address is the SHA-256 of the bytes")
        #expect(try await store.get(address) == bytes, "the bytes come back as put")
        let empty = try await store.put(Data())
        #expect(try await store.get(empty) == Data(), "an empty file is kept")
        let never = FileAddress(of: Data("never put \(Self.unique)".utf8))
        #expect(try await store.get(never) == nil, "an address never put has no bytes")
        #expect(try await store.addresses().contains(address), "addresses lists what was put")
        try await store.close()
    }

    /// The same bytes put twice are kept once, at one address.
    public func sameBytesOnce() async throws {
        let store = try await open(1_048_576)
        let bytes = Data("twice \(Self.unique)".utf8)
        let first = try await store.put(bytes)
        let second = try await store.put(bytes)
        #expect(first == second)
        #expect(try await store.addresses().filter { $0 == first }.count == 1, "kept once")
        try await store.close()
    }

    /// A file over the limit is refused with ``FileStoreError/tooLarge(bytes:limit:)`` and nothing is kept; one of
    /// exactly the limit is kept.
    public func limit() async throws {
        let store = try await open(1_000)
        #expect(store.maxFileBytes == 1_000)
        let over = Data(repeating: 7, count: 1_001) + Data(Self.unique.utf8)
        await #expect(throws: FileStoreError.tooLarge(bytes: over.count, limit: 1_000)) { _ = try await store.put(over) }
        #expect(try await store.get(FileAddress(of: over)) == nil, "nothing of a refused file is kept")
        let exact = Data(Self.unique.utf8.prefix(36)) + Data(repeating: 1, count: 1_000 - min(36, Self.unique.utf8.count))
        #expect(try await store.get(try await store.put(exact)) == exact, "a file of exactly the limit is kept")
        try await store.close()
    }

    /// Many tasks putting the same bytes and other bytes at once: every put succeeds and every file reads back whole.
    public func concurrentPuts() async throws {
        let store = try await open(1_048_576)
        let run = Self.unique
        let shared = Data(repeating: 9, count: 200_000) + Data(run.utf8)
        let addresses = try await withThrowingTaskGroup(of: (FileAddress, Data).self) { group in
            for index in 0..<16 {
                group.addTask {
                    let bytes = index.isMultiple(of: 2) ? shared : Data("file \(index) \(run)".utf8)
                    return (try await store.put(bytes), bytes)
                }
            }
            return try await group.reduce(into: [(FileAddress, Data)]()) { $0.append($1) }
        }
        for (address, bytes) in addresses {
            #expect(try await store.get(address) == bytes, "a file put among others reads back whole")
        }
        try await store.close()
    }

    /// A second instance on the same place sees what the first put (several `portal serve` on one folder or database).
    public func secondInstance() async throws {
        let first = try await open(1_048_576)
        let bytes = Data("seen by another instance \(Self.unique)".utf8)
        let address = try await first.put(bytes)
        try await first.close()
        let second = try await open(1_048_576)
        #expect(try await second.get(address) == bytes, "a second instance reads the first one's file")
        try await second.close()
    }

    /// Differs between runs, so a store that keeps files between test runs still sees new bytes.
    static var unique: String { UUID().uuidString }
}
