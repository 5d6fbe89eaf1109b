import Foundation
import Testing
import PressFonts
@testable import PressLayout

@Suite struct PageMasterTests {
    func footer() -> Region {
        Region([.paragraph(Paragraph([Span("Seite "), .pageNumber(), Span(" von "), .pageCount()],
                                     overrides: Style(alignment: .right)))], offset: .mm(10))
    }

    func filler(_ n: Int) -> [Block] {
        (1...n).map { .paragraph(Paragraph("Absatz \($0): Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.")) }
    }

    @Test func pageXOfYInFooters() throws {
        let doc = Document(master: PageMaster(margins: .all(.mm(20)), footer: footer()), body: filler(150))
        let laid = try TestSupport.engine.layout(doc)
        #expect(laid.pages.count >= 3)
        for (index, page) in laid.pages.enumerated() {
            let lines = TestSupport.lines(page)
            #expect(lines.last == "Seite \(index + 1) von \(laid.pages.count)")
            // The footer's bottom sits 10 mm above the page's bottom edge.
            let run = try #require(TestSupport.runs(page).first { $0.text.hasPrefix("Seite") })
            #expect(run.origin.y < page.size.height - Points.mm(10).value)
            #expect(run.origin.y > page.size.height - Points.mm(10).value - 12)
        }
    }

    @Test func pageCountInTheBodyTakesASecondPass() throws {
        let body: [Block] = [.paragraph(Paragraph([Span("Dieses Dokument hat "), .pageCount(), Span(" Seiten.")]))] + filler(150)
        let laid = try TestSupport.engine.layout(Document(body: body))
        #expect(TestSupport.lines(laid.pages[0]).first == "Dieses Dokument hat \(laid.pages.count) Seiten.")
    }

    @Test func firstAndFollowingMastersDiffer() throws {
        let first = PageMaster(margins: Insets(top: .mm(100), right: .mm(20), bottom: .mm(20), left: .mm(25)),
                               header: Region([.paragraph(Paragraph("Briefkopf"))]))
        let following = PageMaster(margins: Insets(top: .mm(30), right: .mm(20), bottom: .mm(20), left: .mm(25)),
                                   header: Region([.paragraph(Paragraph("Fortsetzung"))]))
        let laid = try TestSupport.engine.layout(Document(firstPage: first, followingPages: following, body: filler(80)))
        #expect(laid.pages.count >= 2)
        #expect(TestSupport.lines(laid.pages[0]).first == "Briefkopf")
        #expect(TestSupport.lines(laid.pages[1]).first == "Fortsetzung")
        let body1 = TestSupport.runs(laid.pages[0]).first { $0.text.hasPrefix("Absatz") }!
        let body2 = TestSupport.runs(laid.pages[1]).first { $0.text.hasPrefix("Absatz") }!
        #expect(body1.origin.y > Points.mm(100).value && body1.origin.y < Points.mm(100).value + 12)
        #expect(body2.origin.y > Points.mm(30).value && body2.origin.y < Points.mm(30).value + 12)
    }

    @Test(arguments: [Din5008Letter.Form.a, .b])
    func din5008Positions(form: Din5008Letter.Form) throws {
        let letter = Din5008Letter(
            form: form,
            returnAddress: [.paragraph(Paragraph("Muster GmbH · Hauptstr. 1 · 12345 Berlin", overrides: Style(fontSize: 7)))],
            endorsement: [.paragraph(Paragraph("Einschreiben"))],
            address: [.paragraph(Paragraph("Frau\nZofia Wiśniewska\nul. Długa 5\n00-001 Warszawa\nPOLEN"))],
            informationBlock: [.paragraph(Paragraph("Datum: 22.11.2026"))])
        let doc = Document(firstPage: letter.firstPageMaster(), followingPages: PageMaster(),
                           body: [.paragraph(Paragraph("Rechnung 2026-0042"))])
        let laid = try TestSupport.engine.layout(doc)
        let page = laid.pages[0]
        let top = form == .a ? 27.0 : 45.0
        func run(_ prefix: String) throws -> TextRun { try #require(TestSupport.runs(page).first { $0.text.hasPrefix(prefix) }) }

        // Address field: 20 mm from the left; the address zone starts 17.7 mm below the field's top.
        let name = try run("Frau")
        #expect(abs(name.origin.x - Points.mm(20).value) < 0.01)
        let zoneTop = Points.mm(top + 17.7).value
        #expect(name.origin.y > zoneTop && name.origin.y < zoneTop + 12)
        // Return address: top of the field; endorsement bottom-aligned above the address zone.
        let sender = try run("Muster GmbH")
        #expect(abs(sender.origin.x - Points.mm(20).value) < 0.01)
        #expect(sender.origin.y > Points.mm(top).value && sender.origin.y < Points.mm(top + 7.08).value)
        let endorsement = try run("Einschreiben")
        #expect(endorsement.origin.y < zoneTop && endorsement.origin.y > zoneTop - 12)
        // Information block: 125 mm from the left, 32 mm (A) / 50 mm (B) from the top.
        let info = try run("Datum")
        #expect(abs(info.origin.x - Points.mm(125).value) < 0.01)
        let infoTop = Points.mm(form == .a ? 32 : 50).value
        #expect(info.origin.y > infoTop && info.origin.y < infoTop + 12)
        // Body: left margin 25 mm, below the address field.
        let body = try run("Rechnung")
        #expect(abs(body.origin.x - Points.mm(25).value) < 0.01)
        #expect(body.origin.y > Points.mm(top + 45).value)
        // Fold marks at 87/192 mm (A) or 105/210 mm (B), hole mark at 148.5 mm.
        let marks: [Double] = page.items.compactMap {
            if case .shape(let s) = $0, case .line(let a, _) = s.geometry { return a.y } else { return nil }
        }
        let expected = (form == .a ? [87.0, 192] : [105.0, 210]) + [148.5]
        #expect(marks.map { ($0 * 25.4 / 72 * 100).rounded() / 100 } == expected)
        #expect(laid.warnings.isEmpty)
    }

    @Test func geometryValues() {
        let b = Din5008Geometry(form: .b), a = Din5008Geometry(form: .a)
        #expect(abs(b.addressField.y.millimetres - 45) < 1e-9)
        #expect(abs(a.addressField.y.millimetres - 27) < 1e-9)
        #expect(abs(b.addressField.x.millimetres - 20) < 1e-9)
        #expect(abs(b.addressField.width.millimetres - 85) < 1e-9)
        #expect(abs(b.addressField.height.millimetres - 45) < 1e-9)
        #expect(abs(b.addressZone.height.millimetres - 27.3) < 1e-9)
    }

    @Test func framesOverflowWithAWarning() throws {
        let frame = Frame(x: .mm(20), y: .mm(20), width: .mm(50), height: .mm(5),
                          blocks: [.paragraph(Paragraph("eins\nzwei\ndrei"))], border: Stroke())
        let laid = try TestSupport.engine.layout(Document(body: [.frame(frame), .paragraph(Paragraph("Text"))]))
        #expect(laid.warnings.contains { $0.code == .overflow })
        #expect(TestSupport.texts(laid.pages[0]).contains("zwei"))
    }

    @Test func leadingSpacerCountsInKeepGroupsAndFrames() throws {
        let group = Block.keepTogether([.spacer(.mm(10)), .paragraph(Paragraph("Summe"))])
        let laid = try TestSupport.engine.layout(Document(master: PageMaster(margins: .all(.mm(20))),
                                                          body: [.paragraph(Paragraph("Text")), group]))
        let text = try #require(TestSupport.runs(laid.pages[0]).first { $0.text == "Text" })
        let sum = try #require(TestSupport.runs(laid.pages[0]).first { $0.text == "Summe" })
        #expect(abs(sum.origin.y - text.origin.y - 12 - Points.mm(10).value) < 0.01)
        // At the top of a page a spacer is dropped.
        let top = try TestSupport.engine.layout(Document(master: PageMaster(margins: .all(.mm(20))),
                                                         body: [.spacer(50), .paragraph(Paragraph("Oben"))]))
        let oben = try #require(TestSupport.runs(top.pages[0]).first)
        #expect(oben.origin.y < Points.mm(20).value + 12)
    }

    @Test func keepTogetherGroupMovesToTheNextPage() throws {
        var body: [Block] = (1...58).map { .paragraph(Paragraph("Zeile \($0)")) }
        body.append(.keepTogether([.paragraph(Paragraph("Gruppe A")), .paragraph(Paragraph("Gruppe B")),
                                   .paragraph(Paragraph("Gruppe C"))]))
        let laid = try TestSupport.engine.layout(Document(master: PageMaster(margins: .all(.mm(20))), body: body))
        // 728.5 pt body: 60 lines of 12 pt fit; 58 + 3 do not.
        #expect(laid.pages.count == 2)
        #expect(TestSupport.lines(laid.pages[1]) == ["Gruppe A", "Gruppe B", "Gruppe C"])
    }

    @Test func pageSizesAndOrientation() throws {
        for (size, w, h) in [(PageSize.a4, 595.28, 841.89), (.a5, 419.53, 595.28), (.letter, 612.0, 792.0)] {
            let portrait = try TestSupport.engine.layout(Document(pageSize: size, body: [.paragraph(Paragraph("x"))]))
            #expect(abs(portrait.pages[0].size.width - w) < 0.01 && abs(portrait.pages[0].size.height - h) < 0.01)
            let landscape = try TestSupport.engine.layout(Document(pageSize: size, orientation: .landscape, body: []))
            #expect(abs(landscape.pages[0].size.width - h) < 0.01 && abs(landscape.pages[0].size.height - w) < 0.01)
        }
        #expect(PageSize.named("A4") == .a4)
        #expect(PageSize.named("B7") == nil)
        let custom = try TestSupport.engine.layout(Document(pageSize: PageSize(width: .mm(100), height: .mm(150)),
                                                            master: PageMaster(margins: .all(.mm(5))), body: []))
        #expect(abs(custom.pages[0].size.width - Points.mm(100).value) < 0.01)
    }

    @Test func marginsLeavingNoBodyThrow() {
        let doc = Document(pageSize: .a5, master: PageMaster(margins: .all(.mm(80))), body: [])
        #expect(throws: LayoutError.self) { try TestSupport.engine.layout(doc) }
    }
}
