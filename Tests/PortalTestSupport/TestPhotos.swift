import Foundation

/// Phone-like photos made for a test by `photo_check.py` (Pillow and exiftool), and what exiftool still finds in an
/// image (issue #25, SPEC F17).
public enum TestPhotos {
    /// The photos the script makes.
    public enum Kind: String, Sendable {
        /// 400×300, left half red and right half blue, stored on its side (EXIF Orientation 6): upright it is 300×400,
        /// red on top. With GPS, camera make and model, a comment, XMP and IPTC.
        case jpeg
        /// 200×100 green, with an eXIf chunk (GPS, camera, Orientation 6: upright it is 100×200) and a text chunk naming a
        /// place.
        case png
        /// 74 bytes whose PNG header claims 20000×20000 pixels.
        case bomb
        /// 64×64 of one orange in a wide-gamut colour profile (Display P3's primaries), as an iPhone writes it.
        case wide
    }

    /// What exiftool and Pillow read from an image.
    public struct Inspection: Decodable, Sendable {
        /// Pillow's name of the format (`JPEG`, `PNG`).
        public let format: String
        public let width: Int
        public let height: Int
        /// RGB at the middle of the top tenth and of the bottom tenth.
        public let top: [Int]
        public let bottom: [Int]
        /// Every tag exiftool finds, as `group:tag`.
        public let tags: [String: String]
        /// The planted values (camera, place, comment, creator) still found anywhere in exiftool's output.
        public let planted: [String]

        /// Tags that say where or with what the photo was taken, or carry any other metadata: every group but the
        /// file's own structure (its size, colour type, pixel density), and the JPEG comment.
        public var metadata: [String] {
            let structural = ["SourceFile", "ExifTool:", "System:", "File:", "JFIF:", "Composite:ImageSize", "Composite:Megapixels",
                "PNG-pHYs:"]
            let pngStructure = ["PNG:ImageWidth", "PNG:ImageHeight", "PNG:BitDepth", "PNG:ColorType", "PNG:Compression", "PNG:Filter", "PNG:Interlace"]
            return tags.keys.filter { key in
                key == "File:Comment" || key == "File:ExifByteOrder"
                    || !(structural.contains { key.hasPrefix($0) } || pngStructure.contains(key))
            }.sorted()
        }
    }

    /// The bytes of a new photo of `kind`.
    public static func make(_ kind: Kind) async throws -> Data {
        try await made(kind).bytes
    }

    /// A ``Kind/wide`` photo and its orange in sRGB, as LittleCMS converts it.
    public static func wideGamut() async throws -> (bytes: Data, srgb: [Int]) {
        let (bytes, output) = try await made(.wide)
        struct Printed: Decodable { let srgb: [Int] }
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        return (bytes, try JSONDecoder().decode(Printed.self, from: Data(line.utf8)).srgb)
    }

    /// A new photo of `kind` and what the script printed making it.
    private static func made(_ kind: Kind) async throws -> (bytes: Data, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("photo-\(UUID().uuidString).\(kind.rawValue)")
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await PythonScript.run("photo_check.py", [kind.rawValue, file.path])
        guard outcome.status == 0 else { throw TestPhotoError(description: "photo_check.py \(kind.rawValue): \(outcome.output)") }
        return (try Data(contentsOf: file), outcome.output)
    }

    /// What is in `bytes`.
    public static func inspect(_ bytes: Data) async throws -> Inspection {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString)")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await PythonScript.run("photo_check.py", ["inspect", file.path])
        guard outcome.status == 0, let line = outcome.output.split(separator: "\n").last else {
            throw TestPhotoError(description: "photo_check.py inspect: \(outcome.output)")
        }
        return try JSONDecoder().decode(Inspection.self, from: Data(line.utf8))
    }
}

/// The photo script failed: its output.
public struct TestPhotoError: Error, CustomStringConvertible {
    public let description: String
}
