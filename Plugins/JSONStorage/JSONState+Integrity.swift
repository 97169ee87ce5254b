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

        try references(staffUsers, "staffUser") { [("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil)] }
        try references(customers, "customer") { [("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil)] }
        try references(jobs, "job") { job in
            [("account", job.accountID.rawValue, accounts[job.accountID.rawValue] != nil)]
                + (job.customerID.map { [("customer", $0.rawValue, customers[$0.rawValue] != nil)] } ?? [])
        }
        try references(proposals, "proposal") {
            [
                ("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil),
                ("job", $0.jobID.rawValue, jobs[$0.jobID.rawValue] != nil),
                ("customer", $0.customerID.rawValue, customers[$0.customerID.rawValue] != nil),
            ]
        }
        try references(invoices, "invoice") { invoice in
            [
                ("account", invoice.accountID.rawValue, accounts[invoice.accountID.rawValue] != nil),
                ("customer", invoice.customerID.rawValue, customers[invoice.customerID.rawValue] != nil),
            ] + (invoice.jobID.map { [("job", $0.rawValue, jobs[$0.rawValue] != nil)] } ?? [])
        }
        try references(payments, "payment") {
            [
                ("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil),
                ("invoice", $0.invoiceID.rawValue, invoices[$0.invoiceID.rawValue] != nil),
            ]
        }
        try references(leads, "lead") { lead in
            [
                ("account", lead.accountID.rawValue, accounts[lead.accountID.rawValue] != nil),
                ("job", lead.jobID.rawValue, jobs[lead.jobID.rawValue] != nil),
            ] + (lead.assigneeID.map { [("staffUser", $0.rawValue, staffUsers[$0.rawValue] != nil)] } ?? [])
        }
        try references(loginTokens, "loginToken") { [("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil)] }
        try references(sessions, "session") { [("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil)] }
        try references(outbox, "outboxMessage") { [("account", $0.accountID.rawValue, accounts[$0.accountID.rawValue] != nil)] }
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

    /// `check` lists each reference of a record: the table it points into, the id, and whether that id exists.
    private func references<Record>(
        _ rows: TreeDictionary<String, Record>, _ table: String, check: (Record) -> [(String, String, Bool)]
    ) throws {
        for (id, record) in rows.sorted(by: { $0.key < $1.key }) {
            if let missing = check(record).first(where: { !$0.2 }) {
                throw StorageError.missingReference("\(table) \(id) refers to \(missing.0) \(missing.1)")
            }
        }
    }
}
