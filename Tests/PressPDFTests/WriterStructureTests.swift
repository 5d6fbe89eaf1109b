import Testing
@testable import PressPDF

/// A minimal reader for our own output: trailer, xref stream, object streams.
struct OwnPDFReader {
    let bytes: [UInt8]

    func integer(after key: String, in range: Range<Int>) -> Int? {
        guard let at = find(key, in: Array(bytes[range])) else { return nil }
        var i = range.lowerBound + at + key.utf8.count
        while bytes[i] == 0x20 { i += 1 }
        var v = 0
        while i < range.upperBound, bytes[i] >= 0x30, bytes[i] <= 0x39 { v = v * 10 + Int(bytes[i] - 0x30); i += 1 }
        return v
    }

    /// The dictionary range and decoded payload of the stream object starting at `offset`.
    func stream(at offset: Int) -> (dict: Range<Int>, data: [UInt8], raw: Int)? {
        guard let start = find("stream\n", in: bytes, from: offset) else { return nil }
        let dict = offset..<start
        guard let length = integer(after: "/Length", in: dict) else { return nil }
        let payload = Array(bytes[(start + 7)..<(start + 7 + length)])
        // /Length must be exact: EOL + endstream right after the payload.
        guard Array(bytes[(start + 7 + length)..<(start + 7 + length + 10)]) == Array("\nendstream".utf8) else { return nil }
        let flate = find("/FlateDecode", in: Array(bytes[dict])) != nil
        return (dict, flate ? (Deflate.decompress(payload) ?? []) : payload, length)
    }

    var startxref: Int {
        let tail = Array(bytes.suffix(40))
        let at = find("startxref\n", in: tail)!
        var i = at + 10, v = 0
        while tail[i] != 0x0A { v = v * 10 + Int(tail[i] - 0x30); i += 1 }
        return v
    }
}

@Suite struct WriterStructureTests {
    @Test func headerHasBinaryComment() {
        let pdf = sampleDocument(options: .init())
        #expect(Array(pdf.prefix(15)) == Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
        #expect(pdf.suffix(6) == Array("%%EOF\n".utf8)[...])
    }

    @Test func xrefStreamOffsetsPointAtObjects() throws {
        let pdf = sampleDocument(options: .init(objectsPerStream: 3), pdfA: .a3b)
        let reader = OwnPDFReader(bytes: pdf)
        let xrefOffset = reader.startxref
        let xref = try #require(reader.stream(at: xrefOffset))
        let dictText = Array(pdf[xref.dict]).text
        #expect(dictText.contains("/Type/XRef"))
        let size = try #require(reader.integer(after: "/Size", in: xref.dict))
        // /W [1 w 2]
        let wAt = try #require(find("/W[1 ", in: Array(pdf[xref.dict])))
        let middle = Int(pdf[xref.dict.lowerBound + wAt + 5] - 0x30)
        let entryWidth = 1 + middle + 2
        #expect(xref.data.count == size * entryWidth)
        func field(_ e: Int, _ from: Int, _ width: Int) -> Int {
            var v = 0
            for k in 0..<width { v = v << 8 | Int(xref.data[e * entryWidth + from + k]) }
            return v
        }
        #expect(field(0, 0, 1) == 0 && field(0, 1 + middle, 2) == 0xFFFF)
        var compressedObjects = 0
        for number in 1..<size {
            switch field(number, 0, 1) {
            case 1:
                let offset = field(number, 1, middle)
                let header = Array("\(number) 0 obj\n".utf8)
                #expect(Array(pdf[offset..<offset + header.count]) == header, "object \(number) at \(offset)")
            case 2:
                compressedObjects += 1
                let stmNumber = field(number, 1, middle), index = field(number, 1 + middle, 2)
                #expect(field(stmNumber, 0, 1) == 1)
                let stmOffset = field(stmNumber, 1, middle)
                let stm = try #require(reader.stream(at: stmOffset))
                #expect(Array(pdf[stm.dict]).text.contains("/Type/ObjStm"))
                let first = try #require(reader.integer(after: "/First", in: stm.dict))
                let pairs = Array(stm.data[0..<first]).text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Int($0)! }
                #expect(pairs[index * 2] == number)
                let objectStart = first + pairs[index * 2 + 1]
                #expect(stm.data[objectStart] == 0x3C)  // every packed object here is a dictionary "<<"
            default:
                Issue.record("unexpected entry type for object \(number)")
            }
        }
        #expect(compressedObjects >= 6)
        #expect(dictText.contains("/ID[<"))
        #expect(dictText.contains("/Root 1 0 R/Info 5 0 R"))
    }

    @Test func everyStreamLengthIsExact() throws {
        for options in [PDFWriter.Options(), .pretty, .init(compressionLevel: 0, objectStreams: true)] {
            let pdf = sampleDocument(options: options, pdfA: .a3b)
            var from = 0
            var streams = 0
            while let at = find(" 0 obj\n<<", in: pdf, from: from) {
                let objectEnd = try #require(find("endobj", in: pdf, from: at))
                if let s = find("stream\n", in: pdf, from: at), s < objectEnd {
                    var lineStart = at
                    while lineStart > 0 && pdf[lineStart - 1] != 0x0A { lineStart -= 1 }
                    #expect(OwnPDFReader(bytes: pdf).stream(at: lineStart) != nil, "stream at \(lineStart)")
                    streams += 1
                }
                from = objectEnd
            }
            #expect(streams >= 4)
        }
    }

    @Test func outputIsDeterministicAndIDIsDerivedFromContent() {
        let a = sampleDocument(options: .init(), pdfA: .a2b)
        let b = sampleDocument(options: .init(), pdfA: .a2b)
        #expect(a == b)
        let c = sampleDocument(options: .init(), pdfA: .a3b)
        let idA = Array(a[find("/ID[<", in: a)!..<(find("/ID[<", in: a)! + 40)])
        let idC = Array(c[find("/ID[<", in: c)!..<(find("/ID[<", in: c)! + 40)])
        #expect(idA != idC)
    }

    @Test func injectedDocumentID() {
        var w = PDFWriter(options: .pretty)
        let cat = w.newRef(), pages = w.newRef()
        w.pages(pages) { p in p.kids([]); p.count(0) }
        w.catalog(cat) { $0.pages(pages) }
        let pdf = w.finish(documentID: Array(0..<16))
        #expect(pdf.text.contains("/ID[<000102030405060708090A0B0C0D0E0F><000102030405060708090A0B0C0D0E0F>]"))
    }

    @Test func tinyDocumentMatchesGolden() throws {
        var w = PDFWriter(options: .pretty)
        let catalog = w.newRef(), pages = w.newRef(), page = w.newRef(), content = w.newRef()
        var c = Content()
        c.setFillRGB(1, 0, 0)
        c.rect(10, 10, 50.5, 20)
        c.fill()
        w.catalog(catalog) { $0.pages(pages) }
        w.pages(pages) { p in p.kids([page]); p.count(1) }
        w.page(page) { p in
            p.parent(pages)
            p.mediaBox(Rect(width: 200, height: 100))
            p.resources { _ in }
            p.contents(content)
        }
        w.contentStream(content, .raw(c.finish()))
        let pdf = w.finish(documentID: Array(repeating: 0xAB, count: 16))
        #expect(try matchesGolden(pdf, named: "tiny.pdf"), "re-record with RECORD_GOLDENS=1 if the change is intended")
        // The classic xref table: every offset points at its object.
        let xref = try #require(find("xref\n0 5\n", in: pdf))
        for n in 1...4 {
            let line = Array(pdf[(xref + 9 + 20 * n)..<(xref + 9 + 20 * n + 10)]).text
            let offset = try #require(Int(line))
            #expect(Array(pdf[offset..<offset + 8]).text == "\(n) 0 obj\n")
        }
    }
}
