/// The PDF/A conformance level claimed in XMP (`pdfaid:part`, `pdfaid:conformance`).
public enum PDFAConformance: String, Sendable, Hashable, CaseIterable {
    /// PDF/A-2b (ISO 19005-2, basic): visual appearance preserved; embedded files must be PDF/A.
    case a2b
    /// PDF/A-3b (ISO 19005-3, basic): like 2b, plus arbitrary embedded files with `/AFRelationship` (ZUGFeRD).
    case a3b

    /// `pdfaid:part`.
    public var part: Int { self == .a2b ? 2 : 3 }
    /// `pdfaid:conformance` (upper case; lower case is invalid).
    public var conformance: String { "B" }
}

/// Document metadata written both to the Info dictionary and, consistently, to XMP (§14.3).
public struct DocumentMetadataFields: Sendable, Hashable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    /// The application that made the original document (`/Creator`, `xmp:CreatorTool`).
    public var creator: String?
    /// The PDF producer (`/Producer`, `pdf:Producer`).
    public var producer: String?
    /// Natural language, BCP 47 (`/Lang`, `dc:language`).
    public var language: String?
    public var creationDate: PDFDate
    public var modificationDate: PDFDate

    public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
                creator: String? = nil, producer: String? = nil, language: String? = nil,
                creationDate: PDFDate, modificationDate: PDFDate? = nil) {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.producer = producer; self.language = language
        self.creationDate = creationDate
        self.modificationDate = modificationDate ?? creationDate
    }

    /// Writes the matching Info dictionary entries.
    public func write(to info: inout InfoWriter) {
        if let title { info.title(TextString(title)) }
        if let author { info.author(TextString(author)) }
        if let subject { info.subject(TextString(subject)) }
        if let keywords { info.keywords(TextString(keywords)) }
        if let creator { info.creator(TextString(creator)) }
        if let producer { info.producer(TextString(producer)) }
        info.creationDate(creationDate)
        info.modificationDate(modificationDate)
    }

    /// The XMP packet (uncompressed UTF-8) with the same values and, when given, the PDF/A
    /// identification schema. `extraRDF` is inserted verbatim as further `rdf:Description`
    /// elements (e.g. the Factur-X extension schema).
    public func xmpPacket(pdfA: PDFAConformance?, documentID: [UInt8]? = nil, extraRDF: String = "") -> [UInt8] {
        // Built in bytes (not String interpolation): this runs once per document.
        var x: [UInt8] = []
        x.reserveCapacity(1536)
        x.append(contentsOf: "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n".utf8)
        x.appendASCII("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
        x.appendASCII("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
        x.appendASCII("<dc:format>application/pdf</dc:format>\n")
        if let title {
            x.appendASCII("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">")
            Self.escape(title, into: &x)
            x.appendASCII("</rdf:li></rdf:Alt></dc:title>\n")
        }
        if let author {
            x.appendASCII("<dc:creator><rdf:Seq><rdf:li>")
            Self.escape(author, into: &x)
            x.appendASCII("</rdf:li></rdf:Seq></dc:creator>\n")
        }
        if let subject {
            x.appendASCII("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">")
            Self.escape(subject, into: &x)
            x.appendASCII("</rdf:li></rdf:Alt></dc:description>\n")
        }
        if let language {
            x.appendASCII("<dc:language><rdf:Bag><rdf:li>")
            Self.escape(language, into: &x)
            x.appendASCII("</rdf:li></rdf:Bag></dc:language>\n")
        }
        x.appendASCII("</rdf:Description>\n")
        x.appendASCII("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
        x.appendASCII("<xmp:CreateDate>"); x.append(contentsOf: creationDate.iso8601.utf8); x.appendASCII("</xmp:CreateDate>\n")
        let modified = modificationDate.iso8601.utf8
        x.appendASCII("<xmp:ModifyDate>"); x.append(contentsOf: modified); x.appendASCII("</xmp:ModifyDate>\n")
        x.appendASCII("<xmp:MetadataDate>"); x.append(contentsOf: modified); x.appendASCII("</xmp:MetadataDate>\n")
        if let creator {
            x.appendASCII("<xmp:CreatorTool>"); Self.escape(creator, into: &x); x.appendASCII("</xmp:CreatorTool>\n")
        }
        x.appendASCII("</rdf:Description>\n")
        x.appendASCII("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
        if let producer {
            x.appendASCII("<pdf:Producer>"); Self.escape(producer, into: &x); x.appendASCII("</pdf:Producer>\n")
        }
        if let keywords {
            x.appendASCII("<pdf:Keywords>"); Self.escape(keywords, into: &x); x.appendASCII("</pdf:Keywords>\n")
        }
        x.appendASCII("</rdf:Description>\n")
        if let documentID {
            x.appendASCII("<rdf:Description rdf:about=\"\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n")
            x.appendASCII("<xmpMM:DocumentID>uuid:")
            for b in documentID { x.appendHexByte(b) }
            x.appendASCII("</xmpMM:DocumentID>\n</rdf:Description>\n")
        }
        if let pdfA {
            x.appendASCII("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n<pdfaid:part>")
            x.appendInt(pdfA.part)
            x.appendASCII("</pdfaid:part>\n<pdfaid:conformance>")
            x.append(contentsOf: pdfA.conformance.utf8)
            x.appendASCII("</pdfaid:conformance>\n</rdf:Description>\n")
        }
        x.append(contentsOf: extraRDF.utf8)
        x.appendASCII("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
        return x
    }

    /// Escapes XML character data into `out`; control characters other than TAB/LF/CR are
    /// dropped (not allowed in XML 1.0).
    static func escape(_ s: String, into out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case 0x26: out.appendASCII("&amp;")
            case 0x3C: out.appendASCII("&lt;")
            case 0x3E: out.appendASCII("&gt;")
            case 0x22: out.appendASCII("&quot;")
            case 0x09, 0x0A, 0x0D: out.append(b)
            case 0..<0x20, 0x7F: continue
            default: out.append(b)
            }
        }
    }

}
