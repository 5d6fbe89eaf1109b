public import Foundation
public import PressPDF

/// How ``PDFRenderer`` writes a document. Everything that would make output vary between runs
/// (dates, ids) is injected here, so the same document and options give the same bytes.
public struct PDFRenderOptions: Sendable {
    /// `/CreationDate` and `xmp:CreateDate`. Injected: never the wall clock.
    public var creationDate: Date
    /// `/ModDate`; defaults to `creationDate`.
    public var modificationDate: Date?
    /// UTC offset (minutes) the dates are written with. Default 0 (UTC).
    public var utcOffsetMinutes: Int
    /// Claim and follow PDF/A-2b or PDF/A-3b (XMP identification, sRGB output intent,
    /// uncompressed XMP, CMYK colours converted to RGB). nil: plain PDF 1.7.
    public var pdfA: PDFAConformance?
    /// Files attached to the document (`/EmbeddedFiles` and the catalog's `/AF`). PDF/A-2b
    /// allows only PDF/A attachments; use `.a3b` for XML (ZUGFeRD / Factur-X).
    public var embeddedFiles: [EmbeddedFile]
    /// Deflate level for content, object and xref streams (0 = uncompressed ... 9). Default 1:
    /// libdeflate's fastest level is about twice as fast as zlib's level 3 (the default before
    /// libdeflate) on a page's 2-10 KB content stream and still a little smaller (2,962 vs 3,011
    /// bytes for a 9.7 KB invoice page). Fonts and images are compressed once at level 9 (libdeflate's
    /// 12) and cached.
    public var compressionLevel: Int
    /// How text codes map to glyphs. Default ``FontEncoding/identityH`` (two-byte CIDs, the
    /// predefined Identity-H CMap); ``FontEncoding/oneByte`` writes fonts whose subset has at most
    /// 256 glyphs with a small embedded one-byte CMap (shorter content streams, ~100-200 bytes per document).
    public var fontEncoding: FontEncoding
    /// `/Producer` and `pdf:Producer`.
    public var producer: String
    /// `/Creator` and `xmp:CreatorTool` (the application that made the content), if any.
    public var creator: String?
    /// The 16 bytes of the trailer `/ID`; nil derives them from a hash of the file's content.
    public var documentID: [UInt8]?
    /// Readable output for goldens: no compression of content streams, classic xref table.
    public var pretty: Bool
    /// Extra `rdf:Description` elements for the XMP packet (e.g. the Factur-X extension schema).
    public var extraXMP: String

    public init(creationDate: Date, modificationDate: Date? = nil, utcOffsetMinutes: Int = 0,
                pdfA: PDFAConformance? = nil, embeddedFiles: [EmbeddedFile] = [], compressionLevel: Int = 1,
                producer: String = "Presswork", creator: String? = nil, documentID: [UInt8]? = nil,
                pretty: Bool = false, extraXMP: String = "", fontEncoding: FontEncoding = .identityH) {
        self.fontEncoding = fontEncoding
        self.creationDate = creationDate
        self.modificationDate = modificationDate
        self.utcOffsetMinutes = utcOffsetMinutes
        self.pdfA = pdfA
        self.embeddedFiles = embeddedFiles
        self.compressionLevel = compressionLevel
        self.producer = producer
        self.creator = creator
        self.documentID = documentID
        self.pretty = pretty
        self.extraXMP = extraXMP
    }
}

/// The `/Encoding` of embedded Type 0 fonts (ISO 32000-1 §9.7.5).
public enum FontEncoding: Sendable, Hashable {
    /// Identity-H for every font: each glyph is a two-byte CID.
    case identityH
    /// An embedded one-byte identity CMap for fonts whose subset has at most 256 glyphs (pdffonts
    /// shows "Custom"); Identity-H for larger subsets.
    case oneByte
}

/// A file attached to a PDF (§7.11.4; PDF/A-3 §6.8 associated files).
public struct EmbeddedFile: Sendable, Hashable {
    /// File name as shown by readers, e.g. `factur-x.xml`.
    public var name: String
    /// The file's bytes.
    public var data: [UInt8]
    /// MIME type, e.g. `text/xml`. Required by PDF/A-3.
    public var mimeType: String
    /// Human-readable description.
    public var description: String?
    /// How the file relates to the document (`/AFRelationship`).
    public var relationship: AFRelationship
    /// The file's modification date; defaults to the document's creation date.
    public var modificationDate: Date?

    public init(name: String, data: [UInt8], mimeType: String, description: String? = nil,
                relationship: AFRelationship = .data, modificationDate: Date? = nil) {
        self.name = name
        self.data = data
        self.mimeType = mimeType
        self.description = description
        self.relationship = relationship
        self.modificationDate = modificationDate
    }
}

extension PDFDate {
    init(_ date: Date, utcOffsetMinutes: Int) {
        self.init(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)), utcOffsetMinutes: utcOffsetMinutes)
    }
}
