import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import NIOHTTP1

/// A submitted HTML form with files (`multipart/form-data`, SPEC F17), parsed by multipart-kit's parser as the body
/// streams in, so a large upload is never held twice. Its text fields become a ``FormBody``, decoded and checked as
/// any form's; its files keep their bytes, at most one more than the limit (so a file too large is known as such
/// without keeping it whole).
struct MultipartFormBody: Sendable {
    /// One file the form carried.
    struct File: Sendable {
        /// The form field (`photos`).
        let field: String
        /// The name the browser gave the file (`IMG_0042.jpg`), as sent: clean it before showing it.
        let fileName: String
        /// The bytes: at most `fileLimit + 1` (more than `fileLimit` says the file was too large); none for a file
        /// beyond `maxFiles`, which is only counted.
        let bytes: Data
    }

    /// The text fields, as an urlencoded form.
    let text: FormBody
    /// The files chosen, in order; a file input left empty is none.
    let files: [File]

    /// Whether `request` is a multipart form.
    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") ?? false
    }

    /// Reads and parses the body.
    /// - Parameters:
    ///   - textLimit: the most bytes of all text fields together.
    ///   - fileLimit: the most bytes of one file kept (one more is kept to say it was too large).
    ///   - maxFiles: the most files whose bytes are kept; the others are counted only.
    /// - Throws: `HTTPError` 413 for a body larger than `maxFiles` files of `fileLimit` and the text (refused before
    ///   reading when its Content-Length says so), or more text than `textLimit`; 400 for a body that is not a
    ///   well-formed multipart form.
    static func read(_ request: Request, textLimit: Int, fileLimit: Int, maxFiles: Int) async throws -> MultipartFormBody {
        guard let boundary = Self.boundary(request.headers[.contentType] ?? "") else {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
        // The files allowed, their parts' headers and the text; a body larger is refused, by its length when it says it.
        let bodyLimit = textLimit + maxFiles * (fileLimit + 4_096) + 65_536
        let tooLarge = HTTPError(
            .contentTooLarge,
            message: maxFiles == 1
                ? "The form is too large: attach a file of at most \(fileLimit / 1_048_576) MB."
                : "The form is too large: attach at most \(maxFiles) files of \(fileLimit / 1_048_576) MB each.")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > bodyLimit { throw tooLarge }
        let parts = Parts(textLimit: textLimit, fileLimit: fileLimit, maxFiles: maxFiles)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in parts.headers.add(name: name, value: value) }
        parser.onBody = { buffer in parts.append(&buffer) }
        parser.onPartComplete = { parts.finish() }
        var read = 0
        do {
            for try await buffer in request.body {
                read += buffer.readableBytes
                guard read <= bodyLimit else { throw tooLarge }
                try parser.execute(buffer)
                if let failure = parts.failure { throw failure }
            }
        } catch let error as HTTPError {
            throw error
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
        guard parts.isBetweenParts, !parts.fields.isEmpty || !parts.files.isEmpty else {
            throw HTTPError(.badRequest, message: "The form could not be read.")
        }
        return MultipartFormBody(text: FormBody(text: parts.urlencoded), files: parts.files)
    }

    /// The `boundary` parameter of a `multipart/form-data` content type, quoted or not.
    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    /// The `filename` of a part's Content-Disposition (`form-data; name="file"; filename="a %22b%22.pdf"`), as
    /// browsers write it (the HTML standard's form encoding): UTF-8 as it is, a quote as `%22`, a line break as
    /// `%0D`/`%0A`, a backslash not escaped. "" when none.
    static func fileName(_ disposition: String) -> String {
        guard let start = disposition.range(of: "filename=\"") else { return "" }
        return String(disposition[start.upperBound...].prefix { $0 != "\"" })
            .replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
    }

    /// What the parser has given so far: the part being read, and those read.
    private final class Parts {
        let textLimit: Int
        let fileLimit: Int
        let maxFiles: Int
        var headers = HTTPHeaders()
        private var body = Data()
        private var partStarted = false
        private var textBytes = 0
        var fields: [(String, String)] = []
        var files: [File] = []
        var failure: HTTPError?

        init(textLimit: Int, fileLimit: Int, maxFiles: Int) {
            (self.textLimit, self.fileLimit, self.maxFiles) = (textLimit, fileLimit, maxFiles)
        }

        /// Whether no part is half read (the body ended with its closing boundary).
        var isBetweenParts: Bool { !partStarted && headers.isEmpty }

        /// Whether the part being read is a file: its Content-Disposition names a `filename`.
        private var isFile: Bool {
            headers["Content-Disposition"].first?.lowercased().contains("filename") ?? false
        }

        func append(_ buffer: inout ByteBuffer) {
            partStarted = true
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            if isFile {
                let room = files.count < maxFiles ? fileLimit + 1 - body.count : 0
                if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
            } else {
                textBytes += bytes.count
                if textBytes > textLimit { failure = HTTPError(.contentTooLarge, message: "The form's text is too long.") }
                body.append(contentsOf: bytes)
            }
        }

        func finish() {
            defer { (headers, body, partStarted) = (HTTPHeaders(), Data(), false) }
            guard let name = MultipartPart(headers: headers, body: ByteBuffer()).name else { return }
            let disposition = headers["Content-Disposition"].first ?? ""
            if isFile {
                // A file input left empty still sends a part, with no name and no bytes.
                let chosen = !body.isEmpty || !(headers["Content-Disposition"].first?.contains("filename=\"\"") ?? false)
                if chosen { files.append(File(field: name, fileName: MultipartFormBody.fileName(disposition), bytes: body)) }
            } else {
                fields.append((name, String(decoding: body, as: UTF8.self)))
            }
        }

        /// The text fields as `name=value&…`, percent-encoded, for ``FormBody``.
        var urlencoded: String {
            let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
            func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: plain) ?? "" }
            return fields.map { "\(encoded($0.0))=\(encoded($0.1))" }.joined(separator: "&")
        }
    }
}
