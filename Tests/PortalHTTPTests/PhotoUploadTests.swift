import Foundation
import Hummingbird
import HummingbirdTesting
import PortalKernel
import PortalTestSupport
import Testing

@testable import PortalHTTP

/// Photos on the request-service and lead form (#25, SPEC F17): sent without JavaScript as `multipart/form-data`,
/// cleaned before anything is kept, shown to staff only.
@Suite("Photos on service requests")
struct PhotoUploadTests {
    static let filled = ServiceRequestTests.filled

    static func upload(_ bytes: Data, name: String = "IMG_0042.jpg", type: String = "image/jpeg") -> Browser.Upload {
        Browser.Upload(field: "photos", fileName: name, contentType: type, bytes: bytes)
    }

    /// The lead the filled form made, if any (the seed has leads of its own).
    static func leadSent(_ bed: PortalTestbed) async throws -> Lead? {
        try await bed.services.storage.leads.all(in: Seed.accountA).first { $0.name == "Jordan Rivers" }
    }

    @Test("F17: a lead form with a phone's JPEG and a PNG: kept upright without GPS, camera or any metadata, thumbnails on the lead page, links in the staff email, served to staff as images that run nothing")
    func photosKeptClean() async throws {
        let bed = try await PortalTestbed()
        let jpeg = try await TestPhotos.make(.jpeg)
        let png = try await TestPhotos.make(.png)
        try await bed.run { client in
            var browser = Browser(client)
            let form = try await browser.get("/portal/greenleaf?leadform=true")
            #expect(form.body.contains(#"enctype="multipart/form-data""#) && form.body.contains(#"type="file" id="photos" name="photos""#))
            let sent = try await browser.postMultipart(
                "/portal/greenleaf/request-service", Self.filled, files: [Self.upload(jpeg), Self.upload(png, name: "garden.png", type: "image/png")])
            #expect(sent.status == .seeOther && sent.location == "/portal/greenleaf/request-service?done=sent")

            let lead = try #require(try await Self.leadSent(bed))
            let files = try await bed.services.storage.records(AttachedFile.self).all(
                in: Seed.accountA, where: [.equal("owner", .text(RecordReference.lead(lead.id).storageKey))]
            ).sorted { $0.name < $1.name }
            #expect(files.map(\.name) == ["Photo 1.jpg", "Photo 2.png"], "named by their place, not by the phone's file name")
            #expect(files.allSatisfy { !$0.sharedWithClient && $0.source == .client && $0.addedBy == "jordan@example.net" })
            for file in files {
                let kept = try #require(try await bed.services.files.get(file.content))
                let image = try await TestPhotos.inspect(kept)
                #expect(image.metadata.isEmpty && image.planted.isEmpty, "left in \(file.name): \(image.metadata) \(image.planted)")
                #expect(file.byteCount == kept.count)
            }
            let photo = try await TestPhotos.inspect(try #require(try await bed.services.files.get(files[0].content)))
            #expect(photo.width == 300 && photo.height == 400 && photo.top[0] > 150, "the phone's orientation applied")
            let kept = try await bed.services.files.addresses()
            #expect(Set(kept) == Set(files.flatMap { [$0.content, $0.thumbnail].compactMap { $0 } }), "the photos and their thumbnails only")
            #expect(!kept.contains(FileAddress(of: jpeg)) && !kept.contains(FileAddress(of: png)), "never an upload as sent")

            try await bed.deliverMail()
            let notice = try #require(try bed.mail.to("office@greenleaf.example").first)
            for file in files { #expect(notice.decodedBody.contains("\(PortalTestbed.base)/admin/files/\(file.id)")) }

            var staff = Browser(client)
            try await bed.staffLogIn(Seed.staffEmail, browser: &staff)
            let page = try await staff.get("/admin/leads/\(lead.id)")
            #expect(page.body.contains(#"<img src="/admin/files/\#(files[0].id)/thumbnail""#) && page.body.contains(">Photo 1.jpg</a>"))
            let served = try await staff.get("/admin/files/\(files[0].id)")
            #expect(served.status == .ok && served.headers[.contentType] == "image/jpeg")
            #expect(served.headers[.contentDisposition] == #"inline; filename="Photo 1.jpg"; filename*=UTF-8''Photo%201.jpg"#)
            #expect(served.headers[.xContentTypeOptions] == "nosniff")
            #expect(served.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            #expect(served.headers[.cacheControl] == "private, no-store")
            let thumbnail = try await staff.get("/admin/files/\(files[1].id)/thumbnail")
            #expect(thumbnail.status == .ok && thumbnail.headers[.contentType] == "image/png")
        }
        await bed.remove()
    }

    @Test(
        "F17: a script or a page named .jpg, or a GIF, is refused beside the photo field, what was typed kept, nothing saved",
        arguments: [
            ("shell.php.jpg", Data("<?php system($_GET['c']); ?>".utf8)),
            ("page.jpg", Data("<html><body><script>alert(document.cookie)</script></body></html>".utf8)),
            ("anim.jpg", Data([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B])),
        ])
    func fakeImageRefused(name: String, bytes: Data) async throws {
        let bed = try await PortalTestbed()
        let photo = try await TestPhotos.make(.jpeg)
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf?leadform=true")
            let refused = try await browser.postMultipart(
                "/portal/greenleaf/request-service", Self.filled, files: [Self.upload(photo), Self.upload(bytes, name: name)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Photo 2 is not a JPEG or PNG photo that can be read"))
            #expect(refused.body.contains("Please choose your photos again"))
            #expect(refused.body.contains(#"value="Jordan Rivers""#) && refused.body.contains("9 Birch Rd, Springfield"), "what was typed is kept")
            #expect(try await Self.leadSent(bed) == nil)
            #expect(try await bed.services.storage.records(AttachedFile.self).all(in: Seed.accountA).isEmpty)
            #expect(try await bed.services.files.addresses().isEmpty, "not even the good photo before it is kept")
        }
        await bed.remove()
    }

    @Test("F17: six photos, one over 10 MB, or a file claiming 400 megapixels are refused with a clear message and the form kept")
    func limits() async throws {
        let bed = try await PortalTestbed()
        let photo = try await TestPhotos.make(.jpeg)
        let bomb = try await TestPhotos.make(.bomb)
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf?leadform=true")
            let six = try await browser.postMultipart(
                "/portal/greenleaf/request-service", Self.filled, files: Array(repeating: Self.upload(photo), count: 6))
            #expect(six.status == .unprocessableContent && six.body.contains("Attach at most 5 photos; you chose 6."))
            let large = photo + Data(repeating: 0, count: ServiceRequest.maxPhotoBytes)
            let tooLarge = try await browser.postMultipart("/portal/greenleaf/request-service", Self.filled, files: [Self.upload(large)])
            #expect(tooLarge.status == .unprocessableContent && tooLarge.body.contains("Photo 1 is larger than 10 MB."))
            #expect(tooLarge.body.contains(#"value="Jordan Rivers""#))
            let huge = try await browser.postMultipart(
                "/portal/greenleaf/request-service", Self.filled, files: [Self.upload(bomb, name: "x.png", type: "image/png")])
            #expect(huge.status == .unprocessableContent && huge.body.contains("is too large an image (20000 × 20000 pixels"))
            #expect(try await Self.leadSent(bed) == nil)
            #expect(try await bed.services.files.addresses().isEmpty)
        }
        await bed.remove()
    }

    @Test("F17: the multipart form with no photo chosen sends as before; one cut off half way is a 400 and saves nothing")
    func noPhotoAndCutOff() async throws {
        let bed = try await PortalTestbed()
        try await bed.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/portal/greenleaf?leadform=true")
            let cut = try await browser.postMultipart(
                "/portal/greenleaf/request-service", Self.filled, files: [Self.upload(Data(repeating: 1, count: 5_000))], cut: 3_000)
            #expect(cut.status == .badRequest)
            // A page a person can read, with the reason and the way back, not JSON (#25).
            #expect(cut.headers[.contentType]?.hasPrefix("text/html") == true && cut.body.contains("This form could not be read"))
            #expect(cut.body.contains("The form could not be read.") && cut.body.contains(#"href="/portal/greenleaf""#))
            #expect(try await Self.leadSent(bed) == nil)
            let sent = try await browser.postMultipart(
                "/portal/greenleaf/request-service", Self.filled, files: [Self.upload(Data(), name: "", type: "application/octet-stream")])
            #expect(sent.status == .seeOther)
            let lead = try #require(try await Self.leadSent(bed))
            #expect(lead.description.contains("A dead ash") && lead.servicesWanted == ["Tree care", "Lawn care"], "text fields read from the multipart form")
            #expect(try await bed.services.storage.records(AttachedFile.self).all(in: Seed.accountA).isEmpty)
        }
        await bed.remove()
    }

    @Test("F17: a lead's photo is the same 404 as a missing file to another company's staff and to a client; logged out it asks for the staff login")
    func photosForStaffOnly() async throws {
        let bed = try await PortalTestbed()
        let photo = try await TestPhotos.make(.jpeg)
        try await bed.run { client in
            var cece = Browser(client)
            try await bed.logIn("cece@example.com", browser: &cece)
            _ = try await cece.get("/portal/greenleaf/request-service")
            let sent = try await cece.postMultipart("/portal/greenleaf/request-service", Self.filled, files: [Self.upload(photo)])
            #expect(sent.status == .seeOther)
            let file = try #require(try await bed.services.storage.records(AttachedFile.self).all(in: Seed.accountA).first)
            #expect(file.customerID == Seed.cece && !file.sharedWithClient)

            var other = Browser(client)
            try await bed.staffLogIn(Seed.otherAdminEmail, browser: &other)
            let missing = try await other.get("/admin/files/no-such-file")
            #expect(missing.status == .notFound)
            for path in ["/admin/files/\(file.id)", "/admin/files/\(file.id)/thumbnail"] {
                let answer = try await other.get(path)
                #expect(answer.status == .notFound && answer.body == missing.body, "\(path)")
            }
            #expect(try await cece.get("/admin/files/\(file.id)").status == .seeOther, "a client has no staff session")
            var stranger = Browser(client)
            #expect(try await stranger.get("/admin/files/\(file.id)").location?.hasPrefix("/admin/login") == true)
        }
        await bed.remove()
    }
}
