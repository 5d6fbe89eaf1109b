import Foundation
import Testing
import PressFonts
import PressLayout
import PressPDF
@testable import PressRender

/// Print files are assembled from letters rendered one by one (`renderPages`, CID = glyph id) and copied
/// together (`assemble`, one subset per face keeping glyph ids). The result must be a PDF like any other:
/// valid, fonts embedded and subset, exact text, right pages; and deterministic.
@Suite struct RenderedPagesTests {
    let options = PDFRenderOptions(creationDate: fixedDate, producer: "Presswork tests")

    func letters() -> [LaidOutDocument] {
        var first = sampleDocument()
        first.pages.append(Page(size: first.pages[0].size))   // blank back page
        let cff = LaidOutDocument(pages: [Page(size: Size(width: 300, height: 100), items: [
            textRun("Größe Łódź fine", font: Fonts.cff, size: 12, x: 10, y: 50),
            textRun("Ærø ñ é", x: 10, y: 80),
        ])], metadata: DocumentMetadata(title: "CFF"))
        var third = sampleDocument(title: "Second")
        third.pages[1].items.append(textRun("Ünïcödé ĄĘŚ ŻŹĆŃ", x: 40, y: 500))
        return [first, cff, third]
    }

    func assembled(_ renderer: PDFRenderer = PDFRenderer()) throws -> [UInt8] {
        let parts = try letters().map { try renderer.renderPages($0, options: options) }
        return try renderer.assemble(parts, metadata: DocumentMetadata(title: "Print file", language: "de-DE"), options: options)
    }

    @Test func assembledFileIsValidWithEveryFontSubsetAndTheExactText() throws {
        let pdf = try assembled()
        let url = try temporaryFile(pdf, name: "assembled.pdf")
        guard let qpdf = runTool("qpdf", ["--check", url.path]) else {
            print("SKIP: qpdf not installed; install qpdf and poppler-utils to run the PDF checks")
            return
        }
        #expect(qpdf.status == 0, "\(qpdf.output)")
        if let info = runTool("pdfinfo", [url.path]) {
            #expect(info.output.contains("Pages:           6"), "\(info.output)")
            #expect(info.output.contains("Title:           Print file"))
        }
        if let fonts = runTool("pdffonts", [url.path]) {
            let rows = fonts.output.split(separator: "\n").dropFirst(2)
            // One font per face across all letters: DejaVu Sans, DejaVu Sans Bold, Latin Modern Sans.
            #expect(rows.count == 3, "\(fonts.output)")
            for row in rows {
                let columns = row.split(separator: " ", omittingEmptySubsequences: true)
                #expect(columns.contains("Identity-H"), "\(row)")
                #expect(Array(columns.suffix(5).prefix(3)) == ["yes", "yes", "yes"], "emb/sub/uni in \(row)")
            }
        }
        guard let text = runTool("pdftotext", ["-enc", "UTF-8", "-layout", url.path, "-"]) else { return }
        let pages = text.output.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        for expected in [sampleLine, ligatureLine, "Rechnung", "AVATAR Wasser 1.234,56 €", "Seite 1 von 2"] {
            #expect(pages[0].contains(expected), "page 1 misses \(expected): \(pages[0])")
        }
        #expect(pages[2].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "blank back page: \(pages[2])")
        #expect(pages[3].contains("Größe Łódź fine") && pages[3].contains("Ærø ñ é"), "\(pages[3])")
        #expect(pages[5].contains("Ünïcödé ĄĘŚ ŻŹĆŃ") && pages[5].contains("Seite 2 von 2"), "\(pages[5])")
    }

    @Test func sameLettersSameBytesWhateverWasRenderedBefore() throws {
        let fresh = try assembled()
        let shared = PDFRenderer()
        _ = try shared.render(sampleDocument(), options: options)
        _ = try assembled(shared)
        #expect(try assembled(shared) == fresh)
    }

    @Test func contentDoesNotDependOnTheOtherLettersOfTheFile() throws {
        // CID = glyph id and local resource names: a letter's streams are the same whatever file it goes into,
        // which is what lets workers render letters before the file is cut.
        let renderer = PDFRenderer()
        let alone = try renderer.renderPages(letters()[2], options: options)
        let afterOthers = try letters().map { try renderer.renderPages($0, options: options) }[2]
        #expect(alone.pages.map(\.content) == afterOthers.pages.map(\.content))
        #expect(alone.fonts.map(\.face.id) == [Fonts.bold.id, Fonts.regular.id])
    }

    @Test func aRenderedLetterIsMuchSmallerThanItsLayout() throws {
        // The print phase holds a file's letters until the file is cut; rendered, a letter is its compressed
        // streams (a few KB), not its positioned glyphs.
        let rendered = try PDFRenderer().renderPages(sampleDocument(), options: options)
        #expect(rendered.pageCount == 2)
        #expect(rendered.contentBytes > 0 && rendered.contentBytes < 4_000, "\(rendered.contentBytes)")
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: RenderError.self) {
            _ = try PDFRenderer().renderPages(LaidOutDocument(pages: [], metadata: DocumentMetadata()), options: options)
        }
        #expect(throws: RenderError.self) {
            _ = try PDFRenderer().assemble([], metadata: DocumentMetadata(), options: options)
        }
    }
}
