import Foundation

/// What a PDF shows (SPEC F16), laid out by no one yet: the company's branding, a title, facts, a table of lines,
/// totals, paragraphs and, for an accepted proposal, the signature block. The HTTP front makes it from the very model
/// its page draws; a ``DocumentRenderer`` draws it.
public struct PrintedDocument: Hashable, Sendable {
    /// A label and its value (`Invoice date`, `Dec 1, 2026`).
    public struct Fact: Hashable, Sendable {
        /// `Invoice date`.
        public var label: String
        /// `Dec 1, 2026`.
        public var value: String
        /// A value to be copied exactly (a SHA-256): set small enough to stay on one line.
        public var isCode: Bool

        /// Memberwise.
        public init(_ label: String, _ value: String, isCode: Bool = false) {
            self.label = label
            self.value = value
            self.isCode = isCode
        }
    }

    /// The table of lines: its header (repeated on each page), which columns hold amounts (set flush right), rows.
    public struct Table: Hashable, Sendable {
        /// The column headings, drawn again on each page the table runs onto.
        public var header: [String]
        /// For each column, whether it is set flush right (quantities and amounts).
        public var numeric: [Bool]
        /// The lines, one text per column.
        public var rows: [[String]]

        /// Memberwise; `numeric` has one entry per column of `header`.
        public init(header: [String], numeric: [Bool], rows: [[String]]) {
            self.header = header
            self.numeric = numeric
            self.rows = rows
        }
    }

    /// The company's name as branded.
    public var companyName: String
    /// Its address and contact lines.
    public var companyAddress: [String]
    /// Its accent colour (`#RRGGBB`), for its name, rules and headings.
    public var accentColour: String
    /// `Invoice INV-1001`, `Proposal: Spring clean-up`.
    public var title: String
    /// Under the title: dates, status, who it is for.
    public var facts: [Fact]
    /// The lines, if the document has any.
    public var table: Table?
    /// Subtotal, tax, total, paid, balance: the last one set in bold.
    public var totals: [Fact]
    /// Paragraphs after the totals (a deposit, a note).
    public var paragraphs: [String]
    /// An accepted proposal's signature block (typed name, time, address, the version's SHA-256), empty otherwise.
    public var signature: [Fact]
    /// The words at the foot of every page, before "Page n of N" (`Greenleaf · Invoice INV-1001`).
    public var footer: String
    /// The company's logo, a PNG, drawn at the top right of the first page; `nil` for none (``DocumentPDFs`` sets it).
    public var logo: Data?

    /// Memberwise.
    public init(
        companyName: String, companyAddress: [String], accentColour: String, title: String, facts: [Fact], table: Table?, totals: [Fact],
        paragraphs: [String] = [], signature: [Fact] = [], footer: String = ""
    ) {
        self.companyName = companyName
        self.companyAddress = companyAddress
        self.accentColour = accentColour
        self.title = title
        self.facts = facts
        self.table = table
        self.totals = totals
        self.paragraphs = paragraphs
        self.signature = signature
        self.footer = footer
    }
}
