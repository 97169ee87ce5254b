import Foundation
import PortalKernel

/// The new-proposal / new-invoice / edit forms: a title (or number), up to ``rowCount`` line rows and a tax rate,
/// as typed; empty rows are left out.
struct DocumentForm: PortalForm {
    struct Row: Decodable, Sendable {
        var description: String?
        var quantity: String?
        var unitPrice: String?
        var optional: String?
    }

    /// How many line rows a form offers (no JavaScript to add more).
    static let rowCount = 8

    var csrf: String?
    var jobId: String?
    var title: String?
    var lines: [String: Row]?
    var taxPercent: String?

    /// The rows that were filled in, as lines with unit prices read in `currency` (SPEC M1); a row that cannot be
    /// read is an error naming it. Rows are named `lines[r1][…]`, `lines[r2][…]`: the form decoder takes maps of maps,
    /// not arrays of maps.
    func lineInputs(in currency: Currency) throws -> [LineInput] {
        let rows = (lines ?? [:]).compactMap { key, row in Int(key.dropFirst()).map { ($0, row) } }.sorted { $0.0 < $1.0 }
        return try rows.compactMap { index, row in
            let description = (row.description ?? "").trimmingCharacters(in: .whitespaces)
            let price = (row.unitPrice ?? "").trimmingCharacters(in: .whitespaces)
            if description.isEmpty && price.isEmpty { return nil }
            guard let quantity = Decimal(string: (row.quantity ?? "1").trimmingCharacters(in: .whitespaces)), quantity > 0 else {
                throw DeskRefusal.invalid("Line \(index): enter a quantity such as 1 or 2.5.")
            }
            let unitPrice: Money
            do throws(AmountEntryError) {
                unitPrice = try AmountEntry.parse(price, in: currency)
            } catch {
                throw DeskRefusal.invalid("Line \(index): \(error.description)")
            }
            return LineInput(description: description, quantity: quantity, unitPrice: unitPrice.cents, optional: row.optional == "yes")
        }
    }

    func taxBasisPoints() throws -> Int {
        guard let points = SettingsForm.basisPoints(taxPercent ?? "0") else { throw DeskRefusal.invalid("Enter a tax rate such as 8.25.") }
        return points
    }

    /// Empty rows for a new document.
    static var emptyRows: [[String: Any]] {
        (1...rowCount).map { ["index": $0] }
    }
}
