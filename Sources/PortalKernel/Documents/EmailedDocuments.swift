import Foundation

/// The PDFs an invoice's or a proposal's email carries (SPEC F16): one when the account attaches PDFs and a
/// ``DocumentComposer`` is set, none otherwise. Drawn inside the sending transaction, so the PDF shows exactly what
/// was sent.
struct EmailedDocuments {
    let services: PortalServices

    /// The invoice's PDF, `Invoice {number}.pdf`, read with `store`.
    func invoice(_ invoice: Invoice, customer: Customer, in store: any Repositories, account: Account) async throws -> [EmailAttachment] {
        guard account.settings.attachesPDFs, let composer = composer(account) else { return [] }
        let document = try await composer.invoice(invoice, customer: customer, reading: store, account: account)
        return [try await attachment(document, named: "Invoice \(invoice.number)", account: account)]
    }

    /// The proposal's PDF, `Proposal {title}.pdf`.
    func proposal(_ proposal: Proposal, customer: Customer, account: Account) async throws -> [EmailAttachment] {
        guard account.settings.attachesPDFs, let composer = composer(account) else { return [] }
        let document = try composer.proposal(proposal, customer: customer, account: account, today: account.today(at: services.clock.now))
        return [try await attachment(document, named: "Proposal \(proposal.title)", account: account)]
    }

    /// `document` drawn in `account`'s branding, as `{name}.pdf`.
    private func attachment(_ document: PrintedDocument, named name: String, account: Account) async throws -> EmailAttachment {
        EmailAttachment(
            fileName: name, fileExtension: "pdf", mediaType: "application/pdf",
            content: try await DocumentPDFs(services: services).pdf(document, of: account))
    }

    private func composer(_ account: Account) -> (any DocumentComposer)? {
        if services.composer == nil {
            services.logger.warning("No document composer is set: the email goes without its PDF", metadata: ["account": "\(account.id)"])
        }
        return services.composer
    }
}
