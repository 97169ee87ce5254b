import HashTreeCollections
import PortalKernel

/// The rules the SQLite schema enforces (unique keys, references that exist), checked over a whole state in one
/// pass: when a store is opened (a hand-edited file that breaks one stops start-up) and after a bulk import.
extension JSONState {
    /// Adds every record of `dump`; an id already present is `duplicate`. Does not check the other rules.
    mutating func merge(_ dump: StorageDump) throws {
        struct Merge: JSONTableVisitor {
            let dump: StorageDump
            mutating func visit<Record: Codable & Sendable>(
                _ table: String, _ rows: WritableKeyPath<JSONState, TreeDictionary<String, Record>>,
                _ list: WritableKeyPath<StorageDump, [Record]>, id: (Record) -> String, state: inout JSONState
            ) throws {
                for record in dump[keyPath: list] {
                    try state.insert(record, id: id(record), into: rows, table: table)
                }
            }
        }
        var merge = Merge(dump: dump)
        try forEachTable(&merge)
    }

    /// Throws the first broken rule: a unique key used twice, or a reference to a record that does not exist.
    func validateIntegrity() throws {
        try unique("account.portalKey", accounts) { $0.portalKey }
        try unique("staffUser.accountID, staffUser.email", staffUsers) { "\($0.accountID)\u{0}\($0.email)" }
        try unique("invoice.accountID, invoice.number", invoices) { "\($0.accountID)\u{0}\($0.number)" }
        try unique("payment.accountID, payment.idempotencyKey", payments) { payment in
            payment.idempotencyKey.map { "\(payment.accountID)\u{0}\($0)" }
        }
        try unique("loginToken.tokenHash", loginTokens) { $0.tokenHash }
        try unique("proposalLink.tokenHash", proposalLinks) { $0.tokenHash }
        try unique("apiToken.tokenHash", apiTokens) { $0.tokenHash }

        try references(staffUsers, "staffUser") { [account($0)] }
        try references(customers, "customer") { [account($0)] }
        try references(jobs, "job") { job in [account(job), reference(job, "customer", job.customerID?.rawValue, \.customers)] }
        try references(proposals, "proposal") {
            [account($0), reference($0, "job", $0.jobID.rawValue, \.jobs), reference($0, "customer", $0.customerID.rawValue, \.customers)]
        }
        try references(invoices, "invoice") {
            [account($0), reference($0, "customer", $0.customerID.rawValue, \.customers), reference($0, "job", $0.jobID?.rawValue, \.jobs)]
        }
        try references(payments, "payment") { [account($0), reference($0, "invoice", $0.invoiceID.rawValue, \.invoices)] }
        try references(leads, "lead") {
            [account($0), reference($0, "job", $0.jobID.rawValue, \.jobs), reference($0, "staffUser", $0.assigneeID?.rawValue, \.staffUsers)]
        }
        try references(loginTokens, "loginToken") { [account($0)] }
        try references(sessions, "session") { [("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil)] }
        try references(outbox, "outboxMessage") { [account($0)] }
        try references(auditEvents, "auditEvent") { [account($0)] }
        try references(apiTokens, "apiToken") { [account($0)] }
        try references(proposalLinks, "proposalLink") {
            [account($0), reference($0, "proposal", $0.proposalID.rawValue, \.proposals)]
        }
    }

    /// A record's reference to its account: (table, id, whether it holds).
    private func account(_ record: some AccountOwned) -> (String, String, Bool) {
        ("account", record.accountID.rawValue, accounts[record.accountID.rawValue] != nil)
    }

    /// A reference to another record of the same account; an absent optional reference holds.
    private func reference<Target: AccountOwned>(
        _ record: some AccountOwned, _ table: String, _ id: String?, _ rows: KeyPath<JSONState, TreeDictionary<String, Target>>
    ) -> (String, String, Bool) {
        guard let id else { return (table, "", true) }
        return (table, id, self[keyPath: rows][id]?.accountID == record.accountID)
    }

    private func unique<Record>(_ name: String, _ rows: TreeDictionary<String, Record>, key: (Record) -> String?) throws {
        var seen: [String: String] = [:]
        for (id, record) in rows.sorted(by: { $0.key < $1.key }) {
            guard let value = key(record) else { continue }
            if let other = seen.updateValue(id, forKey: value) {
                throw StorageError.duplicate("UNIQUE: \(name) (records \(other) and \(id))")
            }
        }
    }

    /// `check` lists each reference of a record: the table it points into, the id, and whether it holds (the row
    /// exists, in the same account).
    private func references<Record>(
        _ rows: TreeDictionary<String, Record>, _ table: String, check: (Record) -> [(String, String, Bool)]
    ) throws {
        for (id, record) in rows.sorted(by: { $0.key < $1.key }) {
            if let missing = check(record).first(where: { !$0.2 }) {
                throw StorageError.missingReference("\(table) \(id) refers to \(missing.0) \(missing.1), which does not exist in its account")
            }
        }
    }
}
