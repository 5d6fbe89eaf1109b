import Foundation
import Testing
import PressData
import PressLayout
@testable import PressTemplate

/// Includes, sub-templates, texts per language, DIN 5008 address and page masters.
@Suite struct StructureTests {
    static let files: [String: String] = [
        "template.pwt": """
        document { language: (lang); default-language: de }
        style body { size: 9pt }
        style return-address { based-on: body; size: 6pt }
        page {
          letter: din5008-a
          first { footer { p "{t.page} {page}/{pages}" } }
          following { margins: 20mm; header { p "{t.title} {nr}" } }
        }
        define line(label, amount) {
          p "{label}: {money(amount)}"
        }
        body {
          address {
            include "sender" with (who: sender)
            p "{recipient.name!}"
            info { p "{t.date}: {longdate(date)}" }
          }
          p "{t.title} {nr}"
          call line(t.net, 100)
          call line("Extra", 0.5)
          p (text("country_" & recipient.country))
          p "{t.only_de}"
        }
        """,
        "texts.de.pwt": "title: \"Rechnung\"\npage: \"Seite\"\ndate: \"Datum\"\nnet: \"Netto\"\ncountry_PL: \"Polen\"\nonly_de: \"nur deutsch\"\n",
        "texts.pl.pwt": "title: \"Faktura\"\npage: \"Strona\"\ndate: \"Data\"\nnet: \"Netto\"\ncountry_PL: \"Polska\"\n",
        "../blocks/sender.pwt": "return-address: \"{who.name} · {who.city}\"\n",
    ]

    static let data: Value = ["lang": "pl", "nr": "FV/1", "date": "2026-03-09",
                              "sender": ["name": "Firma GmbH", "city": "Berlin"],
                              "recipient": ["name": "Łukasz Żółć", "country": "PL"]]

    @Test func includesCallsTextsAndLetter() throws {
        let folder = TestSupport.makeTemplate(Self.files)
        let template = try CompiledTemplate.compile(path: folder)
        #expect(template.languages == ["de", "pl"])
        // A text missing in Polish is a compile-time warning and falls back to German.
        #expect(template.warnings.contains { $0.message == "text 't.only_de' is missing in language 'pl'; the default language is used" })
        let document = try template.bind(Self.data, context: TestSupport.context())
        #expect(TestSupport.plainText(document.body) == "Faktura FV/1\nNetto: 100,00\u{00A0}€\nExtra: 0,50\u{00A0}€\nPolska\nnur deutsch")
        let letter = try #require(document.firstPage.letter)
        #expect(letter.form == .a)
        #expect(TestSupport.plainText(letter.returnAddress) == "Firma GmbH · Berlin")
        #expect(TestSupport.plainText(letter.address) == "Łukasz Żółć")
        #expect(TestSupport.plainText(letter.informationBlock) == "Data: 9 marca 2026")
        guard case .paragraph(let p)? = letter.returnAddress.first else { Issue.record("no return address"); return }
        #expect(p.style == "return-address")
        #expect(TestSupport.plainText(document.firstPage.footer?.blocks ?? []) == "Strona ⟨page⟩/⟨pages⟩")
        #expect(TestSupport.plainText(document.followingPages.header?.blocks ?? []) == "Faktura FV/1")
        #expect(document.followingPages.margins == .all(.mm(20)))
        #expect(document.followingPages.letter == nil)
    }

    @Test func languageFromTheCommandLineWins() throws {
        let folder = TestSupport.makeTemplate(Self.files)
        let template = try CompiledTemplate.compile(path: folder)
        let document = try template.bind(Self.data, context: TestSupport.context(language: "de"))
        #expect(TestSupport.plainText(document.body).hasPrefix("Rechnung FV/1\nNetto: 100,00\u{00A0}€"))
        #expect(document.metadata.language == "de-DE")
    }

    @Test func compiledTemplateIsSharedAcrossTasks() async throws {
        let folder = TestSupport.makeTemplate(Self.files)
        let cache = TemplateCache()
        let template = try cache.template(at: folder)
        #expect(try cache.template(at: folder) === template)
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { TestSupport.plainText(try template.bind(Self.data, context: TestSupport.context()).body) }
            }
            var all: [String] = []
            for try await t in group { all.append(t) }
            return all
        }
        #expect(Set(texts).count == 1)
    }
}

@Suite struct TableFlowTests {
    @Test func headerFromASubTemplateSeesItsArguments() throws {
        let folder = TestSupport.makeTemplate(["template.pwt": """
            define head(withVat) {
              header { row { cell "Pos"; if withVat { cell "USt" } } }
            }
            body {
              table columns: [1fr, 1fr] {
                call head(true)
                let label = "x"
                row { cell (label); cell "1" }
              }
            }
            """])
        let document = try CompiledTemplate.compile(path: folder).bind([:], context: TestSupport.context())
        #expect(TestSupport.plainText(document.body) == "Pos | USt\nx | 1")
    }
}
