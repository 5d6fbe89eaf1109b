import Foundation
import Testing
import PressFonts
import PressLayout
import PressPDF
@testable import PressRender

@Suite struct PDFRendererTests {
    let options = PDFRenderOptions(creationDate: fixedDate, producer: "Presswork tests")

    @Test func ligatureIsShaped() {
        // Makes sure the ligature path is exercised: DejaVu Sans has an "ffi"/"fi"/"fl" ligature.
        let shaped = Fonts.regular.shape(ligatureLine, language: "de")
        #expect(shaped.glyphs.count < ligatureLine.unicodeScalars.count)
    }

    @Test func producesValidPDFWithExactText() throws {
        let renderer = PDFRenderer()
        let pdf = try renderer.render(sampleDocument(), options: options)
        let url = try temporaryFile(pdf, name: "sample.pdf")
        guard let qpdf = runTool("qpdf", ["--check", url.path]) else {
            print("SKIP: qpdf not installed; install qpdf and poppler-utils to run the PDF checks")
            return
        }
        #expect(qpdf.status == 0, "\(qpdf.output)")
        if let fonts = runTool("pdffonts", [url.path]) {
            let rows = fonts.output.split(separator: "\n").dropFirst(2)
            #expect(rows.count == 2, "\(fonts.output)")
            for row in rows {
                let columns = row.split(separator: " ", omittingEmptySubsequences: true)
                // name type(2 words) encoding emb sub uni object ID
                // The default encoding: Identity-H for every font (issue 2).
                #expect(columns.contains("CID") && columns.contains("Identity-H"), "\(row)")
                let flags = Array(columns.suffix(5).prefix(3))
                #expect(flags == ["yes", "yes", "yes"], "emb/sub/uni in \(row)")
                #expect(row.contains("+DejaVuSans"), "\(row)")
            }
        }
        if let text = runTool("pdftotext", ["-enc", "UTF-8", "-layout", url.path, "-"]) {
            #expect(text.status == 0)
            for expected in [sampleLine, ligatureLine, "Rechnung", "AVATAR Wasser 1.234,56 €", "Seite 1 von 2",
                             "Zwischensumme 99,00 €", "Seite 2 von 2"] {
                #expect(text.output.contains(expected), "missing \(expected) in \(text.output)")
            }
        }
        if let info = runTool("pdfinfo", [url.path]) {
            #expect(info.output.contains("Pages:           2"))
            #expect(info.output.contains("Page size:       595.276 x 841.89 pts (A4)"))
            #expect(info.output.contains("Title:           Rechnung 2026-0042"))
            #expect(info.output.contains("Producer:        Presswork tests"))
        }
    }

    @Test func sameInputSameBytesWhateverWasCachedBefore() throws {
        let fresh = try PDFRenderer().render(sampleDocument(), options: options)
        let shared = PDFRenderer()
        // Warm the caches with a different document using other glyphs.
        var other = sampleDocument()
        other.pages[0].items.append(textRun("Ünïcödé ĄĘŚ ŻŹĆŃ ≠ ∑", x: 40, y: 500))
        _ = try shared.render(other, options: options)
        let again = try shared.render(sampleDocument(), options: options)
        let third = try shared.render(sampleDocument(), options: options)
        #expect(fresh == again)
        #expect(again == third)
        #expect(shared.cacheCounts.images == 1)
    }

    @Test func glyphSetsAreQuantised() throws {
        // Two documents that use different letters and digits of the same groups share one prepared font.
        let renderer = PDFRenderer()
        let a = LaidOutDocument(pages: [Page(size: Size(width: 200, height: 100), items: [textRun("abc 1", x: 10, y: 50)])],
                                metadata: DocumentMetadata())
        let b = LaidOutDocument(pages: [Page(size: Size(width: 200, height: 100), items: [textRun("xyz 23", x: 10, y: 50)])],
                                metadata: DocumentMetadata())
        _ = try renderer.render(a, options: options)
        _ = try renderer.render(b, options: options)
        #expect(renderer.cacheCounts.fonts == 1)
    }

    @Test func mergedDocumentsAndBlankPages() throws {
        let renderer = PDFRenderer()
        var letter = sampleDocument()
        letter.pages.append(Page(size: letter.pages[0].size))  // blank back page
        let pdf = try renderer.render([letter, sampleDocument(title: "Second")], options: options)
        let url = try temporaryFile(pdf, name: "merged.pdf")
        guard let info = runTool("pdfinfo", [url.path]) else { print("SKIP: pdfinfo not installed"); return }
        #expect(info.output.contains("Pages:           5"))
        if let qpdf = runTool("qpdf", ["--check", url.path]) { #expect(qpdf.status == 0, "\(qpdf.output)") }
        if let fonts = runTool("pdffonts", [url.path]) {
            #expect(fonts.output.split(separator: "\n").count == 4, "fonts are shared between merged documents")
        }
    }

    @Test(arguments: [PDFAConformance.a2b, .a3b])
    func pdfAOutputHasClaimAndOutputIntent(level: PDFAConformance) throws {
        var opts = options
        opts.pdfA = level
        if level == .a3b {
            opts.embeddedFiles = [EmbeddedFile(name: "factur-x.xml", data: Array("<invoice/>".utf8),
                                               mimeType: "text/xml", description: "Factur-X", relationship: .data)]
        }
        let pdf = try PDFRenderer().render(sampleDocument(), options: opts)
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("<pdfaid:part>\(level.part)</pdfaid:part>"))
        #expect(text.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(text.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Rechnung 2026-0042</rdf:li></rdf:Alt></dc:title>"))
        var pretty = opts
        pretty.pretty = true
        let readable = String(decoding: try PDFRenderer().render(sampleDocument(), options: pretty), as: UTF8.self)
        #expect(readable.contains("/S/GTS_PDFA1/OutputConditionIdentifier(sRGB IEC61966-2.1)"))
        #expect(readable.contains("/DestOutputProfile"))
        #expect(!readable.contains(" k\n") && !readable.contains(" K\n"), "no DeviceCMYK in PDF/A with an sRGB intent")
        if level == .a3b {
            #expect(readable.contains("/AFRelationship/Data"))
            #expect(readable.contains("/Subtype/text#2Fxml"))
            #expect(readable.contains("/AF["))
        }
        let url = try temporaryFile(pdf, name: "pdfa-\(level.rawValue).pdf")
        if let qpdf = runTool("qpdf", ["--check", url.path]) { #expect(qpdf.status == 0, "\(qpdf.output)") }
    }

    @Test func cffFontIsEmbeddedAsCIDFontType0() throws {
        let text = "Größe Łódź fine"
        let doc = LaidOutDocument(pages: [Page(size: Size(width: 300, height: 100), items: [
            textRun(text, font: Fonts.cff, size: 12, x: 10, y: 50),
        ])], metadata: DocumentMetadata(title: "CFF"))
        let pdf = try PDFRenderer().render(doc, options: options)
        let url = try temporaryFile(pdf, name: "cff.pdf")
        guard let qpdf = runTool("qpdf", ["--check", url.path]) else { print("SKIP: qpdf not installed"); return }
        #expect(qpdf.status == 0, "\(qpdf.output)")
        if let fonts = runTool("pdffonts", [url.path]) {
            let row = fonts.output.split(separator: "\n").dropFirst(2).first.map(String.init) ?? ""
            #expect(row.contains("CID Type 0C (OT)") || row.contains("CID Type 0C"), "\(fonts.output)")
            #expect(Array(row.split(separator: " ").suffix(5).prefix(3)) == ["yes", "yes", "yes"], "\(row)")
        }
        if let extracted = runTool("pdftotext", ["-enc", "UTF-8", url.path, "-"]) {
            #expect(extracted.output.contains(text), "\(extracted.output)")
        }
    }

    @Test func multiGlyphClustersMapEachGlyphToItsOwnCharacter() throws {
        // "q" + U+0323 (dot below) has no precomposed form: HarfBuzz keeps two glyphs in one
        // cluster. The "q" glyph must still extract as "q" elsewhere ("qq"), not as "q̣".
        let decomposed = "q\u{0323}e\u{0065}\u{0323} qq tee"
        let doc = LaidOutDocument(pages: [Page(size: Size(width: 300, height: 100), items: [
            textRun(decomposed, x: 10, y: 50),
        ])], metadata: DocumentMetadata())
        let pdf = try PDFRenderer().render(doc, options: options)
        let url = try temporaryFile(pdf, name: "marks.pdf")
        guard let extracted = runTool("pdftotext", ["-enc", "UTF-8", url.path, "-"]) else { print("SKIP: pdftotext not installed"); return }
        let normalized = extracted.output.precomposedStringWithCanonicalMapping
        #expect(normalized.contains("qq tee"), "\(extracted.output)")
        #expect(normalized.contains("q\u{0323}eẹ"), "\(extracted.output)")
    }

    @Test func oneByteEncodingWritesSmallSubsetsWithACustomCMap() throws {
        var opts = options
        opts.fontEncoding = .oneByte
        let pdf = try PDFRenderer().render(sampleDocument(), options: opts)
        let twoByte = try PDFRenderer().render(sampleDocument(), options: options)
        let url = try temporaryFile(pdf, name: "one-byte.pdf")
        guard let fonts = runTool("pdffonts", [url.path]) else { print("SKIP: pdffonts not installed"); return }
        let rows = fonts.output.split(separator: "\n").dropFirst(2)
        #expect(rows.count == 2, "\(fonts.output)")
        for row in rows { #expect(row.contains("Custom") && row.contains("CID"), "\(row)") }
        if let qpdf = runTool("qpdf", ["--check", url.path]) { #expect(qpdf.status == 0, "\(qpdf.output)") }
        if let text = runTool("pdftotext", ["-enc", "UTF-8", url.path, "-"]),
           let reference = runTool("pdftotext", ["-enc", "UTF-8", try temporaryFile(twoByte, name: "two-byte.pdf").path, "-"]) {
            #expect(text.output == reference.output, "both encodings extract the same text")
        }
    }

    @Test func largeGlyphSetsUseIdentityH() throws {
        // More than 256 glyphs: the one-byte CMap cannot address them, so even .oneByte falls back to Identity-H.
        let ranges: [ClosedRange<UInt32>] = [0x41...0x5A, 0x61...0x7A, 0x100...0x17F, 0x391...0x3A9, 0x3B1...0x3C9, 0x410...0x44F]
        let lines = ranges.map { range in String(String.UnicodeScalarView(range.compactMap(Unicode.Scalar.init))) }
        var items: [PageItem] = []
        for (i, line) in lines.enumerated() { items.append(textRun(line, size: 6, x: 10, y: 20 + Double(i) * 10)) }
        let doc = LaidOutDocument(pages: [Page(size: Size(width: 595, height: 200), items: items)], metadata: DocumentMetadata())
        var opts = options
        opts.fontEncoding = .oneByte
        let pdf = try PDFRenderer().render(doc, options: opts)
        let url = try temporaryFile(pdf, name: "large-set.pdf")
        guard let fonts = runTool("pdffonts", [url.path]) else { print("SKIP: pdffonts not installed"); return }
        #expect(fonts.output.contains("Identity-H"), "\(fonts.output)")
        if let qpdf = runTool("qpdf", ["--check", url.path]) { #expect(qpdf.status == 0, "\(qpdf.output)") }
        if let extracted = runTool("pdftotext", ["-enc", "UTF-8", url.path, "-"]) {
            for line in lines { #expect(extracted.output.contains(line), "missing \(line)") }
        }
    }

    @Test func pdfA2bRefusesNonPDFAttachments() {
        var opts = options
        opts.pdfA = .a2b
        opts.embeddedFiles = [EmbeddedFile(name: "data.xml", data: [1], mimeType: "text/xml")]
        #expect(throws: RenderError.self) { try PDFRenderer().render(sampleDocument(), options: opts) }
    }

    @Test func emptyDocumentIsAnError() {
        #expect(throws: RenderError.self) {
            try PDFRenderer().render(LaidOutDocument(pages: [], metadata: DocumentMetadata()), options: options)
        }
    }

    @Test func prettyContentStreamIsCompact() throws {
        var opts = options
        opts.pretty = true
        let doc = LaidOutDocument(pages: [Page(size: Size(width: 200, height: 100), items: [
            textRun("AV", x: 10, y: 20),
            textRun("AV", x: 10, y: 32),
            textRun("AV", size: 12, x: 50, y: 32),
        ])], metadata: DocumentMetadata())
        let text = String(decoding: try PDFRenderer().render(doc, options: opts), as: UTF8.self)
        // One text object, Tf only when the size changes, relative Td moves, kerning in TJ.
        let start = try #require(text.range(of: "stream\n"))
        let end = try #require(text.range(of: "\nendstream", range: start.upperBound..<text.endIndex))
        let stream = String(text[start.upperBound..<end.lowerBound])
        let lines = stream.split(separator: "\n")
        #expect(lines.first == "BT")
        #expect(!lines.contains("0 g"), "black is the initial fill colour")
        #expect(lines.filter { $0.hasSuffix(" Tf") }.count == 2)
        #expect(lines.contains("10 80 Td"))
        #expect(lines.contains("0 -12 Td"))
        #expect(lines.contains("40 0 Td"))
        // Two-byte CIDs (Identity-H) in binary literal strings, with the A-V kerning pair between them.
        let tj = lines.filter { $0.hasSuffix("TJ") }
        #expect(tj.count == 3)
        #expect(tj.allSatisfy { $0.hasPrefix("[(") && $0.contains(")64(") }, "A-V kerning: \(stream)")
        #expect(lines.last == "ET", "\(stream)")
    }
}

@Suite struct ConcurrentRenderingTests {
    @Test func sharedRendererGivesTheSameBytesFromManyTasks() async throws {
        let options = PDFRenderOptions(creationDate: fixedDate)
        let expected = try PDFRenderer().render(sampleDocument(), options: options)
        let shared = PDFRenderer()
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for i in 0..<8 {
                group.addTask {
                    // Interleave a different document so the caches are hit and filled concurrently.
                    if i % 2 == 0 { _ = try shared.render(sampleDocument(title: "Other \(i)"), options: options) }
                    return try shared.render(sampleDocument(), options: options)
                }
            }
            var all: [[UInt8]] = []
            for try await bytes in group { all.append(bytes) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}
