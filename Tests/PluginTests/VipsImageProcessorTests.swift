import Foundation
import PortalKernel
import PortalTestSupport
import Testing
import VipsImages

/// The libvips photo cleaner (#25, SPEC F17), checked with Pillow and exiftool.
@Suite("libvips photo cleaner")
struct VipsImageProcessorTests {
    let cleaner: VipsImageProcessor

    init() throws {
        cleaner = try VipsImageProcessor()
    }

    @Test("F17: a phone's JPEG comes back upright, with no GPS, camera, comment, XMP or IPTC left, and a thumbnail likewise")
    func phoneJPEG() async throws {
        let original = try await TestPhotos.inspect(try await TestPhotos.make(.jpeg))
        #expect(original.planted.count == 4 && original.metadata.contains("GPS:GPSLatitude"), "the test photo carries what is to go")
        let cleaned = try await cleaner.clean(try await TestPhotos.make(.jpeg))
        #expect(cleaned.type == .jpeg)
        #expect(cleaned.width == 300 && cleaned.height == 400, "turned upright by its orientation")
        let image = try await TestPhotos.inspect(cleaned.bytes)
        #expect(image.format == "JPEG" && image.width == 300 && image.height == 400)
        #expect(image.metadata.isEmpty, "left: \(image.metadata)")
        #expect(image.planted.isEmpty)
        #expect(image.top[0] > 150 && image.top[2] < 100, "red on top: \(image.top)")
        #expect(image.bottom[2] > 150 && image.bottom[0] < 100, "blue below: \(image.bottom)")
        let thumbnail = try await TestPhotos.inspect(cleaned.thumbnail)
        #expect(thumbnail.format == "JPEG" && thumbnail.width == 240 && thumbnail.height == 320)
        #expect(thumbnail.metadata.isEmpty && thumbnail.planted.isEmpty, "left in the thumbnail: \(thumbnail.metadata)")
        #expect(thumbnail.top[0] > 150 && thumbnail.bottom[2] > 150, "the thumbnail is upright too")
    }

    @Test("#25, F17: a photo in a wide-gamut colour profile (an iPhone's Display P3) keeps its colours: converted to sRGB as LittleCMS converts it, then the profile is stripped")
    func wideGamut() async throws {
        let (bytes, srgb) = try await TestPhotos.wideGamut()
        let original = try await TestPhotos.inspect(bytes)
        #expect(original.tags.keys.contains { $0.hasPrefix("ICC") } && original.top == [200, 100, 50], "the test photo is tagged, not converted")
        #expect(srgb[0] > 210 && srgb[2] < 35, "the profile moves this orange: \(srgb)")
        let cleaned = try await cleaner.clean(bytes)
        let image = try await TestPhotos.inspect(cleaned.bytes)
        #expect(!image.tags.keys.contains { $0.hasPrefix("ICC") }, "no profile left: \(image.metadata)")
        #expect(zip(image.top, srgb).allSatisfy { abs($0 - $1) <= 6 }, "\(image.top) is not \(srgb)")
        let thumbnail = try await TestPhotos.inspect(cleaned.thumbnail)
        #expect(zip(thumbnail.top, srgb).allSatisfy { abs($0 - $1) <= 6 }, "thumbnail \(thumbnail.top) is not \(srgb)")
    }

    @Test("F17: a PNG stays a PNG, turned upright by its eXIf chunk's orientation, without that chunk or its text chunks")
    func png() async throws {
        let cleaned = try await cleaner.clean(try await TestPhotos.make(.png))
        #expect(cleaned.type == .png && cleaned.width == 100 && cleaned.height == 200)
        let image = try await TestPhotos.inspect(cleaned.bytes)
        #expect(image.format == "PNG")
        #expect(image.metadata.isEmpty, "left: \(image.metadata)")
        #expect(image.planted.isEmpty)
        #expect(image.top[1] > 150, "still green: \(image.top)")
        let thumbnail = try await TestPhotos.inspect(cleaned.thumbnail)
        #expect(thumbnail.format == "PNG" && thumbnail.width == 100 && thumbnail.height == 200, "a small image is not made larger")
    }

    @Test(
        "F17: anything but a decodable JPEG or PNG is refused: a script or a page named .jpg, SVG, GIF, PDF, a cut-off JPEG, nothing",
        arguments: [
            ("PHP", Data("<?php system($_GET['c']); ?>".utf8)),
            ("HTML", Data("<html><script>alert(1)</script></html>".utf8)),
            ("SVG", Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#.utf8)),
            ("GIF", Data([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x21, 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B])),
            ("PDF", Data("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF".utf8)),
            ("empty", Data()),
        ])
    func refused(kind: String, bytes: Data) async throws {
        await #expect(throws: ImageRefusal.notAnImage, "\(kind)") { _ = try await cleaner.clean(bytes) }
    }

    @Test("F17: a JPEG cut off halfway is refused, not kept half grey")
    func damaged() async throws {
        let photo = try await TestPhotos.make(.jpeg)
        await #expect(throws: ImageRefusal.notAnImage) { _ = try await cleaner.clean(photo.prefix(photo.count / 2)) }
    }

    @Test("F17: a small file claiming 400 megapixels is refused before its pixels are decoded")
    func bomb() async throws {
        await #expect(throws: ImageRefusal.tooManyPixels(width: 20_000, height: 20_000)) {
            _ = try await cleaner.clean(try await TestPhotos.make(.bomb))
        }
    }

    @Test("Photos are cleaned side by side without mixing them up")
    func concurrent() async throws {
        let jpeg = try await TestPhotos.make(.jpeg)
        let png = try await TestPhotos.make(.png)
        let cleaner = cleaner
        let sizes = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let cleaned = try await cleaner.clean(index.isMultiple(of: 2) ? jpeg : png)
                    return (cleaned.width, cleaned.height)
                }
            }
            return try await group.reduce(into: [String: Int]()) { $0["\($1.0)x\($1.1)", default: 0] += 1 }
        }
        #expect(sizes == ["300x400": 4, "100x200": 4])
    }
}
