import Foundation
import Testing
import PressLayout
import PressRender
@testable import PressChannels

@Suite struct PrintTests {
    static let a4 = Size(width: 595.28, height: 841.89)

    func document(_ record: Int, pages: Int) -> LaidOutDocument {
        LaidOutDocument(pages: (0..<pages).map { i in
            Page(size: PrintTests.a4, items: [.shape(ShapeItem(.rect(Rect(x: 10, y: 10, width: Double(record), height: Double(i + 1))), fill: .black))])
        }, metadata: DocumentMetadata(language: "de-DE"))
    }

    /// A letter as the worker makes it: its pages overlaid with the print marks (blank back page, OMR), "rendered"
    /// as blank pages (the assembler only counts them; the real rendering is tested in PressRenderTests).
    func letter(_ record: Int, pages: Int, country: String = "Deutschland", postcode: String,
                options: PrintOptions = PrintOptions()) -> PrintLetter {
        let doc = document(record, pages: pages)
        let marks = PrintAssembler.markPages(for: doc, options: options)
        let rendered = RenderedPages(blankPages: doc.pages.map(\.size), metadata: doc.metadata)
            .overlaid(with: RenderedPages(blankPages: marks.pages.map(\.size)))
        return PrintLetter(record: record, letterID: "RE-\(record)", country: country, postcode: postcode, template: "invoice",
                           pages: pages, rendered: rendered)
    }

    @Test func blankBackPagesAfterOddLettersInTheOrderGiven() {
        let file = PrintAssembler.assemble([], options: PrintOptions())
        #expect(file.pages == 0)
        // The pipeline hands letters over already sorted; the assembler keeps their order.
        let f = PrintAssembler.assemble([letter(2, pages: 2, postcode: "10115"), letter(4, pages: 2, postcode: "10115"),
                                         letter(1, pages: 1, postcode: "80331"),
                                         letter(3, pages: 3, country: "Polen", postcode: "00-950")],
                                        options: PrintOptions(maxLetters: 10))
        #expect(f.manifest.map(\.record) == [2, 4, 1, 3])
        #expect(f.manifest.map(\.firstPage) == [1, 3, 5, 7])
        #expect(f.manifest.map(\.pages) == [2, 2, 1, 3])
        #expect(f.manifest.map(\.sheets) == [1, 1, 1, 2])
        #expect(f.pages == 10)         // 2 + 2 + (1 + blank) + (3 + blank)
        #expect(f.blankPages == 2)
        #expect(f.sheets == 5)
        #expect(f.parts.map(\.pageCount) == [2, 2, 2, 4])
        #expect(f.metadata.language == "de-DE")
        // The blank back page is the last page of the letter's marks (drawn over its own pages).
        let r1 = PrintAssembler.markPages(for: document(1, pages: 1), options: PrintOptions())
        #expect(r1.pages.count == 2 && r1.pages.allSatisfy(\.items.isEmpty))
        #expect(r1.pages[1].size == PrintTests.a4)
        #expect(PrintAssembler.markPages(for: document(2, pages: 2), options: PrintOptions()).pages.count == 2)
        #expect(f.letters.map(\.record) == [2, 4, 1, 3])
    }

    @Test func simplexHasNoBlanks() {
        let simplex = PrintOptions(duplex: false)
        let f = PrintAssembler.assemble([letter(1, pages: 1, postcode: "1", options: simplex),
                                         letter(2, pages: 3, postcode: "2", options: simplex)], options: simplex)
        #expect(f.pages == 4 && f.blankPages == 0 && f.sheets == 4)
        #expect(f.manifest.map(\.firstPage) == [1, 2])
    }

    @Test func cutsByLettersAndBySheetsKeepingTheOrder() {
        var a = PrintAssembler(options: PrintOptions(maxLetters: 2, maxSheets: 100))
        #expect(a.add(letter(9, pages: 1, postcode: "9")) == nil)
        let f1 = a.add(letter(2, pages: 1, postcode: "1"))
        #expect(f1?.manifest.map(\.record) == [9, 2])       // no re-sorting: the run's order is kept
        #expect(a.pendingLetters == 0)
        #expect(a.flush() == nil)

        var b = PrintAssembler(options: PrintOptions(maxLetters: 100, maxSheets: 3))
        #expect(b.add(letter(1, pages: 3, postcode: "1")) == nil)       // 2 sheets
        let cut = b.add(letter(2, pages: 4, postcode: "1"))                // 2 more would exceed 3: cut before
        #expect(cut?.manifest.map(\.record) == [1])
        #expect(b.pendingLetters == 1)
        #expect(b.flush()?.sheets == 2)
        // A letter larger than a whole file gets a file of its own.
        #expect(b.add(letter(3, pages: 20, postcode: "1")) != nil)
        #expect(b.pendingLetters == 0)
        // An empty letter still takes a sheet; simplex counts pages as sheets.
        #expect(PrintAssembler.sheets(forPages: 0, options: PrintOptions()) == 1)
        #expect(PrintAssembler.sheets(forPages: 5, options: PrintOptions()) == 3)
        #expect(PrintAssembler.sheets(forPages: 5, options: PrintOptions(duplex: false)) == 5)
    }

    @Test func omrMarksOnFrontSidesOnly() {
        let opts = PrintOptions(duplex: true, omr: OMRMarks())
        let pages = PrintAssembler.markPages(for: document(1, pages: 4), options: opts).pages
            + PrintAssembler.markPages(for: document(2, pages: 1), options: opts).pages
        func dashes(_ page: Int) -> Int {
            pages[page].items.filter { if case .shape(let s) = $0, case .line = s.geometry { return true }; return false }.count
        }
        // Letter 1: sheets 2: front 1 = ref + start (+ parity: 2 set -> even, no parity) ; front 2 = ref + end.
        #expect(dashes(0) == 2)
        #expect(dashes(1) == 0)
        #expect(dashes(2) == 2)
        #expect(dashes(3) == 0)
        // Letter 2: one sheet: ref + start + end + parity = 4.
        #expect(dashes(4) == 4)
        #expect(dashes(5) == 0)   // blank back
        for sheet in 0..<5 {
            for n in 1...5 where sheet < n {
                #expect(OMRMarks.marks(sheet: sheet, of: n).count % 2 == 0)
            }
        }
    }

    @Test func manifestEncodings() throws {
        let f = PrintAssembler.assemble([letter(1, pages: 1, postcode: "80331"), letter(2, pages: 2, country: "Spanien", postcode: "=1+2")],
                                        options: PrintOptions())
        let csv = String(decoding: PrintManifest.csv(f.manifest), as: UTF8.self)
        #expect(csv == "letter_id,record,first_page,pages,sheets,country,postcode\r\nRE-1,1,1,1,1,Deutschland,80331\r\nRE-2,2,3,2,1,Spanien,'=1+2\r\n")
        let json = PrintManifest.json(f.manifest, file: "x.pdf", pages: f.pages, sheets: f.sheets)
        let obj = try JSONSerialization.jsonObject(with: Data(json)) as! [String: Any]
        #expect(obj["pages"] as? Int == 4)
        #expect((obj["letters"] as? [[String: Any]])?.count == 2)
    }
}
