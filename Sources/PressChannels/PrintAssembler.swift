public import PressLayout
public import PressRender

/// One letter for the print channel: its rendered physical pages and the keys it is sorted and listed by.
public struct PrintLetter: Sendable {
    /// Input record number.
    public var record: Int
    /// The id printed in the manifest: the document number exactly as in the data (e.g. `FV/2026/11/0815`).
    public var letterID: String
    public var country: String
    public var postcode: String
    public var template: String
    /// Pages of the letter itself (without blank back pages).
    public var pages: Int
    /// The letter's physical pages, rendered by the worker that laid it out: its own pages overlaid with
    /// `PrintAssembler.markPages` (OMR marks, blank back page), so that a print file holds compressed streams
    /// rather than laid-out pages until it is written.
    public var rendered: RenderedPages

    public init(record: Int, letterID: String, country: String, postcode: String, template: String, pages: Int,
                rendered: RenderedPages) {
        self.record = record; self.letterID = letterID; self.country = country; self.postcode = postcode
        self.template = template; self.pages = pages; self.rendered = rendered
    }
}

/// One line of a print file's manifest.
public struct PrintManifestEntry: Sendable, Hashable {
    public var letterID: String
    public var record: Int
    /// 1-based physical page in the print file where the letter starts (always a front side in duplex).
    public var firstPage: Int
    /// The letter's own pages (blank back pages not counted).
    public var pages: Int
    /// Physical sheets the letter uses.
    public var sheets: Int
    public var country: String
    public var postcode: String
}

/// A print file ready to write: its letters' rendered physical pages in order (`PDFRenderer.assemble`), the
/// file's metadata, and its manifest.
public struct AssembledPrintFile: Sendable {
    public var parts: [RenderedPages]
    public var metadata: DocumentMetadata
    public var manifest: [PrintManifestEntry]
    /// Records of the letters, in file order, with template and pages (for the ledger).
    public var letters: [PrintLetter.Summary]
    /// Physical pages (including blank back pages).
    public var pages: Int
    public var sheets: Int
    public var blankPages: Int
}

extension PrintLetter {
    /// What remains of a letter once its pages went into a print file (no personal data).
    public struct Summary: Sendable, Hashable {
        public var record: Int
        public var template: String
        public var pages: Int
    }
}

/// Collects letters in their final order (the pipeline hands them over sorted by country, postcode and record
/// across the whole run) and cuts them into print files of at most `maxLetters` letters and `maxSheets` sheets.
/// A letter is never split: one that would overflow the sheets starts the next file, and a letter larger than
/// `maxSheets` gets a file of its own. Memory is bounded by one file's letters, held as rendered pages.
public struct PrintAssembler: Sendable {
    public let options: PrintOptions
    private var buffer: [PrintLetter] = []
    private var bufferedSheets = 0

    public init(options: PrintOptions) { self.options = options }

    /// Letters waiting for the next file.
    public var pendingLetters: Int { buffer.count }

    /// Sheets a letter of `pages` pages uses (an empty letter still takes one).
    public static func sheets(forPages pages: Int, options: PrintOptions) -> Int {
        let p = max(1, pages)
        return options.duplex ? (p + 1) / 2 : p
    }

    /// Adds a letter; returns a finished file when the letter does not fit in the current one (the file is cut
    /// before it) or the current one is full with it.
    public mutating func add(_ letter: PrintLetter) -> AssembledPrintFile? {
        let s = PrintAssembler.sheets(forPages: letter.pages, options: options)
        var out: AssembledPrintFile?
        if !buffer.isEmpty, bufferedSheets + s > options.maxSheets {
            out = flush()
        }
        buffer.append(letter)
        bufferedSheets += s
        if out == nil, buffer.count >= options.maxLetters || bufferedSheets >= options.maxSheets {
            out = flush()
        }
        return out
    }

    /// Emits the letters collected so far, in the order they came, as a file (nil when none).
    public mutating func flush() -> AssembledPrintFile? {
        guard !buffer.isEmpty else { return nil }
        let letters = buffer
        buffer.removeAll(keepingCapacity: true)
        bufferedSheets = 0
        return PrintAssembler.assemble(letters, options: options)
    }

    /// What a print file adds to a letter, as pages to draw over the letter's own (`RenderedPages.overlaid`):
    /// OMR dashes on front sides when configured, and a blank back page after an odd page count in duplex
    /// (not counted in the letter's page numbers, which the layout already printed). Pages without marks are
    /// empty. Depends on the letter alone, so workers render it before the file is cut.
    public static func markPages(for document: LaidOutDocument, options: PrintOptions) -> LaidOutDocument {
        let letterPages = document.pages
        let sheetCount = options.duplex ? (letterPages.count + 1) / 2 : letterPages.count
        var pages: [Page] = []
        pages.reserveCapacity(letterPages.count + 1)
        for (i, page) in letterPages.enumerated() {
            var marks = Page(size: page.size, items: [])
            let isFront = !options.duplex || i % 2 == 0
            if let omr = options.omr, isFront {
                let sheet = options.duplex ? i / 2 : i
                marks.items = omrItems(omr, OMRMarks.marks(sheet: sheet, of: sheetCount))
            }
            pages.append(marks)
        }
        if options.duplex, letterPages.count % 2 == 1, let last = letterPages.last {
            pages.append(Page(size: last.size, items: []))
        }
        return LaidOutDocument(pages: pages, metadata: document.metadata)
    }

    /// The file of `letters` in the order given: manifest (first physical page, pages, sheets per letter),
    /// totals, and the parts to write.
    public static func assemble(_ letters: [PrintLetter], options: PrintOptions) -> AssembledPrintFile {
        var manifest: [PrintManifestEntry] = []
        var summaries: [PrintLetter.Summary] = []
        var parts: [RenderedPages] = []
        var physical = 0, totalSheets = 0, blanks = 0
        for letter in letters {
            let sheetCount = options.duplex ? (letter.pages + 1) / 2 : letter.pages
            manifest.append(PrintManifestEntry(letterID: letter.letterID, record: letter.record, firstPage: physical + 1,
                                               pages: letter.pages, sheets: sheetCount,
                                               country: letter.country, postcode: letter.postcode))
            summaries.append(.init(record: letter.record, template: letter.template, pages: letter.pages))
            physical += letter.rendered.pageCount
            blanks += letter.rendered.pageCount - letter.pages
            totalSheets += sheetCount
            parts.append(letter.rendered)
        }
        let metadata = DocumentMetadata(title: "Print file", author: "Presswork", subject: nil, keywords: nil,
                                        language: letters.first?.rendered.metadata.language)
        return AssembledPrintFile(parts: parts, metadata: metadata, manifest: manifest, letters: summaries,
                                  pages: physical, sheets: totalSheets, blankPages: blanks)
    }

    /// The OMR dashes of one front side as stroked lines.
    static func omrItems(_ omr: OMRMarks, _ marks: OMRMarks.Marks) -> [PageItem] {
        let mm = 72.0 / 25.4
        let flags = [true, marks.start, marks.end, marks.parity]
        var items: [PageItem] = []
        for (i, on) in flags.enumerated() where on {
            let y = (omr.top + Double(i) * omr.pitch) * mm
            items.append(.shape(ShapeItem(.line(from: Point(x: omr.x * mm, y: y), to: Point(x: (omr.x + omr.length) * mm, y: y)),
                                          stroke: Stroke(color: .black, width: omr.lineWidth))))
        }
        return items
    }
}
