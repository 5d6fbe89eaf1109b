import PressFonts
import PressLayout
import PressImages
import PressPDF

/// The document-level objects every PDF of the renderer has in common — pages, page tree, fonts, images, a
/// resource dictionary, and the end of the file (Info and XMP, output intent, attachments, catalog) — so
/// that a document rendered in one go (`PDFRenderer.render`) and a print file assembled from pre-rendered
/// pages (`PDFRenderer.assemble`) write them the same way, in the same order (object numbers and bytes of
/// a plain render are unchanged by this split).
enum PDFObjects {
    /// The sRGB profile and the one-byte CMap, compressed once per process.
    static let compressedProfile = Deflate.compress(SRGBProfile.bytes, level: 9)
    static let compressedOneByteCMap = Deflate.compress(OneByteIdentityCMap.bytes, level: 9)

    static func writerOptions(_ options: PDFRenderOptions) -> PDFWriter.Options {
        options.pretty ? PDFWriter.Options.pretty : PDFWriter.Options(compressionLevel: options.compressionLevel)
    }

    /// Ids of the images drawn with a soft mask (their pages need a transparency group).
    static func softMaskedImageIDs(_ order: [ImageResource], _ images: [PreparedImage]) -> Set<String> {
        Set(zip(order, images).filter { $0.1.alpha != nil }.map { $0.0.id })
    }

    static func usesSoftMask(_ items: [PageItem], _ softMasked: Set<String>) -> Bool {
        !softMasked.isEmpty && items.contains {
            if case .image(let placed) = $0 { return softMasked.contains(placed.image.id) }
            return false
        }
    }

    /// One page object (one content stream, or an array of them).
    static func page(_ w: inout PDFWriter, _ ref: ObjectRef, width: Double, height: Double, parent: ObjectRef,
                     resources: ObjectRef, contents: [ObjectRef], softMask: Bool) {
        w.page(ref) { p in
            p.parent(parent)
            p.mediaBox(PressPDF.Rect(width: width, height: height))
            p.resources(resources)
            if contents.count == 1 { p.contents(contents[0]) } else { p.contents(contents) }
            if softMask { p.transparencyGroupRGB() }
        }
    }

    /// The page tree: one flat `/Kids` array.
    static func pageTree(_ w: inout PDFWriter, _ ref: ObjectRef, pages: [ObjectRef]) {
        w.pages(ref) { p in
            p.kids(pages)
            p.count(pages.count)
        }
    }

    /// The Type0 fonts (with CID font, descriptor, program and ToUnicode) in order; returns the Type0
    /// references (`refs` when given: references handed out before). `oneByte[i]`: font i is written with the
    /// shared one-byte CMap instead of Identity-H.
    @discardableResult
    static func fonts(_ w: inout PDFWriter, _ fonts: [PreparedFont], oneByte: [Bool], pretty: Bool,
                      refs given: [ObjectRef]? = nil) -> [ObjectRef] {
        // One shared one-byte CMap for the fonts whose subsets have at most 256 glyphs.
        let oneByteCMap = oneByte.contains(true) ? w.newRef() : nil
        if let oneByteCMap {
            let data: PDFWriter.StreamData = pretty ? .uncompressed(OneByteIdentityCMap.bytes) : .flate(compressedOneByteCMap)
            w.encodingCMap(oneByteCMap, data, name: OneByteIdentityCMap.name)
        }
        var refs: [ObjectRef] = []
        refs.reserveCapacity(fonts.count)
        for (i, (font, isOneByte)) in zip(fonts, oneByte).enumerated() {
            let type0 = given?[i] ?? w.newRef()
            let cid = w.newRef(), descriptor = w.newRef(), file = w.newRef(), cmap = w.newRef()
            refs.append(type0)
            w.type0Font(type0) { f in
                f.baseFont(font.baseFont)
                if isOneByte, let oneByteCMap { f.encoding(oneByteCMap) } else { f.encodingIdentityH() }
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
            w.toUnicodeCMap(cmap, .flate(isOneByte ? font.toUnicodeOneByte : font.toUnicode))
        }
        return refs
    }

    /// The image XObjects (and their soft masks), each once; returns their references in order (`refs` when
    /// given: references handed out before).
    @discardableResult
    static func images(_ w: inout PDFWriter, _ images: [PreparedImage], refs given: [ObjectRef]? = nil) -> [ObjectRef] {
        var refs: [ObjectRef] = []
        refs.reserveCapacity(images.count)
        for (i, image) in images.enumerated() {
            let ref = given?[i] ?? w.newRef()
            refs.append(ref)
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
        return refs
    }

    /// A resource dictionary naming fonts and image XObjects.
    static func resources(_ w: inout PDFWriter, _ ref: ObjectRef, fonts: [(Name, ObjectRef)], images: [(Name, ObjectRef)]) {
        w.resources(ref) { r in
            if !fonts.isEmpty {
                r.fonts { f in for (name, font) in fonts { f.pair(name, font) } }
            }
            if !images.isEmpty {
                r.xObjects { x in for (name, image) in images { x.pair(name, image) } }
            }
        }
    }

    /// Info and XMP metadata (the same values), the sRGB output intent for PDF/A, attachments and the
    /// catalog; then the cross-reference section. Returns the file's bytes.
    static func finish(_ w: inout PDFWriter, catalog: ObjectRef, pageTree: ObjectRef,
                       metadata first: DocumentMetadata, options: PDFRenderOptions) -> [UInt8] {
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
        let intent = options.pdfA != nil ? w.sRGBOutputIntent(compressedProfile: compressedProfile) : nil

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
