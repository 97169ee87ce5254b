import Foundation
import Testing

/// #20: the rules are the map. `Docs/Rules.md` lists every rule and flow id of the product with the use case, the
/// routes and the tests that carry it; a built rule must be findable from the code to the test by its id.
@Suite("Rules map")
struct RulesMapTests {
    /// Every id SPEC.md gives a rule or a flow.
    static let ids = (1...4).map { "P\($0)" } + (1...3).map { "I\($0)" } + (1...17).map { "F\($0)" } + (1...5).map { "M\($0)" }
        + (1...5).map { "V\($0)" }

    /// The table's rows: id → status (`built`, or `planned (#N)`).
    static func rows() throws -> [String: String] {
        let text = try String(contentsOf: ArchitectureTests.root.appendingPathComponent("Docs/Rules.md"), encoding: .utf8)
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 8, ids.contains(cells[1]) else { continue }
            rows[cells[1]] = cells[6]
        }
        return rows
    }

    /// Whether `text` holds `id` as a word of its own (`F1` is not in `F10`, nor in `P1–P4` as `P2`).
    static func mentions(_ text: Substring, _ id: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: id) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let isWordPart: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isWordPart(before) && !isWordPart(after) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }

    @Test("#20: Docs/Rules.md has a row for every rule and flow id of SPEC, each built or planned")
    func everyIdHasARow() throws {
        let rows = try Self.rows()
        for id in Self.ids {
            guard let status = rows[id] else {
                Issue.record("Docs/Rules.md has no row for \(id)")
                continue
            }
            #expect(status == "built" || status.hasPrefix("planned (#"), "\(id): status \(status)")
        }
    }

    @Test("#20: every built rule's id is in a doc comment of the code and in the title of a test")
    func builtRulesAreFindable() throws {
        let code = try ArchitectureTests.swiftFiles(under: "Sources") + ArchitectureTests.swiftFiles(under: "Plugins")
        let comments = code.flatMap { $0.text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("//") } }
        let tests = try ArchitectureTests.swiftFiles(under: "Tests") + ArchitectureTests.swiftFiles(under: "Sources/PortalTesting")
        let titles = tests.flatMap { $0.text.split(separator: "\n").filter { $0.contains("@Test(\"") || $0.contains("@Suite(\"") } }
        let rows = try Self.rows()
        for id in Self.ids where rows[id] == "built" {
            #expect(comments.contains { Self.mentions($0, id) }, "\(id) is in no doc comment under Sources/ or Plugins/")
            #expect(titles.contains { Self.mentions($0, id) }, "\(id) is in no test title")
        }
    }

    @Test("An id is found as a word of its own only")
    func wordsOnly() {
        #expect(Self.mentions("/// SPEC F1: the link", "F1") && Self.mentions("@Test(\"F1, F10: x\")", "F10"))
        #expect(!Self.mentions("@Test(\"F10: x\")", "F1") && !Self.mentions("P1–P4", "P2") && !Self.mentions("MF1", "F1"))
    }
}
