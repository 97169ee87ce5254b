extension Browser {
    /// Opens the pay form at `path` and pays `amount` with `cardNumber` as a person does: a changed amount comes back
    /// with its charge (issue #18), and that is confirmed once. The last answer.
    mutating func pay(_ path: String, amount: String, cardNumber: String, nameOnCard: String = "Cece") async throws -> Page {
        var page = try await get(path)
        for _ in 0..<2 where page.status == .ok {
            page = try await post(path, [
                ("idempotencyKey", page.hiddenField("idempotencyKey") ?? ""), ("amount", amount),
                ("confirmedAmount", page.hiddenField("confirmedAmount") ?? ""), ("nameOnCard", nameOnCard),
                ("cardNumber", cardNumber), ("expiry", "12/30"), ("securityCode", "123"),
            ])
        }
        return page
    }
}
