import Foundation
import Testing
import PressLayout
import PressRender

/// The readable ("pretty") form of a small page's content stream, compared with a golden file.
/// Re-record with `RECORD_GOLDENS=1 swift test --filter ContentGoldenTests` when a change is intended
/// (a font subsetting change renumbers CIDs, a shaping change moves kerning).
@Suite struct ContentGoldenTests {
    @Test func pageContentStream() throws {
        var options = PDFRenderOptions(creationDate: fixedDate)
        options.pretty = true
        let doc = LaidOutDocument(pages: [Page(size: Size(width: 300, height: 200), items: [
            .shape(ShapeItem(.rect(PressLayout.Rect(x: 10, y: 10, width: 280, height: 20)), fill: .gray(0.9))),
            textRun("Rechnung AV", font: Fonts.bold, size: 12, x: 14, y: 25),
            textRun("Größe: 1.234,56 €", size: 9, x: 14, y: 50),
            textRun("Łódź, offiziell", size: 9, x: 14, y: 61, color: .rgb(0.2, 0.2, 0.6)),
            .shape(ShapeItem(.line(from: Point(x: 10, y: 70), to: Point(x: 290, y: 70)),
                             stroke: Stroke(color: .gray(0.5), width: 0.25, dash: [1, 1]))),
            .shape(ShapeItem(.roundedRect(PressLayout.Rect(x: 200, y: 80, width: 80, height: 40), radius: 4),
                             fill: .cmyk(0, 0, 0, 0.1), stroke: Stroke())),
        ])], metadata: DocumentMetadata(title: "Golden"))
        let pdf = String(decoding: try PDFRenderer().render(doc, options: options), as: UTF8.self)
        let start = try #require(pdf.range(of: "stream\n"))
        let end = try #require(pdf.range(of: "\nendstream", range: start.upperBound..<pdf.endIndex))
        // One-byte codes are raw bytes; show them as <hex> so the golden stays readable text.
        var dump = ""
        for scalar in pdf[start.upperBound..<end.lowerBound].unicodeScalars {
            if scalar.value < 0x20 && scalar != "\n" || scalar.value > 0x7E {
                dump += "<" + String(scalar.value, radix: 16, uppercase: true) + ">"
            } else {
                dump.unicodeScalars.append(scalar)
            }
        }
        let url = repositoryRoot.appendingPathComponent("Tests/PressRenderTests/Goldens/page-content.txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try dump.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(dump == golden, "re-record with RECORD_GOLDENS=1 if intended:\n\(dump)")
    }
}
