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
    /// Maximum cached fonts (each holds a compressed subset, ~10-20 KB, plus lookup tables).
    public let fontCacheCapacity: Int
    /// Whether glyph sets are widened to whole ASCII + touched 16-code-point blocks (see the type's doc).
    public let quantiseGlyphSets: Bool

    private struct GroupKey: Hashable { let font: FontID; let group: UInt32 }

    /// The sRGB profile and the one-byte CMap, compressed once per process.
    private static let compressedProfile = Deflate.compress(SRGBProfile.bytes, level: 9)
    private static let compressedOneByteCMap = Deflate.compress(OneByteIdentityCMap.bytes, level: 9)

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
        var usages: [FontUsage] = []
        var fontIndex: [FontID: Int] = [:]
        var imageOrder: [ImageResource] = []
        var imageNames: [String: Name] = [:]
        var lastFace: ObjectIdentifier?
        var lastIndex = 0
        for document in documents {
            for page in document.pages {
                for item in page.items {
                    switch item {
                    case .text(let run):
                        let index: Int
                        // Runs mostly repeat the previous run's font: compare identities before hashing.
                        if ObjectIdentifier(run.font) == lastFace {
                            index = lastIndex
                        } else if let known = fontIndex[run.font.id] {
                            index = known
                        } else {
                            index = usages.count
                            fontIndex[run.font.id] = index
                            usages.append(FontUsage(face: run.font))
                        }
                        lastFace = ObjectIdentifier(run.font)
                        lastIndex = index
                        usages[index].add(run)
                    case .image(let placed):
                        if imageNames[placed.image.id] == nil {
                            imageNames[placed.image.id] = Name("Im\(imageOrder.count + 1)")
                            imageOrder.append(placed.image)
                        }
                    case .shape:
                        break
                    }
                }
            }
        }

        var slots: [PageContentWriter.FontSlot] = []
        slots.reserveCapacity(usages.count)
        for i in usages.indices {
            let prepared = try preparedFont(for: &usages[i])
            slots.append(.init(name: Name("F\(i + 1)"), font: prepared, scale: 1000.0 / Double(usages[i].face.unitsPerEm),
                               oneByte: options.fontEncoding == .oneByte && prepared.singleByte))
        }
        let preparedImages = imageOrder.map(preparedImage)

        return assemble(documents, pageCount: pageCount, options: options, fontIndex: fontIndex, slots: slots,
                        images: preparedImages, imageNames: imageNames, imageOrder: imageOrder)
    }

    // MARK: Caches

    private func preparedFont(for usage: inout FontUsage) throws(RenderError) -> PreparedFont {
        let key = quantisedKey(&usage)
        if let hit = fonts.withLock({ $0[key] }) { return hit }
        // Built outside the lock: two workers may build the same font once each; both results are identical.
        let prepared = try PreparedFont(face: usage.face, key: key)
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

    private func preparedImage(_ image: ImageResource) -> PreparedImage {
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

    private func assemble(_ documents: [LaidOutDocument], pageCount: Int, options: PDFRenderOptions,
                          fontIndex: [FontID: Int], slots: [PageContentWriter.FontSlot],
                          images: [PreparedImage], imageNames: [String: Name],
                          imageOrder: [ImageResource]) -> [UInt8] {
        let writerOptions = options.pretty
            ? PDFWriter.Options.pretty
            : PDFWriter.Options(compressionLevel: options.compressionLevel)
        var estimate = 4096 + pageCount * 3000
        for slot in slots { estimate += slot.font.fontFile.count + slot.font.toUnicode.count + 600 }
        var w = PDFWriter(options: writerOptions, capacity: estimate)
        let catalog = w.newRef(), pageTree = w.newRef(), resources = w.newRef()

        // Pages and their content streams.
        var pageRefs: [ObjectRef] = []
        pageRefs.reserveCapacity(pageCount)
        let imageNamesByID = imageNames
        let hasSoftMask = Set(zip(imageOrder, images).filter { $0.1.alpha != nil }.map { $0.0.id })
        for document in documents {
            for page in document.pages {
                let pageRef = w.newRef(), contentRef = w.newRef()
                pageRefs.append(pageRef)
                var writer = PageContentWriter(height: page.size.height, convertCMYK: options.pdfA != nil)
                writer.write(page.items, fonts: fontIndex, slots: slots, images: imageNamesByID)
                w.contentStream(contentRef, .raw(writer.content.finish()))
                let usesSoftMask = !hasSoftMask.isEmpty && page.items.contains {
                    if case .image(let placed) = $0 { return hasSoftMask.contains(placed.image.id) }
                    return false
                }
                w.page(pageRef) { p in
                    p.parent(pageTree)
                    p.mediaBox(PressPDF.Rect(width: page.size.width, height: page.size.height))
                    p.resources(resources)
                    p.contents(contentRef)
                    if usesSoftMask { p.transparencyGroupRGB() }
                }
            }
        }
        w.pages(pageTree) { p in
            p.kids(pageRefs)
            p.count(pageRefs.count)
        }

        // Fonts. One shared one-byte CMap for the fonts whose subsets have at most 256 glyphs.
        let oneByteCMap = slots.contains { $0.oneByte } ? w.newRef() : nil
        if let oneByteCMap {
            let data: PDFWriter.StreamData = options.pretty
                ? .uncompressed(OneByteIdentityCMap.bytes) : .flate(PDFRenderer.compressedOneByteCMap)
            w.encodingCMap(oneByteCMap, data, name: OneByteIdentityCMap.name)
        }
        var fontRefs: [ObjectRef] = []
        for slot in slots {
            let font = slot.font
            let type0 = w.newRef(), cid = w.newRef(), descriptor = w.newRef(), file = w.newRef(), cmap = w.newRef()
            fontRefs.append(type0)
            w.type0Font(type0) { f in
                f.baseFont(font.baseFont)
                if slot.oneByte, let oneByteCMap { f.encoding(oneByteCMap) } else { f.encodingIdentityH() }
                f.descendantFont(cid)
                f.toUnicode(cmap)
            }
            w.cidFont(cid) { f in
                f.subtype(font.outlineFormat == .cff ? .type0 : .type2)
                f.baseFont(font.baseFont)
                f.systemInfo()
                f.fontDescriptor(descriptor)
                f.defaultWidth(Double(font.defaultWidth))
                f.widths(font.widths)
                if font.outlineFormat != .cff { f.cidToGIDMapIdentity() }
            }
            w.fontDescriptor(descriptor) { d in
                d.fontName(font.baseFont)
                d.flags(font.flags)
                d.bbox(font.bbox)
                d.italicAngle(font.italicAngle)
                d.ascent(font.ascent)
                d.descent(font.descent)
                d.capHeight(font.capHeight)
                d.stemV(font.stemV)
                if font.outlineFormat == .cff { d.fontFile3(file) } else { d.fontFile2(file) }
            }
            if font.outlineFormat == .cff {
                w.fontFile3(file, .flate(font.fontFile), subtype: .openType)
            } else {
                w.fontFile2(file, .flate(font.fontFile), uncompressedLength: font.fontFileLength)
            }
            w.toUnicodeCMap(cmap, .flate(slot.oneByte ? font.toUnicodeOneByte : font.toUnicode))
        }

        // Images, each once per PDF.
        var imageRefs: [ObjectRef] = []
        for image in images {
            let ref = w.newRef()
            imageRefs.append(ref)
            let mask = image.alpha.map { alpha -> ObjectRef in
                let maskRef = w.newRef()
                w.imageXObject(maskRef, .flate(alpha)) { x in
                    x.width(image.width)
                    x.height(image.height)
                    x.colorSpace(.deviceGray)
                    x.bitsPerComponent(image.bitsPerComponent)
                    x.pngPredictor(colors: 1, bitsPerComponent: image.bitsPerComponent, columns: image.width)
                }
                return maskRef
            }
            let data: PDFWriter.StreamData
            switch image.payload {
            case .flate(let bytes): data = .flate(bytes)
            case .dct(let bytes): data = .dct(bytes)
            }
            w.imageXObject(ref, data) { x in
                x.width(image.width)
                x.height(image.height)
                x.colorSpace(image.colorSpace)
                x.bitsPerComponent(image.bitsPerComponent)
                if image.invertedDecode { x.decode([1, 0, 1, 0, 1, 0, 1, 0]) }
                if image.predicted {
                    x.pngPredictor(colors: image.components, bitsPerComponent: image.bitsPerComponent, columns: image.width)
                }
                if let mask { x.sMask(mask) }
            }
        }

        w.resources(resources) { r in
            if !slots.isEmpty {
                r.fonts { f in for (slot, ref) in zip(slots, fontRefs) { f.pair(slot.name, ref) } }
            }
            if !imageRefs.isEmpty {
                r.xObjects { x in
                    for (image, ref) in zip(imageOrder, imageRefs) { x.pair(imageNames[image.id]!, ref) }
                }
            }
        }

        // Metadata: Info and XMP with the same values.
        let first = documents[0].metadata
        let created = PDFDate(options.creationDate, utcOffsetMinutes: options.utcOffsetMinutes)
        let modified = options.modificationDate.map { PDFDate($0, utcOffsetMinutes: options.utcOffsetMinutes) } ?? created
        let fields = DocumentMetadataFields(
            title: first.title, author: first.author, subject: first.subject, keywords: first.keywords,
            creator: options.creator, producer: options.producer, language: first.language,
            creationDate: created, modificationDate: modified)
        let info = w.newRef(), metadata = w.newRef()
        w.documentInfo(info) { fields.write(to: &$0) }
        let xmp = fields.xmpPacket(pdfA: options.pdfA, documentID: options.documentID, extraRDF: options.extraXMP)
        w.metadata(metadata, options.pdfA != nil || options.pretty ? .uncompressed(xmp) : .raw(xmp))
        let intent = options.pdfA != nil ? w.sRGBOutputIntent(compressedProfile: PDFRenderer.compressedProfile) : nil

        // Attachments.
        var specs: [(name: PDFString, fileSpec: ObjectRef)] = []
        for file in options.embeddedFiles {
            let stream = w.newRef(), spec = w.newRef()
            let fileDate = file.modificationDate.map { PDFDate($0, utcOffsetMinutes: options.utcOffsetMinutes) } ?? created
            w.embeddedFile(stream, .raw(file.data)) { e in
                e.mimeType(file.mimeType)
                e.params(size: file.data.count, creationDate: fileDate, modificationDate: fileDate)
            }
            w.fileSpec(spec) { f in
                f.fileName(PDFString(file.name))
                f.unicodeFileName(TextString(file.name))
                if let description = file.description { f.description(TextString(description)) }
                f.embeddedFile(stream)
                f.afRelationship(file.relationship)
            }
            specs.append((PDFString(file.name), spec))
        }

        w.catalog(catalog) { c in
            c.pages(pageTree)
            c.metadata(metadata)
            if let language = first.language { c.language(TextString(language)) }
            if let intent { c.outputIntents([intent]) }
            if !specs.isEmpty {
                c.names { n in n.embeddedFiles(specs) }
                c.associatedFiles(specs.map(\.fileSpec))
            }
            if first.title != nil { c.displayDocumentTitle() }
        }
        return w.finish(documentID: options.documentID)
    }
}
