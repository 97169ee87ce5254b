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
    /// A proposal's deposit as typed (``Deposit/read(_:in:)``): `30 %`, an amount, or empty for none (SPEC F13).
    var deposit: String?

    /// A row that cannot be read: which one, which of its fields, and what to type instead (shown beside it, SPEC M1).
    struct LineRefusal: Error, CustomStringConvertible {
        enum Column: String { case quantity = "q", unitPrice = "p" }
        let row: Int
        let column: Column
        let message: String
        var description: String { "Line \(row): \(message)" }

        /// The id of the control refused in the form whose ids end in `prefix`.
        func controlID(prefix: String) -> String { "\(column.rawValue)\(row)-\(prefix)" }

        /// The refusal as the page shows it (issue #18): beside its control and in the summary.
        func errors(prefix: String) -> FormErrors { FormErrors(description, field: controlID(prefix: prefix)) }
    }

    /// The rows as typed, by their number. Rows are named `lines[r1][…]`, `lines[r2][…]`: the form decoder takes maps
    /// of maps, not arrays of maps.
    private var typed: [(Int, Row)] {
        (lines ?? [:]).compactMap { key, row in Int(key.dropFirst()).map { ($0, row) } }.sorted { $0.0 < $1.0 }
    }

    /// The rows that were filled in, as lines with unit prices read in `currency` (SPEC M1); throws a
    /// ``LineRefusal`` for the first row that cannot be read.
    func lineInputs(in currency: Currency) throws(LineRefusal) -> [LineInput] {
        var inputs: [LineInput] = []
        for (index, row) in typed {
            let description = (row.description ?? "").trimmingCharacters(in: .whitespaces)
            let price = (row.unitPrice ?? "").trimmingCharacters(in: .whitespaces)
            if description.isEmpty && price.isEmpty { continue }
            guard let quantity = TypedNumber.read(row.quantity ?? "1", fractionDigits: LineInput.quantityDecimals), quantity > 0 else {
                throw LineRefusal(row: index, column: .quantity, message: "Enter a quantity such as 1, 2.5 or 1,000 (at most \(LineInput.quantityDecimals) decimals).")
            }
            let unitPrice: Money
            do throws(AmountEntryError) {
                unitPrice = try AmountEntry.parse(price, in: currency)
            } catch {
                throw LineRefusal(row: index, column: .unitPrice, message: error.description)
            }
            inputs.append(LineInput(description: description, quantity: quantity, unitPrice: unitPrice.cents, optional: row.optional == "yes"))
        }
        return inputs
    }

    func taxBasisPoints() throws -> Int {
        guard let points = SettingsForm.basisPoints(taxPercent ?? "0") else { throw UseCaseError.invalid("Enter a tax rate such as 8.25.") }
        return points
    }

    /// The deposit terms typed, in `currency` (SPEC F13); `nil` for none.
    /// - Throws: `UseCaseError.invalid` naming the `deposit` field when they cannot be read.
    func depositTerms(in currency: Currency) throws(UseCaseError) -> Deposit? {
        do {
            return try Deposit.read(deposit ?? "", in: currency)
        } catch {
            throw UseCaseError.invalid(error.description, field: "deposit")
        }
    }

    /// The form's fields for the page: empty for a new document, or as typed when a refusal shows the form again,
    /// with `refusal`'s message beside its row (SPEC M1). `prefix` keeps the ids of two forms on one page apart; a
    /// proposal's form (`prefix` `p`) has the deposit field, filled with `defaultDeposit` until one is typed.
    func fields(prefix: String, refusal: LineRefusal? = nil, defaultDeposit: String = "") -> [String: Any] {
        [
            "prefix": prefix, "title": title ?? "", "taxPercent": taxPercent ?? "0", "lineRows": rows(prefix: prefix, refusal: refusal),
            "depositShown": prefix == "p", "deposit": deposit ?? defaultDeposit,
        ]
    }

    /// The line rows as typed (at least ``rowCount``, the empty ones with a quantity of 1), `refusal`'s message on
    /// its row as `quantityError` or `priceError` (a ``FormErrors/Entry``), by the control it is about.
    func rows(prefix: String, refusal: LineRefusal?) -> [[String: Any]] {
        let refused = refusal.flatMap { $0.errors(prefix: prefix).field[$0.controlID(prefix: prefix)] }
        let typed = Dictionary(typed, uniquingKeysWith: { first, _ in first })
        return (1...max(Self.rowCount, typed.keys.max() ?? 0)).map { index in
            let row = typed[index]
            return [
                "index": index, "description": row?.description ?? "", "quantity": row?.quantity ?? "1",
                "unitPrice": row?.unitPrice ?? "", "optional": row?.optional == "yes",
                "quantityError": refusal?.row == index && refusal?.column == .quantity ? refused as Any : false,
                "priceError": refusal?.row == index && refusal?.column == .unitPrice ? refused as Any : false,
            ]
        }
    }
}
