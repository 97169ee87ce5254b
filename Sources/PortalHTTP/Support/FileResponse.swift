import Foundation
import Hummingbird
import PortalKernel

/// An attached file as an HTTP response (SPEC F17): its own type, named for saving, and nothing a browser could run.
///
/// Only the three types the portal keeps are served as themselves (`image/jpeg`, `image/png`, `application/pdf`);
/// anything else would be `application/octet-stream`. Photos are shown `inline`, a PDF is an `attachment` (a PDF may
/// carry script for a viewer). Every file response is sandboxed by its Content-Security-Policy (no script, no
/// plug-in, not framed), `nosniff` (set for every response), and `private, no-store`, as the pages are.
enum FileResponse {
    /// The types served as themselves.
    static let servedTypes: Set<String> = ["image/jpeg", "image/png", "application/pdf"]

    /// The response for `download`.
    static func make(_ download: AttachedFiles.Download) -> Response {
        let type = servedTypes.contains(download.file.mediaType) ? download.file.mediaType : "application/octet-stream"
        let inline = type.hasPrefix("image/")
        let name = download.variant == .thumbnail ? "Thumbnail of \(download.file.name)" : download.file.name
        return file(download.bytes, type: type, name: name, inline: inline)
    }

    /// A PDF the portal drew (SPEC F16), to save as `name` (a document's title or number, made a file name: a slash
    /// becomes `-`, control and direction-changing characters go, at most 120 characters).
    static func pdf(_ bytes: Data, name: String) -> Response {
        let safe = AttachedFileName.clean(name.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "\\", with: "-"), fileExtension: "pdf")
        return file(bytes, type: "application/pdf", name: safe, inline: false)
    }

    /// `bytes` of `type`, shown (`inline`) or saved as `name`, sandboxed and never cached.
    private static func file(_ bytes: Data, type: String, name: String, inline: Bool) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: disposition(inline ? "inline" : "attachment", fileName: name),
                .contentSecurityPolicy: "default-src 'none'; sandbox; frame-ancestors 'none'", .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(data: bytes)))
    }

    /// `inline; filename="Photo 1.jpg"; filename*=UTF-8''Photo%201.jpg` (RFC 6266): the plain name keeps printable
    /// ASCII only (others become `_`, quotes and backslashes too), the starred one the whole name percent-encoded.
    static func disposition(_ kind: String, fileName: String) -> String {
        let plain = String(fileName.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
        })
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: unreserved) ?? plain
        return "\(kind); filename=\"\(plain)\"; filename*=UTF-8''\(encoded)"
    }
}
