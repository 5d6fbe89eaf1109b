public import PressLayout
import PressFonts
import PressImages
import PressPDF
import Synchronization

/// One document's pages as finished, compressed content streams that do not depend on the PDF they will end
/// up in: glyphs are written by their ids in the font (CID = glyph id), fonts and images by names local to
/// the document (`F1`…, `Im1`…). Made by `PDFRenderer.renderPages`, concatenated into one PDF by
/// `PDFRenderer.assemble`.
///
/// Why: a print file holds hundreds or thousands of letters. Kept laid out until the file is complete, they
/// cost ~180 KB each (200 letters: 36 MB, and memory grew with `max_letters`); as rendered pages they cost
/// what their compressed streams do (~5–10 KB), the work is done in parallel by whichever worker produced the
/// letter, and the file is assembled by copying streams. The fonts are subset once per file, over every
/// glyph its letters use, keeping glyph ids so that the streams stay valid.
public struct RenderedPages: Sendable {
    public struct Page: Sendable {
        public var width: Double
        public var height: Double
        /// Flate-compressed content stream (empty for a blank page).
        var content: [UInt8]
        /// Draws an image with a soft mask: the page needs a transparency group.
        var usesSoftMask: Bool
    }

    /// A font of the pages with the glyphs they use (glyph id, the text it stands for), first use first.
    struct FontUse: Sendable {
        let face: FontFace
        let glyphs: [(glyph: UInt16, text: String)]
    }

    public internal(set) var pages: [Page]
    /// In resource-name order: `fonts[i]` is `F<i+1>`.
    var fonts: [FontUse]
    /// In resource-name order: `images[i]` is `Im<i+1>`.
    var images: [ImageResource]
    public var metadata: DocumentMetadata

    init(pages: [Page], fonts: [FontUse], images: [ImageResource], metadata: DocumentMetadata) {
        self.pages = pages; self.fonts = fonts; self.images = images; self.metadata = metadata
    }

    /// Blank pages of the given sizes (test doubles, and documents without content).
    public init(blankPages sizes: [Size], metadata: DocumentMetadata = DocumentMetadata()) {
        self.init(pages: sizes.map { Page(width: $0.width, height: $0.height, content: [], usesSoftMask: false) },
                  fonts: [], images: [], metadata: metadata)
    }

    public var pageCount: Int { pages.count }

    /// Bytes held (content streams), for memory accounting in tests.
    public var contentBytes: Int { pages.reduce(0) { $0 + $1.content.count } }
}

extension PDFRenderer {
    /// Renders `document`'s pages to content streams for a later `assemble` (see `RenderedPages`). Throws
    /// like `render` (an empty document).
    public func renderPages(_ document: LaidOutDocument, options: PDFRenderOptions) throws(RenderError) -> RenderedPages {
        guard !document.pages.isEmpty else { throw RenderError(code: .emptyDocument, message: "the document has no pages") }
        var scan = ResourceScan()
        for page in document.pages { scan.add(page.items) }
        let slots = scan.usages.enumerated().map { i, usage in
            let codes = identityCodes(usage.face)
            return PageContentWriter.FontSlot(name: Name("F\(i + 1)"), cids: codes.cids, pdfWidths: codes.pdfWidths,
                                              scale: 1000.0 / Double(usage.face.unitsPerEm), oneByte: false)
        }
        let softMasked = PDFObjects.softMaskedImageIDs(scan.imageOrder, scan.imageOrder.map(preparedImage))
        var pages: [RenderedPages.Page] = []
        pages.reserveCapacity(document.pages.count)
        for page in document.pages {
            var content: [UInt8] = []
            if !page.items.isEmpty {
                var writer = PageContentWriter(height: page.size.height, convertCMYK: options.pdfA != nil)
                writer.write(page.items, fonts: scan.fontIndex, slots: slots, images: scan.imageNames)
                content = Deflate.compress(writer.content.finish(), level: max(1, options.compressionLevel))
            }
            pages.append(.init(width: page.size.width, height: page.size.height, content: content,
                               usesSoftMask: PDFObjects.usesSoftMask(page.items, softMasked)))
        }
        return RenderedPages(pages: pages, fonts: scan.usages.map { RenderedPages.FontUse(face: $0.face, glyphs: $0.entries) },
                             images: scan.imageOrder, metadata: document.metadata)
    }

    /// One PDF of `parts`' pages in order (a print file). Each part keeps its own resource dictionary (its
    /// local names); fonts are shared across parts: one subset per face over every glyph used, keeping glyph
    /// ids; images once per file. `metadata` is the file's (title, language).
    public func assemble(_ parts: [RenderedPages], metadata: DocumentMetadata,
                         options: PDFRenderOptions) throws(RenderError) -> [UInt8] {
        let pageCount = parts.reduce(0) { $0 + $1.pages.count }
        guard pageCount > 0 else { throw RenderError(code: .emptyDocument, message: "the document has no pages") }
        let estimate = 8192 + parts.reduce(0) { $0 + $1.contentBytes + 120 * $1.pages.count }
        var w = PDFWriter(options: PDFObjects.writerOptions(options), capacity: estimate)
        let catalog = w.newRef(), pageTree = w.newRef()

        // Fonts and images get their references on first use; they are written once every glyph is known.
        var faces: [FontFace] = []
        var faceIndex: [FontID: Int] = [:]
        var glyphs: [[UInt16: String]] = []
        var fontRefs: [ObjectRef] = []
        var images: [ImageResource] = []
        var imageIndex: [String: Int] = [:]
        var imageRefs: [ObjectRef] = []
        var pageRefs: [ObjectRef] = []
        pageRefs.reserveCapacity(pageCount)
        for part in parts {
            var localFonts: [(Name, ObjectRef)] = []
            for (i, use) in part.fonts.enumerated() {
                let index: Int
                if let known = faceIndex[use.face.id] {
                    index = known
                } else {
                    index = faces.count
                    faceIndex[use.face.id] = index
                    faces.append(use.face)
                    glyphs.append([:])
                    fontRefs.append(w.newRef())
                }
                for (glyph, text) in use.glyphs where glyphs[index][glyph] == nil { glyphs[index][glyph] = text }
                localFonts.append((Name("F\(i + 1)"), fontRefs[index]))
            }
            var localImages: [(Name, ObjectRef)] = []
            for (i, image) in part.images.enumerated() {
                let index: Int
                if let known = imageIndex[image.id] {
                    index = known
                } else {
                    index = images.count
                    imageIndex[image.id] = index
                    images.append(image)
                    imageRefs.append(w.newRef())
                }
                localImages.append((Name("Im\(i + 1)"), imageRefs[index]))
            }
            let resources = w.newRef()
            PDFObjects.resources(&w, resources, fonts: localFonts, images: localImages)
            for page in part.pages {
                let pageRef = w.newRef(), contentRef = w.newRef()
                pageRefs.append(pageRef)
                w.contentStream(contentRef, page.content.isEmpty ? .raw([]) : .flate(page.content))
                PDFObjects.page(&w, pageRef, width: page.width, height: page.height, parent: pageTree,
                                resources: resources, content: contentRef, softMask: page.usesSoftMask)
            }
        }
        PDFObjects.pageTree(&w, pageTree, pages: pageRefs)

        var fonts: [PreparedFont] = []
        for (face, used) in zip(faces, glyphs) {
            let sorted = used.keys.sorted()
            let key = FontKey(font: face.id, glyphs: sorted, texts: sorted.map { used[$0]! })
            fonts.append(try PreparedFont(face: face, key: key, keepingGlyphIDs: true))
        }
        PDFObjects.fonts(&w, fonts, oneByte: fonts.map { _ in false }, pretty: options.pretty, refs: fontRefs)
        PDFObjects.images(&w, images.map(preparedImage), refs: imageRefs)
        return PDFObjects.finish(&w, catalog: catalog, pageTree: pageTree, metadata: metadata, options: options)
    }
}
