import CPangoCairo
import Foundation
import PortalKernel
import PortalPluginKit

/// Draws ``PrintedDocument``s as PDFs with Cairo and Pango (`documents.driver = "cairo"`, the default; SPEC F16).
///
/// Cairo's PDF surface embeds the fonts it uses as subsets, so the text can be selected and searched; Pango shapes
/// and wraps it and falls back through fontconfig to a font that has each character (Noto, with its CJK fonts, from
/// Debian), so a name in any script is drawn, not boxes. A4 pages; the table's header is drawn again on each page it
/// runs onto; every page is numbered "Page n of N" (a first pass counts the pages).
public struct CairoDocumentRenderer: DocumentRenderer {
    /// `cairo`.
    public let driverName = "cairo"

    /// A renderer; it has no settings.
    public init() {}

    /// Drawn as ``HeavyWork``: off Swift's cooperative threads, a few at a time.
    public func render(_ document: PrintedDocument) async throws -> Data {
        try await HeavyWork.run { try Self.renderNow(document) }
    }

    /// The blocking work of ``render(_:)``: a first pass counts the pages, the second draws them numbered.
    static func renderNow(_ document: PrintedDocument) throws -> Data {
        let pages = try PDFPass(document: document, pageCount: nil).run().pages
        return try PDFPass(document: document, pageCount: pages).run().bytes
    }
}

/// Why Cairo could not make the PDF: its own words.
public struct CairoFailure: Error, CustomStringConvertible {
    /// Cairo's status, as it describes it.
    public let reason: String

    public var description: String { "Cairo failed: \(reason)" }
}

/// Registers the Cairo renderer as `documents.driver = "cairo"`. It has no settings.
public enum CairoDocumentsPlugin {
    /// The name `documents.driver` selects it by.
    public static let driverName = "cairo"

    public static func register(in registry: inout PluginRegistry) {
        registry.documentRenderers.register(driverName) { _, _ in CairoDocumentRenderer() }
    }
}
