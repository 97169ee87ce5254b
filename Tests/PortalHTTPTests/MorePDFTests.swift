import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import PortalTestSupport
import SandboxPayments
import Testing

@testable import PortalHTTP

/// The receipt's and statement's PDFs, staff's downloads, and the PDF an email carries (#25, SPEC F16).
@Suite("PDFs of receipts, statements, staff and emails")
struct MorePDFTests {
    @Test("F16: a receipt's PDF and the statement's PDF say what their pages say, in the client's script; another customer's receipt is the same 404", arguments: ["USD", "JPY"])
    func receiptAndStatement(currency: String) async throws {
        let bed = try await PortalTestbed(currencyCode: currency)
        try await DocumentPDFTests.renameCece(bed)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            let format = Formatting(account: account)
            let statementPage = try await cece.get("/portal/greenleaf/statement")
            #expect(statementPage.body.contains(#"href="/portal/greenleaf/statement.pdf">Download PDF</a>"#))
            let statement = try await cece.get("/portal/greenleaf/statement.pdf")
            #expect(statement.status == .ok && statement.headers[.contentType] == "application/pdf")
            let statementSound = try await PDFCheck.check(statement.data).sound
            #expect(statementSound)
            let statementText = try await PDFCheck.text(of: statement.data)
            let unpaid = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
            #expect(statementText.contains("Statement") && statementText.contains("Total owed"))
            // Every column of the page, on the page: the due date and what is owed too.
            for header in ["Invoice", "Dated", "Due", "Owed"] { #expect(statementText.contains(header), "\(header)") }
            for part in DocumentPDFTests.clientName.split(separator: " ") { #expect(statementText.contains(part), "\(part)") }
            #expect(statementPage.body.contains(unpaid.number) && statementText.contains(unpaid.number))
            #expect(statementText.contains(format.money(try unpaid.balance)))
            let total = try #require(statementPage.body.firstMatch(of: /Total owed<\/th><td>([^<]+)</).map { String($0.1) })
            #expect(statementText.contains(total), "the page's total, \(total)")

            // 5,000 minor units: $50.00, or ¥5,000.
            let amount = format.amountField(Money(cents: 5_000))
            let paid = try await cece.pay("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)/pay", amount: amount, cardNumber: SandboxPayments.TestCard.approved)
            let receiptPath = try #require(paid.location?.split(separator: "?").first.map(String.init))
            let receiptPage = try await cece.get(receiptPath)
            #expect(receiptPage.body.contains(#"href="\#(receiptPath).pdf">Download PDF</a>"#))
            let receipt = try await cece.get("\(receiptPath).pdf")
            #expect(receipt.status == .ok && receipt.headers[.contentType] == "application/pdf")
            let receiptSound = try await PDFCheck.check(receipt.data).sound
            #expect(receiptSound)
            let receiptText = try await PDFCheck.text(of: receipt.data)
            let payment = try #require(try await bed.services.storage.payments.all(for: Seed.CeceInvoice.unpaid, in: Seed.accountA).first)
            #expect(receiptText.contains("Receipt for invoice MARK-CECE-INV-UNPAID"))
            let charged = format.money(try payment.charged)
            #expect(receiptText.contains(format.money(payment.amount)) && receiptText.contains(charged))
            let reference = try #require(payment.gatewayReference)
            #expect(receiptText.contains(reference))
            for part in DocumentPDFTests.clientName.split(separator: " ") { #expect(receiptText.contains(part), "\(part)") }

            var bob = Browser(client)
            try await bed.logIn("bob@example.com", browser: &bob)
            let missing = try await bob.get("/portal/greenleaf/receipts/no-such-payment.pdf")
            let others = try await bob.get("\(receiptPath).pdf")
            #expect(missing.status == .notFound && others.status == .notFound && others.body == missing.body)
        }
        await bed.remove()
    }

    @Test("F16: staff download an invoice's and a proposal's PDF from the back office, the client's own; another company's is a 404; a client is sent to log in")
    func staffDownloads() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let invoicePage = try await staff.get("/admin/invoices/\(Seed.CeceInvoice.unpaid)")
            #expect(invoicePage.body.contains(#"href="/admin/invoices/\#(Seed.CeceInvoice.unpaid).pdf">Download PDF</a>"#))
            let invoice = try await staff.get("/admin/invoices/\(Seed.CeceInvoice.unpaid).pdf")
            #expect(invoice.status == .ok && invoice.headers[.contentType] == "application/pdf")
            let invoiceText = try await PDFCheck.text(of: invoice.data)
            #expect(invoiceText.contains("Invoice MARK-CECE-INV-UNPAID") && invoiceText.contains("Balance due"))

            var draft = try #require(try await bed.services.storage.proposals.find(Seed.CeceProposal.draft, in: Seed.accountA))
            draft.lineItems.append(LineItem(description: "Haul away MARK-OPTIONAL", unitPrice: Money(cents: 8_000), isOptional: true))
            try await bed.services.storage.proposals.update(draft)
            let proposalPage = try await staff.get("/admin/proposals/\(Seed.CeceProposal.draft)")
            #expect(proposalPage.body.contains(#"href="/admin/proposals/\#(Seed.CeceProposal.draft).pdf">Download PDF</a>"#))
            let proposal = try await staff.get("/admin/proposals/\(Seed.CeceProposal.draft).pdf")
            #expect(proposal.status == .ok)
            let proposalText = try await PDFCheck.text(of: proposal.data)
            #expect(proposalText.contains("MARK-CECE-DRAFT") && proposalText.contains("Not sent"), "a draft, as staff see it before sending")
            #expect(proposalText.contains("Haul away MARK-OPTIONAL (optional)"), "a draft's optional line, marked")

            // A number with a slash, a right-to-left override and a line break names the download safely.
            var odd = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
            odd.number = "A/B\u{202E}C\r\nD"
            try await bed.services.storage.invoices.update(odd)
            let named = try await staff.get("/admin/invoices/\(Seed.CeceInvoice.unpaid).pdf")
            #expect(named.headers[.contentDisposition] == #"attachment; filename="Invoice A-BCD.pdf"; filename*=UTF-8''Invoice%20A-BCD.pdf"#)

            #expect(try await staff.get("/admin/invoices/\(Seed.danaInvoice).pdf").status == .notFound)
            #expect(try await staff.get("/admin/proposals/\(Seed.danaProposal).pdf").status == .notFound)
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let refused = try await cece.get("/admin/invoices/\(Seed.CeceInvoice.unpaid).pdf")
            #expect(refused.status == .seeOther && refused.location?.hasPrefix("/admin/login") == true)
        }
        await bed.remove()
    }

    @Test("F16: with \"Attach the PDF\" ticked, the invoice and proposal emails carry their PDF, which reads back as the document under a safe name; unticked, none")
    func emailedPDFs() async throws {
        let bed = try await PortalTestbed()
        try await DocumentPDFTests.renameCece(bed)
        try await bed.run { client in
            var admin = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &admin)
            let settings = try await admin.get("/admin/settings")
            #expect(settings.body.contains(#"name="attachesPDFs" value="yes""#) && !settings.body.contains(#"name="attachesPDFs" value="yes" checked"#))
            try await Self.send(&admin, bed)
            let plain = try bed.mail.to("cece@example.com").filter { $0.header("Subject")?.contains("MARK-CECE-INV-UNPAID") == true }
            #expect(plain.count == 1 && plain.first?.raw.contains("multipart/mixed") == false, "off: no attachment")

            var account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            account.settings.attachesPDFs = true
            try await bed.services.storage.accounts.update(account)
            #expect(try await admin.get("/admin/settings").body.contains(#"name="attachesPDFs" value="yes" checked"#))
            try await Self.send(&admin, bed)
            let queued = try await bed.services.storage.outbox.all(about: .invoice(Seed.CeceInvoice.unpaid), in: Seed.accountA).compactMap(\.email)
            let withPDF = try #require(queued.first { !$0.attachments.isEmpty })
            #expect(withPDF.attachments.map(\.fileName) == ["Invoice MARK-CECE-INV-UNPAID.pdf"])
            let pdf = try #require(withPDF.attachments.first?.content)
            let text = try await PDFCheck.text(of: pdf)
            #expect(text.contains("Invoice MARK-CECE-INV-UNPAID") && text.contains("Balance due"))
            for part in DocumentPDFTests.clientName.split(separator: " ") { #expect(text.contains(part), "\(part)") }
            let written = try bed.mail.to("cece@example.com").filter { $0.raw.contains("multipart/mixed") }
            #expect(written.count == 1)
            let strict = try await StrictEmailCheck.problems(
                written: [(try #require(written.first).raw, withPDF)], sender: .init(address: "portal@portal.test"))
            #expect(strict == nil, "the .eml the mailer wrote decodes to the same PDF")

            _ = try await admin.get("/admin/proposals/\(Seed.CeceProposal.draft)")
            let sent = try await admin.post("/admin/proposals/\(Seed.CeceProposal.draft)/send")
            #expect(sent.status == .seeOther)
            let proposalEmail = try #require(
                try await bed.services.storage.outbox.all(about: .proposal(Seed.CeceProposal.draft), in: Seed.accountA).compactMap(\.email).first)
            let proposalPDF = try #require(proposalEmail.attachments.first)
            #expect(proposalPDF.fileName.hasPrefix("Proposal ") && proposalPDF.fileName.hasSuffix(".pdf"))
            let proposalText = try await PDFCheck.text(of: proposalPDF.content)
            #expect(proposalText.contains("MARK-CECE-DRAFT") && !proposalText.contains("Not sent"), "the proposal as sent")
        }
        await bed.remove()
    }

    @Test("F16: an admin uploads a PNG logo on the settings page and every PDF carries it; a JPEG or a page named .png is refused beside the field; Remove takes it off")
    func logo() async throws {
        let bed = try await PortalTestbed()
        let png = try await TestPhotos.make(.png)
        let jpeg = try await TestPhotos.make(.jpeg)
        try await bed.run { client in
            var admin = Browser(client)
            try await bed.staffLogIn(Seed.adminEmail, browser: &admin)
            let settings = try await admin.get("/admin/settings")
            #expect(settings.body.contains(#"action="/admin/settings/logo" enctype="multipart/form-data""#) && settings.body.contains("No logo yet"))
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let without = try await cece.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid).pdf")
            #expect(try await PDFCheck.imageCount(without.data) == 0)

            for (bytes, name) in [(jpeg, "logo.jpg"), (Data("<html>not a logo</html>".utf8), "logo.png")] {
                let refused = try await admin.postMultipart(
                    "/admin/settings/logo", [("intent", "upload")], files: [.init(field: "logo", fileName: name, contentType: "image/png", bytes: bytes)])
                #expect(refused.status == .unprocessableContent && refused.body.contains("The logo must be a PNG image"), "\(name)")
                #expect(refused.body.contains(#"id="logo" name="logo" accept="image/png" aria-invalid="true""#))
            }
            _ = try await admin.get("/admin/settings")
            let saved = try await admin.postMultipart(
                "/admin/settings/logo", [("intent", "upload")], files: [.init(field: "logo", fileName: "logo.png", contentType: "image/png", bytes: png)])
            #expect(saved.status == .seeOther && saved.location == "/admin/settings?done=logo")
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            let logoFile = try #require(account.branding.logoFile)
            let kept = try #require(try await bed.services.files.get(logoFile))
            let inspected = try await TestPhotos.inspect(kept)
            #expect(inspected.format == "PNG" && inspected.metadata.isEmpty, "cleaned as a photo is: \(inspected.metadata)")
            #expect(try await admin.get("/admin/settings").body.contains("A logo is saved"))

            for path in [
                "/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid).pdf", "/portal/greenleaf/proposals/\(Seed.CeceProposal.open).pdf",
                "/portal/greenleaf/statement.pdf",
            ] {
                let pdf = try await cece.get(path)
                #expect(try await PDFCheck.imageCount(pdf.data) == 1, "\(path)")
                #expect(try await PDFCheck.check(pdf.data).sound)
            }
            #expect(try await PDFCheck.imageCount(try await admin.get("/admin/invoices/\(Seed.CeceInvoice.unpaid).pdf").data) == 1)

            _ = try await admin.get("/admin/settings")
            let removed = try await admin.postMultipart("/admin/settings/logo", [("intent", "remove")], files: [])
            #expect(removed.status == .seeOther && removed.location == "/admin/settings?done=logoRemoved")
            #expect(try await bed.services.storage.accounts.find(Seed.accountA)?.branding.logoFile == nil)
            #expect(try await PDFCheck.imageCount(try await cece.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid).pdf").data) == 0)
        }
        await bed.remove()
    }

    /// Staff press Send on Cece's unpaid invoice, and the outbox is delivered.
    static func send(_ staff: inout Browser, _ bed: PortalTestbed) async throws {
        _ = try await staff.get("/admin/invoices/\(Seed.CeceInvoice.unpaid)")
        let sent = try await staff.post("/admin/invoices/\(Seed.CeceInvoice.unpaid)/send")
        #expect(sent.status == .seeOther)
        bed.clock.advance(by: 60)
        try await bed.deliverMail()
    }
}
