import Foundation

/// The keys an object of a JSON text sets twice (#21): Foundation's parser keeps one of them in silence, so a second
/// `"publicBaseURL"` further down a long file would quietly win. Neither Foundation nor swift-configuration reports
/// them, hence this scan; it runs on a text that parsed already, so it need not handle malformed JSON.
enum JSONDuplicateKeys {
    /// Each duplicated key as a dotted path (`http.port`), in the order they appear.
    static func find(in text: String) -> [String] {
        var scanner = Scanner(Array(text.unicodeScalars))
        var found: [String] = []
        scanner.value(path: "", found: &found)
        return found
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func skipSpace() {
            while index < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[index]) { index += 1 }
        }

        /// Reads one value starting at `index`, recording the duplicates of any object in it.
        mutating func value(path: String, found: inout [String]) {
            skipSpace()
            guard index < scalars.count else { return }
            switch scalars[index] {
            case "{":
                index += 1
                var keys: Set<String> = []
                while true {
                    skipSpace()
                    guard index < scalars.count, scalars[index] != "}" else { index += 1; return }
                    if scalars[index] == "," { index += 1; continue }
                    let key = string()
                    let dotted = path.isEmpty ? key : "\(path).\(key)"
                    if !keys.insert(key).inserted { found.append(dotted) }
                    skipSpace()
                    index += 1  // the colon
                    value(path: dotted, found: &found)
                }
            case "[":
                index += 1
                while true {
                    skipSpace()
                    guard index < scalars.count, scalars[index] != "]" else { index += 1; return }
                    if scalars[index] == "," { index += 1; continue }
                    value(path: path, found: &found)
                }
            case "\"":
                _ = string()
            default:
                while index < scalars.count, !",}] \n\r\t".unicodeScalars.contains(scalars[index]) { index += 1 }
            }
        }

        /// Reads a string literal starting at its opening quote; escapes are decoded by Foundation, so a key written
        /// with `\u0041` and one with `A` are the same key.
        mutating func string() -> String {
            let start = index
            index += 1
            while index < scalars.count, scalars[index] != "\"" {
                index += scalars[index] == "\\" ? 2 : 1
            }
            index += 1
            var literal = String.UnicodeScalarView()
            literal.append(contentsOf: scalars[start..<min(index, scalars.count)])
            let data = Data(String(literal).utf8)
            return (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) as? String) ?? String(literal)
        }
    }
}
