import Foundation

/// Keeps the bytes of files (photos, PDFs) by their SHA-256: content-addressed, so the same bytes are kept once.
/// Chosen by `files.driver` (`filesystem`, `postgres`, …; SPEC F17).
///
/// A store keeps bytes only: what a file is, whose it is and who may see it are ``AttachedFile`` records in the
/// portal's storage. Bytes are never removed by the portal (a removed attachment's bytes may be another's too).
public protocol FileStore: Sendable {
    /// The driver name it was registered under (`filesystem`), shown by `/health`.
    var driverName: String { get }
    /// The largest file it takes, in bytes (`files.maxFileMegabytes`); a larger one is refused by ``put(_:)``.
    var maxFileBytes: Int { get }

    /// Keeps `bytes` and returns their address. Keeping bytes already kept changes nothing and returns the same
    /// address, so a retry is safe.
    /// - Throws: ``FileStoreError/tooLarge(bytes:limit:)`` beyond ``maxFileBytes``; ``FileStoreError/unavailable(_:)``
    ///   when the bytes cannot be written.
    func put(_ bytes: Data) async throws -> FileAddress
    /// The bytes kept at `address`, `nil` when none are.
    /// - Throws: ``FileStoreError/unavailable(_:)`` when they cannot be read, ``FileStoreError/corrupt(_:)`` when
    ///   what is read no longer has that address.
    func get(_ address: FileAddress) async throws -> Data?
    /// Every address kept, sorted (for backups and `portal export`).
    func addresses() async throws -> [FileAddress]
    /// Releases connections; the store is not used afterwards.
    func close() async throws
}

extension FileStore {
    /// Nothing to release.
    public func close() async throws {}
}

/// Where a file's bytes are: the lowercase hex SHA-256 of the bytes (64 characters), so a file's address proves its
/// content. Only such strings are addresses: a path or a URL is never one.
public struct FileAddress: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let rawValue: String

    /// `nil` unless `rawValue` is 64 lowercase hex digits.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 64, rawValue.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.rawValue = rawValue
    }

    /// The address of `bytes`.
    public init(of bytes: Data) {
        rawValue = bytes.sha256Hex
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = FileAddress(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a file address (64 lowercase hex digits)")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// Why a file store did not keep or give bytes.
public enum FileStoreError: Error, Equatable, CustomStringConvertible {
    /// Larger than the store takes (`files.maxFileMegabytes`).
    case tooLarge(bytes: Int, limit: Int)
    /// The store cannot be used now: a folder that cannot be written, a database that cannot be reached.
    case unavailable(String)
    /// What is kept at an address is not what was put there.
    case corrupt(String)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): "a file of \(bytes) bytes is larger than the \(limit) bytes allowed"
        case .unavailable(let why): "file store unavailable: \(why)"
        case .corrupt(let what): "stored file cannot be read: \(what)"
        }
    }
}
