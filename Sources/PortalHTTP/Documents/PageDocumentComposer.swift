import PortalKernel

/// The kernel's ``DocumentComposer`` as the portal's pages word things (SPEC F16): the PDF an email attaches is the
/// one the client downloads from the invoice's or proposal's page, made from the same page model.
public struct PageDocumentComposer: DocumentComposer {
    /// A composer; it has no settings.
    public init() {}

    public func invoice(
        _ invoice: Invoice, customer: Customer, payments: [Payment], serviceAddress: Address?, account: Account
    ) throws -> PrintedDocument {
        let page = try PortalController.invoiceModel(
            invoice, customer: customer, payments: payments, jobAddress: serviceAddress, format: Formatting(account: account),
            chrome: Self.chrome(account), base: "/portal/\(account.portalKey)", notice: nil, files: [])
        return PrintedDocuments.invoice(page, account: account, customer: customer)
    }

    public func proposal(_ proposal: Proposal, customer: Customer, account: Account, today: CalendarDate) throws -> PrintedDocument {
        let format = Formatting(account: account)
        let page = try ProposalPage(
            proposal: proposal, format: format, today: today, chrome: Self.chrome(account), typed: .init(chosen: []), actionBase: "", backURL: nil)
        return PrintedDocuments.proposal(page, proposal: proposal, account: account, customer: customer, format: format)
    }

    /// A page model's chrome, which a document does not show.
    private static func chrome(_ account: Account) -> PageChrome {
        PageChrome(title: "", brandName: account.branding.displayName, csrf: "")
    }
}
