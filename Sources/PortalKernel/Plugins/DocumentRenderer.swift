import Foundation

/// Turns a ``PrintedDocument`` into a PDF (SPEC F16): a proposal, an invoice, a receipt or a statement as its page
/// shows it, in the account's branding. Chosen by `documents.driver` (`cairo`, …), so a team can swap it.
public protocol DocumentRenderer: Sendable {
    /// The driver name it was registered under (`cairo`), shown by `/health`.
    var driverName: String { get }

    /// The PDF of `document`: pages numbered, the table's header repeated on each page it runs onto, text that can
    /// be selected and searched (fonts embedded).
    /// - Throws: when the renderer fails (the server's fault, not the document's).
    func render(_ document: PrintedDocument) async throws -> Data
}
