extension DecodingError {
    /// Where in the document and what, for a person fixing a file: `at invoices[3].invoiceDate: Expected a date…`.
    public var locationDescription: String {
        let context: Context? =
            switch self {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
                .valueNotFound(_, let context):
                context
            @unknown default: nil
            }
        guard let context else { return "\(self)" }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        let detail: String =
            if case .keyNotFound(let key, _) = self { "missing \"\(key.stringValue)\"" } else { context.debugDescription }
        return path.isEmpty ? detail : "at \(path.hasPrefix(".") ? String(path.dropFirst()) : path): \(detail)"
    }
}
