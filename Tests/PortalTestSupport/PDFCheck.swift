import Foundation

/// A PDF read with tools nobody on the team wrote (#25, SPEC F16): poppler's `pdftotext` for its text, `qpdf --check`
/// for its structure.
public enum PDFCheck {
    /// The text of `pages` (all by default), as `pdftotext -layout` reads it.
    public static func text(of pdf: Data, pages: ClosedRange<Int>? = nil) async throws -> String {
        try await withFile(pdf) { path in
            var arguments = ["pdftotext", "-layout", "-enc", "UTF-8"]
            if let pages { arguments += ["-f", "\(pages.lowerBound)", "-l", "\(pages.upperBound)"] }
            let (status, output) = try await run(arguments + [path, "-"])
            guard status == 0 else { throw TestPhotoError(description: "pdftotext failed: \(output)") }
            return output
        }
    }

    /// What `qpdf --check` says, and whether it found the file sound (exit 0).
    public static func check(_ pdf: Data) async throws -> (sound: Bool, output: String) {
        try await withFile(pdf) { path in
            let (status, output) = try await run(["qpdf", "--check", path])
            return (status == 0, output)
        }
    }

    /// How many images `pdfimages -list` finds.
    public static func imageCount(_ pdf: Data) async throws -> Int {
        try await withFile(pdf) { path in
            let (status, output) = try await run(["pdfimages", "-list", path])
            guard status == 0 else { throw TestPhotoError(description: "pdfimages failed: \(output)") }
            // Two header lines, then one line an image.
            return max(0, output.split(separator: "\n").count - 2)
        }
    }

    /// Where on its page each word of `pdf` starts, in points from the left, as `pdftotext -bbox` finds the words.
    public static func wordStarts(of pdf: Data) async throws -> [(word: String, x: Double)] {
        try await withFile(pdf) { path in
            let (status, output) = try await run(["pdftotext", "-bbox", path, "-"])
            guard status == 0 else { throw TestPhotoError(description: "pdftotext -bbox failed: \(output)") }
            return output.matches(of: /<word xMin="([0-9.]+)"[^>]*>([^<]*)<\/word>/).compactMap { match in
                Double(match.1).map { (String(match.2), $0) }
            }
        }
    }

    /// The fonts `pdffonts` lists: each line's name and whether it is embedded.
    public static func fonts(_ pdf: Data) async throws -> String {
        try await withFile(pdf) { path in try await run(["pdffonts", path]).output }
    }

    private static func withFile<T>(_ pdf: Data, _ body: (String) async throws -> T) async throws -> T {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await body(file.path)
    }

    private static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let outcome = try await PythonScript.tool(arguments)
        return (outcome.status, outcome.output)
    }
}
