import Testing
import PressFonts
@testable import PressLayout

/// An engine hands one document's style state to the next with the same styles: results must be those
/// of a fresh engine, and a document must not inherit another's unknown-style warnings.
@Suite struct StyleCacheTests {
    static let styles: [String: Style] = [
        "cell": Style(fontFamily: "DejaVu Sans", fontSize: 8, lineHeight: .exactly(10)),
        "cellR": Style(parent: "cell", alignment: .right),
        "head": Style(parent: "cell", bold: true),
        "big": Style(fontSize: 14, bold: true),
    ]

    func document(_ styles: [String: Style], unknown: Bool = false) -> Document {
        Document(pageSize: .a4, master: PageMaster(margins: .all(20)), styles: styles, body: [
            .paragraph(Paragraph("Rechnung 4711", style: "big")),
            .table(Table(columns: [.fixed(100), .fixed(100)], rows: [
                TableRow([TableCell("Pos. 1", style: "head"), TableCell("3.505,65", style: "cellR")]),
                TableRow([TableCell([Span("fett", style: "head"), Span(" normal")], style: "cell"),
                          TableCell("x", style: unknown ? "nosuch" : "cell")]),
            ])),
        ])
    }

    func dump(_ doc: LaidOutDocument) -> String {
        var out = "\(doc.warnings.count) warnings;"
        for page in doc.pages {
            for item in page.items {
                guard case .text(let run) = item else { continue }
                out += " \(run.font.id) \(run.size) \(run.origin.x.bitPattern) \(run.origin.y.bitPattern) \(run.text)"
            }
        }
        return out
    }

    @Test func sharedStateGivesFreshResults() throws {
        let other = Self.styles.merging(["big": Style(fontSize: 20)]) { $1 }
        let shared = LayoutEngine(fonts: TestSupport.fonts)
        for (styles, unknown) in [(Self.styles, false), (Self.styles, false), (other, false), (Self.styles, true),
                                  (Self.styles, false), (other, true), (other, false)] {
            let fresh = LayoutEngine(fonts: TestSupport.fonts)
            let expected = try fresh.layout(document(styles, unknown: unknown))
            let got = try shared.layout(document(styles, unknown: unknown))
            #expect(dump(got) == dump(expected))
            #expect(got.warnings.contains { $0.code == .unknownStyle } == unknown)
        }
    }
}
