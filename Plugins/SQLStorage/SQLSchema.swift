import PortalKernel

/// The tables of record types, as `CREATE` statements in a dialect, derived from the record catalogue.
///
/// Every table keeps the whole record as JSON in `record`, and beside it `id`, `account_id` (where scoped) and the
/// catalogue's columns. References are composite (`…_id`, `account_id`), so a row can only point at a row of its
/// own account; ids and text compare as bytes in both databases.
enum SQLSchema {
    static func create<Record: StoredRecord>(_: Record.Type, _ dialect: SQLStorageDialect) -> [String] {
        let storage = Record.storage
        let table = storage.table
        var lines = ["id \(dialect.text) PRIMARY KEY"]
        if storage.isAccountScoped {
            lines.append("account_id \(dialect.text) NOT NULL REFERENCES account (id) ON DELETE CASCADE")
        }
        for column in storage.columns {
            lines.append("\(column.name) \(dialect.type(of: column.kind))\(column.isOptional ? "" : " NOT NULL")")
        }
        lines.append("record \(dialect.json) NOT NULL")
        // The key composite references point at. Id first: an index that starts with the account would also give
        // the account's rows in id order, and SQLite's planner takes it over the index that finds a customer's rows,
        // reading the whole account (100,000 invoices) for one client's home.
        if storage.isAccountScoped { lines.append("UNIQUE (id, account_id)") }
        for key in storage.unique { lines.append("UNIQUE (\(key.joined(separator: ", ")))") }
        for column in storage.columns {
            guard let parent = column.references else { continue }
            lines.append("FOREIGN KEY (\(column.name), account_id) REFERENCES \(parent) (id, account_id)")
        }
        var statements = ["CREATE TABLE \(table) (\n    \(lines.joined(separator: ",\n    ")))"]
        for columns in storage.indexes { statements.append(index(on: table, columns)) }
        if let list = storage.list {
            let listTable = "\(table)_\(list.name)"
            statements.append(
                """
                CREATE TABLE \(listTable) (
                    account_id \(dialect.text) NOT NULL,
                    \(list.name) \(dialect.text) NOT NULL,
                    \(table)_id \(dialect.text) NOT NULL,
                    PRIMARY KEY (\(table)_id, \(list.name)),
                    FOREIGN KEY (\(table)_id, account_id) REFERENCES \(table) (id, account_id) ON DELETE CASCADE)
                """)
            statements.append(index(on: listTable, ["account_id", list.name]))
        }
        return statements
    }

    private static func index(on table: String, _ columns: [String]) -> String {
        "CREATE INDEX \(table)_by_\(columns.joined(separator: "_")) ON \(table) (\(columns.joined(separator: ", ")))"
    }
}
