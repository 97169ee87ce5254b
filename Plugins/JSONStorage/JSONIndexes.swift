import HashTreeCollections
import PortalKernel

/// Secondary indexes behind the portal's queries, as SQLite has: which customers an email belongs to, and a
/// customer's proposals and invoices. Kept in step by ``JSONState/write(_:id:into:table:)`` and
/// ``JSONState/remove(id:from:table:)``, the only places rows change.
struct JSONIndexes: Sendable {
    /// `accountID/email` → customer ids.
    var customersByEmail: TreeDictionary<String, Set<String>> = [:]
    /// customer id → proposal ids.
    var proposalsByCustomer: TreeDictionary<String, Set<String>> = [:]
    /// customer id → invoice ids.
    var invoicesByCustomer: TreeDictionary<String, Set<String>> = [:]

    static func emailKey(_ email: String, in account: Account.ID) -> String { "\(account.rawValue)/\(email)" }
}

/// A record that appears in the secondary indexes.
protocol JSONIndexed {
    /// The index entries this record makes: which index, under which key, with the record's id as value.
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] { get }
}

extension Customer: JSONIndexed {
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] {
        emails.map { (\.customersByEmail, JSONIndexes.emailKey($0, in: accountID)) }
    }
}

extension Proposal: JSONIndexed {
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] {
        [(\.proposalsByCustomer, customerID.rawValue)]
    }
}

extension Invoice: JSONIndexed {
    var indexEntries: [(WritableKeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, String)] {
        [(\.invoicesByCustomer, customerID.rawValue)]
    }
}

extension JSONIndexes {
    /// Moves `id`'s entries from what `old` made to what `new` makes.
    mutating func replace(_ old: Any?, with new: Any?, id: String) {
        for (index, key) in (old as? any JSONIndexed)?.indexEntries ?? [] {
            self[keyPath: index][key]?.remove(id)
            if self[keyPath: index][key]?.isEmpty == true { self[keyPath: index][key] = nil }
        }
        for (index, key) in (new as? any JSONIndexed)?.indexEntries ?? [] {
            self[keyPath: index][key, default: []].insert(id)
        }
    }
}

extension JSONState {
    /// The rows of `rows` whose ids `index` lists under `key`.
    func indexed<Record>(
        _ rows: KeyPath<JSONState, TreeDictionary<String, Record>>,
        by index: KeyPath<JSONIndexes, TreeDictionary<String, Set<String>>>, key: String
    ) -> [Record] {
        (indexes[keyPath: index][key] ?? []).compactMap { self[keyPath: rows][$0] }
    }
}
