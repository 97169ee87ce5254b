import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import PortalTestSupport
import Testing

@testable import PortalHTTP

/// PDFs of invoices and proposals (#25, SPEC F16), read back with pdftotext and checked with qpdf.
@Suite("PDFs")
struct DocumentPDFTests {
    /// A name with accents and one in a non-Latin script.
    static let clientName = "Cécile Ōtsuka 大塚 Ελένη"

    /// Renames client A as ``clientName``.
    static func renameCece(_ bed: PortalTestbed) async throws {
        var cece = try #require(try await bed.services.storage.customers.find(Seed.cece, in: Seed.accountA))
        cece.displayName = clientName
        try await bed.services.storage.customers.update(cece)
    }

    @Test("F16: an invoice's PDF, in USD, is sound, names the invoice and the client in any script, and its totals as the page does; another customer's is the same 404", arguments: ["USD", "JPY"])
    func invoicePDF(currency: String) async throws {
        let bed = try await PortalTestbed(currencyCode: currency)
        try await Self.renameCece(bed)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let page = try await cece.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)")
            #expect(page.body.contains(#"href="/portal/greenleaf/invoices/\#(Seed.CeceInvoice.unpaid).pdf">Download PDF</a>"#))
            let invoice = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
            let pdf = try await cece.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid).pdf")
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition]?.hasPrefix(#"attachment; filename="Invoice \#(invoice.number).pdf""#) == true)
            let checked = try await PDFCheck.check(pdf.data)
            #expect(checked.sound, "qpdf: \(checked.output)")
            let text = try await PDFCheck.text(of: pdf.data)
            #expect(text.contains("Invoice \(invoice.number)"))
            for part in Self.clientName.split(separator: " ") { #expect(text.contains(part), "\(part) in \(text)") }
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            let total = Formatting(account: account).money(try invoice.total)
            let balance = Formatting(account: account).money(try invoice.balance)
            #expect(text.contains(total) && text.contains(balance), "\(total), \(balance) in \(text)")
            #expect(page.body.contains(total), "as the page shows it: \(total)")
            if currency == "JPY" { #expect(total.hasPrefix("¥") && !total.contains("."), "yen without decimals: \(total)") }
            #expect(text.contains("Page 1 of 1"))
            #expect(try await PDFCheck.fonts(pdf.data).contains("yes"), "fonts embedded")

            var bob = Browser(client)
            try await bed.logIn("bob@example.com", browser: &bob)
            let missing = try await bob.get("/portal/greenleaf/invoices/no-such-invoice.pdf")
            let others = try await bob.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid).pdf")
            #expect(missing.status == .notFound && others.status == .notFound && others.body == missing.body)
        }
        await bed.remove()
    }

    @Test("F16: an invoice of 90 lines runs onto several numbered pages, the table's header on each")
    func longInvoice() async throws {
        let bed = try await PortalTestbed()
        var invoice = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
        invoice.lineItems = (1...90).map { LineItem(description: "Visit \($0): mow, edge and blow", unitPrice: Money(cents: 4_500)) }
        try await bed.services.storage.invoices.update(invoice)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let pdf = try await cece.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid).pdf")
            let sound = try await PDFCheck.check(pdf.data).sound
            #expect(sound)
            let all = try await PDFCheck.text(of: pdf.data)
            let pages = try #require(all.firstMatch(of: /Page 1 of (\d+)/).flatMap { Int($0.1) })
            #expect(pages >= 2)
            for number in 1...pages {
                let page = try await PDFCheck.text(of: pdf.data, pages: number...number)
                #expect(page.contains("Description") && page.contains("Amount"), "the header on page \(number)")
                #expect(page.contains("Page \(number) of \(pages)"))
            }
            #expect(all.contains("Visit 1:") && all.contains("Visit 90:"), "every line")
        }
        await bed.remove()
    }

    @Test("F16: an accepted proposal's PDF carries the typed name, the time and the accepted version's SHA-256")
    func acceptedProposal() async throws {
        let bed = try await PortalTestbed()
        try await Self.renameCece(bed)
        var proposal = try #require(try await bed.services.storage.proposals.find(Seed.CeceProposal.open, in: Seed.accountA))
        let hash = proposal.contentHash
        proposal.status = .accepted
        proposal.acceptance = Acceptance(
            via: .portal, acceptedAt: PortalTestbed.now, signatureName: Self.clientName, ipAddress: "203.0.113.10", userAgent: "phone",
            versionHash: hash, chosenOptionalItemIDs: [])
        try await bed.services.storage.proposals.update(proposal)
        let title = proposal.title
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let page = try await cece.get("/portal/greenleaf/proposals/\(Seed.CeceProposal.open)")
            #expect(page.body.contains("Download PDF"))
            let pdf = try await cece.get("/portal/greenleaf/proposals/\(Seed.CeceProposal.open).pdf")
            let sound = try await PDFCheck.check(pdf.data).sound
            #expect(pdf.status == .ok && sound)
            let text = try await PDFCheck.text(of: pdf.data)
            #expect(text.contains(title))
            #expect(text.contains("Accepted by") && text.contains("Cécile Ōtsuka 大塚 Ελένη"), "\(text)")
            #expect(text.contains(hash), "the version's SHA-256 whole on one line")
            #expect(text.contains("203.0.113.10"))
        }
        await bed.remove()
    }
}
