/// Counts read back from storage (attempts, versions, failures) may hold any value an older version, an import or a
/// direct write left there: adding to them saturates instead of trapping (SPEC M2: no stored record can stop the
/// server).
extension Int {
    /// `self + other`, held at `Int.max` or `Int.min` instead of overflowing.
    public func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
