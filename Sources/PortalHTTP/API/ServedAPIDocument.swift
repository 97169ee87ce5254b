import Foundation

/// The OpenAPI document as a portal serves it at `/api/v1/openapi.json` (#20): `Docs/openapi.json`, compiled in,
/// with its `servers` naming this portal's address (its `publicBaseURL` setting, as `PortalLinks.base` has it), so a
/// client generated from the served document calls this portal and not the README's `http://127.0.0.1:8080`.
enum ServedAPIDocument {
    /// `document` (2-space indented JSON, keys sorted, as `Docs/openapi.json` is kept) with its top-level `servers`
    /// replaced by one server at `base`; `document` unchanged if it has no such member.
    static func bytes(base: String, document: [UInt8] = PortalTemplates.openAPI) -> [UInt8] {
        let text = String(decoding: document, as: UTF8.self)
        guard let start = text.range(of: "\n  \"servers\": ["),
            let end = text.range(of: "\n  ]", range: start.upperBound..<text.endIndex)
        else { return document }
        let servers = "\n  \"servers\": [\n    {\n      \"description\": \"This portal.\",\n      \"url\": \(quoted(base))\n    }\n  ]"
        return Array((text[..<start.lowerBound] + servers + text[end.upperBound...]).utf8)
    }

    /// `text` as a JSON string literal.
    private static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
