public import PressLayout
import PressFonts
import PressImages
import PressPDF

/// One document's pages as finished, compressed content streams that do not depend on the PDF they will end
/// up in: glyphs are written by their ids in the font (CID = glyph id), fonts and images by names local to
/// the document (`F1`…, `Im1`…). Made by `PDFRenderer.renderPages`, written by `PDFRenderer.assemble` —
/// alone (an archive PDF/A) or with others (a print file).
///
/// Why: a print file holds hundreds or thousands of letters. Kept laid out until the file is complete, they
/// cost ~180 KB each (200 letters: 36 MB, and memory grew with `max_letters`); as rendered pages they cost
/// what their compressed streams do (a few KB), the work is done in parallel by whichever worker produced
/// the letter, the file is assembled by copying streams, and the same streams serve the letter's archive
/// copy. The fonts are subset per PDF over every glyph used (quantised and cached like `render`'s), keeping
/// glyph ids so that the streams stay valid.
public struct RenderedPages: Sendable {
    public struct Page: Sendable {
        public var width: Double
        public var height: Double
        /// Flate-compressed content streams, drawn in order (none: a blank page).
        var streams: [[UInt8]]
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
    /// Some colour is DeviceCMYK (kept as such: print colours). PDF/A with an sRGB intent forbids it, so such
    /// pages cannot be written as PDF/A by `assemble`; `render(archival)` converts them instead.
    public internal(set) var usesDeviceCMYK: Bool

    init(pages: [Page], fonts: [FontUse], images: [ImageResource], metadata: DocumentMetadata, usesDeviceCMYK: Bool) {
        self.pages = pages; self.fonts = fonts; self.images = images; self.metadata = metadata
        self.usesDeviceCMYK = usesDeviceCMYK
    }

    /// Blank pages of the given sizes (test doubles, and documents without content).
    public init(blankPages sizes: [Size], metadata: DocumentMetadata = DocumentMetadata()) {
        self.init(pages: sizes.map { Page(width: $0.width, height: $0.height, streams: [], usesSoftMask: false) },
                  fonts: [], images: [], metadata: metadata, usesDeviceCMYK: false)
    }

    public var pageCount: Int { pages.count }

    /// Bytes held (content streams), for memory accounting in tests.
    public var contentBytes: Int { pages.reduce(0) { $0 + $1.streams.reduce(0) { $0 + $1.count } } }

    /// These pages with `overlay`'s drawn on top: page i gets overlay page i's streams after its own, and
    /// overlay pages beyond these are appended (a print letter's OMR marks and blank back page). The overlay
    /// must draw shapes only (no fonts or images: its names would clash with these pages').
    public func overlaid(with overlay: RenderedPages) -> RenderedPages {
        precondition(overlay.fonts.isEmpty && overlay.images.isEmpty, "an overlay draws shapes only")
        var result = self
        for (i, page) in overlay.pages.enumerated() {
            if i < result.pages.count {
                result.pages[i].streams += page.streams
            } else {
                result.pages.append(page)
            }
        }
        result.usesDeviceCMYK = usesDeviceCMYK || overlay.usesDeviceCMYK
        return result
    }
}

extension PageItem {
    /// Whether the item paints in DeviceCMYK.
    var usesCMYK: Bool {
        func cmyk(_ c: PressLayout.Color?) -> Bool { if case .cmyk = c { return true } else { return false } }
        switch self {
        case .text(let run): return cmyk(run.color)
        case .shape(let shape): return cmyk(shape.fill) || cmyk(shape.stroke?.color)
        case .image: return false
        }
    }
}

extension PDFRenderer {
    /// Renders `document`'s pages to content streams for `assemble` (see `RenderedPages`). Colours are kept
    /// as they are (CMYK stays CMYK, for print). Throws like `render` (an empty document).
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
        var cmyk = false
        for page in document.pages {
            var streams: [[UInt8]] = []
            if !page.items.isEmpty {
                var writer = PageContentWriter(height: page.size.height, convertCMYK: false)
                writer.write(page.items, fonts: scan.fontIndex, slots: slots, images: scan.imageNames)
                streams = [Deflate.compress(writer.content.finish(), level: max(1, options.compressionLevel))]
                cmyk = cmyk || page.items.contains { $0.usesCMYK }
            }
            pages.append(.init(width: page.size.width, height: page.size.height, streams: streams,
                               usesSoftMask: PDFObjects.usesSoftMask(page.items, softMasked)))
        }
        return RenderedPages(pages: pages, fonts: scan.usages.map { RenderedPages.FontUse(face: $0.face, glyphs: $0.entries) },
                             images: scan.imageOrder, metadata: document.metadata, usesDeviceCMYK: cmyk)
    }

    /// One PDF of `parts`' pages in order: a print file, or with one part and `options.pdfA` its archive
    /// copy. Each part keeps its own resource dictionary (its local names); fonts are shared across parts,
    /// one subset per face over every glyph used (quantised and cached like `render`'s, keeping glyph ids);
    /// images once per file. `metadata` is the file's (title, language). Throws for PDF/A when a part uses
    /// DeviceCMYK (see `RenderedPages.usesDeviceCMYK`).
    public func assemble(_ parts: [RenderedPages], metadata: DocumentMetadata,
                         options: PDFRenderOptions) throws(RenderError) -> [UInt8] {
        let pageCount = parts.reduce(0) { $0 + $1.pages.count }
        guard pageCount > 0 else { throw RenderError(code: .emptyDocument, message: "the document has no pages") }
        if options.pdfA != nil, parts.contains(where: \.usesDeviceCMYK) {
            throw RenderError(code: .pdfAViolation, message: "DeviceCMYK colours cannot go into PDF/A with an sRGB output intent; render the document instead")
        }
        let estimate = 8192 + parts.reduce(0) { $0 + $1.contentBytes + 120 * $1.pages.count }
        var w = PDFWriter(options: PDFObjects.writerOptions(options), capacity: estimate)
        let catalog = w.newRef(), pageTree = w.newRef()

        // Fonts and images get their references on first use; they are written once every glyph is known.
        var usages: [FontUsage] = []
        var faceIndex: [FontID: Int] = [:]
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
                    index = usages.count
                    faceIndex[use.face.id] = index
                    usages.append(FontUsage(face: use.face))
                    fontRefs.append(w.newRef())
                }
                for (glyph, text) in use.glyphs { usages[index].add(glyph: glyph, text: text) }
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
                let pageRef = w.newRef()
                pageRefs.append(pageRef)
                var contentRefs: [ObjectRef] = []
                for stream in page.streams {
                    let ref = w.newRef()
                    w.contentStream(ref, .flate(stream))
                    contentRefs.append(ref)
                }
                if contentRefs.isEmpty {
                    let ref = w.newRef()
                    w.contentStream(ref, .raw([]))
                    contentRefs.append(ref)
                }
                PDFObjects.page(&w, pageRef, width: page.width, height: page.height, parent: pageTree,
                                resources: resources, contents: contentRefs, softMask: page.usesSoftMask)
            }
        }
        PDFObjects.pageTree(&w, pageTree, pages: pageRefs)

        var fonts: [PreparedFont] = []
        for i in usages.indices { fonts.append(try preparedFont(for: &usages[i], keepingGlyphIDs: true)) }
        PDFObjects.fonts(&w, fonts, oneByte: fonts.map { _ in false }, pretty: options.pretty, refs: fontRefs)
        PDFObjects.images(&w, images.map(preparedImage), refs: imageRefs)
        return PDFObjects.finish(&w, catalog: catalog, pageTree: pageTree, metadata: metadata, options: options)
    }
}
