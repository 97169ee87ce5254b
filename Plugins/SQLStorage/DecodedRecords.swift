import PortalKernel
import Synchronization

/// Records already decoded, kept by the exact bytes of the JSON they were decoded from (#22).
///
/// Decoding a row's `record` column through `Decodable` was a sixth of the portal home's CPU, and the same rows
/// (the account, a client's session, the invoices on their home) are read again on every page. A record is a pure
/// function of its type and its stored JSON, so a record found here under the bytes a query has just returned is the
/// one decoding them would give: the row is still read from the database each time, and a row that changed has other
/// bytes and is decoded afresh. Nothing here can be stale.
///
/// Bounded by the bytes of JSON held: two generations of at most `generationBytes` each. A new record goes into the
/// young one; when it is full it becomes the old one and the previous old one is dropped; a record found in the old
/// one moves to the young one. What a page keeps reading stays; what no page read for two generations goes.
final class DecodedRecords: Sendable {
    /// The process's records, up to 2 × 4 MiB of JSON (about 4,000 to 8,000 invoices).
    static let shared = DecodedRecords(generationBytes: 4 << 20)

    /// A record's type and its JSON, compared and hashed as UTF-8 bytes (two texts that differ only in Unicode
    /// normalization are different records).
    private struct Key: Hashable {
        let type: ObjectIdentifier
        let json: String

        static func == (a: Key, b: Key) -> Bool {
            a.type == b.type && a.json.utf8.count == b.json.utf8.count && a.json.utf8.elementsEqual(b.json.utf8)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(type)
            var json = json
            json.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private struct Generations {
        var young: [Key: any Sendable] = [:]
        var old: [Key: any Sendable] = [:]
        var youngBytes = 0

        mutating func find(_ key: Key, bytes: Int, limit: Int) -> (any Sendable)? {
            if let record = young[key] { return record }
            guard let record = old.removeValue(forKey: key) else { return nil }
            insert(key, record, bytes: bytes, limit: limit)
            return record
        }

        mutating func insert(_ key: Key, _ record: any Sendable, bytes: Int, limit: Int) {
            if youngBytes + bytes > limit {
                (old, young, youngBytes) = (young, [:], 0)
            }
            young[key] = record
            youngBytes += bytes
        }
    }

    private let generations = Mutex(Generations())
    /// The most bytes of JSON one generation holds; a record longer than this is decoded and not kept.
    let generationBytes: Int

    init(generationBytes: Int) {
        self.generationBytes = generationBytes
    }

    /// The record `json` holds: the one decoded from the same bytes before, or `decode(json)`, kept for next time.
    /// - Throws: what `decode` throws; nothing is kept then.
    func record<Record: StoredRecord>(_: Record.Type, json: String, decode: (String) throws -> Record) throws -> Record {
        let key = Key(type: ObjectIdentifier(Record.self), json: json)
        let bytes = json.utf8.count
        if let found = generations.withLock({ $0.find(key, bytes: bytes, limit: generationBytes) }) as? Record {
            return found
        }
        let record = try decode(json)
        if bytes <= generationBytes {
            generations.withLock { $0.insert(key, record, bytes: bytes, limit: generationBytes) }
        }
        return record
    }

    /// How many records are held, in both generations (for tests).
    var count: Int { generations.withLock { $0.young.count + $0.old.count } }
}
