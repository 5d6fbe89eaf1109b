import Foundation
import Testing
import PressData
import PressFonts
import PressLayout
import PressRender
@testable import PressTemplate

/// Templates bound, laid out and rendered: JSON and XML give the same bytes; a small template lays out.
@Suite struct RenderTests {
    static let root = TestSupport.repositoryRoot
    static let fonts = FontLibrary(searchPaths: [root + "/Fixtures/fonts"], includeSystemFonts: false)
    static let cache = TemplateCache()

    static func render(template: String, data: Value, language: String? = nil) throws -> (LaidOutDocument, [UInt8]) {
        let compiled = try cache.template(at: template)
        let document = try compiled.bind(data, context: BindContext(language: language, today: TestSupport.today, images: cache.images))
        let laidOut = try LayoutEngine(fonts: fonts).layout(document)
        let pdf = try PDFRenderer().render(laidOut, options: PDFRenderOptions(creationDate: Date(timeIntervalSince1970: 1_795_000_000)))
        return (laidOut, pdf)
    }

    /// Fixtures that exist as both .json and .xml.
    static var pairs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/Fixtures")) ?? []
        return names.filter { $0.hasSuffix(".xml") }.map { String($0.dropLast(4)) }
            .filter { names.contains($0 + ".json") }.sorted()
    }

    @Test(arguments: pairs)
    func jsonAndXMLGiveTheSameDocument(_ name: String) throws {
        let family = String(name.prefix { $0 != "-" })
        let template = Self.root + "/Templates/" + family
        guard FileManager.default.fileExists(atPath: template + "/template.pwt") else { return }
        let json = try DocumentLoader.load(path: Self.root + "/Fixtures/\(name).json")
        let xml = try DocumentLoader.load(path: Self.root + "/Fixtures/\(name).xml")
        let (jsonLayout, jsonPDF) = try Self.render(template: template, data: json)
        let (xmlLayout, xmlPDF) = try Self.render(template: template, data: xml)
        #expect(jsonLayout.pages.count == xmlLayout.pages.count)
        #expect(jsonPDF == xmlPDF, "\(name): JSON and XML render different bytes")
    }

    @Test func smallTemplateBindsAndLaysOut() throws {
        let folder = TestSupport.makeTemplate([
            "template.pwt": """
            document { title: "Rechnung {nr!}"; language: (lang); currency: (cur ?? "EUR") }
            style body { font: "DejaVu Sans"; size: 9pt }
            style h1 { based-on: body; size: 14pt; bold: true }
            page {
              size: A4
              footer { p "{t.page} {page} / {pages}" align: right }
            }
            body {
              p "{t.title} {nr!}" style: h1
              table columns: [10mm, 1fr, 30mm] {
                header { row { cell "#"; cell (t.item); cell (t.amount) align: right } }
                for it in items {
                  row amount: (it.qty * it.price) { cell "{loop.index}"; cell "{it.name}"; cell "{money(it.qty * it.price)}" align: right }
                }
                carry-forward column: 3 { label: (t.carried) }
                footer { row { cell ""; cell (t.total) bold: true; cell "{money(sum(items, it.qty * it.price))}" align: right bold: true } }
              }
            }
            """,
            "texts.de.pwt": "title: \"Rechnung\"\nitem: \"Artikel\"\namount: \"Betrag\"\ntotal: \"Summe\"\ncarried: \"Übertrag\"\npage: \"Seite\"\n",
            "texts.pl.pwt": "title: \"Faktura\"\nitem: \"Towar\"\namount: \"Kwota\"\ntotal: \"Razem\"\ncarried: \"Z przeniesienia\"\npage: \"Strona\"\n",
        ])
        let items: [Value] = (1...80).map { i in ["name": .string("Pozycja \(i) – łódź"), "qty": .number(Decimal(i % 3 + 1)), "price": "12.34"] }
        let data: Value = ["nr": "FV/2026/11/7", "lang": "pl", "cur": "PLN", "items": .array(items)]
        let compiled = try CompiledTemplate.compile(path: folder)
        #expect(compiled.languages == ["de", "pl"])
        let document = try compiled.bind(data, context: TestSupport.context())
        #expect(document.metadata.title == "Rechnung FV/2026/11/7")   // metadata text is not translated: literal
        #expect(document.metadata.language == "pl-PL")
        let text = TestSupport.plainText(document.body)
        #expect(text.hasPrefix("Faktura FV/2026/11/7\n# | Towar | Kwota\n1 | Pozycja 1 – łódź | 24,68\u{00A0}zł"))
        #expect(text.hasSuffix(" | Razem | 1\u{00A0}986,74\u{00A0}zł"))
        guard case .table(let table)? = document.body.last else { Issue.record("no table"); return }
        #expect(table.rows.count == 80)
        #expect(table.rows[0].amount == Decimal(string: "24.68"))
        #expect(table.carryForward?.format(Decimal(string: "1234.5")!) == "1\u{00A0}234,50\u{00A0}zł")

        let laidOut = try LayoutEngine(fonts: Self.fonts).layout(document)
        #expect(laidOut.pages.count >= 2)
        let pdf = try PDFRenderer().render(laidOut, options: PDFRenderOptions(creationDate: Date(timeIntervalSince1970: 0)))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }
}
