import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import PortalTestSupport
import Testing

@testable import PortalHTTP

/// Files staff attach to records and share with the client (#25, SPEC F17).
@Suite("Files staff share")
struct SharedFilesTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8)

    static func upload(_ bytes: Data, name: String) -> Browser.Upload {
        Browser.Upload(field: "file", fileName: name, contentType: "application/octet-stream", bytes: bytes)
    }

    @Test("F17: staff attach a PDF and a crew's photo to an invoice and share them; the client sees them on the invoice and downloads them; another customer gets the same 404 as a missing file; unshared or removed, they are gone")
    func attachShareAndServe() async throws {
        let bed = try await PortalTestbed()
        let photo = try await TestPhotos.make(.jpeg)
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let page = try await staff.get("/admin/invoices/\(Seed.CeceInvoice.unpaid)")
            #expect(page.body.contains(#"name="owner" value="invoice:\#(Seed.CeceInvoice.unpaid)""#))
            let back = "/admin/invoices/\(Seed.CeceInvoice.unpaid)"
            let fields = [("owner", "invoice:\(Seed.CeceInvoice.unpaid)"), ("shared", "yes"), ("back", back)]
            let attached = try await staff.postMultipart("/admin/files", fields, files: [Self.upload(Self.pdf, name: "Estimate %22final%22.pdf")])
            #expect(attached.status == .seeOther && attached.location == "\(back)?done=fileAttached")
            _ = try await staff.get(back)
            _ = try await staff.postMultipart("/admin/files", fields, files: [Self.upload(photo, name: "C:\\crew\\after.jpg")])
            let files = try await bed.services.storage.records(AttachedFile.self).all(in: Seed.accountA).sorted { $0.mediaType < $1.mediaType }
            #expect(files.map(\.name) == ["Estimate \"final\".pdf", "after.jpg"], "a folder in the name is dropped")
            #expect(files.map(\.mediaType) == ["application/pdf", "image/jpeg"])
            let kept = try await TestPhotos.inspect(try #require(try await bed.services.files.get(files[1].content)))
            #expect(kept.metadata.isEmpty && kept.planted.isEmpty, "a crew's photo loses its location too")
            let timeline = try await bed.services.storage.auditEvents.all(about: .invoice(Seed.CeceInvoice.unpaid), in: Seed.accountA)
            #expect(timeline.filter { $0.action == .fileAttached }.count == 2)

            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let invoicePage = try await cece.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)")
            #expect(invoicePage.body.contains("Files from"))
            #expect(invoicePage.body.contains(#"href="/portal/greenleaf/files/\#(files[0].id)""#))
            let download = try await cece.get("/portal/greenleaf/files/\(files[0].id)")
            #expect(download.status == .ok && download.headers[.contentType] == "application/pdf" && download.body == String(decoding: Self.pdf, as: UTF8.self))
            #expect(download.headers[.contentDisposition] == #"attachment; filename="Estimate _final_.pdf"; filename*=UTF-8''Estimate%20%22final%22.pdf"#)
            #expect(download.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            #expect(try await cece.get("/portal/greenleaf/files/\(files[1].id)/thumbnail").headers[.contentType] == "image/jpeg")

            var bob = Browser(client)
            try await bed.logIn("bob@example.com", browser: &bob)
            let missing = try await bob.get("/portal/greenleaf/files/no-such-file")
            #expect(missing.status == .notFound)
            let others = try await bob.get("/portal/greenleaf/files/\(files[0].id)")
            #expect(others.status == .notFound && others.body == missing.body)

            _ = try await staff.get(back)
            let unshared = try await staff.post("/admin/files/\(files[0].id)/share", [("shared", "no"), ("back", back)])
            #expect(unshared.status == .seeOther)
            #expect(try await cece.get("/portal/greenleaf/files/\(files[0].id)").status == .notFound, "no longer shared")
            #expect(!(try await cece.get("/portal/greenleaf/invoices/\(Seed.CeceInvoice.unpaid)")).body.contains("/files/\(files[0].id)"))
            _ = try await staff.get(back)
            _ = try await staff.post("/admin/files/\(files[1].id)/remove", [("back", back)])
            #expect(try await staff.get("/admin/files/\(files[1].id)").status == .notFound, "removed: served to nobody")
            #expect(try await cece.get("/portal/greenleaf/files/\(files[1].id)").status == .notFound)
        }
        await bed.remove()
    }

    @Test("F17: staff attaching a page or a script named .pdf or .jpg get a clear refusal, and nothing is kept; a file for a record of another company is a 404")
    func refusals() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            _ = try await staff.get("/admin/invoices/\(Seed.CeceInvoice.unpaid)")
            let fields = [("owner", "invoice:\(Seed.CeceInvoice.unpaid)"), ("back", "/admin/invoices/\(Seed.CeceInvoice.unpaid)")]
            for (name, bytes) in [("page.pdf", Data("<html><script>alert(1)</script>".utf8)), ("shell.jpg", Data("<?php echo 1; ?>".utf8))] {
                let refused = try await staff.postMultipart("/admin/files", fields, files: [Self.upload(bytes, name: name)])
                #expect(refused.status == .unprocessableContent && refused.body.contains("Attach a photo (JPEG or PNG) or a PDF."), "\(name)")
            }
            let elsewhere = try await staff.postMultipart(
                "/admin/files", [("owner", "invoice:\(Seed.danaInvoice)")], files: [Self.upload(Self.pdf, name: "x.pdf")])
            #expect(elsewhere.status == .notFound)
            #expect(try await bed.services.storage.records(AttachedFile.self).all(in: Seed.accountA).isEmpty)
            #expect(try await bed.services.storage.records(AttachedFile.self).all(in: Seed.accountB).isEmpty)
            #expect(try await bed.services.files.addresses().isEmpty)
        }
        await bed.remove()
    }

    @Test("F17: an invoice moved to another customer takes its shared files along: the first customer no longer gets them")
    func movedDocument() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            let files = AttachedFiles(services: bed.services)
            let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
            let file = try await files.attach(
                Self.pdf, name: "plan.pdf", to: .invoice(Seed.CeceInvoice.unpaid), shared: true, in: account, by: nil, email: "office@example.com")
            #expect(try await files.download(file.id, .original, for: .client(account, Seed.cece)) != nil)
            var invoice = try #require(try await bed.services.storage.invoices.find(Seed.CeceInvoice.unpaid, in: Seed.accountA))
            invoice.customerID = Seed.bob
            try await bed.services.storage.invoices.update(invoice)
            #expect(try await files.download(file.id, .original, for: .client(account, Seed.cece)) == nil)
            #expect(try await files.download(file.id, .original, for: .client(account, Seed.bob)) != nil)
            #expect(try await files.download(file.id, .thumbnail, for: .staff(Seed.accountA)) == nil, "a PDF has no thumbnail")
            #expect(try await files.download(file.id, .original, for: .staff(Seed.accountB)) == nil)
        }
        await bed.remove()
    }
}

/// #25: the file URL is no way around the portal's rules.
@Suite("Files of records the portal does not show")
struct HiddenRecordFilesTests {
    @Test("F17, P2, I1: a file shared on a draft proposal, a voided invoice, a lead or a job the portal shows nothing of is the same 404 as a missing one; on a shown proposal, or a job with a shown proposal, it is served")
    func hiddenRecords() async throws {
        let bed = try await PortalTestbed()
        let files = AttachedFiles(services: bed.services)
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let quiet = Job(id: "job-quiet", accountID: Seed.accountA, customerID: Seed.cece, title: "Nothing sent yet", createdStage: .proposal, createdAt: PortalTestbed.now)
        try await bed.services.storage.jobs.insert(quiet)
        let proposalJob = try #require(try await bed.services.storage.proposals.find(Seed.CeceProposal.open, in: Seed.accountA)).jobID
        // The portal lead came from Cece: its job is hers, so its file could be shared with her.
        let lead = try #require(try await bed.services.storage.leads.find(Seed.portalLead, in: Seed.accountA))
        var leadJob = try #require(try await bed.services.storage.jobs.find(lead.jobID, in: Seed.accountA))
        leadJob.customerID = Seed.cece
        try await bed.services.storage.jobs.update(leadJob)
        var ids: [String: AttachedFile.ID] = [:]
        for (name, owner) in [
            ("draft", RecordReference.proposal(Seed.CeceProposal.draft)), ("voided", .invoice(Seed.CeceInvoice.voided)),
            ("lead", .lead(Seed.portalLead)), ("quiet-job", .job(quiet.id)), ("open", .proposal(Seed.CeceProposal.open)),
            ("proposal-job", .job(proposalJob)),
        ] {
            ids[name] = try await files.attach(
                SharedFilesTests.pdf, name: "\(name).pdf", to: owner, shared: true, in: account, by: nil, email: "office@example.com"
            ).id
        }
        let attached = ids
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let missing = try await cece.get("/portal/greenleaf/files/no-such-file")
            for name in ["draft", "voided", "lead", "quiet-job"] {
                let hidden = try await cece.get("/portal/greenleaf/files/\(try #require(attached[name]))")
                #expect(hidden.status == .notFound && hidden.body == missing.body, "\(name)")
            }
            for name in ["open", "proposal-job"] {
                #expect(try await cece.get("/portal/greenleaf/files/\(try #require(attached[name]))").status == .ok, "\(name)")
            }
            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            #expect(try await staff.get("/admin/files/\(try #require(attached["draft"]))").status == .ok, "staff see every file")
        }
        await bed.remove()
    }

    @Test("#25: a stored file gone from the file store answers a 500 page, not an empty body, and the log names the file")
    func missingBytes() async throws {
        let bed = try await PortalTestbed()
        let files = AttachedFiles(services: bed.services)
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let file = try await files.attach(
            SharedFilesTests.pdf, name: "plan.pdf", to: .invoice(Seed.CeceInvoice.unpaid), shared: true, in: account, by: nil, email: "office@example.com")
        let hex = file.content.rawValue
        let stored = bed.folder.appendingPathComponent("files/\(hex.prefix(2))/\(hex.dropFirst(2).prefix(2))/\(hex)")
        try FileManager.default.removeItem(at: stored)
        let sink = CapturedLog()
        let app = Application(router: try PortalRouter.build(services: bed.services, options: PortalHTTPOptions(proxies: .anyPeer)), logger: sink.logger)
        try await app.test(.router) { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            let broken = try await cece.get("/portal/greenleaf/files/\(file.id)")
            #expect(broken.status == .internalServerError)
            #expect(broken.headers[.contentType]?.hasPrefix("text/html") == true && broken.body.contains("Something went wrong"))
            #expect(broken.body.contains(#"href="/portal/greenleaf""#) && !broken.body.contains(hex))
        }
        let lines = sink.lines.withLock { $0 }.filter { $0.contains("Request failed") }
        #expect(lines.count == 1 && lines.first?.contains(file.id.rawValue) == true && lines.first?.contains(hex) == true, "\(lines)")
        await bed.remove()
    }

    @Test("F17: a file attached to a lead before its job had a customer can be shared once it has one")
    func sharedOnceTheLeadHasACustomer() async throws {
        let bed = try await PortalTestbed()
        let files = AttachedFiles(services: bed.services)
        let account = try #require(try await bed.services.storage.accounts.find(Seed.accountA))
        let lead = try #require(try await bed.services.storage.leads.find(Seed.phoneLead, in: Seed.accountA))
        let file = try await files.attach(SharedFilesTests.pdf, name: "plan.pdf", to: .lead(lead.id), shared: false, in: account, by: nil, email: "office@example.com")
        await #expect(throws: UseCaseError.self) { try await files.share(file.id, true, in: account, by: nil) }
        var job = try #require(try await bed.services.storage.jobs.find(lead.jobID, in: Seed.accountA))
        job.customerID = Seed.cece
        try await bed.services.storage.jobs.update(job)
        let shared = try await files.share(file.id, true, in: account, by: nil)
        #expect(shared.sharedWithClient && shared.customerID == Seed.cece)
        await bed.remove()
    }
}
