/// A file's name as shown and downloaded (SPEC F17): the last part of whatever the browser sent (never a folder),
/// without control or direction-changing characters (the joiners emoji sequences and some scripts need stay), trimmed,
/// at most 120 characters, ending in its type's extension.
public enum AttachedFileName {
    /// The most characters a name keeps (before its extension is added).
    public static let maxLength = 120

    /// `typed` cleaned for a file of `fileExtension` (`pdf`, `jpg`, `png`); "File" when nothing is left.
    public static func clean(_ typed: String, fileExtension: String) -> String {
        let last = typed.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let joiners: Set<Unicode.Scalar> = ["\u{200C}", "\u{200D}"]
        let kept = String(String.UnicodeScalarView(last.unicodeScalars.filter { scalar in
            joiners.contains(scalar)
                || !(scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                    || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator)
        }))
        var name = String(kept.trimmingCharacters(in: .whitespaces).prefix(maxLength))
        while name.hasPrefix(".") { name.removeFirst() }
        if name.isEmpty { name = "File" }
        let ending = "." + fileExtension
        let same = fileExtension == "jpg" ? [".jpg", ".jpeg"] : [ending]
        return same.contains { name.lowercased().hasSuffix($0) } ? name : name + ending
    }
}
