// Typed writers for archival features: XMP metadata, output intents, ICC profiles, embedded files.

extension PDFWriter {
    /// Writes an XMP metadata stream (§14.3.2). `/Type /Metadata /Subtype /XML`. Pass
    /// `.uncompressed` for PDF/A so the packet can be found by scanning the file.
    public mutating func metadata(_ ref: ObjectRef, _ data: StreamData) {
        streamObject(ref, data, GenericDict.self) { w in w.dict.raw("/Type", "/Metadata/Subtype/XML") }
    }

    /// Writes an ICC profile stream (§8.6.5.5) with `/N` components and an alternate space.
    public mutating func iccProfile(_ ref: ObjectRef, _ data: StreamData, components: Int, alternate: ColorSpace) {
        streamObject(ref, data, ImageXObjectWriter.self) { w in
            w.dict.int("/N", components)
            switch alternate {
            case .deviceGray: w.dict.raw("/Alternate", "/DeviceGray")
            case .deviceCMYK: w.dict.raw("/Alternate", "/DeviceCMYK")
            default: w.dict.raw("/Alternate", "/DeviceRGB")
            }
        }
    }

    /// Writes an output intent dictionary (§14.11.5). `/Type /OutputIntent`.
    public mutating func outputIntent(_ ref: ObjectRef, _ body: (inout OutputIntentWriter) -> Void) {
        dictObject(ref, OutputIntentWriter.self) { w in
            w.dict.raw("/Type", "/OutputIntent")
            body(&w)
        }
    }

    /// Writes an embedded file stream (§7.11.4). `/Type /EmbeddedFile`.
    public mutating func embeddedFile(_ ref: ObjectRef, _ data: StreamData, _ body: (inout EmbeddedFileWriter) -> Void) {
        streamObject(ref, data, EmbeddedFileWriter.self) { w in
            w.dict.raw("/Type", "/EmbeddedFile")
            body(&w)
        }
    }

    /// Writes a file specification dictionary (§7.11.3). `/Type /Filespec`.
    public mutating func fileSpec(_ ref: ObjectRef, _ body: (inout FileSpecWriter) -> Void) {
        dictObject(ref, FileSpecWriter.self) { w in
            w.dict.raw("/Type", "/Filespec")
            body(&w)
        }
    }
}

/// Writer for an output intent.
public struct OutputIntentWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// The output intent subtype (§14.11.5, Table 365).
    public enum Subtype: Sendable {
        /// `/GTS_PDFA1`: the intent PDF/A (all parts) requires.
        case pdfA
        /// `/GTS_PDFX`.
        case pdfX
    }

    /// `/S`. Required.
    public mutating func subtype(_ s: Subtype) {
        switch s {
        case .pdfA: dict.raw("/S", "/GTS_PDFA1")
        case .pdfX: dict.raw("/S", "/GTS_PDFX")
        }
    }
    /// `/OutputConditionIdentifier`, e.g. `sRGB IEC61966-2.1`. Required.
    public mutating func outputConditionIdentifier(_ s: TextString) { dict.entry("/OutputConditionIdentifier", s) }
    /// `/OutputCondition`: a human-readable description.
    public mutating func outputCondition(_ s: TextString) { dict.entry("/OutputCondition", s) }
    /// `/RegistryName`, e.g. `http://www.color.org`.
    public mutating func registryName(_ s: TextString) { dict.entry("/RegistryName", s) }
    /// `/Info`: further description of the condition.
    public mutating func info(_ s: TextString) { dict.entry("/Info", s) }
    /// `/DestOutputProfile`: the ICC profile stream. Required for PDF/A unless the identifier is a registered standard.
    public mutating func destOutputProfile(_ ref: ObjectRef) { dict.ref("/DestOutputProfile", ref) }
}

/// Writer for an embedded file stream.
public struct EmbeddedFileWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Subtype`: the MIME type as a name, e.g. `text/xml` (written `/text#2Fxml`). Required by PDF/A-3.
    public mutating func mimeType(_ mime: String) { dict.name("/Subtype", Name(mime)) }
    /// `/Params`: size and dates of the file (§7.11.4.2, Table 46). `/ModDate` is required by PDF/A-3.
    public mutating func params(size: Int, creationDate: PDFDate? = nil, modificationDate: PDFDate? = nil) {
        dict.buf.appendASCII("/Params<</Size ")
        dict.buf.appendInt(size)
        if let creationDate {
            dict.buf.appendASCII("/CreationDate")
            creationDate.writePDF(to: &dict.buf)
        }
        if let modificationDate {
            dict.buf.appendASCII("/ModDate")
            modificationDate.writePDF(to: &dict.buf)
        }
        dict.buf.appendASCII(">>")
    }
}

/// The relationship of an associated file to the document (ISO 32000-2 §7.11.3, PDF/A-3 §6.8).
public enum AFRelationship: String, Sendable, Hashable {
    /// The original source material (e.g. the data the document was made from).
    case source = "Source"
    /// Information used to derive a visual presentation (ZUGFeRD / Factur-X XML: "Data" or "Alternative").
    case data = "Data"
    /// An alternative representation of the content.
    case alternative = "Alternative"
    /// A supplemental representation.
    case supplement = "Supplement"
    /// Unknown or not one of the above.
    case unspecified = "Unspecified"
}

/// Writer for a file specification dictionary.
public struct FileSpecWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/F`: the file name as bytes (ASCII recommended).
    public mutating func fileName(_ s: PDFString) { dict.entry("/F", s) }
    /// `/UF`: the Unicode file name. PDF 1.7+; required by PDF/A-3.
    public mutating func unicodeFileName(_ s: TextString) { dict.entry("/UF", s) }
    /// `/Desc`: a description of the file.
    public mutating func description(_ s: TextString) { dict.entry("/Desc", s) }
    /// `/EF << /F ref /UF ref >>`: the embedded file stream.
    public mutating func embeddedFile(_ ref: ObjectRef) {
        dict.buf.appendASCII("/EF<</F ")
        ref.write(to: &dict.buf)
        dict.buf.appendASCII("/UF ")
        ref.write(to: &dict.buf)
        dict.buf.appendASCII(">>")
    }
    /// `/AFRelationship`. Required by PDF/A-3 for associated files.
    public mutating func afRelationship(_ r: AFRelationship) { dict.name("/AFRelationship", Name(r.rawValue)) }
}
