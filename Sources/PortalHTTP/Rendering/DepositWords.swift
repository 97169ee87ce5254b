import PortalKernel

/// How pages word a deposit (SPEC F13), in the account's currency.
enum DepositWords {
    /// The deposit on `total`: `$300.00 (30% of the total)`, or `$250.00` for a fixed amount;
    /// ``AmountOutOfRange`` when the total is out of range (SPEC M2).
    static func due(_ deposit: Deposit, on total: Money, format: Formatting) throws(AmountOutOfRange) -> String {
        let amount = format.money(try deposit.amount(of: total))
        switch deposit {
        case .percentage(let basisPoints): return "\(amount) (\(format.percent(basisPoints: basisPoints)) of the total)"
        case .fixed: return amount
        }
    }
}
