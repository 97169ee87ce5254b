import Foundation
import PortalKernel
@testable import SQLStorage
import Testing

/// #22: records decoded once per distinct JSON, never stale, bounded.
@Suite("Decoded records")
struct DecodedRecordsTests {
    static func json(_ customer: Customer) throws -> String {
        String(decoding: try StorageJSON.encoder(pretty: false).encode(customer), as: UTF8.self)
    }

    /// Decodes through `records`, counting the decodes.
    final class Counting: @unchecked Sendable {
        var decodes = 0
        func customer(_ json: String, in records: DecodedRecords) throws -> Customer {
            try records.record(Customer.self, json: json) { text in
                decodes += 1
                return try StorageJSON.decoder().decode(Customer.self, from: Data(text.utf8))
            }
        }
    }

    @Test("#22: the same JSON is decoded once; a changed record, or one whose text differs only in Unicode normalization, is decoded afresh")
    func decodedOncePerBytes() throws {
        let records = DecodedRecords(generationBytes: 1 << 20)
        let counting = Counting()
        var customer = Customer(id: "c1", accountID: "a", displayName: "Cafe\u{301} Verde", emails: ["cafe@example.com"])
        let first = try Self.json(customer)
        #expect(try counting.customer(first, in: records) == customer)
        #expect(try counting.customer(first, in: records) == customer)
        #expect(counting.decodes == 1)

        customer.displayName = "Café Verde"  // The same name to `==` on String, other bytes.
        let composed = try Self.json(customer)
        #expect(composed.utf8.count != first.utf8.count)
        #expect(try counting.customer(composed, in: records).displayName.unicodeScalars.count == 10)
        #expect(counting.decodes == 2)

        customer.emails = ["office@example.com"]
        #expect(try counting.customer(try Self.json(customer), in: records).emails == ["office@example.com"])
        #expect(counting.decodes == 3)
    }

    @Test("#22: a JSON that does not decode throws each time and is not kept")
    func failuresNotKept() throws {
        let records = DecodedRecords(generationBytes: 1 << 20)
        let counting = Counting()
        for _ in 0..<2 {
            #expect(throws: DecodingError.self) { try counting.customer("{\"id\": 1}", in: records) }
        }
        #expect(counting.decodes == 2)
        #expect(records.count == 0)
    }

    @Test("#22: what is held stays within two generations of bytes; what a page keeps reading stays, the rest goes")
    func bounded() throws {
        let sample = try Self.json(Customer(id: "c-00000", accountID: "a", displayName: "Customer", emails: []))
        // Room for 10 records per generation.
        let records = DecodedRecords(generationBytes: sample.utf8.count * 10)
        let counting = Counting()
        let hot = try Self.json(Customer(id: "c-hot00", accountID: "a", displayName: "Customer", emails: []))
        for number in 0..<100 {
            _ = try counting.customer(try Self.json(Customer(id: .init(rawValue: String(format: "c-%05d", number)), accountID: "a", displayName: "Customer", emails: [])), in: records)
            _ = try counting.customer(hot, in: records)
            #expect(records.count <= 20)
        }
        #expect(counting.decodes == 101)  // Each cold record once; the hot one once, kept by being read.
        // A record longer than a generation is decoded, and not kept.
        let held = records.count
        let long = try Self.json(Customer(id: "c-long", accountID: "a", displayName: String(repeating: "x", count: sample.utf8.count * 11), emails: []))
        _ = try counting.customer(long, in: records)
        _ = try counting.customer(long, in: records)
        #expect(counting.decodes == 103)
        #expect(records.count == held)
    }
}
