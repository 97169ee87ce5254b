/// The settings form as saved by a person or the API: besides ``SettingsForm/applied(to:)``, each webhook URL the
/// account did not have yet is checked by the configured sender (issue #17: https only unless the operator allows
/// http, and no host that is or resolves to a reserved address). URLs saved before are left to the delivery-time
/// check, so a setting the operator tightened later does not block saving the other fields.
extension SettingsForm {
    /// - Throws: `UseCaseError.invalid(fields:)` keyed by ``Field``.
    public func applied(to account: Account, webhooks sender: any WebhookSender) async throws(UseCaseError) -> Account {
        let updated = try applied(to: account)
        for url in updated.settings.webhookURLs where !account.settings.webhookURLs.contains(url) {
            if let problem = await sender.destinationProblem(url) {
                throw UseCaseError.invalid(fields: [Field.webhookURLs: "\"\(url)\" cannot receive webhooks: \(problem)."])
            }
        }
        return updated
    }
}
