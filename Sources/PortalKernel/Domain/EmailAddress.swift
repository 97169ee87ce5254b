import Foundation

/// Email address rules shared by every place that takes one.
public enum EmailAddress {
    /// Trimmed and lower-cased, so `Cece@Example.com ` and `cece@example.com` are the same login.
    public static func normalized(_ address: String) -> String {
        address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Each address normalised, once, in the order first given; empty entries dropped. A list of recipients or
    /// contact emails is a set: `Dana@Example.com` and `dana@example.com ` are one mailbox.
    public static func normalizedList(_ addresses: some Sequence<String>) -> [String] {
        var seen = Set<String>()
        return addresses.map(normalized).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Whether `address` is a plausible single mailbox: one `@`, a local part, a dotted domain, no spaces or
    /// angle brackets. Deliberately simple: the real check is whether mail arrives. Printable ASCII only (SPEC M4):
    /// an address with `ü` or full-width letters needs SMTPUTF8, which the portal does not speak, and would make
    /// every email to it invalid.
    public static func isValid(_ address: String) -> Bool {
        guard address.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, address.count <= 254 else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        let forbidden: Set<Character> = [" ", "\t", "\r", "\n", "<", ">", ",", ";", "\"", "(", ")", "[", "]", "\\"]
        return !address.contains(where: forbidden.contains)
    }
}
