/// The environment variable that overrides a configuration key.
///
/// The rule (as swift-configuration's environment provider applies it, with our prefix): `PORTAL_`, then the
/// key's parts joined by `_`, each camelCase word boundary marked by `_`, everything upper-cased, anything not a
/// letter or digit turned into `_`. `storage.driver` → `PORTAL_STORAGE_DRIVER`, `publicBaseURL` →
/// `PORTAL_PUBLIC_BASE_URL`.
public enum EnvironmentVariableName {
    /// The prefix every portal variable starts with.
    public static let prefix = "PORTAL"

    /// The variable name for the dotted `key`.
    public static func forKey(_ key: String) -> String {
        let parts = key.split(separator: ".").map { part -> String in
            var word = ""
            var previous: Character?
            for character in part {
                if let previous, previous.isLowercase, character.isUppercase { word.append("_") }
                word.append(character.isLetter || character.isNumber ? Character(character.uppercased()) : "_")
                previous = character
            }
            return word
        }
        return ([prefix] + parts).joined(separator: "_")
    }
}
