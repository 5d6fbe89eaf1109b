public import PressLayout
import PressPDF
import PressFonts
import PressImages
import Synchronization

/// Renders laid-out documents to PDF bytes. Create one and share it between all workers: it
/// caches, across documents, each prepared font (subset program, `/W`, ToUnicode, all
/// compressed) per quantised glyph set and each image XObject's compressed samples per image id.
///
/// Glyph sets are quantised so that most documents hit the cache: a font's set is widened to
/// every glyph of each character group the document touches (``GlyphGroups``: using "ł" adds
/// the Polish letters, using "7" adds the digits and common punctuation). The cache key includes the text of every
/// glyph, so what is written is a pure function of the document: same input -> same bytes,
/// whatever was rendered before.
public final class PDFRenderer: Sendable {
    private let fonts = Mutex<[FontKey: PreparedFont]>([:])
    private let images = Mutex<[String: PreparedImage]>([:])
    private let groups = Mutex<[GroupKey: [(glyph: UInt16, text: String)]]>([:])
    /// CID = glyph id tables per face, for `renderPages` (one per face; faces are few).
    private let identities = Mutex<[FontID: GlyphCodes]>([:])
    /// Maximum cached fonts (each holds a compressed subset, ~10-20 KB, plus lookup tables).
    public let fontCacheCapacity: Int
    /// Whether glyph sets are widened to whole ASCII + touched 16-code-point blocks (see the type's doc).
    public let quantiseGlyphSets: Bool

    private struct GroupKey: Hashable { let font: FontID; let group: UInt32 }

    /// - Parameters:
    ///   - fontCacheCapacity: prepared fonts kept across documents (the cache is cleared when full).
    ///   - quantiseGlyphSets: widen glyph sets so documents share prepared fonts (fast; a few KB
    ///     larger files). false: exact subsets (smallest files; a subset + deflate per new set).
    public init(fontCacheCapacity: Int = 512, quantiseGlyphSets: Bool = true) {
        self.fontCacheCapacity = max(1, fontCacheCapacity)
        self.quantiseGlyphSets = quantiseGlyphSets
    }

    /// Renders one document.
    public func render(_ document: LaidOutDocument, options: PDFRenderOptions) throws(RenderError) -> [UInt8] {
        try render([document], options: options)
    }

    /// Renders several documents into one PDF, pages in order (the print channel's letters).
    /// Fonts and images are shared between them; the metadata is the first document's.
    /// A blank page is a `Page` without items.
    public func render(_ documents: [LaidOutDocument], options: PDFRenderOptions) throws(RenderError) -> [UInt8] {
        let pageCount = documents.reduce(0) { $0 + $1.pages.count }
        guard pageCount > 0 else { throw RenderError(code: .emptyDocument, message: "the document has no pages") }
        if options.pdfA == .a2b, let file = options.embeddedFiles.first(where: { $0.mimeType != "application/pdf" }) {
            throw RenderError(code: .pdfAViolation,
                              message: "PDF/A-2b allows only PDF/A attachments; \(file.name) is \(file.mimeType) (use PDF/A-3b)")
        }

        // Pass 1: fonts (with their glyphs and texts) and images, in first-use order.
        var scan = ResourceScan()
        for document in documents {
            for page in document.pages { scan.add(page.items) }
        }

        var fonts: [PreparedFont] = []
        var slots: [PageContentWriter.FontSlot] = []
        fonts.reserveCapacity(scan.usages.count)
        slots.reserveCapacity(scan.usages.count)
        for i in scan.usages.indices {
            let prepared = try preparedFont(for: &scan.usages[i])
            fonts.append(prepared)
            slots.append(.init(name: Name("F\(i + 1)"), cids: prepared.cids, pdfWidths: prepared.pdfWidths,
                               scale: 1000.0 / Double(scan.usages[i].face.unitsPerEm),
                               oneByte: options.fontEncoding == .oneByte && prepared.singleByte))
        }
        let preparedImages = scan.imageOrder.map(preparedImage)

        return assemble(documents, pageCount: pageCount, options: options, scan: scan, fonts: fonts, slots: slots,
                        images: preparedImages)
    }

    // MARK: Caches

    /// The prepared font for `usage`'s quantised glyph set (cached). `keepingGlyphIDs`: for content written
    /// with CID = glyph id (`renderPages`/`assemble`).
    func preparedFont(for usage: inout FontUsage, keepingGlyphIDs: Bool = false) throws(RenderError) -> PreparedFont {
        var key = quantisedKey(&usage)
        key.keepsGlyphIDs = keepingGlyphIDs
        if let hit = fonts.withLock({ $0[key] }) { return hit }
        // Built outside the lock: two workers may build the same font once each; both results are identical.
        let prepared = try PreparedFont(face: usage.face, key: key, keepingGlyphIDs: keepingGlyphIDs,
                                        codes: identityCodes(usage.face))
        fonts.withLock { cache in
            if cache.count >= fontCacheCapacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = prepared
        }
        return prepared
    }

    /// The cache key of `usage` (consumed: its glyph marks are reused for the padding).
    private func quantisedKey(_ usage: inout FontUsage) -> FontKey {
        if quantiseGlyphSets {
            for group in usage.groups.sorted() {
                for entry in groupGlyphs(usage.face, group) where usage.slots[Int(entry.glyph)] == 0 {
                    usage.slots[Int(entry.glyph)] = 2
                    usage.entries.append(entry)
                }
            }
        }
        usage.entries.sort { $0.glyph < $1.glyph }
        return FontKey(font: usage.face.id, glyphs: usage.entries.map(\.glyph), texts: usage.entries.map(\.text))
    }

    /// The glyphs of the printable characters of one ``GlyphGroups`` group, per font (cached).
    private func groupGlyphs(_ face: FontFace, _ group: UInt32) -> [(glyph: UInt16, text: String)] {
        let key = GroupKey(font: face.id, group: group)
        if let hit = groups.withLock({ $0[key] }) { return hit }
        var result: [(glyph: UInt16, text: String)] = []
        for scalar in GlyphGroups.members(of: group) {
            switch scalar.properties.generalCategory {
            case .control, .format, .unassigned, .surrogate, .privateUse, .lineSeparator, .paragraphSeparator: continue
            default: break
            }
            guard let glyph = face.glyph(for: scalar), Int(glyph.rawValue) < face.glyphCount else { continue }
            result.append((glyph.rawValue, String(scalar)))
        }
        groups.withLock { $0[key] = result }
        return result
    }

    func identityCodes(_ face: FontFace) -> GlyphCodes {
        if let hit = identities.withLock({ $0[face.id] }) { return hit }
        let codes = GlyphCodes(identityFor: face)
        identities.withLock { $0[face.id] = codes }
        return codes
    }

    func preparedImage(_ image: ImageResource) -> PreparedImage {
        if let hit = images.withLock({ $0[image.id] }) { return hit }
        let prepared = PreparedImage(image)
        images.withLock { cache in
            if cache.count >= 256 { cache.removeAll(keepingCapacity: true) }
            cache[image.id] = prepared
        }
        return prepared
    }

    /// Numbers of cached fonts and images (for tests and diagnostics).
    public var cacheCounts: (fonts: Int, images: Int) {
        (fonts.withLock { $0.count }, images.withLock { $0.count })
    }

    // MARK: Assembly

    private func assemble(_ documents: [LaidOutDocument], pageCount: Int, options: PDFRenderOptions, scan: ResourceScan,
                          fonts: [PreparedFont], slots: [PageContentWriter.FontSlot], images: [PreparedImage]) -> [UInt8] {
        var estimate = 4096 + pageCount * 3000
        for font in fonts { estimate += font.fontFile.count + font.toUnicode.count + 600 }
        var w = PDFWriter(options: PDFObjects.writerOptions(options), capacity: estimate)
        let catalog = w.newRef(), pageTree = w.newRef(), resources = w.newRef()

        // Pages and their content streams.
        var pageRefs: [ObjectRef] = []
        pageRefs.reserveCapacity(pageCount)
        let softMasked = PDFObjects.softMaskedImageIDs(scan.imageOrder, images)
        for document in documents {
            for page in document.pages {
                let pageRef = w.newRef(), contentRef = w.newRef()
                pageRefs.append(pageRef)
                var writer = PageContentWriter(height: page.size.height, convertCMYK: options.pdfA != nil)
                writer.write(page.items, fonts: scan.fontIndex, slots: slots, images: scan.imageNames)
                w.contentStream(contentRef, .raw(writer.content.finish()))
                PDFObjects.page(&w, pageRef, width: page.size.width, height: page.size.height, parent: pageTree,
                                resources: resources, contents: [contentRef],
                                softMask: PDFObjects.usesSoftMask(page.items, softMasked))
            }
        }
        PDFObjects.pageTree(&w, pageTree, pages: pageRefs)
        let fontRefs = PDFObjects.fonts(&w, fonts, oneByte: slots.map(\.oneByte), pretty: options.pretty)
        let imageRefs = PDFObjects.images(&w, images)
        PDFObjects.resources(&w, resources, fonts: Array(zip(slots.map(\.name), fontRefs)),
                             images: zip(scan.imageOrder, imageRefs).map { (scan.imageNames[$0.0.id]!, $0.1) })
        return PDFObjects.finish(&w, catalog: catalog, pageTree: pageTree, metadata: documents[0].metadata, options: options)
    }
}
