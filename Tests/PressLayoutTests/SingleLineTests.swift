import Testing
import PressFonts
@testable import PressLayout

/// The single-line fast path must produce exactly the line of the general path (items, line breaking,
/// `setLine`), or decline: output bytes of existing documents must not change.
@Suite struct SingleLineTests {
    static let styles: [String: Style] = [
        "l": Style(fontFamily: "DejaVu Sans", fontSize: 8, lineHeight: .exactly(10)),
        "r": Style(fontFamily: "DejaVu Sans", fontSize: 8, alignment: .right),
        "c": Style(fontFamily: "DejaVu Sans", fontSize: 9.5, alignment: .center),
        "j": Style(fontFamily: "DejaVu Sans", fontSize: 10, alignment: .justified),
        "b": Style(fontFamily: "DejaVu Sans", fontSize: 8, bold: true, alignment: .right),
    ]
    static let texts = [
        "", "1", "3.505,65", "18,79 kg", "19 %", "Rohrschelle Zeitraum März", "Wärmetauscher Vorgang Nr. 4711, Größe M",
        "Montage vor Ort inkl. Entsorgung", "-12,00", "E-Mail", "a -b", "x - y", "word !", " lead", "trail ", "two  spaces",
        "tab\there", "line\nbreak", "soft\u{AD}hyphen", "non\u{A0}break", "über Ärger", "日本語", "Druckluftschlauch für Straßenfahrzeuge, Lieferung frei",
        "fi fl ffi office", "AV To Wa", "«quoted» text…", "a …",
    ]

    func dump(_ line: LineBox) -> String {
        var out = "h=\(line.height.bitPattern)"
        for item in line.items {
            guard case .text(let run) = item else { out += " other"; continue }
            out += " [\(run.font.id) \(run.size) \(run.origin.x.bitPattern) \(run.origin.y.bitPattern) \(run.text.utf8.count):\(run.text)"
            for g in run.glyphs { out += " \(g.id.rawValue)/\(g.cluster)/\(g.xAdvance)/\(g.xOffset)/\(g.yOffset)" }
            out += "]"
        }
        return out
    }

    static func context() -> LayoutContext {
        LayoutContext(fonts: TestSupport.fonts,
                      document: Document(pageSize: .a4, master: PageMaster(margins: .all(20)), styles: styles, body: []))
    }

    /// A one-span paragraph of `text`, its style entry, and the lines the general path breaks it into.
    static func generalLines(_ ctx: LayoutContext, _ text: String, span: String?, style: String,
                             width: Double) throws -> (Paragraph, ParagraphStyleEntry, [LineBox]) {
        let paragraph = Paragraph([Span(text, style: span)], style: style)
        let entry = try ctx.paragraphStyle(style, overrides: nil)
        var content = InlineContent()
        try ctx.inlineContent(of: paragraph, style: entry, into: &content)
        return (paragraph, entry, ctx.breakAndSet(&content, style: entry.resolved, width: width))
    }

    @Test(arguments: ["l", "r", "c", "j", "b"])
    func fastPathMatchesGeneralPath(style: String) throws {
        let ctx = Self.context()
        var taken = 0
        for text in Self.texts {
            for width in [1.0, 20, 38.4, 60, 120, 500] {
                for spanStyle in [nil, "b"] {
                    let (paragraph, entry, general) = try Self.generalLines(ctx, text, span: spanStyle, style: style, width: width)
                    guard let fast = try ctx.singleLine(of: paragraph, entry: entry, width: width) else { continue }
                    taken += 1
                    #expect(general.count == 1, "\(text) at \(width)")
                    if let line = general.first { #expect(dump(fast) == dump(line), "\(text) at \(width)") }
                }
            }
        }
        #expect(taken > 50)
    }

    /// Paragraphs that wrap: the plain path's first-fit lines must be the general path's, line by line.
    @Test(arguments: ["l", "r", "c", "b"])
    func plainLinesMatchGeneralPath(style: String) throws {
        let ctx = Self.context()
        let long = ["Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum 27.03.2024. Bei Zahlung bis zum 04.03.2024 "
                    + "gewähren wir 2 % Skonto (1.234,56 EUR). Bitte geben Sie bei der Überweisung die Rechnungsnummer an.",
                    "Druckluftschlauch für Straßenfahrzeuge, Lieferung frei Haus, mit Prüfzeugnis",
                    "Superkalifragilistischexpialigetisch kurz", "a b", "fi fl ffi office AV To Wa «quoted» text…"]
        var multi = 0
        for text in Self.texts + long {
            for width in [1.0, 20, 38.4, 60, 120, 215, 500] {
                for spanStyle in [nil, "b"] {
                    let (paragraph, entry, general) = try Self.generalLines(ctx, text, span: spanStyle, style: style, width: width)
                    guard let fast = try ctx.plainLines(of: paragraph, entry: entry, width: width) else { continue }
                    if fast.count > 1 { multi += 1 }
                    #expect(fast.count == general.count, "\(text) at \(width)")
                    for (a, b) in zip(fast, general) { #expect(dump(a) == dump(b), "\(text) at \(width)") }
                }
            }
        }
        #expect(multi > 20)
    }

    @Test func justifiedWrappingTakesTheGeneralPath() throws {
        let doc = Document(pageSize: .a4, master: PageMaster(margins: .all(20)), styles: Self.styles, body: [])
        let ctx = LayoutContext(fonts: TestSupport.fonts, document: doc)
        let entry = try ctx.paragraphStyle("j", overrides: nil)
        #expect(try ctx.plainLines(of: Paragraph("Rohrschelle Zeitraum März", style: "j"), entry: entry, width: 40) == nil)
        #expect(try ctx.plainLines(of: Paragraph("Rohrschelle Zeitraum März", style: "j"), entry: entry, width: 400)?.count == 1)
    }

    @Test func declinesWhatTheScannerTreatsSpecially() throws {
        let doc = Document(pageSize: .a4, master: PageMaster(margins: .all(20)), styles: Self.styles, body: [])
        let ctx = LayoutContext(fonts: TestSupport.fonts, document: doc)
        let entry = try ctx.paragraphStyle("l", overrides: nil)
        for text in ["a -b x-y", "E-Mail", " lead", "trail ", "two  spaces", "tab\there", "line\nbreak", "soft\u{AD}hyphen",
                     "日本語", "word !", "long text that does not fit"] {
            #expect(try ctx.singleLine(of: Paragraph(text, style: "l"), entry: entry, width: 30) == nil, "\(text)")
        }
        #expect(try ctx.singleLine(of: Paragraph("18,79 kg", style: "l"), entry: entry, width: 300) != nil)
    }
}
