import Foundation

/// Makes an uploaded photo safe to keep (SPEC F17): decodes it, refuses anything but a JPEG or a PNG, and writes it
/// again with its orientation applied and without metadata (EXIF, GPS, XMP, maker notes, comments), plus a
/// thumbnail. Chosen by `images.driver` (`vips`, …).
public protocol ImageProcessor: Sendable {
    /// The driver name it was registered under (`vips`), shown by `/health`.
    var driverName: String { get }

    /// The photo in `bytes`, cleaned.
    /// - Throws: ``ImageRefusal`` when it is not a decodable JPEG or PNG, or has more pixels than allowed.
    func clean(_ bytes: Data) async throws -> CleanedImage
}

/// A photo written again by an ``ImageProcessor``: nothing from the upload but its pixels.
public struct CleanedImage: Hashable, Sendable {
    /// The image types a photo may be.
    public enum ImageType: String, Hashable, Codable, Sendable, CaseIterable {
        case jpeg, png

        /// `image/jpeg`, `image/png`.
        public var mediaType: String { "image/\(rawValue)" }
        /// `jpg`, `png`: the ending of a download's name.
        public var fileExtension: String { self == .jpeg ? "jpg" : "png" }
    }

    /// The image, in ``type``, upright, without metadata.
    public var bytes: Data
    /// Its type, the one the upload was.
    public var type: ImageType
    /// Its width in pixels, upright.
    public var width: Int
    /// Its height in pixels, upright.
    public var height: Int
    /// At most ``thumbnailEdge`` pixels on its longer side, same type, without metadata.
    public var thumbnail: Data

    /// The longer side of a thumbnail, in pixels.
    public static let thumbnailEdge = 320
    /// The most pixels a photo may have (a 50-megapixel camera's); more is refused before it is decoded, so a small
    /// file that claims a huge image cannot take the server's memory.
    public static let maxPixels = 50_000_000

    /// Memberwise.
    public init(bytes: Data, type: ImageType, width: Int, height: Int, thumbnail: Data) {
        self.bytes = bytes
        self.type = type
        self.width = width
        self.height = height
        self.thumbnail = thumbnail
    }
}

/// Why a photo was refused, in words for the client.
public enum ImageRefusal: Error, Equatable, CustomStringConvertible {
    /// Not a JPEG or PNG image (another image type, a document, a script named `.jpg`), or one that does not decode.
    case notAnImage
    /// More pixels than ``CleanedImage/maxPixels``.
    case tooManyPixels(width: Int, height: Int)

    public var description: String {
        switch self {
        case .notAnImage: "is not a JPEG or PNG photo that can be read"
        case .tooManyPixels(let width, let height): "is too large an image (\(width) × \(height) pixels; at most 50 megapixels)"
        }
    }
}
