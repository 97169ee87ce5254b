import Foundation
import PortalKernel

// What the JSON API sends and receives. Money is in integer minor units of the account's currency (SPEC M1), calendar
// dates are `YYYY-MM-DD`, instants ISO 8601. Field names match Docs/openapi.json.

/// A list page: the records and the offset of the next page (`null` on the last).
struct APIPage<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The records of this page, at most `limit`.
    let data: [Item]
    /// The `offset` of the next page; `nil` (written `null`) on the last page.
    let nextOffset: Int?

    /// The page of `all` that starts at `offset`, with at most `limit` records.
    init(_ all: [Item], offset: Int, limit: Int) {
        data = Array(all.dropFirst(offset).prefix(limit))
        nextOffset = offset + limit < all.count ? offset + limit : nil
    }

    private enum CodingKeys: String, CodingKey { case data, nextOffset }

    /// `nextOffset` is written as `null` on the last page, not left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextOffset, forKey: .nextOffset)
    }
}
