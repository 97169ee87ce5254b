import Foundation
import PortalKernel

/// The tip report as CSV (RFC 4180) for a spreadsheet (SPEC F14): one row per tip, amounts as plain numbers in the
/// account's currency: the tip, what refunds gave back of it, and what the crew is owed. A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR) starts with `'`.
enum TipsCSV {
    static func text(_ report: Tips.Report, account: Account) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = account.timeZone
        let rows = report.rows.map { row -> [String] in
            let when = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: row.tip.receivedAt)
            let stamp = String(
                format: "%04d-%02d-%02d %02d:%02d", when.year ?? 0, when.month ?? 0, when.day ?? 0, when.hour ?? 0, when.minute ?? 0)
            return [
                stamp, row.tip.crew ?? "", row.customerName ?? "", row.invoiceNumber ?? "",
                row.tip.amount.decimalText(in: account.currency), (row.tip.refunded ?? .zero).decimalText(in: account.currency),
                row.tip.owed.decimalText(in: account.currency), account.currency.code,
            ]
        }
        return ([["paid_at", "crew", "customer", "invoice", "tip", "refunded", "owed", "currency"]] + rows)
            .map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One cell: quoted when it holds a comma, quote or line break, its quotes doubled; a formula's first character
    /// neutralised.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
