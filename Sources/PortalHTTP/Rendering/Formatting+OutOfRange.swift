import PortalKernel

/// Amounts of stored records that cannot be totalled (SPEC M2): the page shows the others and says so for this one.
extension Formatting {
    /// What a page shows in place of an amount that cannot be computed.
    static let unavailable = "Amount unavailable"

    /// The amount `compute` gives, written as ``money(_:)`` does, or ``unavailable`` when the record's amounts are
    /// out of range.
    func money(_ compute: () throws -> Money) -> String {
        do {
            return money(try compute())
        } catch {
            return Self.unavailable
        }
    }
}
