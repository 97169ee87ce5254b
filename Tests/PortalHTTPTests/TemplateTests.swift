import Foundation
import Mustache
import PortalKernel
import Testing

@testable import PortalHTTP

@Suite("Templates and formatting")
struct TemplateTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PortalHTTP/Resources")

    /// A model of the shapes the pages use: nested structs, arrays of structs, optionals, booleans, numbers.
    struct Model {
        struct Line { var name: String; var note: String?; var optional: Bool }
        var title: String
        var note: String?
        var count: Int
        var lines: [Line]
        var empty: [Line]
        var inner: Line?
    }

    @Test("A model reflected once renders exactly as swift-mustache renders the struct itself")
    func reflectedViewRendersAsTheStruct() throws {
        let template = try MustacheTemplate(string: """
            {{title}}/{{count}}|{{#lines}}[{{name}}:{{note}}{{#optional}} opt{{/optional}}]{{/lines}}|\
            {{^empty}}none{{/empty}}|{{#inner}}{{name}}{{/inner}}|{{^note}}no note{{/note}}|{{#lines}}{{title}}{{/lines}}
            """)
        let model = Model(
            title: "T <b>", note: nil, count: 3,
            lines: [.init(name: "a", note: "x", optional: true), .init(name: "b", note: nil, optional: false)], empty: [],
            inner: .init(name: "i", note: nil, optional: false))
        let expected = template.render(model)
        #expect(expected == "T &lt;b&gt;/3|[a:x opt][b:]|none|i|no note|T &lt;b&gt;T &lt;b&gt;")
        #expect(template.render(try #require(ReflectedView.of(model))) == expected)
    }

    @Test("Every template file is registered under its name and parses")
    func everyTemplateRegistered() throws {
        for (folder, registered) in [("pages", PortalTemplates.pages), ("emails", PortalTemplates.emails)] {
            let files = try FileManager.default.contentsOfDirectory(atPath: Self.resources.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
            #expect(Set(files) == Set(registered.keys), "\(folder)")
            for (name, bytes) in registered {
                #expect(throws: Never.self, "\(name)") { try MustacheTemplate(string: String(decoding: bytes, as: UTF8.self)) }
            }
        }
    }

    @Test("Emails: text without HTML escaping, HTML escaped, the portal link available to every template")
    func emails() throws {
        let composer = try TemplateEmailComposer(publicBaseURL: "https://portal.example.com/")
        let account = Account(name: "Greenleaf", portalKey: "greenleaf", branding: Branding(displayName: "Green & Leaf"), createdAt: Date())
        let message = try composer.compose(
            .loginLink(account: account, link: "https://portal.example.com/portal/greenleaf/auth/TOKEN", validMinutes: 20),
            to: [.init(address: "cece@example.com")])
        #expect(message.subject == "Your login link for Green & Leaf")
        #expect(message.textBody.hasPrefix("Hello,"))
        #expect(message.textBody.contains("Green & Leaf client portal"))
        #expect(message.textBody.contains("https://portal.example.com/portal/greenleaf\n"))
        #expect(message.htmlBody?.contains("Green &amp; Leaf") == true)
        #expect(message.htmlBody?.contains("href=\"https://portal.example.com/portal/greenleaf/auth/TOKEN\"") == true)
    }

    @Test("Money in the account's currency, dates in words, amounts parsed as people type them")
    func formatting() throws {
        let usd = Formatting(account: Account(name: "A", portalKey: "a", branding: Branding(displayName: "A"), createdAt: Date()))
        #expect(usd.money(Money(cents: 123_450)) == "$1,234.50")
        #expect(usd.money(Money(cents: 5)) == "$0.05")
        let cad = Formatting(account: Account(name: "A", portalKey: "a", currencyCode: "CAD", branding: Branding(displayName: "A"), createdAt: Date()))
        #expect(cad.money(Money(cents: 1_000)) == "CA$10.00")
        #expect(usd.date(CalendarDate(iso: "2026-03-03")!) == "March 3, 2026")
        #expect(usd.quantity(Decimal(string: "2.5")!) == "2.5")
        #expect(try usd.parseAmount("$1,234.50") == Money(cents: 123_450))
        #expect(try usd.parseAmount("80") == Money(cents: 8_000))
        #expect(try usd.parseAmount("80.5") == Money(cents: 8_050))
        for refused in ["80.505", "-5", "", "1e5"] {
            #expect(throws: AmountEntryError.self, "\(refused)") { try usd.parseAmount(refused) }
        }
    }
}
