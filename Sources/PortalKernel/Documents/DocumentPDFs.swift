import Foundation

/// The PDF of a ``PrintedDocument`` in its account's branding, logo included (SPEC F16): every PDF the portal serves
/// or attaches to an email is drawn through this.
public struct DocumentPDFs: Sendable {
    let services: PortalServices

    /// Draws with `services.documents`, reading the logo from `services.files`.
    public init(services: PortalServices) {
        self.services = services
    }

    /// `document` drawn as a PDF, with `account`'s logo when it has one. A logo gone from the file store is left out
    /// and logged: the document matters more than its letterhead.
    /// - Throws: what the ``DocumentRenderer`` throws.
    public func pdf(_ document: PrintedDocument, of account: Account) async throws -> Data {
        var document = document
        if let address = account.branding.logoFile {
            do {
                document.logo = try await services.files.get(address)
            } catch {
                services.logger.warning("The logo could not be read; the PDF is drawn without it", metadata: ["logo": "\(address)", "error": "\(error)"])
            }
        }
        return try await services.documents.render(document)
    }
}
