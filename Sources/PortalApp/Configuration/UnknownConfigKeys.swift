import Foundation

/// The keys a configuration sets that nothing reads (#21): a typo (`publicBaseUrl`, `stroage`, `http.prot`) would
/// otherwise be ignored in silence and the default used instead. The known keys are the ones the portal and its
/// plugins read, so a new setting is known as soon as something reads it.
enum UnknownConfigKeys {
    /// One message per key of `fileKeys` and per variable of `variables` (names like `PORTAL_HTTP_PORT`) that is not
    /// among `read`, restricted to the keys `inScope` accepts; each names the nearest known key when one is close,
    /// else says why nothing reads it (`unread`, given the dotted key).
    static func problems(
        fileKeys: Set<String>, variables: Set<String>, read: Set<String>, inScope: (String) -> Bool,
        unread: (String) -> String
    ) -> [String] {
        let known = read.filter(inScope)
        let unknownKeys = fileKeys.filter { inScope($0) && !read.contains($0) }.sorted().map { key in
            "unknown key \"\(key)\": " + (nearest(key, among: known).map { "did you mean \"\($0)\"?" } ?? unread(key))
        }
        let variableKeys = Dictionary(read.map { (EnvironmentVariableName.forKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        // A variable is the portal's when it starts with a section's name or is close to a known one: other tools'
        // variables (`PORTAL_BINARY`, which the test scripts read) are left alone.
        let sections = Set(read.compactMap { $0.split(separator: ".").first.map { EnvironmentVariableName.forKey(String($0)) } })
        let knownVariables = Set(variableKeys.keys)
        let unknownVariables = variables.filter { name in
            variableKeys[name] == nil && inScope(Self.key(ofVariable: name))
                && (sections.contains { name == $0 || name.hasPrefix($0 + "_") } || nearest(name, among: knownVariables) != nil)
        }.sorted().map { name in
            "unknown environment variable \(name): "
                + (nearest(name, among: Set(variableKeys.keys.filter { inScope(variableKeys[$0] ?? "") })).map { "did you mean \"\($0)\"?" }
                    ?? unread(key(ofVariable: name)))
        }
        return unknownKeys + unknownVariables
    }

    /// A dotted key for a variable name, good enough to tell which section it is in (`PORTAL_STORAGE_PATH` →
    /// `storage.path`; camelCase is lost).
    static func key(ofVariable name: String) -> String {
        let prefix = EnvironmentVariableName.prefix + "_"
        let rest = name.hasPrefix(prefix) ? name.dropFirst(prefix.count) : Substring(name)
        for section in ["LEAD_ROUTING": "leadRouting"] where rest.hasPrefix(section.key + "_") {
            return section.value + "." + rest.dropFirst(section.key.count + 1).lowercased()
        }
        return rest.lowercased().replacingOccurrences(of: "_", with: ".")
    }

    /// The known key closest to `key` by edit distance, ignoring case, if it is close enough to be a typo of it: at
    /// most 3 edits, and fewer than half the length of the key's last part (`storage.path` is not a typo of
    /// `storage.port`, but `http.prot` is); for a variable name, of the name after `PORTAL_`.
    static func nearest(_ key: String, among known: Set<String>) -> String? {
        let typed = Array(key.lowercased())
        let prefix = EnvironmentVariableName.prefix + "_"
        let lastPart = key.hasPrefix(prefix) ? key.count - prefix.count : key.split(separator: ".").last?.count ?? key.count
        let scored = known.map { ($0, distance(typed, Array($0.lowercased()))) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }), best.1 <= 3, best.1 * 2 < lastPart else { return nil }
        return best.0
    }

    /// The edit distance between `a` and `b`, a swap of two neighbours counting as one edit (optimal string
    /// alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
