import Foundation
import PortalKernel
import PortalTestSupport
import Testing

@testable import CairoDocuments

/// Every script clients' and companies' names come in, and emoji, drawn with a font (#25, SPEC F16: "any Unicode name
/// rendered, not boxes"). Pango draws a box for a character no installed font has; ``PDFPass`` counts them.
@Suite("PDF scripts")
struct PDFScriptTests {
    /// A word in each script, with combining marks, symbols and emoji (a skin tone, a family joined by ZWJ, a flag and
    /// one of Emoji 14).
    static let names = [
        "Nguyễn Zoë", "Ελένη", "Иван", "Արամ", "გიორგი", "דוד", "محمد", "اردو", "देवनागरी", "বাংলা", "ਪੰਜਾਬੀ", "ગુજરાતી",
        "தமிழ்", "తెలుగు", "ಕನ್ನಡ", "മലയാളം", "සිංහල", "ไทย", "ລາວ", "ខ្មែរ", "မြန်မာ", "བོད", "አማርኛ", "한국어", "ひらがな カタカナ",
        "大塚 张伟 陳", "ᠮᠣᠩᠭᠣᠯ", "ᏣᎳᎩ", "ᐃᓄᒃᑎᑐᑦ", "ߒߞߏ", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "ܣܘܪܝܝܐ", "ތާނަ", "✓ № € ₹",
        "Joe 🌳 Tree Care 👍🏽 👨‍👩‍👧 🇯🇵 🫠",
    ]

    static func document(naming names: [String]) -> PrintedDocument {
        PrintedDocument(
            companyName: names.joined(separator: " "), companyAddress: ["1 Main St"], accentColour: "#226644", title: "Invoice 🌳 INV-1",
            facts: names.map { .init("Client", $0) },
            table: .init(header: ["Description", "Amount"], numeric: [false, true], rows: names.map { [$0, "$1.00"] }),
            totals: [.init("Total", "$\(names.count).00")])
    }

    @Test("F16: a name in each script clients write in, and emoji, is drawn with a font, not a box; the text reads back")
    func everyScriptHasAFont() async throws {
        let pass = PDFPass(document: Self.document(naming: Self.names), pageCount: nil)
        let pdf = try pass.run().bytes
        #expect(pass.unknownGlyphs == 0, "characters drawn as boxes: install the fonts README names")
        let text = try await PDFCheck.text(of: pdf)
        for word in ["Nguyễn", "Ελένη", "Иван", "한국어", "张伟", "Joe", "Tree Care"] {
            #expect(text.contains(word), "\(word)")
        }
    }

    @Test("F16: a character no font has (unassigned U+0378, private use U+E000) is counted as a box")
    func aBoxIsCounted() throws {
        let pass = PDFPass(document: Self.document(naming: ["A\u{0378}B", "\u{E000}"]), pageCount: nil)
        _ = try pass.run()
        #expect(pass.unknownGlyphs >= 2)
    }

    @Test("F16: right-to-left text starts at the left of its cell, as on the page, not beside the next column")
    func rightToLeftStartsLeft() async throws {
        var document = Self.document(naming: [])
        document.table = .init(header: ["Description", "Amount"], numeric: [false, true], rows: [["تقليم شجرة البلوط", "$1.00"]])
        let pdf = try PDFPass(document: document, pageCount: nil).run().bytes
        let words = try await PDFCheck.wordStarts(of: pdf)
        let header = try #require(words.first { $0.word == "Description" })
        let arabic = words.filter { $0.word.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }
        #expect(!arabic.isEmpty)
        #expect(arabic.allSatisfy { $0.x < header.x + 200 }, "\(arabic.map(\.x)) against the column's start \(header.x)")
    }

    @Test("F16: each syllable of an Indic name is drawn by one font (no vowel sign from another font beside a dotted circle)")
    func oneFontPerScript() async throws {
        let samples = [
            "हिन्दी कुमार", "বাংলা কুমার", "ਪੰਜਾਬੀ ਕੁਮਾਰ", "ગુજરાતી કુમાર", "ଓଡ଼ିଆ କୁମାର", "తెలుగు కుమార్", "ಕನ್ನಡ ಕುಮಾರ್", "മലയാളം കുമാർ",
            "සිංහල කුමාර", "புல் பூ கு வு தமிழ்", "ไทย กุมาร", "မြန်မာ", "ខ្មែរ", "བོད་ཡིག",
        ]
        for sample in samples {
            var document = Self.document(naming: [])
            document.table = .init(header: ["Description", "Amount"], numeric: [false, true], rows: [[sample, "$1.00"]])
            let fonts = try await PDFCheck.fonts(try PDFPass(document: document, pageCount: nil).run().bytes)
            // pdffonts: two header lines, then "ABCDEF+NotoSansTamil-Regular …" a line; Noto Sans itself draws the rest.
            let families = Set(fonts.split(separator: "\n").dropFirst(2).compactMap { line -> String? in
                let name = line.split(separator: " ").first.map { String($0.drop { $0 != "+" }.dropFirst()) } ?? ""
                let family = String(name.prefix { $0 != "-" })
                return family == "NotoSans" ? nil : family
            })
            #expect(families.count == 1, "\(sample): \(families.sorted())")
        }
    }
}
