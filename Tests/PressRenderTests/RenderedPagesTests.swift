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
        #expect(alone.pages.map(\.streams) == afterOthers.pages.map(\.streams))
        #expect(alone.fonts.map(\.face.id) == [Fonts.bold.id, Fonts.regular.id])
    }

    @Test func aRenderedLetterIsMuchSmallerThanItsLayout() throws {
        // The print phase holds a file's letters until the file is cut; rendered, a letter is its compressed
        // streams (a few KB), not its positioned glyphs.
        let rendered = try PDFRenderer().renderPages(sampleDocument(), options: options)
        #expect(rendered.pageCount == 2)
        #expect(rendered.contentBytes > 0 && rendered.contentBytes < 4_000, "\(rendered.contentBytes)")
    }

    /// The sample document without its one CMYK stroke.
    func rgbDocument() -> LaidOutDocument {
        var doc = sampleDocument()
        doc.pages[0].items.removeAll { $0.usesCMYK }
        return doc
    }

    @Test func archiveCopyFromTheSamePagesIsPDFA() throws {
        let renderer = PDFRenderer()
        let pages = try renderer.renderPages(rgbDocument(), options: options)
        #expect(!pages.usesDeviceCMYK)
        var archival = options
        archival.pdfA = .a2b
        let pdf = try renderer.assemble([pages], metadata: pages.metadata, options: archival)
        #expect(try renderer.assemble([pages], metadata: pages.metadata, options: archival) == pdf, "deterministic")
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("<pdfaid:part>2</pdfaid:part>") && text.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(text.contains("Rechnung 2026-0042"))
        let url = try temporaryFile(pdf, name: "archive-from-pages.pdf")
        guard let qpdf = runTool("qpdf", ["--check", url.path]) else { print("SKIP: qpdf not installed"); return }
        #expect(qpdf.status == 0, "\(qpdf.output)")
        if let fonts = runTool("pdffonts", [url.path]) {
            let rows = fonts.output.split(separator: "\n").dropFirst(2)
            #expect(rows.count == 2, "\(fonts.output)")
            for row in rows {
                #expect(Array(row.split(separator: " ").suffix(5).prefix(3)) == ["yes", "yes", "yes"], "\(row)")
            }
        }
        if let extracted = runTool("pdftotext", ["-enc", "UTF-8", "-layout", url.path, "-"]) {
            for expected in [sampleLine, ligatureLine, "AVATAR Wasser 1.234,56 €", "Seite 2 von 2"] {
                #expect(extracted.output.contains(expected), "missing \(expected)")
            }
        }
        var pretty = archival
        pretty.pretty = true
        let readable = String(decoding: try renderer.assemble([pages], metadata: pages.metadata, options: pretty), as: UTF8.self)
        #expect(readable.contains("/OutputIntents") && readable.contains("/DestOutputProfile"))
        #expect(readable.contains("/CIDToGIDMap/Identity"))
    }

    @Test func cmykStaysCMYKForPrintAndIsNeverWrittenAsPDFA() throws {
        let renderer = PDFRenderer()
        let pages = try renderer.renderPages(sampleDocument(), options: options)
        #expect(pages.usesDeviceCMYK)
        var archival = options
        archival.pdfA = .a2b
        #expect(throws: RenderError.self) { _ = try renderer.assemble([pages], metadata: pages.metadata, options: archival) }
        // Content streams are compressed when the pages are rendered: look at them through qpdf.
        let url = try temporaryFile(try renderer.assemble([pages], metadata: pages.metadata, options: options), name: "cmyk-print.pdf")
        let plain = url.deletingLastPathComponent().appendingPathComponent("cmyk-print-qdf.pdf")
        guard let qpdf = runTool("qpdf", ["--qdf", "--stream-data=uncompress", url.path, plain.path]) else {
            print("SKIP: qpdf not installed"); return
        }
        #expect(qpdf.status == 0, "\(qpdf.output)")
        let text = String(decoding: (try? Data(contentsOf: plain)) ?? Data(), as: UTF8.self)
        #expect(text.contains("0 0.5 1 0 K"), "the CMYK stroke is kept for print")
    }

    @Test func overlaidMarksBecomeSecondContentStreamsAndBlankPagesAreAppended() throws {
        let renderer = PDFRenderer()
        let letter = try renderer.renderPages(rgbDocument(), options: options)
        let size = Size(width: 595.276, height: 841.89)
        let mark = PageItem.shape(ShapeItem(.line(from: Point(x: 10, y: 300), to: Point(x: 25, y: 300)), stroke: Stroke()))
        let marks = try renderer.renderPages(LaidOutDocument(pages: [Page(size: size, items: [mark]), Page(size: size),
                                                                     Page(size: size)], metadata: DocumentMetadata()),
                                             options: options)
        let physical = letter.overlaid(with: marks)
        #expect(physical.pageCount == 3)
        #expect(physical.pages.map(\.streams.count) == [2, 1, 0])
        var pretty = options
        pretty.pretty = true
        let pdf = try renderer.assemble([physical], metadata: DocumentMetadata(title: "Print file"), options: pretty)
        let readable = String(decoding: pdf, as: UTF8.self)
        #expect(readable.contains("/Contents["))
        let url = try temporaryFile(pdf, name: "overlaid.pdf")
        guard let qpdf = runTool("qpdf", ["--check", url.path]) else { print("SKIP: qpdf not installed"); return }
        #expect(qpdf.status == 0, "\(qpdf.output)")
        if let info = runTool("pdfinfo", [url.path]) { #expect(info.output.contains("Pages:           3")) }
        if let extracted = runTool("pdftotext", ["-enc", "UTF-8", url.path, "-"]) {
            #expect(extracted.output.contains(sampleLine))
        }
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
