// Typed writers for the document structure: catalog, page tree, pages, resources, info (§7.7, §14.3.3).

extension PDFWriter {
    /// Writes the document catalog (§7.7.2), the root of the object graph. Required, exactly once.
    public mutating func catalog(_ ref: ObjectRef, _ body: (inout CatalogWriter) -> Void) {
        precondition(catalogRef == nil, "catalog written twice")
        catalogRef = ref
        dictObject(ref, CatalogWriter.self) { w in
            w.dict.raw("/Type", "/Catalog")
            body(&w)
        }
    }

    /// Writes a page tree node (§7.7.3.2). `/Type /Pages`.
    public mutating func pages(_ ref: ObjectRef, _ body: (inout PagesWriter) -> Void) {
        dictObject(ref, PagesWriter.self) { w in
            w.dict.raw("/Type", "/Pages")
            body(&w)
        }
    }

    /// Writes a page object (§7.7.3.3). `/Type /Page`.
    public mutating func page(_ ref: ObjectRef, _ body: (inout PageWriter) -> Void) {
        dictObject(ref, PageWriter.self) { w in
            w.dict.raw("/Type", "/Page")
            body(&w)
        }
    }

    /// Writes a resource dictionary as an indirect object, to be shared by several pages
    /// through ``PageWriter/resources(_:)-(ObjectRef)``.
    public mutating func resources(_ ref: ObjectRef, _ body: (inout ResourcesWriter) -> Void) {
        dictObject(ref, ResourcesWriter.self, body)
    }

    /// Writes a content stream (§7.8.2). `data` is usually `.raw(content.bytes)` or cached `.flate`.
    public mutating func contentStream(_ ref: ObjectRef, _ data: StreamData) {
        streamObject(ref, data, GenericDict.self) { _ in }
    }

    /// Writes the document information dictionary (§14.3.3) and links it from the trailer.
    /// For PDF/A its entries must match the XMP metadata (ISO 19005-2 §6.6.3).
    public mutating func documentInfo(_ ref: ObjectRef, _ body: (inout InfoWriter) -> Void) {
        precondition(infoRef == nil, "info dictionary written twice")
        infoRef = ref
        dictObject(ref, InfoWriter.self, body)
    }
}

/// Writer for the document catalog.
public struct CatalogWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Pages`: the root of the page tree. Required.
    public mutating func pages(_ ref: ObjectRef) { dict.ref("/Pages", ref) }
    /// `/Metadata`: the XMP metadata stream (§14.3.2). PDF 1.4+; required by PDF/A.
    public mutating func metadata(_ ref: ObjectRef) { dict.ref("/Metadata", ref) }
    /// `/Lang`: the natural language of the document, a BCP 47 tag (§14.9.2.1). PDF 1.4+.
    public mutating func language(_ tag: TextString) { dict.entry("/Lang", tag) }
    /// `/OutputIntents`: output intent dictionaries (§14.11.5). PDF 1.4+; PDF/A requires a
    /// `GTS_PDFA1` intent when device colour spaces are used.
    public mutating func outputIntents(_ refs: [ObjectRef]) {
        dict.arrayEntry("/OutputIntents") { a in for r in refs { a.ref(r) } }
    }
    /// `/AF`: associated files of the document (ISO 32000-2 §14.13; PDF/A-3 §6.8). Each item is a file specification.
    public mutating func associatedFiles(_ refs: [ObjectRef]) {
        dict.arrayEntry("/AF") { a in for r in refs { a.ref(r) } }
    }
    /// `/Names`: the name dictionary (§7.7.4).
    public mutating func names(_ body: (inout NamesWriter) -> Void) {
        dict.nested("/Names", NamesWriter.self, body)
    }
    /// `/ViewerPreferences << /DisplayDocTitle true >>`: show the title instead of the file name (§12.2).
    public mutating func displayDocumentTitle() {
        dict.buf.appendASCII("/ViewerPreferences<</DisplayDocTitle true>>")
    }
}

/// Writer for the catalog's name dictionary.
public struct NamesWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/EmbeddedFiles`: a name tree (§7.9.6) of file specifications, written as one leaf node.
    /// Keys are sorted by byte order here, as the spec requires.
    public mutating func embeddedFiles(_ entries: [(name: PDFString, fileSpec: ObjectRef)]) {
        let sorted = entries.sorted { $0.name.bytes.lexicographicallyPrecedes($1.name.bytes) }
        dict.buf.appendASCII("/EmbeddedFiles<</Names[")
        for (i, entry) in sorted.enumerated() {
            if i > 0 { dict.buf.append(0x20) }
            entry.name.write(to: &dict.buf)
            dict.buf.append(0x20)
            entry.fileSpec.write(to: &dict.buf)
        }
        dict.buf.appendASCII("]>>")
    }
}

/// Writer for a page tree node.
public struct PagesWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Kids`: the child pages. Required.
    public mutating func kids(_ refs: [ObjectRef]) {
        dict.arrayEntry("/Kids") { a in for r in refs { a.ref(r) } }
    }
    /// `/Count`: the number of leaf pages below this node. Required.
    public mutating func count(_ n: Int) { dict.int("/Count", n) }
}

/// Writer for a page object.
public struct PageWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Parent`: the page tree node. Required.
    public mutating func parent(_ ref: ObjectRef) { dict.ref("/Parent", ref) }
    /// `/MediaBox`: the physical page boundaries in points. Required (inheritable).
    public mutating func mediaBox(_ rect: Rect) { dict.entry("/MediaBox", rect) }
    /// `/CropBox`: the visible region. Default: the media box.
    public mutating func cropBox(_ rect: Rect) { dict.entry("/CropBox", rect) }
    /// `/TrimBox`: the intended finished page (print). PDF 1.3+. Default: the crop box.
    public mutating func trimBox(_ rect: Rect) { dict.entry("/TrimBox", rect) }
    /// `/Contents`: the content stream.
    public mutating func contents(_ ref: ObjectRef) { dict.ref("/Contents", ref) }
    /// `/Contents [...]`: several content streams, drawn as if concatenated (§7.8.2) — e.g. a letter's page
    /// and the marks a print file adds to it.
    public mutating func contents(_ refs: [ObjectRef]) {
        dict.arrayEntry("/Contents") { a in for r in refs { a.ref(r) } }
    }
    /// `/Resources`: the resources used by the content stream. Required (inheritable).
    public mutating func resources(_ body: (inout ResourcesWriter) -> Void) {
        dict.nested("/Resources", ResourcesWriter.self, body)
    }
    /// `/Resources`: a shared indirect resource dictionary.
    public mutating func resources(_ ref: ObjectRef) { dict.ref("/Resources", ref) }
    /// `/Group << /S /Transparency /CS /DeviceRGB >>`: a page transparency group (§11.4.7), used
    /// when soft masks are drawn so blending happens in a defined colour space.
    public mutating func transparencyGroupRGB() {
        dict.buf.appendASCII("/Group<</S/Transparency/CS/DeviceRGB>>")
    }
}

/// Writer for a resource dictionary (§7.8.3).
public struct ResourcesWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Font`: resource names -> font dictionaries.
    public mutating func fonts(_ body: (inout ResourceMapWriter) -> Void) {
        dict.nested("/Font", ResourceMapWriter.self, body)
    }
    /// `/XObject`: resource names -> external objects (images, forms).
    public mutating func xObjects(_ body: (inout ResourceMapWriter) -> Void) {
        dict.nested("/XObject", ResourceMapWriter.self, body)
    }
    /// `/ExtGState`: resource names -> graphics state parameter dictionaries.
    public mutating func extGStates(_ body: (inout ResourceMapWriter) -> Void) {
        dict.nested("/ExtGState", ResourceMapWriter.self, body)
    }
}

/// Writer for a map of resource names to indirect objects.
public struct ResourceMapWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// Maps `name` (used by `Tf`, `Do`, `gs`) to `ref`.
    public mutating func pair(_ name: Name, _ ref: ObjectRef) { dict.pair(name, ref) }
}

/// Writer for the document information dictionary.
public struct InfoWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Title`. PDF 1.1+. PDF/A: equals `dc:title`.
    public mutating func title(_ s: TextString) { dict.entry("/Title", s) }
    /// `/Author`. PDF/A: equals the single `dc:creator` entry.
    public mutating func author(_ s: TextString) { dict.entry("/Author", s) }
    /// `/Subject`. PDF 1.1+. PDF/A: equals `dc:description`.
    public mutating func subject(_ s: TextString) { dict.entry("/Subject", s) }
    /// `/Keywords`. PDF 1.1+. PDF/A: equals `pdf:Keywords`.
    public mutating func keywords(_ s: TextString) { dict.entry("/Keywords", s) }
    /// `/Creator`: the application that created the original document. PDF/A: equals `xmp:CreatorTool`.
    public mutating func creator(_ s: TextString) { dict.entry("/Creator", s) }
    /// `/Producer`: the application that wrote the PDF. PDF/A: equals `pdf:Producer`.
    public mutating func producer(_ s: TextString) { dict.entry("/Producer", s) }
    /// `/CreationDate`. PDF/A: equals `xmp:CreateDate`.
    public mutating func creationDate(_ d: PDFDate) { dict.entry("/CreationDate", d) }
    /// `/ModDate`. PDF/A: equals `xmp:ModifyDate`.
    public mutating func modificationDate(_ d: PDFDate) { dict.entry("/ModDate", d) }
}
