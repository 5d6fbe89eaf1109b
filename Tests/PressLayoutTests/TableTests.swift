import Foundation
import Testing
import PressFonts
@testable import PressLayout

@Suite struct TableTests {
    /// A4, 20 mm margins: body 728.50 pt tall, 481.89 pt wide.
    func document(_ table: Table, before: [Block] = []) -> Document {
        Document(master: PageMaster(margins: .all(.mm(20))), body: before + [.table(table)])
    }

    func row(_ texts: [String], amount: Decimal? = nil, minHeight: Points = 20, keepTogether: Bool = false) -> TableRow {
        TableRow(texts.map { TableCell($0) }, keepTogether: keepTogether, amount: amount, minHeight: minHeight)
    }

    static let carry = CarryForward(
        bottom: TableRow([TableCell([Span("Übertrag: "), .carriedForward()], columnSpan: 3)], minHeight: 20),
        top: TableRow([TableCell([Span("Übertrag von Vorseite: "), .carriedForward()], columnSpan: 3)], minHeight: 20),
        format: { "\($0) €" })

    func invoiceTable(rows count: Int, amount: Decimal = Decimal(string: "1.25")!) -> Table {
        Table(columns: [.fixed(40), .relative(1), .auto],
              headerRows: [row(["Pos.", "Beschreibung", "Betrag"])],
              rows: (1...count).map { row(["\($0)", "Artikel \($0)", "\(amount)"], amount: amount) },
              rules: .grid(), carryForward: TableTests.carry)
    }

    @Test func headersRepeatAndCarriedSubtotalsMatchThePages() throws {
        let laid = try TestSupport.engine.layout(document(invoiceTable(rows: 100)))
        // Page 1: header + 34 rows + carry (20 pt each, 720 of 728.5); then header + carry + 33 rows + carry.
        #expect(laid.pages.count == 3)
        var rowsSoFar = 0
        for (index, page) in laid.pages.enumerated() {
            let lines = TestSupport.lines(page)
            #expect(lines.first == "Pos. Beschreibung Betrag", "page \(index + 1) starts with the header")
            var bodyRows = 0
            for line in lines where line.hasPrefix("Artikel") || line.first?.isNumber == true { bodyRows += 1 }
            if index > 0 {
                #expect(lines[1] == "Übertrag von Vorseite: \(Decimal(rowsSoFar) * Decimal(string: "1.25")!) €")
            }
            rowsSoFar += bodyRows
            if index < laid.pages.count - 1 {
                #expect(lines.last == "Übertrag: \(Decimal(rowsSoFar) * Decimal(string: "1.25")!) €")
            } else {
                #expect(!lines.contains { $0.hasPrefix("Übertrag: ") })
            }
        }
        #expect(rowsSoFar == 100)
        let pageRows = laid.pages.map { page in TestSupport.lines(page).filter { $0.first?.isNumber == true }.count }
        #expect(pageRows == [34, 33, 33])
    }

    @Test func longTablesPaginateInLinearTime() throws {
        // 1,000 rows: 34 on page 1, 33 on each following page, the rest on the last one.
        for (count, expected) in [(1000, 31), (5000, 152)] {
            let laid = try TestSupport.engine.layout(document(invoiceTable(rows: count)))
            #expect(laid.pages.count == expected, "\(count) rows")
            let last = try #require(laid.pages.last)
            #expect(TestSupport.lines(last).contains { $0.hasPrefix("\(count) Artikel \(count)") })
        }
    }

    @Test func rowTallerThanTheRestOfThePageSplitsBetweenLines() throws {
        let tall = (1...80).map { "Zeile \($0)" }.joined(separator: "\n")
        let table = Table(columns: [.relative(1), .relative(1)], headerRows: [row(["Links", "Rechts"])],
                          rows: [row(["kurz", "kurz"]), TableRow([TableCell("links"), TableCell(tall)])])
        let laid = try TestSupport.engine.layout(document(table))
        #expect(laid.pages.count == 2)
        let first = TestSupport.lines(laid.pages[0]), second = TestSupport.lines(laid.pages[1])
        #expect(first.contains { $0.contains("Zeile 1") })
        #expect(second.first == "Links Rechts")
        let lastOnFirst = first.last { $0.hasPrefix("Zeile") }!
        let firstOnSecond = second.first { $0.hasPrefix("Zeile") }!
        let n = Int(lastOnFirst.dropFirst(6))!, m = Int(firstOnSecond.dropFirst(6))!
        #expect(m == n + 1)
        #expect(second.contains("Zeile 80"))
    }

    @Test func keepTogetherRowMovesAsAWhole() throws {
        // 33 rows fill page 1 to 20 + 33*20 = 680 of 728.5; a 5-line row (64 pt) does not fit in 48.5.
        let block = (1...5).map { "Teil \($0)" }.joined(separator: "\n")
        var rows = (1...33).map { row(["\($0)", "x", "y"]) }
        rows.append(TableRow([TableCell("34"), TableCell(block), TableCell("z")], keepTogether: true))
        let table = Table(columns: [.fixed(40), .relative(1), .relative(1)], headerRows: [row(["A", "B", "C"])], rows: rows)
        let laid = try TestSupport.engine.layout(document(table))
        #expect(laid.pages.count == 2)
        #expect(!TestSupport.lines(laid.pages[0]).contains { $0.contains("Teil") })
        #expect(TestSupport.lines(laid.pages[1]).contains { $0.contains("Teil 1") })

        // The same row without keep-together splits.
        rows[33].keepTogether = false
        let split = try TestSupport.engine.layout(document(Table(columns: table.columns, headerRows: table.headerRows, rows: rows)))
        #expect(TestSupport.lines(split.pages[0]).contains { $0.contains("Teil 1") })
        #expect(TestSupport.lines(split.pages[1]).contains { $0.contains("Teil 5") })
    }

    @Test func footerRowsFollowTheLastRowOnce() throws {
        var table = invoiceTable(rows: 40)
        table.footerRows = [TableRow([TableCell("Summe", columnSpan: 2), TableCell("50")], minHeight: 20)]
        let laid = try TestSupport.engine.layout(document(table))
        let all = laid.pages.flatMap { TestSupport.lines($0) }
        #expect(all.filter { $0.hasPrefix("Summe") }.count == 1)
        #expect(TestSupport.lines(laid.pages.last!).last == "Summe 50")
    }

    @Test func headerIsNotStrandedAtThePageBottom() throws {
        // 35 paragraphs of 12 pt leave 308.5 pt; then a table whose header + first row need more.
        let before: [Block] = (1...59).map { .paragraph(Paragraph("Absatz \($0)")) }
        let laid = try TestSupport.engine.layout(document(invoiceTable(rows: 3), before: before))
        #expect(!TestSupport.lines(laid.pages[0]).contains("Pos. Beschreibung Betrag"))
        #expect(TestSupport.lines(laid.pages[1]).first == "Pos. Beschreibung Betrag")
    }

    @Test func columnWidthsFixedRelativeAuto() throws {
        let table = Table(columns: [.fixed(100), .relative(2), .relative(1), .auto],
                          rows: [row(["a", "b", "c", "Gesamtbetrag"])], cellPadding: .zero)
        let engine = TestSupport.engine
        let laid = try engine.layout(document(table))
        let runs = TestSupport.runs(laid.pages[0]).sorted { $0.origin.x < $1.origin.x }
        let left = Points.mm(20).value
        let autoWidth = runs[3].width
        let rest = 481.89 - 100 - autoWidth
        #expect(abs(runs[0].origin.x - left) < 0.01)
        #expect(abs(runs[1].origin.x - (left + 100)) < 0.01)
        #expect(abs(runs[2].origin.x - (left + 100 + rest * 2 / 3)) < 0.05)
        #expect(abs(runs[3].origin.x - (left + 100 + rest)) < 0.05)
    }

    @Test func columnSpanCoversColumns() throws {
        let table = Table(columns: [.fixed(100), .fixed(100), .fixed(100)],
                          rows: [TableRow([TableCell("wide", alignment: .right, columnSpan: 2), TableCell("c")])],
                          cellPadding: .zero)
        let laid = try TestSupport.engine.layout(document(table))
        let wide = try #require(TestSupport.runs(laid.pages[0]).first { $0.text == "wide" })
        #expect(abs(wide.origin.x + wide.width - (Points.mm(20).value + 200)) < 0.01)
    }

    @Test func backgroundsAndRulesAreDrawn() throws {
        let table = Table(columns: [.relative(1), .relative(1)], headerRows: [row(["H1", "H2"])],
                          rows: [row(["a", "b"]), row(["c", "d"])], rules: .grid(), headerBackground: .gray(0.9))
        let laid = try TestSupport.engine.layout(document(table))
        let shapes = laid.pages[0].items.compactMap { if case .shape(let s) = $0 { return s } else { return nil } }
        #expect(shapes.filter { $0.fill == .gray(0.9) }.count == 1)   // one rectangle for the header row
        #expect(shapes.contains { if case .rect = $0.geometry { return $0.stroke != nil } else { return false } })
        #expect(shapes.filter { $0.stroke != nil }.count >= 5)
    }
}
