import Foundation
import PortalKernel
import PortalPluginKit
import VipsShim

/// Cleans photos with libvips (`images.driver = "vips"`, the default; SPEC F17), through the small C target
/// `VipsShim`: only libvips's JPEG and PNG loaders may read an upload (every other loader is blocked at start-up);
/// the image is decoded, turned upright by its EXIF orientation and written again with `strip` (no EXIF, GPS, XMP,
/// ICC, maker notes or comments), and a thumbnail is made the same way. The work runs as ``HeavyWork``: off Swift's
/// cooperative threads and a few at a time, since a large photo takes from a few hundred milliseconds to seconds.
public struct VipsImageProcessor: ImageProcessor {
    /// `vips`.
    public let driverName = "vips"

    /// Starts libvips.
    /// - Throws: `ConfigurationError.invalidValue` for `images.driver` when libvips cannot start.
    public init() throws {
        var error = [CChar](repeating: 0, count: 512)
        guard vips_shim_start(&error, error.count) == 0 else {
            throw ConfigurationError.invalidValue(
                key: "images.driver", problem: "libvips could not start: \(String(decoding: error.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))")
        }
    }

    public func clean(_ bytes: Data) async throws -> CleanedImage {
        try await HeavyWork.run { try Self.cleanNow(bytes) }
    }

    /// The blocking work of ``clean(_:)``.
    static func cleanNow(_ bytes: Data) throws -> CleanedImage {
        var out = vips_shim_cleaned()
        var error = [CChar](repeating: 0, count: 512)
        let code = bytes.withUnsafeBytes { buffer in
            vips_shim_clean(
                buffer.baseAddress, buffer.count, Int64(CleanedImage.maxPixels), Int32(CleanedImage.thumbnailEdge), &out, &error,
                error.count)
        }
        defer { vips_shim_free(&out) }
        switch Int(code) {
        case VIPS_SHIM_OK:
            return CleanedImage(
                bytes: Data(bytes: out.image, count: out.image_length), type: out.type == 1 ? .jpeg : .png,
                width: Int(out.width), height: Int(out.height), thumbnail: Data(bytes: out.thumbnail, count: out.thumbnail_length))
        case VIPS_SHIM_TOO_MANY_PIXELS:
            throw ImageRefusal.tooManyPixels(width: Int(out.width), height: Int(out.height))
        case VIPS_SHIM_NOT_AN_IMAGE:
            throw ImageRefusal.notAnImage
        default:
            throw VipsFailure(reason: String(decoding: error.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))
        }
    }
}

/// libvips failed on an image it could read (out of memory, say): the server's fault, not the photo's.
public struct VipsFailure: Error, CustomStringConvertible {
    /// libvips's own words.
    public let reason: String

    public var description: String { "libvips failed: \(reason)" }
}

/// Registers the libvips cleaner as `images.driver = "vips"`. It has no settings.
public enum VipsImagesPlugin {
    /// The name `images.driver` selects it by.
    public static let driverName = "vips"

    public static func register(in registry: inout PluginRegistry) {
        registry.imageProcessors.register(driverName) { _, _ in try VipsImageProcessor() }
    }
}
