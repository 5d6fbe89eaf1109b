import Foundation
import Testing
import PressFonts
@testable import PressLayout

/// Leading space inside keep-together groups and table cells (spacers, rules, `spaceBefore`).
@Suite struct SpacingTests {
    let master = PageMaster(margins: .all(.mm(20)))

    func y(_ text: String, on page: Page) throws -> Double {
        try #require(TestSupport.runs(page).first { $0.text == text }).origin.y
    }

    @Test func firstBlockSpaceBeforeCountsInAKeepGroup() throws {
        let group = Block.keepTogether([.paragraph(Paragraph("Summe", overrides: Style(spaceBefore: 20))),
                                        .paragraph(Paragraph("Zeile"))])
        let laid = try TestSupport.engine.layout(Document(master: master, body: [.paragraph(Paragraph("Text")), group]))
        let page = laid.pages[0]
        #expect(abs(try y("Summe", on: page) - y("Text", on: page) - 12 - 20) < 0.01)
        #expect(abs(try y("Zeile", on: page) - y("Summe", on: page) - 12) < 0.01)
    }

    @Test func leadingSpacerCountsInAKeepGroupAfterContent() throws {
        let group = Block.keepTogether([.spacer(15), .paragraph(Paragraph("Summe"))])
        let laid = try TestSupport.engine.layout(Document(master: master, body: [.paragraph(Paragraph("Text")), group]))
        #expect(abs(try y("Summe", on: laid.pages[0]) - y("Text", on: laid.pages[0]) - 12 - 15) < 0.01)
    }

    @Test func leadingSpaceOfAKeepGroupIsDroppedAtTheTopOfAPage() throws {
        let plain = try TestSupport.engine.layout(Document(master: master, body: [.paragraph(Paragraph("Summe"))]))
        let top = try y("Summe", on: plain.pages[0])
        for group in [Block.keepTogether([.spacer(15), .paragraph(Paragraph("Summe"))]),
                      .keepTogether([.paragraph(Paragraph("Summe", overrides: Style(spaceBefore: 20)))])] {
            let laid = try TestSupport.engine.layout(Document(master: master, body: [group]))
            #expect(abs(try y("Summe", on: laid.pages[0]) - top) < 0.01)
        }
        // A group moved to the next page starts at the top of its body area too.
        var body: [Block] = (1...59).map { .paragraph(Paragraph("Zeile \($0)")) }
        body.append(.keepTogether([.spacer(15), .paragraph(Paragraph("Summe")), .paragraph(Paragraph("Ende"))]))
        let moved = try TestSupport.engine.layout(Document(master: master, body: body))
        #expect(moved.pages.count == 2)
        #expect(abs(try y("Summe", on: moved.pages[1]) - top) < 0.01)
    }

    func cellLayout(_ blocks: [Block]) throws -> Page {
        let table = Table(columns: [.relative(1)], rows: [TableRow([TableCell(blocks)])])
        return try TestSupport.engine.layout(Document(master: master, body: [.table(table)])).pages[0]
    }

    @Test func spacerBetweenParagraphsCountsInATableCell() throws {
        let page = try cellLayout([.paragraph(Paragraph("A")), .spacer(20), .paragraph(Paragraph("B"))])
        #expect(abs(try y("B", on: page) - y("A", on: page) - 12 - 20) < 0.01)
    }

    @Test func leadingSpacerCountsInATableCell() throws {
        let plain = try cellLayout([.paragraph(Paragraph("A"))])
        let spaced = try cellLayout([.spacer(20), .paragraph(Paragraph("A"))])
        #expect(abs(try y("A", on: spaced) - y("A", on: plain) - 20) < 0.01)
    }

    @Test func ruleSpacingCountsInATableCell() throws {
        let rule = Rule(stroke: Stroke(width: 1), spaceBefore: 5, spaceAfter: 7)
        let page = try cellLayout([.paragraph(Paragraph("A")), .rule(rule), .paragraph(Paragraph("B"))])
        #expect(abs(try y("B", on: page) - y("A", on: page) - 12 - 5 - 1 - 7) < 0.01)
        let plain = try cellLayout([.paragraph(Paragraph("A"))])
        let leading = try cellLayout([.rule(rule), .paragraph(Paragraph("A"))])
        #expect(abs(try y("A", on: leading) - y("A", on: plain) - 5 - 1 - 7) < 0.01)
    }
}
