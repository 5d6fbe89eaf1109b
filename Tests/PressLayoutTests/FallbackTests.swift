import Testing
import PressFonts
@testable import PressLayout

@Suite struct FallbackTests {
    /// Latin Modern Sans (committed CFF fixture) has no Cyrillic and no check mark; DejaVu Sans has both.
    var latinModern: String? {
        TestSupport.fonts.families.first { $0.lowercased().contains("latin modern") || $0.lowercased().hasPrefix("lm sans") }
    }

    @Test func charactersTheStyleFontLacksComeFromTheFallbackFamily() throws {
        let family = try #require(latinModern, "families: \(TestSupport.fonts.families)")
        let doc = Document(baseStyle: Style(fontFamily: family), fallbackFamilies: ["DejaVu Sans"],
                           body: [.paragraph(Paragraph("Zahlung ✓ Привет Łódź"))])
        let laid = try TestSupport.engine.layout(doc)
        #expect(!laid.warnings.contains { $0.code == .missingGlyph }, "\(laid.warnings)")
        let runs = TestSupport.runs(laid.pages[0])
        let dejavu = runs.filter { $0.font.familyName.contains("DejaVu") }.map(\.text).joined(separator: "|")
        let lm = runs.filter { !$0.font.familyName.contains("DejaVu") }.map(\.text).joined(separator: "|")
        #expect(dejavu.contains("✓"))
        #expect(dejavu.contains("Привет"))
        #expect(lm.contains("Zahlung"))
        #expect(!lm.contains("Привет"))
        for run in runs { #expect(!run.glyphs.contains { $0.id == .notdef }, "notdef in \(run.text)") }
        // Everything is still in reading order on one line.
        #expect(TestSupport.lines(laid.pages[0]).count == 1)
    }
}
