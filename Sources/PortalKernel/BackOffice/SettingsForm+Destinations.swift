/// The settings form as saved by a person or the API: besides ``SettingsForm/applied(to:)``, each webhook URL the
/// account did not have yet is checked by the configured sender (issue #17: https only unless the operator allows
/// http, and no host that is or resolves to a reserved address). URLs saved before are left to the delivery-time
/// check, so a setting the operator tightened later does not block saving the other fields.
extension SettingsForm {
    public func applied(to account: Account, webhooks sender: any WebhookSender) async -> Result<Account, FieldProblems<Field>> {
        let result = applied(to: account)
        guard case .success(let updated) = result else { return result }
        for url in updated.settings.webhookURLs where !account.settings.webhookURLs.contains(url) {
            if let problem = await sender.destinationProblem(url) {
                return .failure(FieldProblems([.webhookURLs: "\"\(url)\" cannot receive webhooks: \(problem)."]))
            }
        }
        return result
    }
}
