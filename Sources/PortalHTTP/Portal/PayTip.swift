import PortalKernel

/// The pay page's tip for the crew (SPEC F14): the choices it offers and the tip a form asks for.
enum PayTip {
    /// One of the page's tip choices.
    struct Choice {
        /// The `tip` field's value: `none`, `10`, `15`, `20` or `other`.
        let value: String
        /// `None`, `15% ($19.44)`, `Another amount`.
        let label: String
        let checked: Bool
    }

    /// The tip `form` asks for on `paid` (the amount going to the invoice), in the account's currency: nothing when no
    /// tip is chosen; the chosen share rounded to the minor unit; the amount typed for `other`. The failure says what
    /// to type.
    static func amount(_ form: PortalController.PayForm, on paid: Money, format: Formatting) -> Result<Money, AmountEntryError> {
        switch form.tip ?? "none" {
        case "other":
            do throws(AmountEntryError) {
                return .success(try format.parseAmount(form.tipAmount ?? ""))
            } catch {
                return .failure(error)
            }
        case let percent:
            guard let basisPoints = Int(percent).map({ $0 * 100 }), TipChoice.offered.contains(basisPoints) else { return .success(.zero) }
            return .success((try? TipChoice.percentage(basisPoints: basisPoints).amount(on: paid)) ?? .zero)
        }
    }

    /// The choices, worded on `paid`, the one `form` chose checked (none at first).
    static func choices(_ form: PortalController.PayForm, on paid: Money, format: Formatting) -> [Choice] {
        let chosen = form.tip ?? "none"
        let shares = TipChoice.offered.map { basisPoints in
            let tip = (try? TipChoice.percentage(basisPoints: basisPoints).amount(on: paid)) ?? .zero
            let value = "\(basisPoints / 100)"
            return Choice(value: value, label: "\(format.percent(basisPoints: basisPoints)) (\(format.money(tip)))", checked: chosen == value)
        }
        let known = shares.map(\.value) + ["other"]
        return [Choice(value: "none", label: "No tip", checked: !known.contains(chosen))] + shares
            + [Choice(value: "other", label: "Another amount", checked: chosen == "other")]
    }
}
