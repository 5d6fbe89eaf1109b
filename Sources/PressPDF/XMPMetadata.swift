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
        var x = ""
        x.reserveCapacity(2048)
        x += "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        x += "<dc:format>application/pdf</dc:format>\n"
        if let title {
            x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Self.escape(title))</rdf:li></rdf:Alt></dc:title>\n"
        }
        if let author {
            x += "<dc:creator><rdf:Seq><rdf:li>\(Self.escape(author))</rdf:li></rdf:Seq></dc:creator>\n"
        }
        if let subject {
            x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(Self.escape(subject))</rdf:li></rdf:Alt></dc:description>\n"
        }
        if let language {
            x += "<dc:language><rdf:Bag><rdf:li>\(Self.escape(language))</rdf:li></rdf:Bag></dc:language>\n"
        }
        x += "</rdf:Description>\n"
        x += "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
        x += "<xmp:CreateDate>\(creationDate.iso8601)</xmp:CreateDate>\n"
        x += "<xmp:ModifyDate>\(modificationDate.iso8601)</xmp:ModifyDate>\n"
        x += "<xmp:MetadataDate>\(modificationDate.iso8601)</xmp:MetadataDate>\n"
        if let creator { x += "<xmp:CreatorTool>\(Self.escape(creator))</xmp:CreatorTool>\n" }
        x += "</rdf:Description>\n"
        x += "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        if let producer { x += "<pdf:Producer>\(Self.escape(producer))</pdf:Producer>\n" }
        if let keywords { x += "<pdf:Keywords>\(Self.escape(keywords))</pdf:Keywords>\n" }
        x += "</rdf:Description>\n"
        if let documentID {
            var hex: [UInt8] = []
            for b in documentID { hex.appendHexByte(b) }
            let id = String(decoding: hex, as: UTF8.self)
            x += "<rdf:Description rdf:about=\"\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n"
            x += "<xmpMM:DocumentID>uuid:\(id)</xmpMM:DocumentID>\n"
            x += "</rdf:Description>\n"
        }
        if let pdfA {
            x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
            x += "<pdfaid:part>\(pdfA.part)</pdfaid:part>\n<pdfaid:conformance>\(pdfA.conformance)</pdfaid:conformance>\n"
            x += "</rdf:Description>\n"
        }
        x += extraRDF
        x += "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
        return Array(x.utf8)
    }

    /// Escapes XML character data; control characters other than TAB/LF/CR are dropped (not allowed in XML 1.0).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
