// The entry point: Document -> LaidOutDocument.
public import PressFonts

/// Lays out documents: shaping, line breaking, tables, pagination, page masters.
///
/// Stateless apart from the shared `FontLibrary` (whose faces cache shaped words across documents),
/// so one engine serves all workers.
public struct LayoutEngine: Sendable {
    public let fonts: FontLibrary
    private let faceCache = FaceCache()
    private let styleCache = StyleCache()

    public init(fonts: FontLibrary) {
        self.fonts = fonts
    }

    /// Lays out `document` into pages.
    ///
    /// The body is paginated first; then each page gets its master's shapes, DIN 5008 letter parts,
    /// frames, header and footer, laid out with the page number and the final page count known.
    /// When the body itself shows the page count, the body is laid out a second time with it.
    /// Throws `LayoutError` for a missing font family or unusable page geometry; recoverable
    /// problems (missing glyphs, overflowing frames) are returned as `warnings`.
    public func layout(_ document: Document) throws(LayoutError) -> LaidOutDocument {
        let first = try pass(document, knownPageCount: nil)
        if first.usedUnknownPageCount {
            return try pass(document, knownPageCount: first.document.pages.count).document
        }
        return first.document
    }

    private func pass(_ document: Document, knownPageCount: Int?) throws(LayoutError)
        -> (document: LaidOutDocument, usedUnknownPageCount: Bool) {
        let ctx = LayoutContext(fonts: fonts, document: document, faceCache: faceCache,
                                styleState: styleCache.state(styles: document.styles, baseStyle: document.baseStyle))
        ctx.pageCount = knownPageCount
        let pageSize = document.orientedPageSize
        let body = try Paginator(ctx: ctx, document: document, pageSize: pageSize)
        try body.place(document.body)
        var pages = body.finish()
        let usedUnknown = ctx.usedUnknownPageCount
        ctx.pageCount = pages.count
        for index in pages.indices {
            ctx.pageNumber = index + 1
            let master = index == 0 ? document.firstPage : document.followingPages
            var items: [PageItem] = []
            items.reserveCapacity(pages[index].items.count + 32)
            for shape in master.shapes { items.append(.shape(shape)) }
            if let letter = master.letter {
                for shape in letter.markShapes() { items.append(.shape(shape)) }
                for frame in letter.frames() { items.append(contentsOf: try ctx.layoutFrame(frame)) }
            }
            for frame in master.frames { items.append(contentsOf: try ctx.layoutFrame(frame)) }
            if let header = master.header {
                items.append(contentsOf: try ctx.layoutRegion(header, master: master, pageSize: pageSize, isFooter: false))
            }
            if let footer = master.footer {
                items.append(contentsOf: try ctx.layoutRegion(footer, master: master, pageSize: pageSize, isFooter: true))
            }
            if items.isEmpty { continue }
            // Master items go in front of the body's: inserting shifts the body items in place (a move),
            // where appending them to `items` copied every one (a retain of its face, glyphs and text each).
            pages[index].items.insert(contentsOf: items, at: 0)
        }
        styleCache.keep(ctx.styleState)
        for name in ctx.styles.unknownNames {
            ctx.warnings.append(LayoutWarning(code: .unknownStyle, message: "style '\(name)' is not defined; the base style is used"))
        }
        return (LaidOutDocument(pages: pages, metadata: document.metadata, warnings: ctx.warnings), usedUnknown)
    }
}
