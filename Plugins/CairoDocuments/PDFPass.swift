import CPangoCairo
import Foundation
import PortalKernel

/// One drawing of a ``PrintedDocument`` onto a new A4 PDF surface, top to bottom, starting a page whenever the next
/// block does not fit (SPEC F16). With `pageCount` unknown it only counts the pages; with it, each page's footer says
/// "Page n of N".
final class PDFPass {
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    static let margin = 48.0
    /// The body ends here; the footer is below.
    static let bodyBottom = pageHeight - 64.0
    static let bodyWidth = pageWidth - 2 * margin
    /// Noto Sans first; Noto Sans Tamil before the fonts fontconfig would try next, since Noto Sans Grantha (sorted
    /// first) also has Tamil's vowel signs and would split a syllable across two fonts (a dotted circle beside it).
    static let fontFamily = "Noto Sans, Noto Sans Tamil, Noto Sans CJK JP, Noto Sans CJK SC, sans-serif"

    let document: PrintedDocument
    let pageCount: Int?
    private let sink = PDFSink()
    private var surface: OpaquePointer?
    private var cr: OpaquePointer?
    private var y = margin
    private var page = 1
    private let accent: (Double, Double, Double)
    /// How many characters of the text no installed font has, drawn as boxes (SPEC F16: none, with the fonts
    /// README names); counted as each block is laid out, so a block measured and drawn counts twice.
    private(set) var unknownGlyphs = 0

    init(document: PrintedDocument, pageCount: Int?) {
        self.document = document
        self.pageCount = pageCount
        accent = Self.rgb(document.accentColour) ?? (0.13, 0.45, 0.27)
    }

    /// Draws the whole document; the PDF and how many pages it has.
    /// - Throws: ``CairoFailure`` when Cairo reports an error.
    func run() throws -> (bytes: Data, pages: Int) {
        let closure = Unmanaged.passRetained(sink)
        defer { closure.release() }
        guard let surface = cairo_pdf_surface_create_for_stream(writeToSink, closure.toOpaque(), Self.pageWidth, Self.pageHeight) else {
            throw CairoFailure(reason: "no PDF surface")
        }
        self.surface = surface
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.companyName)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Client Portal")
        let cr = cairo_create(surface)
        self.cr = cr
        drawDocument()
        finishPage()
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoFailure(reason: String(cString: cairo_status_to_string(status))) }
        return (sink.data, page)
    }

    // MARK: The document, block by block

    private func drawDocument() {
        drawLetterhead()
        drawText(document.title, size: 18, bold: true, width: Self.bodyWidth)
        y += 6
        drawFacts(document.facts)
        if let table = document.table { drawTable(table) }
        drawTotals(document.totals)
        for paragraph in document.paragraphs {
            y += 8
            drawText(paragraph, size: 10, width: Self.bodyWidth)
        }
        if !document.signature.isEmpty {
            y += 16
            drawText("Signature", size: 12, bold: true, width: Self.bodyWidth, colour: accent)
            y += 4
            drawFacts(document.signature)
        }
    }

    /// The company's name in its accent colour and its address, its logo at the right, and a rule.
    private func drawLetterhead() {
        let top = y
        let logo = drawLogo()
        let width = Self.bodyWidth - (logo.width > 0 ? logo.width + 12 : 0)
        drawText(document.companyName, size: 16, bold: true, width: width, colour: accent)
        for line in document.companyAddress { drawText(line, size: 9, width: width, colour: (0.35, 0.35, 0.35)) }
        y = max(y, top + logo.height)
        y += 8
        rule(width: 1.5, colour: accent)
        y += 14
    }

    /// The logo (a PNG) at the top right, at most 56 points high and 160 wide; its size on the page, zero when there is
    /// none or it does not decode (the document is drawn all the same).
    private func drawLogo() -> (width: Double, height: Double) {
        guard let png = document.logo else { return (0, 0) }
        let source = Unmanaged.passRetained(PNGSource(png))
        defer { source.release() }
        guard let image = cairo_image_surface_create_from_png_stream(readFromSource, source.toOpaque()) else { return (0, 0) }
        defer { cairo_surface_destroy(image) }
        let (width, height) = (Double(cairo_image_surface_get_width(image)), Double(cairo_image_surface_get_height(image)))
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, width > 0, height > 0 else { return (0, 0) }
        let scale = min(56 / height, 160 / width, 1)
        cairo_save(cr)
        cairo_translate(cr, Self.pageWidth - Self.margin - width * scale, y)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
        return (width * scale, height * scale)
    }

    /// Label and value pairs, the labels in a column of their own.
    private func drawFacts(_ facts: [PrintedDocument.Fact]) {
        let labelWidth = 130.0
        for fact in facts {
            let label = layout(fact.label, size: 10, bold: true, width: labelWidth - 8)
            let value = layout(fact.value, size: fact.isCode ? 7.5 : 10, width: Self.bodyWidth - labelWidth)
            let height = max(Self.height(of: label), Self.height(of: value)) + 3
            ensureRoom(height)
            show(label, x: Self.margin, y: y, colour: (0.3, 0.3, 0.3))
            show(value, x: Self.margin + labelWidth, y: y)
            y += height
            g_object_unref(UnsafeMutableRawPointer(label))
            g_object_unref(UnsafeMutableRawPointer(value))
        }
        y += 10
    }

    /// The lines: a header row on an accent rule, drawn again at the top of each page the rows run onto.
    private func drawTable(_ table: PrintedDocument.Table) {
        // Amounts get a fixed width; the text columns share the rest, the first (a description) twice as wide as each
        // other (a date, a number), so every column stays on the page however many there are.
        let numericWidth = 84.0
        let numericCount = Double(table.numeric.filter { $0 }.count)
        let textCount = Double(table.numeric.filter { !$0 }.count)
        let share = (Self.bodyWidth - numericWidth * numericCount) / max(1, textCount + (textCount > 1 ? 1 : 0))
        var widths: [Double] = []
        var firstText = true
        for numeric in table.numeric {
            if numeric {
                widths.append(numericWidth)
            } else {
                widths.append(firstText && textCount > 1 ? share * 2 : share)
                firstText = false
            }
        }
        func header() {
            ensureRoom(40)
            drawRow(table.header, widths: widths, numeric: table.numeric, bold: true)
            rule(width: 1, colour: accent)
            y += 4
        }
        header()
        for row in table.rows {
            let cells = row.enumerated().map { index, text in
                layout(text, size: 10, width: widths[index] - 8, alignRight: table.numeric[index])
            }
            let height = cells.map(Self.height(of:)).max() ?? 0
            if y + height > Self.bodyBottom {
                if height <= Self.bodyBottom - Self.margin - 40 {
                    newPage()
                    header()
                } else {
                    // A row taller than a page (a very long description): its first cell is cut between lines.
                    drawTallRow(cells, widths: widths, header: header)
                    cells.forEach { g_object_unref(UnsafeMutableRawPointer($0)) }
                    continue
                }
            }
            var x = Self.margin
            for (index, cell) in cells.enumerated() {
                show(cell, x: x + 4, y: y)
                x += widths[index]
            }
            y += height + 6
            cells.forEach { g_object_unref(UnsafeMutableRawPointer($0)) }
        }
        rule(width: 0.5, colour: (0.7, 0.7, 0.7))
        y += 8
    }

    /// A row whose first cell is taller than a page: the other cells on its first part, the first cell cut between
    /// its lines across as many pages as it takes, the header again on each.
    private func drawTallRow(_ cells: [OpaquePointer], widths: [Double], header: () -> Void) {
        let bottoms = Self.lineBottoms(of: cells[0])
        var shown = 0.0
        var first = true
        while shown < (bottoms.last ?? 0) {
            if y + 20 > Self.bodyBottom {
                newPage()
                header()
            }
            let room = Self.bodyBottom - y
            let end = bottoms.last { $0 - shown <= room } ?? min(shown + room, bottoms.last ?? 0)
            cairo_save(cr)
            cairo_rectangle(cr, Self.margin, y, widths[0], end - shown)
            cairo_clip(cr)
            show(cells[0], x: Self.margin + 4, y: y - shown)
            cairo_restore(cr)
            if first {
                var x = Self.margin + widths[0]
                for (index, cell) in cells.enumerated().dropFirst() {
                    show(cell, x: x + 4, y: y)
                    x += widths[index]
                }
                first = false
            }
            y += end - shown
            shown = end
            if shown < (bottoms.last ?? 0) { newPage(); header() }
        }
        y += 6
    }

    private func drawRow(_ texts: [String], widths: [Double], numeric: [Bool], bold: Bool) {
        var x = Self.margin
        var height = 0.0
        for (index, text) in texts.enumerated() {
            let cell = layout(text, size: 10, bold: bold, width: widths[index] - 8, alignRight: numeric[index])
            show(cell, x: x + 4, y: y, colour: bold ? accent : (0, 0, 0))
            height = max(height, Self.height(of: cell))
            x += widths[index]
            g_object_unref(UnsafeMutableRawPointer(cell))
        }
        y += height + 4
    }

    /// The totals flush right, the last in bold.
    private func drawTotals(_ totals: [PrintedDocument.Fact]) {
        for (index, total) in totals.enumerated() {
            let last = index == totals.count - 1
            let label = layout(total.label, size: last ? 12 : 10, bold: last, width: 200, alignRight: true)
            let value = layout(total.value, size: last ? 12 : 10, bold: last, width: 110, alignRight: true)
            let height = max(Self.height(of: label), Self.height(of: value)) + 4
            ensureRoom(height)
            show(label, x: Self.pageWidth - Self.margin - 320, y: y)
            show(value, x: Self.pageWidth - Self.margin - 110, y: y)
            y += height
            g_object_unref(UnsafeMutableRawPointer(label))
            g_object_unref(UnsafeMutableRawPointer(value))
        }
    }

    // MARK: Pages

    private func ensureRoom(_ height: Double) {
        if y + height > Self.bodyBottom { newPage() }
    }

    private func newPage() {
        finishPage()
        cairo_show_page(cr)
        page += 1
        y = Self.margin
    }

    /// The footer: the document's footer text and, once the count is known, "Page n of N".
    private func finishPage() {
        let saved = y
        let words = pageCount.map { "Page \(page) of \($0)" } ?? "Page \(page)"
        let footer = layout([document.footer, words].filter { !$0.isEmpty }.joined(separator: " · "), size: 8, width: Self.bodyWidth, alignRight: true)
        show(footer, x: Self.margin, y: Self.pageHeight - 40, colour: (0.4, 0.4, 0.4))
        g_object_unref(UnsafeMutableRawPointer(footer))
        y = saved
    }

    // MARK: Text

    /// Draws `text` at the current height across `width` and moves below it, starting a page first when it does not fit.
    private func drawText(
        _ text: String, size: Double, bold: Bool = false, width: Double, colour: (Double, Double, Double) = (0, 0, 0)
    ) {
        let block = layout(text, size: size, bold: bold, width: width)
        let height = Self.height(of: block)
        ensureRoom(height)
        show(block, x: Self.margin, y: y, colour: colour)
        y += height + 2
        g_object_unref(UnsafeMutableRawPointer(block))
    }

    /// A Pango layout of `text`, wrapped at `width` points (between words, or within one too long for the width).
    private func layout(_ text: String, size: Double, bold: Bool = false, width: Double, alignRight: Bool = false) -> OpaquePointer {
        let layout = pango_cairo_create_layout(cr)!
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, Self.fontFamily)
        pango_font_description_set_absolute_size(font, size * Double(PANGO_SCALE))
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        pango_layout_set_width(layout, Int32(max(width, 10) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, alignRight ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
        // Left to right, as the page is: right-to-left text is placed at the start of its cell, not flipped to its end.
        pango_layout_set_auto_dir(layout, 0)
        pango_layout_set_text(layout, text, -1)
        unknownGlyphs += Int(pango_layout_get_unknown_glyphs_count(layout))
        return layout
    }

    private func show(_ layout: OpaquePointer, x: Double, y: Double, colour: (Double, Double, Double) = (0, 0, 0)) {
        cairo_set_source_rgb(cr, colour.0, colour.1, colour.2)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
    }

    private func rule(width: Double, colour: (Double, Double, Double)) {
        cairo_set_source_rgb(cr, colour.0, colour.1, colour.2)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, Self.margin, y)
        cairo_line_to(cr, Self.pageWidth - Self.margin, y)
        cairo_stroke(cr)
    }

    /// A layout's height in points.
    static func height(of layout: OpaquePointer) -> Double {
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Double(height) / Double(PANGO_SCALE)
    }

    /// Where each line of `layout` ends, from its top, in points.
    static func lineBottoms(of layout: OpaquePointer) -> [Double] {
        var bottoms: [Double] = []
        guard let iterator = pango_layout_get_iter(layout) else { return [height(of: layout)] }
        repeat {
            var top: Int32 = 0
            var bottom: Int32 = 0
            pango_layout_iter_get_line_yrange(iterator, &top, &bottom)
            bottoms.append(Double(bottom) / Double(PANGO_SCALE))
        } while pango_layout_iter_next_line(iterator) != 0
        pango_layout_iter_free(iterator)
        return bottoms
    }

    /// `#RRGGBB` as three fractions.
    static func rgb(_ hex: String) -> (Double, Double, Double)? {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        return (Double((value >> 16) & 0xFF) / 255, Double((value >> 8) & 0xFF) / 255, Double(value & 0xFF) / 255)
    }
}

/// Where Cairo's PDF stream is collected.
final class PDFSink {
    var data = Data()
}

/// Where Cairo reads the logo's PNG from.
final class PNGSource {
    let data: Data
    var offset = 0

    init(_ data: Data) {
        self.data = data
    }
}

/// Cairo's read callback: the next `length` bytes of the ``PNGSource`` its closure points at.
private let readFromSource: cairo_read_func_t = { closure, buffer, length in
    guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
    let source = Unmanaged<PNGSource>.fromOpaque(closure).takeUnretainedValue()
    let count = Int(length)
    guard source.offset + count <= source.data.count else { return CAIRO_STATUS_READ_ERROR }
    let start = source.data.startIndex + source.offset
    source.data.copyBytes(to: buffer, from: start..<start + count)
    source.offset += count
    return CAIRO_STATUS_SUCCESS
}

/// Cairo's write callback: appends to the ``PDFSink`` its closure points at.
private let writeToSink: cairo_write_func_t = { closure, bytes, length in
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}
